"""Differences between two saved versions of a record (django-simple-history records), as an editor reads them."""

from django.utils.text import capfirst
from django.utils.translation import gettext

# Fields whose change is the workflow itself, not an edit another person needs to read.
WORKFLOW_FIELDS = {"editorial_state", "review_comment", "created_at", "updated_at"}


def describe_changes(new, old):
    """(field label, before, after) rows of text for each field that differs from version ``old`` to ``new``.

    Queries: one per model referenced by a changed foreign key.
    """
    delta = new.diff_against(old, excluded_fields=WORKFLOW_FIELDS)
    opts = new.instance_type._meta
    order = [field.name for field in opts.fields]
    rows = []
    for change in sorted(delta.changes, key=lambda change: order.index(change.field)):
        field = opts.get_field(change.field)
        rows.append((capfirst(field.verbose_name), display(field, change.old), display(field, change.new)))
    return rows


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
