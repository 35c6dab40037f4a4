"""A partnership as the API gives it (``/api/partnerships/``): its public fields, both sides with their country,
their schemas and its links."""

from api.fields import COUNTRY, NAMED, TEXT, array, choice, nullable, record
from api.fields import INTEGER as YEAR
from directory.models import LocalityLevel

from .models import PartnershipKind, PartnershipStatus

LOCALITY = record(name=TEXT, name_ja=TEXT, level=choice(LocalityLevel), iso_code=nullable(TEXT), country=COUNTRY)

FIELDS = {
    "slug": TEXT,
    "title": TEXT,
    "japanese_locality": LOCALITY,
    "foreign_locality": LOCALITY,
    "kind": choice(PartnershipKind),
    "status": choice(PartnershipStatus),
    "established": nullable(YEAR),
    "focus_areas": array(NAMED),
    "description": TEXT,
    "description_ja": TEXT,
}


def _locality(locality):
    return {
        "name": locality.name,
        "name_ja": locality.name_ja,
        "level": locality.level,
        "iso_code": locality.prefecture.iso_code or None,
        "country": {"iso2": locality.country.iso2, "name": locality.country.name},
    }


def serialize(partnership):
    """The public fields of one partnership (what ``for_search()`` loads: no extra query)."""
    return {
        "slug": partnership.slug,
        "title": partnership.title,
        "japanese_locality": _locality(partnership.japanese_locality),
        "foreign_locality": _locality(partnership.foreign_locality),
        "kind": partnership.kind,
        "status": partnership.status,
        "established": partnership.established,
        "focus_areas": [{"slug": a.slug, "name": a.name} for a in partnership.focus_areas.all()],
        "description": partnership.description,
        "description_ja": partnership.description_ja,
    }


def related(partnership):
    """What the partnership's page links to (``for_detail()``'s joins and prefetches: no extra query)."""
    sides = (partnership.japanese_locality, partnership.foreign_locality)
    return {
        "localities": list(sides),
        "countries": list(dict.fromkeys(side.country for side in sides)),
        "focus_areas": list(partnership.focus_areas.all()),
    }
