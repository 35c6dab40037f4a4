"""The export's row reader (plain tuples) gives exactly the cells the model-instance reader gives."""

import datetime

import pytest
from django.http import QueryDict

from editorial.models import EditorialState
from exports.rows import supported, tuple_rows
from exports.views import export_rows
from search import registry, search_queryset
from tests.factories import (
    ActivityFactory,
    ExchangeFactory,
    FrameworkFactory,
    InitiativeFactory,
    LocalityFactory,
    OrganizationFactory,
    ParticipationFactory,
    PartnershipFactory,
    PolicyAreaFactory,
    ResearcherFactory,
    ResearchFieldFactory,
    country,
)

pytestmark = pytest.mark.django_db

BASE_URL = "http://testserver"


def varied_records():
    """Records that exercise every column's edge: empty relations, drafts, nulls, localities of each shape."""
    areas = [PolicyAreaFactory(slug="energy"), PolicyAreaFactory(slug="cybersecurity")]
    lead = OrganizationFactory(slug="mofa", sector="government")
    rich = InitiativeFactory(
        slug="rich",
        title="=cmd|' /C calc'!A0",
        title_ja="サイバー対話",
        policy_areas=areas,
        countries=[country("US"), country("FR"), country("JP")],
        partner_organizations=[OrganizationFactory(slug="jst"), lead],
        frameworks=[FrameworkFactory(slug="g7")],
        lead_organization=lead,
        funding_jpy=5_000_000,
        end_date=datetime.date(2022, 3, 31),
    )
    InitiativeFactory(slug="bare", lead_organization=None, start_date=None)
    draft = InitiativeFactory(slug="draft-initiative", editorial_state=EditorialState.DRAFT)

    shown = ResearcherFactory(slug="shown", given_name="愛子", affiliation=None, fields=[ResearchFieldFactory()])
    hidden = ResearcherFactory(slug="no-consent", consent_to_publish=False)
    for researcher in (shown, hidden):
        ParticipationFactory(researcher=researcher, initiative=rich)
    ParticipationFactory(researcher=shown, initiative=draft)
    ExchangeFactory(researcher=shown)
    ExchangeFactory(researcher=shown, direction="inbound", country=country("FR"), start_date=datetime.date(2015, 1, 2))
    ResearcherFactory(slug="lonely")

    jp, us = country("JP"), country("US")
    tokyo = LocalityFactory(name="Tokyo", country=jp, level="prefecture", iso_code="JP-99")
    shibuya = LocalityFactory(name="Shibuya", country=jp, parent=tokyo)
    state = LocalityFactory(name="Oregon", country=us, level="prefecture")
    portland = LocalityFactory(name="Portland", country=us, parent=state)
    first = PartnershipFactory(slug="tokyo-portland", japanese_locality=tokyo, foreign_locality=portland)
    first.focus_areas.set(areas)
    ActivityFactory(partnership=first)
    ActivityFactory(partnership=first)
    PartnershipFactory(slug="shibuya-town", japanese_locality=shibuya)


def model_rows(spec, queryset):
    return [spec.row(obj, BASE_URL) for obj in spec.prepare(queryset)]


@pytest.mark.parametrize("register", list(registry))
@pytest.mark.parametrize(
    "params",
    [{}, {"sort": "title"}, {"sort": "newest"}, {"sort": "oldest"}, {"q": "rich"}],
    ids=["all", "sorted", "newest", "oldest", "text"],
)
def test_tuple_rows_equal_the_model_rows_cell_for_cell(register, params):
    varied_records()
    spec = registry[register].exports
    query = QueryDict(mutable=True)
    query.update(params)
    queryset = search_queryset(register, query)
    assert supported(spec, queryset)
    expected = model_rows(spec, queryset)
    assert list(tuple_rows(spec, queryset, BASE_URL, chunk_size=2)) == expected
    if not params:
        assert len(expected) >= 2
        # The whole register: the relations aggregated whole, the drafts' related rows left out all the same.
        assert list(tuple_rows(spec, queryset, BASE_URL, chunk_size=2, every_record=True)) == expected


def test_tuple_rows_read_the_edge_cells_as_the_contract_says():
    varied_records()
    spec = registry["partnerships"].exports
    rows = {
        row[0]: dict(zip(spec.headers, row, strict=True))
        for row in tuple_rows(spec, search_queryset("partnerships", QueryDict()), BASE_URL, chunk_size=10)
    }
    assert rows["tokyo-portland"]["activities"] == 2
    assert rows["tokyo-portland"]["foreign_locality"] == "US/Oregon/Portland"
    assert rows["shibuya-town"]["japanese_locality"] == "JP-99/Shibuya"
    assert rows["shibuya-town"]["prefecture_code"] == "JP-99"
    assert rows["shibuya-town"]["japanese_locality_name"] == "Shibuya, Tokyo"
    assert rows["shibuya-town"]["activities"] == 0


@pytest.mark.parametrize("register", list(registry))
def test_tuple_rows_are_one_streamed_query_whatever_the_number_of_chunks(register, django_assert_num_queries):
    varied_records()
    spec = registry[register].exports
    queryset = search_queryset(register, QueryDict())
    count = queryset.count()
    assert count >= 2
    with django_assert_num_queries(1):  # the rows with their multi-valued cells aggregated in SQL
        assert len(list(tuple_rows(spec, queryset, BASE_URL, chunk_size=1))) == count


def test_an_order_by_a_relation_which_means_the_related_models_ordering_is_kept():
    # order_by("lead_organization") sorts by the organisations' names, not their ids: created Zeta first.
    # The aggregating query cannot number such rows in that order, so the export reads model instances.
    zeta, alpha = OrganizationFactory(name="Zeta"), OrganizationFactory(name="Alpha")
    InitiativeFactory(slug="led-by-zeta", lead_organization=zeta)
    InitiativeFactory(slug="led-by-alpha", lead_organization=alpha)
    spec = registry["initiatives"].exports
    queryset = search_queryset("initiatives", QueryDict()).order_by("lead_organization", "pk")
    assert not supported(spec, queryset)
    rows = list(export_rows(spec, queryset, BASE_URL))
    assert [row[0] for row in rows] == ["led-by-alpha", "led-by-zeta"]
    assert rows == model_rows(spec, queryset)
