"""Error reports to Sentry, on only when SENTRY_DSN is set, and without personal data.

``send_default_pii=False`` keeps out cookies, the user and client addresses; on top of that no request body
is sent (a sign-in's password, an import's rows), no local variables (a frame may hold a researcher's
e-mail), no command line, and every string is scrubbed of values under secret-looking keys and of e-mail
addresses.
"""

import re

from .middleware import REDACTED, loggable_query

# Header names as Sentry writes them (its own list has x_csrftoken, not the X-CSRFToken header Django reads).
EXTRA_DENYLIST = ["email", "mail", "e-mail", "x-csrftoken", "x-csrf-token", "x-xsrf-token"]
EMAIL = re.compile(r"[^@\s\"'<>]+@[^@\s\"'<>]+\.[A-Za-z]{2,}")


def init_sentry(dsn, environment="production", **options):
    """Starts the Sentry client when ``dsn`` is set; returns whether it did. Nothing is imported otherwise."""
    if not dsn:
        return False
    import sentry_sdk
    from sentry_sdk.integrations.argv import ArgvIntegration
    from sentry_sdk.integrations.django import DjangoIntegration
    from sentry_sdk.scrubber import DEFAULT_DENYLIST, EventScrubber

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration()],
        # The command line may carry a secret (gunicorn --env DJANGO_SECRET_KEY=...).
        disabled_integrations=[ArgvIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        event_scrubber=EventScrubber(denylist=[*DEFAULT_DENYLIST, *EXTRA_DENYLIST], recursive=True),
        before_send=scrub_event,
        before_breadcrumb=scrub_breadcrumb,
        **options,
    )
    return True


def scrub_event(event, hint=None):
    """The event with e-mail addresses masked everywhere and secret query values hidden (as in the logs).

    A 5xx access line is an ERROR line, but the exception behind it is reported already: not a second event.
    """
    if event.get("logger") == "techdiplo.access":
        return None
    request = event.get("request")
    if isinstance(request, dict) and isinstance(request.get("query_string"), str):
        request["query_string"] = loggable_query(request["query_string"])
    return _mask(event)


def scrub_breadcrumb(breadcrumb, hint=None):
    """Breadcrumbs (earlier log lines of the request) with e-mail addresses masked."""
    return _mask(breadcrumb)


def _mask(value):
    if isinstance(value, str):
        return EMAIL.sub(REDACTED, value)
    if isinstance(value, dict):
        return {key: _mask(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_mask(item) for item in value]
    return value
