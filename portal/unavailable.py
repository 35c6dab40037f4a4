"""503 Service Unavailable, never 500, when the database cannot serve a request.

A database that refuses connections or drops one, or that is read-only (a hot standby, a server set to
``default_transaction_read_only`` for maintenance), is a passing condition of a dependency, not a bug in
the page: every page answers 503 with ``Retry-After``, as the site's own page in the page's language (the
``/ja/`` prefix decides), and ``/api/`` as JSON. Nothing else is needed to recover: Django drops a broken
connection at the end of the request and opens a new one for the next.

Two ways in, because an error can start in a view or in a middleware (a session saved on the way out):
``DatabaseUnavailableMiddleware`` answers a view's error, ``server_error`` (``handler500``) any other.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
READ_ONLY_SQLSTATE = "25006"  # read_only_sql_transaction: a write on a read-only server or transaction
UNREACHABLE, READ_ONLY = "unreachable", "read-only"


def reason(exc):
    """``"read-only"``, ``"unreachable"`` (no connection, a dropped one, or an operational failure such as a
    shutdown or a timeout), or None when ``exc`` is not the database being unavailable."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if getattr(exc, "sqlstate", None) == READ_ONLY_SQLSTATE:
            return READ_ONLY
        if isinstance(exc, OperationalError | InterfaceError):
            return UNREACHABLE
        exc = exc.__cause__ or exc.__context__
    return None


def _language(request):
    return translation.get_language_from_path(request.path_info) or "en"


def _message(why):
    if why == READ_ONLY:
        return gettext(
            "The register is in read-only maintenance: you can browse it, but signing in and saving are not "
            "possible right now. Please try again in a few minutes."
        )
    return gettext("The register cannot reach its database right now. Please try again in a minute.")


def unavailable_response(request, why):
    """The 503 answer: JSON under ``/api/`` (``?lang=ja`` for Japanese, as the API), the site's page otherwise."""
    if request.path_info.startswith("/api/"):
        with translation.override("ja" if request.GET.get("lang") == "ja" else "en"):
            response = JsonResponse({"status": 503, "error": _message(why)}, status=503)
    else:
        with translation.override(_language(request)):
            html = loader.get_template("503.html").render({"message": _message(why)})
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    """Turns a view's database-unavailable error into the 503 answer (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        why = reason(exception)
        if why is None:
            return None
        logger.warning("Database %s: 503 for %s (%s)", why, request.path, exception)
        return unavailable_response(request, why)


def server_error(request):
    """``handler500``: the 503 answer when the error being handled is the database's, the site's own 500
    page (in the page's language) otherwise. Renders without a request context: no query, no session."""
    why = reason(sys.exc_info()[1])
    if why is not None:
        return unavailable_response(request, why)
    if request.path_info.startswith("/api/"):  # the API answers JSON, errors included
        return JsonResponse({"status": 500, "error": "Internal server error: it has been logged."}, status=500)
    with translation.override(_language(request)):
        return HttpResponseServerError(loader.get_template("500.html").render())
