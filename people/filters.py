"""The researchers register's search: facets, text fields and sorts (see DESIGN.md's table).

Only published researchers who consented appear (``Researcher.objects.published()``);
e-mail and consent data are never part of a result.
"""

from django.db.models import Case, Exists, OuterRef, Value, When
from django.utils.translation import gettext_lazy as _

from directory.models import Country, Organization, Sector
from techdiplo.search.declarations import FacetFilter, ModelChoices, Register, SearchFilterSet, TextSearch

from .models import CareerStage, EnglishLevel, Exchange, Researcher, ResearchField

EXCHANGE_CHOICES = {"yes": _("Has been on an exchange"), "no": _("No exchange recorded")}


def has_exchange():
    """ "yes" or "no", computed per researcher: the value the ``exchange`` facet filters and groups by."""
    return Case(
        When(Exists(Exchange.objects.filter(researcher=OuterRef("pk"))), then=Value("yes")),
        default=Value("no"),
    )


class ResearcherFilterSet(SearchFilterSet):
    field = FacetFilter(
        "fields__slug", label=_("Research field"), choices=ModelChoices(ResearchField, "slug", "name"), many=True
    )
    country = FacetFilter("country__iso2", label=_("Country"), choices=ModelChoices(Country, "iso2", "name"), long=True)
    stage = FacetFilter("career_stage", label=_("Career stage"), choices=CareerStage)
    english = FacetFilter("english_level", label=_("English level (CEFR)"), choices=EnglishLevel)
    sector = FacetFilter("affiliation__sector", label=_("Affiliation's sector"), choices=Sector)
    org = FacetFilter(
        "affiliation__slug", label=_("Affiliation"), choices=ModelChoices(Organization, "slug", "name"), long=True
    )
    exchange = FacetFilter(label=_("Exchange abroad"), choices=EXCHANGE_CHOICES, expression=has_exchange())

    class Meta:
        model = Researcher
        fields = []


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


REGISTER = Register(
    name="researchers",
    title=_("Researchers"),
    title_one=_("Researcher"),
    description=_("Researchers who carry Japan's science and technology diplomacy."),
    filterset_class=ResearcherFilterSet,
    text=TextSearch(
        japanese_fields=("name_ja", "affiliation__name_ja", "bio_ja"),
        headline="bio",
    ),
    sorts={
        "newest": ("-created_at",),
        "oldest": ("created_at",),
        "title": ("family_name", "given_name"),
    },
    default_sort="title",
    sort_labels={"newest": _("Recently added"), "oldest": _("First added"), "title": _("Name")},
    serialize=serialize,
    list_template="people/researcher_list.html",
    result_template="includes/_result_researcher.html",
)
