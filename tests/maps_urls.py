"""The site's URLs plus the maps test page at ``/maps-test/`` (``/ja/maps-test/`` in Japanese)."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import path

from techdiplo.urls import urlpatterns as site_urlpatterns

from .maps_page import maps_page

urlpatterns = [
    *site_urlpatterns,
    *i18n_patterns(path("maps-test/", maps_page, name="maps_test"), prefix_default_language=False),
]
