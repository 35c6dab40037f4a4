from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from . import views
from .search.views import site_search
from .sitemaps import robots_txt, sitemaps

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path(
        "sitemap.xml", sitemap_views.index, {"sitemaps": sitemaps, "sitemap_url_name": "sitemap"}, name="sitemap_index"
    ),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("initiatives/", include("initiatives.urls")),
    path("researchers/", include("people.urls")),
    path("partnerships/", include("partnerships.urls")),
    path("search/", site_search, name="search"),
    path("api/", include("techdiplo.api")),
    path("", include("directory.urls")),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("reports/", include("reports.urls")),
    path("admin/", admin.site.urls),
]
