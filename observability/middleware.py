"""One access line per request, under the request's id, which the response returns as ``X-Request-ID``.

First in MIDDLEWARE, so every response has an id and a line, static files and HTTPS redirects included. A
streamed response (an export) is logged when its last byte is sent, so its duration is the whole download,
and ``aborted`` says the client went away before the end.
"""

import logging
import re
import time
from urllib.parse import parse_qsl, urlencode

from django.http import FileResponse

from .context import REQUEST_ID_HEADER, current_request_id, request_id_from

logger = logging.getLogger("techdiplo.access")

# Query parameters whose values never reach a log: credentials, tokens, e-mail. Search text stays (it is what
# the public searched for); a value that looks like an e-mail address is hidden whatever its name.
SECRET_PARAMETER = re.compile(r"pass|secret|token|csrf|session|key|auth|code|sig|mail", re.IGNORECASE)
EMAIL = re.compile(r"[^@\s]+@[^@\s]+")
REDACTED = "[redacted]"


def loggable_query(query_string):
    """The query string with secret values replaced (names kept, so a log still shows what was asked)."""
    if not query_string:
        return ""
    pairs = parse_qsl(query_string, keep_blank_values=True)
    return urlencode(
        [(name, REDACTED if SECRET_PARAMETER.search(name) or EMAIL.search(value) else value) for name, value in pairs]
    )


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from(request.headers.get(REQUEST_ID_HEADER))
        request.request_id = request_id
        token = current_request_id.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
        except BaseException:
            current_request_id.reset(token)
            raise
        response[REQUEST_ID_HEADER] = request_id
        fields = {
            "method": request.method,
            "path": request.path,
            "query": loggable_query(request.META.get("QUERY_STRING", "")),
            "status": response.status_code,
        }
        if response.streaming and not response.is_async and not isinstance(response, FileResponse):
            response.streaming_content = self._logged_stream(response.streaming_content, fields, started, request_id)
        else:
            log_request(fields, started, len(response.content) if not response.streaming else None)
        current_request_id.reset(token)
        return response

    @staticmethod
    def _logged_stream(chunks, fields, started, request_id):
        sent = 0
        finished = False
        # Log lines written while the body is produced (after the middleware returned) keep the request's id.
        current_request_id.set(request_id)
        try:
            for chunk in chunks:
                sent += len(chunk)
                yield chunk
            finished = True
        finally:
            log_request(fields, started, sent, aborted=not finished)
            current_request_id.set(None)


def log_request(fields, started, size, aborted=False):
    duration_ms = round((time.perf_counter() - started) * 1000, 1)
    extra = {**fields, "duration_ms": duration_ms, "bytes": size}
    if aborted:
        extra["aborted"] = True
    path = fields["path"] + (f"?{fields['query']}" if fields["query"] else "")
    level = logging.ERROR if fields["status"] >= 500 else logging.INFO
    logger.log(level, "%s %s %s %sms", fields["method"], path, fields["status"], duration_ms, extra=extra)
