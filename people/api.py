"""A researcher as the API gives it (``/api/researchers/``): public fields only, their schemas, their links."""

from api.fields import COUNTRY, NAMED, TEXT, array, choice, record
from directory.models import Sector

from .models import CareerStage, EnglishLevel

FIELDS = {
    "slug": TEXT,
    "name": TEXT,
    "given_name": TEXT,
    "family_name": TEXT,
    "name_ja": TEXT,
    "affiliation": {"oneOf": [record(slug=TEXT, name=TEXT, sector=choice(Sector)), {"type": "null"}]},
    "country": {"oneOf": [COUNTRY, {"type": "null"}]},
    "career_stage": choice(CareerStage),
    "english_level": choice(EnglishLevel),
    "fields": array(NAMED),
    "orcid": TEXT,
    "bio": TEXT,
    "bio_ja": TEXT,
}


def serialize(researcher):
    """The public fields of one researcher (no e-mail, no consent data; what ``for_search()`` loads)."""
    org, country = researcher.affiliation, researcher.country
    return {
        "slug": researcher.slug,
        "name": researcher.name,
        "given_name": researcher.given_name,
        "family_name": researcher.family_name,
        "name_ja": researcher.name_ja,
        "affiliation": {"slug": org.slug, "name": org.name, "sector": org.sector} if org else None,
        "country": {"iso2": country.iso2, "name": country.name} if country else None,
        "career_stage": researcher.career_stage,
        "english_level": researcher.english_level,
        "fields": [{"slug": f.slug, "name": f.name} for f in researcher.fields.all()],
        "orcid": researcher.orcid,
        "bio": researcher.bio,
        "bio_ja": researcher.bio_ja,
    }


def related(researcher):
    """What the researcher's page links to, public records only (``for_detail()``'s prefetches, plus one query:
    the published initiatives they take part in, reached through the relation the initiatives register declares,
    so this register imports nothing above it)."""
    hosts = {exchange.host_organization for exchange in researcher.exchanges.all() if exchange.host_organization}
    return {
        "affiliation": [researcher.affiliation] if researcher.affiliation else [],
        "country": [researcher.country] if researcher.country else [],
        "fields": list(researcher.fields.all()),
        "exchange_hosts": sorted(hosts, key=lambda org: org.name),
        "initiatives": list(researcher.initiatives.published().distinct().order_by("title")),
    }
