"""Editors' admin for the reference entities every register points at."""

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from editorial.admin import MISSING_JAPANESE_NAME, BaseAdmin, HistoryAdmin, VocabularyAdmin
from exports.import_admin import ColumnImportExportMixin

from .models import JAPAN, Country, Locality, Organization, PolicyArea
from .resources import OrganizationResource


@admin.register(Country)
class CountryAdmin(BaseAdmin):
    list_display = ["name", "name_ja", "iso2", "region"]
    list_filter = ["region", MISSING_JAPANESE_NAME]
    search_fields = ["name", "name_ja", "iso2", "alt_names"]
    fieldsets = [(None, {"fields": [("name", "name_ja"), ("iso2", "region"), "alt_names"]})]


@admin.register(Locality)
class LocalityAdmin(BaseAdmin):
    list_display = ["name", "name_ja", "level", "iso_code", "parent", "country"]
    list_filter = ["level", "country__region", MISSING_JAPANESE_NAME]
    list_select_related = ["country", "parent"]
    search_fields = ["name", "name_ja", "iso_code", "country__name"]
    autocomplete_fields = ["country", "parent"]
    # The admin's narrow number box would cut GeoNames ids (seven digits and more) off: a text box's width.
    formfield_overrides = {models.PositiveIntegerField: {"widget": forms.NumberInput(attrs={"class": "vTextField"})}}
    fieldsets = [
        (None, {"fields": [("name", "name_ja"), "level", "country", "parent", "iso_code"]}),
        (_("Place on the maps"), {"fields": [("latitude", "longitude")]}),
        (_("Identifiers elsewhere"), {"fields": [("geonames_id", "wikidata_id")]}),
    ]

    def get_queryset(self, request):
        # A city's name includes its prefecture's: the autocomplete lists them without a query each.
        # The changelist skips list_select_related once the queryset selects anything, so name both.
        return super().get_queryset(request).select_related("country", "parent")

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        # In a partnership's autocomplete, offer Japanese places for the Japanese side and
        # places abroad for the other (the autocomplete view passes the source field).
        if request.GET.get("model_name") == "subnationalpartnership":
            side = request.GET.get("field_name")
            if side == "japanese_locality":
                queryset = queryset.filter(country__iso2=JAPAN)
            elif side == "foreign_locality":
                queryset = queryset.exclude(country__iso2=JAPAN)
        return queryset, may_have_duplicates


@admin.register(Organization)
class OrganizationAdmin(ColumnImportExportMixin, HistoryAdmin):
    # Bulk import (with preview, all-or-nothing) and export in the staff export's columns.
    resource_classes = [OrganizationResource]
    list_display = ["name", "name_ja", "acronym", "kind", "sector", "country", "updated_at"]
    list_filter = ["sector", "kind", "country__region", MISSING_JAPANESE_NAME]
    list_select_related = ["country"]
    search_fields = ["name", "name_ja", "acronym", "slug"]
    autocomplete_fields = ["country"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "updated_at"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": [("name", "name_ja"), ("acronym", "slug")]}),
        (_("Classification"), {"fields": ["kind", "sector", "country", "website"]}),
        (_("Identifiers elsewhere"), {"fields": [("ror_id", "wikidata_id")]}),
        (_("Record"), {"fields": [("created_at", "updated_at")]}),
    ]


@admin.register(PolicyArea)
class PolicyAreaAdmin(VocabularyAdmin):
    pass
