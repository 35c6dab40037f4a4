"""The site's URLs plus one trivial view, for the load test's ceiling (never part of the site's URLs)."""

from importlib import import_module

from django.conf import settings
from django.http import HttpResponse
from django.urls import path

site = import_module(settings.SITE_URLCONF)
handler500 = getattr(site, "handler500", "django.views.defaults.server_error")


def trivial(request):
    """A short response, no template, no query: middleware, routing and gunicorn only."""
    return HttpResponse(b"ok\n", content_type="text/plain")


urlpatterns = [path("bench-trivial/", trivial), *site.urlpatterns]
