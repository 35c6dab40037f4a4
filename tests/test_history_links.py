"""Many-to-many links in the history: who changed them, when and why, in the diffs, and restored by a revert."""

import re

import pytest
from django.utils import translation
from lxml import html

from editorial.models import EditorialState
from tests.admin_forms import admin_url, form_data, post_change
from tests.factories import InitiativeFactory, PolicyAreaFactory, UserFactory, country

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = UserFactory(groups=["Editors"], is_staff=True)
    client.force_login(user)
    return user


@pytest.fixture
def initiative():
    energy = PolicyAreaFactory(slug="energy-links", name="Energy links")
    return InitiativeFactory(
        title="G7 energy dialogue",
        editorial_state=EditorialState.DRAFT,
        policy_areas=[energy],
        countries=[country("US")],
    )


def test_a_link_change_is_in_the_history_with_who_and_why(client, editor, initiative):
    climate = PolicyAreaFactory(slug="climate-links", name="Climate links")
    energy = initiative.policy_areas.get()
    before_the_edit = initiative.history.first().history_date
    response = post_change(
        client, initiative, policy_areas=[str(energy.pk), str(climate.pk)], change_reason="Added the climate track"
    )
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    latest = initiative.history.first()
    assert sorted(row.policyarea_id for row in latest.policy_areas.all()) == sorted([energy.pk, climate.pk])
    edit = initiative.history.filter(history_date__gt=before_the_edit)
    changed = [r for r in edit if "policy_areas" in changed_fields(r)]
    assert changed
    assert {(r.history_user, r.history_change_reason) for r in changed} == {(editor, "Added the climate track")}


def changed_fields(record):
    return record.diff_against(record.prev_record).changed_fields


def test_the_history_page_shows_the_links_by_name_and_never_none(client, editor, initiative):
    climate = PolicyAreaFactory(slug="climate-links", name="Climate links")
    post_change(client, initiative, policy_areas=[str(climate.pk)], change_reason="Climate instead")
    page = client.get(admin_url(type(initiative), "history", initiative.pk)).content.decode()
    assert "Climate links" in page and "Energy links" in page
    assert "None" not in page


def test_a_revert_restores_the_links_of_that_version(client, editor, initiative):
    energy = initiative.policy_areas.get()
    old_version = initiative.history.first()
    climate = PolicyAreaFactory(slug="climate-links", name="Climate links")
    post_change(client, initiative, policy_areas=[str(climate.pk)], countries=[str(country("FR").pk)])
    assert list(initiative.policy_areas.all()) == [climate]
    url = admin_url(type(initiative), "simple_history", initiative.pk, old_version.history_id)
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    assert [int(pk) for pk in form["policy_areas"].value()] == [energy.pk]
    assert [int(pk) for pk in form["countries"].value()] == [country("US").pk]
    response = client.post(url, form_data(form))
    assert response.status_code == 302
    assert list(initiative.policy_areas.all()) == [energy]
    assert list(initiative.countries.values_list("iso2", flat=True)) == ["US"]


@pytest.mark.usefixtures("japanese_catalogue")
def test_the_history_pages_speak_japanese_under_ja(client, editor, initiative):
    """django-simple-history ships no Japanese: its words come from the project's catalogue."""
    post_change(client, initiative, change_reason="Second version")
    with translation.override("ja"):
        history = admin_url(type(initiative), "history", initiative.pk)
        version = admin_url(type(initiative), "simple_history", initiative.pk, initiative.history.last().history_id)
    page = " ".join(html.fromstring(client.get(history).content.decode()).text_content().split())
    assert "作成" in page and "変更" in page  # the kinds of the two versions
    assert "下の一覧から日時を選ぶと" in page
    assert not re.search("Created|Changed|Choose a date", page), page
    form = " ".join(html.fromstring(client.get(version).content.decode()).text_content().split())
    assert "を元に戻す" in form  # the version's title, "Revert <initiative>"
    assert "下の「元に戻す」ボタンを押すと" in form
    assert "Revert" not in form
