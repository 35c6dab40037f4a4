"""Every link a page builds from the request stays on this site, whatever path the visitor typed.

Browsers read ``//host/`` and ``/\\host/`` (and ``/\\/host``, with tabs or newlines dropped) as another host, and
a WSGI server decodes ``%2F`` and ``%5C`` in the path before Django sees it, so each variant is sent as the
decoded PATH_INFO a server hands over (the test client itself would parse ``//host/`` as a host).
"""

from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import pytest
from django.conf import settings

from tests.factories import InitiativeFactory

HOST = "testserver"

HOSTILE_PATHS = [
    "//evil.example/",
    "//evil.example",
    "//evil.example/initiatives/",
    "///evil.example/",
    "/\\evil.example/",
    "/\\\\evil.example/",
    "/\\/evil.example/",
    "/%2F%2Fevil.example/",
    "/%2f%2fevil.example/",
    "/%5Cevil.example",
    "/%5C%5Cevil.example/",
    "/%2F%5Cevil.example/",
    "/%09/evil.example/",
    "/ja//evil.example/",
    "/ja/%2F%2Fevil.example/",
    "/ja/\\evil.example/",
    "//evil.example/ja/",
    "//evil.example/%2E%2E/",
    "/initiatives//evil.example/",
    "//evil.example/?q=x&next=//evil.example/",
]

URL_ATTRIBUTES = {"href", "src", "action", "formaction"}


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        self.urls += [value for name, value in attrs if name in URL_ATTRIBUTES and value is not None]


def links(html):
    parser = Links()
    parser.feed(html)
    return parser.urls


def stays_on_site(url):
    """As a browser reads it: backslashes are slashes, tabs and newlines vanish, ``//x`` names host x. The
    footer's link to the data licence is the one link every page makes off the site, whatever its path."""
    if url == settings.DATA_LICENSE["path"]:
        return True
    seen = url.replace("\\", "/").replace("\t", "").replace("\n", "").replace("\r", "").strip()
    parts = urlsplit(seen)
    if parts.scheme or parts.netloc:
        return parts.scheme in ("http", "https") and parts.netloc == HOST
    return not seen.startswith("//")


def get_raw(client, raw_path, **extra):
    """GET a raw request target as a WSGI server would pass it on (path decoded, query string apart)."""
    path, _, query = raw_path.partition("?")
    return client.get("/", PATH_INFO=unquote(path), QUERY_STRING=query, **extra)


def test_the_link_check_itself_catches_off_site_links():
    assert not stays_on_site("//evil.example/ja/")
    assert not stays_on_site("/\\evil.example/")
    assert not stays_on_site("/\t/evil.example/")
    assert not stays_on_site("https://evil.example/")
    assert not stays_on_site("javascript:alert(1)")
    assert stays_on_site("/ja/")
    assert stays_on_site("http://testserver/ja/?q=x")
    assert stays_on_site("?page=2")


@pytest.mark.django_db
@pytest.mark.parametrize("raw_path", HOSTILE_PATHS)
def test_no_link_on_a_page_reached_through_a_hostile_path_leaves_the_site(client, raw_path):
    response = get_raw(client, raw_path)
    assert response.status_code in (404, 301, 302)
    if response.status_code != 404:
        assert stays_on_site(response["Location"]), response["Location"]
        return
    urls = links(response.content.decode())
    assert any("language-switch" in line for line in response.content.decode().splitlines())
    assert urls, "the 404 page renders links"
    # The footer's licence is the one link the site itself sends off-site (a setting, never the request).
    off_site = [url for url in urls if not stays_on_site(url) and url != settings.DATA_LICENSE["path"]]
    assert off_site == []
    assert "evil.example" not in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("raw_path", ["//evil.example/", "/%5Cevil.example", "/ja//evil.example/"])
def test_the_language_switcher_of_an_unknown_path_leads_to_the_other_languages_home(client, raw_path):
    html = get_raw(client, raw_path).content.decode()
    if raw_path.startswith("/ja/"):
        assert '<a href="/" hreflang="en" lang="en" data-language-switch="en">English</a>' in html
        assert '<link rel="alternate" hreflang="ja" href="http://testserver/ja/">' in html
    else:
        assert '<a href="/ja/" hreflang="ja" lang="ja" data-language-switch="ja">日本語</a>' in html
        assert '<link rel="alternate" hreflang="en" href="http://testserver/">' in html


@pytest.mark.django_db
def test_a_missing_record_keeps_its_own_address_in_the_switcher(client):
    html = client.get("/initiatives/no-such-initiative/").content.decode()
    assert 'href="/ja/initiatives/no-such-initiative/" hreflang="ja"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("raw_path", ["/initiatives/?q=//evil.example/", "/ja/initiatives/?q=%5Cevil.example&x=//e"])
def test_a_hostile_query_string_stays_in_the_query_string(client, raw_path):
    InitiativeFactory()
    response = get_raw(client, raw_path)
    assert response.status_code == 200
    urls = links(response.content.decode())
    assert [url for url in urls if not stays_on_site(url) and url != settings.DATA_LICENSE["path"]] == []
    switch = [url for url in urls if url.startswith(("/ja/initiatives/?", "/initiatives/?"))]
    assert switch and all("evil.example" in unquote(url.split("?", 1)[1]) for url in switch)


@pytest.mark.django_db
@pytest.mark.parametrize("raw_path", ["//evil.example", "/%2F%2Fevil.example", "/\\evil.example", "/ja//evil.example"])
def test_no_redirect_for_a_missing_slash_leaves_the_site(client, raw_path):
    response = get_raw(client, raw_path)
    if response.status_code in (301, 302):
        assert stays_on_site(response["Location"]), response["Location"]
    else:
        assert response.status_code == 404
