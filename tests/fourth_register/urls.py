from django.urls import path

from exports.views import export
from search.feeds import register_feed

from . import views

app_name = "agreements"

urlpatterns = [
    path("", views.agreement_list, name="list"),
    path("export.<str:fmt>", export, {"register": "agreements"}, name="export"),
    path("feed.atom", register_feed, {"register": "agreements"}, name="feed"),
    path("<slug:slug>/", views.agreement_detail, name="detail"),
]
