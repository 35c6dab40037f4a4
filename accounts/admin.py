"""django-axes's sign-in attempts in the admin, with the one column it leaves unnamed (the lock-out status) named
in both languages. Its other labels are translated in the catalogue (``accounts/axes_labels.py``)."""

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class NamedAccessAttemptAdmin(AccessAttemptAdmin):
    @admin.display(description=_("status"))
    def status(self, obj):
        return super().status(obj)


if admin.site.is_registered(AccessAttempt):  # AXES_ENABLE_ADMIN
    admin.site.unregister(AccessAttempt)
    admin.site.register(AccessAttempt, NamedAccessAttemptAdmin)
