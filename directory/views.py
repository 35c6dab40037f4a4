from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .models import Country, Organization


@require_safe
def organization_detail(request, slug):
    organization = get_object_or_404(Organization.objects.select_related("country"), slug=slug)
    return render(request, "directory/organization_detail.html", {"organization": organization})


@require_safe
def country_detail(request, iso2):
    country = get_object_or_404(Country, iso2=iso2.upper())
    return render(request, "directory/country_detail.html", {"country": country})
