"""Import widgets for the export columns: references by slug or ISO code, and text that was neutralised."""

from import_export import widgets

from .cells import SEPARATOR, join, unneutralise


class TextWidget(widgets.CharWidget):
    """Text cells: empty means blank, and a leading ``'`` added by the export's formula guard is removed."""

    def __init__(self, **kwargs):
        super().__init__(allow_blank=True, **kwargs)

    def clean(self, value, row=None, **kwargs):
        return unneutralise(super().clean(value, row, **kwargs))


class RefWidget(widgets.ForeignKeyWidget):
    """A foreign key by slug or ISO code; an unknown key is a row error that names it."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        try:
            return self.model.objects.get(**{self.field: str(value).strip()})
        except self.model.DoesNotExist:
            raise ValueError(f"Unknown {self.model._meta.verbose_name} {value!r}.") from None

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
            raise ValueError(f"Unknown {self.model._meta.verbose_name_plural}: {join(missing)}.")
        return found

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else join(getattr(r, self.field) for r in value.all())
