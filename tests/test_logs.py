"""Logs an operator can use: one JSON access line per request, under an id the response returns, and never a
password, a session id, a CSRF token or an e-mail address."""

import io
import json
import logging
import logging.config
import os
import re

import pytest
from django.conf import settings
from django.test import Client, override_settings

from observability.logs import logging_config
from observability.middleware import loggable_query
from tests.factories import InitiativeFactory

PASSWORD = "Sw0rdfish-and-chips-42"
EMAIL = "hanako.yamada@example.ac.jp"


@pytest.fixture
def log_lines():
    """The project's logging as configured in production (JSON), written to a buffer; returns a reader."""
    buffer = io.StringIO()

    def configure(level="INFO"):
        config = logging_config(level=level, fmt="json")
        config["handlers"]["console"]["stream"] = buffer
        logging.config.dictConfig(config)

    def read():
        return [json.loads(line) for line in buffer.getvalue().splitlines()]

    read.configure = configure
    read.text = buffer.getvalue
    configure()
    yield read
    logging.config.dictConfig(settings.LOGGING)


def access_lines(lines):
    return [line for line in lines if line["logger"] == "techdiplo.access"]


@pytest.mark.django_db
def test_every_request_gets_one_access_line_with_its_id_method_path_status_and_duration(client, log_lines):
    InitiativeFactory(title="Belmont Forum")
    response = client.get("/initiatives/?q=belmont&status=active")
    request_id = response["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)

    [line] = access_lines(log_lines())
    assert line["request_id"] == request_id
    assert line["level"] == "INFO"
    assert line["method"] == "GET"
    assert line["path"] == "/initiatives/"
    assert line["query"] == "q=belmont&status=active"
    assert line["status"] == 200
    assert line["bytes"] == len(response.content)
    assert 0 < line["duration_ms"] < 60_000
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+\+00:00", line["time"])
    assert line["message"] == f"GET /initiatives/?q=belmont&status=active 200 {line['duration_ms']}ms"


@pytest.mark.django_db
def test_a_well_formed_incoming_request_id_is_kept_and_a_malformed_one_replaced(client, log_lines):
    kept = client.get("/", headers={"x-request-id": "lb-7f3a9c2e.1"})
    replaced = client.get("/", headers={"x-request-id": 'bad id\n{"level": "ERROR"}'})
    too_long = client.get("/", headers={"x-request-id": "a" * 129})

    assert kept["X-Request-ID"] == "lb-7f3a9c2e.1"
    assert re.fullmatch(r"[0-9a-f]{32}", replaced["X-Request-ID"])
    assert re.fullmatch(r"[0-9a-f]{32}", too_long["X-Request-ID"])
    ids = [line["request_id"] for line in access_lines(log_lines())]
    assert ids == [kept["X-Request-ID"], replaced["X-Request-ID"], too_long["X-Request-ID"]]


@pytest.mark.django_db
def test_redirects_and_not_found_pages_get_an_id_and_a_line_too(client, log_lines):
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404 and missing["X-Request-ID"]
    with override_settings(SECURE_SSL_REDIRECT=True):  # read when the middleware is built: a new client
        redirect = Client().get("/initiatives/")
    assert redirect.status_code == 301 and redirect["X-Request-ID"]
    lines = access_lines(log_lines())
    assert [(line["status"], line["request_id"]) for line in lines] == [
        (404, missing["X-Request-ID"]),
        (301, redirect["X-Request-ID"]),
    ]
    # The access line says it once: no "Not Found: /no-such-page/" from django.request beside it.
    assert not [line for line in log_lines() if line["logger"] == "django.request"]


@pytest.fixture
def analyst(client, django_user_model):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("analyst")
    user.user_permissions.add(*Permission.objects.filter(codename="export_data"))
    client.force_login(user)
    return user


@pytest.mark.django_db
def test_a_streamed_response_is_logged_when_its_last_byte_is_sent(client, log_lines, analyst):
    InitiativeFactory()
    response = client.get("/initiatives/export.csv")
    assert response.streaming
    assert access_lines(log_lines()) == []  # nothing sent yet, nothing logged
    body = b"".join(response.streaming_content)
    [line] = access_lines(log_lines())
    assert line["bytes"] == len(body) and line["status"] == 200 and "aborted" not in line
    assert line["request_id"] == response["X-Request-ID"]


@pytest.mark.django_db
def test_a_download_the_client_abandons_is_logged_as_aborted(client, log_lines, analyst):
    InitiativeFactory.create_batch(3)
    response = client.get("/initiatives/export.csv")
    chunks = iter(response.streaming_content)
    next(chunks)
    response.close()  # what a WSGI server does when the client goes away
    [line] = access_lines(log_lines())
    assert line["aborted"] is True


def test_log_lines_outside_a_request_carry_no_request_id(log_lines):
    logging.getLogger("techdiplo.test").warning("outside")
    [line] = [line for line in log_lines() if line["logger"] == "techdiplo.test"]
    assert "request_id" not in line and line["level"] == "WARNING"


def test_only_the_documented_fields_are_written(log_lines):
    logging.getLogger("techdiplo.test").warning(
        "x", extra={"request": "<WSGIRequest: GET '/?email=a@b.jp'>", "cookie": "s"}
    )
    [line] = [line for line in log_lines() if line["logger"] == "techdiplo.test"]
    assert set(line) == {"time", "level", "logger", "message"}


@pytest.mark.parametrize(
    "query, logged",
    [
        ("q=climate&area=energy", "q=climate&area=energy"),
        ("q=" + EMAIL, "q=%5Bredacted%5D"),
        (
            "password=x&csrfmiddlewaretoken=y&token=z&sessionid=s&email=e",
            "password=%5Bredacted%5D&csrfmiddlewaretoken=%5Bredacted%5D&token=%5Bredacted%5D&sessionid=%5Bredacted%5D&email=%5Bredacted%5D",
        ),
        ("", ""),
    ],
)
def test_secret_query_values_are_hidden_and_search_text_kept(query, logged):
    assert loggable_query(query) == logged


@pytest.mark.django_db
@pytest.mark.parametrize("level", ["INFO", "DEBUG"])
def test_signing_in_and_out_writes_no_password_session_id_csrf_token_or_e_mail(log_lines, level, django_user_model):
    log_lines.configure(level)
    django_user_model.objects.create_user(EMAIL, email=EMAIL, password=PASSWORD, is_staff=True)
    client = Client(enforce_csrf_checks=True)
    with override_settings(AXES_ENABLED=True):
        client.get("/accounts/login/")
        csrf = client.cookies["csrftoken"].value
        failed = client.post(
            "/accounts/login/", {"username": EMAIL, "password": PASSWORD + "x", "csrfmiddlewaretoken": csrf}
        )
        signed_in = client.post(
            f"/accounts/login/?next=/initiatives/%3Femail%3D{EMAIL}",
            {"username": EMAIL, "password": PASSWORD, "csrfmiddlewaretoken": csrf},
        )
        session_id = client.cookies[settings.SESSION_COOKIE_NAME].value
        assert client.get("/admin/").status_code == 200
        csrf = client.cookies["csrftoken"].value
        client.post("/accounts/logout/", {"csrfmiddlewaretoken": csrf})
    assert failed.status_code == 200 and signed_in.status_code == 302

    text = log_lines.text()
    assert "AXES: User login failed" in text  # django-axes did write about the sign-ins
    for secret in (PASSWORD, EMAIL, "hanako.yamada", session_id, csrf):
        assert secret not in text
    posts = [line for line in access_lines(log_lines()) if line["method"] == "POST"]
    assert [(line["path"], line["status"]) for line in posts] == [
        ("/accounts/login/", 200),
        ("/accounts/login/", 302),
        ("/accounts/logout/", 302),
    ]


def print_format(run_python, **env):
    if os.environ.get("DATABASE_URL"):
        env.setdefault("DATABASE_URL", os.environ["DATABASE_URL"])
    code = "import django; django.setup(); import logging; logging.getLogger('techdiplo.test').warning('hi')"
    return run_python("-c", code, DJANGO_SETTINGS_MODULE="techdiplo.settings", **env)


def test_logs_are_json_with_debug_off_text_with_debug_on_or_as_set(run_python):
    secret = {"DJANGO_SECRET_KEY": "x" * 50}
    production = print_format(run_python, **secret).stderr.splitlines()[-1]
    assert json.loads(production)["message"] == "hi"
    development = print_format(run_python, DJANGO_DEBUG="1").stderr.splitlines()[-1]
    assert re.fullmatch(r"\S+ \S+ WARNING techdiplo\.test \[-\] hi", development)
    chosen = print_format(run_python, DJANGO_DEBUG="1", DJANGO_LOG_FORMAT="JSON").stderr.splitlines()[-1]
    assert json.loads(chosen)["level"] == "WARNING"


def test_an_unknown_log_format_stops_the_start_with_a_clear_message(run_python):
    result = print_format(run_python, DJANGO_DEBUG="1", DJANGO_LOG_FORMAT="xml")
    assert result.returncode != 0
    assert "DJANGO_LOG_FORMAT must be one of json, text, not 'xml'" in result.stderr
