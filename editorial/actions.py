"""The editorial bulk actions of a changelist: submit for review, publish, return to draft with a comment.

Each leaves alone the records saved by someone else after the list was shown (the action form's ``opened_at``,
``editorial/forms.py``) and says which, so nobody publishes or returns a version they have not seen.
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_update_with_history

from .locking import parse_version, stale, who_and_when
from .models import EditorialState
from .review import ReturnToDraftForm

# How many of the records an action left alone its message names.
NAMED = 10


def _leave_stale(modeladmin, request, records):
    """``records`` without those saved since the list was shown, after telling the user about them.

    Queries: one, and one per record named when some were left alone.
    """
    opened = parse_version(request.POST.get("opened_at"))
    if opened is None:
        return records
    left = list(stale(records, opened))
    if left:
        names = "; ".join(
            f"{record} — {who_and_when(record.history.filter(updated_at__gt=opened).select_related('history_user'))}"
            for record in left[:NAMED]
        )
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)d record was saved by someone else after you opened the list, so it was left as it is: "
                "%(names)s. Reload the list to see the changes, then try again.",
                "%(count)d records were saved by someone else after you opened the list, so they were left as "
                "they are: %(names)s. Reload the list to see the changes, then try again.",
                len(left),
            )
            % {"count": len(left), "names": names},
            messages.WARNING,
        )
    return records.exclude(pk__in=[record.pk for record in left])


def _move(modeladmin, request, records, state, reason, comment=None):
    """Save ``state`` (and ``comment``, when given) on ``records``, a history record each naming the user and
    ``reason``, and tell the user how many moved.

    Queries: one SELECT, one bulk UPDATE, one bulk INSERT of history records.
    """
    now = timezone.now()
    changed = list(_leave_stale(modeladmin, request, records))
    fields = ["editorial_state", "updated_at", "review_comment", "published_at"]
    for obj in changed:
        obj.editorial_state = state
        obj.updated_at = now  # bulk updates skip auto_now
        if obj.is_published and obj.published_at is None:
            # The table's trigger sets the same (and keeps a first date); this puts it in the history record too.
            obj.published_at = now
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
        "opened_at": request.POST.get("opened_at", ""),
        "media": modeladmin.media,
    }
    return TemplateResponse(request, "admin/editorial/return_to_draft.html", context)
