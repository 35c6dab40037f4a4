"""``/<register>/export.<csv|xlsx|json>``: the current search, every page of it, as a file."""

import hashlib

from django.http import Http404
from django.views.decorators.http import condition, require_safe

from search import registry, search_queryset
from search.changes import last_modified

from .access import staff_permission_required
from .rows import supported, tuple_rows
from .writers import file_response

FORMATS = ("csv", "xlsx", "json")
CHUNK_SIZE = 2000


def export_rows(spec, queryset, base_url):
    """Rows in the queryset's order, fetched ``CHUNK_SIZE`` at a time.

    As plain tuples where ``rows`` can read them (one query); otherwise as models: per chunk of rows one
    SELECT (with the spec's JOINs) plus one per prefetched relation.
    """
    if supported(spec, queryset):
        yield from tuple_rows(spec, queryset, base_url, CHUNK_SIZE)
        return
    for obj in spec.prepare(queryset).iterator(chunk_size=CHUNK_SIZE):
        yield spec.row(obj, base_url)


def _changed(request, register, fmt):
    """The registers' newest change (one query, kept on the request for the ETag)."""
    if not hasattr(request, "registers_changed"):
        request.registers_changed = last_modified(registry.values())
    return request.registers_changed


def _version(request, register, fmt):
    """A streamed file has no body to hash before it is sent: the same URL, asked by the same person (the columns
    depend on who asks), over the same data is the same file."""
    changed = _changed(request, register, fmt)
    key = "|".join([request.get_full_path(), str(request.user.pk or ""), changed.isoformat() if changed else ""])
    return hashlib.sha256(key.encode()).hexdigest()[:32]


@require_safe
@staff_permission_required("accounts.export_data")
@condition(etag_func=_version, last_modified_func=_changed)
def export(request, register, fmt):
    if fmt not in FORMATS:
        raise Http404("Unknown export format.")
    spec = registry[register].exports
    queryset = search_queryset(register, request.GET)
    base_url = request.build_absolute_uri("/")[:-1]
    rows = export_rows(spec, queryset, base_url)
    return file_response(fmt, spec.headers, rows, stem=spec.register, title=spec.register.capitalize())
