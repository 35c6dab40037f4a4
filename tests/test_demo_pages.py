"""The public pages over the demo data, as a newcomer meets them: no link leads to a search that finds nothing."""

import re
from html import unescape

import pytest

from directory.models import Country, Organization
from initiatives.models import Initiative
from partnerships.models import SubnationalPartnership
from people.models import Researcher

pytestmark = pytest.mark.django_db

SEARCH_LINK = re.compile(r'href="(/(?:ja/)?(?:initiatives|researchers|partnerships)/(?:\?[^"]*)?)"')
COUNT = re.compile(r'id="result-count"[^>]*>\s*(?:[^\d<]*?)([\d,]+)')


def search_links(html):
    return {unescape(url) for url in SEARCH_LINK.findall(html)}


def result_count(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return int(COUNT.search(response.content.decode()).group(1).replace(",", ""))


def public_pages():
    """Every record page of the demo data, and every country page that has something (and Japan's)."""
    records = [
        *Initiative.objects.published(),
        *Researcher.objects.published(),
        *SubnationalPartnership.objects.published(),
        *Organization.objects.all(),
    ]
    with_content = Country.objects.filter(initiatives__isnull=False) | Country.objects.filter(researchers__isnull=False)
    countries = {*with_content.distinct(), Country.objects.get(iso2="JP"), Country.objects.get(iso2="AQ")}
    return [record.get_absolute_url() for record in records] + [c.get_absolute_url() for c in countries]


def test_no_page_of_the_demo_data_links_to_a_search_that_finds_nothing(client, demo_data):
    pages = public_pages()
    assert len(pages) > 200
    links = {}
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        for url in search_links(response.content.decode()):
            links.setdefault(url, path)
    assert len(links) > 50
    empty = {url: linked_from for url, linked_from in links.items() if result_count(client, url) == 0}
    assert empty == {}, "searches with no result, and a page linking to each"


def test_japans_country_page_leads_to_the_whole_registers_not_to_japan_as_a_partner(client, demo_data):
    html = client.get("/countries/jp/").content.decode()
    links = search_links(html)
    assert "/initiatives/?country=JP" not in links and "/partnerships/?country=JP" not in links
    assert {"/initiatives/", "/partnerships/", "/researchers/?country=JP"} <= links
    assert "Initiatives with Japan" not in html and ">All initiatives<" in html
    assert "<title>Japan · techdiplo</title>" in html  # not "Japan and Japan"
    assert "Japan and Japan" not in html


def test_a_country_with_nothing_published_links_to_no_search(client, demo_data):
    html = client.get("/countries/aq/").content.decode()
    assert search_links(html) - {"/initiatives/", "/researchers/", "/partnerships/"} == set()  # the site's menu
    assert "Nothing published in the registers links to" in html
