"""The editorial state shared by the three registers.

One rule decides what the public may see: ``published()``. Views, the API,
exports, sitemaps and the home page all go through it (or through
``visible_to(user)``, which lets signed-in staff preview drafts).
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from search.urls import search_url


class EditorialState(models.TextChoices):
    """A record's way to the public: editors write a draft and submit it for review; a reviewer publishes it
    or returns it to draft with a comment (``editorial/review.py``). Only ``published`` is public."""

    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")


# What the public may see, as a condition: ``published()`` filters by it and partial indexes are built on it.
PUBLISHED = Q(editorial_state=EditorialState.PUBLISHED)


class EditorialQuerySet(models.QuerySet):
    # The condition ``published()`` filters by, also applied to a record's history (the API's departures).
    public_rule = PUBLISHED

    def published(self):
        """What the public may see. No extra query: a WHERE clause."""
        return self.filter(self.public_rule)

    def drafts(self):
        return self.filter(editorial_state=EditorialState.DRAFT)

    def in_review(self):
        """Waiting for a reviewer."""
        return self.filter(editorial_state=EditorialState.IN_REVIEW)

    # Curation (the admin's curation page, portal/curation.py): what needs an editor's attention.

    def review_due(self, cutoff):
        """Never reviewed, or last reviewed before ``cutoff`` (a date)."""
        return self.filter(Q(last_reviewed__isnull=True) | Q(last_reviewed__lt=cutoff))

    def unsourced(self):
        """Records that cite no source (registers without a ``sources`` field have none to miss)."""
        if not any(field.name == "sources" for field in self.model._meta.fields):
            return self.none()
        return self.filter(sources="")

    def untranslated(self):
        """Published records with an empty Japanese text among the register's ``japanese_fields``."""
        missing = Q()
        for name in self.model.japanese_fields:
            missing |= Q(**{name: ""})
        return self.published().filter(missing) if missing else self.none()

    def visible_to(self, user):
        """Everything for staff (so "view on site" works for drafts), published records for everyone else."""
        if user is not None and user.is_active and user.is_staff:
            return self.all()
        return self.published()


class Vocabulary(models.Model):
    """A short list of terms named in both languages (policy areas, research fields, frameworks): a slug for
    URLs, a name, a Japanese name. A term's page is the search of its ``search_link`` (register, facet)."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=100, unique=True)
    name_ja = models.CharField(_("name (Japanese)"), max_length=100, blank=True)

    search_link = None  # ("initiatives", "area")

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        register, facet = self.search_link
        return search_url(register, **{facet: self.slug})


class EditorialModel(models.Model):
    editorial_state = models.CharField(
        _("editorial state"),
        max_length=10,
        choices=EditorialState.choices,
        default=EditorialState.DRAFT,
        db_index=True,
        help_text=_("Only published records appear on public pages, in the API and in anonymous exports."),
    )
    review_comment = models.TextField(
        _("reviewer's comment"),
        blank=True,
        help_text=_("What the editor should change: required when a reviewer returns a record to draft."),
    )
    # When an editor last checked the record against its sources (the changelists' "review date").
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)
    # Set once, on first publication, by a row trigger (editorial/migrations/0001_published_at.py), so that
    # bulk_update(), QuerySet.update() and raw SQL set it too; unpublishing and publishing again keep it.
    published_at = models.DateTimeField(
        _("first published"),
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_("When the record was first published. Feeds list records by it."),
    )

    objects = EditorialQuerySet.as_manager()

    # The Japanese texts a published record should have (its title and summary); see ``untranslated()``.
    japanese_fields = ()

    class Meta:
        abstract = True
        # "publish": only reviewers (and superusers) hold it. A register's Meta extends this one to get it.
        default_permissions = ("add", "change", "delete", "view", "publish")

    def save(self, *args, **kwargs):
        # The trigger sets the stored value; this keeps the instance in step without a query to read it back.
        if self.is_published and self.published_at is None:
            self.published_at = timezone.now()
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "published_at"}
        super().save(*args, **kwargs)

    @property
    def is_published(self):
        return self.editorial_state == EditorialState.PUBLISHED


class DuplicatePair(models.Model):
    """Two records of one kind whose names are very similar: the curation page's likely duplicates.

    Kept by database triggers in the same transaction as the records (``editorial.duplicates``): a record
    inserted or renamed is paired with its nearest names, a record renamed or deleted loses its pairs. Not a
    foreign key: one table serves every kind (``kind`` is "app_label.model_name", as the merge form posts it).
    """

    kind = models.CharField(max_length=100)
    first_id = models.BigIntegerField()  # the lower id: the older record
    second_id = models.BigIntegerField()
    similarity = models.FloatField()  # trigram similarity (0-1) of the closest of their names
    # An editor said "not a duplicate": no longer listed, kept while both names stay as they are (a rename of
    # either drops the pair, and the names are judged again).
    dismissed = models.BooleanField(default=False, db_default=False)  # the triggers insert without it

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "first_id", "second_id"], name="duplicate_pair_unique"),
            models.CheckConstraint(condition=models.Q(first_id__lt=models.F("second_id")), name="duplicate_pair_order"),
        ]
        indexes = [
            # A record's pairs, from either side (a rename or delete drops them).
            models.Index(fields=["kind", "second_id"], name="duplicate_pair_second"),
            # The curation page: the listed pairs of a kind, most similar first, and their number (index only).
            models.Index(
                fields=["kind", "-similarity", "first_id", "second_id"],
                condition=models.Q(dismissed=False),
                name="duplicate_pair_listed",
            ),
        ]

    def __str__(self):
        return f"{self.kind} #{self.first_id} ~ #{self.second_id} ({self.similarity:.2f})"
