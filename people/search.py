"""The researchers register's search: facets, text and sorts (the table in docs/architecture.md).

Only published researchers who consented appear (``Researcher.objects.published()``); e-mail and consent data
are never part of a result. ``apps.py`` registers it.
"""

from django.db.models import Case, Exists, OuterRef, Value, When
from django.utils.translation import gettext_lazy as _

from directory.choices import COUNTRIES, ORGANIZATIONS
from directory.models import Sector
from search.declarations import Facet, Figures, ModelChoices, Register, Suggest, TextSearch

from .models import CareerStage, EnglishLevel, Exchange, Researcher, ResearchField

EXCHANGE_CHOICES = {"yes": _("Has been on an exchange"), "no": _("No exchange recorded")}


def has_exchange():
    """ "yes" or "no", computed per researcher: the value the ``exchange`` facet filters and groups by."""
    return Case(
        When(Exists(Exchange.objects.filter(researcher=OuterRef("pk"))), then=Value("yes")),
        default=Value("no"),
    )


REGISTER = Register(
    name="researchers",
    model=Researcher,
    title=_("Researchers"),
    title_one=_("Researcher"),
    description=_("Researchers who carry Japan's science and technology diplomacy."),
    facets=(
        Facet("field", _("Research field"), ModelChoices(ResearchField, "slug", "name"), field="fields"),
        Facet("country", _("Country"), COUNTRIES, field="country", long=True),
        Facet("stage", _("Career stage"), CareerStage, field="career_stage"),
        Facet("english", _("English level (CEFR)"), EnglishLevel, field="english_level"),
        Facet("sector", _("Affiliation's sector"), Sector, field="affiliation__sector"),
        Facet("org", _("Affiliation"), ORGANIZATIONS, field="affiliation", long=True),
        Facet("exchange", _("Exchange abroad"), EXCHANGE_CHOICES, expression=has_exchange()),
    ),
    text=TextSearch(japanese_fields=("name_ja", "bio_ja"), headline="bio", folded_title="search_title"),
    suggest=Suggest(words=("family_name", "given_name"), japanese=("name_ja",)),
    sorts={
        "newest": ("-created_at",),
        "oldest": ("created_at",),
        "title": ("family_name", "given_name"),
    },
    default_sort="title",
    sort_labels={"newest": _("Recently added"), "oldest": _("First added"), "title": _("Name")},
    figures=Figures(world="country", world_title=_("Researchers by country")),
    list_template="people/researcher_list.html",
    result_template="includes/_result_researcher.html",
)
