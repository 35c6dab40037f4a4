"""The site's URLs plus the benchmark's reference admin at ``/bench-admin/``."""

from django.urls import path

from techdiplo.urls import urlpatterns as site_urlpatterns

from .admin import reference_site

urlpatterns = [path("bench-admin/", reference_site.urls), *site_urlpatterns]
