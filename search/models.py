"""The search app's one model; its other tables (the facet bitmaps) are raw SQL in its migrations."""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models


class Word(models.Model):
    """A word of a register's own vocabulary (``search.vocabulary``): its published records' title words and
    the names its facets offer, rebuilt by ``manage.py search_words`` and added to by triggers as edits commit.
    "Did you mean …" looks a mistyped word up here by trigram similarity."""

    register = models.CharField(max_length=50)
    word = models.CharField(max_length=200)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["register", "word"], name="search_word_unique")]
        indexes = [GinIndex(OpClass("word", name="gin_trgm_ops"), name="search_word_trgm")]

    def __str__(self):
        return f"{self.register}: {self.word}"
