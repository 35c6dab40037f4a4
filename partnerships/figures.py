"""The partnerships as lines from the Japanese side to its counterpart abroad (``maps.partnership_lines``).

Each side is a chain of places for ``maps.lines``: a Japanese city → its prefecture; a foreign city → its
state → its country. A locality without coordinates is drawn at the nearest place above it that has some
(the country's centre, from the world map's shapes, for the foreign side), and one with none anywhere in its
chain is listed under the map as "not placed". When there would be too many lines, ``maps.lines`` draws them
between the chains' tops instead (prefecture → country).
"""

from django.db.models import Count
from django.utils import translation

from bilingual.content import localized
from directory.models import Locality
from maps import Place, Tie, partnership_lines, shapes
from search.urls import search_url

# What a locality's ``Place`` reads of it, of its parent and of their countries (nothing more is loaded).
_OWN = ("name", "name_ja", "level", "iso_code", "latitude", "longitude", "parent", "country")
_COUNTRY = ("iso2", "name", "name_ja")
PLACE_FIELDS = (
    *_OWN,
    *(f"country__{name}" for name in _COUNTRY),
    *(f"parent__{name}" for name in _OWN),
    *(f"parent__country__{name}" for name in _COUNTRY),
)


def ties(partnerships):
    """One ``Tie`` per pair of localities among ``partnerships`` (a queryset), with their number.
    2 queries: the pairs, grouped in PostgreSQL, and their localities with parents and countries."""
    pairs, places = _pairs(partnerships)
    return [Tie(places[japan], places[abroad], n) for japan, abroad, n in pairs]


def _pairs(partnerships):
    """``(pairs, places)``: ``(Japanese locality id, foreign locality id, number)`` of every pair, and each
    locality's ``Place`` by id, built once however many pairs it is in (thousands share a few hundred)."""
    pairs = list(
        partnerships.order_by()
        .values_list("japanese_locality", "foreign_locality")
        .annotate(n=Count("pk", distinct=True))
    )
    ids = {pk for japan, abroad, _n in pairs for pk in (japan, abroad)}
    localities = Locality.objects.filter(pk__in=ids).select_related("country", "parent__country").only(*PLACE_FIELDS)
    chains = _Places()
    # One by one (iterator()): a locality is read into its Place and dropped, so hundreds of model instances
    # never outlive a garbage collection, which would promote them and bring the next full collection nearer.
    return pairs, {locality.pk: chains.of(locality) for locality in localities.iterator(chunk_size=len(ids) or 1)}


class _Places:
    """``Place`` chains built once per locality, country and link (the links are a handful of searches), in
    the page's language, looked up once."""

    def __init__(self):
        self.places, self.urls = {}, {}
        self.language = translation.get_language()

    def of(self, locality):
        """The chain of a locality: itself, its parent, then (abroad) its country."""
        key = f"locality:{locality.pk}"
        if key not in self.places:
            if locality.parent_id:
                parent = self.of(locality.parent)
            elif locality.country.iso2 != "JP":
                parent = self.country(locality.country)
            else:
                parent = None
            self.places[key] = Place(
                key=key,
                name=localized(locality, language=self.language),
                lat=locality.latitude,
                lon=locality.longitude,
                url=self.url(*locality.search_filter()),
                parent=parent,
            )
        return self.places[key]

    def country(self, country):
        key = f"country:{country.iso2}"
        if key not in self.places:  # at the centre of the country's shape on the world map
            shape = shapes.world()["countries"].get(country.iso2)
            lat, lon = shape["centroid"] if shape else (None, None)
            name = localized(country, language=self.language)
            self.places[key] = Place(key=key, name=name, lat=lat, lon=lon, url=country.get_absolute_url())
        return self.places[key]

    def url(self, parameter, value):
        if (parameter, value) not in self.urls:
            self.urls[parameter, value] = search_url("partnerships", **{parameter: value})
        return self.urls[parameter, value]


def lines_map(partnerships, *, title=None, element_id="lines-map"):
    """The lines map of ``partnerships`` (a queryset of published ones), or None when there are none."""
    pairs, places = _pairs(partnerships)
    if not pairs:
        return None
    # Each tie made as it is counted, none kept: ten thousand objects alive at once cost garbage collections.
    found = (Tie(places[japan], places[abroad], n) for japan, abroad, n in pairs)
    return partnership_lines(found, title=title, element_id=element_id)
