"""The three search pages and /search/: rendering, chips, pagination, sort, robots rules, query counts."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from . import factories as f
from .search_data import build_initiatives, build_partnerships, build_researchers

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_initiatives():
    """25 published initiatives that all match q=ocean and five filters (two pages of 20 + 5)."""
    areas = [f.PolicyAreaFactory(slug="climate-change"), f.PolicyAreaFactory(slug="food-security")]
    countries = [f.country("US"), f.country("KE")]
    framework = f.FrameworkFactory(slug="satreps")
    partner = f.OrganizationFactory()
    for i in range(25):
        f.InitiativeFactory(
            title=f"Ocean observation {i:02d}",
            summary="Ocean data shared with partners.",
            start_date=datetime.date(2000 + i, 1, 1),
            policy_areas=areas,
            countries=countries,
            frameworks=[framework],
            partner_organizations=[partner],
        )


FIVE_FILTERS = "area=climate-change&country=US&country=KE&region=africa&status=active&framework=satreps"


def test_the_three_search_pages_render_their_results_and_facets(client):
    build_initiatives()
    build_researchers()
    build_partnerships()
    for url, facet_legend in [
        ("/initiatives/", "Policy area"),
        ("/researchers/", "English level (CEFR)"),
        ("/partnerships/", "Japanese prefecture"),
    ]:
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert f"<legend>{facet_legend}</legend>" in html
        assert 'class="result"' in html


def test_researcher_email_never_reaches_the_page(client):
    researcher = f.ResearcherFactory(email="secret.person@example.ac.jp", bio="Works on tsunamis.")
    html = client.get("/researchers/?q=tsunamis").content.decode()
    assert researcher.name in html
    assert "secret.person" not in html


def test_chips_list_each_active_filter_with_a_link_that_removes_only_it(client, many_initiatives):
    html = client.get("/initiatives/?q=ocean&status=active&country=US&country=KE&page=2").content.decode()
    assert "Partner country:</span> United States" in html or "Partner country:</span> US" in html
    assert 'href="?q=ocean&amp;status=active&amp;country=KE"' in html  # removes US, keeps the rest, drops page
    assert 'href="?status=active&amp;country=US&amp;country=KE"' in html  # removes the text
    assert 'class="chips__clear" href="/initiatives/"' in html


def test_checked_facet_values_stay_checked(client, many_initiatives):
    html = client.get("/initiatives/?status=active").content.decode()
    assert 'name="status" value="active" form="search-form" data-autosubmit checked' in html


def result_count_text(client, url):
    html = client.get(url).content.decode()
    return re.search(r'id="result-count"[^>]*>(.*?)</h2>', html, re.S).group(1).strip()


def test_one_result_is_counted_in_the_singular(client):
    f.InitiativeFactory()
    f.ResearcherFactory()
    f.PartnershipFactory()
    for register, one in [
        ("initiatives", "initiative"),
        ("researchers", "researcher"),
        ("partnerships", "partnership"),
    ]:
        assert result_count_text(client, f"/{register}/") == f"1 {one}"
    f.InitiativeFactory()
    assert result_count_text(client, "/initiatives/") == "2 initiatives"


def test_show_all_names_the_number_of_values_of_a_long_facet(client):
    iso2s = ["US", "KE", "DE", "FR", "BR", "IN", "GB", "CA", "AU", "TH", "VN", "GH"]
    f.InitiativeFactory(countries=[f.country(iso2) for iso2 in iso2s])
    html = client.get("/initiatives/").content.decode()
    assert "Show all 12<" in html  # 10 shown at once, 2 behind the summary
    assert "Show all 0" not in html


def test_a_long_facet_with_exactly_ten_values_has_no_show_all(client):
    f.InitiativeFactory(
        countries=[f.country(iso2) for iso2 in ["US", "KE", "DE", "FR", "BR", "IN", "GB", "CA", "AU", "TH"]]
    )
    assert "Show all" not in client.get("/initiatives/").content.decode()


def test_pagination_is_numbered_and_past_the_end_is_404(client, many_initiatives):
    first = client.get("/initiatives/")
    assert first.content.decode().count('class="result"') == 20
    assert 'aria-current="page">1</a>' in first.content.decode()
    second = client.get("/initiatives/?page=2")
    assert second.content.decode().count('class="result"') == 5
    assert client.get("/initiatives/?page=3").status_code == 404
    assert client.get("/initiatives/?page=999999").status_code == 404


def test_a_malformed_page_number_shows_the_first_page_with_a_notice(client, many_initiatives):
    for page in ("abc", "-1", "0", "1.5"):
        response = client.get(f"/initiatives/?page={page}")
        assert response.status_code == 200
        assert "this is the first page" in response.content.decode()


def test_sort_orders_results(client, many_initiatives):
    newest = client.get("/initiatives/?sort=newest").content.decode()
    assert newest.index("Ocean observation 24") < newest.index("Ocean observation 23")
    oldest = client.get("/initiatives/?sort=oldest").content.decode()
    assert oldest.index("Ocean observation 00") < oldest.index("Ocean observation 01")
    assert client.get("/initiatives/?sort=bogus").status_code == 200


def test_relevance_is_offered_only_with_a_text_query(client, many_initiatives):
    assert 'value="relevance"' not in client.get("/initiatives/").content.decode()
    assert 'value="relevance" selected' in client.get("/initiatives/?q=ocean").content.decode()


def test_filtered_pages_are_noindex_and_all_point_canonical_to_the_register(client, many_initiatives):
    plain = client.get("/initiatives/").content.decode()
    filtered = client.get("/initiatives/?status=active").content.decode()
    assert 'name="robots" content="noindex"' not in plain
    assert 'name="robots" content="noindex"' in filtered
    assert '<link rel="canonical" href="http://testserver/initiatives/">' in filtered
    assert "<title>Initiatives" in plain


def test_later_pages_of_the_whole_register_are_their_own_canonical_page(client, many_initiatives):
    second = client.get("/initiatives/?page=2").content.decode()
    assert '<link rel="canonical" href="http://testserver/initiatives/?page=2">' in second
    assert 'name="robots" content="noindex"' not in second
    first = client.get("/initiatives/?page=1").content.decode()
    assert '<link rel="canonical" href="http://testserver/initiatives/">' in first
    filtered_second = client.get("/initiatives/?q=ocean&page=2").content.decode()
    assert '<link rel="canonical" href="http://testserver/initiatives/">' in filtered_second
    assert 'name="robots" content="noindex"' in filtered_second


def test_ignored_filters_are_named_in_a_notice(client, many_initiatives):
    html = client.get("/initiatives/?status=bogus&year_from=abc").content.decode()
    assert "not understood" in html and "Status" in html and "Started from" in html


def test_a_reversed_year_range_is_swapped_with_a_notice(client, many_initiatives):
    response = client.get("/initiatives/?year_from=2010&year_to=2005")
    html = response.content.decode()
    assert response.context["page"].paginator.count == 6  # 2005..2010, as if given the right way round
    assert "wrong way round" in html
    assert {r["name"]: r["value"] for r in response.context["ranges"]} == {"year_from": 2005, "year_to": 2010}
    # A chip removes the bound it names: removing "from 2005" keeps "until 2010".
    chips = {chip["label"]: chip["url"] for chip in response.context["chips"]}
    assert chips["2005"] == "?year_to=2010" and chips["2010"] == "?year_from=2005"
    assert "wrong way round" not in client.get("/initiatives/?year_from=2005&year_to=2010").content.decode()


def test_a_reversed_since_range_on_partnerships_is_swapped_with_a_notice(client):
    build_partnerships()
    response = client.get("/partnerships/?since_from=2000&since_to=1980")
    assert response.context["page"].paginator.count == 1  # the partnership established in 1990
    assert "wrong way round" in response.content.decode()


def query_count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("empty", "busy", "lines"),
    [
        ("/initiatives/", f"/initiatives/?q=ocean&{FIVE_FILTERS}&year_from=2000", 0),
        (
            "/researchers/",
            "/researchers/?q=aiko&stage=early_career&english=B2&sector=academia&country=JP&exchange=no",
            0,
        ),
        (
            "/partnerships/",
            "/partnerships/?q=town&country=US&region=americas&kind=sister_city&status=active&since_from=1900",
            2,
        ),
    ],
)
def test_a_search_with_text_and_five_filters_costs_the_queries_of_an_empty_one(
    client, many_initiatives, django_assert_max_num_queries, empty, busy, lines
):
    for _ in range(25):
        f.ResearcherFactory()
        f.PartnershipFactory()
    # Queries (nothing is cached): 1 facet choices of the table-backed facets (one UNION), 1 facet counts and
    #   total from the bitmaps, 1 page of ids, 1 page of rows (with select_related), 1-2 prefetches of what a
    #   row shows, and with a text query 1 for the highlighted snippets of the page's rows; the partnerships'
    #   lines map 2 (the pairs of localities, grouped, and those localities).
    with django_assert_max_num_queries(7 + lines):
        response = client.get(busy)
    assert response.content.decode().count('class="result"') == 20
    assert query_count(client, busy) == query_count(client, empty) + 1  # the snippets
    with django_assert_max_num_queries(6 + lines):
        client.get(empty)


def test_site_search_counts_each_register_and_links_to_its_full_search(client):
    f.InitiativeFactory(title="Tsunami warning network")
    f.ResearcherFactory(bio="Tsunami modelling.", family_name="Kato")
    html = client.get("/search/?q=tsunami").content.decode()
    assert "Tsunami warning network" in html and "Kato" in html
    assert 'href="/initiatives/?q=tsunami"' in html
    assert 'href="/partnerships/?q=tsunami"' not in html  # no partnership matches: no link to an empty search
    assert "No partnerships match" in html
    assert client.get("/search/").status_code == 200


def test_site_search_counts_from_the_bitmaps_without_a_count_query(client, django_assert_max_num_queries):
    for i in range(7):
        f.InitiativeFactory(title=f"Tsunami study {i}")
    f.InitiativeFactory(title="Tsunami draft", editorial_state="draft")
    # Per register (3): the total from the facet bitmaps (without the facets' counts, which the page does not
    # show, so without their labels either), the top hits' ids; where there are hits, their rows, up to 2
    # prefetches of what a row shows and their snippets. No COUNT(*).
    with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(3 * 2 + 4):
        html = client.get("/search/?q=tsunami").content.decode()
    assert not [q["sql"] for q in queries.captured_queries if "COUNT(*)" in q["sql"].upper()]
    assert not [q["sql"] for q in queries.captured_queries if "'f', b.facet" in q["sql"]]  # no facet counted
    assert "All 7 initiatives matching" in html  # the draft is not counted
    assert html.count('class="result"') == 5
