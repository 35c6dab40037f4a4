"""Who is tied to whom (issue 13, item 3): localities' coordinates (validated, editable, filled by a data
migration from frozen data) and the partnerships of a search drawn as lines, a locality without coordinates
drawn at its parent's (or its country's centre abroad), one placed nowhere listed as "not placed"."""

import html
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from directory.models import Country, Locality, LocalityLevel
from editorial.models import EditorialState
from partnerships.figures import ties as read_ties
from partnerships.models import SubnationalPartnership

from . import factories as f
from .test_search_figures import figure

pytestmark = pytest.mark.django_db


def lines_table(figure_html):
    """``[(japan, abroad, count)]`` of the lines' table, drawn lines and those only in the table."""
    cells = re.findall(
        r'<tr(?: class="map-row-undrawn")?><td><a href="[^"]*">([^<]*)</a></td><td><a href="[^"]*">([^<]*)</a></td>'
        r'<td class="num">([\d,]+)</td></tr>',
        figure_html,
    )
    return sorted((html.unescape(a), html.unescape(b), int(n.replace(",", ""))) for a, b, n in cells)


def test_the_data_migration_placed_every_prefecture_near_its_shape():
    prefectures = Locality.objects.filter(country__iso2="JP", level=LocalityLevel.PREFECTURE)
    assert prefectures.count() == 47 and not prefectures.filter(latitude__isnull=True).exists()
    tokyo = prefectures.get(iso_code="JP-13")
    assert 35 < tokyo.latitude < 36.5 and 138.5 < tokyo.longitude < 140.5
    california = Locality.objects.get(iso_code="US-CA")
    assert 34 < california.latitude < 39 and -123 < california.longitude < -116


@pytest.mark.parametrize("latitude, longitude", [(90.5, 0), (-91, 0), (0, 180.1), (0, -181)])
def test_coordinates_out_of_range_are_refused_by_the_form_and_the_database(latitude, longitude):
    locality = f.LocalityFactory(latitude=1, longitude=1)
    locality.latitude, locality.longitude = latitude, longitude
    with pytest.raises(ValidationError):
        locality.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        locality.save()


def test_editors_edit_coordinates_in_the_admin(admin_client):
    locality = f.LocalityFactory()
    url = f"/admin/directory/locality/{locality.pk}/change/"
    page = admin_client.get(url).content.decode()
    assert 'name="latitude"' in page and 'name="longitude"' in page
    data = {"name": locality.name, "name_ja": "", "level": "city", "country": locality.country.pk, "iso_code": ""}
    refused = admin_client.post(url, {**data, "latitude": "95", "longitude": "10"})
    assert refused.status_code == 200 and "errornote" in refused.content.decode()
    assert admin_client.post(url, {**data, "latitude": "45.5", "longitude": "-122.7"}).status_code == 302
    locality.refresh_from_db()
    assert (locality.latitude, locality.longitude) == (45.5, -122.7)


@pytest.fixture
def ties():
    tokyo, osaka = Locality.objects.get(iso_code="JP-13"), Locality.objects.get(iso_code="JP-27")
    japan = f.country("JP")
    hachioji = f.LocalityFactory(name="Hachioji", country=japan, parent=tokyo)  # no coordinates: Tokyo's
    oregon = Locality.objects.get(iso_code="US-OR")
    portland = f.LocalityFactory(name="Portland", parent=oregon, latitude=45.52, longitude=-122.68)
    nowhere = f.LocalityFactory(name="Lyon", country=f.country("FR"))  # no coordinates, no parent: France's centre
    f.PartnershipFactory(japanese_locality=tokyo, foreign_locality=portland, established=1960)
    f.PartnershipFactory(japanese_locality=hachioji, foreign_locality=portland, established=1990)
    f.PartnershipFactory(japanese_locality=osaka, foreign_locality=nowhere, established=2005)
    f.PartnershipFactory(japanese_locality=osaka, foreign_locality=portland, editorial_state=EditorialState.DRAFT)


def test_the_partnerships_search_draws_its_published_partnerships_as_lines(client, ties):
    lines = figure(client.get("/partnerships/").content.decode(), "lines-map")
    # A line joins the places drawn: Hachioji has no coordinates and is drawn at Tokyo, with Tokyo's own
    # partnership (one line of two); Lyon has none and no parent, so is drawn at France's centre.
    assert lines_table(lines) == [("Osaka", "France", 1), ("Tokyo", "Portland", 2)]
    assert lines.count('class="map-arc"') == 2
    assert "not placed" not in lines.lower()


def test_the_lines_follow_the_filters(client, ties):
    lines = figure(client.get("/partnerships/?country=FR").content.decode(), "lines-map")
    assert lines_table(lines) == [("Osaka", "France", 1)]
    assert figure(client.get("/partnerships/?q=nothingmatchesthis").content.decode(), "lines-map") is None


def test_a_locality_placed_nowhere_in_its_chain_is_listed_not_dropped(client, ties):
    Locality.objects.filter(iso_code="JP-13").update(latitude=None, longitude=None)
    lines = figure(client.get("/partnerships/").content.decode(), "lines-map")
    not_placed = lines[lines.index("map-not-placed") :]
    assert "Hachioji" in not_placed and "Tokyo" in not_placed
    assert lines.count('class="map-arc"') == 1  # Osaka – Lyon only


def test_the_lines_cost_two_queries(client, ties, django_assert_max_num_queries):
    # Queries: 1 facet choices, 1 facet and year counts, 1 page of ids, 1 page of rows, 1-2 prefetches,
    #   then the lines: 1 the pairs of localities (grouped), 1 those localities with parents and countries.
    with django_assert_max_num_queries(8):
        client.get("/partnerships/")


def test_each_country_page_draws_its_partnerships_as_lines(client, ties, django_assert_max_num_queries):
    # Queries: 1 the country, 4 its sections, then the lines: 1 the pairs, 1 their localities.
    with django_assert_max_num_queries(7):
        france = client.get("/countries/fr/").content.decode()
    assert lines_table(figure(france, "lines-map")) == [("Osaka", "France", 1)]
    japan = figure(client.get("/countries/jp/").content.decode(), "lines-map")
    assert lines_table(japan) == [("Osaka", "France", 1), ("Tokyo", "Portland", 2)]
    assert figure(client.get("/countries/de/").content.decode(), "lines-map") is None


PARTNERS = ["US", "FR", "DE", "BR", "KE", "IN", "AU", "CA", "MX", "TH"]


def test_where_lines_would_crowd_they_join_prefecture_and_country_by_width_and_the_rest_stay_in_the_table(
    client, django_assert_max_num_queries
):
    """90 pairs of cities (9 prefectures × 10 countries) are more than the map draws (``maps.lines.CAP``, 80):
    every partnership is drawn between its prefecture and its partner's country, the 80 heaviest lines on
    the map, the 10 lightest in the table only."""
    prefectures = list(Locality.objects.filter(iso_code__in=[f"JP-0{i}" for i in range(1, 10)]).order_by("iso_code"))
    japan = f.country("JP")
    cities = [
        f.LocalityFactory(country=japan, parent=p, latitude=p.latitude, longitude=p.longitude) for p in prefectures
    ]
    abroad = [
        f.LocalityFactory(country=f.country(iso2), latitude=i, longitude=10 * i) for i, iso2 in enumerate(PARTNERS)
    ]
    for city in cities:
        for partner in abroad:
            f.PartnershipFactory(japanese_locality=city, foreign_locality=partner)
    for _ in range(4):  # four more cities of Hokkaido with the same partner: a line of five, the widest
        city = f.LocalityFactory(country=japan, parent=prefectures[0])  # no coordinates: drawn at Hokkaido
        f.PartnershipFactory(japanese_locality=city, foreign_locality=abroad[0])
    # Queries: as test_the_lines_cost_two_queries, whatever the number of lines.
    with django_assert_max_num_queries(8):
        lines = figure(client.get("/partnerships/").content.decode(), "lines-map")
    rows = lines_table(lines)
    assert len(rows) == 90 and sum(n for _j, _a, n in rows) == 94
    assert {a for _j, a, _n in rows} == {country.name for country in Country.objects.filter(iso2__in=PARTNERS)}
    assert {j for j, _a, _n in rows} == {p.name for p in prefectures}
    assert (prefectures[0].name, "United States", 5) in rows
    assert lines.count('class="map-arc"') == 80
    assert lines.count('class="map-row-undrawn"') == 10
    assert "The map draws the 80 largest of 90 lines; the table lists them all." in lines
    widths = set(re.findall(r'stroke-width="([\d.]+)" class="map-arc"', lines))
    assert len(widths) == 2  # the line of five is wider than the lines of one


def test_each_locality_is_one_place_however_many_pairs_it_is_in_and_links_to_its_search(ties):
    found = read_ties(SubnationalPartnership.objects.published())
    portland = [tie.abroad for tie in found if tie.abroad.name == "Portland"]
    assert len(portland) == 2 and portland[0] is portland[1]  # Tokyo's and Hachioji's partner: built once
    [hachioji] = [tie.japan for tie in found if tie.japan.name == "Hachioji"]
    assert hachioji.url == "/partnerships/?prefecture=JP-13" and hachioji.parent.name == "Tokyo"
    assert portland[0].url == "/partnerships/?country=US"
    [lyon] = [tie.abroad for tie in found if tie.abroad.name == "Lyon"]
    assert (lyon.parent.key, lyon.parent.url) == ("country:FR", "/countries/fr/")
