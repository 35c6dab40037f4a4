from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FairUseConfig(AppConfig):
    """Rate limits for visitors who are not signed in, and the slots heavy requests (exports) wait for."""

    name = "fairuse"
    verbose_name = _("Fair use")
