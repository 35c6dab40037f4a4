from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .models import Researcher


@require_safe
def researcher_list(request):
    objects = Researcher.objects.published()[:20]
    return render(request, "people/researcher_list.html", {"object_list": objects})


@require_safe
def researcher_detail(request, slug):
    obj = get_object_or_404(Researcher.objects.visible_to(request.user), slug=slug)
    return render(request, "people/researcher_detail.html", {"object": obj})
