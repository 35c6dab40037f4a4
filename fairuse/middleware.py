"""Fair use: rate limits for visitors who are not signed in, and a bound on heavy requests for everyone.

Counted kinds (``RATE_LIMITS`` in settings, per client address and minute): ``api`` (everything under
``/api/``), ``downloads`` (each register's ``export.*`` and the data releases under ``/data/``), ``feeds``
(``feed.atom`` of a register or of the one search box) and ``search`` (each register's search page and the one
search box). Detail pages, the home page and static files are not counted. Signed-in users (editors and
analysts: there is no public sign-up) are never limited. Heavy requests (every register's exports) take one of
``HEAVY_REQUEST_SLOTS`` slots (``slots.py``) until their response has been sent, whoever asks.

A database that cannot count (down, read-only) limits nothing: the request goes on, and the page answers as it
would have (503 when it needs the database, see ``portal/unavailable.py``), never a 500 of the limiter's.
"""

import functools
import logging
import re

from django.conf import settings
from django.db import DatabaseError

from search import registry

from . import counters, slots
from .answers import heavy_slots_busy, too_many_requests
from .clients import client_key

logger = logging.getLogger(__name__)

DATA_RELEASES = re.compile(r"^/(ja/)?data/")
FEEDS = {"feed", "search_feed"}  # a register's feed.atom, the one search box's


def kind_of(request):
    """``"api"``, ``"downloads"``, ``"feeds"``, ``"search"`` or None (not counted), from the resolved URL."""
    match = request.resolver_match
    in_register = match.namespace in registry
    if match.namespaces[:1] == ["api"]:
        return "api"
    if (in_register and match.url_name == "export") or DATA_RELEASES.match(request.path_info):
        return "downloads"
    if match.url_name in FEEDS:
        return "feeds"
    if (in_register and match.url_name == "list") or (not match.namespace and match.url_name == "search"):
        return "search"
    return None


def is_heavy(request):
    match = request.resolver_match
    return match.namespace in registry and match.url_name == "export"


class FairUseMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        counted = getattr(request, "fair_use_count", None)
        if counted is not None:
            response["RateLimit-Limit"] = str(counted.limit)
            response["RateLimit-Remaining"] = str(counted.remaining)
            response["RateLimit-Reset"] = str(counted.reset)
        slot = getattr(request, "heavy_slot", None)
        if slot is not None:
            # When the last byte has been sent (or the client went away): the closers a response runs on close(),
            # which the WSGI server calls either way, streamed or not, even before the first chunk.
            response._resource_closers.append(functools.partial(slots.release, slot))
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        kind = kind_of(request)
        limit = settings.RATE_LIMITS.get(kind, 0) if kind else 0
        if limit and not request.user.is_authenticated:
            try:
                counted = counters.count(kind, client_key(request), limit)
            except DatabaseError as exc:
                logger.warning("Rate limit not counted (database unavailable): %s", exc)
            else:
                request.fair_use_count = counted
                if counted.exceeded:
                    return too_many_requests(request, kind, counted)
        if settings.HEAVY_REQUEST_SLOTS and is_heavy(request):
            try:
                slot = slots.acquire()
            except DatabaseError as exc:
                logger.warning("Heavy request slot not taken (database unavailable): %s", exc)
                return None
            if slot is None:
                return heavy_slots_busy(request)
            request.heavy_slot = slot
        return None
