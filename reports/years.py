"""The ``year_from`` / ``year_to`` parameters: malformed values are ignored with a notice, never an error."""

from django.utils.translation import gettext

from .queries import YearRange

EARLIEST, LATEST = 1800, 2200


def parse_year(value):
    value = (value or "").strip()
    if not value:
        return None, False
    try:
        year = int(value)
    except ValueError:
        return None, True
    if not EARLIEST <= year <= LATEST:
        return None, True
    return year, False


def year_range(params):
    """The YearRange of ``params`` and the notices to show about what was ignored or changed."""
    start, bad_start = parse_year(params.get("year_from"))
    end, bad_end = parse_year(params.get("year_to"))
    notices = [
        gettext("Ignored %(parameter)s: not a year between %(earliest)s and %(latest)s.")
        % {"parameter": f"{name}={params.get(name)!r}", "earliest": EARLIEST, "latest": LATEST}
        for name, bad in (("year_from", bad_start), ("year_to", bad_end))
        if bad
    ]
    if start is not None and end is not None and start > end:
        start, end = end, start
        reversed_notice = gettext("The year range was reversed; showing %(start)s–%(end)s.")
        notices.append(reversed_notice % {"start": start, "end": end})
    return YearRange(start, end), notices
