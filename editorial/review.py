"""The review step: draft → in review → published, and back to draft with a reviewer's comment.

Editors write and submit; only users holding a model's ``publish_<model>`` permission (the Reviewers group,
and superusers) publish or return a record in review to draft. The rules are checked by the admin's form
(``editorial/forms.py``) and its bulk actions (``editorial/admin.py``); every move is saved with a history record
naming who, when and why (django-simple-history's user, date and change reason).
"""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import EditorialState
from .versions import WORKFLOW_FIELDS, describe_changes

DRAFT, IN_REVIEW, PUBLISHED = EditorialState.DRAFT, EditorialState.IN_REVIEW, EditorialState.PUBLISHED


def can_publish(user, model):
    """Whether ``user`` may publish ``model``'s records or return them from review (reviewers, superusers)."""
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.publish_{opts.model_name}")


def change_reason(before, after, by_reviewer):
    """The history's reason for moving from state ``before`` (None: a new record) to ``after``."""
    if before == after:
        return None
    if after == IN_REVIEW:
        return gettext("Submitted for review")
    if after == PUBLISHED:
        return gettext("Published")
    if before == PUBLISHED:
        return gettext("Unpublished (back to draft)")
    if before == IN_REVIEW:
        return gettext("Returned to draft with a comment") if by_reviewer else gettext("Withdrawn from review")
    return None


def review_errors(publisher, stored_state, state, changed_data, comment):
    """The review step's objections to a form moving a record from ``stored_state`` to ``state``: (field,
    message) pairs. An editor (not ``publisher``) cannot publish, and a published record's changes need a
    reviewer, so an editor who changes one must send it back to review. A reviewer who returns a record in
    review to draft must say why in a new comment."""
    if not publisher and state == PUBLISHED and stored_state != PUBLISHED:
        return [("editorial_state", gettext("Only reviewers can publish: submit the record for review instead."))]
    if not publisher and state == PUBLISHED and set(changed_data) - WORKFLOW_FIELDS:
        message = gettext(
            "This record is public, and changes to it need a reviewer: set its state to “In review” "
            "to submit them. It leaves the public pages until a reviewer publishes it again."
        )
        return [("editorial_state", message)]
    returned = publisher and stored_state == IN_REVIEW and state == DRAFT
    if returned and ("review_comment" not in changed_data or not comment):
        message = gettext("Say what the editor should change: returning a record to draft needs a new comment.")
        return [("review_comment", message)]
    return []


class ReturnToDraftForm(forms.Form):
    """The bulk action's comment (``editorial/admin.py``)."""

    comment = forms.CharField(
        label=_("Reviewer's comment"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=_("What the editors should change. Each selected record keeps it until it is published."),
    )


def changes_since_publication(record):
    """What changed since ``record``'s last published version, as (field label, before, after) rows of text.

    None when it was never published. Queries: two (the latest version, the last published one) and one per
    model referenced by a changed foreign key.
    """
    history = record.history.all()
    published = history.filter(editorial_state=PUBLISHED).first()
    if published is None:
        return None
    return describe_changes(history.first(), published)
