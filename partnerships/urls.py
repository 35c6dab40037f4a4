from django.urls import path

from . import views

app_name = "partnerships"

urlpatterns = [
    path("", views.subnationalpartnership_list, name="list"),
    path("<slug:slug>/", views.subnationalpartnership_detail, name="detail"),
]
