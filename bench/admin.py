"""The reference: what a Django team gets out of the box, the admin changelist with facet counts.

An AdminSite of its own, so the editors' real admin can be tuned freely without
moving the yardstick. ``list_filter`` covers exactly the public search page's
facets and its year range; nothing is tuned beyond Django's defaults except the
page size, set to the public page's so both sides render the same rows.
"""

from django.contrib import admin

from initiatives.models import Initiative

reference_site = admin.AdminSite(name="bench_admin")

PAGE_SIZE = 20

# Public search parameter -> the admin changelist parameter of the same filter.
ADMIN_PARAMS = {
    "area": "policy_areas__id__exact",
    "country": "countries__id__exact",
    "region": "countries__region__exact",
    "kind": "kind__exact",
    "status": "status__exact",
    "sector": "lead_organization__sector__exact",
    "framework": "frameworks__id__exact",
    "q": "q",
    "page": "p",
}


@admin.register(Initiative, site=reference_site)
class ReferenceInitiativeAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "status", "start_date", "lead_organization"]
    list_filter = [
        "policy_areas",
        "countries",
        "countries__region",
        "kind",
        "status",
        "lead_organization__sector",
        "frameworks",
        ("start_date", admin.DateFieldListFilter),
    ]
    search_fields = ["title", "title_ja", "summary", "description"]
    list_per_page = PAGE_SIZE
