from django.apps import AppConfig


class WorkbenchConfig(AppConfig):
    """The analysts' workbench: cross-tabs of any search, the collaboration network, country briefs."""

    name = "workbench"
    verbose_name = "Workbench"
