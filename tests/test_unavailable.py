"""A database that cannot serve a request gives the site's own 503 page with Retry-After, never a 500.

Here the database is read-only (``default_transaction_read_only``, as on a hot standby or during
maintenance): pages still read, while sign-ins and editors' saves answer 503 in the page's language and
change nothing. An unreachable database (the same answer, and the recovery) is tested with a real server
and gunicorn in ``test_embedded_postgres.py``.
"""

import json
from contextlib import contextmanager

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import OperationalError, connection
from django.test import RequestFactory

from accounts.roles import EDITORS
from directory.models import PolicyArea
from editorial.models import EditorialState
from initiatives.models import Initiative
from portal.unavailable import server_error

from . import factories as f

PASSWORD = "a-long-enough-password-1"


@contextmanager
def read_only_database():
    """Every transaction of this connection (the one the test client's requests use) is read-only."""
    with connection.cursor() as cursor:
        cursor.execute("SET default_transaction_read_only = on")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET default_transaction_read_only")


def assert_read_only_page(response, language="en"):
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    expected = "read-only maintenance" if language == "en" else "読み取り専用のメンテナンス中"
    assert expected in html


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_user("editor-ro", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_signing_in_on_a_read_only_database_answers_503_in_the_pages_language(client, editor, japanese_catalogue):
    with read_only_database():
        assert client.get("/initiatives/").status_code == 200  # reading still works
        credentials = {"username": "editor-ro", "password": PASSWORD}
        assert_read_only_page(client.post("/accounts/login/", credentials))
        assert_read_only_page(client.post("/ja/accounts/login/", credentials), language="ja")
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_editors_save_on_a_read_only_database_answers_503_and_changes_nothing(client, editor):
    area = f.PolicyAreaFactory(slug="oceans", name="Oceans")
    draft = f.InitiativeFactory(editorial_state=EditorialState.DRAFT)
    client.force_login(editor)
    with read_only_database():
        change = client.post(f"/admin/directory/policyarea/{area.pk}/change/", {"name": "Seas", "slug": "seas"})
        assert_read_only_page(change)
        action = client.post(
            "/admin/initiatives/initiative/", {"action": "submit_for_review", "_selected_action": [draft.pk]}
        )
        assert_read_only_page(action)
        health = client.get("/healthz")
        assert health.status_code == 200 and health.json() == {"status": "ok", "database": "read-only"}
    assert PolicyArea.objects.get(pk=area.pk).name == "Oceans"
    assert Initiative.objects.get(pk=draft.pk).editorial_state == EditorialState.DRAFT


def handled(exception, path):
    """What ``handler500`` answers while ``exception`` is being handled."""
    request = RequestFactory().get(path)
    try:
        raise exception
    except Exception:
        return server_error(request)


def test_an_error_that_is_not_the_database_stays_a_500_in_the_pages_language(japanese_catalogue):
    english, japanese = handled(ValueError("bug"), "/initiatives/"), handled(ValueError("bug"), "/ja/initiatives/")
    assert english.status_code == japanese.status_code == 500
    assert "Something went wrong" in english.content.decode()
    assert "問題が発生しました" in japanese.content.decode()


def test_a_database_error_raised_outside_a_view_is_a_503_json_answer_under_the_api(japanese_catalogue):
    response = handled(OperationalError("connection refused"), "/api/initiatives/?lang=ja")
    assert response.status_code == 503 and int(response["Retry-After"]) > 0
    answer = json.loads(response.content)
    assert answer["status"] == 503
    assert "データベース" in answer["error"]
