"""Validators shared by several registers."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _


def split_lines(value):
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def validate_url_lines(value):
    """Each non-empty line must be an http(s) URL (the ``sources`` fields)."""
    check = URLValidator(schemes=["http", "https"])
    bad = []
    for line in split_lines(value):
        try:
            check(line)
        except ValidationError:
            bad.append(line)
    if bad:
        raise ValidationError(
            _("Not a valid http(s) URL: %(urls)s. Put one URL per line."),
            code="invalid_url",
            params={"urls": ", ".join(bad[:5])},
        )


def validate_not_future_year(value):
    if value is not None and value > datetime.date.today().year:
        raise ValidationError(_("%(year)s is in the future."), code="future_year", params={"year": value})
