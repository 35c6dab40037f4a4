"""An initiative as the API gives it (``/api/initiatives/``): its public fields, their schemas, its links."""

from api.fields import COUNTRY, DATE, INTEGER, NAMED, TEXT, array, choice, nullable, record
from directory.models import Sector

from .models import Initiative, InitiativeKind, InitiativeStatus

FIELDS = {
    "slug": TEXT,
    "title": TEXT,
    "title_ja": TEXT,
    "summary": TEXT,
    "summary_ja": TEXT,
    "kind": choice(InitiativeKind),
    "status": choice(InitiativeStatus),
    "start_date": nullable(DATE),
    "end_date": nullable(DATE),
    "policy_areas": array(NAMED),
    "countries": array(COUNTRY),
    "lead_organization": {"oneOf": [record(slug=TEXT, name=TEXT, sector=choice(Sector)), {"type": "null"}]},
    "funding_jpy": nullable(INTEGER),
}


def serialize(initiative):
    """The public fields of one initiative (what ``for_search()`` loads: no extra query)."""
    lead = initiative.lead_organization
    return {
        "slug": initiative.slug,
        "title": initiative.title,
        "title_ja": initiative.title_ja,
        "summary": initiative.summary,
        "summary_ja": initiative.summary_ja,
        "kind": initiative.kind,
        "status": initiative.status,
        "start_date": initiative.start_date,
        "end_date": initiative.end_date,
        "policy_areas": [{"slug": a.slug, "name": a.name} for a in initiative.policy_areas.all()],
        "countries": [{"iso2": c.iso2, "name": c.name} for c in initiative.countries.all()],
        "lead_organization": {"slug": lead.slug, "name": lead.name, "sector": lead.sector} if lead else None,
        "funding_jpy": initiative.funding_jpy,
    }


def related(initiative):
    """What the initiative's page links to, public records only (``for_detail()``'s prefetches, plus one query
    for the related initiatives)."""
    lead = initiative.lead_organization
    return {
        "lead_organization": [lead] if lead else [],
        "partner_organizations": list(initiative.partner_organizations.all()),
        "countries": list(initiative.countries.all()),
        "policy_areas": list(initiative.policy_areas.all()),
        "frameworks": list(initiative.frameworks.all()),
        "researchers": [participation.researcher for participation in initiative.public_participations],
        "related_initiatives": list(Initiative.objects.related_to(initiative)),
    }
