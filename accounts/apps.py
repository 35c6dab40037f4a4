from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Staff roles: the Editors, Reviewers and Analysts groups and their permissions."""

    name = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self):
        from .roles import sync_roles

        # After every migrate (and every test database flush): a register that gains a model, or a new register,
        # gets its permissions into the groups without a data migration of its own.
        post_migrate.connect(sync_roles, sender=self, dispatch_uid="accounts.sync_roles")
