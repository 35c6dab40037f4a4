"""Everyone's downloads of a search: CSV and JSON with the public columns, every page in the page's order,
streamed, nothing private (directly or in another record's cells), the licence in every file; XLSX stays the
analysts'."""

import csv
import io
import json

import pytest
from django.http import QueryDict

from editorial.models import EditorialState
from search import registry, search_queryset
from tests.factories import (
    ExchangeFactory,
    InitiativeFactory,
    ParticipationFactory,
    PartnershipFactory,
    PolicyAreaFactory,
    ResearcherFactory,
    UserFactory,
)
from tests.test_exports import CONTRACT, REGISTERS

pytestmark = pytest.mark.django_db

LICENSE = "https://creativecommons.org/licenses/by/4.0/"


def body(response):
    assert response.status_code == 200
    assert response.streaming  # never built whole in memory
    return b"".join(response.streaming_content).decode("utf-8")


def read_csv(response):
    return list(csv.reader(io.StringIO(body(response).removeprefix("\ufeff"))))


def read_json(response):
    return json.loads(body(response))


def public_columns(register):
    return [name for name in CONTRACT[register].split(", ") if name != "email"]


@pytest.mark.parametrize("register", REGISTERS)
def test_anonymous_csv_has_the_public_columns_and_names_its_licence(client, register):
    response = client.get(f"/{register}/export.csv")
    assert response["Link"] == f'<{LICENSE}>; rel="license"'
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    header = read_csv(response)[0]
    assert header[: len(public_columns(register))] == public_columns(register)
    assert "email" not in header


@pytest.mark.parametrize("register", REGISTERS)
def test_anonymous_json_carries_its_licence_source_and_columns(client, register):
    response = client.get(f"/{register}/export.json", {"q": "ocean", "page": "2"})
    assert response["Link"] == f'<{LICENSE}>; rel="license"'
    document = read_json(response)
    metadata = document["metadata"]
    assert metadata["license"] == {
        "name": "CC-BY-4.0",
        "title": "Creative Commons Attribution 4.0 International",
        "path": LICENSE,
    }
    assert metadata["source"] == f"http://testserver/{register}/?q=ocean"
    assert metadata["columns"] == registry[register].public_exports.headers
    assert document["records"] == []


def test_public_columns_are_the_analysts_without_email():
    assert registry["researchers"].public_exports.headers == [
        name for name in registry["researchers"].exports.headers if name != "email"
    ]
    for register in ("initiatives", "partnerships"):
        assert registry[register].public_exports.headers == registry[register].exports.headers


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_every_page_of_the_search_in_the_pages_order(client, fmt):
    area = PolicyAreaFactory(slug="energy")
    for n in range(45):
        InitiativeFactory(title=f"Initiative {n:02d}", policy_areas=[area] if n % 3 else [])
    InitiativeFactory(title="Initiative draft", policy_areas=[area], editorial_state=EditorialState.DRAFT)
    params = {"area": "energy", "sort": "title", "page": "2"}
    expected = list(search_queryset("initiatives", QueryDict("area=energy&sort=title")).values_list("slug", flat=True))
    assert len(expected) == 30  # more than a page of the search: every page is downloaded
    response = client.get(f"/initiatives/export.{fmt}", params)
    slugs = (
        [row[0] for row in read_csv(response)[1:]]
        if fmt == "csv"
        else [record["slug"] for record in read_json(response)["records"]]
    )
    assert slugs == expected


def private_world():
    """A published initiative and partnership linked to everything the public must not see."""
    shown = ResearcherFactory(slug="shown-researcher", email="shown@example.ac.jp")
    no_consent = ResearcherFactory(slug="no-consent", consent_to_publish=False, email="nc@example.ac.jp")
    drafted = ResearcherFactory(slug="draft-researcher", editorial_state=EditorialState.DRAFT)
    initiative = InitiativeFactory(slug="published-initiative")
    draft_initiative = InitiativeFactory(slug="draft-initiative", editorial_state=EditorialState.DRAFT)
    for researcher in (shown, no_consent, drafted):
        ParticipationFactory(researcher=researcher, initiative=initiative)
        ParticipationFactory(researcher=researcher, initiative=draft_initiative)
    ExchangeFactory(researcher=no_consent)
    PartnershipFactory(slug="published-partnership")
    PartnershipFactory(slug="draft-partnership", editorial_state=EditorialState.DRAFT)
    return shown


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_nothing_private_in_any_public_download(client, fmt):
    private_world()
    everything = "".join(body(client.get(f"/{register}/export.{fmt}")) for register in registry)
    for private in ("no-consent", "draft-researcher", "draft-initiative", "draft-partnership", "@example"):
        assert private not in everything
    for public in ("shown-researcher", "published-initiative", "published-partnership"):
        assert public in everything
    rows = read_csv(client.get("/initiatives/export.csv"))
    participants = rows[1][rows[0].index("participants")]
    assert participants == "shown-researcher"  # the aggregated cell holds published researchers only


@pytest.mark.parametrize("groups", [[], ["Editors"]], ids=["signed-in", "editor"])
def test_signed_in_users_without_the_permission_get_the_public_columns(client, groups):
    private_world()
    client.force_login(UserFactory(groups=groups, is_staff=bool(groups)))
    assert "@example" not in body(client.get("/researchers/export.csv"))


def test_analysts_keep_their_wider_columns_and_xlsx(client):
    private_world()
    client.force_login(UserFactory(groups=["Analysts"]))
    assert "shown@example.ac.jp" in body(client.get("/researchers/export.csv"))
    xlsx = client.get("/researchers/export.xlsx")
    assert xlsx.status_code == 200 and xlsx["Link"] == f'<{LICENSE}>; rel="license"'


def test_anonymous_xlsx_is_sent_to_sign_in(client):
    response = client.get("/researchers/export.xlsx?q=x")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/researchers/export.xlsx")


@pytest.mark.parametrize("register", REGISTERS)
def test_anonymous_query_count_does_not_grow_with_rows(client, register, django_assert_max_num_queries):
    def make(n):
        for _ in range(n):
            researcher = ResearcherFactory()
            ParticipationFactory(researcher=researcher, initiative=InitiativeFactory())
            PartnershipFactory()

    make(20)
    # The facet choices, then the rows with every multi-valued cell aggregated, one streamed query
    # (a server-side cursor: DECLARE, FETCH until done, CLOSE, in its transaction).
    with django_assert_max_num_queries(8) as small:
        assert len(read_csv(client.get(f"/{register}/export.csv"))) == 21
    make(60)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(read_csv(client.get(f"/{register}/export.csv"))) == 81


@pytest.mark.parametrize("register", REGISTERS)
def test_search_page_offers_everyone_the_downloads_of_the_same_search(client, register):
    page = client.get(f"/{register}/", {"q": "x", "sort": "title", "page": "1"}).content.decode()
    for fmt in ("csv", "json"):
        assert f'href="/{register}/export.{fmt}?q=x&amp;sort=title" download' in page
    assert f'href="{LICENSE}" rel="license"' in page
    assert "export.xlsx" not in page


def test_site_search_offers_each_registers_downloads(client):
    InitiativeFactory(title="Ocean buoys")
    page = client.get("/search/", {"q": "ocean"}).content.decode()
    assert 'href="/initiatives/export.csv?q=ocean" download' in page
    assert 'href="/initiatives/export.json?q=ocean" download' in page


def test_footer_states_the_licence_in_both_languages(client, japanese_catalogue):
    english = client.get("/").content.decode()
    japanese = client.get("/ja/").content.decode()
    assert f'<a href="{LICENSE}" rel="license">Creative Commons Attribution 4.0 licence (CC BY 4.0)</a>' in english
    assert (
        f'<a href="{LICENSE}" rel="license">クリエイティブ・コモンズ 表示 4.0 国際ライセンス（CC BY 4.0）</a>'
        in japanese
    )
