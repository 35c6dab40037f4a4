"""seed_demo: the curated demo data set loads, is valid, tells the register's stories, and reloads idempotently."""

import datetime
from collections import Counter
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models import Q
from django.utils import timezone

from bilingual.content import display_title
from demo.seed import seed_demo, status_on
from directory.models import Country, Locality, PolicyArea, Region, Sector
from initiatives.models import Initiative, InitiativeKind, InitiativeStatus
from partnerships.models import PartnershipKind, SubnationalPartnership
from people.models import EnglishLevel, Exchange, ExchangeDirection, Researcher

pytestmark = pytest.mark.django_db

REGISTER_APPS = ("directory", "people", "initiatives", "partnerships")


def seed():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def register_models(historical):
    """Every model of the registers' apps: the data models, or their simple-history tables."""
    return [
        model
        for label in REGISTER_APPS
        for model in apps.get_app_config(label).get_models()
        if model.__name__.startswith("Historical") == historical
    ]


def row_counts():
    return {model.__name__: model.objects.count() for model in register_models(False) + register_models(True)}


def test_seed_demo_loads_the_minimum_published_records_and_some_drafts():
    output = seed()

    assert Initiative.objects.published().count() >= 30
    assert Researcher.objects.published().count() >= 50
    assert SubnationalPartnership.objects.published().count() >= 20
    assert Initiative.objects.drafts().exists()
    assert Researcher.objects.drafts().exists()
    assert SubnationalPartnership.objects.drafts().exists()
    assert "initiatives" in output and "created" in output


def test_published_researchers_without_consent_stay_private(demo_data):
    unconsented = Researcher.objects.filter(editorial_state="published", consent_to_publish=False)
    assert unconsented.count() >= 2
    assert not Researcher.objects.published().filter(pk__in=unconsented).exists()


def test_every_published_researcher_has_an_email_and_recorded_consent(demo_data):
    for researcher in Researcher.objects.published():
        assert researcher.email, researcher.slug
        assert researcher.consent_recorded_on is not None, researcher.slug


def test_second_run_changes_no_record_and_adds_no_history_row():
    seed()
    before = row_counts()
    updated_at = sorted(Initiative.objects.values_list("updated_at", flat=True))

    output = seed()

    assert row_counts() == before
    assert sorted(Initiative.objects.values_list("updated_at", flat=True)) == updated_at
    assert "0 records created or updated" in output


def test_second_run_restores_an_edited_record_with_a_history_row_for_its_fields_and_one_for_its_links():
    seed()
    initiative = Initiative.objects.get(slug="igf-2023-kyoto")
    initiative.title = "Edited by hand"
    initiative.save()
    initiative.policy_areas.clear()
    history_rows = initiative.history.count()

    seed()

    initiative.refresh_from_db()
    assert initiative.title == "Internet Governance Forum 2023 in Kyoto"
    assert set(initiative.policy_areas.values_list("slug", flat=True)) == {"internet-governance", "cybersecurity"}
    # The fields' save is one row; the restored links (kept in the history too) are another.
    assert initiative.history.count() == history_rows + 2
    latest = initiative.history.first()
    assert {row.policyarea.slug for row in latest.policy_areas.all()} == {"internet-governance", "cybersecurity"}


def test_every_seeded_record_passes_full_clean(demo_data):
    # Countries, subdivisions and policy areas are the reference data's, which the seed only reads.
    reference = {Country, PolicyArea}
    for model in register_models(False):
        records = Locality.objects.filter(iso_code="") if model is Locality else model.objects.all()
        for record in records if model not in reference else []:
            record.full_clean()


def test_japanese_titles_and_names_are_present(demo_data):
    assert not Initiative.objects.filter(title_ja="").exists()
    assert not Researcher.objects.filter(name_ja="").exists()
    sides = Locality.objects.filter(Q(japanese_partnerships__isnull=False) | Q(foreign_partnerships__isnull=False))
    assert not sides.filter(name_ja="").exists()
    assert Initiative.objects.get(slug="ticad7-yokohama-2019").title_ja.startswith("第7回アフリカ開発会議")


def test_initiative_facets_have_every_kind_status_sector_and_region(demo_data):
    published = Initiative.objects.published()

    assert set(published.values_list("kind", flat=True)) == set(InitiativeKind.values)
    assert set(published.values_list("status", flat=True)) == set(InitiativeStatus.values)
    assert set(published.values_list("lead_organization__sector", flat=True)) == set(Sector.values)
    assert set(published.values_list("countries__region", flat=True)) >= set(Region.values) - {Region.ANTARCTICA}
    years = {start.year for start in published.exclude(start_date=None).values_list("start_date", flat=True)}
    assert min(years) <= 2010 and max(years) >= 2026
    assert published.exclude(funding_jpy=None).count() >= 20


def test_partnerships_cover_every_kind_and_status(demo_data):
    published = SubnationalPartnership.objects.published()

    assert set(published.values_list("kind", flat=True)) == set(PartnershipKind.values)
    assert published.filter(status="dormant").exists() and published.filter(status="ended").exists()
    assert published.filter(japanese_locality__iso_code="JP-13").exists()
    assert published.filter(foreign_locality__parent__iso_code="US-OR", foreign_locality__name="Portland").exists()


def test_researchers_are_affiliated_with_every_sector(demo_data):
    sectors = Researcher.objects.published().values_list("affiliation__sector", flat=True)

    assert set(sectors) == set(Sector.values)


def test_english_levels_show_the_language_barrier(demo_data):
    japan = Researcher.objects.published().filter(country__iso2="JP")
    abroad = Researcher.objects.published().exclude(country__iso2="JP")

    below_c1 = japan.filter(english_level__in=["A1", "A2", "B1", "B2"]).count()
    assert below_c1 > japan.count() / 2
    assert abroad.filter(english_level=EnglishLevel.NATIVE).exists()


def test_exchanges_run_both_ways_over_many_years(demo_data):
    assert set(Exchange.objects.values_list("direction", flat=True)) == set(ExchangeDirection.values)
    assert len({start.year for start in Exchange.objects.values_list("start_date", flat=True)}) >= 10


def test_the_brief_stories_are_in_the_register(demo_data):
    stories = [
        "g7-ise-shima-energy-minerals-food",
        "visa-easing-inbound-visitors",
        "five-eyes-membership-proposal",
        "ajccbc",
        "wpi-i2cner-kyushu",
        "belmont-forum-japan",
        "ticad7-yokohama-2019",
        "igf-2023-kyoto",
        "science-technology-adviser-foreign-minister",
        "english-presentation-training",
        "workation-rural-towns",
        "us-japan-entrepreneurship-mentoring-network",
    ]
    assert set(Initiative.objects.published().filter(slug__in=stories).values_list("slug", flat=True)) == set(stories)
    assert "3.7 trillion yen" in Initiative.objects.get(slug="visa-easing-inbound-visitors").summary


def test_no_two_partnerships_share_a_title_in_either_language(demo_data):
    partnerships = list(SubnationalPartnership.objects.with_localities())
    for language in ("en", "ja"):
        titles = Counter(display_title(partnership, language) for partnership in partnerships)
        assert [title for title, count in titles.items() if count > 1] == [], language


def test_partnership_kinds_agree_with_their_descriptions(demo_data):
    says = {"sister state": "sister_state", "sister province": "sister_state", "sister cit": "sister_city"}
    for partnership in SubnationalPartnership.objects.all():
        for words, kind in says.items():
            if partnership.description.lower().startswith(words):
                assert partnership.kind == kind, (partnership.slug, partnership.description)
    aichi = SubnationalPartnership.objects.get(slug="aichi-victoria")
    assert aichi.get_kind_display() == "Sister state or province"


def test_initiative_statuses_agree_with_the_servers_date(demo_data):
    today = timezone.localdate()
    initiatives = Initiative.objects.all()
    assert not initiatives.filter(status="planned", start_date__lte=today).exists()
    assert not initiatives.filter(status="active", start_date__gt=today).exists()
    assert not initiatives.filter(status__in=["planned", "active"], end_date__lt=today).exists()
    assert initiatives.filter(status="planned").exists()  # a planned one without a date stays planned


def test_seeding_on_a_later_day_moves_only_the_statuses_time_has_moved():
    def statuses():
        return dict(Initiative.objects.values_list("slug", "status"))

    seed_demo(today=datetime.date(2026, 1, 1))  # before the Mekong project's start in April 2026
    before = statuses()
    assert before["satreps-viet-nam-mekong-salinity"] == "planned"
    assert before["ukri-jst-healthy-ageing"] == "active"

    seed_demo(today=datetime.date(2027, 1, 1))
    after = statuses()
    moved = {slug for slug in after if after[slug] != before[slug]}
    assert {"satreps-viet-nam-mekong-salinity", "ukri-jst-healthy-ageing"} <= moved
    assert after["satreps-viet-nam-mekong-salinity"] == "active"
    assert after["ukri-jst-healthy-ageing"] == "completed"  # ended in September 2026
    assert all(before[slug] in ("planned", "active") for slug in moved)

    counts = row_counts()
    seed_demo(today=datetime.date(2027, 1, 1))  # the same day again: nothing to write
    assert row_counts() == counts


@pytest.mark.parametrize(
    ("status", "start", "end", "expected"),
    [
        ("planned", datetime.date(2030, 1, 1), None, "planned"),
        ("planned", datetime.date(2020, 1, 1), None, "active"),
        ("active", datetime.date(2020, 1, 1), datetime.date(2024, 1, 1), "completed"),
        ("active", datetime.date(2030, 1, 1), None, "planned"),
        ("proposed", datetime.date(2020, 1, 1), None, "proposed"),
        ("completed", datetime.date(2020, 1, 1), datetime.date(2030, 1, 1), "completed"),
        ("planned", None, None, "planned"),
    ],
)
def test_status_on_a_day(status, start, end, expected):
    assert status_on(status, start, end, datetime.date(2026, 12, 1)) == expected
