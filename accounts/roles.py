"""The staff roles, as groups of permissions, kept after every ``migrate`` (``accounts/apps.py``).

- **Editors** (staff, in the admin): add, change, delete and view every content
  model of the registers, and view their edit history. Not users, groups,
  permissions, sessions, lock-outs or content types; not ``export_data`` either
  (the site's exports are the analysts'; editors export from the admin).
- **Reviewers** (staff, in the admin): everything editors may do, and publish records or return them to
  draft with a comment (the ``publish_<model>`` permission of each model with an editorial state).
- **Analysts** (not staff): view the content, export search results, read the
  staff reports.

The content apps are the registers: the apps whose AppConfig says ``editorial_content = True``. The functions
take an ``apps`` registry (``post_migrate``'s, or ``django.apps.apps``) and set a group's permissions to
exactly the computed set, so running them again, or once a content app gains a model, converges to the same
state.
"""

from django.apps import apps as installed_apps
from django.contrib.auth.management import create_permissions

EDITORS = "Editors"
REVIEWERS = "Reviewers"
ANALYSTS = "Analysts"
CONTENT_ACTIONS = ["add", "change", "delete", "view"]
ANALYST_PERMISSIONS = [("accounts", "export_data"), ("accounts", "view_reports")]
# django-simple-history's models ("historicalinitiative", ...) live in the content apps.
HISTORY_PREFIX = "historical"


def content_app_labels():
    """The labels of the apps editors edit, in the order they are installed."""
    return [config.label for config in installed_apps.get_app_configs() if getattr(config, "editorial_content", False)]


def ensure_permissions(apps):
    """Create the permissions now: Django would only do it after the whole migrate run (post_migrate)."""
    for app_config in apps.get_app_configs():
        # A migration's app configs have no models module, and create_permissions skips those.
        original = getattr(app_config, "models_module", None)
        app_config.models_module = original or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = original


def content_permission_keys(apps, actions, history_actions):
    """(app_label, codename) of ``actions`` on every content model and ``history_actions`` on its history."""
    keys = []
    for app_label in content_app_labels():
        for model in apps.get_app_config(app_label).get_models():
            name = model._meta.model_name
            model_actions = history_actions if name.startswith(HISTORY_PREFIX) else actions
            keys += [(app_label, f"{action}_{name}") for action in model_actions]
    return keys


def editor_permission_keys(apps):
    return content_permission_keys(apps, CONTENT_ACTIONS, ["view"])


def reviewer_permission_keys(apps):
    """The editors' permissions and "publish" on every content model that has it (``EditorialModel``)."""
    keys = editor_permission_keys(apps)
    for app_label in content_app_labels():
        for model in apps.get_app_config(app_label).get_models():
            if "publish" in model._meta.default_permissions:
                keys.append((app_label, f"publish_{model._meta.model_name}"))
    return keys


def analyst_permission_keys(apps):
    return content_permission_keys(apps, ["view"], []) + ANALYST_PERMISSIONS


def sync_group(apps, name, keys):
    """Give group ``name`` exactly the permissions ``keys``, creating both as needed."""
    ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    wanted = {}
    for app_label, codename in keys:
        wanted.setdefault(app_label, set()).add(codename)
    permissions = []
    for app_label, codenames in wanted.items():
        found = list(Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))
        missing = codenames - {p.codename for p in found}
        if missing:
            raise LookupError(f"Permissions not found in {app_label}: {sorted(missing)}")
        permissions += found
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.set(permissions)
    return group


def sync_editors(apps):
    sync_group(apps, EDITORS, editor_permission_keys(apps))


def sync_reviewers(apps):
    sync_group(apps, REVIEWERS, reviewer_permission_keys(apps))


def sync_analysts(apps):
    sync_group(apps, ANALYSTS, analyst_permission_keys(apps))


def sync_roles(sender, apps, **kwargs):
    """``post_migrate``: every group, with the permissions of every model that now exists."""
    sync_editors(apps)
    sync_reviewers(apps)
    sync_analysts(apps)
