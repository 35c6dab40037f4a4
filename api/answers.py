"""What every API answer shares: JSON errors, the methods allowed, the language, conditional requests.

``api_view`` wraps each view of ``/api/``: GET and HEAD only (405 otherwise), ``?lang=ja`` for Japanese labels
and messages, every error as ``{"status": ..., "error": ...}`` (a 404 too; a database that is down is answered
by ``portal.unavailable`` in the same shape), and conditional requests: ``Last-Modified`` is the registers'
newest change (``search.changes.last_modified``, so an ``If-Modified-Since`` that is still current is answered
304 before any search runs), ``ETag`` a hash of the answer's body (Django's ``ConditionalGetMiddleware``, used
as a decorator), which also catches a change the date cannot see (an organization renamed).
"""

from functools import wraps

from django.http import Http404, JsonResponse
from django.middleware.http import ConditionalGetMiddleware
from django.utils import translation
from django.utils.decorators import decorator_from_middleware
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import condition

from search import registry
from search.changes import last_modified

API_LANGUAGES = {"en", "ja"}
SAFE_METHODS = ("GET", "HEAD")


class ApiError(Exception):
    """An answer other than 200, raised anywhere below a view: ``ApiError(400, "page_size must be ...")``."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status, self.message = status, message


def error(status, message):
    return JsonResponse(
        {"status": status, "error": str(message)}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def answer(data):
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


def language(request):
    value = request.GET.get("lang", "en")
    return value if value in API_LANGUAGES else "en"


def _registers_changed(request, *args, **kwargs):
    return last_modified(registry.values())


def api_view(view):
    """The view as an API endpoint (see the module's docstring)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        with translation.override(language(request)):
            if request.method not in SAFE_METHODS:
                response = error(405, gettext("Only GET and HEAD are allowed here."))
                response["Allow"] = ", ".join(SAFE_METHODS)
                return response
            try:
                return view(request, *args, **kwargs)
            except Http404:
                return error(404, gettext("Nothing here: see the API's documentation at /api/."))
            except ApiError as exc:
                return error(exc.status, exc.message)

    conditional = condition(last_modified_func=_registers_changed)
    # Exempt from CSRF: nothing here writes, and a POST must get the JSON 405 rather than the CSRF page's 403.
    return csrf_exempt(decorator_from_middleware(ConditionalGetMiddleware)(conditional(wrapper)))


@csrf_exempt
def not_found(request, *args, **kwargs):
    """Any other URL under ``/api/``: a JSON 404 (the site's 404 page is HTML)."""
    with translation.override(language(request)):
        return error(404, gettext("Nothing here: see the API's documentation at /api/."))
