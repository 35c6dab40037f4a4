from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Staff roles: the Editors and Analysts groups and their permissions."""

    name = "accounts"
    verbose_name = "Accounts and roles"
