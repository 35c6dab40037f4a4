from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from accounts.views import LoginView, LogoutView

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
    path("accounts/logout/", LogoutView.as_view(), name="logout"),
    # The admin's own sign-out would send a disallowed `next` back to itself (405): this one ends on its sign-in.
    path("admin/logout/", LogoutView.as_view(next_page="admin:login")),
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
    path("accounts/login/", LoginView.as_view(), name="login"),
    path("reports/", include("reports.urls")),
    prefix_default_language=False,
)
