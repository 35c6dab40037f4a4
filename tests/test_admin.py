"""The editors' admin: every page answers an editor, the editorial actions, history and revert, query counts."""

import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import EDITORS, content_app_labels
from directory.models import Locality
from editorial.admin import EstimatedCountPaginator
from editorial.models import EditorialState
from initiatives.models import Initiative
from partnerships.models import SubnationalPartnership
from people.models import Researcher
from tests.admin_forms import admin_url, form_data
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

CONTENT_ADMINS = sorted(
    (model for model in admin.site._registry if model._meta.app_label in content_app_labels()),
    key=lambda model: model._meta.label,
)


def model_id(model):
    return model._meta.label


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_user("editor-test", is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return user


@pytest.fixture
def one_of_each():
    """At least one object of every content model, linked the way real data is."""
    initiative = InitiativeFactory(
        policy_areas=[PolicyAreaFactory(slug="food-security")],
        frameworks=[FrameworkFactory(slug="g7-presidency")],
        countries=[country("US")],
    )
    researcher = ResearcherFactory(fields=[ResearchFieldFactory(slug="seismology")])
    ParticipationFactory(initiative=initiative, researcher=researcher)
    ExchangeFactory(researcher=researcher)
    partnership = PartnershipFactory(focus_areas=[PolicyAreaFactory(slug="tourism")])
    ActivityFactory(partnership=partnership)
    LocalityFactory(country=country("JP"), name="Shizuoka")
    OrganizationFactory()


def test_every_content_model_has_an_admin():
    content_models = {
        model
        for label in content_app_labels()
        for model in apps.get_app_config(label).get_models()
        if not model._meta.model_name.startswith("historical")
    }
    assert content_models == set(CONTENT_ADMINS)


def relation_fields(model, form_class, exclude=None):
    """Foreign keys and many-to-many fields that ``form_class`` edits (no parent link, no through models)."""
    return {
        field.name
        for field in model._meta.get_fields()
        if (field.many_to_one or (field.many_to_many and not field.auto_created))
        and field.name in form_class.base_fields
        and field.name != exclude
    }


@pytest.mark.parametrize("model", CONTENT_ADMINS, ids=model_id)
def test_every_relation_picks_its_target_by_autocomplete(rf, editor, model):
    request = rf.get("/")
    request.user = editor
    model_admin = admin.site._registry[model]
    assert relation_fields(model, model_admin.get_form(request)) <= set(model_admin.autocomplete_fields)
    for inline in model_admin.get_inline_instances(request):
        formset = inline.get_formset(request)
        assert relation_fields(inline.model, formset.form, exclude=formset.fk.name) <= set(inline.autocomplete_fields)


@pytest.mark.parametrize("facets", ["", "?_facets=1"], ids=["plain", "facets"])
@pytest.mark.parametrize("model", CONTENT_ADMINS, ids=model_id)
def test_editor_opens_changelist(client, editor, one_of_each, model, facets):
    response = client.get(admin_url(model, "changelist") + facets)
    assert response.status_code == 200
    assert response.context["cl"].result_count >= 1


@pytest.mark.parametrize("model", CONTENT_ADMINS, ids=model_id)
def test_a_changelist_search_with_junk_answers_200(client, editor, one_of_each, model):
    url = admin_url(model, "changelist")
    for junk in ("a\x00b", "x" * 5_000, "東京\x00", "'\"%_\\"):
        assert client.get(url, {"q": junk}).status_code == 200, (model, junk[:10])


@pytest.mark.parametrize("model", CONTENT_ADMINS, ids=model_id)
def test_editor_opens_add_page(client, editor, model):
    assert client.get(admin_url(model, "add")).status_code == 200


@pytest.mark.parametrize("model", CONTENT_ADMINS, ids=model_id)
def test_editor_opens_change_page(client, editor, one_of_each, model):
    obj = model._default_manager.order_by("pk").last()
    response = client.get(admin_url(model, "change", obj.pk))
    assert response.status_code == 200
    assert response.context["original"] == obj
    # "View on site" wherever the public site has a page for it.
    assert response.context["has_absolute_url"] == hasattr(obj, "get_absolute_url")


@pytest.mark.parametrize("model", CONTENT_ADMINS, ids=model_id)
def test_every_filter_shows_facet_counts_on_request(client, editor, one_of_each, model):
    response = client.get(admin_url(model, "changelist") + "?_facets=1")
    changelist = response.context["cl"]
    assert changelist.filter_specs, "every changelist has filters"
    for spec in changelist.filter_specs:
        # Every choice but "All" ends with its count, e.g. "Active (1)".
        displays = [str(choice["display"]) for choice in spec.choices(changelist)]
        assert any(re.search(r"\(\d+\)$", display) for display in displays), (spec.title, displays)


def test_changelist_search_finds_by_title_and_leaves_out_the_rest(client, editor):
    InitiativeFactory(title="Belmont Forum collaborative research")
    InitiativeFactory(title="TICAD7 science dialogue")
    response = client.get(admin_url(Initiative, "changelist"), {"q": "belmont"})
    assert [obj.title for obj in response.context["cl"].result_list] == ["Belmont Forum collaborative research"]


def test_changelist_search_finds_a_word_of_the_summary(client, editor):
    InitiativeFactory(title="Joint research", summary="Young scientists in globally visible research centres.")
    InitiativeFactory(title="Other research", summary="Food security dialogue.")
    response = client.get(admin_url(Initiative, "changelist"), {"q": "scientists"})
    assert [obj.title for obj in response.context["cl"].result_list] == ["Joint research"]


def test_autocomplete_finds_an_initiative_by_the_start_of_a_word(client, editor):
    InitiativeFactory(title="Belmont Forum collaborative research")
    InitiativeFactory(title="TICAD7 science dialogue")
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "initiatives", "model_name": "participation", "field_name": "initiative", "term": "belm"},
    )
    assert [result["text"] for result in response.json()["results"]] == ["Belmont Forum collaborative research"]


def test_editor_finds_a_researcher_by_private_email(client, editor):
    ResearcherFactory(family_name="Sato", email="sato@example.ac.jp")
    ResearcherFactory(family_name="Tanaka", email="tanaka@example.ac.jp")
    response = client.get(admin_url(Researcher, "changelist"), {"q": "sato@example"})
    # The list has no e-mail column (it fits 1366 px): the search still reads the private e-mail.
    assert [obj.family_name for obj in response.context["cl"].result_list] == ["Sato"]


def test_history_page_shows_the_diff_of_a_change(client, editor):
    initiative = InitiativeFactory(title="Five Eyes proposal")
    initiative.title = "Five Eyes membership proposal"
    initiative.save()
    response = client.get(admin_url(Initiative, "history", initiative.pk))
    assert response.status_code == 200
    assert "Five Eyes proposal" in response.text  # old value
    assert "&rarr;" in response.text  # "old → new" in the Changes column
    assert "<td>Published</td>" in response.text  # the editorial state of each version


def test_revert_restores_an_earlier_version(client, editor, rf):
    # A draft: an editor's changes to a published record would need a reviewer (tests/test_review.py).
    initiative = InitiativeFactory(
        title="Cybersecurity capacity building", summary="First summary.", editorial_state=EditorialState.DRAFT
    )
    first = initiative.history.earliest()
    initiative.title, initiative.summary = "Renamed", "Second summary."
    initiative.save()

    url = reverse("admin:initiatives_initiative_simple_history", args=[initiative.pk, first.history_id])
    page = client.get(url)
    assert page.status_code == 200
    assert "Revert" in page.text

    model_admin = admin.site._registry[Initiative]
    request = rf.get(url)
    request.user = editor
    old_form = model_admin.get_form(request, first.instance)(instance=first.instance)
    response = client.post(url, form_data(old_form))
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert (initiative.title, initiative.summary) == ("Cybersecurity capacity building", "First summary.")
    assert initiative.history.count() == 3


def test_autocomplete_answers_an_editor(client, editor):
    OrganizationFactory(name="Japan Society for the Promotion of Science", acronym="JSPS")
    OrganizationFactory(name="Tohoku University")
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "initiatives", "model_name": "initiative", "field_name": "lead_organization", "term": "jsps"},
    )
    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == [
        "Japan Society for the Promotion of Science (JSPS)"
    ]


def test_partnership_autocomplete_offers_japanese_places_for_the_japanese_side(client, editor):
    LocalityFactory(name="Kobe", country=country("JP"))
    LocalityFactory(name="Kobe Springs", country=country("US"))
    params = {"app_label": "partnerships", "model_name": "subnationalpartnership", "term": "kobe"}
    japanese = client.get(reverse("admin:autocomplete"), {**params, "field_name": "japanese_locality"}).json()
    foreign = client.get(reverse("admin:autocomplete"), {**params, "field_name": "foreign_locality"}).json()
    assert [r["text"] for r in japanese["results"]] == ["Kobe"]
    assert [r["text"] for r in foreign["results"]] == ["Kobe Springs"]


def test_partnership_saved_without_slug_gets_one_from_its_localities(client, editor):
    japanese = LocalityFactory(name="Nagano", country=country("JP"))
    foreign = LocalityFactory(name="Colorado", country=country("US"))
    response = client.post(
        admin_url(SubnationalPartnership, "add"),
        {
            "japanese_locality": japanese.pk,
            "foreign_locality": foreign.pk,
            "slug": "",
            "kind": "sister_city",
            "status": "active",
            "editorial_state": "draft",
            "activities-TOTAL_FORMS": "0",
            "activities-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    assert SubnationalPartnership.objects.get().slug == "nagano-colorado"


# Queries of an editor's changelist of 30 rows, the same for 3 or 3,000:
# 1 session, 2 user, 3-4 the user's own and group permissions, then the filters' choices
# (initiatives: 5 policy areas, 6 frameworks; researchers: 5 research fields;
# partnerships: 5 policy areas), on PostgreSQL the planner's row estimate (EstimatedCountPaginator),
# the page count, and the page's rows with their related rows joined (list_select_related).
@pytest.mark.parametrize(
    ("model", "factory", "queries"),
    [
        (Initiative, InitiativeFactory, 9),
        (Researcher, ResearcherFactory, 8),
        (SubnationalPartnership, PartnershipFactory, 8),
    ],
    ids=["initiatives", "researchers", "partnerships"],
)
def test_changelist_query_count_does_not_grow_with_rows(
    client, editor, django_assert_max_num_queries, model, factory, queries
):
    factory.create_batch(30)
    with django_assert_max_num_queries(queries):
        response = client.get(admin_url(model, "changelist"))
    assert len(response.context["cl"].result_list) == 30


def test_locality_changelist_joins_country_and_parent(client, editor, django_assert_max_num_queries):
    # The reference data alone fills a page with localities of many countries. Queries: session,
    # user, permissions (2), the region and level filters need none, the Japanese-name filter none,
    # the count (or PostgreSQL's estimate and the count), the page's rows with country and parent joined.
    with django_assert_max_num_queries(8):
        response = client.get(admin_url(Locality, "changelist"))
    rows = response.context["cl"].result_list
    assert len({row.country_id for row in rows}) > 1


def test_paginator_counts_an_unfiltered_big_table_from_statistics():
    InitiativeFactory.create_batch(12)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE initiatives_initiative")  # fills pg_class.reltuples, as autovacuum would

    class SmallThreshold(EstimatedCountPaginator):
        estimate_above = 10

    with CaptureQueriesContext(connection) as queries:
        count = SmallThreshold(Initiative.objects.all(), 5).count
    assert count == 12
    # PostgreSQL answers from its statistics.
    assert not any("COUNT(" in query["sql"].upper() for query in queries.captured_queries)


def test_paginator_counts_a_filtered_list_exactly():
    InitiativeFactory.create_batch(3, status="completed")
    InitiativeFactory.create_batch(2, status="active")

    class SmallThreshold(EstimatedCountPaginator):
        estimate_above = 0

    assert SmallThreshold(Initiative.objects.filter(status="active"), 5).count == 2


@pytest.mark.parametrize(
    "path",
    [
        "/admin/initiatives/initiative/abc/history/",
        "/admin/people/researcher/1%20or%201/history/",
        "/admin/partnerships/subnationalpartnership/abc/history/1/",
        "/admin/initiatives/initiative/1/history/xyz/",
        "/admin/directory/policyarea/abc/history/",
    ],
)
def test_bad_ids_in_history_urls_answer_404(client, editor, path):
    InitiativeFactory()
    assert client.get(path).status_code == 404


def test_history_shows_no_literal_none(client, editor):
    initiative = InitiativeFactory(title="Five Eyes proposal", summary="")
    initiative.summary = "Proposed in 2020."
    initiative.save()  # saved without a user or a reason (as a script does)
    page = client.get(admin_url(Initiative, "history", initiative.pk)).text
    table = page.split('id="change-history"', 1)[1].split("</table>", 1)[0]
    assert "None" not in table
    assert "no user (a script)" in table
    changes = " ".join(table.split())
    assert "<strong>Summary:</strong> — &nbsp;&rarr;&nbsp;&nbsp;Proposed in 2020." in changes, changes[-900:]
