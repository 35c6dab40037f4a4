from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """Staff reports: tables and charts over the three registers."""

    name = "reports"
    verbose_name = "Reports"
