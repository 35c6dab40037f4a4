"""Root URLs: the machine-facing ones in one language, the public pages and the admin in both (English unprefixed)."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from accounts.views import LoginView, LogoutView
from portal.curation import curation, dismiss_duplicates, merge_duplicates
from portal.sitemaps import robots_txt, sitemaps
from portal.views import healthz
from releases import urls as release_urls
from search import registry
from search.views import suggest

# The editors' admin says whose it is, in the page's language; its pages get the width the nav sidebar took
# (every model is one click away on its index page and in the breadcrumbs).
admin.site.site_header = _("techdiplo administration")
admin.site.site_title = _("techdiplo admin")
admin.site.index_title = _("Registers and reference data")
admin.site.enable_nav_sidebar = False

# A 403 names the missing permission and whom to ask (accounts/denied.py).
handler403 = "accounts.denied.permission_denied"
# The 500 handler answers 503 when the error is the database being down or read-only (see portal/unavailable.py).
handler500 = "portal.unavailable.server_error"

# Machine-facing URLs: one language (the API takes ?lang=ja for its labels; its documentation page, /api/, is
# among the public pages below).
urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path(
        "sitemap.xml", sitemap_views.index, {"sitemaps": sitemaps, "sitemap_url_name": "sitemap"}, name="sitemap_index"
    ),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("api/", include("api.urls")),
    *release_urls.file_urlpatterns,
    path("accounts/logout/", LogoutView.as_view(), name="logout"),
]

# Public pages in both languages: English unprefixed (every URL of the contract as it was), Japanese under /ja/,
# so a shared link opens in the language it was shared in.
# Each register's pages are mounted at /<its name>/ from the URL module it registered (search.registry).
urlpatterns += i18n_patterns(
    *(path(f"{register.name}/", include(register.urls)) for register in registry.values()),
    path("", include("portal.urls")),
    path("suggest/", suggest, name="suggest"),
    path("accounts/login/", LoginView.as_view(), name="login"),
    path("reports/", include("reports.urls")),
    path("api/", include("api.page_urls")),  # the documentation; the JSON under /api/ is mounted above
    # The editors' admin in both languages too: /admin/ in English, /ja/admin/ in Japanese.
    # The admin's own sign-out would send a disallowed `next` back to itself (405): this one ends on its sign-in.
    path("admin/logout/", LogoutView.as_view(next_page="admin:login")),
    path("admin/curation/", admin.site.admin_view(curation), name="curation"),
    path("admin/curation/merge/", admin.site.admin_view(merge_duplicates), name="curation_merge"),
    path("admin/curation/dismiss/", admin.site.admin_view(dismiss_duplicates), name="curation_dismiss"),
    path("admin/", admin.site.urls),
    path("workbench/", include("workbench.urls")),
    *release_urls.page_urlpatterns,
    prefix_default_language=False,
)
