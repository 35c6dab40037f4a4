"""The settings' promises: fail fast without a secret or a PostgreSQL database, production-safe defaults,
security headers.

Most tests start a fresh interpreter with a clean environment (only PATH and
the variables named), because settings are read once, at import.
"""

import os

import pytest

from scripts.postgres import socket_dir
from techdiplo.settings import BASE_DIR

# 64 characters from a large alphabet: what Django's check for a strong secret (W009) wants.
SECRET = "k3Vq9xZ7-pLw2Rt8_Ym4Nc6Hb1Jd5Gf0Ss3Ae7Ku9Oi2Ql8Wx4Ez6Tv1Ry5Bn0Mh"
PRINT_SETTINGS = (
    "from techdiplo import settings; print(settings.DEBUG, settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS)"
)
GET = (
    "import django, sys; django.setup(); from django.test import Client; "
    "response = Client().get(sys.argv[1]); print(response.status_code, response.get('Location', ''))"
)
GET_HEALTHZ = GET.replace("sys.argv[1]", "'/healthz'")
# A server that reading the settings never connects to; and the test server, for requests that query.
SOME_DATABASE = "postgres://techdiplo:secret@db.example.org:5432/techdiplo"
TEST_SERVER = os.environ["DATABASE_URL"]


def test_debug_off_without_a_secret_key_refuses_to_start_with_a_clear_message(run_python):
    result = run_python("manage.py", "check")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_secret_and_allowed_hosts_alone_pass_the_deployment_check_without_warnings(run_python):
    result = run_python(
        "manage.py",
        "check",
        "--deploy",
        DJANGO_SECRET_KEY=SECRET,
        DJANGO_ALLOWED_HOSTS="example.org",
        DATABASE_URL=SOME_DATABASE,
    )

    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    assert "WARNINGS" not in output
    assert "no issues" in output


def test_debug_off_without_a_database_url_refuses_to_start_with_a_clear_message(run_python):
    result = run_python("manage.py", "check", DJANGO_SECRET_KEY=SECRET)

    assert result.returncode != 0
    assert "DATABASE_URL is not set" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("url", ["sqlite:///db.sqlite3", "sqlite:///:memory:", "mysql://u@h/techdiplo", "techdiplo"])
def test_a_database_url_not_naming_postgresql_is_refused_with_a_clear_message(run_python, url):
    result = run_python("manage.py", "check", DJANGO_SECRET_KEY=SECRET, DJANGO_DEBUG="1", DATABASE_URL=url)

    assert result.returncode != 0
    assert "DATABASE_URL must name a PostgreSQL server" in result.stderr
    assert "SQLite is not supported" in result.stderr
    assert "Traceback" not in result.stderr


def test_with_debug_on_and_no_database_url_the_checkouts_embedded_server_is_used(run_python):
    code = "from django.conf import settings; db = settings.DATABASES['default']; print(db['HOST'], db['NAME'])"

    result = run_python("-c", code, DJANGO_SETTINGS_MODULE="techdiplo.settings", DJANGO_DEBUG="1")

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(socket_dir(BASE_DIR / ".pgdata")), "techdiplo"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("0", False), ("false", False), ("no", False), ("", False), ("True", True), ("YES", True), ("1", True)],
)
def test_django_debug_is_on_only_for_truthy_words(run_python, value, expected):
    result = run_python("-c", PRINT_SETTINGS, DJANGO_DEBUG=value, DJANGO_SECRET_KEY=SECRET, DATABASE_URL=SOME_DATABASE)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == str(expected)


def test_debug_is_off_when_django_debug_is_unset(run_python):
    result = run_python("-c", PRINT_SETTINGS, DJANGO_SECRET_KEY=SECRET, DATABASE_URL=SOME_DATABASE)

    assert result.stdout.split() == ["False", "True", "31536000"]


@pytest.mark.parametrize("extra", [{}, {"DJANGO_SECURE_SSL_REDIRECT": "1", "DJANGO_HSTS_SECONDS": "60"}])
def test_with_debug_on_a_plain_http_request_is_served_not_redirected(run_python, extra):
    result = run_python(
        "-c",
        GET_HEALTHZ,
        DJANGO_SETTINGS_MODULE="techdiplo.settings",
        DJANGO_DEBUG="1",
        DJANGO_ALLOWED_HOSTS="testserver",
        DATABASE_URL=TEST_SERVER,
        **extra,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "200"


def test_with_debug_off_a_plain_http_request_is_redirected_to_https(run_python):
    result = run_python(
        "-c",
        GET,
        "/initiatives/",
        DJANGO_SETTINGS_MODULE="techdiplo.settings",
        DJANGO_SECRET_KEY=SECRET,
        DJANGO_ALLOWED_HOSTS="testserver",
        DATABASE_URL=TEST_SERVER,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["301", "https://testserver/initiatives/"]


def test_with_debug_off_a_load_balancers_plain_http_health_probe_is_answered_not_redirected(run_python):
    result = run_python(
        "-c",
        GET_HEALTHZ,
        DJANGO_SETTINGS_MODULE="techdiplo.settings",
        DJANGO_SECRET_KEY=SECRET,
        DJANGO_ALLOWED_HOSTS="testserver",
        DATABASE_URL=TEST_SERVER,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["200"]  # answered, not redirected to https


@pytest.mark.django_db
def test_responses_carry_a_content_security_policy_without_unsafe_inline(client):
    response = client.get("/admin/login/")

    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy


@pytest.mark.django_db
def test_responses_forbid_framing_and_sniffing_and_limit_the_referrer(client):
    response = client.get("/admin/login/")

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_behind_a_proxy_https_and_the_client_address_come_from_its_headers(run_python):
    code = "from techdiplo import settings; print(settings.SECURE_PROXY_SSL_HEADER, settings.AXES_CLIENT_IP_CALLABLE)"

    result = run_python("-c", code, DJANGO_SECRET_KEY=SECRET, DJANGO_BEHIND_PROXY="1", DATABASE_URL=SOME_DATABASE)

    assert result.stdout.split() == ["('HTTP_X_FORWARDED_PROTO',", "'https')", "accounts.proxy.client_ip"]


@pytest.mark.django_db
def test_connections_run_without_jit_compilation():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)


def test_options_in_the_database_url_are_kept_beside_jit_off(run_python):
    url = "postgres://techdiplo:secret@db.example.org:5432/techdiplo?options=-c%20statement_timeout%3D5000"
    code = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS']['options'])"

    result = run_python("-c", code, DJANGO_SETTINGS_MODULE="techdiplo.settings", DJANGO_DEBUG="1", DATABASE_URL=url)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "-c statement_timeout=5000 -c jit=off"


# Settings read with os.cpu_count() answering the first argument; prints the heavy slots.
PRINT_SLOTS = (
    "import os, sys; os.cpu_count = lambda: int(sys.argv[1]) if sys.argv[1] != 'None' else None; "
    "from techdiplo import settings; print(settings.HEAVY_REQUEST_SLOTS)"
)


@pytest.mark.parametrize(("cores", "slots"), [("1", "1"), ("2", "1"), ("3", "1"), ("8", "4"), ("None", "1")])
def test_exports_take_half_the_cores_by_default_so_the_other_half_serves_pages(run_python, cores, slots):
    result = run_python("-c", PRINT_SLOTS, cores, DJANGO_SECRET_KEY=SECRET, DATABASE_URL=SOME_DATABASE)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == slots


def test_heavy_request_slots_set_in_the_environment_win_over_the_cores(run_python):
    result = run_python(
        "-c", PRINT_SLOTS, "8", HEAVY_REQUEST_SLOTS="3", DJANGO_SECRET_KEY=SECRET, DATABASE_URL=SOME_DATABASE
    )

    assert result.stdout.strip() == "3"
