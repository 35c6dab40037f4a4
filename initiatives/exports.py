"""Initiative export columns, in the contract's order (README, "Exports")."""

from directory.models import Country, Organization, PolicyArea
from exports.cells import join
from exports.columns import (
    ExportSpec,
    FromRow,
    derived,
    many,
    published_keys,
    read_only,
    ref,
    related_values,
    text,
    url,
)

from .models import Framework, Initiative

participants, participants_prefetch = published_keys("participants", Initiative, "participations", "researcher", "slug")

INITIATIVES = ExportSpec(
    register="initiatives",
    model=Initiative,
    columns=[
        text("slug"),
        text("title"),
        text("title_ja"),
        text("kind"),
        text("status"),
        text("start_date"),
        text("end_date"),
        many("policy_areas", PolicyArea, "slug"),
        many("countries", Country, "iso2"),
        derived(
            "regions",
            lambda o: join(c.region for c in o.countries.all()),
            FromRow(related=related_values("countries__region")),
        ),
        ref("lead_organization", Organization, "slug"),
        derived(
            "lead_sector",
            lambda o: o.lead_organization.sector if o.lead_organization else None,
            FromRow(paths=("lead_organization__sector",)),
        ),
        many("partner_organizations", Organization, "slug"),
        many("frameworks", Framework, "slug"),
        text("funding_jpy"),
        participants,  # researcher slugs, published ones only; participations are edited in the admin
        url(),
        read_only("updated_at"),
    ],
    select_related=("lead_organization",),
    prefetch_related=("policy_areas", "countries", "partner_organizations", "frameworks", participants_prefetch),
)

# Everyone's download: every column is public (participants are published researchers only).
PUBLIC_INITIATIVES = INITIATIVES
