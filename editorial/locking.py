"""No lost edits: a save or an action refused when the record changed after the page was opened.

The admin's form carries the record's ``updated_at`` as it was when the page was opened (a hidden field), and
the changelist's action form the time the list was shown. Every write to a record with an editorial state moves
its ``updated_at`` (the form, the bulk actions, the import), so a stored ``updated_at`` later than the one the
page carried means someone else saved in between.
"""

import datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

from .versions import describe_changes


def version_of(moment):
    """The text a page carries for ``moment`` (an ``updated_at``, or the time a list was shown)."""
    return moment.isoformat()


def parse_version(value):
    """A version a page carried, or None when it carries none or a malformed one (then nothing is checked)."""
    if isinstance(value, datetime.datetime):
        moment = value
    else:
        try:
            moment = parse_datetime(str(value or "").strip())
        except ValueError:
            return None
    if moment is None:
        return None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def who_and_when(versions):
    """ "Name (date)" for each of ``versions`` (history records), the newest first."""
    unknown = gettext("someone")
    when = [date_format(timezone.localtime(version.history_date), "DATETIME_FORMAT") for version in versions]
    return ", ".join(
        f"{version.history_user or unknown} ({moment})" for version, moment in zip(versions, when, strict=True)
    )


def conflict_message(record, opened):
    """What happened to ``record`` since version ``opened``: who saved it, when, and each field they changed.

    Queries: two (the versions saved since, the version opened) and one per changed foreign key's model.
    """
    newer = list(record.history.filter(updated_at__gt=opened).select_related("history_user"))
    opened_version = record.history.filter(updated_at=opened).first()
    rows = describe_changes(newer[0], opened_version) if newer and opened_version else []
    changes = format_html_join("", "<li>{}: {} → {}</li>", rows) if rows else ""
    return format_html(
        '{} <ul>{}</ul> {} <a href="">{}</a>',
        gettext("%(who)s saved this record after you opened it. Their changes:") % {"who": who_and_when(newer)},
        changes or format_html("<li>{}</li>", gettext("only its editorial state, comment or links")),
        gettext(
            "Your form still holds your version: copy in any of their changes you want to keep and save again "
            "to replace theirs."
        ),
        gettext("Reload the page to start from theirs (your changes are then lost)."),
    )


def stale(records, opened):
    """Those of ``records`` saved after ``opened`` (the time the list was shown)."""
    return records.filter(updated_at__gt=opened)
