"""The 403 page (``handler403``): which permission is missing, which group grants it and whom to ask.

Staff pages deny with ``PermissionDenied("<app_label>.<codename>")`` (``exports.access``), so the page can
name the permission; any other 403 (the admin's own) gets the same page without that detail.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .roles import ANALYSTS, EDITORS

# What a permission lets one do, said for people: the staff permissions the site's own pages check.
PERMISSION_NAMES = {
    "accounts.view_reports": _("read the staff reports"),
    "accounts.export_data": _("download search results as spreadsheets"),
}
ROLE_NAMES = {ANALYSTS: _("Analysts"), EDITORS: _("Editors")}


def missing_permission(exception):
    """``(app_label, codename)`` of the permission ``exception`` names, or ``None``."""
    name = str(exception.args[0]) if exception is not None and exception.args else ""
    app_label, _dot, codename = name.partition(".")
    return (app_label, codename) if codename and " " not in name else None


def permission_denied(request, exception=None):
    """Queries (when a permission is named): the groups that grant it, one query."""
    context = {"contacts": [email for _name, email in settings.ADMINS]}
    missing = missing_permission(exception)
    if missing is not None:
        app_label, codename = missing
        groups = Group.objects.filter(
            permissions__content_type__app_label=app_label, permissions__codename=codename
        ).order_by("name")
        context.update(
            permission=PERMISSION_NAMES.get(f"{app_label}.{codename}", f"{app_label}.{codename}"),
            codename=f"{app_label}.{codename}",
            groups=[ROLE_NAMES.get(group.name, group.name) for group in groups],
        )
    return render(request, "403.html", context, status=403)
