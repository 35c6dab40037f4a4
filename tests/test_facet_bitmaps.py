"""The facet bitmaps (``search.bitmaps``) agree with plain grouped counts after any edit.

The initiatives' facet counts, result count and filters come from trigger-maintained
bitmaps. Every test here compares the search's answer with the test oracle
(``tests/facet_oracle.py``: one GROUP BY per facet over the rows the declaration
filters, no bitmap) and with those rows themselves. Many edits go through
``QuerySet.update()`` or raw SQL, which send no signal: the bitmaps must follow anyway.
"""

import datetime

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from directory.models import Country, Organization
from initiatives.models import Initiative
from search import Search, bitmaps, registry

from . import facet_oracle
from . import factories as f
from .search_data import build_initiatives
from .test_search_facets import CANDIDATES, querydict

pytestmark = pytest.mark.django_db
REGISTER = registry["initiatives"]


def assert_agrees(params=""):
    """The search's counts and total equal the grouped counts and the filtered rows of the oracle."""
    search = Search(REGISTER, params if isinstance(params, QueryDict) else QueryDict(params))
    rows = set(facet_oracle.filtered(search).values_list("pk", flat=True))
    assert search.facet_counts() == facet_oracle.facet_counts(search), params
    assert search.total() == len(rows), params
    assert set(search.queryset().values_list("pk", flat=True)) == rows, params
    assert set(Initiative.objects.filter(search.includes("pk")).values_list("pk", flat=True)) == rows, params
    # Without the facets' and years' counts (the one-box search, feeds, downloads): the same total and records.
    lean = Search(REGISTER, search.data, years=False, facets=False)
    assert lean.total() == len(rows), params
    assert set(lean.queryset().values_list("pk", flat=True)) == rows, params
    assert lean.facet_counts() == {name: {} for name in search.selected} and lean.year_counts() == {}, params
    return search


@pytest.fixture
def initiatives():
    return build_initiatives()


selections = st.fixed_dictionaries(
    {name: st.lists(st.sampled_from(values), max_size=2) for name, values in CANDIDATES.items()},
    optional={
        "q": st.sampled_from(["number", "initiative 3", "-number", "zzz"]),
        "year_from": st.integers(2008, 2026).map(str),
        "year_to": st.integers(2008, 2026).map(str),
    },
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(selection=selections)
def test_counts_total_and_rows_equal_the_grouped_queries_for_any_search(initiatives, selection):
    assert_agrees(querydict(selection))


def test_a_searchs_bitmap_filters_a_link_table_and_follows_since(initiatives):
    ids = sorted(Initiative.objects.published().values_list("pk", flat=True))
    Initiative.objects.filter(pk__in=ids[::2]).update(updated_at=datetime.datetime(2001, 1, 1, tzinfo=datetime.UTC))
    search = Search(REGISTER, QueryDict("q=number"), since=datetime.datetime(2010, 1, 1, tzinfo=datetime.UTC))
    found = set(search.filtered().values_list("pk", flat=True))
    links = Initiative.countries.through.objects

    assert found and not found & set(ids[::2])  # since left the records updated before it out
    assert set(Initiative.objects.filter(search.includes("pk")).values_list("pk", flat=True)) == found
    assert set(links.filter(search.includes("initiative_id")).values_list("pk", flat=True)) == set(
        links.filter(initiative__in=found).values_list("pk", flat=True)
    )


def test_saves_publishing_and_link_changes_are_followed(initiatives):
    first, second = initiatives[0], initiatives[1]
    first.status = "proposed"
    first.save()
    assert_agrees("status=proposed")
    Initiative.objects.filter(pk=second.pk).update(editorial_state="draft", kind="policy_dialogue")  # no signal
    assert_agrees("kind=policy_dialogue")
    Initiative.objects.filter(pk=second.pk).update(editorial_state="published")
    assert_agrees()
    first.policy_areas.set([f.PolicyAreaFactory(slug="oceans")])
    first.countries.add(f.country("KE"))
    first.frameworks.clear()
    assert_agrees("area=oceans&region=africa")
    Initiative.objects.filter(pk=first.pk).update(start_date=None)
    assert_agrees("year_from=2000")
    second.delete()
    assert_agrees("country=KE&country=US")


def test_an_organizations_sector_and_a_countrys_region_reach_their_initiatives(initiatives):
    led = initiatives[0].lead_organization
    Organization.objects.filter(pk=led.pk).update(sector="civil_society")
    search = assert_agrees("sector=civil_society")
    assert search.facet_counts()["sector"]["civil_society"] == sum(
        1 for i in initiatives if i.lead_organization_id == led.pk
    )
    Country.objects.filter(iso2="KE").update(region="europe")
    assert_agrees("region=europe")
    assert_agrees("region=africa")


def test_raw_sql_on_a_link_table_is_followed(initiatives):
    area = f.PolicyAreaFactory(slug="raw-area")
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO initiatives_initiative_policy_areas (initiative_id, policyarea_id) VALUES (%s, %s)",
            [initiatives[3].pk, area.pk],
        )
    search = assert_agrees("area=raw-area")
    assert list(search.queryset()) == [initiatives[3]]


def test_records_with_ids_past_the_first_bitmap_width_are_counted_and_found(initiatives):
    far = f.InitiativeFactory(id=70_001, status="proposed", countries=[f.country("BR")])
    search = assert_agrees("status=proposed")
    assert list(search.queryset()) == [far]
    page, _notice = search.page("1")
    assert page.object_list == [far] and page.paginator.count == 1


def test_a_bulk_load_with_deferred_triggers_is_rebuilt_after(initiatives):
    with bitmaps.deferred(REGISTER):
        loaded = Initiative.objects.bulk_create(
            [
                Initiative(
                    slug=f"bulk-{i}",
                    title=f"Bulk {i}",
                    kind="policy_dialogue",
                    status="proposed",
                    editorial_state="published",
                )
                for i in range(5)
            ]
        )
        # Inside the block the bitmaps lag behind; a search still answers (the new rows are just not in them).
        far = f.InitiativeFactory(id=140_003, status="proposed")
        assert Search(REGISTER, QueryDict("status=proposed")).page("1")[0].paginator.count == 0
    search = assert_agrees("status=proposed&kind=policy_dialogue")
    assert set(search.queryset()) == set(loaded)
    assert far in set(Search(REGISTER, QueryDict("status=proposed")).queryset())


def test_the_rebuilt_bitmaps_equal_the_ones_the_triggers_kept(initiatives):
    initiatives[2].countries.set([f.country("PH")])
    Initiative.objects.filter(pk=initiatives[4].pk).update(status="completed", start_date=datetime.date(1999, 5, 1))
    initiatives[5].delete()
    query = (
        "SELECT facet, value, bits::text FROM search_facet_bitmap "
        "WHERE register = 'initiatives' AND bit_count(bits) > 0 ORDER BY facet, value"
    )
    with connection.cursor() as cursor:
        cursor.execute(query)
        kept = cursor.fetchall()
        bitmaps.rebuild(REGISTER)
        cursor.execute(query)
        assert cursor.fetchall() == kept
    assert len(kept) > 10


@pytest.mark.parametrize("sparse_level", [0, bitmaps.SPARSE_LEVEL], ids=["levels walked", "levels read by id"])
def test_related_initiatives_are_the_most_shared_then_newest_as_computed_by_hand(
    initiatives, sparse_level, monkeypatch
):
    monkeypatch.setattr(bitmaps, "SPARSE_LEVEL", sparse_level)
    Initiative.objects.filter(pk=initiatives[6].pk).update(start_date=None)  # no date: after the dated ones
    shared = {
        i.pk: ({a.pk for a in i.policy_areas.all()}, {fw.pk for fw in i.frameworks.all()}, i)
        for i in Initiative.objects.published()
    }
    for initiative in initiatives[:8]:
        mine = Initiative.objects.for_detail().get(pk=initiative.pk)
        areas, frameworks, _ = shared[mine.pk]
        expected = []
        for pk, (their_areas, their_frameworks, other) in shared.items():
            overlap = len(areas & their_areas) + len(frameworks & their_frameworks)
            if pk != mine.pk and overlap:
                newest = (other.start_date is None, -(other.start_date or datetime.date.min).toordinal())
                expected.append(((-overlap, *newest, other.title, pk), (pk, overlap)))
        expected = [pair for _key, pair in sorted(expected)[:5]]
        assert [(other.pk, other.overlap) for other in Initiative.objects.related_to(mine)] == expected


def test_an_import_updating_published_initiatives_is_followed_in_one_refresh(initiatives):
    from initiatives.resources import InitiativeResource

    exported = InitiativeResource().export(queryset=Initiative.objects.filter(pk__in=[i.pk for i in initiatives[:6]]))
    status, areas = exported.headers.index("status"), exported.headers.index("policy_areas")
    for number in range(len(exported)):
        row = list(exported[number])
        row[status], row[areas] = "proposed", "cybersecurity"
        exported[number] = row
    preview = InitiativeResource().import_data(exported, dry_run=True)
    assert not preview.has_errors() and not preview.has_validation_errors()
    assert_agrees("status=proposed")  # a preview writes nothing, bits included
    assert not Search(REGISTER, QueryDict("status=proposed")).queryset().exists()
    result = InitiativeResource().import_data(exported, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    search = assert_agrees("status=proposed&area=cybersecurity")
    assert set(search.queryset()) == set(initiatives[:6])
    assert_agrees("area=climate-change")


def test_truncating_the_initiatives_empties_their_bitmaps(initiatives):
    # TRUNCATE has no transition table: its trigger rebuilds from what is left.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # the test's own inserts: no foreign-key check pending
        cursor.execute("TRUNCATE initiatives_initiative CASCADE")
    search = assert_agrees()
    assert search.facet_counts()["status"] == {} and not search.queryset().exists()
    page, _notice = search.page("1")
    assert page.paginator.count == 0


def test_a_bitmaps_ids_are_read_back_in_order_whatever_its_width():
    ids = [65535, 0, 1, 63, 64, 127, 4095]
    with connection.cursor() as cursor:
        cursor.execute("SELECT ARRAY(SELECT search_bitmap_ids(search_bitmap_of(%s::bigint[], 65536)))", [ids])
        assert cursor.fetchone()[0] == sorted(ids)
        cursor.execute("SELECT ARRAY(SELECT search_bitmap_ids(B'10100')), ARRAY(SELECT search_bitmap_ids(B'000'))")
        assert cursor.fetchone() == ([0, 2], [])


def test_a_search_without_facet_counts_reads_no_facet_choices(initiatives, django_assert_num_queries):
    """A total and text matches, for an answer that shows no facet: one query, the facets' labels never read."""
    with CaptureQueriesContext(connection) as queries, django_assert_num_queries(1):
        total = Search(REGISTER, QueryDict("q=number&year_from=2010"), facets=False).total()
    assert total == assert_agrees("q=number&year_from=2010").total() > 0
    assert "'f', b.facet" not in queries.captured_queries[0]["sql"]  # no facet value is counted
    # A facet named in the parameters still needs its values' ids (one query more), and is still filtered.
    with django_assert_num_queries(2):
        selected = Search(REGISTER, QueryDict("q=number&region=asia"), facets=False).total()
    assert selected == assert_agrees("q=number&region=asia").total() > 0
