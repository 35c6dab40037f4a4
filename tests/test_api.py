"""The JSON API: the page's search as JSON, with exactly the facets of docs/architecture.md and nothing private."""

import json

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from search import Search, registry

from . import facet_oracle
from . import factories as f
from .search_data import build_initiatives, build_partnerships, build_researchers

pytestmark = pytest.mark.django_db

DESIGN_FACETS = {
    "initiatives": {"area", "country", "region", "kind", "status", "sector", "framework"},
    "researchers": {"field", "country", "stage", "english", "sector", "org", "exchange"},
    "partnerships": {"prefecture", "country", "region", "kind", "area", "status"},
}


@pytest.fixture
def data():
    build_initiatives()
    build_researchers()
    build_partnerships()


@pytest.mark.parametrize("register", sorted(DESIGN_FACETS))
def test_answer_has_the_documented_shape_and_exactly_the_design_facets(client, data, register):
    response = client.get(f"/api/{register}/")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    answer = response.json()
    assert set(answer) == {"count", "page", "num_pages", "results", "facets", "years"}
    assert set(answer["facets"]) == DESIGN_FACETS[register]
    assert answer["page"] == 1 and answer["count"] == len(answer["results"])
    for values in answer["facets"].values():
        for value in values:
            assert set(value) == {"value", "label", "count", "selected"}
            assert value["count"] > 0
    for result in answer["results"]:
        assert result["slug"] and result["url"].startswith("http://testserver/")
        assert client.get(result["url"]).status_code == 200


def test_counts_are_the_pages_counts(client, data):
    params = "status=active&status=completed&area=cybersecurity&year_from=2011"
    answer = client.get(f"/api/initiatives/?{params}").json()
    html = client.get(f"/initiatives/?{params}").content.decode()
    assert f"{answer['count']} initiatives" in html
    for facet, values in answer["facets"].items():
        for value in values:
            expected = f'<span class="facet__count">{value["count"]}<span'
            assert f'name="{facet}" value="{value["value"]}"' in html
            assert expected in html
    status = {v["value"]: v for v in answer["facets"]["status"]}
    assert status["active"]["selected"] and status["completed"]["selected"]


@pytest.mark.parametrize(
    "register, params",
    [
        ("initiatives", "status=active&year_from=2012&year_to=2015"),
        ("initiatives", "q=initiative&country=US"),
        ("partnerships", "country=US"),
        ("researchers", "stage=senior"),
    ],
)
def test_years_are_the_timelines_numbers_counted_without_the_range(client, data, register, params):
    search = Search(registry[register], QueryDict(params))
    expected = facet_oracle.year_counts(search)
    field = registry[register].year_fields()[0] if expected else None
    answer = client.get(f"/api/{register}/?{params}").json()
    assert answer["years"] == [{"year": y, "count": n} for y, n in sorted(expected.get(field, {}).items())]
    assert all(entry["count"] > 0 for entry in answer["years"])
    assert bool(answer["years"]) == (register != "researchers")


def test_no_email_no_consent_data_and_no_private_researchers(client):
    f.ResearcherFactory(family_name="Open", email="open@example.ac.jp")
    f.ResearcherFactory(family_name="Draft", editorial_state="draft")
    f.ResearcherFactory(family_name="Unconsented", consent_to_publish=False)
    response = client.get("/api/researchers/")
    body = response.content.decode()
    assert "@example" not in body and "email" not in body and "consent" not in body
    names = [r["family_name"] for r in response.json()["results"]]
    assert names == ["Open"]
    assert response.json()["count"] == 1


def test_drafts_are_not_in_results_or_counts(client, data):
    answer = client.get("/api/initiatives/?q=draft").json()
    assert answer["count"] == 0
    assert all(not r["title"].startswith("Draft") for r in client.get("/api/initiatives/").json()["results"])
    partnerships = client.get("/api/partnerships/").json()
    assert partnerships["count"] == 3


def test_a_page_past_the_end_is_a_json_404(client, data):
    response = client.get("/api/initiatives/?page=99")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "error" in json.loads(response.content)


def test_bad_values_are_ignored(client, data):
    everything = client.get("/api/initiatives/").json()["count"]
    assert client.get("/api/initiatives/?status=nope&year_to=soon&sort=random&area=").json()["count"] == everything


def test_a_reversed_range_is_read_the_right_way_round(client, data):
    assert client.get("/api/initiatives/?year_from=2015&year_to=2012").json()["count"] == 4  # 2012..2015
    assert client.get("/api/initiatives/?year_from=2012&year_to=2015").json()["count"] == 4
    assert client.get("/api/partnerships/?since_from=2000&since_to=1980").json()["count"] == 1  # 1990


BUSY_INITIATIVES = (
    "q=number&area=cybersecurity&area=climate-change&status=active&status=planned&kind=policy_dialogue"
    "&kind=research_collaboration&sector=government&sector=academia&year_from=2000"
)
BUSY_RESEARCHERS = (
    "q=Surname1&field=seismology&field=hydrology&stage=senior&stage=early_career&english=B1&english=B2"
    "&sector=government&sector=academia&country=JP&exchange=yes"
)
BUSY_PARTNERSHIPS = (
    "q=Hachioji&prefecture=JP-13&country=US&region=americas&kind=sister_city&status=active"
    "&since_from=1900&since_to=2020"
)


@pytest.mark.parametrize(
    ("register", "busy"),
    [("initiatives", BUSY_INITIATIVES), ("researchers", BUSY_RESEARCHERS), ("partnerships", BUSY_PARTNERSHIPS)],
)
def test_api_query_count_is_constant(client, data, django_assert_max_num_queries, register, busy):
    # Queries (nothing is cached): 1 facet choices of the table-backed facets (one UNION), 1 facet counts and
    # total from the bitmaps, 1 page of ids, 1 page of rows (with select_related), the row's prefetches
    # (initiatives: policy areas, countries; researchers: fields; partnerships: focus areas), and 1 for
    # Last-Modified (the registers' newest change, one UNION of index maxima). At most 7, whatever the number of
    # filters; a text query costs none more (an answer holds no highlighted snippet: none is computed).
    with django_assert_max_num_queries(7), CaptureQueriesContext(connection) as busy_queries:
        assert client.get(f"/api/{register}/?{busy}").json()["count"] > 0  # an empty page would skip the prefetches
    with django_assert_max_num_queries(7), CaptureQueriesContext(connection) as empty_queries:
        client.get(f"/api/{register}/")
    assert len(busy_queries) == len(empty_queries)
    assert not any("ts_headline" in query["sql"] for query in busy_queries.captured_queries)


def test_the_api_page_documents_endpoints_parameters_and_examples(client):
    html = client.get("/api/").content.decode()
    for text in ("/api/initiatives/", "/api/researchers/", "/api/partnerships/", "num_pages", "curl", "prefecture"):
        assert text in html


def test_the_api_page_names_each_slug_with_the_right_article(client):
    html = client.get("/api/").content.decode()
    assert "the slug of an organization" in html and "the slug of a policy area" in html
    assert "of a organization" not in html
