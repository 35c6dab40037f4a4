"""The analysts' workbench, under /workbench/ in both languages. URL names are not namespaced: ``workbench`` is
the entry page the account bar links to."""

from django.urls import path, re_path

from . import views

urlpatterns = [
    path("", views.index, name="workbench"),
    path("network/", views.network, name="workbench_network"),
    path("network.<str:fmt>", views.network_download, name="workbench_network_download"),
    path("countries/", views.country_picked, name="workbench_countries"),
    # Two letters only: anything else is a 404 from the resolver, as on the country pages.
    re_path(r"^countries/(?P<iso2>[A-Za-z]{2})/$", views.country_brief, name="workbench_country"),
    path("<slug:register>/crosstab/", views.crosstab, name="workbench_crosstab"),
    path("<slug:register>/crosstab.<str:fmt>", views.crosstab_download, name="workbench_crosstab_download"),
]
