"""Partnerships between Japanese prefectures and cities and their counterparts abroad."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from bilingual.content import localized
from directory.models import Locality, PolicyArea
from editorial.models import EditorialModel, EditorialQuerySet
from editorial.validators import split_lines, validate_not_future_year, validate_url_lines

EARLIEST_YEAR = 1800


class PartnershipKind(models.TextChoices):
    SISTER_CITY = "sister_city", _("Sister city")
    # A prefecture's twinning with a state or province abroad (Aichi–Victoria, Hyogo–Washington).
    SISTER_STATE = "sister_state", _("Sister state or province")
    FRIENDSHIP = "friendship", _("Friendship")
    REGIONAL_PARTNERSHIP = "regional_partnership", _("Regional partnership")
    ECONOMIC_MOU = "economic_mou", _("Economic MoU")
    PEOPLE_TO_PEOPLE = "people_to_people", _("People-to-people exchange")
    ENTREPRENEURSHIP_NETWORK = "entrepreneurship_network", _("Entrepreneurship network")
    WORKATION = "workation", _("Workation programme")


class PartnershipStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    DORMANT = "dormant", _("Dormant")
    ENDED = "ended", _("Ended")


class PartnershipQuerySet(EditorialQuerySet):
    """Reusable querysets of partnerships. Detail-page methods first; search methods below them."""

    def quiet(self, since):
        """Active partnerships with no activity recorded on or after ``since`` (a date), nor ever."""
        recent = Activity.objects.filter(partnership=OuterRef("pk"), date__gte=since)
        return self.filter(status=PartnershipStatus.ACTIVE).filter(~Exists(recent))

    def with_localities(self):
        """Both localities joined with their country and parent: what ``str()`` and their links read."""
        return self.select_related(
            "japanese_locality__country",
            "japanese_locality__parent",
            "foreign_locality__country",
            "foreign_locality__parent",
        )

    def for_detail(self):
        """The partnership with its localities, focus areas and activities: 3 queries whatever their number."""
        return self.with_localities().prefetch_related("focus_areas", "activities")

    def for_search(self):
        """What a search result row shows: both localities (with country and parent) joined, focus areas
        prefetched (2 queries per page whatever its length)."""
        return self.with_localities().prefetch_related("focus_areas")


class SubnationalPartnership(EditorialModel):
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    japanese_locality = models.ForeignKey(
        Locality,
        verbose_name=_("Japanese locality"),
        on_delete=models.PROTECT,
        related_name="japanese_partnerships",
        help_text=_("The Japanese prefecture or city."),
    )
    foreign_locality = models.ForeignKey(
        Locality,
        verbose_name=_("foreign locality"),
        on_delete=models.PROTECT,
        related_name="foreign_partnerships",
        help_text=_("The partner abroad."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=PartnershipKind.choices, db_index=True)
    focus_areas = models.ManyToManyField(
        PolicyArea, verbose_name=_("focus areas"), blank=True, related_name="partnerships"
    )
    established = models.PositiveSmallIntegerField(
        _("year established"), null=True, blank=True, db_index=True, validators=[validate_not_future_year]
    )
    status = models.CharField(_("status"), max_length=10, choices=PartnershipStatus.choices, db_index=True)
    description = models.TextField(_("description"), blank=True)
    description_ja = models.TextField(_("description (Japanese)"), blank=True)
    sources = models.TextField(
        _("sources"), blank=True, validators=[validate_url_lines], help_text=_("One URL per line.")
    )
    # Full-text search, kept by database triggers (migrations 0003, 0009 and 0014) from both localities' names,
    # the kind and the description, so bulk_create, raw updates and a locality's rename keep it too.
    search_vector = SearchVectorField(null=True, editable=False)
    # The Japanese text (its own and its localities', folded) and its one- and two-character pieces, for Japanese
    # queries of any length: kept by the same trigger as ``search_vector``.
    search_ja = models.TextField(null=True, blank=True, editable=False)
    search_grams = ArrayField(models.TextField(), null=True, blank=True, editable=False)
    # A token per row the record links to (techdiplo_search 0006): its names are found through it, and a
    # rename changes no record. Apart from ``search_vector``: small, so checking it per record is cheap.
    search_links = SearchVectorField(null=True, editable=False)

    objects = PartnershipQuerySet.as_manager()
    history = HistoricalRecords(
        excluded_fields=["search_vector", "search_ja", "search_grams", "search_links"], m2m_fields=["focus_areas"]
    )  # links in history too

    japanese_fields = ("description_ja",)

    class Meta(EditorialModel.Meta):
        ordering = ["japanese_locality__name", "foreign_locality__name"]
        verbose_name = _("subnational partnership")
        verbose_name_plural = pgettext_lazy("register", "subnational partnerships")
        indexes = [
            # The text search's match, and the Japanese pieces' (any query length).
            GinIndex(fields=["search_vector"], name="partnership_vector_gin"),
            GinIndex(fields=["search_grams"], name="partnership_grams_gin"),
            GinIndex(fields=["search_links"], name="partnership_links_gin"),
            # The lines map's pairs of localities (partnerships.figures.ties), read from the index alone.
            models.Index(
                fields=["japanese_locality", "foreign_locality"],
                include=["id"],
                condition=Q(editorial_state="published"),
                name="partnership_published_pairs",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(established__isnull=True) | Q(established__gte=EARLIEST_YEAR),
                name="partnership_established_plausible",
                violation_error_message=format_lazy(
                    _("The year established cannot be before {year}."), year=EARLIEST_YEAR
                ),
            ),
            models.CheckConstraint(
                condition=~Q(japanese_locality=F("foreign_locality")),
                name="partnership_two_sides",
                violation_error_message=_("A partnership needs two different localities."),
            ),
        ]

    def __str__(self):
        return f"{self.japanese_locality} – {self.foreign_locality}"

    @property
    def title(self):
        return str(self)

    def display_title(self, language=None):
        """Both sides' names in the language (English where a side has no Japanese name)."""
        sides = (self.japanese_locality, self.foreign_locality)
        return " – ".join(localized(side, "name", language) for side in sides)

    def get_absolute_url(self):
        return reverse("partnerships:detail", args=[self.slug])

    @property
    def source_list(self):
        return split_lines(self.sources)


class ActivityKind(models.TextChoices):
    DELEGATION = "delegation", _("Delegation visit")
    EXCHANGE = "exchange", _("Student or staff exchange")
    CONFERENCE = "conference", _("Conference or forum")
    WORKSHOP = "workshop", _("Workshop or training")
    AGREEMENT = "agreement", _("Agreement signed")
    MENTORING = "mentoring", _("Mentoring")
    CULTURAL = "cultural", _("Cultural event")
    TRADE_MISSION = "trade_mission", _("Trade mission")


class Activity(models.Model):
    partnership = models.ForeignKey(
        SubnationalPartnership, verbose_name=_("partnership"), on_delete=models.CASCADE, related_name="activities"
    )
    date = models.DateField(_("date"), db_index=True)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices, db_index=True)
    participants = models.PositiveIntegerField(_("number of participants"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-date"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.title}"
