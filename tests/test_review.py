"""The review step: editors submit, reviewers publish or return with a comment; records in review stay private."""

import re
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import override_settings

from accounts.roles import EDITORS, REVIEWERS, editor_permission_keys
from editorial.models import EditorialState
from initiatives.models import Initiative
from partnerships.models import SubnationalPartnership
from people.models import Researcher
from tests.admin_forms import admin_url, post_change
from tests.factories import InitiativeFactory, PartnershipFactory, ResearcherFactory, UserFactory

pytestmark = pytest.mark.django_db

DRAFT, IN_REVIEW, PUBLISHED = EditorialState.DRAFT, EditorialState.IN_REVIEW, EditorialState.PUBLISHED
REGISTERS = [
    pytest.param(InitiativeFactory, id="initiatives"),
    pytest.param(ResearcherFactory, id="researchers"),
    pytest.param(PartnershipFactory, id="partnerships"),
]


@pytest.fixture
def editor(client):
    user = UserFactory(username="editor-test", is_staff=True, groups=[EDITORS])
    client.force_login(user)
    return user


@pytest.fixture
def reviewer(client):
    user = UserFactory(username="reviewer-test", is_staff=True, groups=[REVIEWERS])
    client.force_login(user)
    return user


def state_of(record):
    record.refresh_from_db()
    return record.editorial_state


def errors(response):
    return " ".join(str(error) for error in response.context["adminform"].form.errors.values())


# Roles


def test_reviewers_hold_the_editors_permissions_and_publish():
    group = Group.objects.get(name=REVIEWERS)
    held = set(group.permissions.values_list("content_type__app_label", "codename"))
    publish = {("initiatives", "publish_initiative"), ("people", "publish_researcher")}
    publish.add(("partnerships", "publish_subnationalpartnership"))
    assert held == set(editor_permission_keys(apps)) | publish


def test_editors_cannot_publish():
    editor = UserFactory(is_staff=True, groups=[EDITORS])
    assert editor.has_perm("initiatives.change_initiative")
    assert not editor.has_perm("initiatives.publish_initiative")


@override_settings(DEBUG=True)
def test_demo_accounts_include_a_working_reviewer():
    out = StringIO()
    call_command("demo_editor", stdout=out)
    lines = dict(re.findall(r"^(\w+): password (\S+)", out.getvalue(), re.MULTILINE))
    assert set(lines) == {"editor", "reviewer", "analyst"}
    reviewer = Group.objects.get(name=REVIEWERS).user_set.get(username="reviewer")
    assert reviewer.check_password(lines["reviewer"]) and reviewer.is_staff and not reviewer.is_superuser
    assert reviewer.has_perm("people.publish_researcher")


# Nothing in review is public


@pytest.mark.parametrize("factory", REGISTERS)
def test_records_in_review_are_not_published(factory):
    record = factory(editorial_state=IN_REVIEW)
    assert not type(record).objects.published().filter(pk=record.pk).exists()


def test_an_initiative_in_review_reaches_no_public_page_api_export_or_search(client):
    InitiativeFactory(title="Visible ocean observatory")
    hidden = InitiativeFactory(title="Hidden ocean observatory", editorial_state=IN_REVIEW)
    assert client.get(hidden.get_absolute_url()).status_code == 404
    bodies = [
        client.get("/initiatives/", {"q": "ocean"}).text,
        client.get("/search/", {"q": "ocean"}).text,
        client.get("/api/initiatives/", {"q": "ocean"}).text,
        client.get("/initiatives/export.csv", {"q": "ocean"}).getvalue().decode(),
        client.get("/sitemap-initiatives.xml").text,
    ]
    for body in bodies:
        assert "Hidden ocean" not in body and hidden.slug not in body
    assert "Visible ocean observatory" in bodies[0]
    # The facet bitmaps' count of every published record (the search page's total) leaves it out too.
    assert client.get("/api/initiatives/").json()["count"] == 1


def test_a_researcher_in_review_reaches_no_public_page(client):
    researcher = ResearcherFactory(editorial_state=IN_REVIEW, consent_to_publish=True)
    assert client.get(researcher.get_absolute_url()).status_code == 404
    assert client.get("/api/researchers/").json()["count"] == 0


def test_staff_see_an_in_review_banner_on_the_site(client, editor):
    partnership = PartnershipFactory(editorial_state=IN_REVIEW)
    page = client.get(partnership.get_absolute_url())
    assert page.status_code == 200
    assert "In review: not public." in page.text


# The editor's form


@pytest.mark.parametrize("factory", REGISTERS)
def test_editor_submits_a_draft_for_review_and_history_says_who_and_why(client, editor, factory):
    record = factory(editorial_state=DRAFT)
    response = post_change(client, record, editorial_state=IN_REVIEW)
    assert response.status_code == 302, errors(response)
    assert state_of(record) == IN_REVIEW
    latest = record.history.first()
    assert (latest.history_user, latest.history_change_reason) == (editor, "Submitted for review")


def test_editor_is_not_offered_publish_and_a_forged_post_is_refused(client, editor):
    initiative = InitiativeFactory(editorial_state=IN_REVIEW)
    page = client.get(admin_url(Initiative, "change", initiative.pk))
    choices = [value for value, _ in page.context["adminform"].form.fields["editorial_state"].choices]
    assert choices == [DRAFT, IN_REVIEW]
    response = post_change(client, initiative, editorial_state=PUBLISHED)
    assert response.status_code == 200
    assert "Select a valid choice" in errors(response)
    assert state_of(initiative) == IN_REVIEW


def test_editor_changing_a_published_record_must_send_it_to_review(client, editor):
    initiative = InitiativeFactory(title="G7 Ise-Shima summit", editorial_state=PUBLISHED)
    response = post_change(client, initiative, title="G7 Ise-Shima summit 2016")
    assert response.status_code == 200
    assert "changes to it need a reviewer" in errors(response)
    initiative.refresh_from_db()
    assert initiative.title == "G7 Ise-Shima summit"

    response = post_change(client, initiative, title="G7 Ise-Shima summit 2016", editorial_state=IN_REVIEW)
    assert response.status_code == 302
    assert state_of(initiative) == IN_REVIEW


def test_editor_saving_a_published_record_unchanged_keeps_it_published(client, editor):
    initiative = InitiativeFactory(editorial_state=PUBLISHED)
    assert post_change(client, initiative).status_code == 302
    assert state_of(initiative) == PUBLISHED


def test_editor_cannot_write_the_reviewers_comment(client, editor):
    initiative = InitiativeFactory(editorial_state=DRAFT, review_comment="Add a source.")
    response = post_change(client, initiative, review_comment="Done, ignore it")
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.review_comment == "Add a source."
    assert "Add a source." in client.get(admin_url(Initiative, "change", initiative.pk)).text


# The reviewer's form


def test_reviewer_publishes_and_the_comment_is_cleared(client, reviewer):
    initiative = InitiativeFactory(editorial_state=IN_REVIEW, review_comment="Add a source.")
    response = post_change(client, initiative, editorial_state=PUBLISHED)
    assert response.status_code == 302, errors(response)
    initiative.refresh_from_db()
    assert (initiative.editorial_state, initiative.review_comment) == (PUBLISHED, "")
    latest = initiative.history.first()
    assert (latest.history_user, latest.history_change_reason) == (reviewer, "Published")
    assert Initiative.objects.published().filter(pk=initiative.pk).exists()


def test_reviewer_returning_to_draft_must_write_a_comment(client, reviewer):
    partnership = PartnershipFactory(editorial_state=IN_REVIEW, review_comment="An old comment.")
    response = post_change(client, partnership, editorial_state=DRAFT)
    assert response.status_code == 200
    assert "needs a new comment" in errors(response)
    assert state_of(partnership) == IN_REVIEW

    response = post_change(client, partnership, editorial_state=DRAFT, review_comment="Which year was it signed?")
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert (partnership.editorial_state, partnership.review_comment) == (DRAFT, "Which year was it signed?")
    latest = partnership.history.first()
    assert (latest.history_user, latest.history_change_reason) == (reviewer, "Returned to draft with a comment")
    assert latest.review_comment == "Which year was it signed?"


def test_reviewer_sees_what_changed_since_the_last_published_version(client, editor, reviewer):
    initiative = InitiativeFactory(title="Five Eyes proposal", summary="", editorial_state=PUBLISHED)
    client.force_login(editor)
    post_change(client, initiative, title="Five Eyes membership proposal", editorial_state=DRAFT)
    post_change(client, initiative, summary="Proposed in 2020.", editorial_state=IN_REVIEW)

    client.force_login(reviewer)
    page = client.get(admin_url(Initiative, "change", initiative.pk)).text
    table = re.search(r'<table class="review-diff">.*?</table>', page, re.DOTALL).group(0)
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", table)
    assert rows == [
        ("Title", "Five Eyes proposal", "Five Eyes membership proposal"),
        ("Summary", "—", "Proposed in 2020."),
    ]


def test_a_record_never_published_says_so_instead_of_a_diff(client, reviewer):
    initiative = InitiativeFactory(editorial_state=IN_REVIEW)
    page = client.get(admin_url(Initiative, "change", initiative.pk)).text
    assert "Never published: every field is new." in page


# Bulk actions


def post_action(client, model, action, records, **extra):
    data = {"action": action, "_selected_action": [record.pk for record in records], **extra}
    return client.post(admin_url(model, "changelist"), data)


@pytest.mark.parametrize("factory", REGISTERS)
def test_editor_submits_selected_drafts_for_review(client, editor, factory):
    drafts = factory.create_batch(2, editorial_state=DRAFT)
    published = factory(editorial_state=PUBLISHED)
    model = type(published)
    assert post_action(client, model, "submit_for_review", [*drafts, published]).status_code == 302
    assert [state_of(record) for record in [*drafts, published]] == [IN_REVIEW, IN_REVIEW, PUBLISHED]
    latest = drafts[0].history.first()
    assert (latest.history_user, latest.history_change_reason) == (editor, "Submitted for review")


def test_editor_has_no_publish_action_and_posting_it_changes_nothing(client, editor):
    initiative = InitiativeFactory(editorial_state=IN_REVIEW)
    changelist = client.get(admin_url(Initiative, "changelist")).text
    assert 'value="submit_for_review"' in changelist
    assert 'value="publish"' not in changelist and 'value="return_to_draft"' not in changelist
    post_action(client, Initiative, "publish", [initiative])
    post_action(client, Initiative, "return_to_draft", [initiative], comment="No")
    assert state_of(initiative) == IN_REVIEW


@pytest.mark.parametrize("factory", REGISTERS)
def test_reviewer_publishes_selected_records(client, reviewer, factory):
    selected = factory.create_batch(2, editorial_state=IN_REVIEW, review_comment="Fixed?")
    untouched = factory(editorial_state=IN_REVIEW)
    model = type(untouched)
    assert post_action(client, model, "publish", selected).status_code == 302
    assert [state_of(record) for record in [*selected, untouched]] == [PUBLISHED, PUBLISHED, IN_REVIEW]
    latest = selected[0].history.first()
    assert (latest.history_user, latest.history_change_reason, latest.review_comment) == (reviewer, "Published", "")


def test_publishing_a_researcher_without_consent_warns_that_it_stays_private(client, reviewer):
    researcher = ResearcherFactory(editorial_state=IN_REVIEW, consent_to_publish=False)
    response = client.post(
        admin_url(Researcher, "changelist"),
        {"action": "publish", "_selected_action": [researcher.pk]},
        follow=True,
    )
    assert "still stays private" in response.text
    assert not Researcher.objects.published().filter(pk=researcher.pk).exists()


def test_reviewer_returns_selected_records_with_one_comment(client, reviewer):
    selected = PartnershipFactory.create_batch(2, editorial_state=IN_REVIEW)
    asked = post_action(client, SubnationalPartnership, "return_to_draft", selected)
    assert asked.status_code == 200
    assert "Reviewer’s comment" in asked.text or "Reviewer&#x27;s comment" in asked.text
    assert [state_of(record) for record in selected] == [IN_REVIEW, IN_REVIEW]  # nothing moves before the comment

    empty = post_action(client, SubnationalPartnership, "return_to_draft", selected, comment="  ")
    assert empty.status_code == 200 and "This field is required." in empty.text

    done = post_action(client, SubnationalPartnership, "return_to_draft", selected, comment="Add the sources.")
    assert done.status_code == 302
    for record in selected:
        record.refresh_from_db()
        assert (record.editorial_state, record.review_comment) == (DRAFT, "Add the sources.")
        latest = record.history.first()
        assert (latest.history_user, latest.history_change_reason) == (reviewer, "Returned to draft with a comment")


# The reviewers' queue


def test_waiting_for_review_lists_only_records_in_review(client, reviewer):
    waiting = InitiativeFactory(title="Belmont Forum call", editorial_state=IN_REVIEW)
    InitiativeFactory(title="TICAD7 side event", editorial_state=DRAFT)
    InitiativeFactory(title="JSPS fellowship", editorial_state=PUBLISHED)
    response = client.get(admin_url(Initiative, "changelist"), {"review": "waiting"})
    assert list(response.context["cl"].result_list) == [waiting]
    assert "Waiting for review" in response.text


def test_returned_lists_drafts_with_a_comment(client, editor):
    returned = ResearcherFactory(editorial_state=DRAFT, review_comment="Check the ORCID.")
    ResearcherFactory(editorial_state=DRAFT)
    response = client.get(admin_url(Researcher, "changelist"), {"review": "returned"})
    assert list(response.context["cl"].result_list) == [returned]


def test_the_review_step_speaks_japanese_under_ja(client, reviewer, japanese_catalogue):
    initiative = InitiativeFactory(editorial_state=IN_REVIEW)
    urls = ["/ja" + admin_url(Initiative, "changelist"), "/ja" + admin_url(Initiative, "change", initiative.pk)]
    changelist = client.get(urls[0], {"review": "waiting"})
    assert changelist.status_code == 200
    assert "レビュー待ち" in changelist.text and "選択した" in changelist.text
    change = client.get(urls[1])
    assert "一度も公開されていません" in change.text and "レビュアーのコメント" in change.text


# The admin's look: branding and the register changelists' columns


@pytest.mark.parametrize(("prefix", "header"), [("", "techdiplo administration"), ("/ja", "techdiplo 管理サイト")])
def test_the_admin_is_branded_techdiplo_in_both_languages(client, editor, japanese_catalogue, prefix, header):
    url = prefix + admin_url(Initiative, "changelist")
    page = client.get(url).text
    assert f'<div id="site-name"><a href="{prefix}/admin/">{header}</a></div>' in page
    assert "Django" not in page.split("<body", 1)[1].split('<div id="content"', 1)[0]  # header and breadcrumbs


@pytest.mark.parametrize("factory", REGISTERS)
def test_register_changelists_show_title_state_review_date_and_update_time(client, editor, factory):
    record = factory(editorial_state=IN_REVIEW, last_reviewed="2026-03-12")
    page = client.get(admin_url(type(record), "changelist"))
    headers = [str(column["text"]).lower() for column in page.context["result_headers"]]
    assert headers[1] in ("title", "subnational partnership", "family name")
    assert headers[-3:] == ["editorial state", "last reviewed", "updated"]
    assert "In review" in page.text and "12 March 2026" in page.text


def test_a_reason_typed_in_the_form_is_in_the_history_with_the_move(client, editor):
    initiative = InitiativeFactory(editorial_state=DRAFT)
    post_change(client, initiative, title="Corrected title", change_reason="Title as on MOFA's page")
    assert initiative.history.first().history_change_reason == "Title as on MOFA's page"
    post_change(client, initiative, editorial_state=IN_REVIEW, change_reason="Sources checked")
    latest = initiative.history.first()
    assert (latest.history_user, latest.history_change_reason) == (editor, "Submitted for review: Sources checked")
