"""``/data/``: the releases, newest first, and their files (``/data/<release>/<file>``, ``latest`` for the newest).

The page reads each release's ``datapackage.json``; the files are served as they were written, with the licence
in a ``Link`` header as every download has it."""

from datetime import datetime

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from . import storage, tables

MEDIA_TYPES = {".csv": "text/csv; charset=utf-8", ".json": "application/json"}


def _summary(folder):
    descriptor = storage.descriptor(folder)
    changes = descriptor.get("techdiplo:changes", {})
    by_name = changes.get("resources", {})
    return {
        "name": folder.name,
        "created": datetime.fromisoformat(descriptor["created"]),
        "since": changes.get("since"),
        "descriptor_url": reverse("release_file", args=[folder.name, storage.DESCRIPTOR]),
        "resources": [
            {
                **resource,
                "title": tables.title(resource["name"], resource["title"]),
                "url": reverse("release_file", args=[folder.name, resource["path"]]),
                "changes": by_name.get(resource["name"]),
            }
            for resource in descriptor["resources"]
        ],
    }


@require_safe
def release_list(request):
    """The latest release in full; the earlier ones by name only, so the page reads one descriptor however many
    releases there are."""
    names = storage.names()
    latest = _summary(storage.releases_root() / names[0]) if names else None
    older = [{"name": name, "url": reverse("release_file", args=[name, storage.DESCRIPTOR])} for name in names[1:]]
    return render(
        request, "releases/release_list.html", {"latest": latest, "older": older, "storage_name": storage.DESCRIPTOR}
    )


@require_safe
def release_file(request, release, filename):
    path = storage.release_file(release, filename)
    if path is None or not path.is_file():
        raise Http404("No such release file.")
    response = FileResponse(open(path, "rb"), content_type=MEDIA_TYPES[path.suffix])  # noqa: SIM115 (closed by Django)
    response["Link"] = f'<{settings.DATA_LICENSE["path"]}>; rel="license"'
    return response
