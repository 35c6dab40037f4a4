from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("organizations/<slug:slug>/", views.organization_detail, name="organization"),
    path("countries/<str:iso2>/", views.country_detail, name="country"),
]
