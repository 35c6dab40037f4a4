"""Editors' admin for subnational partnerships and their activities."""

from django.contrib import admin
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from editorial.admin import EditorialAdmin, HistoryAdmin
from exports.import_admin import ColumnImportExportMixin

from .models import Activity, SubnationalPartnership
from .resources import SubnationalPartnershipResource

# A locality's name includes its prefecture's, so both sides need their parents joined.
SIDES = ["japanese_locality__parent", "foreign_locality__parent", "foreign_locality__country"]


class ActivityInline(admin.TabularInline):
    model = Activity
    extra = 0
    fields = ["date", "title", "kind", "participants"]


@admin.register(SubnationalPartnership)
class SubnationalPartnershipAdmin(ColumnImportExportMixin, EditorialAdmin):
    # Bulk import (with preview, all-or-nothing) and export in the staff export's columns.
    resource_classes = [SubnationalPartnershipResource]
    list_display = ["__str__", "kind", "status", *EditorialAdmin.editorial_columns]
    list_filter = [
        *EditorialAdmin.editorial_filters,
        "status",
        "kind",
        "focus_areas",
        "foreign_locality__country__region",
    ]
    list_select_related = SIDES
    register_name = "partnerships"
    # And the full text (RegisterSearchMixin), which holds the Japanese names and the countries.
    search_fields = ["slug", "japanese_locality__name", "foreign_locality__name"]
    autocomplete_fields = ["japanese_locality", "foreign_locality", "focus_areas"]
    inlines = [ActivityInline]
    fieldsets = [
        (_("Partners"), {"fields": [("japanese_locality", "foreign_locality"), "slug"]}),
        (_("Classification"), {"fields": [("kind", "status"), "established", "focus_areas"]}),
        (_("Description and sources"), {"fields": [("description", "description_ja"), "sources", "last_reviewed"]}),
        EditorialAdmin.editorial_fieldset,
    ]

    def get_queryset(self, request):
        # Also behind the activities' autocomplete, which prints each partnership's two sides.
        return super().get_queryset(request).select_related(*SIDES)

    def get_form(self, request, obj=None, change=False, **kwargs):
        # The slug cannot be prepopulated from two autocomplete selects (they hold ids,
        # not names), so a blank slug is made from the sides' names on save.
        form = super().get_form(request, obj, change, **kwargs)
        form.base_fields["slug"].required = False
        form.base_fields["slug"].help_text = _("Left blank, it is made from the two localities' names.")
        return form

    def save_model(self, request, obj, form, change):
        if not obj.slug:
            obj.slug = self._unique_slug(obj)
        super().save_model(request, obj, form, change)

    @staticmethod
    def _unique_slug(obj):
        base = slugify(f"{obj.japanese_locality.name} {obj.foreign_locality.name}")[:110] or "partnership"
        slug, n = base, 1
        while SubnationalPartnership.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug


@admin.register(Activity)
class ActivityAdmin(HistoryAdmin):
    list_display = ["date", "title", "kind", "participants", "partnership"]
    list_filter = ["kind", "partnership__status"]
    list_select_related = [f"partnership__{side}" for side in SIDES]
    search_fields = ["title", "partnership__japanese_locality__name", "partnership__foreign_locality__name"]
    autocomplete_fields = ["partnership"]
    date_hierarchy = "date"
    fieldsets = [(None, {"fields": ["partnership", ("date", "kind"), "title", "participants"]})]
