from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from search.views import search_page

from .models import Agreement


@require_safe
def agreement_list(request):
    return search_page(request, "agreements")


@require_safe
def agreement_detail(request, slug):
    agreement = get_object_or_404(Agreement.objects.visible_to(request.user).select_related("country"), slug=slug)
    return render(request, "fourth_register/agreement_detail.html", {"object": agreement})
