"""What search engines are told: a sitemap of every published record and page, and robots.txt.

``/sitemap.xml`` is a sitemap index naming one sitemap per section and language
(``/sitemap-initiatives.xml`` for the English pages, ``/sitemap-initiatives-ja.xml`` for the same pages
under ``/ja/``), and more pages of a section (``?p=2``) past 5,000 records: one file may hold 50,000 URLs
at most, which a single sitemap of 100,000 initiatives would break. (Django's own ``i18n = True`` would
read every record of a section into a list on each request; a section per language stays a paginated
query.) Every section goes through ``published()``: drafts and researchers without consent are never
listed. Organization and country pages are listed only when they show something published.
"""

from collections.abc import Mapping

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from directory.models import Country, Organization
from editorial.sitemaps import LanguageSitemap
from initiatives.models import Initiative
from partnerships.models import SubnationalPartnership
from people.models import Exchange, Researcher
from search import registry


class PagesSitemap(LanguageSitemap):
    """The home page and the registers' search pages (without filters: filtered searches are noindex)."""

    changefreq = "daily"

    def items(self):
        return ["home", *(register.list_url_name for register in registry.values())]

    def path(self, item):
        return reverse(item)


class OrganizationSitemap(LanguageSitemap):
    """Organizations that lead, partner in, employ or host something published."""

    def items(self):
        # EXISTS per organization (an index lookup each) rather than IN over every published record.
        initiatives = Initiative.objects.published()
        return Organization.objects.filter(
            Exists(initiatives.filter(lead_organization=OuterRef("pk")))
            | Exists(initiatives.filter(partner_organizations=OuterRef("pk")))
            | Exists(Researcher.objects.published().filter(affiliation=OuterRef("pk")))
            | Exists(Exchange.objects.published().filter(host_organization=OuterRef("pk")))
        ).order_by("pk")

    def lastmod(self, obj):
        return obj.updated_at

    def get_latest_lastmod(self):
        return self.items().order_by("-updated_at").values_list("updated_at", flat=True).first()


class CountrySitemap(LanguageSitemap):
    """Countries that partner in a published initiative or partnership, where a published researcher is based
    or where one went on an exchange: the countries whose page shows something."""

    def items(self):
        return Country.objects.filter(
            Exists(Initiative.objects.published().filter(countries=OuterRef("pk")))
            | Exists(Researcher.objects.published().filter(country=OuterRef("pk")))
            | Exists(Exchange.objects.published().filter(country=OuterRef("pk")))
            | Exists(SubnationalPartnership.objects.published().filter(foreign_locality__country=OuterRef("pk")))
        ).order_by("pk")


def sections():
    """``{section: sitemap class}``: the site's pages, each register's records (its own sitemap), then the
    organizations and countries that show something."""
    registers = {register.name: register.sitemap for register in registry.values() if register.sitemap}
    return {"pages": PagesSitemap, **registers, "organizations": OrganizationSitemap, "countries": CountrySitemap}


def section_name(section, language):
    """``initiatives`` for the default language, ``initiatives-ja`` for Japanese."""
    return section if language == settings.LANGUAGE_CODE else f"{section}-{language}"


class Sitemaps(Mapping):
    """``{section-language: sitemap}`` as Django's sitemap views take it, read from the registry on each use (so a
    register added later, as the tests' fourth one, is listed too)."""

    def _all(self):
        return {
            section_name(section, language): sitemap(language)
            for language, _ in settings.LANGUAGES
            for section, sitemap in sections().items()
        }

    def __getitem__(self, key):
        return self._all()[key]

    def __iter__(self):
        return iter(self._all())

    def __len__(self):
        return len(self._all())

    # One object: reverse() compares a URL's default arguments, and two readings build different sitemaps.
    __eq__ = object.__eq__
    __hash__ = object.__hash__


sitemaps = Sitemaps()

# Staff areas are closed to crawlers; public pages stay open so crawlers can read noindex on filtered searches.
LANGUAGE_PREFIXES = ["", *(f"/{code}" for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE)]
ROBOTS_DISALLOW = [f"{prefix}{path}" for prefix in LANGUAGE_PREFIXES for path in ["/admin/", "/accounts/", "/reports/"]]


@require_safe
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW)]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap_index'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
