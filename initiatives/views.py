from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .models import Initiative


@require_safe
def initiative_list(request):
    objects = Initiative.objects.published()[:20]
    return render(request, "initiatives/initiative_list.html", {"object_list": objects})


@require_safe
def initiative_detail(request, slug):
    obj = get_object_or_404(Initiative.objects.visible_to(request.user), slug=slug)
    return render(request, "initiatives/initiative_detail.html", {"object": obj})
