from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """The editorial state's machinery. An app only for its migration: the database function that sets
    ``published_at`` on first publication, which every register's table calls from a row trigger."""

    name = "editorial"
    verbose_name = _("Editorial state")
