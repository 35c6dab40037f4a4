"""The initiatives' tables in a data release: published initiatives, their frameworks, and what links them to
policy areas, partner countries and organizations, frameworks and (published, consenting) researchers."""

from django.utils.translation import gettext_lazy as _

from people.models import Researcher
from releases.tables import EDITORIAL_DATES, LINK, REGISTER, Column, Table, key, pairs, vocabulary

from .models import Framework, Initiative, Participation


def _published_links(relation):
    return lambda: relation.through.objects.filter(initiative__in=Initiative.objects.published())


INITIATIVES = Table(
    name="initiatives",
    kind=REGISTER,
    title=_("Initiatives"),
    description="Published international initiatives Japan takes part in.",
    rows=Initiative.objects.published,
    columns=(
        key("initiative"),
        Column("slug", "The initiative's short name in URLs (its page is /initiatives/<slug>/)."),
        Column("title", "Title in English."),
        Column("title_ja", "Title in Japanese (empty when not recorded)."),
        Column("summary", "One or two sentences in English."),
        Column("summary_ja", "One or two sentences in Japanese."),
        Column("description", "Longer description in English."),
        Column("kind", "What kind of initiative it is."),
        Column("status", "Proposed, planned, active or completed."),
        Column("start_date", "When it started or starts (empty when not known)."),
        Column("end_date", "When it ended or ends (empty when open-ended or not known)."),
        Column("lead_organization_id", "The organization that leads it (organizations.id)."),
        Column("funding_jpy", "Funding in Japanese yen (empty when not known)."),
        Column("sources", "Where its facts come from: URLs, one per line."),
        Column("last_reviewed", "When an editor last checked it against its sources."),
        *EDITORIAL_DATES,
    ),
    foreign_keys=(("lead_organization_id", "organizations", "id"),),
    unique=("slug",),
)

FRAMEWORKS = vocabulary(
    "frameworks",
    "framework",
    Framework.objects.all,
    _("Frameworks"),
    "Programmes, summits and fora initiatives belong to (G7 presidency, Belmont Forum, TICAD, SATREPS...).",
    extra=(Column("description", "What the framework is."),),
)

PARTICIPATIONS = Table(
    name="participations",
    kind=LINK,
    title=_("Participations"),
    description="Who takes part in which initiative, and in what role (published researchers with consent only).",
    rows=lambda: Participation.objects.filter(
        initiative__in=Initiative.objects.published(), researcher__in=Researcher.objects.published()
    ),
    columns=(
        key("participation"),
        Column("researcher_id", "The researcher (researchers.id)."),
        Column("initiative_id", "The initiative (initiatives.id)."),
        Column("role", "Their role in it."),
    ),
    foreign_keys=(("researcher_id", "researchers", "id"), ("initiative_id", "initiatives", "id")),
)

INITIATIVE = ("initiative_id", "initiative_id", "initiatives", "The initiative (initiatives.id).")

TABLES = (
    INITIATIVES,
    FRAMEWORKS,
    PARTICIPATIONS,
    pairs(
        "initiative_policy_areas",
        _("Initiatives' policy areas"),
        "Which policy areas each published initiative addresses.",
        _published_links(Initiative.policy_areas),
        INITIATIVE,
        ("policy_area_id", "policyarea_id", "policy_areas", "The policy area (policy_areas.id)."),
    ),
    pairs(
        "initiative_countries",
        _("Initiatives' partner countries"),
        "Which countries each published initiative partners with.",
        _published_links(Initiative.countries),
        INITIATIVE,
        ("country_id", "country_id", "countries", "The partner country (countries.id)."),
    ),
    pairs(
        "initiative_partner_organizations",
        _("Initiatives' partner organizations"),
        "Which organizations each published initiative partners with (besides its lead).",
        _published_links(Initiative.partner_organizations),
        INITIATIVE,
        ("organization_id", "organization_id", "organizations", "The partner organization (organizations.id)."),
    ),
    pairs(
        "initiative_frameworks",
        _("Initiatives' frameworks"),
        "Which frameworks each published initiative belongs to.",
        _published_links(Initiative.frameworks),
        INITIATIVE,
        ("framework_id", "framework_id", "frameworks", "The framework (frameworks.id)."),
    ),
)
