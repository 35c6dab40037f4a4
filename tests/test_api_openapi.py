"""The OpenAPI 3.1 document of /api/v1/: valid, generated from the declarations, true of every answer (checked by
jsonschema on real answers and by schemathesis's generated requests), and readable on /api/."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.test import RequestFactory
from hypothesis import HealthCheck, settings
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from schemathesis.specs.openapi.checks import negative_data_rejection

from api import openapi
from search import registry

from . import factories as f
from .search_data import build_initiatives, build_partnerships, build_researchers


@pytest.fixture
def data(db):
    build_initiatives()
    build_researchers()
    build_partnerships()
    participation = f.ParticipationFactory()  # a record with a researcher among its links
    return participation


def _schema_of(document, name):
    """A validator of ``#/components/schemas/<name>`` with the document's other schemas to refer to."""
    return Draft202012Validator(
        {"$ref": f"#/components/schemas/{name}", "components": document["components"]},
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def test_the_document_is_valid_openapi_3_1(client, data):
    document = client.get("/api/v1/openapi.json").json()
    validate(document)  # raises on any error
    assert document["openapi"] == "3.1.0"


def test_the_document_follows_the_declarations(client, db):
    document = client.get("/api/v1/openapi.json").json()
    for register in registry.values():
        operation = document["paths"][f"/api/v1/{register.name}/"]["get"]
        parameters = {p["name"]: p for p in operation["parameters"]}
        assert {facet.name for facet in register.facets} <= set(parameters)
        assert {bound.name for bound in register.ranges} <= set(parameters)
        assert parameters["sort"]["schema"]["enum"] == ["relevance", *register.sorts]
        assert parameters["page_size"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 100, "default": 20}
        record = document["components"]["schemas"][register.title_one.replace(" ", "")]
        assert set(register.api_fields) <= set(record["properties"])
        assert f"/api/v1/{register.name}/{{slug}}/" in document["paths"]
    status = document["paths"]["/api/v1/initiatives/"]["get"]["parameters"]
    assert next(p for p in status if p["name"] == "status")["schema"]["items"]["enum"] == [
        "proposed",
        "planned",
        "active",
        "completed",
    ]


@pytest.mark.parametrize("register", ["initiatives", "researchers", "partnerships"])
def test_real_answers_match_the_document(client, data, register):
    document = client.get("/api/v1/openapi.json").json()
    base = registry[register].title_one.replace(" ", "")
    page = client.get(f"/api/v1/{register}/?page_size=100&updated_since=2000-01-01T00:00:00Z").json()
    assert page["count"] > 0
    _schema_of(document, f"{base}Page").validate(page)
    for result in page["results"]:
        _schema_of(document, f"{base}Detail").validate(client.get(result["api_url"]).json())
    _schema_of(document, "Error").validate(client.get(f"/api/v1/{register}/?page_size=0").json())


def test_a_field_missing_from_the_declaration_fails_validation(client, data):
    document = client.get("/api/v1/openapi.json").json()
    answer = client.get("/api/v1/initiatives/").json()
    answer["results"][0]["undeclared"] = 1
    assert not _schema_of(document, "InitiativePage").is_valid(answer)


# The document as /api/v1/openapi.json serves it (test_the_document_is_served_as_generated): built here without a
# request to the server, since tests are collected before any database exists.
schema = schemathesis.openapi.from_dict(openapi.document(RequestFactory().get("/")))


def test_the_document_is_served_as_generated(client, db):
    assert client.get("/api/v1/openapi.json").json() == openapi.document(RequestFactory().get("/"))


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_schemathesis_finds_no_5xx_and_no_answer_off_the_schema(case, data):
    # Every check (status code documented, content type, body against its schema, no 5xx), through the WSGI app
    # in this test's transaction, which the app must not close at the end of a request (as Django's test client).
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        # Negative cases too (garbage in every parameter), without schemathesis's demand that they be rejected: the
        # search parameters are lenient by design (an unknown value or a bad year is ignored, docs/architecture.md);
        # page_size and updated_since, the strict ones, are rejected with a 400 (test_api_v1.py).
        # Uncompressed: schemathesis's WSGI transport would read a gzipped body (GZipMiddleware) as the JSON itself.
        response = case.call_and_validate(
            app=get_wsgi_application(),
            headers={"Accept-Encoding": "identity"},
            excluded_checks=[negative_data_rejection],
        )
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)
    assert response.status_code < 500


def test_the_api_page_renders_the_reference(client, db):
    html = client.get("/api/").content.decode()
    for text in (
        "/api/v1/openapi.json",
        "GET /api/v1/initiatives/",
        "GET /api/v1/researchers/{slug}/",
        "page_size",
        "updated_since",
        'id="schema-InitiativePage"',
        "array of Initiative",
    ):
        assert text in html
    assert "<script" not in html.split("</header>", 1)[-1].split("<footer", 1)[0]  # no inline script
