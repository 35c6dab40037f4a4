"""Small, varied data sets for the search tests (facets, text, pages, API), built with the factories.

Each builder returns what it created so tests can compute the expected answer
in Python, independently of the search machinery.
"""

import datetime
import itertools

from django.http import QueryDict

from directory.models import Locality, LocalityLevel, Sector
from editorial.models import EditorialState
from initiatives.models import InitiativeKind, InitiativeStatus
from search import search_queryset

from . import factories as f

AREAS = ["climate-change", "cybersecurity", "energy-transition", "food-security"]
COUNTRIES = ["US", "KE", "DE", "PH", "BR"]
KINDS = [InitiativeKind.RESEARCH_COLLABORATION, InitiativeKind.CAPACITY_BUILDING, InitiativeKind.POLICY_DIALOGUE]
STATUSES = [InitiativeStatus.ACTIVE, InitiativeStatus.COMPLETED, InitiativeStatus.PLANNED]
SECTORS = [Sector.GOVERNMENT, Sector.ACADEMIA, Sector.PRIVATE]
FRAMEWORKS = ["satreps", "belmont-forum"]


def build_initiatives(count=14):
    """``count`` published initiatives whose facet values vary in overlapping patterns, plus two drafts
    carrying every value (a draft must never be counted)."""
    areas = [f.PolicyAreaFactory(slug=slug) for slug in AREAS]
    countries = [f.country(iso2) for iso2 in COUNTRIES]
    frameworks = [f.FrameworkFactory(slug=slug) for slug in FRAMEWORKS]
    organizations = [f.OrganizationFactory(sector=sector) for sector in SECTORS]
    created = []
    for i in range(count):
        created.append(
            f.InitiativeFactory(
                title=f"Initiative number {i}",
                kind=KINDS[i % 3],
                status=STATUSES[(i // 2) % 3],
                lead_organization=organizations[(i // 3) % 3],
                start_date=datetime.date(2010 + i, 1, 1),
                policy_areas=[a for j, a in enumerate(areas) if (i >> j) & 1] or None,
                countries=[c for j, c in enumerate(countries) if (i + j) % 4 == 0] or None,
                frameworks=[frameworks[i % 2]] if i % 3 else None,
            )
        )
    for i in range(2):
        f.InitiativeFactory(
            title=f"Draft initiative {i}",
            editorial_state=EditorialState.DRAFT,
            policy_areas=areas,
            countries=countries,
            frameworks=frameworks,
        )
    return created


def initiative_values(initiative):
    """The facet values of one initiative, as docs/architecture.md defines them (to check the machinery against)."""
    countries = list(initiative.countries.all())
    return {
        "area": {a.slug for a in initiative.policy_areas.all()},
        "country": {c.iso2 for c in countries},
        "region": {c.region for c in countries},
        "kind": {initiative.kind},
        "status": {initiative.status},
        "sector": {initiative.lead_organization.sector} if initiative.lead_organization else set(),
        "framework": {fw.slug for fw in initiative.frameworks.all()},
    }


def build_researchers():
    """Published researchers with and without exchanges, plus a draft and a non-consenting one."""
    fields = [f.ResearchFieldFactory(slug=slug) for slug in ("hydrology", "seismology", "ai")]
    organizations = [f.OrganizationFactory(sector=s, slug=f"org-{s}") for s in (Sector.ACADEMIA, Sector.GOVERNMENT)]
    created = []
    for i, (level, stage) in enumerate(itertools.product(["B1", "B2", "C1"], ["early_career", "senior"])):
        researcher = f.ResearcherFactory(
            family_name=f"Surname{i}",
            english_level=level,
            career_stage=stage,
            affiliation=organizations[i % 2],
            country=f.country("JP" if i % 3 else "US"),
            fields=[fields[i % 3]],
        )
        if i % 2:
            f.ExchangeFactory(researcher=researcher)
        created.append(researcher)
    f.ResearcherFactory(family_name="Hidden", editorial_state=EditorialState.DRAFT, fields=fields)
    f.ResearcherFactory(family_name="Private", consent_to_publish=False, fields=fields)
    return created


def build_partnerships():
    """Partnerships of Tokyo itself, of a city in Tokyo, of Osaka, and a draft."""
    tokyo = Locality.objects.get(iso_code="JP-13")
    osaka = Locality.objects.get(iso_code="JP-27")
    japan = f.country("JP")
    hachioji = f.LocalityFactory(name="Hachioji", country=japan, level=LocalityLevel.CITY, parent=tokyo)
    abroad = [f.LocalityFactory(country=f.country(iso2)) for iso2 in ("US", "US", "DE")]
    return {
        "tokyo": f.PartnershipFactory(japanese_locality=tokyo, foreign_locality=abroad[0], established=1960),
        "hachioji": f.PartnershipFactory(japanese_locality=hachioji, foreign_locality=abroad[1], established=1990),
        "osaka": f.PartnershipFactory(japanese_locality=osaka, foreign_locality=abroad[2], established=2005),
        "draft": f.PartnershipFactory(
            japanese_locality=tokyo, foreign_locality=abroad[2], editorial_state=EditorialState.DRAFT
        ),
    }


def text_search(query, register="initiatives"):
    """The titles the text ``query`` finds in ``register``, in the search's order (relevance)."""
    params = QueryDict(mutable=True)
    params["q"] = query
    return [str(obj) for obj in search_queryset(register, params)]
