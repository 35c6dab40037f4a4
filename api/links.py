"""Links from an API answer to other records: the record's page, and its API URL when it is a register's."""

from django.urls import reverse

from search import registry


def api_url(request, obj):
    """The absolute ``/api/v1/<register>/<slug>/`` of ``obj``, or None when its model is no register."""
    registers = registry.for_model(type(obj))
    if not registers:
        return None
    return request.build_absolute_uri(reverse("api:v1-record", args=[registers[0].name, obj.slug]))


def link(request, obj):
    """``{"name", "url"}`` of a linked record, with its ``slug`` and ``api_url`` where it has them."""
    entry = {"name": str(obj), "url": request.build_absolute_uri(obj.get_absolute_url())}
    slug = getattr(obj, "slug", None)
    if slug:
        entry["slug"] = slug
    url = api_url(request, obj)
    if url:
        entry["api_url"] = url
    return entry
