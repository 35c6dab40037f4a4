"""The agreements register's search: three facets, a range, text and sorts."""

from django.db.models import F

from directory.models import Country, Region
from search.declarations import Facet, ModelChoices, Range, Register, TextSearch

from .models import Agreement, AgreementKind

REGISTER = Register(
    name="agreements",
    model=Agreement,
    title="Agreements",
    title_one="Agreement",
    description="Agreements Japan signed with other countries.",
    facets=(
        Facet("kind", "Kind", AgreementKind, field="kind"),
        Facet("country", "Country", ModelChoices(Country, "iso2", "name"), field="country", long=True),
        Facet("region", "World region", Region, field="country__region"),
    ),
    ranges=(
        Range("signed_from", "Signed from (year)", "signed", "gte"),
        Range("signed_to", "Signed until (year)", "signed", "lte"),
    ),
    text=TextSearch(japanese_fields=("title_ja",), headline="title"),
    sorts={"newest": (F("signed").desc(nulls_last=True), "title"), "title": ("title",)},
    default_sort="title",
    list_template="includes/_search_layout.html",
    result_template="fourth_register/_result_agreement.html",
)
