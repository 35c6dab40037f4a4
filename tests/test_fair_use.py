"""Fair use: visitors who are not signed in are limited per address and minute on the API, downloads, feeds and
search pages, with 429, ``Retry-After`` and a message in their language; signed-in staff never are.

The suite runs with the limits off (tests/settings.py); here they are switched back on, small. Counting across
two app servers (two gunicorn processes) is in ``test_fair_use_servers.py``, heavy slots in
``test_fair_use_slots.py``.
"""

import time

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import ResolverMatch

from fairuse import counters
from fairuse.clients import client_key
from fairuse.middleware import kind_of
from tests.factories import InitiativeFactory, UserFactory

from .test_unavailable import read_only_database

pytestmark = pytest.mark.django_db

LIMITS = {"api": 3, "downloads": 2, "feeds": 2, "search": 3}
limited = override_settings(RATE_LIMITS=LIMITS)
MARGIN_SECONDS = 5  # longer than any test here takes
WINDOW = counters.WINDOW_SECONDS


def wait_for_a_fresh_window():
    """Counts restart each minute of the database's clock: a test that began in a minute's last seconds could
    see its count restart half-way, so it starts in the next minute instead."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s - extract(epoch FROM clock_timestamp())::numeric %% %s", [WINDOW, WINDOW])
        left = float(cursor.fetchone()[0])
    if left < MARGIN_SECONDS:
        time.sleep(left + 0.1)


@pytest.fixture(autouse=True)
def _fresh_window(db):
    wait_for_a_fresh_window()


def statuses(client, url, times, **extra):
    return [client.get(url, **extra).status_code for _ in range(times)]


@limited
def test_an_api_client_over_its_limit_gets_a_json_429_with_retry_after_and_the_limit_headers(client):
    answers = [client.get("/api/v1/initiatives/") for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert [a["RateLimit-Remaining"] for a in answers] == ["2", "1", "0"]
    assert {a["RateLimit-Limit"] for a in answers} == {"3"}

    refused = client.get("/api/v1/initiatives/")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= counters.WINDOW_SECONDS
    assert refused["Retry-After"] == refused["RateLimit-Reset"]
    assert refused["Content-Type"] == "application/json"
    answer = refused.json()
    assert answer["status"] == 429
    assert "3 API requests a minute" in answer["error"]
    assert f"wait {refused['Retry-After']} seconds" in answer["error"]
    assert "no-cache" in refused["Cache-Control"]
    assert client.get("/api/initiatives/").status_code == 429  # the old URLs are the same API


@limited
def test_the_apis_429_speaks_japanese_with_lang_ja(client, japanese_catalogue):
    statuses(client, "/api/v1/initiatives/?lang=ja", 3)
    refused = client.get("/api/v1/initiatives/?lang=ja")
    assert refused.status_code == 429
    assert "API リクエスト" in refused.json()["error"] and "秒" in refused.json()["error"]


@limited
def test_a_search_page_over_its_limit_is_the_sites_429_page_in_the_pages_language(client, japanese_catalogue):
    assert statuses(client, "/initiatives/", 3) == [200, 200, 200]
    english = client.get("/initiatives/?q=climate")
    assert english.status_code == 429 and int(english["Retry-After"]) >= 1
    html = english.content.decode()
    assert '<html lang="en">' in html and "Too many requests" in html and "3 searches a minute" in html

    japanese = client.get("/ja/initiatives/")  # the same register's search page in Japanese: the same count
    assert japanese.status_code == 429
    html = japanese.content.decode()
    assert '<html lang="ja">' in html and "リクエストが多すぎます" in html and "検索" in html


@limited
def test_every_registers_search_page_and_the_one_search_box_share_the_search_limit(client):
    assert statuses(client, "/researchers/", 1) + statuses(client, "/partnerships/", 1) == [200, 200]
    assert client.get("/search/?q=energy").status_code == 200
    assert client.get("/search/?q=energy").status_code == 429


@limited
def test_downloads_are_counted_even_when_an_anonymous_visitor_is_sent_to_sign_in(client):
    assert statuses(client, "/initiatives/export.xlsx", 2) == [302, 302]
    refused = client.get("/initiatives/export.csv")
    assert refused.status_code == 429 and "2 downloads a minute" in refused.content.decode()


@limited
def test_each_kind_is_counted_apart(client):
    statuses(client, "/initiatives/", 3)
    assert client.get("/initiatives/").status_code == 429
    assert client.get("/api/v1/initiatives/").status_code == 200
    assert client.get("/initiatives/export.csv").status_code == 200  # a public download, counted apart


@limited
def test_detail_pages_the_home_page_and_static_files_are_not_counted(client):
    initiative = InitiativeFactory()
    for _ in range(5):
        assert client.get(initiative.get_absolute_url()).status_code == 200
        assert client.get("/").status_code == 200
    page = client.get(initiative.get_absolute_url())
    assert "RateLimit-Limit" not in page


@limited
def test_another_address_has_its_own_count(client):
    statuses(client, "/initiatives/", 3)
    assert client.get("/initiatives/").status_code == 429
    assert Client(REMOTE_ADDR="203.0.113.9").get("/initiatives/").status_code == 200


@limited
@pytest.mark.parametrize("group", ["Editors", "Analysts"])
def test_signed_in_editors_and_analysts_are_not_limited(client, group):
    client.force_login(UserFactory(groups=[group]))
    for url in ("/initiatives/", "/api/v1/initiatives/", "/search/?q=x"):
        answers = [client.get(url) for _ in range(LIMITS["api"] + 3)]
        assert {a.status_code for a in answers} == {200}, url
        assert "RateLimit-Limit" not in answers[-1]


@limited
@override_settings(BEHIND_PROXY=True)
def test_behind_the_proxy_each_forwarded_address_is_a_client_and_forged_entries_change_nothing(client):
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    visitor = Client(HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy)
    assert statuses(visitor, "/initiatives/", 3) == [200, 200, 200]
    forger = Client(HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.5", **proxy)  # the proxy appended the real one
    assert forger.get("/initiatives/").status_code == 429
    other = Client(HTTP_X_FORWARDED_FOR="203.0.113.6", **proxy)  # another visitor behind the same proxy
    assert other.get("/initiatives/").status_code == 200


@pytest.mark.parametrize(
    ("meta", "key"),
    [
        ({"REMOTE_ADDR": "2001:db8:1:2:aaaa::1"}, "2001:db8:1:2::/64"),
        ({"REMOTE_ADDR": "2001:db8:1:2:bbbb::9"}, "2001:db8:1:2::/64"),
        ({"REMOTE_ADDR": "::ffff:192.0.2.7"}, "192.0.2.7"),
        ({"REMOTE_ADDR": "192.0.2.7"}, "192.0.2.7"),
    ],
)
def test_an_ipv6_client_is_its_64_network(rf, meta, key):
    assert client_key(rf.get("/", **meta)) == key


@limited
def test_a_window_that_has_ended_is_purged(client):
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO fairuse_counter VALUES ('search', '192.0.2.1', now() - interval '1 minute', 99),"
            " ('search', '192.0.2.2', now() + interval '1 minute', 1)"
        )
    counters.purges.next = 0  # as if this process had not purged for a minute
    client.get("/initiatives/")
    with connection.cursor() as cursor:
        cursor.execute("SELECT client FROM fairuse_counter ORDER BY client")
        assert [row[0] for row in cursor.fetchall()] == ["127.0.0.1", "192.0.2.2"]


@limited
def test_counting_adds_one_query_to_an_anonymous_search(client, django_assert_num_queries):
    InitiativeFactory()
    url = "/api/v1/initiatives/"
    with override_settings(RATE_LIMITS=dict.fromkeys(LIMITS, 0)), CaptureQueriesContext(connection) as unlimited:
        client.get(url)
    baseline = len(unlimited.captured_queries)
    counters.purges.due()  # the purge has run this minute in this process
    # The search's own queries, and one INSERT … ON CONFLICT into fairuse_counter.
    with django_assert_num_queries(baseline + 1) as counted:
        client.get(url)
    assert counted.captured_queries[0]["sql"].lstrip().startswith("INSERT INTO fairuse_counter")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@limited
def test_on_a_read_only_database_the_limiter_counts_nothing_and_pages_are_served(client):
    with read_only_database():
        assert statuses(client, "/initiatives/", LIMITS["search"] + 2) == [200] * (LIMITS["search"] + 2)
        assert client.get("/api/v1/initiatives/").status_code == 200


@limited
@override_settings(HEAVY_REQUEST_SLOTS=2)
def test_the_api_page_states_the_limits_in_force(client):
    html = client.get("/api/").content.decode()
    assert '<h2 id="fair-use">' in html
    assert "API requests (everything under /api/): 3" in html and "search pages: 3" in html
    assert "prepared 2 at a time" in html


@override_settings(RATE_LIMITS={**LIMITS, "search": 1})
def test_a_limit_of_one_is_said_in_the_singular(client):
    client.get("/initiatives/")
    assert "may make 1 search a minute" in client.get("/initiatives/").content.decode()


@pytest.mark.parametrize(
    ("path", "namespaces", "url_name", "kind"),
    [
        ("/initiatives/feed.atom", ["initiatives"], "feed", "feeds"),
        ("/ja/search/feed.atom", [], "search_feed", "feeds"),
        ("/data/2026-12-01/initiatives.csv", [], "release_file", "downloads"),
        ("/ja/data/", [], "releases", "downloads"),
        ("/researchers/export.json", ["researchers"], "export", "downloads"),
        ("/partnerships/", ["partnerships"], "list", "search"),
        ("/search/", [], "search", "search"),
        ("/api/v1/openapi.json", ["api"], "openapi", "api"),
        ("/initiatives/some-slug/", ["initiatives"], "detail", None),
        ("/", [], "home", None),
        ("/reports/", ["reports"], "index", None),
    ],
)
def test_what_kind_of_request_a_resolved_url_is(rf, path, namespaces, url_name, kind):
    """By URL name and namespace (feeds: a register's ``feed``, the search box's ``search_feed``) or, for the
    data releases, by path."""
    request = rf.get(path)
    request.resolver_match = ResolverMatch(
        lambda request: None, (), {}, url_name=url_name, app_names=namespaces, namespaces=namespaces
    )
    assert kind_of(request) == kind
