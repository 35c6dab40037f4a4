"""Create or reset the demo accounts ``editor``, ``reviewer`` and ``analyst``, with fresh random passwords.

Development only: it refuses unless DEBUG is on, so it can never hand out a
known account on a production server. ``make run`` calls it after ``seed_demo``.
"""

import secrets

from axes.utils import reset as reset_lockouts
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.roles import ANALYSTS, EDITORS, REVIEWERS

# username: (group, is_staff, where to sign in)
ACCOUNTS = {
    "editor": (EDITORS, True, "/admin/"),
    "reviewer": (REVIEWERS, True, "/admin/"),
    "analyst": (ANALYSTS, False, "/accounts/login/"),
}


class Command(BaseCommand):
    help = (
        "Create or reset the demo accounts 'editor', 'reviewer' and 'analyst' (DEBUG only) and print their new "
        "passwords."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "demo_editor only runs with DEBUG on (DJANGO_DEBUG=1): it creates accounts with printed passwords."
            )
        groups = {group.name: group for group in Group.objects.filter(name__in=[EDITORS, REVIEWERS, ANALYSTS])}
        if len(groups) != len(ACCOUNTS):
            raise CommandError("The Editors, Reviewers and Analysts groups are missing: run `manage.py migrate` first.")
        for username, (group_name, is_staff, url) in ACCOUNTS.items():
            password = secrets.token_urlsafe(16)
            self._reset(username, password, groups[group_name], is_staff)
            self.stdout.write(f"{username}: password {password} ({group_name}, sign in at {url})")

    @transaction.atomic
    def _reset(self, username, password, group, is_staff):
        user, _ = get_user_model().objects.get_or_create(username=username)
        user.is_staff = is_staff
        user.is_superuser = False
        user.is_active = True
        user.set_password(password)
        user.save()
        user.groups.set([group])
        user.user_permissions.clear()
        # A reset account must be usable at once, even after failed sign-ins locked it out.
        reset_lockouts(username=username)
