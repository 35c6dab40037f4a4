"""Site-wide permissions that belong to no content model.

Django attaches permissions to models, so these hang on a model with no table:
``accounts.export_data`` (the public site's exports of search results) and
``accounts.view_reports`` (the staff reports). The groups that hold them are made
after every ``migrate`` (see ``accounts/roles.py``).
"""

from django.db import models


class SitePermission(models.Model):
    """Never stored: only carries the permissions below."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("export_data", "Can export search results"),
            ("view_reports", "Can view staff reports"),
        ]

    def __str__(self):
        return "site-wide permissions"
