from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    """The reference register every other points at: countries, localities, organizations, policy areas."""

    name = "directory"
    verbose_name = "Directory"
    editorial_content = True  # editors edit its models (accounts/roles.py)
