"""The researcher's admin with the initiatives they take part in.

``people`` cannot import ``initiatives`` (the dependency points the other way), so the site, which may import
both, registers the researcher's admin with the participations inline of ``initiatives``.
"""

from django.contrib import admin

from initiatives.admin import ParticipationInline
from people.admin import ResearcherAdmin
from people.models import Researcher


class ResearcherWithInitiativesAdmin(ResearcherAdmin):
    inlines = [*ResearcherAdmin.inlines, ParticipationInline]


admin.site.unregister(Researcher)
admin.site.register(Researcher, ResearcherWithInitiativesAdmin)
