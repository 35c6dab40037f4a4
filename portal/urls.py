from django.urls import path, re_path

from . import views
from .feeds import site_search_feed

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.site_search, name="search"),
    path("search/feed.atom", site_search_feed, name="search_feed"),
    path("researchers/<slug:slug>/", views.researcher_detail, name="researcher"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization"),
    # Two letters only: anything else is a 404 from the resolver, never a lookup with junk in it.
    re_path(r"^countries/(?P<iso2>[A-Za-z]{2})/$", views.country_detail, name="country"),
]
