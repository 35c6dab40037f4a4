"""The worker's garbage collector leaves the objects that live as long as the process alone (``portal.process``)."""

import gc

import pytest

from portal import process


@pytest.fixture
def unfrozen(monkeypatch):
    """A process as it starts: nothing frozen yet, the first request still to come."""
    gc.unfreeze()
    monkeypatch.setattr(process, "_frozen", False)
    yield
    gc.unfreeze()


@pytest.mark.django_db
def test_the_first_request_freezes_what_is_alive_and_later_ones_do_not(client, unfrozen):
    assert gc.get_freeze_count() == 0
    assert client.get("/robots.txt").status_code == 200
    frozen = gc.get_freeze_count()
    assert frozen > 1000  # modules, URL resolvers, templates: everything alive after the first request

    gc.unfreeze()  # a second freeze would move these back out of the collector's reach
    assert client.get("/robots.txt").status_code == 200
    assert gc.get_freeze_count() == 0
