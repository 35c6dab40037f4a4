"""Shared reference entities: countries, localities, organizations, policy areas.

Nothing here imports the registers; they point at these.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from bilingual.content import is_japanese, localized
from editorial.duplicates import trigram_index
from editorial.models import Vocabulary
from search.suggest import prefix_index
from search.urls import search_url

from .validators import validate_ror_id, validate_wikidata_id

# Where other registries' ids resolve (schema.org ``sameAs`` links on the detail pages).
ROR_URL = "https://ror.org/{}"
WIKIDATA_URL = "https://www.wikidata.org/wiki/{}"
GEONAMES_URL = "https://sws.geonames.org/{}/"


def wikidata_field():
    return models.CharField(
        _("Wikidata id"),
        max_length=12,
        blank=True,
        validators=[validate_wikidata_id],
        help_text=_("The Wikidata item, e.g. Q7842. Leave blank unless you checked it."),
    )


class Region(models.TextChoices):
    AFRICA = "africa", _("Africa")
    AMERICAS = "americas", _("Americas")
    ASIA = "asia", _("Asia")
    EUROPE = "europe", _("Europe")
    OCEANIA = "oceania", _("Oceania")
    ANTARCTICA = "antarctica", _("Antarctica")


# Country names that English uses with "the" inside a sentence ("researchers based in the Philippines").
# Japanese needs no article: name_in_text gives the Japanese name as it is.
JAPAN = "JP"  # the country whose localities are the Japanese side of a partnership

NAMES_WITH_THE = frozenset(
    "AE BS CC CD CF CG CK DO FK FO GB GM GS HM IM IO KM KY MH MP MV NL PH SB TC TF UM US VG VI".split()  # noqa: SIM905
)


class Country(models.Model):
    iso2 = models.CharField(_("ISO 3166-1 alpha-2"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=100)
    name_ja = models.CharField(_("name (Japanese)"), max_length=100, blank=True)
    region = models.CharField(_("world region"), max_length=10, choices=Region.choices, db_index=True)
    alt_names = models.CharField(
        _("other names"),
        max_length=300,
        blank=True,
        help_text=_("Other names the country is searched by, separated by semicolons (USA; America; アメリカ)."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        constraints = [
            models.CheckConstraint(condition=models.Q(iso2__regex=r"^[A-Z]{2}$"), name="country_iso2_upper"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("country", args=[self.iso2.lower()])

    @property
    def name_in_text(self):
        """The name as it reads inside a sentence of the current language: "the United States", "米国"."""
        if is_japanese():
            return localized(self, "name")
        return f"the {self.name}" if self.iso2 in NAMES_WITH_THE else self.name


class LocalityLevel(models.TextChoices):
    PREFECTURE = "prefecture", _("Prefecture / state / province")
    CITY = "city", _("City")
    TOWN = "town", _("Town")


class Locality(models.Model):
    name = models.CharField(_("name"), max_length=150)
    name_ja = models.CharField(_("name (Japanese)"), max_length=150, blank=True)
    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="localities")
    level = models.CharField(_("level"), max_length=10, choices=LocalityLevel.choices, db_index=True)
    iso_code = models.CharField(
        _("ISO 3166-2 code"), max_length=10, blank=True, help_text=_("For first-level subdivisions, e.g. JP-13.")
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    # Where the partnership maps draw it; a locality without takes its parent's (maps.lines), else is "not placed".
    latitude = models.FloatField(
        _("latitude"), null=True, blank=True, validators=[MinValueValidator(-90), MaxValueValidator(90)]
    )
    longitude = models.FloatField(
        _("longitude"), null=True, blank=True, validators=[MinValueValidator(-180), MaxValueValidator(180)]
    )
    geonames_id = models.PositiveIntegerField(
        _("GeoNames id"),
        null=True,
        blank=True,
        help_text=_("The place's number in GeoNames, e.g. 1850147 for Tokyo. Leave blank unless you checked it."),
    )
    wikidata_id = wikidata_field()

    # Likely duplicates (the admin's curation page) are the nearest names in either script, by trigrams.
    duplicate_keys = (Upper("name"), Upper("name_ja"))
    duplicate_related = ("parent",)  # what __str__ reads
    # Only places of one country and level can be the same place: a prefecture and its capital city share a name.
    duplicate_same = ("country_id", "level")

    class Meta:
        ordering = ["country__name", "name"]
        verbose_name = _("locality")
        verbose_name_plural = _("localities")
        indexes = [
            trigram_index(Upper("name"), "locality_name_trgm_gist"),
            trigram_index(Upper("name_ja"), "locality_name_ja_trgm_gist"),
            # Suggested partnerships whose sides' names start with the typed text (search.suggest).
            prefix_index("name", "locality_name_prefix"),
            prefix_index("name_ja", "locality_name_ja_prefix"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["iso_code"], condition=~models.Q(iso_code=""), name="locality_iso_code_unique"
            ),
            models.UniqueConstraint(fields=["country", "parent", "name"], name="locality_unique_name"),
            models.CheckConstraint(
                condition=models.Q(latitude__gte=-90, latitude__lte=90) | models.Q(latitude__isnull=True),
                name="locality_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__gte=-180, longitude__lte=180) | models.Q(longitude__isnull=True),
                name="locality_longitude_range",
            ),
            models.UniqueConstraint(fields=["geonames_id"], name="locality_geonames_id_unique"),
            models.UniqueConstraint(
                fields=["wikidata_id"], condition=~models.Q(wikidata_id=""), name="locality_wikidata_id_unique"
            ),
        ]

    def __str__(self):
        if self.parent_id and self.level != LocalityLevel.PREFECTURE:
            return f"{self.name}, {self.parent.name}"
        return self.name

    def get_absolute_url(self):
        return search_url("partnerships", **dict([self.search_filter()]))

    def search_filter(self):
        """``(parameter, value)`` of the partnerships search that lists this locality's: its prefecture in
        Japan, else its country (a locality has no page of its own)."""
        if self.country.iso2 == JAPAN and self.prefecture.iso_code:
            return "prefecture", self.prefecture.iso_code
        return "country", self.country.iso2

    @property
    def same_as(self):
        """This place in GeoNames and Wikidata, as URLs (none when not recorded)."""
        return [
            *([GEONAMES_URL.format(self.geonames_id)] if self.geonames_id else []),
            *([WIKIDATA_URL.format(self.wikidata_id)] if self.wikidata_id else []),
        ]

    @property
    def prefecture(self):
        """The first-level subdivision this locality is in (itself for a prefecture)."""
        return self if self.level == LocalityLevel.PREFECTURE or not self.parent_id else self.parent


class OrganizationKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry")
    AGENCY = "agency", _("Agency")
    UNIVERSITY = "university", _("University")
    RESEARCH_INSTITUTE = "research_institute", _("Research institute")
    COMPANY = "company", _("Company")
    LOCAL_GOVERNMENT = "local_government", _("Local government")
    INTERNATIONAL_BODY = "international_body", _("International body")
    NGO = "ngo", _("NGO")


class Sector(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    ACADEMIA = "academia", _("Academia")
    PRIVATE = "private", _("Private")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    INTERNATIONAL = "international", _("International")


class Organization(models.Model):
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_ja = models.CharField(_("name (Japanese)"), max_length=200, blank=True)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganizationKind.choices, db_index=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, db_index=True)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="organizations"
    )
    website = models.URLField(_("website"), blank=True)
    ror_id = models.CharField(
        _("ROR id"),
        max_length=9,
        blank=True,
        validators=[validate_ror_id],
        help_text=_("The Research Organization Registry id, e.g. 057zh3y96. Leave blank unless you checked it."),
    )
    wikidata_id = wikidata_field()
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    duplicate_keys = (Upper("name"), Upper("name_ja"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        indexes = [
            trigram_index(Upper("name"), "organization_name_trgm_gist"),
            trigram_index(Upper("name_ja"), "organization_name_ja_trgm_gist"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["ror_id"], condition=~models.Q(ror_id=""), name="organization_ror_unique"),
            models.UniqueConstraint(
                fields=["wikidata_id"], condition=~models.Q(wikidata_id=""), name="organization_wikidata_id_unique"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return reverse("organization", args=[self.slug])

    @property
    def same_as(self):
        """This organization in ROR and Wikidata, as URLs (none when not recorded)."""
        return [
            *([ROR_URL.format(self.ror_id)] if self.ror_id else []),
            *([WIKIDATA_URL.format(self.wikidata_id)] if self.wikidata_id else []),
        ]


class PolicyArea(Vocabulary):
    history = HistoricalRecords()

    search_link = ("initiatives", "area")

    class Meta(Vocabulary.Meta):
        verbose_name = _("policy area")
        verbose_name_plural = _("policy areas")
