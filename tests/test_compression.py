"""Pages, API answers and downloads are gzipped for clients that accept it (GZipMiddleware; gunicorn does not
compress), to the same content; static files keep WhiteNoise's own precompressed copies."""

import gzip
import json

import pytest

from tests.factories import InitiativeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiatives():
    return InitiativeFactory.create_batch(30)


def test_an_api_answer_is_gzipped_to_the_same_json(client, initiatives):
    plain = client.get("/api/v1/initiatives/?page_size=30")
    zipped = client.get("/api/v1/initiatives/?page_size=30", HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in plain
    assert zipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in zipped["Vary"]  # a cache in between keeps the two apart
    assert json.loads(gzip.decompress(zipped.content)) == plain.json()
    assert len(zipped.content) < len(plain.content) / 2


def test_a_streamed_download_is_gzipped_as_it_streams(client, initiatives):
    plain = client.get("/initiatives/export.csv")
    zipped = client.get("/initiatives/export.csv", HTTP_ACCEPT_ENCODING="gzip")
    assert zipped.streaming  # still never built whole in memory
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(b"".join(zipped.streaming_content)) == b"".join(plain.streaming_content)


def test_a_search_page_is_gzipped(client, initiatives):
    page = client.get("/initiatives/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert page["Content-Encoding"] == "gzip"
    html = gzip.decompress(page.content)
    assert html.lstrip().lower().startswith(b"<!doctype html") and html.rstrip().endswith(b"</html>")


def test_an_xlsx_export_is_not_gzipped_again(client, initiatives):
    client.force_login(UserFactory(groups=["Analysts"]))
    response = client.get("/initiatives/export.xlsx", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert b"".join(response.streaming_content)[:2] == b"PK"  # the zip itself
