"""A fourth register, from a test-only app, gets its search page, API, counts and export from the machinery.

Run by ``tests/test_fourth_register.py`` with ``tests/fourth_register/settings.py`` (which installs the app), on
a test database of its own. The app (models, migrations, declaration, columns, API fields, sitemap, URLs, one
row template) is all there is: no machinery file knows it.
"""

import csv
import io
import json

import pytest
from django.contrib.auth.models import Group
from django.http import QueryDict

from accounts.roles import ANALYSTS
from directory.models import Country
from editorial.models import EditorialState
from search import Search, registry

from .. import facet_oracle
from ..test_facet_sql import differences, sql_pairs
from .models import Agreement

pytestmark = pytest.mark.django_db
PUBLISHED, DRAFT = EditorialState.PUBLISHED, EditorialState.DRAFT


@pytest.fixture
def agreements():
    fr, us, kenya = (Country.objects.get(iso2=code) for code in ("FR", "US", "KE"))
    rows = [
        ("paris-science-accord", "Paris science accord", "treaty", fr, 2016, PUBLISHED),
        ("ocean-data-memorandum", "Ocean data memorandum", "memorandum", fr, 2019, PUBLISHED),
        ("pacific-research-treaty", "Pacific research treaty", "treaty", us, 2021, PUBLISHED),
        ("nairobi-memorandum", "Nairobi memorandum on climate research", "memorandum", kenya, 2022, PUBLISHED),
        ("secret-draft", "Secret draft treaty", "treaty", us, 2023, DRAFT),
    ]
    return {
        slug: Agreement.objects.create(
            slug=slug, title=title, kind=kind, country=country, signed=year, editorial_state=state
        )
        for slug, title, kind, country, year, state in rows
    }


def facet_counts(html_or_json, facet):
    return {value["value"]: value["count"] for value in html_or_json["facets"][facet]}


def test_the_register_is_registered_and_its_bitmap_sql_is_what_it_declares():
    register = registry["agreements"]
    assert register.exports is not None and register.serialize is not None and register.sitemap is not None
    assert differences(register) == []


def test_its_search_page_lists_published_agreements_with_facet_counts(client, agreements):
    html = client.get("/agreements/").content.decode()
    assert "Paris science accord" in html and "Pacific research treaty" in html
    assert "Secret draft treaty" not in html
    assert 'name="kind" value="treaty"' in html
    filtered = client.get("/agreements/?kind=memorandum&signed_from=2020").content.decode()
    assert "Nairobi memorandum" in filtered and "Ocean data memorandum" not in filtered
    assert "Nairobi memorandum" in client.get("/agreements/?q=climate").content.decode()
    assert "Secret draft treaty" not in client.get("/agreements/?q=secret").content.decode()
    assert client.get(f"/agreements/{agreements['paris-science-accord'].slug}/").status_code == 200
    assert client.get("/agreements/secret-draft/").status_code == 404


def test_its_api_gives_results_and_disjunctive_counts(client, agreements):
    answer = json.loads(client.get("/api/agreements/?kind=treaty").content)
    assert answer["count"] == 2
    assert {result["slug"] for result in answer["results"]} == {"paris-science-accord", "pacific-research-treaty"}
    assert facet_counts(answer, "kind") == {"treaty": 2, "memorandum": 2}  # its own selection not counted
    assert facet_counts(answer, "country") == {"FR": 1, "US": 1}
    assert set(answer["facets"]) == {"kind", "country", "region"}


def test_its_counts_come_from_bitmaps_kept_by_the_triggers(agreements):
    register = registry["agreements"]
    for params in ["", "kind=treaty", "region=europe&signed_to=2018", "country=US&country=KE", "q=research"]:
        search = Search(register, QueryDict(params))
        assert search.facet_counts() == facet_oracle.facet_counts(search), params
        assert search.total() == facet_oracle.filtered(search).count(), params
    Agreement.objects.filter(slug="secret-draft").update(editorial_state=PUBLISHED)  # no signal: the triggers
    assert Search(register, QueryDict("kind=treaty")).total() == 3
    ids = list(Agreement.objects.values_list("pk", flat=True))
    assert sql_pairs(register, ids) == facet_oracle.pairs(register, ids)


def test_its_export_has_its_columns_and_only_published_rows(client, django_user_model, agreements):
    analyst = django_user_model.objects.create_user("analyst-of-agreements")
    analyst.groups.add(Group.objects.get(name=ANALYSTS))
    client.force_login(analyst)
    response = client.get("/agreements/export.csv?country=FR")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == ["slug", "title", "kind", "country", "signed", "url", "updated_at"]
    assert sorted(row[0] for row in rows[1:]) == ["ocean-data-memorandum", "paris-science-accord"]
    everything = client.get("/agreements/export.json")
    assert "secret-draft" not in b"".join(everything.streaming_content).decode()


def test_its_records_are_in_the_sitemap_and_the_api_index(client, agreements):
    assert "/agreements/paris-science-accord/" in client.get("/sitemap-agreements.xml").content.decode()
    assert "/agreements/secret-draft/" not in client.get("/sitemap-agreements.xml").content.decode()
    assert "/api/agreements/" in client.get("/api/").content.decode()
