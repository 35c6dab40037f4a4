"""Settings of a site process a test starts (gunicorn): the test settings with production's persistent
connections, so a test sees what a long-lived app server sees."""

from tests.settings import *  # noqa: F403

DATABASES["default"]["CONN_MAX_AGE"] = 60  # noqa: F405
