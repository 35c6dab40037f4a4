"""django-import-export resources built from a register's export columns, and the admin mixin that uses them.

The admin's import reads the same columns the staff export writes, so an exported file imports back:
importable columns map to model fields (references by slug or ISO code), derived columns are ignored.
An import is all-or-nothing: it runs in one transaction that any row error or validation error rolls back,
and model validation (``full_clean``) runs on every row.

No lost edits: a row with an ``updated_at`` (as the export writes it) older than the stored record's is a
conflict: someone saved the record after the file was exported. The row is not applied, and the admin lists
it. A row without ``updated_at`` (or with an empty one) is applied as before.
"""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext, ngettext
from import_export import resources, widgets
from import_export.fields import Field

from search import bitmaps

from .cells import neutralise
from .import_report import derived_columns, ignored_columns, import_problems
from .widgets import DayWidget, TextWidget, WholeNumberWidget


def widget_for(model, column):
    """The import widget of a column: its own, or one chosen from the model field's type."""
    if column.widget is not None:
        return column.widget()
    if not column.importable:
        return widgets.Widget()
    model_field = model._meta.get_field(column.attribute)
    if isinstance(model_field, models.DateField):
        return DayWidget()
    if isinstance(model_field, models.IntegerField):
        return WholeNumberWidget()
    return TextWidget()


class ColumnField(Field):
    """A resource field that reads its cell exactly as the staff export does."""

    def __init__(self, column, widget):
        super().__init__(
            attribute=column.attribute, column_name=column.name, widget=widget, readonly=not column.importable
        )
        self.column = column

    def export(self, instance, base_url="", **kwargs):
        if instance is None or instance.pk is None:  # the "before" side of a new row in the import preview
            return ""
        value = self.column.value(instance, base_url)
        return "" if value is None else value


class ColumnResource(resources.ModelResource):
    """Base of the per-register resources; ``resource_for(spec)`` fills in the fields."""

    spec = None

    def __init__(self, base_url="", **kwargs):
        super().__init__(**kwargs)
        self.base_url = base_url

    def import_data(self, dataset, **kwargs):
        # The admin's preview and confirm steps do not pass it: roll back on validation errors too.
        kwargs.setdefault("rollback_on_validation_errors", True)
        return super().import_data(dataset, **kwargs)

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        bitmaps.defer_until_commit()  # one refresh of the search's facet bitmaps in after_import, not one a row
        self.conflicts = []  # (line, record, stored updated_at, the row's)
        self.check_id_columns(dataset.headers or [])

    def check_id_columns(self, headers):
        """The file must have the columns rows are matched on (the library's own check says it in English only)."""
        for name in self.get_import_id_fields():
            column = self.fields[name].column_name
            if column not in headers:
                raise ValueError(
                    gettext("The file has no “%(column)s” column: every row is matched on it.") % {"column": column}
                )

    def import_instance(self, instance, row, **kwargs):
        """Every field's error, not only the first: many-to-many cells are checked here too (saved after the row)."""
        errors = {}
        for field in self.get_import_fields():
            if not field.attribute or field.column_name not in row:
                continue
            try:
                if isinstance(field.widget, widgets.ManyToManyWidget):
                    field.clean(row)
                else:
                    self.import_field(field, instance, row, **kwargs)
            except ValueError as error:
                errors[field.attribute] = ValidationError(str(error), code="invalid")
        if errors:
            raise ValidationError(errors)

    def before_import_row(self, row, **kwargs):
        super().before_import_row(row, **kwargs)
        self.row_number = kwargs.get("row_number")

    def skip_row(self, instance, original, row, import_validation_errors=None):
        exported, stored = row_version(row), getattr(original, "updated_at", None)
        # The export writes whole seconds: a save within the second of the export goes unnoticed.
        if original is not None and original.pk and exported and stored and stored.replace(microsecond=0) > exported:
            self.conflicts.append((self.row_number, original, stored, exported))
            return True
        return super().skip_row(instance, original, row, import_validation_errors)

    def after_import(self, dataset, result, **kwargs):
        headers = [str(header) for header in dataset.headers or []]
        result.ignored_columns = ignored_columns(self, headers)
        result.derived_columns = derived_columns(self)
        result.problems = import_problems(self, headers, result)
        super().after_import(dataset, result, **kwargs)
        if not kwargs.get("dry_run"):  # a preview is rolled back with its rows
            bitmaps.refresh(self._meta.model, [row.object_id for row in result.rows if row.object_id is not None])
        if self.conflicts and kwargs.get("request") is not None:
            messages.warning(kwargs["request"], conflicts_message(self.conflicts))

    def filter_export(self, queryset, **kwargs):
        return self.spec.prepare(queryset)

    def export_field(self, field, instance, **kwargs):
        # Files opened in a spreadsheet: the same formula guard as the staff export.
        return neutralise(field.export(instance, base_url=self.base_url))


def row_version(row):
    """The row's ``updated_at`` as an aware datetime, or None when it has none (then it is applied as before)."""
    value = row.get("updated_at")
    if isinstance(value, str):
        try:
            value = parse_datetime(value.strip())
        except ValueError:
            return None
    if not isinstance(value, datetime.datetime):
        return None
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def conflicts_message(conflicts):
    """One line per conflicting row: its line, the record, when it was saved and the file's version."""
    lines = "; ".join(
        gettext("line %(line)s, %(record)s: saved %(stored)s, the file has %(exported)s")
        % {
            "line": line,
            "record": record,
            "stored": timezone.localtime(stored).isoformat(timespec="seconds"),
            "exported": timezone.localtime(exported).isoformat(timespec="seconds"),
        }
        for line, record, stored, exported in conflicts
    )
    return ngettext(
        "%(count)d row was not applied: its record was saved after the file's updated_at (%(lines)s). "
        "Export again to edit the current version.",
        "%(count)d rows were not applied: their records were saved after the file's updated_at (%(lines)s). "
        "Export again to edit the current versions.",
        len(conflicts),
    ) % {"count": len(conflicts), "lines": lines}


def resource_for(spec):
    """A ModelResource whose fields are ``spec``'s columns, in order, matched on ``slug``."""
    names = spec.headers
    meta = type(
        "Meta",
        (),
        {
            "model": spec.model,
            "fields": names,
            "import_order": names,
            "export_order": names,
            "import_id_fields": ["slug"],
            "use_transactions": True,
            "clean_model_instances": True,  # model validators (slugs, choices, ORCID, dates) run on import
            "skip_unchanged": True,
            "report_skipped": True,
            "skip_diff": False,  # the preview shows what changes
        },
    )
    attrs = {column.name: ColumnField(column, widget_for(spec.model, column)) for column in spec.columns}
    attrs.update({"Meta": meta, "spec": spec, "__module__": __name__})
    return type(f"{spec.model.__name__}Resource", (ColumnResource,), attrs)
