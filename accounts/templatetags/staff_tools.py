"""The account bar's links to the analysts' tools (``templates/includes/_account_bar.html``)."""

from django import template
from django.urls import reverse

from search import registry

register = template.Library()


@register.simple_tag
def register_exports():
    """``[(title, url)]``: each register's whole-register XLSX download, in the site's order. No query."""
    return [(entry.title, reverse(f"{name}:export", args=["xlsx"])) for name, entry in registry.items()]
