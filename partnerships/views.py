from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from api.linked_data import embed
from search.views import search_page

from .linked_data import partnership
from .models import SubnationalPartnership


@require_safe
def subnationalpartnership_list(request):
    """The faceted search of partnerships (declared in ``partnerships/search.py``)."""
    return search_page(request, "partnerships")


@require_safe
def subnationalpartnership_detail(request, slug):
    obj = get_object_or_404(SubnationalPartnership.objects.visible_to(request.user).for_detail(), slug=slug)
    context = {"object": obj, "linked_data": embed(partnership(obj, request))}
    return render(request, "partnerships/subnationalpartnership_detail.html", context)
