"""The agreements' export columns."""

from directory.models import Country
from exports.columns import ExportSpec, read_only, ref, text, url

from .models import Agreement

AGREEMENTS = ExportSpec(
    register="agreements",
    model=Agreement,
    columns=[
        text("slug"),
        text("title"),
        text("kind"),
        ref("country", Country, "iso2"),
        text("signed"),
        url(),
        read_only("updated_at"),
    ],
    select_related=("country",),
)

PUBLIC_AGREEMENTS = AGREEMENTS  # every column is public
