"""The refusals: 429 when a client is over its limit, 503 when every heavy slot is taken; both with
``Retry-After``, as JSON under ``/api/`` (``?lang=ja`` for Japanese, as the API) and as the site's own page in
the page's language elsewhere. Rendered without a request context: no query."""

from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext, ngettext

# An export of every record takes seconds to tens of seconds: by then a slot has usually come free.
BUSY_RETRY_AFTER_SECONDS = 15


def _what(kind, limit):
    return {
        "api": ngettext("API request", "API requests", limit),
        "downloads": ngettext("download", "downloads", limit),
        "feeds": ngettext("feed request", "feed requests", limit),
        "search": ngettext("search", "searches", limit),
    }[kind]


def too_many_requests(request, kind, counted):
    """429: ``counted`` (a ``counters.Count``) is over its limit until its window ends."""
    with _language(request):
        message = gettext(
            "Too many requests from your address: visitors who are not signed in may make %(limit)s %(what)s a "
            "minute. Please wait %(seconds)s seconds and try again."
        ) % {"limit": counted.limit, "what": _what(kind, counted.limit), "seconds": counted.reset}
        return _answer(request, 429, message, counted.reset, "429.html")


def heavy_slots_busy(request):
    """503: every slot for heavy requests is taken."""
    with _language(request):
        message = gettext(
            "Other large downloads are being prepared right now, so this one cannot start yet. Please try again "
            "in %(seconds)s seconds."
        ) % {"seconds": BUSY_RETRY_AFTER_SECONDS}
        return _answer(request, 503, message, BUSY_RETRY_AFTER_SECONDS, "503.html")


def _is_api(request):
    return request.path_info.startswith("/api/")


def _language(request):
    if _is_api(request):
        return translation.override("ja" if request.GET.get("lang") == "ja" else "en")
    return translation.override(translation.get_language_from_path(request.path_info) or "en")


def _answer(request, status, message, retry_after, template):
    if _is_api(request):
        response = JsonResponse({"status": status, "error": message}, status=status)
    else:
        response = HttpResponse(loader.get_template(template).render({"message": message}), status=status)
    response["Retry-After"] = str(retry_after)
    add_never_cache_headers(response)
    return response
