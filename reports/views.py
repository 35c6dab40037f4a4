"""``/reports/``: the staff reports with charts, and each one as a CSV or XLSX download."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from exports.access import staff_permission_required
from exports.writers import file_response

from .catalogue import BY_SLUG, REPORTS
from .years import year_range

DOWNLOAD_FORMATS = ("csv", "xlsx")


@require_safe
@staff_permission_required("accounts.view_reports")
def report_index(request):
    """Every report. Queries: one grouped query per report."""
    years, notices = year_range(request.GET)
    sections = []
    for report in REPORTS:
        table, chart, narrow_chart = report.build(years)
        sections.append({"report": report, "table": table, "chart": chart, "narrow_chart": narrow_chart})
    query = request.GET.urlencode()
    context = {"sections": sections, "years": years, "notices": notices, "query": query}
    return render(request, "reports/report_index.html", context)


@require_safe
@staff_permission_required("accounts.view_reports")
def report_download(request, slug, fmt):
    report = BY_SLUG.get(slug)
    if report is None or fmt not in DOWNLOAD_FORMATS:
        raise Http404("No such report.")
    years, _notices = year_range(request.GET)
    table = report.table(years)
    return file_response(fmt, table.columns, table.rows, stem=f"report-{slug}", title=str(report.title))
