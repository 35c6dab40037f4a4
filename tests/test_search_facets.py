"""Disjunctive faceting (DESIGN.md): OR within a facet, AND across facets, and each value's count is the
result count of the same search with that facet's selection replaced by that one value."""

import pytest
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from initiatives.models import Initiative
from techdiplo.search import REGISTERS, Search, search_queryset

from . import factories as f
from .search_data import (
    AREAS,
    COUNTRIES,
    FRAMEWORKS,
    KINDS,
    SECTORS,
    STATUSES,
    build_initiatives,
    build_partnerships,
    build_researchers,
    initiative_values,
)

pytestmark = pytest.mark.django_db

CANDIDATES = {
    "area": [*AREAS, "no-such-area"],
    "country": [*COUNTRIES, "ZZ"],
    "region": ["africa", "americas", "asia", "europe", "mars"],
    "kind": [str(k) for k in KINDS],
    "status": [str(s) for s in STATUSES],
    "sector": [str(s) for s in SECTORS],
    "framework": [*FRAMEWORKS, "nope"],
}
selections = st.fixed_dictionaries(
    {name: st.lists(st.sampled_from(values), max_size=3) for name, values in CANDIDATES.items()}
)


def querydict(selection, **extra):
    qd = QueryDict(mutable=True)
    for name, values in {**selection, **extra}.items():
        qd.setlist(name, values if isinstance(values, list) else [values])
    return qd


def expected_matches(records, selection):
    """The DESIGN.md semantics in plain Python: a facet with known selected values must share one of them."""
    result = []
    for values in records.values():
        if all(not chosen or values[name] & set(chosen) for name, chosen in selection.items()):
            result.append(values)
    return result


def known(selection):
    """The selection without the made-up values (the last candidate of the facets that have one)."""
    has_bogus = {"area", "country", "region", "framework"}
    return {
        name: [v for v in values if name not in has_bogus or v != CANDIDATES[name][-1]]
        for name, values in selection.items()
    }


@pytest.fixture
def initiatives():
    return {i.pk: initiative_values(i) for i in build_initiatives()}


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(selection=selections)
def test_each_facet_count_equals_the_count_of_that_value_alone_under_the_other_filters(initiatives, selection):
    search = Search(REGISTERS["initiatives"], querydict(selection))
    for facet in search.facets():
        for value in facet.all_values:
            replaced = {**selection, facet.name: [value.value]}
            alone = Search(REGISTERS["initiatives"], querydict(replaced)).queryset().count()
            assert value.count == alone, (facet.name, value.value, selection)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(selection=selections)
def test_results_are_or_within_a_facet_and_and_across_facets(initiatives, selection):
    results = search_queryset("initiatives", querydict(selection))
    expected = expected_matches(initiatives, known(selection))
    assert results.count() == len(expected)
    assert len(set(results.values_list("pk", flat=True))) == len(expected)  # no row is repeated by a to-many join


def test_a_selected_value_shows_even_with_a_zero_count(initiatives):
    # No initiative is both "planned" and led by the private sector... make sure, then select both.
    Initiative.objects.filter(status="planned", lead_organization__sector="private").update(status="active")
    search = Search(REGISTERS["initiatives"], querydict({"status": ["planned"], "sector": ["private"]}))
    status = next(facet for facet in search.facets() if facet.name == "status")
    planned = next(v for v in status.values if v.value == "planned")
    assert planned.selected and planned.count == 0
    assert search.queryset().count() == 0


def test_values_with_a_zero_count_are_hidden(initiatives):
    search = Search(REGISTERS["initiatives"], QueryDict())
    shown = {v.value for facet in search.facets() for v in facet.all_values}
    assert "food-security" in shown  # carried by several initiatives
    assert "antarctica" not in shown  # a region no partner country is in
    assert all(v.count > 0 for facet in search.facets() for v in facet.all_values)


def test_unknown_values_are_ignored_not_applied(initiatives):
    everything = search_queryset("initiatives", QueryDict()).count()
    assert search_queryset("initiatives", QueryDict("area=no-such-area&status=bogus&country=zz")).count() == everything
    assert search_queryset("initiatives", QueryDict("area=no-such-area&area=cybersecurity")).count() == (
        search_queryset("initiatives", QueryDict("area=cybersecurity")).count()
    )


def test_drafts_are_never_counted_nor_found(initiatives):
    search = Search(REGISTERS["initiatives"], QueryDict())
    frameworks = next(facet for facet in search.facets() if facet.name == "framework")
    assert sum(v.count for v in frameworks.values) == sum(1 for v in initiatives.values() if v["framework"])
    assert not search.queryset().filter(title__startswith="Draft").exists()


def test_year_range_is_inclusive_and_and_combined(initiatives):
    results = search_queryset("initiatives", QueryDict("year_from=2012&year_to=2014&status=completed"))
    assert sorted(i.start_date.year for i in results) == [2012, 2013]  # 2014's is planned
    assert search_queryset("initiatives", QueryDict("year_from=2012&year_to=2012")).count() == 1


def test_a_city_partnership_counts_under_its_prefecture():
    made = build_partnerships()
    search = Search(REGISTERS["partnerships"], QueryDict())
    prefecture = {v.value: v.count for v in next(x for x in search.facets() if x.name == "prefecture").all_values}
    assert prefecture == {"JP-13": 2, "JP-27": 1}  # Tokyo itself and Hachioji; the draft is not counted
    tokyo = set(search_queryset("partnerships", QueryDict("prefecture=JP-13")))
    assert tokyo == {made["tokyo"], made["hachioji"]}


def test_partnership_country_region_and_since_range():
    made = build_partnerships()
    assert set(search_queryset("partnerships", QueryDict("country=DE"))) == {made["osaka"]}
    assert set(search_queryset("partnerships", QueryDict("region=americas&since_to=1970"))) == {made["tokyo"]}


def test_researcher_exchange_facet_is_yes_or_no_and_private_researchers_never_count():
    created = build_researchers()
    search = Search(REGISTERS["researchers"], QueryDict())
    exchange = {v.value: v.count for v in next(x for x in search.facets() if x.name == "exchange").all_values}
    assert exchange == {"yes": 3, "no": 3}
    with_exchange = set(search_queryset("researchers", QueryDict("exchange=yes")))
    assert with_exchange == {r for r in created if r.exchanges.exists()}
    fields = next(x for x in search.facets() if x.name == "field")
    assert sum(v.count for v in fields.all_values) == len(created)  # the draft and the private one carry all three


def test_researcher_facets_combine_english_levels_with_or():
    build_researchers()
    results = search_queryset("researchers", QueryDict("english=B1&english=C1&stage=senior"))
    assert sorted(r.english_level for r in results) == ["B1", "C1"]


def test_long_facets_show_the_top_values_and_keep_the_rest_behind_show_all():
    organizations = [f.OrganizationFactory(name=f"Org {i:02d}") for i in range(14)]
    for i, org in enumerate(organizations):
        for _ in range(1 + i % 3):
            f.ResearcherFactory(affiliation=org)
    search = Search(REGISTERS["researchers"], QueryDict(f"org={organizations[0].slug}"))
    org_facet = next(x for x in search.facets() if x.name == "org")
    assert len(org_facet.values) == 10 and len(org_facet.more) == 4
    assert org_facet.values[0].count >= org_facet.values[-1].count
    assert organizations[0].slug in {v.value for v in org_facet.values}  # selected values stay in view


def test_counts_change_when_an_editor_saves(initiatives):
    def count_of(value):
        facet = next(x for x in Search(REGISTERS["initiatives"], QueryDict()).facets() if x.name == "status")
        return {v.value: v.count for v in facet.values}.get(value, 0)

    before = count_of("proposed")
    initiative = Initiative.objects.published().first()
    initiative.status = "proposed"
    initiative.save()
    assert count_of("proposed") == before + 1
    initiative.policy_areas.clear()  # an m2m change too
    facet = next(x for x in Search(REGISTERS["initiatives"], QueryDict("status=proposed")).facets() if x.name == "area")
    assert all(v.count <= before for v in facet.values)
