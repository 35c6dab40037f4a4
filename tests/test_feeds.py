"""Atom feeds of searches: valid Atom (read with feedparser), newest first by ``published_at``, the search's own
parameters, the page's language, linked from the page, and nothing private in them."""

import datetime
import re

import feedparser
import pytest
from django.utils import timezone

from editorial.models import EditorialState
from search import registry
from tests.factories import (
    InitiativeFactory,
    ParticipationFactory,
    PartnershipFactory,
    PolicyAreaFactory,
    ResearcherFactory,
)

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def ago(days):
    return timezone.now() - days * DAY


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")  # well-formed, as a feed reader reads it
    assert feed.version == "atom10"
    return feed, response.text


def test_initiatives_feed_lists_the_newest_published_first_with_ids_links_and_dates():
    from django.test import Client

    client = Client()
    old = InitiativeFactory(title="Old one", published_at=ago(30))
    new = InitiativeFactory(title="New one", published_at=ago(1))
    middle = InitiativeFactory(title="Middle one", published_at=ago(10))
    InitiativeFactory(title="Draft one", editorial_state=EditorialState.DRAFT)
    feed, _ = read(client, "/initiatives/feed.atom")
    assert [entry.title for entry in feed.entries] == ["New one", "Middle one", "Old one"]
    first = feed.entries[0]
    assert first.link == f"http://testserver{new.get_absolute_url()}"
    assert first.id == first.link
    assert datetime.datetime(*first.published_parsed[:6], tzinfo=datetime.UTC) == new.published_at.replace(
        microsecond=0
    )
    assert first.updated_parsed is not None
    assert "A joint effort." in first.summary  # the register's own result row
    assert feed.feed.link == "http://testserver/initiatives/"
    assert feed.feed.title == "Initiatives · techdiplo"
    assert feed.feed.rights.startswith("Data licensed under Creative Commons Attribution 4.0")
    assert {link.rel: link.href for link in feed.feed.links}["license"] == (
        "https://creativecommons.org/licenses/by/4.0/"
    )
    assert middle.slug in feed.entries[1].link and old.slug in feed.entries[2].link


def test_a_feed_follows_the_search_parameters_and_names_them(client):
    area = PolicyAreaFactory(name="Ocean science", slug="ocean-science")
    InitiativeFactory(title="Ocean buoys", policy_areas=[area], published_at=ago(2))
    InitiativeFactory(title="Ocean survey", policy_areas=[area], status="completed", published_at=ago(1))
    InitiativeFactory(title="Rice yields", published_at=ago(1))
    feed, _ = read(client, "/initiatives/feed.atom?area=ocean-science&status=active&page=3&status=bogus")
    assert [entry.title for entry in feed.entries] == ["Ocean buoys"]
    assert feed.feed.title == "Initiatives: Ocean science, Active · techdiplo"
    assert feed.feed.link == "http://testserver/initiatives/?area=ocean-science&status=active&status=bogus"
    links = {link.rel: link.href for link in feed.feed.links}
    assert links["self"].startswith("http://testserver/initiatives/feed.atom?area=ocean-science&status=active")
    feed, _ = read(client, "/initiatives/feed.atom?q=ocean")
    assert [entry.title for entry in feed.entries] == ["Ocean survey", "Ocean buoys"]


def test_feed_holds_at_most_twenty_entries(client):
    InitiativeFactory.create_batch(22)
    feed, _ = read(client, "/initiatives/feed.atom")
    assert len(feed.entries) == 20


def test_researchers_feed_leaves_out_drafts_non_consenting_researchers_and_emails(client):
    shown = ResearcherFactory(family_name="Shown", email="shown@example.ac.jp")
    ResearcherFactory(family_name="Withheld", consent_to_publish=False, email="withheld@example.ac.jp")
    ResearcherFactory(family_name="Drafted", editorial_state=EditorialState.DRAFT)
    feed, body = read(client, "/researchers/feed.atom")
    assert [entry.link for entry in feed.entries] == [f"http://testserver{shown.get_absolute_url()}"]
    assert "Withheld" not in body and "Drafted" not in body
    assert "@example" not in body


def test_partnerships_feed_lists_partnerships(client):
    partnership = PartnershipFactory()
    PartnershipFactory(editorial_state=EditorialState.DRAFT)
    feed, _ = read(client, "/partnerships/feed.atom")
    assert [entry.link for entry in feed.entries] == [f"http://testserver{partnership.get_absolute_url()}"]


def test_japanese_feed_speaks_japanese(client, japanese_catalogue):
    initiative = InitiativeFactory(title="Ocean buoys", title_ja="海洋ブイ", summary_ja="共同の取り組み。")
    feed, body = read(client, "/ja/initiatives/feed.atom?status=active")
    assert feed.feed.language == "ja"
    assert feed.entries[0].title == "海洋ブイ"
    assert feed.entries[0].link == f"http://testserver/ja/initiatives/{initiative.slug}/"
    assert "共同の取り組み。" in feed.entries[0].summary
    assert feed.feed.title == "イニシアティブ: 実施中 · techdiplo"
    assert feed.feed.link == "http://testserver/ja/initiatives/?status=active"
    assert "Data licensed" not in body and "Led by" not in body


def test_site_search_feed_merges_the_registers_newest_first(client):
    initiative = InitiativeFactory(title="Ocean buoys", published_at=ago(3))
    researcher = ResearcherFactory(family_name="Ocean", published_at=ago(1))
    ResearcherFactory(family_name="Ocean", consent_to_publish=False)
    InitiativeFactory(title="Rice", published_at=ago(0))
    feed, _ = read(client, "/search/feed.atom?q=ocean")
    assert [entry.link for entry in feed.entries] == [
        f"http://testserver{researcher.get_absolute_url()}",
        f"http://testserver{initiative.get_absolute_url()}",
    ]
    assert feed.feed.title == "“ocean” across the registers · techdiplo"
    assert feed.feed.link == "http://testserver/search/?q=ocean"


@pytest.mark.parametrize("register", ["initiatives", "researchers", "partnerships"])
def test_search_page_links_its_feed_with_the_same_parameters(client, register):
    response = client.get(f"/{register}/?q=ocean&page=1")
    links = re.findall(
        r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="([^"]+)">', response.text
    )
    assert links == [f"/{register}/feed.atom?q=ocean"]
    assert f'href="/{register}/feed.atom?q=ocean" type="application/atom+xml"' in response.text


def test_site_search_page_links_its_feed(client):
    response = client.get("/ja/search/?q=ocean")
    assert '<link rel="alternate" type="application/atom+xml"' in response.text
    assert 'href="/ja/search/feed.atom?q=ocean"' in response.text


@pytest.mark.parametrize("register", ["initiatives", "researchers", "partnerships"])
def test_feed_query_count_does_not_grow_with_entries(client, register, django_assert_max_num_queries):
    factory = {"initiatives": InitiativeFactory, "researchers": ResearcherFactory}.get(register, PartnershipFactory)
    factory.create_batch(12)
    ParticipationFactory()
    # the text's matches among the newest records, then (too few there) the text's matches with the counts and
    # the newest ids; the rows by id, then for_search()'s prefetches (at most 3)
    with django_assert_max_num_queries(7):
        read(client, f"/{register}/feed.atom?q=a&sort=title")
    assert registry[register].result_template


def test_junk_parameters_still_give_a_feed(client):
    InitiativeFactory()
    feed, _ = read(client, "/initiatives/feed.atom?year_from=abc&area=nope&sort=%00&q=" + "x" * 500)
    assert feed.entries == []


def _initiatives_feed_search(params):
    from django.http import QueryDict

    from search import Search

    return Search(registry["initiatives"], QueryDict(params))


def test_a_text_feed_finds_its_entries_among_the_newest_records_or_else_among_all(
    monkeypatch, django_assert_max_num_queries
):
    from search import feeds

    monkeypatch.setattr(feeds, "RECENT", 5)
    made = {
        day: InitiativeFactory(title=f"Ocean {day}" if day in (1, 3, 4, 7) else f"Rice {day}", published_at=ago(day))
        for day in range(1, 9)
    }
    InitiativeFactory(title="Ocean draft", editorial_state=EditorialState.DRAFT)
    InitiativeFactory(title="Ocean completed", status="completed", published_at=ago(2))
    # The 5 newest records hold 3 matches: they are the 3 newest of all. Queries: the facet choices, the matches
    # among the 5 newest, the rows by id, for_search()'s two prefetches.
    with django_assert_max_num_queries(5):
        entries = feeds.newest([_initiatives_feed_search("q=ocean&status=active")], limit=3)
    assert [entry.pk for entry in entries] == [made[day].pk for day in (1, 3, 4)]
    # A fourth is older than the 5 newest: the search's own filter finds it. Queries: the facet choices, the
    # matches among the 5 newest, the text's matches with the counts, the newest ids, the rows, the two prefetches.
    with django_assert_max_num_queries(7):
        entries = feeds.newest([_initiatives_feed_search("q=ocean&status=active")], limit=4)
    assert [entry.pk for entry in entries] == [made[day].pk for day in (1, 3, 4, 7)]
