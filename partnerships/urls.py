from django.urls import path

from exports.views import export
from search.feeds import register_feed

from . import views

app_name = "partnerships"

urlpatterns = [
    path("", views.subnationalpartnership_list, name="list"),
    path("export.<str:fmt>", export, {"register": "partnerships"}, name="export"),
    path("feed.atom", register_feed, {"register": "partnerships"}, name="feed"),
    path("<slug:slug>/", views.subnationalpartnership_detail, name="detail"),
]
