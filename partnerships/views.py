from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .models import SubnationalPartnership


@require_safe
def subnationalpartnership_list(request):
    objects = SubnationalPartnership.objects.published()[:20]
    return render(request, "partnerships/subnationalpartnership_list.html", {"object_list": objects})


@require_safe
def subnationalpartnership_detail(request, slug):
    obj = get_object_or_404(SubnationalPartnership.objects.visible_to(request.user), slug=slug)
    return render(request, "partnerships/subnationalpartnership_detail.html", {"object": obj})
