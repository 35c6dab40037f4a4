"""SENTRY_DSN turns error reporting on; without it nothing is started. Reports carry no personal data.

Each case runs in a fresh process (Sentry, once started, patches Django for the rest of the process). The DSN
is a dummy on a reserved domain and the events are caught by a transport of the test's own: no network.
"""

import json
import os

PASSWORD = "Sw0rdfish-and-chips-42"
EMAIL = "hanako.yamada@example.ac.jp"
SESSION_ID = "s3ss10n1d0000000000000000000000x"
CSRF_TOKEN = "csrftok3nvalue00000000000000000x"

SCRIPT = """
import json, os, sys
import django

os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
django.setup()

import sentry_sdk
from django.core.wsgi import get_wsgi_application
from django.test import RequestFactory, override_settings
from django.urls import path
from sentry_sdk.transport import Transport

client = sentry_sdk.get_client()
if not client.is_active():
    print(json.dumps({"active": False, "events": []}))
    sys.exit(0)

events = []


class Capture(Transport):
    def capture_envelope(self, envelope):
        events.extend(item.payload.json for item in envelope.items if item.type == "event")


client.transport = Capture(client.options)


def boom(request):
    request.POST  # the body was read, as a sign-in's would be
    email = sys.argv[2]  # a local variable holding personal data
    raise RuntimeError("boom for the test")


from techdiplo import urls as site_urls

# The site's own URLs and error pages (its 500 page links to them), and one view that fails.
urlpatterns = [path("boom/", boom), *site_urls.urlpatterns]
handler500 = getattr(site_urls, "handler500", "django.views.defaults.server_error")
# Through Django's real WSGI handler, as gunicorn calls it (the test client's handler is another class).
environ = RequestFactory().post(
    "/boom/?q=climate&email=" + sys.argv[2],
    {"username": sys.argv[2], "password": sys.argv[1], "csrfmiddlewaretoken": sys.argv[4]},
    headers={"cookie": f"sessionid={sys.argv[3]}; csrftoken={sys.argv[4]}", "x-csrftoken": sys.argv[4]},
).environ
statuses = []
with override_settings(ROOT_URLCONF="__main__"):
    body = b"".join(get_wsgi_application()(environ, lambda status, headers: statuses.append(status)))
sentry_sdk.flush()
print(json.dumps({"active": True, "status": statuses[0], "events": events}))
"""


def run(run_python, **env):
    if os.environ.get("DATABASE_URL"):
        env["DATABASE_URL"] = os.environ["DATABASE_URL"]
    result = run_python("-c", SCRIPT, PASSWORD, EMAIL, SESSION_ID, CSRF_TOKEN, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_without_sentry_dsn_nothing_is_started(run_python):
    assert run(run_python) == {"active": False, "events": []}
    assert run(run_python, SENTRY_DSN="") == {"active": False, "events": []}


def test_with_sentry_dsn_an_error_is_reported_without_personal_data(run_python):
    outcome = run(run_python, SENTRY_DSN="https://0123456789abcdef@sentry.example.invalid/1")

    assert outcome["active"] and outcome["status"].startswith("500")
    [event] = outcome["events"]  # the exception, once: not again for the 5xx access line or django.request
    [exception] = event["exception"]["values"]
    assert exception["type"] == "RuntimeError" and exception["value"] == "boom for the test"
    assert event["request"]["url"].endswith("/boom/")
    assert event["request"]["method"] == "POST"
    assert "q=climate" in event["request"]["query_string"]
    assert event["environment"] == "production"

    sent = json.dumps(outcome["events"])
    for secret in (PASSWORD, EMAIL, "hanako.yamada", SESSION_ID, CSRF_TOKEN):
        assert secret not in sent
    assert not event["request"].get("data")  # no request body at all
    assert event["request"]["headers"]["X-Csrftoken"] == "[Filtered]"
    assert not event.get("user")
    frames = exception["stacktrace"]["frames"]
    assert frames and not any(frame.get("vars") for frame in frames)
