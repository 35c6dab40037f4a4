"""Settings of the server ``make lighthouse`` measures: production settings (debug off, hashed and compressed
static files, the strict CSP) on plain HTTP, with the static files collected into a folder of its own so a
measurement never touches the checkout's ``staticfiles/``."""

import os

from techdiplo.settings import *  # noqa: F403

STATIC_ROOT = os.environ["LIGHTHOUSE_STATIC_ROOT"]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
