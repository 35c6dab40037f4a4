"""Partnership export columns, in the contract's order (README, "Exports"), then the localities' names."""

from django.db.models import Count, Prefetch

from directory.exports import LOCALITY_KEY_PATHS, LocalityWidget, key_text, locality_key
from directory.models import LocalityLevel, PolicyArea
from exports.columns import Column, ExportSpec, FromRow, derived, many, read_only, related_values, text, url

from .models import Activity, SubnationalPartnership


def locality(name):
    from_row = FromRow(paths=tuple(f"{name}__{path}" for path in LOCALITY_KEY_PATHS), cell=key_text)
    return Column(
        name, attribute=name, read=lambda o: locality_key(getattr(o, name)), widget=LocalityWidget, from_row=from_row
    )


def locality_name(name):
    """``str()`` of the locality, from plain values: "name" or "name, parent name" below a prefecture."""

    def cell(own_name, parent_id, level, parent_name):
        return f"{own_name}, {parent_name}" if parent_id and level != LocalityLevel.PREFECTURE else own_name

    paths = tuple(f"{name}__{path}" for path in ("name", "parent_id", "level", "parent__name"))
    return derived(f"{name}_name", lambda o: str(getattr(o, name)), FromRow(paths=paths, cell=cell))


def prefecture_code(level, parent_id, iso_code, parent_iso_code):
    """``Locality.prefecture.iso_code or None`` from plain values."""
    return (iso_code if level == LocalityLevel.PREFECTURE or not parent_id else parent_iso_code) or None


PARTNERSHIPS = ExportSpec(
    register="partnerships",
    model=SubnationalPartnership,
    columns=[
        text("slug"),
        locality("japanese_locality"),
        derived(
            "prefecture_code",
            lambda o: o.japanese_locality.prefecture.iso_code or None,
            FromRow(
                paths=tuple(f"japanese_locality__{p}" for p in ("level", "parent_id", "iso_code", "parent__iso_code")),
                cell=prefecture_code,
            ),
        ),
        locality("foreign_locality"),
        derived(
            "country", lambda o: o.foreign_locality.country.iso2, FromRow(paths=("foreign_locality__country__iso2",))
        ),
        derived(
            "region", lambda o: o.foreign_locality.country.region, FromRow(paths=("foreign_locality__country__region",))
        ),
        text("kind"),
        many("focus_areas", PolicyArea, "slug"),
        text("established"),
        text("status"),
        derived(  # how many activities are recorded
            "activities",
            lambda o: len(o.activities.all()),
            FromRow(related=related_values("activities__pk"), cell=len, aggregate=Count),
        ),
        url(),
        read_only("updated_at"),
        locality_name("japanese_locality"),
        locality_name("foreign_locality"),
    ],
    select_related=(
        "japanese_locality__country",
        "japanese_locality__parent",
        "foreign_locality__country",
        "foreign_locality__parent",
    ),
    prefetch_related=("focus_areas", Prefetch("activities", queryset=Activity.objects.only("pk", "partnership_id"))),
)

# Everyone's download: every column is public.
PUBLIC_PARTNERSHIPS = PARTNERSHIPS
