"""Agreements Japan signs with other countries: the smallest register the machinery can serve."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse

from directory.models import Country
from editorial.models import EditorialModel, EditorialQuerySet


class AgreementKind(models.TextChoices):
    TREATY = "treaty", "Treaty"
    MEMORANDUM = "memorandum", "Memorandum of understanding"


class AgreementQuerySet(EditorialQuerySet):
    def for_search(self):
        """What a result row shows: the country joined (1 query per page)."""
        return self.select_related("country")


class Agreement(EditorialModel):
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=300)
    title_ja = models.CharField(max_length=300, blank=True)
    kind = models.CharField(max_length=20, choices=AgreementKind.choices)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, null=True, blank=True, related_name="agreements")
    signed = models.PositiveSmallIntegerField(null=True, blank=True)
    # Kept by a trigger (migrations 0002 and 0004): the text, the folded Japanese text and its pieces.
    search_vector = SearchVectorField(null=True, editable=False)
    search_ja = models.TextField(null=True, blank=True, editable=False)
    search_grams = ArrayField(models.TextField(), null=True, blank=True, editable=False)
    # A token per row the record links to (techdiplo_search 0006): its names are found through it, and a
    # rename changes no record. Apart from ``search_vector``: small, so checking it per record is cheap.
    search_links = SearchVectorField(null=True, editable=False)

    objects = AgreementQuerySet.as_manager()

    class Meta(EditorialModel.Meta):
        ordering = ["title"]
        indexes = [
            GinIndex(fields=["search_vector"], name="agreement_vector_gin"),
            GinIndex(fields=["search_grams"], name="agreement_grams_gin"),
            GinIndex(fields=["search_links"], name="agreement_links_gin"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("agreements:detail", args=[self.slug])
