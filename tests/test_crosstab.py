"""The workbench's cross-tab: every count is the search it links to (checked against the ORM oracle), totals,
unknown facets, permissions, downloads, one query for the counts, every register."""

import csv
import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from editorial.models import EditorialState
from search import Search, crosstab, registry
from tests import facet_oracle
from tests.factories import InitiativeFactory, PolicyAreaFactory, UserFactory, country

pytestmark = pytest.mark.django_db

URL = "/workbench/initiatives/crosstab/"


@pytest.fixture
def initiatives():
    energy, health = PolicyAreaFactory(slug="energy", name="Energy"), PolicyAreaFactory(slug="health", name="Health")
    ocean = PolicyAreaFactory(slug="ocean", name="Ocean")
    us, fr, ke = country("US"), country("FR"), country("KE")
    InitiativeFactory(title="Grid", policy_areas=[energy], countries=[us, fr], status="active")
    InitiativeFactory(title="Clinics", policy_areas=[energy, health], countries=[us], status="completed")
    InitiativeFactory(
        title="Vaccines", policy_areas=[health], countries=[ke], status="active", kind="capacity_building"
    )
    InitiativeFactory(title="Reefs", policy_areas=[ocean], countries=[fr, ke], status="planned")
    InitiativeFactory(title="No partner", policy_areas=[health], status="active")
    # Never counted: a draft in every cell it would touch.
    InitiativeFactory(
        policy_areas=[energy, health, ocean], countries=[us, fr, ke], status="active",
        editorial_state=EditorialState.DRAFT,
    )  # fmt: skip


def oracle_total(url):
    """The number of results of the search ``url`` links to, counted with plain ORM queries."""
    parts = urlsplit(url)
    assert parts.path == "/initiatives/"
    search = Search(registry["initiatives"], QueryDict(parts.query))
    return facet_oracle.filtered(search).count()


def table_of(response):
    return response.context["table"]


@pytest.mark.parametrize(
    "query",
    [
        "rows=area&cols=country",
        "rows=area&cols=status&status=active&status=planned",
        "rows=country&cols=area&area=health&status=active",
        "rows=status&cols=region&q=clinics",
        "rows=area&cols=country&kind=research_collaboration&year_from=2019",
        "rows=country&cols=area&status=planned",  # the search's last record is not the register's: bitmaps are cut
        "rows=country&cols=status&status=planned&country=FR&country=US",
    ],
)
def test_every_count_equals_the_result_count_of_the_search_it_links_to(client, analyst, initiatives, query):
    table = table_of(client.get(f"{URL}?{query}"))

    assert table.rows and table.columns
    for line in table.rows:
        for cell in line.cells:
            assert cell.count == oracle_total(cell.url), cell.url
        assert line.total == oracle_total(line.url), line.url
    for column in table.columns:
        assert column.total == oracle_total(column.url), column.url
    assert table.total == oracle_total(table.total_url)


def test_a_cell_replaces_the_row_and_column_selections_and_keeps_the_rest(client, analyst, initiatives):
    table = table_of(
        client.get(
            f"{URL}?rows=area&cols=status&area=ocean&status=active&status=planned&kind=research_collaboration&page=3"
        )
    )

    [ocean] = table.rows
    planned = next(cell for column, cell in zip(table.columns, ocean.cells, strict=True) if column.value == "planned")
    query = parse_qs(urlsplit(planned.url).query)
    assert query == {"area": ["ocean"], "status": ["planned"], "kind": ["research_collaboration"]}
    assert planned.count == 1


def test_counts_the_hand_counted_matrix(client, analyst, initiatives):
    table = table_of(client.get(f"{URL}?rows=area&cols=country"))

    matrix = {
        (line.label, column.label): cell.count
        for line in table.rows
        for column, cell in zip(table.columns, line.cells, strict=True)
    }
    assert matrix[("Energy", "United States")] == 2
    assert matrix[("Health", "Kenya")] == 1
    assert matrix[("Ocean", "United States")] == 0
    assert {line.label: line.total for line in table.rows} == {"Energy": 2, "Health": 3, "Ocean": 1}
    assert table.total == 5  # the draft is nowhere


def test_selected_values_are_the_rows_shown(client, analyst, initiatives):
    table = table_of(client.get(f"{URL}?rows=area&cols=status&area=ocean&area=energy"))

    assert sorted(line.value for line in table.rows) == ["energy", "ocean"]


def test_heatmap_shades_grow_with_the_count(client, analyst, initiatives):
    table = table_of(client.get(f"{URL}?rows=area&cols=status"))
    cells = [cell for line in table.rows for cell in line.cells]

    assert max(cells, key=lambda cell: cell.count).level == 5
    assert all(cell.level == 0 for cell in cells if cell.count == 0)
    assert all(0 < cell.level <= 5 for cell in cells if cell.count)


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ("rows=nonsense&cols=status", "There is no facet “nonsense”"),
        ("rows=area&cols=%3Cscript%3E", "There is no facet “&lt;script&gt;”"),
        ("rows=status&cols=status", "two different facets"),
    ],
)
def test_an_unknown_or_repeated_facet_gets_the_page_and_a_notice(client, analyst, initiatives, query, notice):
    response = client.get(f"{URL}?{query}")

    assert response.status_code == 200
    assert notice in response.content.decode()
    choice = response.context["choice"]
    assert choice.rows != choice.columns
    assert {choice.rows, choice.columns} <= {facet.name for facet in registry["initiatives"].facets}


def test_counts_cost_one_query(client, analyst, initiatives, django_assert_max_num_queries):
    # Session, user, the user's own and their groups' permissions; the facet choices (one UNION); every count of
    # the table, totals included, with the text's matches (one WITH query).
    with django_assert_max_num_queries(6):
        assert client.get(f"{URL}?rows=country&cols=area&q=grid&status=active").status_code == 200


def test_each_cell_ands_its_two_bitmaps_once(initiatives):
    # The cells' ANDs are nearly all of the query's work: PostgreSQL's plan must not compute one twice (a flattened
    # subquery put it both in the join's filter and in its output).
    search = Search(registry["initiatives"], QueryDict("status=active"))
    search.choices  # noqa: B018 (the facet choices, read before the counts' query is captured)
    with CaptureQueriesContext(connection) as queries:
        crosstab.compute(search, "country", "area", "/initiatives/")
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (VERBOSE) {queries[-1]['sql']}")
        plan = "\n".join(line for (line,) in cursor.fetchall())

    assert plan.count("(r.bits & c.bits)") == 1


@pytest.mark.parametrize("register", list(registry))
def test_every_register_and_facet_pair_has_a_cross_tab(client, analyst, register):
    facets = [facet.name for facet in registry[register].facets]
    for rows, cols in zip(facets, facets[1:] + facets[:1], strict=True):
        response = client.get(f"/workbench/{register}/crosstab/?rows={rows}&cols={cols}")
        assert response.status_code == 200
        assert (response.context["choice"].rows, response.context["choice"].columns) == (rows, cols)


def test_unknown_register_is_not_found(client, analyst):
    assert client.get("/workbench/nothing/crosstab/").status_code == 404


def test_anonymous_visitors_sign_in_and_editors_are_refused(client, initiatives):
    assert client.get(URL).status_code == 302
    client.force_login(UserFactory(groups=["Editors"]))
    assert client.get(URL).status_code == 403
    assert client.get("/workbench/initiatives/crosstab.csv").status_code == 403


def test_csv_download_is_the_table_with_totals(client, analyst, initiatives):
    response = client.get("/workbench/initiatives/crosstab.csv?rows=area&cols=status&q=")
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))

    assert rows[0] == ["Policy area \\ Status", "Planned", "Active", "Completed", "Total"]
    assert rows[1:] == [
        ["Energy", "0", "1", "1", "2"],
        ["Health", "0", "2", "1", "3"],
        ["Ocean", "1", "0", "0", "1"],
        ["Total", "1", "3", "1", "5"],
    ]


def test_xlsx_download_holds_numbers(client, analyst, initiatives):
    response = client.get("/workbench/initiatives/crosstab.xlsx?rows=area&cols=status")
    sheet = load_workbook(io.BytesIO(response.getvalue())).active

    assert [cell.value for cell in sheet[1]][-1] == "Total"
    assert [cell.value for cell in sheet[sheet.max_row]] == ["Total", 1, 3, 1, 5]


def test_the_page_links_every_count_and_speaks_japanese(client, analyst, initiatives, japanese_catalogue):
    page = client.get(f"/ja{URL}?rows=area&cols=status").content.decode()

    assert "合計" in page and "政策分野" in page
    assert 'href="/ja/initiatives/?area=energy&amp;status=active"' in page
    assert ' style="' not in page
    assert re.findall(r"<script(?![^>]*\ssrc=)", page) == []  # no inline script: only the site's files


def test_an_analysts_search_page_links_its_cross_tab(client, analyst, initiatives):
    page = client.get("/initiatives/?status=active").content.decode()

    assert 'href="/workbench/initiatives/crosstab/?status=active"' in page
