"""Export columns of organizations, and the stable text key that names a locality in exports and imports."""

from django.core.exceptions import ValidationError

from exports.columns import ExportSpec, read_only, ref, text, url
from exports.widgets import RefWidget

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
    parent = locality.parent
    return key_text(
        locality.iso_code,
        locality.name,
        locality.country.iso2,
        locality.parent_id,
        parent and parent.iso_code,
        parent and parent.name,
    )


def key_text(iso_code, name, country, parent_id, parent_iso_code, parent_name):
    """``locality_key`` from plain values (the row reader reads them with ``LOCALITY_KEY_PATHS``)."""
    if iso_code:
        return iso_code
    if parent_id is None:
        return f"{country}/{name}"
    if parent_iso_code:
        return f"{parent_iso_code}/{name}"
    return f"{country}/{parent_name}/{name}"


LOCALITY_KEY_PATHS = ("iso_code", "name", "country__iso2", "parent_id", "parent__iso_code", "parent__name")


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
        text("ror_id"),
        text("wikidata_id"),
        url(),
        read_only("updated_at"),
    ],
    select_related=("country",),
)
