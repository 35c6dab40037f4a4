"""The directory's tables in a data release: countries, localities, organizations and policy areas, all public."""

from django.utils.translation import gettext_lazy as _

from releases.tables import REFERENCE, Column, Table, key, vocabulary

from .models import Country, Locality, Organization, PolicyArea

COUNTRIES = Table(
    name="countries",
    kind=REFERENCE,
    title=_("Countries"),
    description="Countries and territories (ISO 3166-1), with their world region.",
    rows=Country.objects.all,
    columns=(
        key("country"),
        Column("iso2", "ISO 3166-1 alpha-2 code, e.g. JP."),
        Column("name", "The country's name in English."),
        Column("name_ja", "The country's name in Japanese."),
        Column("region", "World region."),
    ),
    unique=("iso2",),
)

LOCALITIES = Table(
    name="localities",
    kind=REFERENCE,
    title=_("Localities"),
    description="Prefectures, states, provinces, cities and towns: the two sides of subnational partnerships.",
    rows=Locality.objects.all,
    columns=(
        key("locality"),
        Column("name", "The locality's name in English."),
        Column("name_ja", "The locality's name in Japanese (empty when not recorded)."),
        Column("country_id", "The country the locality is in (countries.id)."),
        Column("level", "Prefecture, state or province; city; or town."),
        Column("iso_code", "ISO 3166-2 code of a first-level subdivision, e.g. JP-13 (empty otherwise)."),
        Column("parent_id", "The subdivision the locality belongs to (localities.id; empty for a top level)."),
        Column("geonames_id", "The place's GeoNames id (https://sws.geonames.org/<id>/; empty when not recorded)."),
        Column("wikidata_id", "The place's Wikidata item, e.g. Q1490 (empty when not recorded)."),
    ),
    foreign_keys=(("country_id", "countries", "id"), ("parent_id", "localities", "id")),
)

ORGANIZATIONS = Table(
    name="organizations",
    kind=REFERENCE,
    title=_("Organizations"),
    description="Ministries, agencies, universities, institutes, companies, local governments and other bodies.",
    rows=Organization.objects.all,
    columns=(
        key("organization"),
        Column("slug", "The organization's short name in URLs and search parameters."),
        Column("name", "The organization's name in English."),
        Column("name_ja", "The organization's name in Japanese (empty when not recorded)."),
        Column("acronym", "Its usual acronym (empty when it has none)."),
        Column("kind", "What kind of organization it is."),
        Column("sector", "The sector it belongs to."),
        Column("country_id", "The country it is based in (countries.id)."),
        Column("website", "Its website."),
        Column("ror_id", "Its Research Organization Registry id (https://ror.org/<id>; empty when not recorded)."),
        Column("wikidata_id", "Its Wikidata item, e.g. Q7842 (empty when not recorded)."),
    ),
    foreign_keys=(("country_id", "countries", "id"),),
    unique=("slug",),
)

POLICY_AREAS = vocabulary(
    "policy_areas",
    "policy area",
    PolicyArea.objects.all,
    _("Policy areas"),
    "The policy areas initiatives address and partnerships focus on.",
)

TABLES = (COUNTRIES, LOCALITIES, ORGANIZATIONS, POLICY_AREAS)
