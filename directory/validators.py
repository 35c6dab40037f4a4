"""Identifiers of organizations and places in other registries: ROR, Wikidata, GeoNames."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# ROR ids: "0", six characters of Crockford's base32 (no i, l, o, u), two check digits (ISO 7064 MOD 97-10).
CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"
ROR_RE = re.compile(r"^0[0-9a-hjkmnp-tv-z]{6}[0-9]{2}$")
WIKIDATA_RE = re.compile(r"^Q[1-9][0-9]*$")


def ror_checksum(base):
    """The two check digits of the first seven characters of a ROR id."""
    number = 0
    for character in base:
        number = number * 32 + CROCKFORD.index(character)
    return f"{98 - (number * 100) % 97:02d}"


def validate_ror_id(value):
    if not ROR_RE.match(value or ""):
        raise ValidationError(
            _("Enter a ROR id as its nine characters, e.g. 057zh3y96 (without https://ror.org/)."), code="ror_format"
        )
    if ror_checksum(value[:7]) != value[7:]:
        raise ValidationError(_("This ROR id's check digits are wrong; check for a typo."), code="ror_checksum")


def validate_wikidata_id(value):
    if not WIKIDATA_RE.match(value or ""):
        raise ValidationError(
            _("Enter a Wikidata item id: Q and its number, e.g. Q7842 (without the URL)."), code="wikidata_format"
        )
