"""An initiative as schema.org JSON-LD: a ResearchProject (research collaborations and centres) or a Project,
with its lead organization as funder, its dates, policy areas, partner countries and organizations."""

from api.linked_data import names, node, page
from bilingual.content import localized
from directory import linked_data as directory

from .models import InitiativeKind

RESEARCH = {InitiativeKind.RESEARCH_COLLABORATION, InitiativeKind.RESEARCH_CENTRE}


def reference(obj, request):
    """The initiative's type, page and name: what another record's JSON-LD says of it."""
    name, _other = names(obj, "title")
    return node("ResearchProject" if obj.kind in RESEARCH else "Project", **{"@id": page(request, obj)}, name=name)


def initiative(obj, request):
    """Reads only what ``Initiative.objects.for_detail()`` loads: no query."""
    name, other = names(obj, "title")
    lead = directory.organization(obj.lead_organization, request) if obj.lead_organization_id else None
    funding = None
    if obj.funding_jpy is not None:
        amount = node("MonetaryAmount", currency="JPY", value=obj.funding_jpy)
        funding = node("MonetaryGrant", amount=amount, funder=lead)
    return node(
        "ResearchProject" if obj.kind in RESEARCH else "Project",
        **{"@id": page(request, obj)},
        url=page(request, obj),
        identifier=obj.slug,
        name=name,
        alternateName=other,
        description=localized(obj, "summary"),
        # A Project is an Organization in schema.org: its dates are founding and dissolution dates.
        foundingDate=obj.start_date,
        dissolutionDate=obj.end_date,
        # The register records who leads an initiative; for its programmes that is who funds and runs it.
        funder=lead,
        funding=funding,
        keywords=[localized(area) for area in obj.policy_areas.all()],
        areaServed=[directory.country(country, request) for country in obj.countries.all()],
        member=[directory.organization(org, request, with_country=False) for org in obj.partner_organizations.all()],
    )
