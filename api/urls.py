from django.urls import path, register_converter

from search.urls import RegisterConverter

from . import views

app_name = "api"

register_converter(RegisterConverter, "register")

urlpatterns = [
    path("", views.index, name="index"),
    path("<register:register_name>/", views.register_search, name="search"),
]
