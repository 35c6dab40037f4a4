from django.urls import path

from exports.views import export

from . import views

app_name = "partnerships"

urlpatterns = [
    path("", views.subnationalpartnership_list, name="list"),
    path("export.<str:fmt>", export, {"register": "partnerships"}, name="export"),
    path("<slug:slug>/", views.subnationalpartnership_detail, name="detail"),
]
