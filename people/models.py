"""Researchers who carry Japan's science diplomacy, their fields and stays abroad."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import F, Prefetch, Q, Value
from django.db.models.functions import Concat, Upper
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from directory.models import Country, Organization
from editorial.duplicates import trigram_index
from editorial.models import PUBLISHED, EditorialModel, EditorialQuerySet, Vocabulary
from search.suggest import prefix_index
from search.text import folded_column

from .validators import validate_orcid


class ResearchField(Vocabulary):
    history = HistoricalRecords()

    search_link = ("researchers", "field")

    class Meta(Vocabulary.Meta):
        verbose_name = _("research field")
        verbose_name_plural = _("research fields")


class CareerStage(models.TextChoices):
    STUDENT = "student", _("Student")
    EARLY = "early_career", _("Early career")
    MID = "mid_career", _("Mid career")
    SENIOR = "senior", _("Senior")


class EnglishLevel(models.TextChoices):
    A1 = "A1", _("A1 (beginner)")
    A2 = "A2", _("A2 (elementary)")
    B1 = "B1", _("B1 (intermediate)")
    B2 = "B2", _("B2 (upper intermediate)")
    C1 = "C1", _("C1 (advanced)")
    C2 = "C2", _("C2 (proficient)")
    NATIVE = "native", _("Native")
    UNKNOWN = "unknown", _("Unknown")


# Published and with recorded consent: the one rule for researchers on public pages (and their partial indexes).
PUBLIC = PUBLISHED & Q(consent_to_publish=True)


class ResearcherQuerySet(EditorialQuerySet):
    public_rule = PUBLIC  # published and with recorded consent: the one rule for researchers on public pages

    def for_detail(self):
        """The researcher with what people's own models give their page, in 3 queries whatever their number:
        the researcher joined to affiliation and country, then fields and exchanges (with host and country).
        The initiatives they take part in are another register's: the site adds them (``portal.views``)."""
        return self.select_related("affiliation", "country").prefetch_related(
            "fields",
            Prefetch("exchanges", queryset=Exchange.objects.select_related("host_organization", "country")),
        )

    def for_search(self):
        """What a search result row shows: affiliation and country joined, fields prefetched (2 queries per page)."""
        return self.select_related("affiliation", "country").prefetch_related("fields")


FULL_NAME = Upper(Concat("family_name", Value(" "), "given_name"))


class Researcher(EditorialModel):
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    family_name = models.CharField(_("family name"), max_length=100, db_index=True)
    given_name = models.CharField(_("given name"), max_length=100)
    name_ja = models.CharField(_("name (Japanese)"), max_length=100, blank=True)
    affiliation = models.ForeignKey(
        Organization,
        verbose_name=_("affiliation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="researchers",
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="researchers",
        help_text=_("Country where the researcher is based."),
    )
    career_stage = models.CharField(_("career stage"), max_length=20, choices=CareerStage.choices, db_index=True)
    fields = models.ManyToManyField(
        ResearchField, verbose_name=_("research fields"), blank=True, related_name="researchers"
    )
    english_level = models.CharField(
        _("English level (CEFR)"),
        max_length=10,
        choices=EnglishLevel.choices,
        default=EnglishLevel.UNKNOWN,
        db_index=True,
    )
    orcid = models.CharField(_("ORCID iD"), max_length=19, blank=True, validators=[validate_orcid])
    email = models.EmailField(
        _("email"), blank=True, help_text=_("Private: never shown on public pages, in the API or in anonymous exports.")
    )
    bio = models.TextField(_("bio"), blank=True)
    bio_ja = models.TextField(_("bio (Japanese)"), blank=True)
    consent_to_publish = models.BooleanField(
        _("consent to publish"),
        default=False,
        help_text=_("The researcher agreed to a public profile. Without it the record stays private."),
    )
    consent_recorded_on = models.DateField(_("consent recorded on"), null=True, blank=True)

    objects = ResearcherQuerySet.as_manager()
    # Full-text search, kept by database triggers (migrations 0002, 0009 and 0011) from the names, the bio and
    # the exchanges' programmes, so raw updates keep it too.
    search_vector = SearchVectorField(null=True, editable=False)
    # The Japanese text (its own, folded) and its one- and two-character pieces, for Japanese
    # queries of any length: kept by the same trigger as ``search_vector``.
    search_ja = models.TextField(null=True, blank=True, editable=False)
    search_grams = ArrayField(models.TextField(), null=True, blank=True, editable=False)
    # A token per row the record links to (techdiplo_search 0006): its names are found through it, and a
    # rename changes no record. Apart from ``search_vector``: small, so checking it per record is cheap.
    search_links = SearchVectorField(null=True, editable=False)
    # The Japanese title folded, which ranking a Japanese query reads (computed by PostgreSQL on every write).
    search_title = folded_column("name_ja")
    history = HistoricalRecords(
        excluded_fields=["search_vector", "search_ja", "search_grams", "search_links", "search_title"],
        m2m_fields=["fields"],  # links in history too
    )

    japanese_fields = ("name_ja",)
    duplicate_keys = (FULL_NAME, Upper("name_ja"))

    class Meta(EditorialModel.Meta):
        ordering = ["family_name", "given_name"]
        verbose_name = pgettext_lazy("register", "researcher")
        verbose_name_plural = pgettext_lazy("register", "researchers")
        indexes = [
            # The text search's match, and the Japanese pieces' (any query length).
            GinIndex(fields=["search_vector"], name="researcher_vector_gin"),
            GinIndex(fields=["search_grams"], name="researcher_grams_gin"),
            GinIndex(fields=["search_links"], name="researcher_links_gin"),
            # Suggestions match Japanese names anywhere from three characters (search.suggest).
            GinIndex(OpClass(Upper("name_ja"), name="gin_trgm_ops"), name="researcher_name_ja_trgm"),
            # Suggestions as you type match the names by their start (search.suggest): a trigram each.
            GinIndex(OpClass(Upper("family_name"), name="gin_trgm_ops"), name="researcher_family_trgm"),
            GinIndex(OpClass(Upper("given_name"), name="gin_trgm_ops"), name="researcher_given_trgm"),
            # Suggestions' names starting with the typed text, the first few in order (search.suggest).
            prefix_index("family_name", "researcher_family_prefix"),
            prefix_index("given_name", "researcher_given_prefix"),
            prefix_index("name_ja", "researcher_name_ja_prefix"),
            # Likely duplicates: the nearest names (trigram KNN; GIN cannot order by distance).
            trigram_index(FULL_NAME, "researcher_full_name_trgm_gist"),
            trigram_index(Upper("name_ja"), "researcher_name_ja_trgm_gist"),
            # The public researchers' ids with what the facets read, and the default order (by name).
            models.Index(
                fields=["id"],
                include=["career_stage", "english_level", "country", "affiliation"],
                condition=PUBLIC,
                name="researcher_public_facets",
            ),
            models.Index(
                fields=["family_name", "given_name", "id"], condition=PUBLIC, name="researcher_public_by_name"
            ),
        ]
        constraints = [
            models.UniqueConstraint(fields=["orcid"], condition=~Q(orcid=""), name="researcher_orcid_unique"),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self):
        return f"{self.given_name} {self.family_name}"

    def get_absolute_url(self):
        return reverse("researcher", args=[self.slug])  # the site's page: it shows their initiatives too


class ExchangeDirection(models.TextChoices):
    OUTBOUND = "outbound", _("Outbound from Japan")
    INBOUND = "inbound", _("Inbound to Japan")


class ExchangeQuerySet(models.QuerySet):
    def published(self):
        """Exchanges of published, consenting researchers: the only ones public pages may show."""
        return self.filter(researcher__in=Researcher.objects.published())


class Exchange(models.Model):
    researcher = models.ForeignKey(
        Researcher, verbose_name=_("researcher"), on_delete=models.CASCADE, related_name="exchanges"
    )
    host_organization = models.ForeignKey(
        Organization,
        verbose_name=_("host organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_exchanges",
    )
    country = models.ForeignKey(Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="exchanges")
    programme = models.CharField(
        _("programme"), max_length=200, blank=True, help_text=_("e.g. JSPS Postdoctoral Fellowship")
    )
    direction = models.CharField(_("direction"), max_length=10, choices=ExchangeDirection.choices, db_index=True)
    start_date = models.DateField(_("start date"), db_index=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    objects = ExchangeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("exchange")
        verbose_name_plural = _("exchanges")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="exchange_end_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self):
        return f"{self.researcher} → {self.host_organization or self.country} ({self.start_date:%Y})"
