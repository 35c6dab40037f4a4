"""The editorial state shared by the three registers.

One rule decides what the public may see: ``published()``. Views, the API,
exports, sitemaps and the home page all go through it (or through
``visible_to(user)``, which lets signed-in staff preview drafts).
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from search.urls import search_url


class EditorialState(models.TextChoices):
    DRAFT = "draft", _("Draft")
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

    def visible_to(self, user):
        """Everything for staff (so "view on site" works for drafts), published records for everyone else."""
        if user is not None and user.is_active and user.is_staff:
            return self.all()
        return self.published()


class Vocabulary(models.Model):
    """A short list of terms named in both languages (policy areas, research fields, frameworks): a slug for
    URLs, a name, a Japanese name. A term's page is the search of its ``search_link`` (register, facet)."""

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=100, unique=True)
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
        "editorial state",
        max_length=10,
        choices=EditorialState.choices,
        default=EditorialState.DRAFT,
        db_index=True,
        help_text=_("Only published records appear on public pages, in the API and in anonymous exports."),
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    objects = EditorialQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_published(self):
        return self.editorial_state == EditorialState.PUBLISHED
