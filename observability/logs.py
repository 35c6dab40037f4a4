"""Logging configuration: JSON lines for production, plain text for development; the same fields in both.

``logging_config(level, fmt)`` is settings.LOGGING; gunicorn.conf.py uses ``gunicorn_logconfig`` so that
gunicorn's own lines (start, worker restarts and time-outs) come out in the same form.
"""

import logging

from pythonjsonlogger.json import JsonFormatter

FORMATS = ("json", "text")

# Only these attributes of a record are written: a library passing the request (Django does) or anything else
# as ``extra`` cannot put a cookie, a header or a query string into the logs by accident.
FIELDS = (
    "request_id",
    "method",
    "path",
    "query",
    "status",
    "duration_ms",
    "bytes",
    "aborted",
    "status_code",
    "exc_info",
    "stack_info",
)


class Formatter(JsonFormatter):
    """One JSON object per line: ``time`` (UTC, ISO 8601), ``level``, ``logger``, ``message``, then FIELDS."""

    def __init__(self, **kwargs):
        super().__init__(
            ["levelname", "name", "message"],
            timestamp="time",
            rename_fields={"levelname": "level", "name": "logger"},
            **kwargs,
        )

    def process_log_record(self, log_data):
        ordered = {name: log_data.get(name) for name in ("time", "level", "logger", "message", *FIELDS)}
        return {name: value for name, value in ordered.items() if value is not None}


class TextFormatter(logging.Formatter):
    """``<local time> <level> <logger> [<request id or ->] <message>``, for reading in a terminal."""

    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id_or_dash)s] %(message)s")

    def format(self, record):
        record.request_id_or_dash = getattr(record, "request_id", None) or "-"
        return super().format(record)


def _formatters():
    return {
        "json": {"()": Formatter},
        "text": {"()": TextFormatter},
    }


def chosen_format(value, debug):
    """DJANGO_LOG_FORMAT's ``value`` when set, else text with debug and JSON without; ValueError otherwise."""
    fmt = (value or ("text" if debug else "json")).strip().lower()
    if fmt not in FORMATS:
        raise ValueError(f"must be one of {', '.join(FORMATS)}, not {fmt!r}")
    return fmt


def logging_config(level="INFO", fmt="json"):
    """settings.LOGGING: everything to standard error in ``fmt`` (json or text), at ``level`` and above."""
    handler = {
        "class": "logging.StreamHandler",
        "formatter": fmt,
        "filters": ["request_id"],
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "observability.context.RequestIdFilter"}},
        "formatters": _formatters(),
        "handlers": {"console": handler},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Django's own default handler for "django" (debug only) would print every line twice.
            "django": {"handlers": ["console"], "level": level, "propagate": False},
            # The access line is techdiplo.access: runserver's own lines and django.request's "Not Found: ..."
            # would say it again. Server errors still come from django.request, with their traceback.
            "django.server": {"handlers": ["console"], "level": "ERROR", "propagate": False},
            "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        },
    }


def gunicorn_logconfig(level="INFO", fmt="json"):
    """gunicorn's ``logconfig_dict``: its error log (start, stop, worker time-outs) in ``fmt`` on standard error."""
    config = logging_config(level, fmt)
    config["root"] = {"handlers": [], "level": level}
    config["loggers"] = {
        "gunicorn.error": {"handlers": ["console"], "level": level, "propagate": False},
        "gunicorn.access": {"handlers": [], "level": level, "propagate": False},
    }
    return config
