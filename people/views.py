from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from search.views import search_page

from .models import Researcher


@require_safe
def researcher_list(request):
    """The faceted search of researchers (declared in ``people/filters.py``)."""
    return search_page(request, "researchers")


@require_safe
def researcher_detail(request, slug):
    obj = get_object_or_404(Researcher.objects.visible_to(request.user).for_detail(), slug=slug)
    return render(request, "people/researcher_detail.html", {"object": obj})
