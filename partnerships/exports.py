"""Partnership export columns, in the contract's order (README, "Exports"), then the localities' names."""

from django.db.models import Prefetch

from directory.exports import LocalityWidget, locality_key
from directory.models import PolicyArea
from techdiplo.exports.columns import Column, ExportSpec, derived, many, text, url

from .models import Activity, SubnationalPartnership


def locality(name):
    return Column(name, attribute=name, read=lambda o: locality_key(getattr(o, name)), widget=LocalityWidget)


PARTNERSHIPS = ExportSpec(
    register="partnerships",
    model=SubnationalPartnership,
    columns=[
        text("slug"),
        locality("japanese_locality"),
        derived("prefecture_code", lambda o: o.japanese_locality.prefecture.iso_code or None),
        locality("foreign_locality"),
        derived("country", lambda o: o.foreign_locality.country.iso2),
        derived("region", lambda o: o.foreign_locality.country.region),
        text("kind"),
        many("focus_areas", PolicyArea, "slug"),
        text("established"),
        text("status"),
        derived("activities", lambda o: len(o.activities.all())),  # how many activities are recorded
        url(),
        derived("updated_at", lambda o: o.updated_at),
        derived("japanese_locality_name", lambda o: str(o.japanese_locality)),
        derived("foreign_locality_name", lambda o: str(o.foreign_locality)),
    ],
    select_related=(
        "japanese_locality__country",
        "japanese_locality__parent",
        "foreign_locality__country",
        "foreign_locality__parent",
    ),
    prefetch_related=("focus_areas", Prefetch("activities", queryset=Activity.objects.only("pk", "partnership_id"))),
)
