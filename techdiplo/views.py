from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import overview


@require_safe
@never_cache
def healthz(request):
    """For load balancers: 200 when every dependency a page needs answers, 503 naming the ones that do not.

    The one dependency is PostgreSQL: ``"database"`` is ``"ok"``, ``"read-only"`` (pages are served,
    sign-ins and saves answer 503) or ``"unreachable"``. One query.
    """
    checks = {"database": database_state()}
    healthy = all(state in ("ok", "read-only") for state in checks.values())
    return JsonResponse({"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503)


def database_state():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('transaction_read_only')")
            read_only = cursor.fetchone()[0] == "on"
    except DatabaseError:
        return "unreachable"
    return "read-only" if read_only else "ok"


@require_safe
def home(request):
    """Headline figures, latest initiatives, ways in by area and region: 4 queries (see ``overview``)."""
    return render(request, "home.html", overview.home_page())
