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
from django.contrib.admin import helpers
from django.core.paginator import Paginator
from django.db import connections
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.utils import bulk_update_with_history

from editorial.models import EditorialState
from editorial.review import ReturnToDraftForm, can_publish, change_reason, changes_since_publication, review_form
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


def _move(modeladmin, request, records, state, reason, comment=None):
    """Save ``state`` (and ``comment``, when given) on ``records``, a history record each naming the user and
    ``reason``, and tell the user how many moved.

    Queries: one SELECT, one bulk UPDATE, one bulk INSERT of history records.
    """
    now = timezone.now()
    changed = list(records)
    fields = ["editorial_state", "updated_at", "review_comment"]
    for obj in changed:
        obj.editorial_state = state
        obj.updated_at = now  # bulk updates skip auto_now
        if comment is not None:
            obj.review_comment = comment
        elif state == EditorialState.PUBLISHED:
            obj.review_comment = ""  # answered: the record went public
    bulk_update_with_history(changed, records.model, fields, default_user=request.user, default_change_reason=reason)
    opts = records.model._meta
    modeladmin.message_user(
        request,
        gettext("%(reason)s: %(count)d %(name)s.")
        % {
            "reason": reason,
            "count": len(changed),
            "name": opts.verbose_name if len(changed) == 1 else opts.verbose_name_plural,
        },
        messages.SUCCESS,
    )
    return changed


@admin.action(description=_("Submit selected %(verbose_name_plural)s for review"), permissions=["change"])
def submit_for_review(modeladmin, request, queryset):
    """Drafts go to review; records already in review or published are left as they are."""
    _move(modeladmin, request, queryset.drafts(), EditorialState.IN_REVIEW, gettext("Submitted for review"))


@admin.action(description=_("Publish selected %(verbose_name_plural)s"), permissions=["publish"])
def publish(modeladmin, request, queryset):
    records = queryset.exclude(editorial_state=EditorialState.PUBLISHED)
    changed = _move(modeladmin, request, records, EditorialState.PUBLISHED, gettext("Published"))
    # published() is the one rule of public visibility (researchers also need consent):
    # tell the reviewer about any record the public still will not see.
    hidden = queryset.model.objects.filter(pk__in=[obj.pk for obj in changed]).exclude(
        pk__in=queryset.model.objects.published()
    )
    if hidden_count := hidden.count():
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)d of them still stays private: it does not meet every condition for publication "
                "(a researcher also needs consent to publish).",
                "%(count)d of them still stay private: they do not meet every condition for publication "
                "(a researcher also needs consent to publish).",
                hidden_count,
            )
            % {"count": hidden_count},
            messages.WARNING,
        )


@admin.action(
    description=_("Return selected %(verbose_name_plural)s to draft, with a comment"), permissions=["publish"]
)
def return_to_draft(modeladmin, request, queryset):
    """A page asking for the comment first (as Django's "delete selected" asks to confirm), then the move."""
    records = queryset.exclude(editorial_state=EditorialState.DRAFT)
    form = ReturnToDraftForm(request.POST if "comment" in request.POST else None)
    if form.is_valid():
        _move(
            modeladmin,
            request,
            records,
            EditorialState.DRAFT,
            gettext("Returned to draft with a comment"),
            comment=form.cleaned_data["comment"],
        )
        return None
    opts = queryset.model._meta
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Return to draft, with a comment"),
        "opts": opts,
        "form": form,
        "records": records,
        "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
        "action": "return_to_draft",
        "media": modeladmin.media,
    }
    return TemplateResponse(request, "admin/editorial/return_to_draft.html", context)


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
    # The history page's extra column: its header is the name, its value this method's.
    history_list_display = ["publication"]
    readonly_fields = ["created_at", "updated_at", "changes_since_publication"]
    editorial_columns = ["editorial_state", "updated_at"]
    editorial_filters = [ReviewFilter, "editorial_state"]
    editorial_fieldset = (
        _("Publication"),
        {
            "fields": [
                "editorial_state",
                "review_comment",
                "changes_since_publication",
                ("created_at", "updated_at"),
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
        return review_form(super().get_form(request, obj, change, **kwargs), request.user)

    def save_model(self, request, obj, form, change):
        before = getattr(form, "stored_state", None)
        if obj.editorial_state == EditorialState.PUBLISHED:
            obj.review_comment = ""  # answered: the record went public
        reason = change_reason(before, obj.editorial_state, self.has_publish_permission(request))
        if reason:
            obj._change_reason = reason
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

    @admin.display(description=_("publication"))
    def publication(self, historical_record):
        return historical_record.get_editorial_state_display()
