from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from . import views
from .search.views import site_search
from .sitemaps import robots_txt, sitemaps

# The 500 handler answers 503 when the error is the database being down or read-only (see unavailable.py).
handler500 = "techdiplo.unavailable.server_error"

# Machine-facing URLs: one language (the API takes ?lang=ja for its labels).
urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path(
        "sitemap.xml", sitemap_views.index, {"sitemaps": sitemaps, "sitemap_url_name": "sitemap"}, name="sitemap_index"
    ),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("api/", include("techdiplo.api")),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
]

# Public pages in both languages: English unprefixed (every URL of DESIGN.md as it was), Japanese under /ja/,
# so a shared link opens in the language it was shared in.
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("initiatives/", include("initiatives.urls")),
    path("researchers/", include("people.urls")),
    path("partnerships/", include("partnerships.urls")),
    path("search/", site_search, name="search"),
    path("", include("directory.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("reports/", include("reports.urls")),
    prefix_default_language=False,
)
