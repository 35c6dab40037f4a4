"""A partnership as the API gives it (``/api/partnerships/``): its public fields, both sides with their country."""


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
