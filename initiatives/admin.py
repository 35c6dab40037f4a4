"""Editors' admin for initiatives, their frameworks and who takes part."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from editorial.admin import EditorialAdmin, HistoryAdmin, VocabularyAdmin
from exports.import_admin import ColumnImportExportMixin

from .models import Framework, Initiative, Participation
from .resources import InitiativeResource


@admin.register(Framework)
class FrameworkAdmin(VocabularyAdmin):
    fieldsets = [(None, {"fields": [("name", "name_ja"), "slug", "description"]})]


class ParticipantInline(admin.TabularInline):
    """On an initiative: its researchers."""

    model = Participation
    fk_name = "initiative"
    extra = 0
    fields = ["researcher", "role"]
    autocomplete_fields = ["researcher"]


class ParticipationInline(admin.TabularInline):
    """On a researcher: the initiatives they take part in (the site puts it on the researcher's admin)."""

    model = Participation
    fk_name = "researcher"
    extra = 0
    fields = ["initiative", "role"]
    autocomplete_fields = ["initiative"]


@admin.register(Initiative)
class InitiativeAdmin(ColumnImportExportMixin, EditorialAdmin):
    # Bulk import (with preview, all-or-nothing) and export in the staff export's columns.
    resource_classes = [InitiativeResource]
    list_display = ["title", "status", "start_date", *EditorialAdmin.editorial_columns]
    list_filter = [
        *EditorialAdmin.editorial_filters,
        "status",
        "kind",
        "policy_areas",
        "frameworks",
        "lead_organization__sector",
        "start_date",
    ]
    register_name = "initiatives"
    search_fields = ["title", "slug"]  # and the full text (RegisterSearchMixin)
    autocomplete_fields = ["lead_organization", "partner_organizations", "countries", "policy_areas", "frameworks"]
    prepopulated_fields = {"slug": ["title"]}
    # No date_hierarchy: its year list (SELECT DISTINCT date_trunc) and
    # MIN/MAX read the whole table on every page; the start date filter costs no query.
    inlines = [ParticipantInline]
    fieldsets = [
        (
            pgettext_lazy("admin section", "Title"),
            {"fields": [("title", "title_ja"), "slug", ("summary", "summary_ja"), "description"]},
        ),
        (
            _("Classification"),
            {"fields": [("kind", "status"), ("start_date", "end_date"), "policy_areas", "frameworks"]},
        ),
        (_("Who"), {"fields": ["lead_organization", "partner_organizations", "countries"]}),
        (_("Funding and sources"), {"fields": ["funding_jpy", "sources", "last_reviewed"]}),
        EditorialAdmin.editorial_fieldset,
    ]


@admin.register(Participation)
class ParticipationAdmin(HistoryAdmin):
    list_display = ["researcher", "initiative", "role"]
    list_filter = ["role", "initiative__status"]
    list_select_related = ["researcher", "initiative"]
    search_fields = ["researcher__family_name", "researcher__given_name", "researcher__name_ja", "initiative__title"]
    autocomplete_fields = ["researcher", "initiative"]
    fields = ["initiative", "researcher", "role"]
    # Newest first, along the primary key: the model's ordering sorts every row by the initiative's dates.
    ordering = ["-pk"]
