"""International initiatives, the frameworks they belong to, and who takes part."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Count, F, Prefetch, Q
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from directory.models import Country, Organization, PolicyArea
from editorial.duplicates import trigram_index
from editorial.models import PUBLISHED, EditorialModel, EditorialQuerySet, Vocabulary
from editorial.validators import split_lines, validate_url_lines
from people.models import Researcher
from search import bitmaps, registry
from search.suggest import prefix_index
from search.text import folded_column


class Framework(Vocabulary):
    # Longer names than the other vocabularies' (programme titles).
    name = models.CharField(_("name"), max_length=200, unique=True)
    name_ja = models.CharField(_("name (Japanese)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()

    search_link = ("initiatives", "framework")

    class Meta(Vocabulary.Meta):
        verbose_name = _("framework")
        verbose_name_plural = _("frameworks")


class InitiativeKind(models.TextChoices):
    RESEARCH_COLLABORATION = "research_collaboration", _("Research collaboration")
    EXCHANGE_PROGRAMME = "exchange_programme", _("Exchange programme")
    SUMMIT_OR_FORUM = "summit_or_forum", _("Summit or forum")
    CAPACITY_BUILDING = "capacity_building", _("Capacity building")
    POLICY_DIALOGUE = "policy_dialogue", _("Policy dialogue")
    FUNDING_PROGRAMME = "funding_programme", _("Funding programme")
    RESEARCH_CENTRE = "research_centre", _("Research centre")
    SECURITY_COOPERATION = "security_cooperation", _("Security cooperation")


class InitiativeStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    COMPLETED = "completed", _("Completed")


class InitiativeQuerySet(EditorialQuerySet):
    """Reusable querysets of initiatives. Detail-page methods first; search methods below them."""

    def for_detail(self):
        """The initiative with everything its page shows, in 6 queries whatever their number: the initiative
        joined to its lead organization, then policy areas, partner countries, partner organizations, frameworks,
        and the participations of published, consenting researchers (``public_participations``)."""
        participations = Participation.objects.filter(researcher__in=Researcher.objects.published())
        return self.select_related("lead_organization__country").prefetch_related(
            "policy_areas",
            "countries",
            "partner_organizations",
            "frameworks",
            Prefetch(
                "participations",
                queryset=participations.select_related("researcher__affiliation"),
                to_attr="public_participations",
            ),
        )

    def related_to(self, initiative, limit=5):
        """Published initiatives sharing policy areas or frameworks with ``initiative``, most shared first, then
        newest first; each with ``overlap``, the number of values it shares.

        One query, whatever the number of initiatives sharing a value: the ids come from ``initiative``'s
        prefetch cache (see ``for_detail``) and the ranking from the facet bitmaps (``bitmaps.most_shared``).
        """
        shared = {
            "area": [area.pk for area in initiative.policy_areas.all()],
            "framework": [framework.pk for framework in initiative.frameworks.all()],
        }
        register = registry["initiatives"]
        newest = (*register.sorts["newest"], *register.tie_breaker)
        ranking = bitmaps.most_shared(register, shared, exclude=initiative.pk, order_by=newest, limit=limit)
        if ranking is None:
            return []
        sql, params = ranking
        ranked = f"SELECT r.overlap, i.* FROM ({sql}) AS r JOIN {self.model._meta.db_table} AS i ON i.id = r.id"  # noqa: S608
        return self.raw(f"{ranked} ORDER BY r.overlap DESC, r.place", params)

    def for_search(self):
        """What a search result row shows: lead organization joined, policy areas and countries prefetched
        (3 queries per page whatever its length)."""
        return self.select_related("lead_organization").prefetch_related("policy_areas", "countries")


class Initiative(EditorialModel):
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.CharField(_("title"), max_length=300, db_index=True)
    title_ja = models.CharField(_("title (Japanese)"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True, help_text=_("One or two sentences, shown in search results."))
    summary_ja = models.TextField(_("summary (Japanese)"), blank=True)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=InitiativeKind.choices, db_index=True)
    status = models.CharField(_("status"), max_length=12, choices=InitiativeStatus.choices, db_index=True)
    start_date = models.DateField(_("start date"), null=True, blank=True, db_index=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    policy_areas = models.ManyToManyField(
        PolicyArea, verbose_name=_("policy areas"), blank=True, related_name="initiatives"
    )
    countries = models.ManyToManyField(
        Country,
        verbose_name=_("partner countries"),
        blank=True,
        related_name="initiatives",
        help_text=_("Partner countries."),
    )
    lead_organization = models.ForeignKey(
        Organization,
        verbose_name=_("lead organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_initiatives",
    )
    partner_organizations = models.ManyToManyField(
        Organization, verbose_name=_("partner organizations"), blank=True, related_name="partner_initiatives"
    )
    frameworks = models.ManyToManyField(Framework, verbose_name=_("frameworks"), blank=True, related_name="initiatives")
    participants = models.ManyToManyField(
        Researcher, verbose_name=_("participants"), through="Participation", blank=True, related_name="initiatives"
    )
    funding_jpy = models.PositiveBigIntegerField(_("funding (JPY)"), null=True, blank=True)
    sources = models.TextField(
        _("sources"), blank=True, validators=[validate_url_lines], help_text=_("One URL per line.")
    )
    # Full-text search, kept by database triggers (migrations 0002, 0009 and 0014) from the titles, summary and
    # description, so bulk_create and raw updates keep it too.
    search_vector = SearchVectorField(null=True, editable=False)
    # The Japanese text (its own, folded) and its one- and two-character pieces, for Japanese
    # queries of any length: kept by the same trigger as ``search_vector``.
    search_ja = models.TextField(null=True, blank=True, editable=False)
    search_grams = ArrayField(models.TextField(), null=True, blank=True, editable=False)
    # A token per row the record links to (techdiplo_search 0006): its names are found through it, and a
    # rename changes no record. Apart from ``search_vector``: small, so checking it per record is cheap.
    search_links = SearchVectorField(null=True, editable=False)
    # The Japanese title folded, which ranking a Japanese query reads (computed by PostgreSQL on every write).
    search_title = folded_column("title_ja")

    objects = InitiativeQuerySet.as_manager()
    # The links are in the history too (who, when, why), so diffs and revert cover them.
    history = HistoricalRecords(
        excluded_fields=["search_vector", "search_ja", "search_grams", "search_links", "search_title"],
        m2m_fields=["policy_areas", "countries", "frameworks", "partner_organizations"],
    )

    japanese_fields = ("title_ja", "summary_ja")
    duplicate_keys = (Upper("title"), Upper("title_ja"))

    class Meta(EditorialModel.Meta):
        ordering = ["-start_date", "title"]
        verbose_name = pgettext_lazy("register", "initiative")
        verbose_name_plural = pgettext_lazy("register", "initiatives")
        indexes = [
            # The text search's match, and the Japanese pieces' (any query length).
            GinIndex(fields=["search_vector"], name="initiative_vector_gin"),
            GinIndex(fields=["search_grams"], name="initiative_grams_gin"),
            GinIndex(fields=["search_links"], name="initiative_links_gin"),
            # Suggestions match Japanese titles anywhere from three characters (search.suggest).
            GinIndex(OpClass(Upper("title_ja"), name="gin_trgm_ops"), name="initiative_title_ja_trgm"),
            # Suggestions as you type match a title's words by their start (search.suggest): a trigram each.
            GinIndex(OpClass(Upper("title"), name="gin_trgm_ops"), name="initiative_title_trgm"),
            # Suggestions' titles starting with the typed text, the first few in order (search.suggest).
            prefix_index("title", "initiative_title_prefix"),
            prefix_index("title_ja", "initiative_title_ja_prefix"),
            # Likely duplicates: the nearest titles (trigram KNN; GIN cannot order by distance).
            trigram_index(Upper("title"), "initiative_title_trgm_gist"),
            trigram_index(Upper("title_ja"), "initiative_title_ja_trgm_gist"),
            # The published initiatives' ids with what the facets read, and the default order (newest first).
            models.Index(
                fields=["id"],
                include=["kind", "status", "start_date", "lead_organization"],
                condition=PUBLISHED,
                name="initiative_published_facets",
            ),
            models.Index(
                F("start_date").desc(nulls_last=True), "title", "id", condition=PUBLISHED, name="initiative_newest"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="initiative_end_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("initiatives:detail", args=[self.slug])

    @property
    def starts_later(self):
        """The start date is still to come (on the server's date): pages say "from 2027", not "since 2027"."""
        return self.start_date is not None and self.start_date > timezone.localdate()

    @property
    def source_list(self):
        return split_lines(self.sources)


class ParticipationRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    CO_INVESTIGATOR = "co_investigator", _("Co-investigator")
    MEMBER = "member", _("Member")
    ADVISER = "adviser", _("Adviser")
    DELEGATE = "delegate", _("Delegate")


class Participation(models.Model):
    researcher = models.ForeignKey(
        Researcher, verbose_name=_("researcher"), on_delete=models.PROTECT, related_name="participations"
    )
    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="participations"
    )
    role = models.CharField(
        _("role"), max_length=20, choices=ParticipationRole.choices, default=ParticipationRole.MEMBER
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["initiative", "role", "researcher"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(fields=["researcher", "initiative"], name="participation_unique"),
        ]

    def __str__(self):
        return f"{self.researcher} – {self.initiative} ({self.get_role_display()})"


def worked_with(researcher, limit=20):
    """The published, consenting researchers who take part in a published initiative with ``researcher``, each
    with ``shared`` (their initiatives together), most shared first. One query. The public rule is both sides'
    ``published()``: a draft initiative or a researcher without consent links nobody."""
    together = Initiative.objects.published().filter(participations__researcher=researcher)
    return (
        Researcher.objects.published()
        .exclude(pk=researcher.pk)
        .filter(participations__initiative__in=together)
        .annotate(shared=Count("participations__initiative", distinct=True))
        .select_related("affiliation")
        .order_by("-shared", "family_name", "given_name", "pk")[:limit]
    )
