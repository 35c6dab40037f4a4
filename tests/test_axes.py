"""Password guessing on the admin login: five failures lock the account out, for a cool-off only.

tests/settings.py switches django-axes off; these tests switch it back on and go
through the real admin login form.
"""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import F
from django.test import Client, override_settings

PASSWORD = "correct horse battery staple"
LOGIN_URL = "/admin/login/?next=/admin/"

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("axes_on")]


@pytest.fixture
def axes_on():
    with override_settings(AXES_ENABLED=True):
        yield


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_user("editor", password=PASSWORD, is_staff=True)


def sign_in(client, password):
    return client.post(LOGIN_URL, {"username": "editor", "password": password})


def is_signed_in(client):
    return "_auth_user_id" in client.session


def fail(client, times):
    for _ in range(times):
        sign_in(client, "wrong password")
        assert not is_signed_in(client)


def test_the_configured_limit_is_five_failures_with_a_cool_off():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60


def test_four_failures_still_let_the_right_password_in(client, editor):
    fail(client, 4)

    response = sign_in(client, PASSWORD)

    assert response.status_code == 302
    assert is_signed_in(client)


def test_after_five_failures_even_the_right_password_is_refused(client, editor):
    fail(client, 5)

    response = sign_in(client, PASSWORD)

    assert response.status_code in (403, 429)
    assert not is_signed_in(client)


def test_after_the_cool_off_the_right_password_works_again(client, editor):
    fail(client, 5)
    assert sign_in(client, PASSWORD).status_code in (403, 429)
    # Let the configured cool-off pass: move every recorded failure back beyond it.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME - timedelta(minutes=1))

    response = sign_in(client, PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert is_signed_in(client)


def test_attempts_during_a_lockout_do_not_extend_it(client, editor):
    fail(client, 5)
    locked_at = AccessAttempt.objects.get().attempt_time
    for password in ["wrong again", PASSWORD, "still wrong"]:
        assert sign_in(client, password).status_code in (403, 429)
    assert AccessAttempt.objects.get().attempt_time == locked_at  # the cool-off still counts from the lock-out
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME - timedelta(seconds=1))
    assert sign_in(client, PASSWORD).status_code == 302


@override_settings(AXES_CLIENT_IP_CALLABLE="accounts.proxy.client_ip")
def test_behind_a_proxy_a_lockout_holds_the_guessing_client_not_everyone(editor):
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    guesser = Client(HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.5", **proxy)
    for _ in range(5):
        guesser.post(LOGIN_URL, {"username": "editor", "password": "wrong password"})
    assert guesser.post(LOGIN_URL, {"username": "editor", "password": PASSWORD}).status_code in (403, 429)

    # The editor, from another address through the same proxy, with a forged first entry.
    response = Client(HTTP_X_FORWARDED_FOR="203.0.113.5, 192.0.2.9", **proxy).post(
        LOGIN_URL, {"username": "editor", "password": PASSWORD}
    )

    assert response.status_code == 302
