"""Shared reference entities: countries, localities, organizations, policy areas.

Nothing here imports the registers; they point at these.
"""

from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from editorial.duplicates import trigram_index
from editorial.models import Vocabulary
from search.urls import search_url


class Region(models.TextChoices):
    AFRICA = "africa", _("Africa")
    AMERICAS = "americas", _("Americas")
    ASIA = "asia", _("Asia")
    EUROPE = "europe", _("Europe")
    OCEANIA = "oceania", _("Oceania")
    ANTARCTICA = "antarctica", _("Antarctica")


class Country(models.Model):
    iso2 = models.CharField(_("ISO 3166-1 alpha-2"), max_length=2, unique=True)
    name = models.CharField(max_length=100)
    name_ja = models.CharField(_("name (Japanese)"), max_length=100, blank=True)
    region = models.CharField(_("world region"), max_length=10, choices=Region.choices, db_index=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = _("countries")
        constraints = [
            models.CheckConstraint(condition=models.Q(iso2__regex=r"^[A-Z]{2}$"), name="country_iso2_upper"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("country", args=[self.iso2.lower()])


class LocalityLevel(models.TextChoices):
    PREFECTURE = "prefecture", _("Prefecture / state / province")
    CITY = "city", _("City")
    TOWN = "town", _("Town")


class Locality(models.Model):
    name = models.CharField(max_length=150)
    name_ja = models.CharField(_("name (Japanese)"), max_length=150, blank=True)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="localities")
    level = models.CharField(max_length=10, choices=LocalityLevel.choices, db_index=True)
    iso_code = models.CharField(
        "ISO 3166-2 code", max_length=10, blank=True, help_text=_("For first-level subdivisions, e.g. JP-13.")
    )
    parent = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="children")

    # Likely duplicates (the admin's curation page) are the nearest names in either script, by trigrams.
    duplicate_keys = (Upper("name"), Upper("name_ja"))
    duplicate_related = ("parent",)  # what __str__ reads

    class Meta:
        ordering = ["country__name", "name"]
        verbose_name_plural = _("localities")
        indexes = [
            trigram_index(Upper("name"), "locality_name_trgm_gist"),
            trigram_index(Upper("name_ja"), "locality_name_ja_trgm_gist"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["iso_code"], condition=~models.Q(iso_code=""), name="locality_iso_code_unique"
            ),
            models.UniqueConstraint(fields=["country", "parent", "name"], name="locality_unique_name"),
        ]

    def __str__(self):
        if self.parent_id and self.level != LocalityLevel.PREFECTURE:
            return f"{self.name}, {self.parent.name}"
        return self.name

    def get_absolute_url(self):
        if self.country.iso2 == "JP" and self.prefecture.iso_code:
            return search_url("partnerships", prefecture=self.prefecture.iso_code)
        return search_url("partnerships", country=self.country.iso2)

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
    slug = models.SlugField(max_length=120, unique=True)
    name = models.CharField(max_length=200)
    name_ja = models.CharField(_("name (Japanese)"), max_length=200, blank=True)
    acronym = models.CharField(max_length=30, blank=True)
    kind = models.CharField(max_length=20, choices=OrganizationKind.choices, db_index=True)
    sector = models.CharField(max_length=20, choices=Sector.choices, db_index=True)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="organizations")
    website = models.URLField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

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

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return reverse("organization", args=[self.slug])


class PolicyArea(Vocabulary):
    history = HistoricalRecords()

    search_link = ("initiatives", "area")

    class Meta(Vocabulary.Meta):
        verbose_name = _("policy area")
        verbose_name_plural = _("policy areas")
