"""The reference tables as facet values, shared by every register that filters by them (``search.declarations``).

One declaration each, so a country or an organization is the same facet value, named the same way and
suggested once as a name is typed, whichever register filters by it.
"""

from django.utils.translation import gettext_lazy as _

from search.declarations import ModelChoices

from .models import Country, Organization, PolicyArea

COUNTRIES = ModelChoices(Country, "iso2", "name", kind=_("Country"), own_page=True)
ORGANIZATIONS = ModelChoices(Organization, "slug", "name", kind=_("Organization"), also=("acronym",), own_page=True)
POLICY_AREAS = ModelChoices(PolicyArea, "slug", "name", kind=_("Policy area"))
