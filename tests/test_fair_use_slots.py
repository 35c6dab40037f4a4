"""Heavy requests (exports) are bounded: at most ``HEAVY_REQUEST_SLOTS`` at once across every app server and
``HEAVY_REQUESTS_PER_PROCESS`` in one process, for everyone; the next one gets 503 with ``Retry-After`` at once
instead of a thread, and a slot comes free when its response has been sent or abandoned.

Another app server holding a slot is played by a psycopg connection of this test's own (a slot is an advisory
lock, held by a database session). The suite runs with slots off (tests/settings.py); here they are on.
"""

import psycopg
import pytest
from django.core.signals import request_finished
from django.db import close_old_connections, connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from fairuse import slots
from fairuse.answers import BUSY_RETRY_AFTER_SECONDS
from tests.factories import InitiativeFactory, UserFactory

from .site_process import database_url_of_tests

pytestmark = pytest.mark.django_db

EXPORT = "/initiatives/export.csv"
HELD_SLOTS = """
SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid::int = hashtext(%s) AND pid = pg_backend_pid()
"""


@pytest.fixture
def analyst(client):
    client.force_login(UserFactory(groups=["Analysts"]))
    return client


@pytest.fixture
def other_server():
    """A database session of its own, as another app server's: ``take(n)`` holds slot ``n`` until the end."""
    with psycopg.connect(database_url_of_tests(), autocommit=True) as session:

        def take(number):
            query = "SELECT pg_try_advisory_lock(hashtext('techdiplo heavy request'), %s)"
            assert session.execute(query, [number]).fetchone()[0]

        yield take


def held_slots():
    """Slots this test's own session (the one its requests use) holds."""
    with connection.cursor() as cursor:
        cursor.execute(HELD_SLOTS, ["techdiplo heavy request"])
        return cursor.fetchone()[0]


def read(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@override_settings(HEAVY_REQUEST_SLOTS=2, HEAVY_REQUESTS_PER_PROCESS=10)
def test_when_every_slot_is_taken_elsewhere_an_export_is_a_503_with_retry_after(analyst, other_server):
    InitiativeFactory()
    other_server(1)
    other_server(2)
    busy = analyst.get(EXPORT)
    assert busy.status_code == 503
    assert int(busy["Retry-After"]) == BUSY_RETRY_AFTER_SECONDS
    assert "Other large downloads are being prepared" in busy.content.decode()
    assert analyst.get("/initiatives/").status_code == 200  # pages are not heavy


@override_settings(HEAVY_REQUEST_SLOTS=2, HEAVY_REQUESTS_PER_PROCESS=10)
def test_a_slot_free_elsewhere_serves_the_export_and_is_released_once_it_is_sent(analyst, other_server):
    InitiativeFactory(title="Ocean observation")
    other_server(1)
    response = analyst.get(EXPORT)
    assert response.status_code == 200
    assert held_slots() == 1  # this session's slot 2, while the file is being sent
    assert "Ocean observation" in read(response).decode()
    assert held_slots() == 0


@override_settings(HEAVY_REQUEST_SLOTS=1, HEAVY_REQUESTS_PER_PROCESS=10)
def test_the_busy_answer_is_in_the_pages_language(analyst, other_server, japanese_catalogue):
    other_server(1)
    busy = analyst.get("/ja/initiatives/export.csv")
    assert busy.status_code == 503
    html = busy.content.decode()
    assert '<html lang="ja">' in html and "ほかの大きなダウンロード" in html


@override_settings(HEAVY_REQUEST_SLOTS=5, HEAVY_REQUESTS_PER_PROCESS=1)
def test_one_process_runs_no_more_heavy_requests_than_its_bound(analyst):
    first = analyst.get(EXPORT)  # being sent: not read yet
    assert first.status_code == 200
    assert analyst.get("/researchers/export.csv").status_code == 503
    read(first)
    second = analyst.get("/researchers/export.csv")
    assert second.status_code == 200
    read(second)


@override_settings(HEAVY_REQUEST_SLOTS=1, HEAVY_REQUESTS_PER_PROCESS=1)
def test_a_download_abandoned_before_its_first_byte_gives_its_slot_back(analyst):
    abandoned = analyst.get(EXPORT)
    assert abandoned.status_code == 200 and held_slots() == 1
    # What the WSGI server does when the client goes away (as the test client closes a response: without dropping
    # the test's connection, which request_finished would close).
    request_finished.disconnect(close_old_connections)
    try:
        abandoned.close()
    finally:
        request_finished.connect(close_old_connections)
    assert held_slots() == 0
    again = analyst.get(EXPORT)
    assert again.status_code == 200
    read(again)


@override_settings(HEAVY_REQUEST_SLOTS=1, HEAVY_REQUESTS_PER_PROCESS=1)
@pytest.mark.parametrize("url", ["/initiatives/export.xlsx", "/initiatives/export.pdf"])
def test_an_xlsx_or_an_error_answer_gives_its_slot_back(analyst, url):
    answer = analyst.get(url)
    assert answer.status_code in (200, 404)
    read(answer)
    assert held_slots() == 0
    again = analyst.get(EXPORT)
    assert again.status_code == 200
    read(again)


@override_settings(HEAVY_REQUEST_SLOTS=1, HEAVY_REQUESTS_PER_PROCESS=1)
def test_anonymous_visitors_exports_take_a_slot_too(client, other_server):
    other_server(1)
    assert client.get(EXPORT).status_code == 503


@override_settings(HEAVY_REQUEST_SLOTS=3)
def test_taking_a_slot_locks_exactly_one(db):
    taken = slots.acquire()
    try:
        assert taken.number == 1 and held_slots() == 1
    finally:
        slots.release(taken)
    assert held_slots() == 0


def test_a_slot_adds_two_queries_to_an_export(analyst):
    InitiativeFactory()
    with override_settings(HEAVY_REQUEST_SLOTS=0), CaptureQueriesContext(connection) as unbounded:
        read(analyst.get(EXPORT))
    with override_settings(HEAVY_REQUEST_SLOTS=2), CaptureQueriesContext(connection) as bounded:
        read(analyst.get(EXPORT))
    # The export's own queries, and pg_try_advisory_lock (taking the slot) and pg_advisory_unlock (giving it back).
    assert len(bounded.captured_queries) == len(unbounded.captured_queries) + 2
    taking = [q["sql"] for q in bounded.captured_queries if "pg_try_advisory_lock" in q["sql"]]
    assert len(taking) == 1
    assert "pg_advisory_unlock" in bounded.captured_queries[-1]["sql"]
