"""The home page: headline figures, latest initiatives, ways in by policy area and region. Published data only."""

import datetime
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from initiatives.models import Initiative
from techdiplo.editorial import EditorialState

from .factories import (
    InitiativeFactory,
    LocalityFactory,
    PartnershipFactory,
    PolicyAreaFactory,
    ResearcherFactory,
    country,
)

pytestmark = pytest.mark.django_db

DRAFT = EditorialState.DRAFT


def home(client):
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def figure(html, label):
    """The number shown beside a headline figure's label."""
    match = re.search(rf'figure__count">([\d,]+)</span> <span class="figure__label">{label}<', html)
    assert match, f"no figure {label!r}"
    return int(match.group(1).replace(",", ""))


def test_headline_figures_count_published_records_only(client):
    InitiativeFactory.create_batch(3, countries=[country("US")])
    InitiativeFactory(editorial_state=DRAFT, countries=[country("FR")])
    ResearcherFactory.create_batch(2)
    ResearcherFactory(consent_to_publish=False)
    ResearcherFactory(editorial_state=DRAFT)
    PartnershipFactory(foreign_locality=LocalityFactory(country=country("KE")))
    PartnershipFactory(editorial_state=DRAFT, foreign_locality=LocalityFactory(country=country("DE")))
    html = home(client)
    assert figure(html, "Initiatives") == 3
    assert figure(html, "Researchers") == 2
    assert figure(html, "Partnerships") == 1
    assert figure(html, "Partner countries") == 2  # US and KE; FR and DE only in drafts


def test_latest_initiatives_are_the_six_most_recently_started_published_ones(client):
    for year in range(2010, 2018):
        InitiativeFactory(title=f"Started {year}", start_date=datetime.date(year, 1, 1))
    InitiativeFactory(title="Draft from the future", start_date=datetime.date(2030, 1, 1), editorial_state=DRAFT)
    html = home(client)
    shown = re.findall(r"Started (\d{4})", html)
    assert shown == [str(year) for year in range(2017, 2011, -1)]
    assert "Draft from the future" not in html


def test_policy_areas_link_to_the_search_with_published_counts(client):
    area = PolicyAreaFactory(slug="food-security", name="Food security")
    InitiativeFactory.create_batch(2, policy_areas=[area])
    InitiativeFactory(policy_areas=[area], editorial_state=DRAFT)
    draft_only = PolicyAreaFactory(slug="draft-only-area", name="Draft only area")
    InitiativeFactory(policy_areas=[draft_only], editorial_state=DRAFT)
    html = home(client)
    assert re.search(r'href="/initiatives/\?area=food-security">Food security</a> <span class="count">2<', html)
    assert "draft-only-area" not in html


def test_regions_link_to_the_search_with_published_counts(client):
    InitiativeFactory(countries=[country("KE"), country("NG")])
    InitiativeFactory(countries=[country("KE")])
    InitiativeFactory(countries=[country("DE")], editorial_state=DRAFT)
    html = home(client)
    assert re.search(r'href="/initiatives/\?region=africa">Africa</a> <span class="count">2<', html)
    assert "region=europe" not in html


def test_home_page_has_a_search_box_title_and_description(client):
    html = home(client)
    assert 'role="search"' in html
    assert 'action="/search/"' in html
    assert 'name="q"' in html
    assert (
        "<title>Japan's science and technology diplomacy: initiatives, researchers, partnerships · techdiplo</title>"
        in html
    )
    assert '<meta name="description" content="A public register' in html


def test_home_page_queries_stay_constant(client, django_assert_max_num_queries):
    areas = PolicyAreaFactory.create_batch(5)
    for area in areas:
        InitiativeFactory.create_batch(3, policy_areas=[area], countries=[country("US"), country("KE")])
    ResearcherFactory.create_batch(5)
    PartnershipFactory.create_batch(5)
    # 1 the initiatives' facet choices, 2 their facet counts and total (areas, regions, the figure), 3 the other
    # registers' totals and every partner country (bitmaps), 4 the latest initiatives with their leads.
    with django_assert_max_num_queries(4):
        response = client.get("/")
    assert response.status_code == 200


def test_home_page_follows_an_unpublication_at_once(client):
    initiative = InitiativeFactory(title="Visible for now", policy_areas=[PolicyAreaFactory(slug="oceans")])
    html = home(client)
    assert "Visible for now" in html and figure(html, "Initiatives") == 1 and "area=oceans" in html
    initiative.editorial_state = DRAFT
    initiative.save()
    html = home(client)
    assert "Visible for now" not in html
    assert figure(html, "Initiatives") == 0
    assert "area=oceans" not in html


def test_an_update_without_a_signal_reaches_the_home_page_at_once(client):
    initiative = InitiativeFactory(title="Soon a draft", countries=[country("KE")])
    html = home(client)
    assert "Soon a draft" in html and figure(html, "Partner countries") == 1
    Initiative.objects.filter(pk=initiative.pk).update(editorial_state=DRAFT)
    html = home(client)
    assert "Soon a draft" not in html and figure(html, "Partner countries") == 0


def test_every_page_names_an_icon_that_exists(client):
    # Without one, every page view costs a browser a request for /favicon.ico that ends in a 404.
    html = client.get("/").content.decode()
    href = re.search(r'<link rel="icon" href="([^"]+)"', html).group(1)
    assert finders.find(href.removeprefix(settings.STATIC_URL))
