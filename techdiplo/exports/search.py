"""Stand-in until techdiplo.search lands: every published record in the search page's default order."""

from django.utils.module_loading import import_string

MODELS = {
    "initiatives": "initiatives.models.Initiative",
    "researchers": "people.models.Researcher",
    "partnerships": "partnerships.models.SubnationalPartnership",
}


def search_queryset(register, querydict):
    return import_string(MODELS[register]).objects.published()
