"""``/search/feed.atom?q=``: the feed of the one search box, the newest records matching its text in every
register (``search.feeds`` writes it)."""

from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext

from search import Search, registry
from search.feeds import FeedSource, SearchFeed, query_string
from search.text import clean_text


class SiteSearchFeed(SearchFeed):
    """``/search/feed.atom?q=``: the one search box's text across every register."""

    def get_object(self, request):
        text = clean_text(request.GET.get("q", ""))
        params = QueryDict(mutable=True)
        if text:
            params["q"] = text
        searches = [Search(register, params, years=False, facets=False) for register in registry.values()]
        title = gettext("“%(text)s” across the registers") % {"text": text} if text else gettext("All registers")
        return FeedSource(
            searches, f"{title} · techdiplo", reverse("search") + query_string(params), request.get_full_path()
        )


site_search_feed = SiteSearchFeed()
