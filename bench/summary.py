"""The headline figures of ``bench/results.json`` and the table ``make bench`` prints.

Headline figures lean against us: ``search_p50_ms`` and ``search_p95_ms`` are
the slowest search case's, ``admin_facets_p50_ms`` is the reference admin's
fastest case, and ``admin_over_search_ratio`` is the smallest per-case ratio of
reference-admin median to search median, ``detail_p95_ms`` is the slowest of
the detail pages and the home page, and ``editor_changelist_p95_ms`` is
the slowest changelist of the editors' real admin (facets off), ``suggest_p95_ms`` the slowest case of the
suggestions as a name is typed (``/suggest/``). A figure that could not be measured
(a feature not built yet) is ``null``.
"""


def _ok(results):
    return [r for r in results if r.get("status") == "ok"]


def _worst(results, key):
    values = [r[key] for r in _ok(results)]
    return max(values) if values else None


def summarise(
    counts,
    searches,
    details,
    changelists,
    exports,
    suggestions=None,
    feeds=None,
    api_records=None,
    under_load=None,
    release=None,
):
    suggestions, feeds = suggestions or {}, feeds or {}
    search = [row["search"] for row in searches]
    ratios = [
        round(row["admin"]["p50_ms"] / row["search"]["p50_ms"], 1)
        for row in searches
        if row["admin"].get("status") == "ok" and row["search"].get("status") == "ok" and row["search"]["p50_ms"]
    ]
    admin_p50 = [r["p50_ms"] for r in _ok(row["admin"] for row in searches)]
    export_figure = {fmt: result if result.get("status") == "ok" else {} for fmt, result in exports.items()}
    loaded = (under_load or {}).get("under_exports", {})
    return {
        "search_p50_ms": _worst(search, "p50_ms"),
        "search_p95_ms": _worst(search, "p95_ms"),
        "api_p95_ms": _worst([row["api"] for row in searches], "p95_ms"),
        "api_page100_p95_ms": _worst([row["api_page100"] for row in searches if "api_page100" in row], "p95_ms"),
        "api_record_p95_ms": _worst((api_records or {}).values(), "p95_ms"),
        "detail_p95_ms": _worst(details.values(), "p95_ms"),
        "feed_p95_ms": _worst(feeds.values(), "p95_ms"),
        "detail_under_exports_p95_ms": loaded.get("p95_ms") if loaded.get("status") == "ok" else None,
        "admin_facets_p50_ms": min(admin_p50) if admin_p50 else None,
        "admin_over_search_ratio": min(ratios) if ratios else None,
        "search_queries_max": _worst(search, "queries"),
        "editor_changelist_p95_ms": _worst(changelists.values(), "p95_ms"),
        "csv_seconds": export_figure["csv"].get("seconds"),
        "csv_peak_mb": export_figure["csv"].get("peak_mb"),
        "xlsx_seconds": export_figure["xlsx"].get("seconds"),
        "xlsx_peak_mb": export_figure["xlsx"].get("peak_mb"),
        "json_seconds": export_figure["json"].get("seconds"),
        "suggest_p95_ms": _worst(suggestions.values(), "p95_ms"),
        # A release after the first: every table written and compared with the previous release.
        "release_seconds": (release or {}).get("next", {}).get("seconds"),
        **counts,
        "cases": searches,
        "details": details,
        "feeds": feeds,
        "api_records": api_records or {},
        "editor_changelists": changelists,
        "exports": exports,
        "suggestions": suggestions,
        "under_load": under_load or {},
        "release": release or {},
    }


def _page_name(key):
    return "home page" if key == "home" else f"detail {key}"


def _cell(result, key="p50_ms"):
    status = result.get("status", "?")
    if status != "ok":
        return "n/a" if status == "not available yet" else "error"
    return f"{result[key]:g}"


def _problems(results):
    """Each distinct non-ok status once, with the first URL that gave it."""
    seen = {}
    for row in results["cases"]:
        for kind in ("search", "api", "admin"):
            status = row[kind].get("status")
            if status != "ok":
                seen.setdefault(status, row[kind].get("url"))
    return [f"  {status}: {url}" for status, url in seen.items()]


def table(results):
    """A plain-text table: one line per search case, then details and exports."""
    head = ("case", "page p50", "p95", "queries", "API p50", "API p95", "admin p50", "admin/page")
    lines = [
        f"{results['initiatives']:,} initiatives, {results['researchers']:,} researchers, "
        f"{results['partnerships']:,} partnerships (times in ms; nothing cached)",
        "",
        "{:<20} {:>9} {:>9} {:>8} {:>9} {:>9} {:>10} {:>10}".format(*head),
    ]
    for row in results["cases"]:
        search, api, admin = row["search"], row["api"], row["admin"]
        ratio = "-"
        if search.get("status") == admin.get("status") == "ok" and search["p50_ms"]:
            ratio = f"{admin['p50_ms'] / search['p50_ms']:.1f}x"
        cells = (
            row["case"],
            _cell(search),
            _cell(search, "p95_ms"),
            search.get("queries", "-"),
            _cell(api),
            _cell(api, "p95_ms"),
            _cell(admin),
            ratio,
        )
        lines.append("{:<20} {:>9} {:>9} {:>8} {:>9} {:>9} {:>10} {:>10}".format(*cells))
    problems = _problems(results)
    if problems:
        lines += ["", "n/a = not available yet (404); not measured:", *problems]
    lines.append("")
    for register, result in results["details"].items():
        if result.get("status") == "ok":
            lines.append(f"{_page_name(register):<20} p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms")
        else:
            lines.append(f"{_page_name(register):<20} {result.get('status')}")
    for register, result in results.get("api_records", {}).items():
        figure = f"p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms" if result.get("status") == "ok" else ""
        lines.append(f"{'API record ' + register:<20} {figure or result.get('status')}")
    lines.append(f"{'API 100 a page':<20} p95 {results.get('api_page100_p95_ms')} ms (slowest case)")
    lines.append(_under_load_line(results.get("under_load") or {}))
    lines.append("")
    for name, result in results.get("suggestions", {}).items():
        label = f"suggest, {name}"
        if result.get("status") == "ok":
            lines.append(
                f"{label:<32} p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, {result['queries']} queries"
            )
        else:
            lines.append(f"{label:<32} {result.get('status')}")
    lines.append("")
    for name, result in results.get("feeds", {}).items():
        figures = f"p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms" if result.get("status") == "ok" else None
        lines.append(f"{'feed ' + name:<36} {figures or result.get('status')}")
    lines.append("")
    slowest = sorted(_ok(results["editor_changelists"].values()), key=lambda r: -r["p50_ms"])[:3]
    lines.append(
        "editors' admin changelists (facets off), slowest: "
        + (", ".join(f"{r['url']} p50 {r['p50_ms']} ms" for r in slowest) or "none measured")
    )
    for page in ("curation", "admin index"):
        result = results["editor_changelists"].get(page)
        if result and result.get("status") == "ok":
            lines.append(
                f"{page:<20} p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms, {result['queries']} queries"
            )
    lines.append("")
    for kind, result in results.get("renames", {}).items():
        if result.get("status") == "ok":
            lines.append(
                f"rename the {kind} most linked ({result['name']}): {result['seconds']} s, "
                f"{result.get('found', 0):,} records found under the new name at once"
            )
        else:
            lines.append(f"rename the {kind} most linked: {result.get('status')}")
    lines.append("")
    for name, result in results.get("workbench", {}).items():
        figure = f"p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms" if result.get("status") == "ok" else ""
        lines.append(f"workbench {name:<26} {figure or result.get('status')}")
    lines.append("")
    for fmt, result in results["exports"].items():
        if result.get("status") == "ok":
            lines.append(
                f"export {fmt:<5} {result['rows']:,} rows in {result['seconds']} s "
                f"({result['rows_per_second']:,} rows/s), peak memory growth {result['peak_mb']} MB"
            )
        else:
            lines.append(f"export {fmt:<5} {result.get('status')}")
    for which, result in results.get("release", {}).items():
        if result.get("status") == "ok":
            lines.append(
                f"data release ({which}) {result['rows']:,} rows, {result['files']} files, {result['bytes']:,} bytes "
                f"in {result['seconds']} s, peak memory growth {result['peak_mb']} MB"
            )
        else:
            lines.append(f"data release ({which}) {result.get('status')}")
    return "\n".join(lines)


def _under_load_line(loaded):
    """The detail page alone and while the exports run (bench/under_load.py), on one line."""
    under, alone = loaded.get("under_exports", {}), loaded.get("alone", {})
    if under.get("status") != "ok":
        return f"{'detail, exports on':<20} {under.get('status', 'not measured')}"
    return (
        f"{'detail, exports on':<20} p50 {under['p50_ms']} ms, p95 {under['p95_ms']} ms while {loaded['exporters']} "
        f"clients download {loaded['export']} (alone: p95 {alone.get('p95_ms')} ms); "
        f"{loaded['exports_finished']} files sent, {loaded['exports_busy']} answers 503 (slots busy)"
        + (f", errors: {loaded['errors'][:3]}" if loaded.get("errors") else "")
    )


MARKDOWN_COLUMNS = [
    ("initiatives", "initiatives", "{:,}"),
    ("search_p50_ms", "search p50 ms", "{:g}"),
    ("search_p95_ms", "search p95 ms", "{:g}"),
    ("search_queries_max", "queries max", "{}"),
    ("api_p95_ms", "API p95 ms", "{:g}"),
    ("api_page100_p95_ms", "API 100/page p95 ms", "{:g}"),
    ("api_record_p95_ms", "API record p95 ms", "{:g}"),
    ("detail_p95_ms", "detail p95 ms", "{:g}"),
    ("feed_p95_ms", "feed p95 ms", "{:g}"),
    ("detail_under_exports_p95_ms", "detail p95 ms, 3 exports on", "{:g}"),
    ("admin_facets_p50_ms", "reference admin p50 ms", "{:g}"),
    ("admin_over_search_ratio", "admin / search", "{:g}x"),
    ("editor_changelist_p95_ms", "editors' changelist p95 ms", "{:g}"),
    ("csv_seconds", "CSV s", "{:g}"),
    ("csv_peak_mb", "CSV MB", "{:g}"),
    ("xlsx_seconds", "XLSX s", "{:g}"),
    ("xlsx_peak_mb", "XLSX MB", "{:g}"),
    ("json_seconds", "JSON s", "{:g}"),
    ("suggest_p95_ms", "suggest p95 ms", "{:g}"),
    ("release_seconds", "release s", "{:g}"),
]


def markdown_header():
    names = [label for _key, label, _fmt in MARKDOWN_COLUMNS]
    return "| " + " | ".join(names) + " |\n|" + "---:|" * len(names)


def markdown_row(results):
    """One row of the README's benchmark table (``n/a`` where a figure could not be measured)."""
    cells = [
        fmt.format(results[key]) if results.get(key) is not None else "n/a" for key, _label, fmt in MARKDOWN_COLUMNS
    ]
    return "| " + " | ".join(cells) + " |"
