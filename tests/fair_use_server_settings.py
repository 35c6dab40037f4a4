"""A site process with fair use switched on, small: ``test_fair_use_servers.py`` runs two as two app servers, and
``test_embedded_postgres.py`` takes its database away from one."""

from tests.server_settings import *  # noqa: F403

RATE_LIMITS = {"api": 4, "downloads": 4, "feeds": 4, "search": 4}
HEAVY_REQUEST_SLOTS = 1
