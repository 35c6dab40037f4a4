"""The test settings with a fourth register installed (``tests/test_fourth_register.py`` runs its checks)."""

from tests.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.fourth_register"]  # noqa: F405
DATABASES["default"]["TEST"] = {"NAME": "test_techdiplo_fourth"}  # beside the main run's test database  # noqa: F405
