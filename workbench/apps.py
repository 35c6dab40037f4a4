from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkbenchConfig(AppConfig):
    """The analysts' workbench: cross-tabs of any search, the collaboration network, country briefs."""

    name = "workbench"
    verbose_name = _("Workbench")
