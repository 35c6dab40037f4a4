"""The analysts' workbench: short views over ``pivot`` (cross-tabs), for users with the reports permission.

Pages need ``accounts.view_reports``; downloads ``accounts.export_data``, as the register exports do.
"""

from django.http import Http404, QueryDict, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from bilingual.content import localized
from directory.models import Country
from exports.access import staff_permission_required
from exports.writers import file_response, filename
from search import registry
from search.views import chips

from . import brief as briefs
from . import network as networks
from . import pivot

DOWNLOAD_FORMATS = ("csv", "xlsx")
NETWORK_FORMATS = {"gexf": "application/gexf+xml", "graphml": "application/graphml+xml", "csv": None}


def _register(name):
    if name not in registry:
        raise Http404("No such register.")
    return registry[name]


@require_safe
@staff_permission_required("accounts.view_reports")
def index(request):
    """The workbench's entry page: a cross-tab per register, the network, country briefs. One query (the
    partner countries)."""
    registers = [
        {"register": register, "url": reverse("workbench_crosstab", args=[register.name])}
        for register in registry.values()
    ]
    countries = [{"iso2": c.iso2, "label": localized(c, "name")} for c in briefs.partner_countries()]
    countries.sort(key=lambda country: country["label"])
    context = {
        "registers": registers,
        "network_url": reverse("workbench_network"),
        "countries": countries,
        "brief_url": reverse("workbench_countries"),
    }
    return render(request, "workbench/index.html", context)


@require_safe
@staff_permission_required("accounts.view_reports")
def crosstab(request, register):
    """``/workbench/<register>/crosstab/?<search>&rows=<facet>&cols=<facet>``. Queries: 2 (see ``pivot.build``)."""
    register = _register(register)
    search, choice, table = pivot.build(register.name, request.GET)
    url = reverse("workbench_crosstab", args=[register.name])
    context = {
        "register": register,
        "search": search,
        "choice": choice,
        "table": table,
        "facets": [(facet.name, str(facet.label)) for facet in register.facets],
        "row_label": pivot.label(register, choice.rows),
        "column_label": pivot.label(register, choice.columns),
        "chips": chips(search, request.GET),
        "list_url": f"{url}?{pivot.with_facets(QueryDict(), choice.rows, choice.columns)}",
        "query": pivot.with_facets(request.GET, choice.rows, choice.columns),
        "hidden": pivot.search_parameters(request.GET),
    }
    return render(request, "workbench/crosstab.html", context)


@require_safe
@staff_permission_required("accounts.export_data")
def crosstab_download(request, register, fmt):
    register = _register(register)
    if fmt not in DOWNLOAD_FORMATS:
        raise Http404("Unknown download format.")
    _search, choice, table = pivot.build(register.name, request.GET)
    headers, rows = pivot.download_rows(register, choice, table)
    stem = f"crosstab-{register.name}-{choice.rows}-{choice.columns}"
    return file_response(fmt, headers, rows, stem=stem, title=str(register.title))


@require_safe
@staff_permission_required("accounts.view_reports")
def network(request):
    """``/workbench/network/?<initiatives search>&graph=organizations|countries``. Queries: see ``network.page``."""
    context = networks.page(request.GET)
    query = request.GET.urlencode()
    context.update(
        {
            "chips": chips(context["search"], request.GET),
            "list_url": reverse("workbench_network"),
            "search_url": f"{reverse('initiatives:list')}?{networks.search_query(request.GET)}",
            "kind_urls": {kind: networks.with_kind(request.GET, kind) for kind in networks.KINDS},
            "downloads": {fmt: networks.download_url(fmt, query) for fmt in NETWORK_FORMATS},
        }
    )
    return render(request, "workbench/network.html", context)


@require_safe
@staff_permission_required("accounts.export_data")
def network_download(request, fmt):
    """The whole network of the search (not only the drawn nodes): GEXF or GraphML for Gephi, or a CSV edge list."""
    if fmt not in NETWORK_FORMATS:
        raise Http404("Unknown download format.")
    kind, _notices = networks.choose_kind(request.GET)
    whole = networks.graph(networks.search_of(request.GET), kind)
    stem = f"network-{kind}"
    if fmt == "csv":
        return file_response("csv", networks.EDGE_HEADERS, networks.edge_rows(whole), stem=stem)
    response = StreamingHttpResponse(networks.xml_lines(whole, fmt), content_type=NETWORK_FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename(stem, fmt)}"'
    return response


@require_safe
@staff_permission_required("accounts.view_reports")
def country_picked(request):
    """The index's country form: ``?country=fr`` goes to that brief; anything else back to the workbench."""
    iso2 = request.GET.get("country", "")
    if len(iso2) == 2 and iso2.isalpha():
        return redirect("workbench_country", iso2=iso2.lower())
    return redirect("workbench")


@require_safe
@staff_permission_required("accounts.view_reports")
def country_brief(request, iso2):
    """``/workbench/countries/<iso2>/``: one partner country on one printable page. Queries: ``brief.brief``."""
    country = get_object_or_404(Country.objects.exclude(iso2=briefs.JAPAN), iso2=iso2.upper())
    if iso2 != country.iso2.lower():
        return redirect("workbench_country", iso2=country.iso2.lower())
    return render(request, "workbench/country_brief.html", briefs.brief(country))
