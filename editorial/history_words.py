"""django-simple-history's own words, for the Japanese catalogue.

The package ships translations into a dozen languages but not Japanese, so its history pages (the list of
versions, a version's form, the messages after a revert) spoke English on ``/ja/``. Listed here, the words are
found by ``makemessages`` and translated in ``locale/ja`` with the rest of the site; Django looks up every
catalogue of a language together, so the package's templates and code show these translations. Words that
Django's admin already translates ("History", "Home", "Close" ...) are left to it.
"""

from django.utils.translation import gettext_noop

WORDS = (
    # simple_history/models.py: the kinds of a version.
    gettext_noop("Created"),
    gettext_noop("Changed"),
    gettext_noop("Deleted"),
    # simple_history/admin.py: titles and messages.
    gettext_noop("View history: %s"),
    gettext_noop("Change history: %s"),
    gettext_noop("View %s"),
    gettext_noop("Revert %s"),
    gettext_noop('The %(name)s "%(obj)s" was changed successfully.'),
    gettext_noop("You may edit it again below"),
    gettext_noop("Deleted %(type_name)s"),
    # simple_history/templates: the history page and a version's form.
    gettext_noop("Choose a date from the list below to revert to a previous version of this object."),
    gettext_noop("View %(verbose_name)s"),
    gettext_noop("Revert %(verbose_name)s"),
    gettext_noop("Press the 'Revert' button below to revert to this version of the object."),
    gettext_noop("Press the 'Change History' button below to edit the history."),
    gettext_noop("Revert"),
    gettext_noop("Change History"),
)
