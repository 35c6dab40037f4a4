"""An editor and a reviewer in two browsers: submit → review → publish, a conflict, and changelists that fit."""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from accounts.roles import EDITORS, REVIEWERS
from editorial.models import EditorialState
from initiatives.models import Initiative
from tests.factories import InitiativeFactory, PartnershipFactory, ResearcherFactory

from .helpers import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a long passphrase for the newsroom"


@pytest.fixture
def staff(django_user_model):
    for username, group in [("erin", EDITORS), ("rei", REVIEWERS)]:
        user = django_user_model.objects.create_user(username, password=PASSWORD, is_staff=True)
        user.groups.add(Group.objects.get(name=group))


@pytest.fixture
def second_page(browser, live_server):
    """A second person's browser, beside the ``page`` fixture's."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1366, "height": 900})
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def sign_in(page, username):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")


def change_url(record):
    return f"/admin/initiatives/initiative/{record.pk}/change/"


def save(page):
    page.locator("input[name=_save]").click()
    page.wait_for_load_state()


def test_an_editor_submits_and_a_reviewer_publishes(page, second_page, staff):
    initiative = InitiativeFactory(
        title="Belmont Forum call on coastal resilience", editorial_state=EditorialState.DRAFT
    )
    editor, reviewer = page, second_page

    sign_in(editor, "erin")
    editor.goto(change_url(initiative))
    assert editor.locator("#id_editorial_state option").all_inner_texts() == ["Draft", "In review"]
    editor.locator("#id_summary").fill("Coastal cities and their scientists, with the Belmont Forum.")
    editor.locator("#id_editorial_state").select_option("in_review")
    save(editor)
    expect(editor.get_by_text("was changed successfully")).to_be_visible()
    assert Initiative.objects.get(pk=initiative.pk).editorial_state == EditorialState.IN_REVIEW

    sign_in(reviewer, "rei")
    reviewer.goto("/admin/initiatives/initiative/")
    reviewer.get_by_role("link", name="Waiting for review").click()
    reviewer.get_by_role("link", name="Belmont Forum call on coastal resilience").click()
    expect(reviewer.get_by_text("Never published: every field is new.")).to_be_visible()
    reviewer.locator("#id_editorial_state").select_option("published")
    save(reviewer)
    expect(reviewer.get_by_text("was changed successfully")).to_be_visible()
    screenshot(reviewer, "review-published")

    published = Initiative.objects.get(pk=initiative.pk)
    assert published.editorial_state == EditorialState.PUBLISHED
    latest = published.history.first()
    assert (latest.history_user.username, latest.history_change_reason) == ("rei", "Published")
    public = reviewer.context.browser.new_page(base_url=reviewer.url.split("/admin/")[0])
    assert public.goto(initiative.get_absolute_url()).status == 200
    public.close()


def test_a_reviewer_returns_a_record_with_a_comment_the_editor_then_reads(page, second_page, staff):
    initiative = InitiativeFactory(title="TICAD7 side event", editorial_state=EditorialState.IN_REVIEW)
    editor, reviewer = page, second_page

    sign_in(reviewer, "rei")
    reviewer.goto(change_url(initiative))
    reviewer.locator("#id_editorial_state").select_option("draft")
    save(reviewer)
    expect(reviewer.get_by_text("returning a record to draft needs a new comment")).to_be_visible()
    reviewer.locator("#id_review_comment").fill("Which ministry leads it? Add a source.")
    save(reviewer)
    expect(reviewer.get_by_text("was changed successfully")).to_be_visible()

    sign_in(editor, "erin")
    editor.goto("/admin/initiatives/initiative/?review=returned")
    editor.get_by_role("link", name="TICAD7 side event").click()
    expect(editor.get_by_text("Which ministry leads it? Add a source.")).to_be_visible()


def test_two_people_saving_the_same_record_the_second_sees_what_the_first_changed(page, second_page, staff):
    initiative = InitiativeFactory(title="Workation pilot", summary="", editorial_state=EditorialState.DRAFT)
    editor, reviewer = page, second_page
    sign_in(editor, "erin")
    sign_in(reviewer, "rei")
    editor.goto(change_url(initiative))
    reviewer.goto(change_url(initiative))

    reviewer.locator("#id_title").fill("Workation pilot in Shirahama")
    save(reviewer)
    editor.locator("#id_summary").fill("City workers in a rural town.")
    save(editor)

    error = editor.locator(".errorlist.nonfield")
    expect(error).to_be_visible()
    assert "rei" in error.inner_text() and "saved this record after you opened it" in error.inner_text()
    assert "Workation pilot → Workation pilot in Shirahama" in error.inner_text()
    assert editor.locator("#id_summary").input_value() == "City workers in a rural town."  # nothing lost
    screenshot(editor, "edit-conflict")
    assert Initiative.objects.get(pk=initiative.pk).summary == ""

    editor.get_by_role("link", name="Reload the page").click()
    expect(editor.locator(".errorlist.nonfield")).to_have_count(0)
    assert editor.locator("#id_title").input_value() == "Workation pilot in Shirahama"
    editor.locator("#id_summary").fill("City workers in a rural town.")
    save(editor)
    saved = Initiative.objects.get(pk=initiative.pk)
    assert (saved.title, saved.summary) == ("Workation pilot in Shirahama", "City workers in a rural town.")


@pytest.mark.parametrize(
    ("factory", "url"),
    [
        (InitiativeFactory, "/admin/initiatives/initiative/"),
        (ResearcherFactory, "/admin/people/researcher/"),
        (PartnershipFactory, "/admin/partnerships/subnationalpartnership/"),
    ],
)
def test_register_changelists_fit_1366_pixels(second_page, staff, factory, url):
    factory.create_batch(3, last_reviewed="2026-03-12")
    factory(title="A long title " * 8) if factory is InitiativeFactory else factory()
    sign_in(second_page, "rei")
    second_page.goto(url)
    results = second_page.locator(".results")
    overflow = results.evaluate("element => element.scrollWidth - element.clientWidth")
    assert overflow <= 0
    headers = second_page.locator("#result_list thead th").all_inner_texts()
    assert [text.strip().lower() for text in headers[-3:]] == ["editorial state", "last reviewed", "updated"]
