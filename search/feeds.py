"""Atom feeds of searches: ``/<register>/feed.atom?<the search page's parameters>`` (and the site's one search
box, ``portal.feeds``).

A feed lists the newest published records matching the search, by when they were first published
(``published_at``, set once by the editorial trigger), in the page's language (``/ja/...`` for Japanese).
Django's syndication framework writes the Atom; each entry's summary is the register's own result row.

Queries per register searched: its facet choices (only when the search names a facet), the newest ids (the
search's bitmap tested along the ``published_at`` index; with a text query, first among the newest records only,
see ``_newest_ids``), the rows by id with the register's ``for_search()`` prefetches.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language, gettext

from bilingual.content import display_title

from . import Search, registry
from . import text as text_search
from .views import chips, query_string

FEED_ITEMS = 20
NEWEST_FIRST = ("-published_at", "-pk")
RECENT = 200  # a text feed's entries are looked for among this many newest records of its search first


class LicensedAtom1Feed(Atom1Feed):
    """Atom with the data licence as ``<link rel="license">`` (RFC 4946) beside its ``<rights>`` text."""

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        handler.addQuickElement("link", "", {"rel": "license", "href": settings.DATA_LICENSE["path"]})


@dataclass
class FeedSource:
    """One feed: the searches it merges, its title and the page it is the feed of."""

    searches: list
    title: str
    page_url: str
    feed_url: str  # the feed's own URL, its parameters included (Django's default drops them)


def newest(searches, limit=FEED_ITEMS):
    """The ``limit`` most recently first-published records matching any of ``searches``, newest first."""
    candidates = []
    for search in searches:
        candidates += [(published_at, pk, search.register) for published_at, pk in _newest_ids(search, limit)]
    candidates.sort(key=lambda candidate: candidate[:2], reverse=True)
    chosen = candidates[:limit]
    rows = {}
    for register in {register for _, _, register in chosen}:
        ids = [pk for _, pk, owner in chosen if owner is register]
        rows[register] = register.model._default_manager.for_search().in_bulk(ids)
    return [rows[register][pk] for _, pk, register in chosen]


def _newest_ids(search, limit):
    """``[(published_at, pk)]`` of the ``limit`` newest records of ``search``, newest first.

    With a text query, they are first looked for among the ``RECENT`` newest records of the search without its
    text, the text tested on each of them: when those hold ``limit`` matches, these are the newest of all (every
    other match is older than all of them), and the text's matches among all the records, which the search's own
    filter needs (a bitmap of every record mentioning a common word), are never looked for. A rarer text then
    takes the search's own filter. Queries: one, or three when the recent records hold too few (then the text's
    matches with the facet counts, and the newest ids).
    """
    if search.text:
        recent = search.filtered(text=False).order_by(*NEWEST_FIRST).values("pk")[:RECENT]
        records = search.register.base_queryset().filter(pk__in=recent)
        matching = text_search.apply_text(records, search.register.text, search.text)
        rows = list(matching.order_by(*NEWEST_FIRST).values_list("published_at", "pk")[:limit])
        if len(rows) == limit:
            return rows
    return list(search.filtered().order_by(*NEWEST_FIRST).values_list("published_at", "pk")[:limit])


class SearchFeed(Feed):
    """The base of both feeds: what is common once ``get_object`` has made the ``FeedSource``."""

    feed_type = LicensedAtom1Feed

    def title(self, source):
        return source.title

    def subtitle(self, source):
        return gettext("The newest published records matching this search on techdiplo.")

    def link(self, source):
        return source.page_url

    def feed_url(self, source):
        return source.feed_url

    def feed_copyright(self):
        license = settings.DATA_LICENSE
        return gettext("Data licensed under %(title)s (%(url)s).") % {"title": license["title"], "url": license["path"]}

    def items(self, source):
        return newest(source.searches)

    def item_title(self, item):
        return display_title(item)

    def item_description(self, item):
        register = registry.for_model(type(item))[0]
        return render_to_string(register.result_template, {"object": item, "LANGUAGE_CODE": get_language()})

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at


class RegisterFeed(SearchFeed):
    """``/<register>/feed.atom``: the register's search, with every parameter of its page."""

    def get_object(self, request, register):
        search = Search(registry[register], request.GET, years=False, facets=False)  # records, no counts
        labels = [chip["label"] for chip in chips(search, request.GET)]
        title = f"{search.register.title}: {', '.join(labels)}" if labels else str(search.register.title)
        page_url = reverse(search.register.list_url_name) + query_string(request.GET)
        return FeedSource([search], f"{title} · techdiplo", page_url, request.get_full_path())


register_feed = RegisterFeed()
