"""Admin import/export of researchers, in the staff export's columns (e-mail included: editors only)."""

from exports.resources import resource_for

from .exports import RESEARCHERS

ResearcherResource = resource_for(RESEARCHERS)
