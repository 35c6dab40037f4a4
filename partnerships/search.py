"""The partnerships register's search: facets, ranges, text and sorts (the table in docs/architecture.md).

The ``prefecture`` facet is the Japanese side's first-level subdivision: a prefecture-level locality stands for
itself, a city or town for its parent prefecture (the same rule as ``Locality.prefecture``), so
``prefecture=JP-13`` finds Tokyo's own partnerships and those of every city in it. ``apps.py`` registers it.
"""

from django.db.models import Case, F, Q, When
from django.utils.translation import gettext_lazy as _

from directory.choices import COUNTRIES, POLICY_AREAS
from directory.models import Locality, LocalityLevel, Region
from search.declarations import Facet, Figures, ModelChoices, Range, Register, Suggest, TextSearch

from .figures import lines_map
from .models import PartnershipKind, PartnershipStatus, SubnationalPartnership

PREFECTURES = ModelChoices(
    Locality,
    "iso_code",
    "name",
    where=Q(country__iso2="JP", level=LocalityLevel.PREFECTURE) & ~Q(iso_code=""),
    kind=_("Prefecture"),
)


def japanese_prefecture():
    """The Japanese side's prefecture (a locality's id): the locality itself, or its parent for a city or town."""
    return Case(
        When(
            Q(japanese_locality__level=LocalityLevel.PREFECTURE) | Q(japanese_locality__parent__isnull=True),
            then=F("japanese_locality"),
        ),
        default=F("japanese_locality__parent"),
    )


REGISTER = Register(
    name="partnerships",
    model=SubnationalPartnership,
    title=_("Partnerships"),
    title_one=_("Partnership"),
    description=_("Partnerships between Japanese prefectures and cities and their counterparts abroad."),
    facets=(
        Facet("prefecture", _("Japanese prefecture"), PREFECTURES, expression=japanese_prefecture(), long=True),
        Facet(
            "country",
            _("Partner country"),
            COUNTRIES,
            field="foreign_locality__country",
            long=True,
        ),
        Facet("region", _("World region"), Region, field="foreign_locality__country__region"),
        Facet("kind", _("Kind"), PartnershipKind, field="kind"),
        Facet("area", _("Focus area"), POLICY_AREAS, field="focus_areas"),
        Facet("status", _("Status"), PartnershipStatus, field="status"),
    ),
    ranges=(
        Range("since_from", _("Established from (year)"), "established", "gte"),
        Range("since_to", _("Established until (year)"), "established", "lte"),
    ),
    text=TextSearch(
        japanese_fields=(
            "japanese_locality__name_ja",
            "foreign_locality__name_ja",
            "japanese_locality__parent__name_ja",
            "foreign_locality__parent__name_ja",
            "description_ja",
        ),
        headline="description",
    ),
    # A partnership is named by its two sides; the localities table is small.
    suggest=Suggest(
        words=("japanese_locality__name", "foreign_locality__name"),
        japanese=("japanese_locality__name_ja", "foreign_locality__name_ja"),
    ),
    sorts={
        "newest": (F("established").desc(nulls_last=True), "japanese_locality__name"),
        "oldest": (F("established").asc(nulls_last=True), "japanese_locality__name"),
        "title": ("japanese_locality__name", "foreign_locality__name"),
    },
    default_sort="title",
    sort_labels={
        "newest": _("Newest established"),
        "oldest": _("Oldest established"),
        "title": _("Japanese side, A–Z"),
    },
    figures=Figures(
        world="country",
        world_title=_("Partnerships by partner country"),
        japan="prefecture",
        japan_title=_("Partnerships by Japanese prefecture"),
        years="established",
        years_title=_("Partnerships by year established"),
        lines=lines_map,
        lines_title=_("Partnerships between Japan and abroad"),
    ),
    list_template="partnerships/subnationalpartnership_list.html",
    result_template="includes/_result_partnership.html",
)
