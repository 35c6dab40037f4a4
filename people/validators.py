"""ORCID identifiers: format and ISO 7064 MOD 11-2 checksum."""

import re

from django.core.exceptions import ValidationError

ORCID_RE = re.compile(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$")


def orcid_checksum(base_digits):
    """The check character for the first 15 digits of an ORCID iD."""
    total = 0
    for digit in base_digits:
        total = (total + int(digit)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def validate_orcid(value):
    if not ORCID_RE.match(value or ""):
        raise ValidationError(
            "Enter an ORCID iD as 0000-0000-0000-0000 (the last character may be X).", code="orcid_format"
        )
    digits = value.replace("-", "")
    if orcid_checksum(digits[:15]) != digits[15]:
        raise ValidationError("This ORCID iD's check digit is wrong; check for a typo.", code="orcid_checksum")
