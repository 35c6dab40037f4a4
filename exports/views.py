"""``/<register>/export.<csv|json|xlsx>``: the current search, every page of it, as a file.

CSV and JSON are everyone's: the register's public columns (``Register.public_exports``), or the analysts'
wider ones (e-mail included) for users holding ``accounts.export_data``. XLSX is the analysts' alone. Every
download names its licence (``settings.DATA_LICENSE``): a ``Link: <licence>; rel="license"`` header (RFC 8288;
CSV has no place of its own for it) and, in JSON, the ``metadata`` beside the records.
"""

import hashlib

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import condition, require_safe

from search import Search, registry
from search.changes import last_modified
from search.views import query_string

from .access import staff_permission_required
from .rows import supported, tuple_rows
from .writers import file_response

FORMATS = ("csv", "xlsx", "json")
ANALYST_FORMATS = ("xlsx",)
EXPORT_PERMISSION = "accounts.export_data"
CHUNK_SIZE = 2000


def export_rows(spec, queryset, base_url, as_typed=False, every_record=False):
    """Rows in the queryset's order, fetched ``CHUNK_SIZE`` at a time (``as_typed``: dates as dates, for XLSX;
    ``every_record``: the queryset is the whole register, see ``aggregated.aggregated_sql``).

    As plain tuples where ``rows`` can read them (one query); otherwise as models: per chunk of rows one
    SELECT (with the spec's JOINs) plus one per prefetched relation.
    """
    if supported(spec, queryset):
        yield from tuple_rows(spec, queryset, base_url, CHUNK_SIZE, as_typed, every_record)
        return
    for obj in spec.prepare(queryset).iterator(chunk_size=CHUNK_SIZE):
        yield spec.row(obj, base_url, as_typed)


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
@condition(etag_func=_version, last_modified_func=_changed)
def export(request, register, fmt):
    if fmt not in FORMATS:
        raise Http404("Unknown export format.")
    if fmt in ANALYST_FORMATS:
        return analyst_export(request, register, fmt)
    if request.user.has_perm(EXPORT_PERMISSION):
        return download(request, registry[register].exports, fmt)
    spec = registry[register].public_exports
    if spec is None:
        raise Http404("This register has no public download.")
    return download(request, spec, fmt)


@staff_permission_required(EXPORT_PERMISSION)
def analyst_export(request, register, fmt):
    return download(request, registry[register].exports, fmt)


def download(request, spec, fmt):
    """``spec``'s columns of the search ``request.GET`` describes, as ``fmt``, with its licence."""
    register = registry[spec.register]
    search = Search(register, request.GET, years=False, facets=False)  # its records, no counts
    base_url = request.build_absolute_uri("/")[:-1]
    rows = export_rows(spec, search.queryset(), base_url, as_typed=fmt == "xlsx", every_record=not search.is_filtered)
    license = settings.DATA_LICENSE
    metadata = {
        "title": f"{register.title} · techdiplo",
        "source": base_url + reverse(register.list_url_name) + query_string(request.GET),
        "license": license,
        "created": timezone.localtime().isoformat(timespec="seconds"),
        "columns": spec.headers,
    }
    response = file_response(
        fmt, spec.headers, rows, stem=spec.register, title=spec.register.capitalize(), metadata=metadata
    )
    response["Link"] = f'<{license["path"]}>; rel="license"'
    return response
