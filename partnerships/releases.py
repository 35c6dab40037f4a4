"""The partnerships' tables in a data release: published partnerships, their focus areas and activities."""

from django.utils.translation import gettext_lazy as _

from releases.tables import EDITORIAL_DATES, LINK, REGISTER, Column, Table, key, pairs

from .models import Activity, SubnationalPartnership

PARTNERSHIPS = Table(
    name="partnerships",
    kind=REGISTER,
    title=_("Subnational partnerships"),
    description="Published partnerships between Japanese prefectures or cities and their counterparts abroad.",
    rows=SubnationalPartnership.objects.published,
    columns=(
        key("partnership"),
        Column("slug", "The partnership's short name in URLs (its page is /partnerships/<slug>/)."),
        Column("japanese_locality_id", "The Japanese prefecture or city (localities.id)."),
        Column("foreign_locality_id", "The partner abroad (localities.id)."),
        Column("kind", "What kind of partnership it is."),
        Column("established", "The year it was established (empty when not known)."),
        Column("status", "Active, dormant or ended."),
        Column("description", "Description in English."),
        Column("description_ja", "Description in Japanese."),
        Column("sources", "Where its facts come from: URLs, one per line."),
        Column("last_reviewed", "When an editor last checked it against its sources."),
        *EDITORIAL_DATES,
    ),
    foreign_keys=(("japanese_locality_id", "localities", "id"), ("foreign_locality_id", "localities", "id")),
    unique=("slug",),
)

ACTIVITIES = Table(
    name="activities",
    kind=LINK,
    title=_("Partnership activities"),
    description="Delegations, exchanges, events and agreements of published partnerships.",
    rows=lambda: Activity.objects.filter(partnership__in=SubnationalPartnership.objects.published()),
    columns=(
        key("activity"),
        Column("partnership_id", "The partnership (partnerships.id)."),
        Column("date", "When it took place."),
        Column("title", "What it was."),
        Column("kind", "What kind of activity it was."),
        Column("participants", "How many took part (empty when not known)."),
    ),
    foreign_keys=(("partnership_id", "partnerships", "id"),),
)

TABLES = (
    PARTNERSHIPS,
    ACTIVITIES,
    pairs(
        "partnership_focus_areas",
        _("Partnerships' focus areas"),
        "Which policy areas each published partnership focuses on.",
        lambda: SubnationalPartnership.focus_areas.through.objects.filter(
            subnationalpartnership__in=SubnationalPartnership.objects.published()
        ),
        ("partnership_id", "subnationalpartnership_id", "partnerships", "The partnership (partnerships.id)."),
        ("policy_area_id", "policyarea_id", "policy_areas", "The policy area (policy_areas.id)."),
    ),
)
