from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import overview


@require_safe
@never_cache
def healthz(request):
    """200 when the database answers, 503 when it does not (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_safe
def home(request):
    """7 queries: four headline counts, the latest initiatives, policy areas and regions with counts."""
    context = {
        "figures": overview.headline_figures(),
        "latest": overview.latest_initiatives(),
        "areas": overview.policy_areas_with_counts(),
        "regions": overview.regions_with_counts(),
    }
    return render(request, "home.html", context)
