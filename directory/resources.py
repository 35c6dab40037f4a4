"""Admin import/export of organizations."""

from exports.resources import resource_for

from .exports import ORGANIZATIONS

OrganizationResource = resource_for(ORGANIZATIONS)
