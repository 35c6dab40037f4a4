from django.urls import path

from exports.views import export
from search.feeds import register_feed

from . import views

app_name = "researchers"

urlpatterns = [
    path("", views.researcher_list, name="list"),
    path("export.<str:fmt>", export, {"register": "researchers"}, name="export"),
    path("feed.atom", register_feed, {"register": "researchers"}, name="feed"),
    # A researcher's own page (/researchers/<slug>/) is the site's: it lists their initiatives (portal/urls.py).
]
