"""The curation counts on the admin's index page (templates/admin/index.html)."""

from django import template

from portal.curation import attention_lines

register = template.Library()


@register.inclusion_tag("admin/_curation_summary.html", takes_context=True)
def curation_summary(context):
    """What needs attention, counted. Queries: one COUNT a line (portal.curation.attention_lines)."""
    return {"lines": attention_lines(context["request"].user)}
