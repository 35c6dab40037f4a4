"""Sitemaps of what the public may see: a section per language, and a register's published records.

A register's ``sitemaps.py`` subclasses :class:`PublishedSitemap` with its model; the site (``portal/sitemaps.py``)
puts every registered register's sitemap, in both languages, into ``/sitemap.xml``.
"""

from django.contrib.sitemaps import Sitemap
from django.utils import translation


class LanguageSitemap(Sitemap):
    """A section's pages in one language, whatever language the crawler's request asked for."""

    def __init__(self, language):
        self.language = language

    def location(self, item):
        with translation.override(self.language):
            return self.path(item)

    def path(self, item):
        return item.get_absolute_url()


class PublishedSitemap(LanguageSitemap):
    """A register's published records (``model.objects.published()``), lastmod from ``updated_at``."""

    model = None
    # Pages of 5,000 rather than the protocol's 50,000: rendering the XML of a URL costs more than reading it.
    limit = 5_000

    def items(self):
        # Only what a URL and its lastmod need: the long text and search columns stay in the database.
        return self.model.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at

    def get_latest_lastmod(self):
        """For the index: one query, rather than Django's default of reading every record."""
        return self.items().order_by("-updated_at").values_list("updated_at", flat=True).first()
