from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Staff reports: tables and charts over the three registers."""

    name = "reports"
    verbose_name = _("Reports")
