from django.urls import path

from exports.views import export
from search.feeds import register_feed

from . import views

app_name = "initiatives"

urlpatterns = [
    path("", views.initiative_list, name="list"),
    path("export.<str:fmt>", export, {"register": "initiatives"}, name="export"),
    path("feed.atom", register_feed, {"register": "initiatives"}, name="feed"),
    path("<slug:slug>/", views.initiative_detail, name="detail"),
]
