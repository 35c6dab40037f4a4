"""Admin import/export of subnational partnerships, in the staff export's columns."""

from exports.resources import resource_for

from .exports import PARTNERSHIPS

SubnationalPartnershipResource = resource_for(PARTNERSHIPS)
