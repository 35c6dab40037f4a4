"""Building blocks shared by every app's admin.

Each register's ``admin.py`` declares its columns, filters and fieldsets; the
machinery that keeps a changelist fast on a big table and the editorial
actions live here, written once.

The classes are plain ``ModelAdmin`` subclasses with no changelist template and
no URL of their own, so django-import-export's ``ImportExportMixin`` can be put
in front of them with a one-line change::

    class InitiativeAdmin(ImportExportMixin, EditorialAdmin):
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connections
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history import utils
from simple_history.admin import SimpleHistoryAdmin

from editorial.actions import publish, return_to_draft, submit_for_review
from editorial.curation import quiet_since, review_cutoff
from editorial.forms import EditorialActionForm, EditorialForm, admin_form
from editorial.models import EditorialState
from editorial.review import can_publish, change_reason, changes_since_publication
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

    def history_view(self, request, object_id, extra_context=None):
        return super().history_view(request, self._valid_id(object_id), extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not str(version_id).isdigit():
            raise Http404(gettext("No such version."))
        object_id = self._valid_id(object_id)
        # The form shows (and a revert saves) the version's links too: the record it is built on has none.
        version = self.model.history.filter(**{self.model._meta.pk.attname: object_id}, history_id=version_id).first()
        request.history_links = version_links(version) if version is not None else {}
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change, **kwargs)
        links = getattr(request, "history_links", None)
        if not links:
            return form_class

        class VersionForm(form_class):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                for name, ids in links.items():
                    if name in self.fields:
                        self.initial[name] = ids

        return VersionForm

    def _valid_id(self, object_id):
        """``object_id`` when it can be a primary key; otherwise 404, as Django's own admin views answer."""
        try:
            self.model._meta.pk.to_python(unquote(object_id))
        except ValidationError:
            raise Http404(gettext("No such record.")) from None
        return object_id


def version_links(version):
    """``{field name: [linked ids]}`` of a historical record's many-to-many fields kept in the history."""
    links = {}
    for field in getattr(version, "_history_m2m_fields", ()):
        target = utils.get_m2m_reverse_field_name(field)
        links[field.name] = [getattr(row, f"{target}_id") for row in getattr(version, field.name).all()]
    return links


class VocabularyAdmin(HistoryAdmin):
    """For the short vocabularies (policy areas, research fields, frameworks): a name in two languages and a slug."""

    list_display = ["name", "name_ja", "slug"]
    list_filter = [MISSING_JAPANESE_NAME]
    search_fields = ["name", "name_ja", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [(None, {"fields": [("name", "name_ja"), "slug"]})]


class ReviewFilter(admin.SimpleListFilter):
    """The reviewers' queue, and the editors' list of records sent back to them."""

    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("waiting", _("Waiting for review")), ("returned", _("Returned with a comment"))]

    def queryset(self, request, queryset):
        if self.value() == "waiting":
            return queryset.in_review()
        if self.value() == "returned":
            return queryset.drafts().exclude(review_comment="")
        return queryset


class CurationFilter(admin.SimpleListFilter):
    """What needs an editor's attention (the curation page links to each): its rules are the querysets'."""

    title = _("curation")
    parameter_name = "curation"

    def lookups(self, request, model_admin):
        choices = [
            ("review_due", _("Review due (or never reviewed)")),
            ("untranslated", _("Published, Japanese text missing")),
        ]
        if any(field.name == "sources" for field in model_admin.model._meta.fields):
            choices.append(("unsourced", _("No source")))
        if hasattr(model_admin.model.objects, "quiet"):
            choices.append(("quiet", _("Active, no activity for years")))
        return choices

    def queryset(self, request, queryset):
        value = self.value()
        if value == "review_due":
            return queryset.review_due(review_cutoff())
        if value == "untranslated":
            return queryset.untranslated()
        if value == "unsourced":
            return queryset.unsourced()
        if value == "quiet" and hasattr(queryset, "quiet"):
            return queryset.quiet(quiet_since())
        return queryset


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
    and the ``editorial_fieldset`` to their fieldsets. The review step's rules are ``editorial/review.py``'s.
    """

    actions = [submit_for_review, publish, return_to_draft]
    action_form = EditorialActionForm
    # Carries the version the page was opened on (no lost edits: editorial/locking.py).
    form = EditorialForm
    # The history page's extra column: its header is the name, its value this method's.
    history_list_display = ["publication"]
    readonly_fields = ["created_at", "updated_at", "published_at", "changes_since_publication"]
    # Beside each register's title columns: what a changelist must show at a glance (and fit 1366 px).
    editorial_columns = ["editorial_state", "last_reviewed", "updated"]
    editorial_filters = [ReviewFilter, CurationFilter, "editorial_state"]
    editorial_fieldset = (
        _("Publication"),
        {
            "fields": [
                "editorial_state",
                "review_comment",
                "changes_since_publication",
                ("created_at", "updated_at", "published_at"),
                "change_reason",
                "opened_version",
            ]
        },
    )

    def has_publish_permission(self, request):
        return can_publish(request.user, self.model)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        # Only a reviewer writes the comment that returns a record to its editors.
        return readonly if self.has_publish_permission(request) else [*readonly, "review_comment"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        return admin_form(super().get_form(request, obj, change, **kwargs), request.user)

    def save_model(self, request, obj, form, change):
        before = getattr(form, "stored_state", None)
        if obj.editorial_state == EditorialState.PUBLISHED:
            obj.review_comment = ""  # answered: the record went public
        moved = change_reason(before, obj.editorial_state, self.has_publish_permission(request))
        typed = form.cleaned_data.get("change_reason", "").strip()
        reason = f"{moved}: {typed}" if moved and typed else moved or typed
        if reason:
            obj._change_reason = reason[:100]  # django-simple-history's column
        super().save_model(request, obj, form, change)

    @admin.display(description=_("changes since last published"))
    def changes_since_publication(self, obj):
        """For the reviewer: each field changed since the last published version, before and after."""
        if obj is None or obj.pk is None:
            return "—"
        rows = changes_since_publication(obj)
        if rows is None:
            return gettext("Never published: every field is new.")
        if not rows:
            return gettext("No changes since it was last published.")
        return format_html(
            '<table class="review-diff"><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>'
            "<tbody>{}</tbody></table>",
            gettext("field"),
            gettext("published"),
            gettext("now"),
            format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", rows),
        )

    @admin.display(description=_("updated"), ordering="updated_at")
    def updated(self, obj):
        return date_format(timezone.localtime(obj.updated_at), "SHORT_DATETIME_FORMAT")

    @admin.display(description=_("publication"))
    def publication(self, historical_record):
        return historical_record.get_editorial_state_display()
