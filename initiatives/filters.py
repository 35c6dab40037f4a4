"""The initiatives register's search: facets, ranges, text fields and sorts (see DESIGN.md's table).

The machinery in ``techdiplo.search`` turns this declaration into the search
page, the facet counts, the API and the exports.
"""

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from directory.models import Country, PolicyArea, Region, Sector
from techdiplo.search.declarations import (
    FacetFilter,
    ModelChoices,
    Register,
    SearchFilterSet,
    TextSearch,
    YearFilter,
)

from .models import Framework, Initiative, InitiativeKind, InitiativeStatus


class InitiativeFilterSet(SearchFilterSet):
    area = FacetFilter(
        "policy_areas__slug", label=_("Policy area"), choices=ModelChoices(PolicyArea, "slug", "name"), many=True
    )
    country = FacetFilter(
        "countries__iso2",
        label=_("Partner country"),
        choices=ModelChoices(Country, "iso2", "name"),
        many=True,
        long=True,
    )
    region = FacetFilter("countries__region", label=_("World region"), choices=Region, many=True, repeats=True)
    kind = FacetFilter("kind", label=_("Kind"), choices=InitiativeKind)
    status = FacetFilter("status", label=_("Status"), choices=InitiativeStatus)
    sector = FacetFilter("lead_organization__sector", label=_("Lead organization's sector"), choices=Sector)
    framework = FacetFilter(
        "frameworks__slug", label=_("Framework"), choices=ModelChoices(Framework, "slug", "name"), many=True
    )
    year_from = YearFilter("start_date__year", lookup_expr="gte", label=_("Started from (year)"))
    year_to = YearFilter("start_date__year", lookup_expr="lte", label=_("Started until (year)"))

    class Meta:
        model = Initiative
        fields = []


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


REGISTER = Register(
    name="initiatives",
    title=_("Initiatives"),
    title_one=_("Initiative"),
    description=_("International science and technology initiatives Japan takes part in."),
    filterset_class=InitiativeFilterSet,
    text=TextSearch(
        japanese_fields=("title_ja", "summary_ja"),
        headline="summary",
    ),
    sorts={
        "newest": (F("start_date").desc(nulls_last=True), "title"),
        "oldest": (F("start_date").asc(nulls_last=True), "title"),
        "title": ("title",),
    },
    default_sort="newest",
    serialize=serialize,
    list_template="initiatives/initiative_list.html",
    result_template="includes/_result_initiative.html",
)
