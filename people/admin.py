"""Editors' admin for researchers, their fields and their stays abroad.

Editors see a researcher's e-mail here: it is private to the public, not to editors.
The researcher's participations inline is added by the site (``portal/admin.py``), since
this app must not import initiatives (dependencies point one way).
"""

from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from editorial.admin import EditorialAdmin, HistoryAdmin, VocabularyAdmin
from exports.import_admin import ColumnImportExportMixin

from .models import Exchange, Researcher, ResearchField
from .resources import ResearcherResource


@admin.register(ResearchField)
class ResearchFieldAdmin(VocabularyAdmin):
    pass


class HasExchangeFilter(admin.SimpleListFilter):
    title = _("exchange abroad")
    parameter_name = "exchange"

    def lookups(self, request, model_admin):
        return [("yes", _("Has an exchange")), ("no", _("No exchange"))]

    def queryset(self, request, queryset):
        # EXISTS rather than a join: no duplicate rows, and facet counts can use it as a subquery.
        has_exchange = Exists(Exchange.objects.filter(researcher=OuterRef("pk")))
        if self.value() == "yes":
            return queryset.filter(has_exchange)
        if self.value() == "no":
            return queryset.filter(~has_exchange)
        return queryset


class ExchangeInline(admin.TabularInline):
    model = Exchange
    extra = 0
    fields = ["direction", "host_organization", "country", "programme", "start_date", "end_date"]
    autocomplete_fields = ["host_organization", "country"]


@admin.register(Researcher)
class ResearcherAdmin(ColumnImportExportMixin, EditorialAdmin):
    # Bulk import (with preview, all-or-nothing) and export in the staff export's columns.
    resource_classes = [ResearcherResource]
    list_display = [
        "family_name",
        "given_name",
        "affiliation",
        "consent_to_publish",
        *EditorialAdmin.editorial_columns,
    ]
    list_display_links = ["family_name", "given_name"]
    list_filter = [
        *EditorialAdmin.editorial_filters,
        "consent_to_publish",
        "career_stage",
        "english_level",
        HasExchangeFilter,
        "fields",
        "affiliation__sector",
        "country__region",
    ]
    list_select_related = ["affiliation"]
    register_name = "researchers"
    search_fields = ["family_name", "given_name", "email", "orcid", "slug"]  # and the full text (RegisterSearchMixin)
    autocomplete_fields = ["affiliation", "country", "fields"]
    prepopulated_fields = {"slug": ["given_name", "family_name"]}
    inlines = [ExchangeInline]
    fieldsets = [
        (_("Name"), {"fields": [("family_name", "given_name", "name_ja"), "slug"]}),
        (_("Affiliation and career"), {"fields": ["affiliation", "country", "career_stage", "fields"]}),
        (_("Languages and identifiers"), {"fields": ["english_level", "orcid", ("bio", "bio_ja"), "last_reviewed"]}),
        (
            _("Private: contact and consent"),
            {
                "fields": ["email", ("consent_to_publish", "consent_recorded_on")],
                "description": _("The e-mail never leaves the admin. Without consent the profile stays private."),
            },
        ),
        EditorialAdmin.editorial_fieldset,
    ]


@admin.register(Exchange)
class ExchangeAdmin(HistoryAdmin):
    list_display = ["researcher", "direction", "host_organization", "country", "programme", "start_date", "end_date"]
    list_filter = ["direction", "country__region"]
    list_select_related = ["researcher", "host_organization", "country"]
    search_fields = [
        "researcher__family_name",
        "researcher__given_name",
        "programme",
        "host_organization__name",
        "country__name",
    ]
    autocomplete_fields = ["researcher", "host_organization", "country"]
    date_hierarchy = "start_date"
    fieldsets = [
        (None, {"fields": ["researcher", "direction", "programme"]}),
        (_("Where"), {"fields": ["host_organization", "country"]}),
        (_("When"), {"fields": [("start_date", "end_date")]}),
    ]
