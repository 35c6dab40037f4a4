"""The partnerships as lines from the Japanese side to its counterpart abroad (``maps.partnership_lines``).

Each side is a chain of places for ``maps.lines``: a Japanese city → its prefecture; a foreign city → its
state → its country. A locality without coordinates is drawn at the nearest place above it that has some
(the country's centre, from the world map's shapes, for the foreign side), and one with none anywhere in its
chain is listed under the map as "not placed". When there would be too many lines, ``maps.lines`` draws them
between the chains' tops instead (prefecture → country).
"""

from django.db.models import Count

from bilingual.content import localized
from directory.models import Locality
from maps import Place, Tie, partnership_lines, shapes


def ties(partnerships):
    """One ``Tie`` per pair of localities among ``partnerships`` (a queryset), with their number.
    2 queries: the pairs, grouped in PostgreSQL, and their localities with parents and countries."""
    pairs = list(
        partnerships.order_by()
        .values_list("japanese_locality", "foreign_locality")
        .annotate(n=Count("pk", distinct=True))
    )
    ids = {pk for japan, abroad, _n in pairs for pk in (japan, abroad)}
    localities = Locality.objects.select_related("country", "parent__country").in_bulk(ids)
    return [
        Tie(japan=place(localities[japan]), abroad=place(localities[abroad]), count=n) for japan, abroad, n in pairs
    ]


def place(locality, *, with_country=True):
    """The ``Place`` chain of a locality: itself, its parent, then (abroad) its country."""
    if locality.parent_id:
        parent = place(locality.parent, with_country=with_country)
    elif with_country and locality.country.iso2 != "JP":
        parent = country_place(locality.country)
    else:
        parent = None
    return Place(
        key=f"locality:{locality.pk}",
        name=localized(locality),
        lat=locality.latitude,
        lon=locality.longitude,
        url=locality.get_absolute_url(),
        parent=parent,
    )


def country_place(country):
    shape = shapes.world()["countries"].get(country.iso2)
    lat, lon = shape["centroid"] if shape else (None, None)
    return Place(
        key=f"country:{country.iso2}", name=localized(country), lat=lat, lon=lon, url=country.get_absolute_url()
    )


def lines_map(partnerships, *, title=None, element_id="lines-map"):
    """The lines map of ``partnerships`` (a queryset of published ones), or None when there are none."""
    found = ties(partnerships)
    return partnership_lines(found, title=title, element_id=element_id) if found else None
