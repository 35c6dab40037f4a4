"""The partnerships register's search: facets, ranges, text fields and sorts (see DESIGN.md's table).

The ``prefecture`` facet is the Japanese side's first-level subdivision: a
prefecture-level locality stands for itself, a city or town for its parent
prefecture (the same rule as ``Locality.prefecture``), so ``prefecture=JP-13``
finds Tokyo's own partnerships and those of every city in it.
"""

from django.db.models import Case, F, Q, When
from django.utils.translation import gettext_lazy as _

from directory.models import Country, Locality, LocalityLevel, PolicyArea, Region
from techdiplo.search.declarations import (
    FacetFilter,
    ModelChoices,
    Register,
    SearchFilterSet,
    TextSearch,
    YearFilter,
)

from .models import PartnershipKind, PartnershipStatus, SubnationalPartnership

PREFECTURES = ModelChoices(
    Locality, "iso_code", "name", where=Q(country__iso2="JP", level=LocalityLevel.PREFECTURE) & ~Q(iso_code="")
)


def japanese_prefecture_code():
    """The ISO 3166-2 code of the Japanese side's prefecture: its own, or its parent's for a city or town."""
    return Case(
        When(
            Q(japanese_locality__level=LocalityLevel.PREFECTURE) | Q(japanese_locality__parent__isnull=True),
            then=F("japanese_locality__iso_code"),
        ),
        default=F("japanese_locality__parent__iso_code"),
    )


class PartnershipFilterSet(SearchFilterSet):
    prefecture = FacetFilter(
        label=_("Japanese prefecture"), choices=PREFECTURES, expression=japanese_prefecture_code(), long=True
    )
    country = FacetFilter(
        "foreign_locality__country__iso2",
        label=_("Partner country"),
        choices=ModelChoices(Country, "iso2", "name"),
        long=True,
    )
    region = FacetFilter("foreign_locality__country__region", label=_("World region"), choices=Region)
    kind = FacetFilter("kind", label=_("Kind"), choices=PartnershipKind)
    area = FacetFilter(
        "focus_areas__slug", label=_("Focus area"), choices=ModelChoices(PolicyArea, "slug", "name"), many=True
    )
    status = FacetFilter("status", label=_("Status"), choices=PartnershipStatus)
    since_from = YearFilter("established", lookup_expr="gte", label=_("Established from (year)"))
    since_to = YearFilter("established", lookup_expr="lte", label=_("Established until (year)"))

    class Meta:
        model = SubnationalPartnership
        fields = []


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


REGISTER = Register(
    name="partnerships",
    title=_("Partnerships"),
    title_one=_("Partnership"),
    description=_("Partnerships between Japanese prefectures and cities and their counterparts abroad."),
    filterset_class=PartnershipFilterSet,
    text=TextSearch(
        japanese_fields=(
            "description_ja",
            "japanese_locality__name_ja",
            "japanese_locality__parent__name_ja",
            "foreign_locality__name_ja",
        ),
        headline="description",
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
    serialize=serialize,
    list_template="partnerships/subnationalpartnership_list.html",
    result_template="includes/_result_partnership.html",
)
