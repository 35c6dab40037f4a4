"""Building blocks shared by every app's admin.

Each register's ``admin.py`` declares its columns, filters and fieldsets; the
machinery that keeps a changelist fast on a big table and the editorial
actions live here, written once.

The classes are plain ``ModelAdmin`` subclasses with no changelist template and
no URL of their own, so django-import-export's ``ImportExportMixin`` can be put
in front of them with a one-line change::

    class InitiativeAdmin(ImportExportMixin, EditorialAdmin):
"""

from django.contrib import admin, messages
from django.core.paginator import Paginator
from django.db import connections
from django.utils import timezone
from django.utils.functional import cached_property
from simple_history.admin import SimpleHistoryAdmin
from simple_history.utils import bulk_update_with_history

from editorial.models import EditorialState
from search import registry
from search.text import apply_text, clean_text

# Lets editors find the records still waiting for a Japanese name ("Empty" / "Not empty").
MISSING_JAPANESE_NAME = ("name_ja", admin.EmptyFieldListFilter)


class EstimatedCountPaginator(Paginator):
    """Count the whole table from PostgreSQL's statistics instead of a COUNT(*).

    An unfiltered changelist of a big table is the expensive case: COUNT(*) reads
    every row. There the planner's estimate (``pg_class.reltuples``, one indexed
    lookup) is used once it passes ``estimate_above`` rows; it is exact enough for
    a page count. Filtered or searched lists and small tables get the exact count,
    which the WHERE clause keeps cheap. Queries: one.
    """

    estimate_above = 10_000

    @cached_property
    def count(self):
        queryset = self.object_list
        query = getattr(queryset, "query", None)
        if query is not None and not query.where and not query.is_sliced:
            estimate = self._estimated_rows(queryset)
            if estimate > self.estimate_above:
                return estimate
        return super().count

    @staticmethod
    def _estimated_rows(queryset):
        with connections[queryset.db].cursor() as cursor:
            # reltuples is -1 for a table never analysed: then the exact count is used.
            table = queryset.model._meta.db_table
            cursor.execute("SELECT reltuples FROM pg_class WHERE oid = to_regclass(%s)", [table])
            row = cursor.fetchone()
        return int(row[0]) if row and row[0] is not None else 0


class LargeTableMixin:
    """Changelist settings for tables that grow: no second full count, an estimating paginator."""

    paginator = EstimatedCountPaginator
    # Django otherwise runs a second COUNT(*) of the unfiltered table for "N results (M total)".
    show_full_result_count = False
    list_per_page = 50


class BaseAdmin(LargeTableMixin, admin.ModelAdmin):
    """For reference models without edit history (countries, localities)."""


class HistoryAdmin(LargeTableMixin, SimpleHistoryAdmin):
    """For models with django-simple-history records.

    The history page lists each version with a "Changes" column (field: old → new,
    django-simple-history's diff against the previous version); opening a version
    shows it in a form whose "Revert" button saves it back (SIMPLE_HISTORY_REVERT_DISABLED
    is off in settings).
    """


class VocabularyAdmin(HistoryAdmin):
    """For the short vocabularies (policy areas, research fields, frameworks): a name in two languages and a slug."""

    list_display = ["name", "name_ja", "slug"]
    list_filter = [MISSING_JAPANESE_NAME]
    search_fields = ["name", "name_ja", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [(None, {"fields": [("name", "name_ja"), "slug"]})]


def _set_editorial_state(modeladmin, request, queryset, state, verb):
    """Save ``state`` on every selected record that lacks it, with a history record each.

    Queries: one SELECT, one bulk UPDATE, one bulk INSERT of history records.
    """
    now = timezone.now()
    changed = list(queryset.exclude(editorial_state=state))
    for obj in changed:
        obj.editorial_state = state
        obj.updated_at = now  # bulk updates skip auto_now
        if obj.is_published and obj.published_at is None:
            # The table's trigger sets the same (and keeps a first date); this puts it in the history record too.
            obj.published_at = now
    bulk_update_with_history(
        changed,
        queryset.model,
        ["editorial_state", "updated_at", "published_at"],
        default_user=request.user,
        default_change_reason=f"{verb.capitalize()} from the list",
    )
    opts = queryset.model._meta
    noun = opts.verbose_name if len(changed) == 1 else opts.verbose_name_plural
    modeladmin.message_user(request, f"{verb.capitalize()} {len(changed)} {noun}.", messages.SUCCESS)
    return changed


@admin.action(description="Publish selected %(verbose_name_plural)s", permissions=["change"])
def publish(modeladmin, request, queryset):
    changed = _set_editorial_state(modeladmin, request, queryset, EditorialState.PUBLISHED, "published")
    # published() is the one rule of public visibility (researchers also need consent):
    # tell the editor about any record the public still will not see.
    hidden = queryset.model.objects.filter(pk__in=[obj.pk for obj in changed]).exclude(
        pk__in=queryset.model.objects.published()
    )
    if hidden_count := hidden.count():
        modeladmin.message_user(
            request,
            f"{hidden_count} of them still stay private: they do not meet every condition for publication "
            "(a researcher also needs consent to publish).",
            messages.WARNING,
        )


@admin.action(description="Unpublish selected %(verbose_name_plural)s (back to draft)", permissions=["change"])
def unpublish(modeladmin, request, queryset):
    _set_editorial_state(modeladmin, request, queryset, EditorialState.DRAFT, "unpublished")


class RegisterSearchMixin:
    """The search box of a register's changelist, fast on a big table.

    A long-text ``icontains`` reads every row of the table, so the search is the
    public search's full-text match (the register's GIN-indexed ``search_vector``;
    Japanese as a substring) OR Django's plain match on the short ``search_fields``
    (slugs, names, e-mail), which also serves the autocomplete's partial words.
    """

    register_name = None  # a key of search.registry

    def get_search_results(self, request, queryset, search_term):
        identified, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        text = clean_text(search_term)
        if not text:
            return identified, may_have_duplicates
        return apply_text(queryset, registry[self.register_name].text, text) | identified, may_have_duplicates


class EditorialAdmin(RegisterSearchMixin, HistoryAdmin):
    """For the three registers with an editorial state (initiatives, researchers, partnerships).

    Subclasses add their own columns around ``editorial_columns``/``editorial_filters``
    and the ``editorial_fieldset`` to their fieldsets.
    """

    actions = [publish, unpublish]
    # The history page's extra column: its header is the name, its value this method's.
    history_list_display = ["publication"]
    readonly_fields = ["created_at", "updated_at", "published_at"]
    editorial_columns = ["editorial_state", "updated_at"]
    editorial_filters = ["editorial_state"]
    editorial_fieldset = ("Publication", {"fields": ["editorial_state", ("created_at", "updated_at", "published_at")]})

    def publication(self, historical_record):
        return historical_record.get_editorial_state_display()
