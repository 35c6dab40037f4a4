from django.urls import path

from search import REGISTERS

from . import views

app_name = "api"

urlpatterns = [
    path("", views.index, name="index"),
    *(path(f"{name}/", views.register_search, {"register_name": name}, name=name) for name in REGISTERS),
]
