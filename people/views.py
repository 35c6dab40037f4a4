from django.views.decorators.http import require_safe

from search.views import search_page


@require_safe
def researcher_list(request):
    """The faceted search of researchers (declared in ``people/search.py``)."""
    return search_page(request, "researchers")
