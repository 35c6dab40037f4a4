"""The API's documentation page, a page of the site: mounted with the public pages, in both languages (``/api/``,
``/ja/api/``), while the JSON it documents stays in ``api.urls``, in one language (``?lang=ja`` for Japanese)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.index, name="api_docs"),
]
