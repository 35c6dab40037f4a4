"""Fair use holds across app servers: two gunicorn processes on the same database share one count per client
and the same heavy-request slots (tests/fair_use_server_settings.py: 4 requests a minute, one slot)."""

import psycopg
import pytest

from .site_process import SiteProcess, database_url_of_tests
from .test_fair_use import wait_for_a_fresh_window

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(scope="module")
def servers(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        url = database_url_of_tests()
    started = []
    try:
        for _ in range(2):
            started.append(SiteProcess(url, settings_module="tests.fair_use_server_settings"))
        yield started
    finally:
        for server in started:
            server.stop()


def test_two_app_servers_count_one_clients_requests_together(servers):
    wait_for_a_fresh_window()
    first, second = servers
    answers = [server.get("/api/v1/researchers/").status for server in (first, second, first, second)]
    assert answers == [200, 200, 200, 200]
    for server in servers:
        refused = server.get("/api/v1/researchers/")
        assert refused.status == 429 and int(refused.headers["Retry-After"]) >= 1


def test_a_slot_held_by_one_server_is_busy_for_the_other(servers):
    with psycopg.connect(database_url_of_tests(), autocommit=True) as elsewhere:
        elsewhere.execute("SELECT pg_advisory_lock(hashtext('techdiplo heavy request'), 1)")
        busy = servers[0].get("/partnerships/export.csv")
        assert busy.status == 503 and int(busy.headers["Retry-After"]) >= 1
    # That session has ended, and its lock with it: the export starts (and sends an anonymous visitor to sign in).
    assert servers[1].get("/partnerships/export.csv").status in (200, 302)
