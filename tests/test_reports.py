"""Staff reports: figures equal hand counts, permissions, downloads, year range, and the SVG chart helper."""

import csv
import datetime
import io
import itertools
import re

import pytest
from openpyxl import load_workbook

from editorial.models import EditorialState
from reports import charts
from reports.catalogue import REPORTS
from tests.factories import (
    ExchangeFactory,
    FrameworkFactory,
    InitiativeFactory,
    LocalityFactory,
    PartnershipFactory,
    PolicyAreaFactory,
    ResearcherFactory,
    UserFactory,
    country,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def analyst(client):
    client.force_login(UserFactory(groups=["Analysts"]))


def table(response, slug):
    [section] = [s for s in response.context["sections"] if s["report"].slug == slug]
    return section["table"]


def rows(response, slug):
    return table(response, slug).rows


def on(year):
    return datetime.date(year, 6, 1)


@pytest.fixture
def initiatives():
    energy, health = PolicyAreaFactory(slug="energy", name="Energy"), PolicyAreaFactory(slug="health", name="Health")
    g7, satreps = FrameworkFactory(slug="g7", name="G7"), FrameworkFactory(slug="satreps", name="SATREPS")
    us, fr, ke = country("US"), country("FR"), country("KE")
    InitiativeFactory(start_date=on(2016), policy_areas=[energy], countries=[us, fr], frameworks=[g7], funding_jpy=100)
    InitiativeFactory(start_date=on(2016), policy_areas=[energy, health], countries=[us], frameworks=[g7, satreps])
    InitiativeFactory(start_date=on(2019), policy_areas=[health], countries=[ke], frameworks=[satreps], funding_jpy=30)
    InitiativeFactory(start_date=on(2019), policy_areas=[health], countries=[us], funding_jpy=7)
    # Never counted: a draft.
    InitiativeFactory(
        start_date=on(2019), policy_areas=[energy], countries=[us], frameworks=[g7], funding_jpy=10**9,
        editorial_state=EditorialState.DRAFT,
    )  # fmt: skip


def test_initiatives_per_area_per_year_is_a_crosstab_of_published_initiatives(client, analyst, initiatives):
    response = client.get("/reports/")
    result = table(response, "initiatives-by-policy-area")
    assert result.columns == ["Policy area", 2016, 2017, 2018, 2019, "Total"]
    assert result.rows == [["Energy", 2, 0, 0, 0, 2], ["Health", 1, 0, 0, 2, 3]]


def test_initiatives_by_region_and_top_countries(client, analyst, initiatives):
    response = client.get("/reports/")
    by_region = dict(rows(response, "initiatives-by-region"))
    assert by_region["Americas"] == 3
    assert by_region["Africa"] == 1
    assert by_region["Europe"] == 1
    countries = rows(response, "initiatives-by-country")
    # Most initiatives first, then by name (France before Kenya).
    assert [r[1:] for r in countries] == [["US", 3], ["FR", 1], ["KE", 1]]


def test_top_countries_stop_at_20(client, analyst):
    codes = ["US", "FR", "KE", "DE", "GB", "IT", "CA", "AU", "BR", "IN", "CN", "KR"]
    codes += ["TH", "VN", "ID", "PH", "MY", "SG", "NZ", "ZA", "EG", "MX"]
    for code in codes:
        InitiativeFactory(countries=[country(code)])
    assert len(rows(client.get("/reports/"), "initiatives-by-country")) == 20


def test_funding_by_framework_sums_published_funding(client, analyst, initiatives):
    result = rows(client.get("/reports/"), "funding-by-framework")
    assert result == [["G7", 2, 100], ["SATREPS", 2, 30], ["(no framework)", 1, 7]]


def test_year_range_filters_every_dated_report(client, analyst, initiatives):
    response = client.get("/reports/", {"year_from": "2017", "year_to": "2030"})
    assert rows(response, "initiatives-by-policy-area") == [["Health", 2, 2]]
    assert rows(response, "funding-by-framework") == [["SATREPS", 1, 30], ["(no framework)", 1, 7]]


@pytest.fixture
def partnerships():
    tokyo = LocalityFactory(name="Tokyo", country=country("JP"), level="prefecture", iso_code="JP-99")
    shibuya = LocalityFactory(name="Shibuya", country=country("JP"), parent=tokyo)
    osaka = LocalityFactory(name="Osaka", country=country("JP"), level="prefecture", iso_code="JP-98")
    PartnershipFactory(japanese_locality=tokyo, established=1960)
    PartnershipFactory(japanese_locality=shibuya, established=2001)
    PartnershipFactory(
        japanese_locality=osaka, established=1995, foreign_locality=LocalityFactory(country=country("FR"))
    )
    PartnershipFactory(japanese_locality=osaka, editorial_state=EditorialState.DRAFT)


def test_partnerships_by_prefecture_count_their_cities(client, analyst, partnerships):
    response = client.get("/reports/")
    assert rows(response, "partnerships-by-prefecture") == [["Tokyo", "JP-99", 2], ["Osaka", "JP-98", 1]]
    assert [r[1:] for r in rows(response, "partnerships-by-country")] == [["US", 2], ["FR", 1]]


def test_partnerships_year_range_is_the_year_established(client, analyst, partnerships):
    response = client.get("/reports/", {"year_from": "1990"})
    assert rows(response, "partnerships-by-prefecture") == [["Osaka", "JP-98", 1], ["Tokyo", "JP-99", 1]]


def test_researchers_by_english_level_and_career_stage(client, analyst):
    ResearcherFactory(english_level="B1", career_stage="senior")
    ResearcherFactory(english_level="B1", career_stage="early_career")
    ResearcherFactory(english_level="C2", career_stage="early_career")
    ResearcherFactory(english_level="C2", career_stage="early_career", consent_to_publish=False)
    result = table(client.get("/reports/", {"year_from": "2030"}), "researchers-by-english-level")
    assert result.columns == ["English level", "Student", "Early career", "Mid career", "Senior", "Total"]
    assert result.rows == [["B1", 0, 1, 0, 1, 2], ["C2", 0, 1, 0, 0, 1]]


def test_exchanges_abroad_and_into_japan_per_year(client, analyst):
    ExchangeFactory(start_date=on(2018), direction="outbound")
    ExchangeFactory(start_date=on(2018), direction="inbound")
    ExchangeFactory(start_date=on(2020), direction="outbound")
    ExchangeFactory(start_date=on(2020), direction="outbound", researcher=ResearcherFactory(consent_to_publish=False))
    result = table(client.get("/reports/"), "exchanges-by-year")
    assert result.rows == [[2018, 1, 1], [2019, 0, 0], [2020, 1, 0]]


def test_page_runs_one_query_per_report(client, analyst, initiatives, django_assert_max_num_queries):
    # Session, user, the user's permissions (groups), then one grouped query per report (the lines map: two,
    #   the pairs of localities and the localities).
    with django_assert_max_num_queries(3 + len(REPORTS) + 1):
        assert client.get("/reports/").status_code == 200


def test_page_shows_a_chart_and_a_table_per_report(client, analyst, initiatives):
    page = client.get("/reports/").content.decode()
    assert page.count("<svg") >= 4
    # The charts are drawn on the server: the page's only scripts are the site's files (the search box's).
    assert re.findall(r"<script(?![^>]*\ssrc=)", page) == []
    assert ' style="' not in page
    for report in REPORTS:
        assert f'id="{report.slug}"' in page
        assert f"/reports/{report.slug}.csv" in page


@pytest.mark.parametrize("params", [{"year_from": "abc"}, {"year_to": "99999999999999999999"}, {"year_from": "-5"}])
def test_malformed_years_are_ignored_with_a_notice(client, analyst, initiatives, params):
    response = client.get("/reports/", params)
    assert response.status_code == 200
    assert "Ignored" in response.content.decode()
    assert rows(response, "initiatives-by-policy-area")[0][0] == "Energy"


def test_reversed_years_are_swapped(client, analyst, initiatives):
    response = client.get("/reports/", {"year_from": "2019", "year_to": "2016"})
    assert table(response, "initiatives-by-policy-area").columns[1:-1] == [2016, 2017, 2018, 2019]
    assert "reversed" in response.content.decode()


def test_csv_download_has_the_table_and_a_byte_order_mark(client, analyst, initiatives):
    response = client.get("/reports/funding-by-framework.csv", {"year_from": "2017", "year_to": "bad"})
    assert response.status_code == 200
    assert 'filename="report-funding-by-framework-' in response["Content-Disposition"]
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    assert list(csv.reader(io.StringIO(body[1:]))) == [
        ["Framework", "Initiatives", "Funding (JPY)"],
        ["SATREPS", "1", "30"],
        ["(no framework)", "1", "7"],
    ]


def test_xlsx_download_opens_with_numbers_as_numbers(client, analyst, initiatives):
    response = client.get("/reports/initiatives-by-policy-area.xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    assert [c.value for c in sheet[1]] == ["Policy area", 2016, 2017, 2018, 2019, "Total"]
    assert [c.value for c in sheet[2]] == ["Energy", 2, 0, 0, 0, 2]


def test_downloads_neutralise_formula_like_names(client, analyst):
    InitiativeFactory(frameworks=[FrameworkFactory(slug="evil", name="=HYPERLINK(1)")], funding_jpy=1)
    body = b"".join(client.get("/reports/funding-by-framework.csv").streaming_content).decode("utf-8")
    assert "'=HYPERLINK(1)" in body
    response = client.get("/reports/funding-by-framework.xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    assert sheet["A2"].value == "'=HYPERLINK(1)"


def test_unknown_report_or_format_is_not_found(client, analyst):
    assert client.get("/reports/nope.csv").status_code == 404
    assert client.get("/reports/funding-by-framework.json").status_code == 404


@pytest.mark.parametrize("url", ["/reports/", "/reports/exchanges-by-year.csv"])
def test_anonymous_visitor_is_sent_to_sign_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/reports/")


@pytest.mark.parametrize(
    ("groups", "superuser", "status"),
    [([], False, 403), (["Editors"], False, 403), (["Analysts"], False, 200), ([], True, 200)],
    ids=["signed-in", "editor", "analyst", "superuser"],
)
@pytest.mark.parametrize("url", ["/reports/", "/reports/exchanges-by-year.xlsx"])
def test_permission_matrix(client, url, groups, superuser, status):
    client.force_login(UserFactory(groups=groups, is_superuser=superuser, is_staff=superuser or bool(groups)))
    assert client.get(url).status_code == status


def test_empty_database_renders_without_charts(client, analyst):
    response = client.get("/reports/")
    assert response.status_code == 200
    assert "Nothing to count" in response.content.decode()


def test_nice_max_rounds_up_to_1_2_5():
    assert [charts.nice_max(v) for v in (0, 1, 3, 7, 12, 180, 1000, 1001)] == [1, 1, 5, 10, 20, 200, 1000, 2000]


def test_bar_chart_scales_bars_to_the_largest_value():
    chart = charts.bar_chart(["a", "b"], [10, 5], width=400)
    first, second = chart.marks
    assert first["width"] == pytest.approx(2 * second["width"], abs=0.1)
    value = chart.labels[2]  # after the names: the printed "10" after the longest bar stays inside the chart
    assert value["x"] == first["x"] + first["width"] + 6
    assert value["x"] + charts.text_width("10") <= 400
    assert first["title"] == "a: 10"
    assert chart.height == 8 * 2 + 2 * 28


def test_stacked_chart_stacks_segments_and_folds_small_series():
    series = [(f"s{i}", [i, 1]) for i in range(10)]
    chart = charts.stacked_bar_chart(["2020", "2021"], series, plot_height=100)
    names = [item["name"] for item in chart.legend]
    assert len(names) == charts.MAX_SERIES
    assert names[-1] == "Other"
    # Each column's segments sit on each other: the top of one is the bottom of the next.
    first_column = [m for m in chart.marks if m["title"].startswith("2020")]
    for lower, upper in itertools.pairwise(first_column):
        assert upper["y"] + upper["height"] == pytest.approx(lower["y"], abs=0.2)


def test_line_chart_draws_one_line_per_series_with_a_point_per_category():
    chart = charts.line_chart([2018, 2019, 2020], [("out", [1, 0, 4]), ("in", [0, 2, 1])], plot_height=100)
    assert len(chart.lines) == 2
    assert len(chart.lines[0]["points"].split()) == 3
    assert len([m for m in chart.marks if m["dot"]]) == 6
    assert [line["label"] for line in chart.gridlines] == ["0", "1", "2", "3", "4", "5"]


def test_ticks_are_whole_numbers():
    assert charts.ticks(5) == [0, 1, 2, 3, 4, 5]
    assert charts.ticks(20) == [0, 4, 8, 12, 16, 20]
    assert charts.ticks(2) == [0, 1, 2]
    assert charts.ticks(1) == [0, 1]


def test_long_bar_labels_are_shortened_but_tooltips_keep_them():
    label = "World Premier International Research Center Initiative (WPI)"
    chart = charts.bar_chart([label, "G7"], [1, 2])
    name = chart.labels[0]
    assert name["text"].endswith("…")
    assert label.startswith(name["text"][:-1])
    assert charts.text_width(name["text"]) <= name["x"]  # fits left of the bars
    assert name["title"] == label  # drawn as the label's <title>: the full name on hover
    assert chart.marks[0]["title"] == f"{label}: 1"
    assert chart.labels[1]["title"] == ""  # "G7" is whole


def test_unrecorded_funding_is_not_recorded_never_a_zero_bar(client, analyst):
    g7, belmont = FrameworkFactory(name="G7"), FrameworkFactory(name="Belmont Forum")
    InitiativeFactory(frameworks=[g7], funding_jpy=500)
    InitiativeFactory(frameworks=[belmont], funding_jpy=None)
    response = client.get("/reports/")
    assert rows(response, "funding-by-framework") == [["G7", 1, 500], ["Belmont Forum", 1, None]]
    [section] = [s for s in response.context["sections"] if s["report"].slug == "funding-by-framework"]
    for chart in (section["chart"], section["narrow_chart"]):
        assert [m["title"] for m in chart.marks] == ["G7: ¥500"]  # one bar: none for Belmont
        assert "not recorded" in [item["text"] for item in chart.labels if item["muted"]]
    page = response.content.decode()
    assert '<td class="num muted">not recorded</td>' in page
    sheet = load_workbook(io.BytesIO(b"".join(client.get("/reports/funding-by-framework.xlsx").streaming_content)))
    assert sheet.worksheets[0]["C3"].value is None  # an empty cell, not 0


@pytest.fixture
def japanese(client, analyst):
    InitiativeFactory(
        start_date=on(2016),
        policy_areas=[PolicyAreaFactory(name="Energy", name_ja="エネルギー")],
        countries=[country("US")],
        frameworks=[FrameworkFactory(name="Belmont Forum", name_ja="")],
        funding_jpy=3_700_000_000,
    )


def test_japanese_page_names_records_in_japanese_and_marks_english_fallbacks(client, japanese):
    response = client.get("/ja/reports/")
    page = response.content.decode()
    by_area = table(response, "initiatives-by-policy-area")
    assert by_area.columns[0] == "政策分野"
    assert by_area.columns[-1] == "合計"
    assert by_area.rows[0][0] == "エネルギー"
    assert table(response, "initiatives-by-region").rows == [["南北アメリカ", 1]]
    assert table(response, "funding-by-framework").columns == ["枠組み", "イニシアティブ", "資金（円）"]
    # No Japanese name for the framework: English, marked in the table and drawn in italics in the chart.
    assert '<span lang="en">Belmont Forum</span> <span class="lang-fallback"' in page
    assert 'lang="en" font-style="italic">Belmont Forum</text>' in page
    assert "日本語名がまだ記録されていない" in page
    assert "37億円" in page  # the funding bar's value, in Japanese units
    for english in (">Policy area<", ">Total<", ">Framework<", ">Years<", ">Apply<", "not recorded"):
        assert english not in page


def test_phone_chart_puts_long_labels_above_their_bars():
    labels = ["World Premier International Research Center Initiative (WPI)", "G7"]
    chart = charts.bar_chart(labels, [4, 2], width=charts.NARROW)
    assert [item["anchor"] for item in chart.labels[:2]] == ["start", "start"]
    assert all(mark["x"] == 0 for mark in chart.marks)  # bars use the whole width below their label
    assert chart.labels[0]["y"] < chart.marks[0]["y"]
    assert chart.labels[0]["title"] == labels[0]  # still cut to the width, whole on hover


def test_phone_stacked_chart_has_a_row_per_category_and_a_legend_that_fits():
    series = [(f"Policy area number {i}", [i, 1, 0]) for i in range(5)]
    chart = charts.stacked_rows_chart([2019, 2020, 2021], series)
    assert chart.width == charts.NARROW
    assert len({m["y"] for m in chart.marks}) == 2  # 2021 counts nothing: no segment, a total of 0
    totals = [item["text"] for item in chart.labels if item["anchor"] == "start"]
    assert totals == ["10", "5", "0"]
    for item in chart.legend:
        assert item["x"] + 18 + charts.text_width(item["name"]) <= charts.NARROW


def test_page_draws_each_chart_for_wide_screens_and_phones(client, analyst, initiatives):
    page = client.get("/reports/").content.decode()
    assert page.count("chart--wide") == page.count("chart--narrow") >= 4
    assert 'viewBox="0 0 360 ' in page


def test_wide_chart_axis_names_are_cut_to_their_column_and_years_thinned_out():
    levels = ["A1", "B1", "Not recorded by the researcher at all"]
    chart = charts.stacked_bar_chart(levels, [("Senior", [1, 2, 3])], width=300)
    axis = [item for item in chart.labels if item["anchor"] == "middle"]
    assert [item["text"][:2] for item in axis] == ["A1", "B1", "No"]
    assert axis[2]["title"] == levels[2]
    years = charts.stacked_bar_chart(list(range(1990, 2030)), [("Senior", [1] * 40)])
    shown = [item["text"] for item in years.labels if item["anchor"] == "middle"]
    assert "1990" in shown and 5 < len(shown) < 40
