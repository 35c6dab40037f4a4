from editorial.sitemaps import PublishedSitemap

from .models import Agreement


class AgreementSitemap(PublishedSitemap):
    model = Agreement
