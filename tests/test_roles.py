"""Staff roles: what the Editors and Analysts groups may do, and the demo accounts."""

import re
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import override_settings

from accounts.roles import ANALYSTS, EDITORS, content_app_labels, sync_analysts, sync_editors

pytestmark = pytest.mark.django_db


def permission_names(group_name):
    group = Group.objects.get(name=group_name)
    return set(group.permissions.values_list("content_type__app_label", "codename").order_by().distinct())


def content_models():
    for label in content_app_labels():
        yield from apps.get_app_config(label).get_models()


def is_history(model):
    return model._meta.model_name.startswith("historical")


def test_editors_hold_exactly_the_content_permissions_and_history_views():
    expected = set()
    for model in content_models():
        actions = ["view"] if is_history(model) else ["add", "change", "delete", "view"]
        expected |= {(model._meta.app_label, f"{action}_{model._meta.model_name}") for action in actions}
    assert permission_names(EDITORS) == expected


def test_editors_cannot_manage_accounts_or_export_from_the_site():
    app_labels = {app_label for app_label, _ in permission_names(EDITORS)}
    assert app_labels == set(content_app_labels())  # nothing from auth, sessions, axes, contenttypes, accounts


def test_analysts_export_read_reports_and_only_view_content():
    names = permission_names(ANALYSTS)
    assert {("accounts", "export_data"), ("accounts", "view_reports")} <= names
    content = names - {("accounts", "export_data"), ("accounts", "view_reports")}
    assert content == {
        (model._meta.app_label, f"view_{model._meta.model_name}") for model in content_models() if not is_history(model)
    }


def test_syncing_the_groups_again_changes_nothing():
    before = (permission_names(EDITORS), permission_names(ANALYSTS))
    sync_editors(apps)
    sync_analysts(apps)
    assert (permission_names(EDITORS), permission_names(ANALYSTS)) == before
    assert Group.objects.filter(name__in=[EDITORS, ANALYSTS]).count() == 2


def test_editor_is_refused_the_user_admin(client):
    editor = get_user_model().objects.create_user("editor-test", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    assert client.get("/admin/auth/user/").status_code == 403
    assert client.get("/admin/auth/group/").status_code == 403
    assert client.get("/admin/initiatives/initiative/").status_code == 200


def test_analyst_is_not_let_into_the_admin(client):
    analyst = get_user_model().objects.create_user("analyst-test")
    analyst.groups.add(Group.objects.get(name=ANALYSTS))
    client.force_login(analyst)
    response = client.get("/admin/initiatives/initiative/")
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
    assert analyst.has_perm("accounts.export_data") and analyst.has_perm("accounts.view_reports")


def test_editor_has_the_content_permissions_through_the_group():
    editor = get_user_model().objects.create_user("editor-test", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITORS))
    assert editor.has_perm("people.change_researcher")
    assert not editor.has_perm("accounts.export_data")
    assert not editor.has_perm("auth.change_user")


@override_settings(DEBUG=False)
def test_demo_editor_refuses_without_debug():
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_editor", stdout=StringIO())
    assert not get_user_model().objects.filter(username__in=["editor", "analyst"]).exists()


def run_demo_editor():
    out = StringIO()
    call_command("demo_editor", stdout=out)
    return dict(re.findall(r"^(\w+): password (\S+)", out.getvalue(), re.MULTILINE))


@override_settings(DEBUG=True)
def test_demo_editor_prints_working_passwords_with_debug():
    passwords = run_demo_editor()
    users = get_user_model().objects.in_bulk(["editor", "analyst"], field_name="username")
    assert users["editor"].check_password(passwords["editor"])
    assert users["analyst"].check_password(passwords["analyst"])
    assert users["editor"].is_staff and not users["editor"].is_superuser
    assert not users["analyst"].is_staff
    assert [g.name for g in users["editor"].groups.all()] == [EDITORS]
    assert [g.name for g in users["analyst"].groups.all()] == [ANALYSTS]


@override_settings(DEBUG=True)
def test_demo_editor_resets_the_accounts_with_new_passwords():
    first = run_demo_editor()
    editor = get_user_model().objects.get(username="editor")
    editor.is_superuser = True
    editor.save()
    second = run_demo_editor()
    editor.refresh_from_db()
    assert second["editor"] != first["editor"]
    assert editor.check_password(second["editor"])
    assert not editor.check_password(first["editor"])
    assert not editor.is_superuser
    assert get_user_model().objects.filter(username="editor").count() == 1
