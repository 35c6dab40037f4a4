"""The id of the request being served, for every log line written while serving it."""

import contextvars
import logging
import re
import uuid

REQUEST_ID_HEADER = "X-Request-ID"
# What a proxy or load balancer typically sends (a UUID, nginx's $request_id, a trace id); anything else,
# including an id that could break a log line or fill it, is replaced by one of ours.
WELL_FORMED_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")

current_request_id = contextvars.ContextVar("request_id", default=None)


def request_id_from(value):
    """The incoming id when it is well formed, else a new random one (32 hexadecimal digits)."""
    if value and WELL_FORMED_ID.fullmatch(value):
        return value
    return uuid.uuid4().hex


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` (``None`` outside a request) to every record passing through a handler."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id.get()
        return True
