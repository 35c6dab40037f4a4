"""No lost edits: a save, an action or an import row that would overwrite someone else's newer save is refused."""

import datetime

import pytest
import tablib
from django.test import Client
from django.utils import timezone

from accounts.roles import EDITORS, REVIEWERS
from editorial.models import EditorialState
from initiatives.models import Initiative
from initiatives.resources import InitiativeResource
from tests.admin_forms import admin_url, change_page_data
from tests.factories import InitiativeFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

DRAFT, IN_REVIEW, PUBLISHED = EditorialState.DRAFT, EditorialState.IN_REVIEW, EditorialState.PUBLISHED


def signed_in(username, group):
    client = Client()
    client.force_login(UserFactory(username=username, is_staff=True, groups=[group]))
    return client


@pytest.fixture
def alice():
    return signed_in("alice", EDITORS)


@pytest.fixture
def bob():
    return signed_in("bob", EDITORS)


def open_form(client, record):
    """The change page as a browser holds it: its URL and the form's data as it was opened."""
    url = admin_url(type(record), "change", record.pk)
    page = client.get(url)
    assert page.status_code == 200
    return url, change_page_data(page)


def test_two_editors_at_once_the_second_save_is_refused_with_the_first_ones_changes(alice, bob):
    lead = OrganizationFactory(name="Ministry of Foreign Affairs")
    initiative = InitiativeFactory(title="Five Eyes proposal", summary="First summary.", editorial_state=DRAFT)
    alice_url, alice_form = open_form(alice, initiative)
    bob_url, bob_form = open_form(bob, initiative)

    saved = alice.post(
        alice_url, {**alice_form, "title": "Five Eyes membership proposal", "lead_organization": lead.pk}
    )
    assert saved.status_code == 302

    refused = bob.post(bob_url, {**bob_form, "summary": "Bob's summary."})
    assert refused.status_code == 200
    message = " ".join(refused.context["adminform"].form.non_field_errors())
    assert "alice" in message and "saved this record after you opened it" in message
    assert "Title: Five Eyes proposal → Five Eyes membership proposal" in message
    assert "Lead organization" in message and "Ministry of Foreign Affairs" in message
    assert "None" not in message
    initiative.refresh_from_db()
    assert (initiative.title, initiative.summary) == ("Five Eyes membership proposal", "First summary.")

    # Bob merges by hand (Alice's title and lead, his summary) and saves again: his choice, so it is kept.
    merged = {"title": "Five Eyes membership proposal", "lead_organization": lead.pk, "summary": "Bob's summary."}
    again = {**change_page_data(refused), **merged}
    second = bob.post(bob_url, again)
    assert second.status_code == 302, second.context["adminform"].form.errors
    initiative.refresh_from_db()
    assert (initiative.title, initiative.summary) == ("Five Eyes membership proposal", "Bob's summary.")
    assert initiative.lead_organization == lead


def test_reloading_after_a_conflict_shows_the_other_editors_version(alice, bob):
    initiative = InitiativeFactory(title="TICAD7", editorial_state=DRAFT)
    bob_url, bob_form = open_form(bob, initiative)
    alice_url, alice_form = open_form(alice, initiative)
    alice.post(alice_url, {**alice_form, "title": "TICAD7 Yokohama"})
    assert bob.post(bob_url, {**bob_form, "title": "TICAD 7"}).status_code == 200
    _, reloaded = open_form(bob, initiative)
    assert reloaded["title"] == "TICAD7 Yokohama"
    assert bob.post(bob_url, {**reloaded, "title": "TICAD 7 Yokohama"}).status_code == 302


def test_a_save_with_nobody_else_in_between_is_not_a_conflict(alice):
    initiative = InitiativeFactory(editorial_state=DRAFT)
    url, form = open_form(alice, initiative)
    assert alice.post(url, {**form, "title": "First"}).status_code == 302
    url, form = open_form(alice, initiative)
    assert alice.post(url, {**form, "title": "Second"}).status_code == 302
    initiative.refresh_from_db()
    assert initiative.title == "Second"


def test_a_state_change_by_an_action_is_a_conflict_for_an_open_form(alice):
    reviewer = signed_in("rita", REVIEWERS)
    initiative = InitiativeFactory(editorial_state=IN_REVIEW)
    url, form = open_form(alice, initiative)
    reviewer.post(admin_url(Initiative, "changelist"), {"action": "publish", "_selected_action": [initiative.pk]})
    refused = alice.post(url, {**form, "title": "Changed while it was being published"})
    assert refused.status_code == 200
    assert "rita" in " ".join(refused.context["adminform"].form.non_field_errors())
    assert Initiative.objects.get(pk=initiative.pk).editorial_state == PUBLISHED


def test_an_action_leaves_alone_records_saved_after_the_list_was_shown(alice):
    reviewer = signed_in("rita", REVIEWERS)
    changed, unchanged = InitiativeFactory.create_batch(2, editorial_state=IN_REVIEW)
    changelist = reviewer.get(admin_url(Initiative, "changelist"))
    opened_at = changelist.context["action_form"]["opened_at"].value()
    assert opened_at

    url, form = open_form(alice, changed)
    alice.post(url, {**form, "title": "Rewritten after the reviewer opened the list"})

    response = reviewer.post(
        admin_url(Initiative, "changelist"),
        {"action": "publish", "_selected_action": [changed.pk, unchanged.pk], "opened_at": opened_at},
        follow=True,
    )
    text = response.content.decode()
    assert "saved by someone else after you opened the list" in text
    assert "Rewritten after the reviewer opened the list" in text and "alice" in text
    states = dict(Initiative.objects.values_list("pk", "editorial_state"))
    assert (states[changed.pk], states[unchanged.pk]) == (IN_REVIEW, PUBLISHED)


def test_the_return_to_draft_page_carries_the_time_the_list_was_shown():
    reviewer = signed_in("rita", REVIEWERS)
    initiative = InitiativeFactory(editorial_state=IN_REVIEW)
    opened_at = (timezone.now() - datetime.timedelta(minutes=5)).isoformat()
    asked = reviewer.post(
        admin_url(Initiative, "changelist"),
        {"action": "return_to_draft", "_selected_action": [initiative.pk], "opened_at": opened_at},
    )
    assert f'name="opened_at" value="{opened_at}"' in asked.content.decode()
    reviewer.post(
        admin_url(Initiative, "changelist"),
        {"action": "return_to_draft", "_selected_action": [initiative.pk], "opened_at": opened_at, "comment": "No"},
    )
    # Saved (by the factory) after the list was shown: left as it is.
    assert Initiative.objects.get(pk=initiative.pk).editorial_state == IN_REVIEW


# Imports


def rows(*lines):
    header = "slug,title,kind,status,lead_organization,updated_at"
    return tablib.Dataset().load("\n".join([header, *lines]) + "\n", format="csv")


def seconds(moment):
    return timezone.localtime(moment).isoformat(timespec="seconds")


def test_an_import_row_older_than_the_record_is_a_listed_conflict_not_applied():
    OrganizationFactory(slug="mofa")
    stale = InitiativeFactory(slug="stale", title="Saved by an editor", kind="policy_dialogue", status="active")
    current = InitiativeFactory(slug="current", title="Current", kind="policy_dialogue", status="active")
    old = seconds(stale.updated_at - datetime.timedelta(hours=1))
    resource = InitiativeResource()
    result = resource.import_data(
        rows(
            f"stale,From an old export,policy_dialogue,active,mofa,{old}",
            f"current,From a fresh export,policy_dialogue,active,mofa,{seconds(current.updated_at)}",
            "new-one,New record,policy_dialogue,active,mofa,",
        )
    )
    assert not result.has_errors() and not result.has_validation_errors()
    assert [row.import_type for row in result.rows] == ["skip", "update", "new"]
    assert [(line, record.slug) for line, record, *_ in resource.conflicts] == [(1, "stale")]
    titles = dict(Initiative.objects.values_list("slug", "title"))
    assert titles == {"stale": "Saved by an editor", "current": "From a fresh export", "new-one": "New record"}


def test_an_import_row_without_updated_at_applies_as_before():
    OrganizationFactory(slug="mofa")
    InitiativeFactory(slug="g7", title="Old title", kind="policy_dialogue", status="active")
    dataset = tablib.Dataset().load(
        "slug,title,kind,status,lead_organization\ng7,New title,policy_dialogue,active,mofa\n", format="csv"
    )
    result = InitiativeResource().import_data(dataset)
    assert not result.has_errors()
    assert Initiative.objects.get(slug="g7").title == "New title"


def test_the_admin_import_lists_the_conflicts_in_the_preview_and_after_confirming(alice):
    from django.core.files.uploadedfile import SimpleUploadedFile

    OrganizationFactory(slug="mofa")
    record = InitiativeFactory(slug="stale", title="Saved by an editor", kind="policy_dialogue", status="active")
    old = seconds(record.updated_at - datetime.timedelta(days=1))
    text = f"slug,title,kind,status,lead_organization,updated_at\nstale,Old export,policy_dialogue,active,mofa,{old}\n"
    upload = SimpleUploadedFile("initiatives.csv", text.encode())
    preview = alice.post(
        "/admin/initiatives/initiative/import/", {"import_file": upload, "format": "0", "resource": "0"}
    )
    assert preview.status_code == 200
    assert "1 row was not applied" in preview.content.decode() and "line 1, " in preview.content.decode()
    confirmed = alice.post(
        "/admin/initiatives/initiative/process_import/", preview.context["confirm_form"].initial, follow=True
    )
    assert "1 row was not applied" in confirmed.content.decode()
    assert Initiative.objects.get(slug="stale").title == "Saved by an editor"
