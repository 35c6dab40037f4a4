"""The review step: draft → in review → published, and back to draft with a reviewer's comment.

Editors write and submit; only users holding a model's ``publish_<model>`` permission (the Reviewers group,
and superusers) publish or return a record in review to draft. The rules are checked by the admin's form
(``review_form``) and its bulk actions (``editorial/admin.py``); every move is saved with a history record
naming who, when and why (django-simple-history's user, date and change reason).
"""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import EditorialState

DRAFT, IN_REVIEW, PUBLISHED = EditorialState.DRAFT, EditorialState.IN_REVIEW, EditorialState.PUBLISHED
# Fields whose change is the workflow itself, not an edit a reviewer needs to read.
WORKFLOW_FIELDS = {"editorial_state", "review_comment", "created_at", "updated_at"}


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


def review_form(form_class, user):
    """``form_class`` with the review rules for ``user``.

    An editor (no publish permission) is offered Draft and In review; a published record's changes need a
    reviewer, so an editor who changes one must send it back to review. A reviewer who returns a record in
    review to draft must say why in a new comment. The state it checks against is the stored one (one
    query), not the form's instance, which is an old version when a history page reverts.
    """

    class ReviewForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.publisher = can_publish(user, self._meta.model)
            self.stored_state = self._stored_state()
            field = self.fields.get("editorial_state")
            if field is not None and not self.publisher:
                field.choices = [
                    (value, label)
                    for value, label in field.choices
                    if value != PUBLISHED or self.stored_state == PUBLISHED
                ]

        def _stored_state(self):
            if self.instance.pk is None:
                return None
            stored = type(self.instance)._base_manager.filter(pk=self.instance.pk)
            return stored.values_list("editorial_state", flat=True).first()

        def clean(self):
            cleaned = super().clean()
            state = cleaned.get("editorial_state", self.stored_state)
            if self.publisher:
                self._check_return_comment(state, cleaned)
            else:
                self._check_editor_move(state)
            return cleaned

        def _check_editor_move(self, state):
            if state == PUBLISHED and self.stored_state != PUBLISHED:
                self.add_error(
                    "editorial_state", gettext("Only reviewers can publish: submit the record for review instead.")
                )
            elif state == PUBLISHED and set(self.changed_data) - WORKFLOW_FIELDS:
                self.add_error(
                    "editorial_state",
                    gettext(
                        "This record is public, and changes to it need a reviewer: set its state to “In review” "
                        "to submit them. It leaves the public pages until a reviewer publishes it again."
                    ),
                )

        def _check_return_comment(self, state, cleaned):
            returned = self.stored_state == IN_REVIEW and state == DRAFT
            if returned and ("review_comment" not in self.changed_data or not cleaned.get("review_comment")):
                self.add_error(
                    "review_comment",
                    gettext("Say what the editor should change: returning a record to draft needs a new comment."),
                )

    ReviewForm.__name__ = form_class.__name__
    return ReviewForm


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
    current = history.first()
    delta = current.diff_against(published, excluded_fields=WORKFLOW_FIELDS)
    opts = type(record)._meta
    rows = []
    for change in sorted(delta.changes, key=lambda change: field_order(opts, change.field)):
        field = opts.get_field(change.field)
        rows.append((capfirst(field.verbose_name), display(field, change.old), display(field, change.new)))
    return rows


def field_order(opts, name):
    return [field.name for field in opts.fields].index(name)


def display(field, value):
    """A stored value as an editor reads it: a choice's label, a referenced record's name, "—" for empty."""
    if value is None or value == "":
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if field.is_relation:
        target = field.related_model._base_manager.filter(pk=value).first()
        return str(target) if target is not None else gettext("(deleted: id %(id)s)") % {"id": value}
    return str(value)
