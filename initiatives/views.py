from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from api.linked_data import embed
from search.views import search_page

from .linked_data import initiative
from .models import Initiative


@require_safe
def initiative_list(request):
    """The faceted search of initiatives (declared in ``initiatives/search.py``)."""
    return search_page(request, "initiatives")


@require_safe
def initiative_detail(request, slug):
    """7 queries whatever the number of related records (6 of ``for_detail()``, 1 of ``related_to()``)."""
    obj = get_object_or_404(Initiative.objects.visible_to(request.user).for_detail(), slug=slug)
    related = list(Initiative.objects.related_to(obj))
    context = {"object": obj, "related": related, "linked_data": embed(initiative(obj, request))}
    return render(request, "initiatives/initiative_detail.html", context)
