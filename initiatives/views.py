from django.core.cache import cache
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from techdiplo.search.cache import cache_key, timeout
from techdiplo.search.views import search_page

from .models import Initiative


@require_safe
def initiative_list(request):
    """The faceted search of initiatives (declared in ``initiatives/filters.py``)."""
    return search_page(request, "initiatives")


def related_initiatives(initiative):
    """``Initiative.objects.related_to``, its ranking (the costly query with 100,000 initiatives) cached until
    the next edit. From the cache, the records are read again through ``published()``, so a stale cache can
    only suggest too few, never show a draft. 1 query either way."""
    key = cache_key("related-initiatives", initiative.pk)
    ranking = cache.get(key)
    if ranking is None:
        related = list(Initiative.objects.related_to(initiative))
        cache.set(key, [(other.pk, other.overlap) for other in related], timeout())
        return related
    published = Initiative.objects.published().in_bulk([pk for pk, _ in ranking])
    related = []
    for pk, overlap in ranking:
        if pk in published:
            published[pk].overlap = overlap
            related.append(published[pk])
    return related


@require_safe
def initiative_detail(request, slug):
    """7 queries whatever the number of related records (see ``related_initiatives``)."""
    obj = get_object_or_404(Initiative.objects.visible_to(request.user).for_detail(), slug=slug)
    related = related_initiatives(obj)
    return render(request, "initiatives/initiative_detail.html", {"object": obj, "related": related})
