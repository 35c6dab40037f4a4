"""API v1: page sizes and links, incremental harvesting with departures, one record with its links, JSON errors,
conditional requests and CORS, and nothing private anywhere."""

import datetime

import pytest
from django.utils import timezone

from editorial.models import EditorialState
from initiatives.models import Initiative
from people.models import Researcher
from search import registry
from search.changes import last_modified

from . import factories as f
from .search_data import build_initiatives, build_partnerships, build_researchers

pytestmark = pytest.mark.django_db

REGISTERS = ("initiatives", "researchers", "partnerships")


@pytest.fixture
def data():
    build_initiatives()
    build_researchers()
    build_partnerships()


def harvest(client, url):
    """Every result of a search, following ``next`` from ``url``."""
    slugs, pages = [], 0
    while url:
        answer = client.get(url).json()
        slugs += [result["slug"] for result in answer["results"]]
        url, pages = answer["next"], pages + 1
    return slugs, pages


@pytest.mark.parametrize("register", REGISTERS)
def test_following_next_gives_every_result_once_in_the_pages_order(client, data, register):
    everything = client.get(f"/api/v1/{register}/?page_size=100").json()
    slugs, pages = harvest(client, f"http://testserver/api/v1/{register}/?page_size=2")
    assert slugs == [result["slug"] for result in everything["results"]] and len(slugs) == everything["count"]
    assert pages == everything["count"] // 2 + everything["count"] % 2


def test_a_page_has_its_size_links_and_the_v0_fields(client, data):
    answer = client.get("/api/v1/initiatives/?status=active&page_size=2&page=2").json()
    assert {"count", "page", "num_pages", "results", "facets"} <= set(answer)
    assert answer["page_size"] == 2 and len(answer["results"]) == 2 and answer["updated_since"] is None
    assert answer["next"] == "http://testserver/api/v1/initiatives/?status=active&page_size=2&page=3"
    assert answer["previous"] == "http://testserver/api/v1/initiatives/?status=active&page_size=2&page=1"
    assert "removed" not in answer
    first = answer["results"][0]
    assert first["api_url"] == f"http://testserver/api/v1/initiatives/{first['slug']}/"
    assert client.get("/api/v1/initiatives/?page_size=100").json()["previous"] is None


def test_v0_answers_are_unchanged(client, data):
    old = client.get("/api/initiatives/?status=active").json()
    # The answer as it was, plus the timeline's years (issue 13): a key added, none changed.
    assert set(old) == {"count", "page", "num_pages", "results", "facets", "years"}
    new = client.get("/api/v1/initiatives/?status=active").json()
    assert old["facets"] == new["facets"] and old["count"] == new["count"] and old["years"] == new["years"]
    assert [{k: v for k, v in r.items() if k != "api_url"} for r in new["results"]] == old["results"]


@pytest.mark.parametrize("size", ["0", "101", "-3", "ten", "2.5"])
def test_a_page_size_out_of_bounds_is_a_json_400_naming_the_bounds(client, data, size):
    response = client.get(f"/api/v1/initiatives/?page_size={size}")
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    assert response.json() == {"status": 400, "error": "page_size must be a whole number from 1 to 100."}


def test_errors_are_in_japanese_with_lang_ja(client, data, japanese_catalogue):
    error = client.get("/api/v1/initiatives/?page_size=0&lang=ja").json()["error"]
    assert "page_size" in error and "100" in error and error != "page_size must be a whole number from 1 to 100."


@pytest.mark.parametrize("value", ["yesterday", "2026-13-01T00:00:00Z", "2026-01-01T25:00"])
def test_a_bad_updated_since_is_a_json_400(client, data, value):
    response = client.get(f"/api/v1/initiatives/?updated_since={value}")
    assert response.status_code == 400 and "updated_since" in response.json()["error"]


def test_updated_since_keeps_the_records_changed_since_and_their_counts(client, data):
    Initiative.objects.update(updated_at=timezone.now() - datetime.timedelta(days=30))
    changed = Initiative.objects.published().order_by("pk")[:3]
    for initiative in changed:
        initiative.save()
    since = (timezone.now() - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    answer = client.get(f"/api/v1/initiatives/?updated_since={since}").json()
    assert sorted(r["slug"] for r in answer["results"]) == sorted(i.slug for i in changed)
    assert answer["count"] == 3 and answer["removed"] == []
    assert sum(value["count"] for value in answer["facets"]["status"]) == 3  # the counts are of the same search
    assert answer["updated_since"] == since.replace("Z", "+00:00")
    naive = client.get(f"/api/v1/initiatives/?updated_since={since[:-1]}").json()  # no offset: UTC
    assert naive["count"] == 3


def test_removed_lists_what_left_the_public_register_and_never_a_draft(client):
    unpublished, withdrawn, deleted, kept = (f.ResearcherFactory() for _ in range(4))
    draft = f.ResearcherFactory(editorial_state=EditorialState.DRAFT)
    before = timezone.now()
    unpublished.editorial_state = EditorialState.DRAFT
    unpublished.save()
    withdrawn.consent_to_publish = False
    withdrawn.save()
    deleted.delete()
    draft.given_name = "Edited"
    draft.save()  # changed since, but never public: its slug is private
    kept.save()
    since = before.isoformat().replace("+00:00", "Z")
    answer = client.get("/api/v1/researchers/", {"updated_since": since}).json()
    assert answer["removed"] == sorted([unpublished.slug, withdrawn.slug, deleted.slug])
    assert [r["slug"] for r in answer["results"]] == [kept.slug]
    later = client.get("/api/v1/researchers/", {"updated_since": timezone.now().isoformat()}).json()
    assert later["removed"] == []


def test_a_renamed_record_removes_its_old_slug(client):
    initiative = f.InitiativeFactory(slug="old-name")
    before = timezone.now()
    initiative.slug = "new-name"
    initiative.save()
    answer = client.get("/api/v1/initiatives/", {"updated_since": before.isoformat()}).json()
    assert answer["removed"] == ["old-name"] and [r["slug"] for r in answer["results"]] == ["new-name"]


def test_a_record_answers_its_fields_and_links_to_public_records_only(client):
    area = f.PolicyAreaFactory(slug="cybersecurity")
    initiative = f.InitiativeFactory(policy_areas=[area], countries=[f.country("PH")])
    public = f.ResearcherFactory(family_name="Public", email="public@example.ac.jp")
    hidden = f.ResearcherFactory(family_name="Hidden", consent_to_publish=False)
    for researcher in (public, hidden):
        f.ParticipationFactory(initiative=initiative, researcher=researcher)
    neighbour = f.InitiativeFactory(policy_areas=[area])
    f.InitiativeFactory(policy_areas=[area], editorial_state=EditorialState.DRAFT, slug="draft-neighbour")
    response = client.get(f"/api/v1/initiatives/{initiative.slug}/")
    assert response.status_code == 200
    answer = response.json()
    assert answer["slug"] == initiative.slug and answer["api_url"].endswith(f"/api/v1/initiatives/{initiative.slug}/")
    links = answer["links"]
    assert [r["slug"] for r in links["researchers"]] == [public.slug]
    assert links["researchers"][0]["api_url"] == f"http://testserver/api/v1/researchers/{public.slug}/"
    assert [r["slug"] for r in links["related_initiatives"]] == [neighbour.slug]
    assert links["lead_organization"][0]["url"].startswith("http://testserver/organizations/")
    assert [c["url"] for c in links["countries"]] == ["http://testserver/countries/ph/"]
    assert "api_url" not in links["countries"][0]
    body = response.content.decode()
    assert "Hidden" not in body and "@example" not in body and "draft-neighbour" not in body


def test_a_researchers_record_links_to_their_published_initiatives(client):
    researcher = f.ResearcherFactory()
    shown = f.InitiativeFactory(title="Shown")
    draft = f.InitiativeFactory(title="Draft", editorial_state=EditorialState.DRAFT)
    for initiative in (shown, draft):
        f.ParticipationFactory(initiative=initiative, researcher=researcher)
    answer = client.get(f"/api/v1/researchers/{researcher.slug}/").json()
    assert [i["slug"] for i in answer["links"]["initiatives"]] == [shown.slug]
    assert "email" not in answer and "consent_to_publish" not in answer


def test_a_partnerships_record_links_to_both_sides(client):
    partnership = build_partnerships()["osaka"]
    answer = client.get(f"/api/v1/partnerships/{partnership.slug}/").json()
    assert [side["name"] for side in answer["links"]["localities"]] == [
        str(partnership.japanese_locality),
        str(partnership.foreign_locality),
    ]


@pytest.mark.parametrize(
    "make",
    [
        lambda: ("initiatives", f.InitiativeFactory(editorial_state=EditorialState.DRAFT)),
        lambda: ("researchers", f.ResearcherFactory(consent_to_publish=False)),
        lambda: ("researchers", f.ResearcherFactory(editorial_state=EditorialState.DRAFT)),
        lambda: ("partnerships", f.PartnershipFactory(editorial_state=EditorialState.DRAFT)),
    ],
)
def test_a_private_record_is_a_json_404(client, make):
    register, record = make()
    response = client.get(f"/api/v1/{register}/{record.slug}/")
    assert response.status_code == 404 and response.json() == {
        "status": 404,
        "error": "No public record has this slug.",
    }


@pytest.mark.parametrize(
    "url", ["/api/v1/nothing/", "/api/v1/initiatives/a/b/", "/api/v2/", "/api/nothing/", "/api/v1/initiatives/?page=99"]
)
def test_every_api_error_is_json(client, url):
    response = client.get(url, follow=True)
    assert response.status_code == 404 and response["Content-Type"] == "application/json"
    assert response.json()["status"] == 404 and response.json()["error"]


def test_a_write_is_a_json_405(client):
    response = client.post("/api/v1/initiatives/")
    assert response.status_code == 405 and response.json()["status"] == 405 and response["Allow"] == "GET, HEAD"


def test_an_unexpected_error_under_api_is_json(rf):
    from portal.unavailable import server_error

    response = server_error(rf.get("/api/v1/initiatives/"))
    assert response.status_code == 500 and response["Content-Type"] == "application/json"
    assert server_error(rf.get("/initiatives/"))["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    "url", ["/api/v1/initiatives/?status=active", "/api/initiatives/", "/api/v1/openapi.json", "RECORD"]
)
def test_answers_carry_etag_and_last_modified_and_answer_304(client, data, url):
    if url == "RECORD":
        url = f"/api/v1/initiatives/{Initiative.objects.published().first().slug}/"
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"] and first["Last-Modified"]
    assert client.get(url, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_a_change_ends_the_304s(client, data):
    url = "/api/v1/initiatives/"
    first = client.get(url)
    initiative = Initiative.objects.published().first()
    Initiative.objects.filter(pk=initiative.pk).update(
        title="Renamed", updated_at=timezone.now() + datetime.timedelta(seconds=2)
    )
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"], HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 200 and again["ETag"] != first["ETag"]
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 200


def test_a_deletion_moves_last_modified_on(client):
    f.ResearcherFactory()
    gone = f.ResearcherFactory()
    a_day_ago = timezone.now() - datetime.timedelta(days=1)
    Researcher.objects.update(updated_at=a_day_ago)
    Researcher.history.model.objects.update(history_date=a_day_ago)
    Initiative.history.model.objects.update(history_date=a_day_ago)  # the researchers' organizations' none
    stamp = client.get("/api/v1/researchers/")["Last-Modified"]
    gone.delete()  # no updated_at is left behind: its history record is the change
    assert client.get("/api/v1/researchers/", HTTP_IF_MODIFIED_SINCE=stamp).status_code == 200


@pytest.mark.parametrize("url", ["/api/v1/initiatives/", "/api/", "/api/v1/openapi.json", "/api/v1/nothing/"])
def test_cors_is_open_on_the_api_without_credentials(client, url):
    response = client.get(url, HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response


def test_cors_preflight_on_the_api(client):
    response = client.options(
        "/api/v1/initiatives/", HTTP_ORIGIN="https://example.org", HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET"
    )
    assert response.status_code == 200 and response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("url", ["/initiatives/", "/", "/accounts/login/", "/initiatives/export.xlsx"])
def test_no_cors_on_pages(client, url):
    assert not client.get(url, HTTP_ORIGIN="https://example.org").has_header("Access-Control-Allow-Origin")


def test_exports_allow_cors(client):
    response = client.get("/initiatives/export.csv", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"


def test_nothing_private_in_any_v1_answer(client, data):
    f.ResearcherFactory(family_name="Secretive", email="secret@example.ac.jp", consent_to_publish=False)
    draft = Initiative.objects.filter(editorial_state=EditorialState.DRAFT).first()
    urls = [f"/api/v1/{register}/?page_size=100" for register in REGISTERS]
    urls += [f"/api/v1/{register}/?page_size=100&updated_since=2000-01-01T00:00:00Z" for register in REGISTERS]
    urls += [answer["api_url"] for url in urls[:3] for answer in client.get(url).json()["results"]]
    urls.append("/api/v1/openapi.json")
    for url in urls:
        body = client.get(url).content.decode()
        assert "@example" not in body and "Secretive" not in body and "Hidden" not in body
        assert draft.slug not in body and "Draft initiative" not in body and '"email"' not in body


def test_last_modified_reads_each_history_model_once_per_process(monkeypatch):
    from simple_history.manager import HistoryDescriptor

    last_modified(registry.values())
    reads = []
    descriptor_get = HistoryDescriptor.__get__
    monkeypatch.setattr(HistoryDescriptor, "__get__", lambda *args: reads.append(args) or descriptor_get(*args))
    # The descriptor builds a manager class at every read: an API answer must not pay for one per register.
    last_modified(registry.values())
    assert reads == []


def test_last_modified_is_one_query_of_each_tables_newest_date(django_assert_num_queries):
    f.InitiativeFactory()
    researcher = f.ResearcherFactory()
    Researcher.objects.filter(pk=researcher.pk).update(updated_at=timezone.now() + datetime.timedelta(days=1))
    newest = [Initiative.objects.latest("updated_at").updated_at, Researcher.objects.latest("updated_at").updated_at]
    newest += [model.history.latest("history_date").history_date for model in (Initiative, Researcher)]
    # One row of maxima, not a row per record (an aggregate inside values() groups by the primary key).
    with django_assert_num_queries(1):
        assert last_modified(registry.values()) == max(newest)
