"""Detail pages of the three registers: cross-links both ways, drafts, privacy, and a constant number of queries."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from directory.models import Locality
from editorial.models import EditorialState
from initiatives.models import Initiative

from .factories import (
    ActivityFactory,
    ExchangeFactory,
    FrameworkFactory,
    InitiativeFactory,
    OrganizationFactory,
    ParticipationFactory,
    PartnershipFactory,
    PolicyAreaFactory,
    ResearcherFactory,
    ResearchFieldFactory,
    UserFactory,
    country,
)

pytestmark = pytest.mark.django_db

DRAFT = EditorialState.DRAFT


def page(client, obj):
    response = client.get(obj.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True))
    return client


# Initiatives


@pytest.fixture
def initiative():
    return InitiativeFactory(
        title="G7 Ise-Shima energy and food security",
        title_ja="G7伊勢志摩サミット",
        funding_jpy=1234567890,
        policy_areas=[PolicyAreaFactory(slug="food-security", name="Food security")],
        countries=[country("KE")],
        partner_organizations=[OrganizationFactory(slug="jsps", name="JSPS")],
        frameworks=[FrameworkFactory(slug="g7-presidency", name="G7 presidency")],
        sources="https://www.mofa.go.jp/g7\nhttps://example.org/ise-shima",
        start_date=datetime.date(2016, 5, 26),
        end_date=datetime.date(2016, 5, 27),
    )


def test_initiative_page_links_areas_countries_organizations_and_frameworks(client, initiative):
    html = page(client, initiative)
    assert 'href="/initiatives/?area=food-security"' in html
    assert 'href="/initiatives/?country=KE"' in html
    assert 'href="/countries/ke/"' in html
    assert f'href="/organizations/{initiative.lead_organization.slug}/"' in html
    assert 'href="/organizations/jsps/"' in html
    assert 'href="/initiatives/?framework=g7-presidency"' in html


def test_initiative_page_shows_japanese_title_funding_dates_and_sources(client, initiative):
    html = page(client, initiative)
    assert '<p class="record__title-ja" lang="ja">G7伊勢志摩サミット</p>' in html
    assert "¥1,234,567,890" in html
    assert "26 May 2016" in html
    assert "27 May 2016" in html
    assert 'href="https://www.mofa.go.jp/g7"' in html
    assert 'href="https://example.org/ise-shima"' in html


def test_an_initiative_still_to_start_reads_from_its_date_not_ongoing(client):
    start = timezone.localdate() + datetime.timedelta(days=400)
    InitiativeFactory(slug="future", title="Future programme", status="planned", start_date=start, end_date=None)
    html = client.get("/initiatives/future/").content.decode()
    assert f"from {start.day} {start:%B %Y}</time>" in html
    assert "ongoing" not in html
    assert f"Planned</span> · from {start.year}" in client.get("/initiatives/?q=future").content.decode()


def test_initiative_rows_say_since_while_running_and_the_years_once_completed(client):
    InitiativeFactory(title="Running", status="active", start_date=datetime.date(2019, 4, 1), end_date=None)
    InitiativeFactory(
        title="Done", status="completed", start_date=datetime.date(2016, 4, 1), end_date=datetime.date(2018, 3, 31)
    )
    html = client.get("/initiatives/").content.decode()
    assert "Active</span> · since 2019" in html
    assert "Completed</span> · 2016–2018" in html


def test_initiative_page_links_only_published_consenting_participants(client, initiative):
    shown = ParticipationFactory(initiative=initiative).researcher
    draft = ParticipationFactory(initiative=initiative, researcher=ResearcherFactory(editorial_state=DRAFT)).researcher
    private = ParticipationFactory(
        initiative=initiative, researcher=ResearcherFactory(consent_to_publish=False)
    ).researcher
    html = page(client, initiative)
    assert f'href="{shown.get_absolute_url()}"' in html
    assert draft.get_absolute_url() not in html
    assert private.get_absolute_url() not in html
    assert private.family_name not in html


def test_related_initiatives_share_areas_or_frameworks_most_shared_first_published_only(client):
    area, other_area = PolicyAreaFactory(), PolicyAreaFactory()
    framework = FrameworkFactory()
    initiative = InitiativeFactory(policy_areas=[area, other_area], frameworks=[framework])
    closest = InitiativeFactory(title="Closest", policy_areas=[area, other_area], frameworks=[framework])
    close = InitiativeFactory(title="Close", frameworks=[framework])
    draft = InitiativeFactory(title="Hidden draft", policy_areas=[area], editorial_state=DRAFT)
    unrelated = InitiativeFactory(title="Unrelated", policy_areas=[PolicyAreaFactory()])
    html = page(client, initiative)
    related = html[html.index('id="related"') :]
    assert related.index(closest.get_absolute_url()) < related.index(close.get_absolute_url())
    assert draft.get_absolute_url() not in html
    assert unrelated.get_absolute_url() not in html


def test_related_initiatives_are_at_most_five(client):
    area = PolicyAreaFactory()
    initiative = InitiativeFactory(policy_areas=[area])
    for _ in range(7):
        InitiativeFactory(policy_areas=[area])
    html = page(client, initiative)
    related = html[html.index('id="related"') : html.index("</section>", html.index('id="related"'))]
    assert related.count("<li>") == 5


def test_initiative_page_has_canonical_link_and_is_indexable(client, initiative):
    html = page(client, initiative)
    assert f'<link rel="canonical" href="http://testserver{initiative.get_absolute_url()}">' in html
    assert "noindex" not in html
    assert f"<title>{initiative.title} · techdiplo</title>" in html
    assert '<meta name="description" content="A joint effort.">' in html


def test_draft_initiative_is_not_found_for_anonymous_and_non_staff_users(client):
    draft = InitiativeFactory(editorial_state=DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(UserFactory(is_staff=False))
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_draft_initiative_shows_staff_a_draft_banner_and_noindex(staff_client):
    draft = InitiativeFactory(editorial_state=DRAFT)
    html = page(staff_client, draft)
    assert "Draft: not public." in html
    assert '<meta name="robots" content="noindex">' in html


def test_initiative_page_queries_stay_constant_with_many_related_objects(client, django_assert_max_num_queries):
    areas = [PolicyAreaFactory() for _ in range(5)]
    frameworks = [FrameworkFactory() for _ in range(3)]
    initiative = InitiativeFactory(
        policy_areas=areas,
        frameworks=frameworks,
        countries=[country(iso2) for iso2 in ["US", "KE", "DE", "FR", "BR"]],
        partner_organizations=OrganizationFactory.create_batch(6),
    )
    for _ in range(12):
        ParticipationFactory(initiative=initiative)
    for _ in range(8):
        InitiativeFactory(policy_areas=areas[:2], frameworks=frameworks[:1])
    # 1 initiative + lead organization + its country, 2 policy areas, 3 countries, 4 partner organizations,
    # 5 frameworks, 6 participations + researchers + affiliations, 7 related initiatives.
    with django_assert_max_num_queries(10):
        response = client.get(initiative.get_absolute_url())
    assert response.content.decode().count("/researchers/") >= 12


# Researchers


@pytest.fixture
def researcher():
    researcher = ResearcherFactory(
        given_name="Aiko",
        family_name="Tanaka",
        name_ja="田中愛子",
        email="aiko.tanaka@example.ac.jp",
        consent_recorded_on=datetime.date(2024, 3, 17),
        fields=[ResearchFieldFactory(slug="hydrology", name="Hydrology")],
    )
    host = OrganizationFactory(slug="uc-berkeley", name="UC Berkeley", country=country("US"))
    ExchangeFactory(
        researcher=researcher,
        host_organization=host,
        country=country("US"),
        programme="JSPS Overseas Research Fellowship",
        start_date=datetime.date(2019, 9, 1),
        end_date=datetime.date(2021, 8, 31),
    )
    return researcher


def test_researcher_page_links_affiliation_fields_and_exchanges(client, researcher):
    html = page(client, researcher)
    assert f'href="{researcher.affiliation.get_absolute_url()}"' in html
    assert 'href="/researchers/?field=hydrology"' in html
    assert 'href="/organizations/uc-berkeley/"' in html
    assert 'href="/countries/us/"' in html
    assert "JSPS Overseas Research Fellowship" in html
    assert "2019–2021" in html
    assert "Outbound from Japan" in html
    assert '<p class="record__title-ja" lang="ja">田中愛子</p>' in html


def test_researcher_and_initiative_pages_link_each_other_published_initiatives_only(client, researcher):
    initiative = ParticipationFactory(researcher=researcher).initiative
    draft = ParticipationFactory(researcher=researcher, initiative=InitiativeFactory(editorial_state=DRAFT)).initiative
    html = page(client, researcher)
    assert f'href="{initiative.get_absolute_url()}"' in html
    assert draft.get_absolute_url() not in html
    assert draft.title not in html
    assert f'href="{researcher.get_absolute_url()}"' in page(client, initiative)


def test_researcher_email_and_consent_date_never_appear(client, researcher):
    html = page(client, researcher)
    assert "aiko.tanaka" not in html
    assert "@example.ac.jp" not in html
    assert "2024-03-17" not in html
    assert "17 March 2024" not in html


def test_researcher_email_is_not_shown_to_staff_either(staff_client, researcher):
    html = page(staff_client, researcher)
    assert "aiko.tanaka@example.ac.jp" not in html


def test_researcher_without_consent_is_not_found_for_anonymous(client):
    private = ResearcherFactory(consent_to_publish=False)
    assert client.get(private.get_absolute_url()).status_code == 404


def test_draft_researcher_is_not_found_for_anonymous(client):
    assert client.get(ResearcherFactory(editorial_state=DRAFT).get_absolute_url()).status_code == 404


def test_researcher_without_consent_shows_staff_a_banner_and_noindex(staff_client):
    html = page(staff_client, ResearcherFactory(consent_to_publish=False))
    assert "Draft: not public." in html
    assert "has not agreed to a public profile" in html
    assert '<meta name="robots" content="noindex">' in html


def test_researcher_page_queries_stay_constant_with_many_related_objects(client, django_assert_max_num_queries):
    researcher = ResearcherFactory(fields=[ResearchFieldFactory() for _ in range(5)])
    ExchangeFactory.create_batch(6, researcher=researcher)
    for _ in range(8):
        ParticipationFactory(researcher=researcher)
    # 1 researcher + affiliation + country, 2 fields, 3 exchanges + hosts + countries,
    # 4 participations in published initiatives + initiatives, 5 the researchers they worked with.
    with django_assert_max_num_queries(10):
        response = client.get(researcher.get_absolute_url())
    # The links: the page's JSON-LD names the initiatives too, by absolute URL.
    assert response.content.decode().count('href="/initiatives/initiative-') == 8


# Partnerships


@pytest.fixture
def partnership():
    tokyo = Locality.objects.get(iso_code="JP-13")  # reference data, loaded by migration
    california = Locality.objects.get(iso_code="US-CA")
    partnership = PartnershipFactory(
        japanese_locality=tokyo,
        foreign_locality=california,
        established=2018,
        focus_areas=[PolicyAreaFactory(slug="disaster-risk-reduction", name="Disaster risk reduction")],
        sources="https://example.org/tokyo-california",
    )
    ActivityFactory(partnership=partnership, title="Wildfire workshop", kind="workshop", participants=45)
    return partnership


def test_partnership_page_links_localities_focus_areas_and_lists_activities(client, partnership):
    tokyo = partnership.japanese_locality
    html = page(client, partnership)
    assert 'href="/partnerships/?prefecture=JP-13"' in html
    assert 'href="/partnerships/?country=US"' in html
    assert 'href="/countries/us/"' in html
    assert 'href="/partnerships/?area=disaster-risk-reduction"' in html
    assert "Wildfire workshop" in html
    assert "Workshop or training" in html
    assert "10 May 2023" in html
    assert ">45<" in html
    assert "2018" in html
    assert "Active" in html
    assert 'href="https://example.org/tokyo-california"' in html
    assert f'<span lang="ja">{tokyo.name_ja}</span>' in html


def test_draft_partnership_is_not_found_for_anonymous_and_shown_to_staff(client):
    draft = PartnershipFactory(editorial_state=DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(UserFactory(is_staff=True))
    html = page(client, draft)
    assert "Draft: not public." in html
    assert '<meta name="robots" content="noindex">' in html


def test_partnership_page_queries_stay_constant_with_many_activities(client, django_assert_max_num_queries):
    partnership = PartnershipFactory(focus_areas=[PolicyAreaFactory() for _ in range(4)])
    ActivityFactory.create_batch(15, partnership=partnership)
    # 1 partnership + both localities + their countries and parents, 2 focus areas, 3 activities.
    with django_assert_max_num_queries(10):
        response = client.get(partnership.get_absolute_url())
    assert response.content.decode().count("Delegation visit") >= 15


def test_staff_pages_stay_within_the_query_budget(staff_client, django_assert_max_num_queries):
    initiative = InitiativeFactory(editorial_state=DRAFT, policy_areas=[PolicyAreaFactory()])
    # The 7 queries of an initiative page, plus the session, the user and the account bar's permissions (the
    # user's own and their groups').
    with django_assert_max_num_queries(11):
        response = staff_client.get(initiative.get_absolute_url())
    assert response.status_code == 200


def test_unknown_slug_is_not_found(client):
    for register in ["initiatives", "researchers", "partnerships"]:
        assert client.get(f"/{register}/no-such-record/").status_code == 404


@pytest.mark.parametrize("path", ["/initiatives/no-such-record/", "/no-such-page/", "/ja/no-such-page/"])
def test_not_found_page_uses_the_site_layout_and_is_not_indexed(client, path):
    """A record that does not exist, and a path no URL matches (no resolver match: the menu must still render)."""
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 404
    assert "· techdiplo</title>" in html
    assert '<meta name="robots" content="noindex">' in html
    assert 'role="search"' in html
    assert '<nav class="site-nav"' in html


def test_server_error_page_renders_without_a_request_context():
    html = render_to_string("500.html")
    assert "Something went wrong" in html
    assert 'href="/"' in html


def test_related_initiatives_follow_edits_at_once(client):
    area = PolicyAreaFactory()
    initiative = InitiativeFactory(policy_areas=[area])
    page(client, initiative)
    newcomer = InitiativeFactory(policy_areas=[area], editorial_state=DRAFT)
    assert newcomer.get_absolute_url() not in page(client, initiative)
    newcomer.editorial_state = EditorialState.PUBLISHED
    newcomer.save()
    assert newcomer.get_absolute_url() in page(client, initiative)
    newcomer.editorial_state = DRAFT
    newcomer.save()
    assert newcomer.get_absolute_url() not in page(client, initiative)


def test_initiative_without_summary_or_description_still_has_a_meta_description(client):
    html = page(client, InitiativeFactory(summary="", description="", kind="summit_or_forum", status="completed"))
    description = "Summit or forum in Japan's science and technology diplomacy (completed)."
    assert f'<meta name="description" content="{description}">' in html


def test_a_related_initiative_unpublished_without_a_signal_disappears_at_once(client):
    area = PolicyAreaFactory()
    initiative = InitiativeFactory(policy_areas=[area])
    other = InitiativeFactory(policy_areas=[area])
    assert other.get_absolute_url() in page(client, initiative)
    Initiative.objects.filter(pk=other.pk).update(editorial_state=DRAFT)  # no signal: the bitmaps' triggers see it
    assert other.get_absolute_url() not in page(client, initiative)
