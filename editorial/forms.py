"""The admin form of a record with an editorial state: the review step's rules and no lost edits.

``EditorialForm`` declares the hidden version the page carries; ``admin_form(form_class, user)`` adds, for
that user, the review step (``editorial/review.py``) and the check that nobody saved the record since the page
was opened (``editorial/locking.py``).
"""

from django import forms
from django.contrib.admin import helpers
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .locking import conflict_message, parse_version, version_of
from .review import PUBLISHED, can_publish, review_errors

VERSION_FIELD = "opened_version"
REASON_FIELD = "change_reason"


class EditorialForm(forms.ModelForm):
    # The record's updated_at as it was when the page was opened (admin_form sets it).
    opened_version = forms.CharField(label=_("opened version"), widget=forms.HiddenInput, required=False)
    # Saved as the new version's change reason in the history (EditorialAdmin.save_model), never on the record.
    change_reason = forms.CharField(
        label=_("reason for this change"),
        required=False,
        max_length=80,
        help_text=_("Optional: shown in the history beside who changed the record and when."),
    )


class EditorialActionForm(helpers.ActionForm):
    """The changelist's action form, with the time the list was shown: an action leaves alone the records
    saved since (``editorial/admin.py``)."""

    opened_at = forms.CharField(
        label="", widget=forms.HiddenInput, required=False, initial=lambda: version_of(timezone.now())
    )


def admin_form(form_class, user):
    """``form_class`` (built on ``EditorialForm``) with the review rules and the version check for ``user``.

    Queries: one when the form is made (the stored state and version: the form's instance is an old version
    when a history page reverts), two more when a save meets a newer version.
    """

    class AdminForm(form_class):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.publisher = can_publish(user, self._meta.model)
            self.stored_state, self.stored_version = self._stored()
            if self.stored_version is not None and VERSION_FIELD in self.fields:
                self.fields[VERSION_FIELD].initial = version_of(self.stored_version)
            field = self.fields.get("editorial_state")
            if field is not None and not self.publisher:
                field.choices = [
                    (value, label)
                    for value, label in field.choices
                    if value != PUBLISHED or self.stored_state == PUBLISHED
                ]

        def _stored(self):
            if self.instance.pk is None:
                return None, None
            stored = type(self.instance)._base_manager.filter(pk=self.instance.pk)
            return stored.values_list("editorial_state", "updated_at").first() or (None, None)

        def clean(self):
            cleaned = super().clean()
            self._check_version()
            state = cleaned.get("editorial_state", self.stored_state)
            edits = [name for name in self.changed_data if name not in (VERSION_FIELD, REASON_FIELD)]
            for field, message in review_errors(
                self.publisher, self.stored_state, state, edits, cleaned.get("review_comment")
            ):
                self.add_error(field, message)
            return cleaned

        def _check_version(self):
            opened = parse_version(self.data.get(self.add_prefix(VERSION_FIELD)))
            if opened is None or self.stored_version is None or self.stored_version <= opened:
                return
            message = conflict_message(self.instance, opened)
            # Saving again is the editor's choice to keep their version: the page now carries the new one.
            self.data = self.data.copy()
            self.data[self.add_prefix(VERSION_FIELD)] = version_of(self.stored_version)
            self.add_error(None, message)

    AdminForm.__name__ = form_class.__name__
    return AdminForm
