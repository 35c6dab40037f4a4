"""Import widgets for the export columns: references by slug or ISO code, and text that was neutralised.

Every widget raises ``ValueError`` with a plain, translated message that names the bad value: the import
lists it beside the row's line and column (``exports.import_report``), so an editor can fix the cell.
"""

import re

from django.utils.translation import gettext
from import_export import widgets

from .cells import SEPARATOR, join, unneutralise


class TextWidget(widgets.CharWidget):
    """Text cells: empty means blank, and a leading ``'`` added by the export's formula guard is removed."""

    def __init__(self, **kwargs):
        super().__init__(allow_blank=True, **kwargs)

    def clean(self, value, row=None, **kwargs):
        return unneutralise(super().clean(value, row, **kwargs))


class WholeNumberWidget(widgets.IntegerWidget):
    """Whole numbers; anything else (``abc``, ``1.5``) is a plain error instead of ``decimal.ConversionSyntax``."""

    def clean(self, value, row=None, **kwargs):
        if self.is_empty(value):
            return None
        if isinstance(value, float) and value.is_integer():  # a spreadsheet's number cell
            value = int(value)
        if isinstance(value, int):
            return value
        if WHOLE_NUMBER(str(value).strip()):
            return int(str(value).strip())
        raise ValueError(gettext("“%(value)s” is not a whole number (digits only, e.g. 1200000).") % {"value": value})


WHOLE_NUMBER = re.compile(r"[+-]?[0-9]{1,30}").fullmatch


class DayWidget(widgets.DateWidget):
    """Dates written as the export writes them (YYYY-MM-DD), or a spreadsheet's date cells."""

    def __init__(self):
        super().__init__(format="%Y-%m-%d")

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except ValueError:
            raise ValueError(
                gettext("“%(value)s” is not a date: write it as YYYY-MM-DD (e.g. 2016-05-26).") % {"value": value}
            ) from None


class RefWidget(widgets.ForeignKeyWidget):
    """A foreign key by slug or ISO code; an unknown key is a row error that names it."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        try:
            return self.model.objects.get(**{self.field: str(value).strip()})
        except self.model.DoesNotExist:
            raise ValueError(
                gettext("Unknown %(thing)s “%(key)s”.") % {"thing": self.model._meta.verbose_name, "key": value}
            ) from None

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else getattr(value, self.field)


class KeyListWidget(widgets.ManyToManyWidget):
    """A many-to-many field as "; "-separated keys. Unlike the stock widget, unknown keys are errors."""

    def __init__(self, model, field):
        super().__init__(model, separator=SEPARATOR.strip(), field=field)

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return self.model.objects.none()
        keys = {k.strip() for k in str(value).split(self.separator) if k.strip()}
        found = self.model.objects.filter(**{f"{self.field}__in": keys})
        missing = keys - {getattr(obj, self.field) for obj in found}
        if missing:
            raise ValueError(
                gettext("Unknown %(things)s: %(keys)s.")
                % {"things": self.model._meta.verbose_name_plural, "keys": join(missing)}
            )
        return found

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else join(getattr(r, self.field) for r in value.all())
