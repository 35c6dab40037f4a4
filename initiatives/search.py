"""The initiatives register's search: facets, ranges, text and sorts (the table in docs/architecture.md).

The machinery in ``search`` turns this declaration into the search page, the facet counts and their
bitmaps, the API and the exports' selection; ``apps.py`` registers it.
"""

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from directory.choices import COUNTRIES, POLICY_AREAS
from directory.models import Region, Sector
from search.declarations import Facet, Figures, ModelChoices, Range, Register, Suggest, TextSearch

from .models import Framework, Initiative, InitiativeKind, InitiativeStatus

REGISTER = Register(
    name="initiatives",
    model=Initiative,
    title=_("Initiatives"),
    title_one=_("Initiative"),
    description=_("International science and technology initiatives Japan takes part in."),
    facets=(
        Facet("area", _("Policy area"), POLICY_AREAS, field="policy_areas"),
        Facet("country", _("Partner country"), COUNTRIES, field="countries", long=True),
        Facet("region", _("World region"), Region, field="countries__region"),
        Facet("kind", _("Kind"), InitiativeKind, field="kind"),
        Facet("status", _("Status"), InitiativeStatus, field="status"),
        Facet("sector", _("Lead organization's sector"), Sector, field="lead_organization__sector"),
        Facet("framework", _("Framework"), ModelChoices(Framework, "slug", "name"), field="frameworks"),
    ),
    ranges=(
        Range("year_from", _("Started from (year)"), "start_date__year", "gte"),
        Range("year_to", _("Started until (year)"), "start_date__year", "lte"),
    ),
    text=TextSearch(japanese_fields=("title_ja", "summary_ja"), headline="summary", folded_title="search_title"),
    suggest=Suggest(words=("title",), japanese=("title_ja",)),
    sorts={
        "newest": (F("start_date").desc(nulls_last=True), "title"),
        "oldest": (F("start_date").asc(nulls_last=True), "title"),
        "title": ("title",),
    },
    default_sort="newest",
    figures=Figures(
        world="country",
        world_title=_("Initiatives by partner country"),
        years="start_date__year",
        years_title=_("Initiatives by start year"),
    ),
    list_template="initiatives/initiative_list.html",
    result_template="includes/_result_initiative.html",
)
