from django.apps import AppConfig


class FairUseConfig(AppConfig):
    """Rate limits for visitors who are not signed in, and the slots heavy requests (exports) wait for."""

    name = "fairuse"
    verbose_name = "Fair use"
