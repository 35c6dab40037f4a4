"""Export columns of organizations, and the stable text key that names a locality in exports and imports."""

from django.core.exceptions import ValidationError

from techdiplo.exports.columns import ExportSpec, derived, ref, text, url
from techdiplo.exports.widgets import RefWidget

from .models import Country, Locality, Organization


def locality_key(locality):
    """A key that names one locality and survives a round trip through a spreadsheet.

    Its ISO 3166-2 code where it has one (``JP-13``); otherwise ``<parent ISO code>/<name>``
    (``JP-13/Shibuya``), ``<country>/<name>`` for a locality without a parent (``US/Portland``) or
    ``<country>/<parent name>/<name>`` when the parent has no code. Reads ``parent`` and ``country``,
    so select them with the locality.
    """
    if locality is None:
        return None
    if locality.iso_code:
        return locality.iso_code
    parent = locality.parent
    if parent is None:
        return f"{locality.country.iso2}/{locality.name}"
    if parent.iso_code:
        return f"{parent.iso_code}/{locality.name}"
    return f"{locality.country.iso2}/{parent.name}/{locality.name}"


def locality_lookup(key):
    """The filter that finds the locality ``locality_key`` named; ``ValidationError`` if it cannot be one."""
    parts = [part.strip() for part in str(key).strip().split("/")]
    if any(not part for part in parts) or len(parts) > 3:
        raise ValidationError(f"Malformed locality {key!r}.")
    if len(parts) == 1:
        return {"iso_code": parts[0]}
    if len(parts) == 3:
        country, parent, name = parts
        return {"country__iso2": country, "parent__name": parent, "parent__iso_code": "", "name": name}
    scope, name = parts
    if "-" in scope:  # an ISO 3166-2 code of the parent
        return {"parent__iso_code": scope, "name": name}
    return {"country__iso2": scope, "parent": None, "name": name}


class LocalityWidget(RefWidget):
    """A locality by ``locality_key``."""

    def __init__(self):
        super().__init__(Locality, "pk")

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        try:
            return Locality.objects.get(**locality_lookup(value))
        except Locality.DoesNotExist:
            raise ValueError(f"Unknown locality {value!r}.") from None

    def render(self, value, obj=None, **kwargs):
        return locality_key(value) or ""


ORGANIZATIONS = ExportSpec(
    register="organizations",
    model=Organization,
    columns=[
        text("slug"),
        text("name"),
        text("name_ja"),
        text("acronym"),
        text("kind"),
        text("sector"),
        ref("country", Country, "iso2"),
        text("website"),
        url(),
        derived("updated_at", lambda o: o.updated_at),
    ],
    select_related=("country",),
)
