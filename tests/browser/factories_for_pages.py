"""A small, linked set of published records for the browser tests of the public pages."""

import datetime

from ..factories import (
    ActivityFactory,
    ExchangeFactory,
    FrameworkFactory,
    InitiativeFactory,
    LocalityFactory,
    OrganizationFactory,
    ParticipationFactory,
    PartnershipFactory,
    PolicyAreaFactory,
    ResearcherFactory,
    ResearchFieldFactory,
    country,
)


def sample_records():
    area = PolicyAreaFactory(slug="climate-change")
    framework = FrameworkFactory(slug="satreps", name="SATREPS")
    lead = OrganizationFactory(slug="university-of-tokyo", name="University of Tokyo", name_ja="東京大学")
    partner = OrganizationFactory(slug="university-of-nairobi", name="University of Nairobi", country=country("KE"))
    initiative = InitiativeFactory(
        title="SATREPS drought early warning in Kenya",
        title_ja="ケニアにおける干ばつ早期警戒",
        description="Hydrologists from Tokyo and Nairobi build an early warning system.",
        funding_jpy=350_000_000,
        lead_organization=lead,
        partner_organizations=[partner],
        countries=[country("KE")],
        policy_areas=[area],
        frameworks=[framework],
        sources="https://www.jst.go.jp/global/english/",
    )
    InitiativeFactory(title="Belmont Forum climate resilience", policy_areas=[area])
    researcher = ResearcherFactory(
        given_name="Aiko",
        family_name="Tanaka",
        name_ja="田中愛子",
        affiliation=lead,
        fields=[ResearchFieldFactory(slug="hydrology", name="Hydrology")],
    )
    ParticipationFactory(researcher=researcher, initiative=initiative, role="lead")
    ExchangeFactory(researcher=researcher, host_organization=partner, country=country("KE"))
    partnership = PartnershipFactory(
        foreign_locality=LocalityFactory(name="Nairobi", country=country("KE")),
        japanese_locality=LocalityFactory(name="Kobe", name_ja="神戸市", country=country("JP")),
        focus_areas=[area],
        established=2005,
        description="Exchanges on urban resilience.",
    )
    ActivityFactory(partnership=partnership, date=datetime.date(2023, 5, 10), title="Resilience workshop")
    return {"initiative": initiative, "researcher": researcher, "partnership": partnership}


def ocean_initiatives():
    """45 published initiatives matching q=ocean: status active unless i % 3 == 0 (then completed), about
    climate change when i is odd (else food security), Kenya a partner when i % 5 == 0, started 1980 + i."""
    climate = PolicyAreaFactory(slug="climate-change")
    food = PolicyAreaFactory(slug="food-security")
    for i in range(45):
        InitiativeFactory(
            title=f"Ocean programme {i:02d}",
            summary="Ocean observation with partners.",
            status="active" if i % 3 else "completed",
            start_date=datetime.date(1980 + i, 1, 1),
            policy_areas=[climate] if i % 2 else [food],
            countries=[country("KE")] if i % 5 == 0 else None,
        )
