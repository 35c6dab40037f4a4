from django.urls import path

from . import views

# The files, in one language (machine-facing); the page itself is mounted with the site's pages, in both.
file_urlpatterns = [
    path("data/<str:release>/<str:filename>", views.release_file, name="release_file"),
]
page_urlpatterns = [
    path("data/", views.release_list, name="releases"),
]
