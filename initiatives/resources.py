"""Admin import/export of initiatives, in the staff export's columns."""

from exports.resources import resource_for

from .exports import INITIATIVES

InitiativeResource = resource_for(INITIATIVES)
