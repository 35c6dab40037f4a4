"""``/<register>/export.<csv|xlsx|json>``: the current search, every page of it, as a file."""

from django.http import Http404
from django.views.decorators.http import require_safe

from search import registry, search_queryset

from .access import staff_permission_required
from .rows import supported, tuple_rows
from .writers import file_response

FORMATS = ("csv", "xlsx", "json")
CHUNK_SIZE = 2000


def export_rows(spec, queryset, base_url, as_typed=False):
    """Rows in the queryset's order, fetched ``CHUNK_SIZE`` at a time (``as_typed``: dates as dates, for XLSX).

    As plain tuples where ``rows`` can read them (one query); otherwise as models: per chunk of rows one
    SELECT (with the spec's JOINs) plus one per prefetched relation.
    """
    if supported(spec, queryset):
        yield from tuple_rows(spec, queryset, base_url, CHUNK_SIZE, as_typed)
        return
    for obj in spec.prepare(queryset).iterator(chunk_size=CHUNK_SIZE):
        yield spec.row(obj, base_url, as_typed)


@require_safe
@staff_permission_required("accounts.export_data")
def export(request, register, fmt):
    if fmt not in FORMATS:
        raise Http404("Unknown export format.")
    spec = registry[register].exports
    queryset = search_queryset(register, request.GET)
    base_url = request.build_absolute_uri("/")[:-1]
    rows = export_rows(spec, queryset, base_url, as_typed=fmt == "xlsx")
    return file_response(fmt, spec.headers, rows, stem=spec.register, title=spec.register.capitalize())
