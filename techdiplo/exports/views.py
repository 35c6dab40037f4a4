"""``/<register>/export.<csv|xlsx|json>``: the current search, every page of it, as a file."""

from django.http import Http404
from django.utils.module_loading import import_string
from django.views.decorators.http import require_safe

from techdiplo.search import search_queryset

from .access import staff_permission_required
from .fastrows import fast_rows, supported
from .writers import file_response

FORMATS = ("csv", "xlsx", "json")
CHUNK_SIZE = 2000

# Register name (as in the URL and the search machinery) -> its column declaration.
SPECS = {
    "initiatives": "initiatives.exports.INITIATIVES",
    "researchers": "people.exports.RESEARCHERS",
    "partnerships": "partnerships.exports.PARTNERSHIPS",
}


def export_rows(spec, queryset, base_url):
    """Rows in the queryset's order, fetched ``CHUNK_SIZE`` at a time.

    As plain tuples where ``fastrows`` can read them (one query); otherwise as models: per chunk of rows one
    SELECT (with the spec's JOINs) plus one per prefetched relation.
    """
    if supported(spec, queryset):
        yield from fast_rows(spec, queryset, base_url, CHUNK_SIZE)
        return
    for obj in spec.prepare(queryset).iterator(chunk_size=CHUNK_SIZE):
        yield spec.row(obj, base_url)


@require_safe
@staff_permission_required("accounts.export_data")
def export(request, register, fmt):
    if fmt not in FORMATS:
        raise Http404("Unknown export format.")
    spec = import_string(SPECS[register])
    queryset = search_queryset(register, request.GET)
    base_url = request.build_absolute_uri("/")[:-1]
    rows = export_rows(spec, queryset, base_url)
    return file_response(fmt, spec.headers, rows, stem=spec.register, title=spec.register.capitalize())
