from django.urls import path, re_path, register_converter

from search.urls import RegisterConverter

from . import views
from .answers import not_found

app_name = "api"

register_converter(RegisterConverter, "register")

urlpatterns = [
    # The documentation page (views.index) is not here: it is a page in both languages (api.page_urls).
    path("<register:register_name>/", views.register_search, name="search"),
    path("v1/openapi.json", views.openapi_json, name="openapi"),
    path("v1/<register:register_name>/", views.search_v1, name="v1-search"),
    path("v1/<register:register_name>/<slug:slug>/", views.record_v1, name="v1-record"),
    # Anything else under /api/ ending in a slash is a JSON 404, not the site's HTML page (a URL without the slash
    # is first redirected to it by CommonMiddleware, as everywhere on the site).
    re_path(r"^[\s\S]*/$", not_found),
]
