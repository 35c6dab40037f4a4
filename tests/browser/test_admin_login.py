import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from accounts.roles import EDITORS

from .helpers import axe_violations, describe, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PASSWORD = "a long passphrase for the editor"


@pytest.fixture
def editor(django_user_model):
    """An editor as demo_editor makes one: staff, in the Editors group, not a superuser."""
    user = django_user_model.objects.create_user("editor", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


def test_an_editor_signs_in_through_the_admin_login_form_and_sees_the_admin_index(page, editor):
    page.goto("/admin/")
    assert "/admin/login/" in page.url

    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.wait_for_url("**/admin/")
    assert page.get_by_role("heading", name="Registers and reference data").is_visible()
    assert page.get_by_role("link", name="techdiplo administration").is_visible()
    assert page.get_by_role("link", name="Initiatives").first.is_visible()
    screenshot(page, "admin-index")


def test_a_wrong_password_keeps_the_editor_on_the_login_form(page, editor):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()

    # expect() waits for the answer to the form (is_visible() would read the page as the click left it).
    expect(page.get_by_text("Please enter the correct username and password")).to_be_visible()
    assert "/admin/login/" in page.url


def test_the_admin_login_page_has_no_serious_accessibility_violations(page):
    page.goto("/admin/login/")

    violations = axe_violations(page)

    assert violations == [], describe(violations)


def test_an_initiatives_history_page_breaks_no_content_security_rule(page, editor):
    from tests.factories import InitiativeFactory

    initiative = InitiativeFactory(title="History subject")
    initiative.title = "History subject, renamed"
    initiative.save()  # a second history record
    console = []
    page.on("console", lambda message: console.append(message.text))
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")

    page.goto(f"/admin/initiatives/initiative/{initiative.pk}/history/")

    assert page.get_by_text("History subject, renamed").first.is_visible()
    assert [text for text in console if "Content Security Policy" in text] == []
