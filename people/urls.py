from django.urls import path

from exports.views import export

from . import views

app_name = "researchers"

urlpatterns = [
    path("", views.researcher_list, name="list"),
    path("export.<str:fmt>", export, {"register": "researchers"}, name="export"),
    # A researcher's own page (/researchers/<slug>/) is the site's: it lists their initiatives (portal/urls.py).
]
