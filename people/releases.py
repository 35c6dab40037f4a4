"""The researchers' tables in a data release: published researchers with their consent (never their e-mail or
consent records), their research fields and exchanges."""

from django.utils.translation import gettext_lazy as _

from releases.tables import EDITORIAL_DATES, LINK, REGISTER, Column, Table, key, pairs, vocabulary

from .models import Exchange, Researcher, ResearchField

RESEARCHERS = Table(
    name="researchers",
    kind=REGISTER,
    title=_("Researchers"),
    description="Published researchers who agreed to a public profile. No contact data.",
    rows=Researcher.objects.published,
    columns=(
        key("researcher"),
        Column("slug", "The researcher's short name in URLs (their page is /researchers/<slug>/)."),
        Column("family_name", "Family name."),
        Column("given_name", "Given name."),
        Column("name_ja", "The full name in Japanese (empty when not recorded)."),
        Column("affiliation_id", "The organization they work for (organizations.id)."),
        Column("country_id", "The country they are based in (countries.id)."),
        Column("career_stage", "Career stage."),
        Column("english_level", "English level on the CEFR scale (or native, unknown)."),
        Column("orcid", "ORCID iD, e.g. 0000-0002-1825-0097 (empty when not recorded)."),
        Column("bio", "Short biography in English."),
        Column("bio_ja", "Short biography in Japanese."),
        *EDITORIAL_DATES,
    ),
    foreign_keys=(("affiliation_id", "organizations", "id"), ("country_id", "countries", "id")),
    unique=("slug",),
)

RESEARCH_FIELDS = vocabulary(
    "research_fields", "research field", ResearchField.objects.all, _("Research fields"), "Researchers' fields."
)

RESEARCHER_FIELDS = pairs(
    "researcher_fields",
    _("Researchers' fields"),
    "Which research fields each published researcher works in.",
    lambda: Researcher.fields.through.objects.filter(researcher__in=Researcher.objects.published()),
    ("researcher_id", "researcher_id", "researchers", "The researcher (researchers.id)."),
    ("research_field_id", "researchfield_id", "research_fields", "The field (research_fields.id)."),
)

EXCHANGES = Table(
    name="exchanges",
    kind=LINK,
    title=_("Exchanges"),
    description="Published researchers' stays abroad (outbound from Japan) or in Japan (inbound).",
    rows=Exchange.objects.published,
    columns=(
        key("exchange"),
        Column("researcher_id", "The researcher (researchers.id)."),
        Column("host_organization_id", "The host organization (organizations.id; empty when not recorded)."),
        Column("country_id", "The country of the stay (countries.id)."),
        Column("programme", "The programme that funded it, e.g. JSPS Postdoctoral Fellowship."),
        Column("direction", "Outbound from Japan or inbound to Japan."),
        Column("start_date", "First day of the stay."),
        Column("end_date", "Last day of the stay (empty while open-ended)."),
    ),
    foreign_keys=(
        ("researcher_id", "researchers", "id"),
        ("host_organization_id", "organizations", "id"),
        ("country_id", "countries", "id"),
    ),
)

TABLES = (RESEARCHERS, RESEARCH_FIELDS, RESEARCHER_FIELDS, EXCHANGES)
