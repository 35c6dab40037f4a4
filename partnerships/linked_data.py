"""A partnership's page as schema.org JSON-LD: schema.org has no type for a twinning, so the page is a WebPage
about the two places (with their GeoNames and Wikidata ids and coordinates where known)."""

from api.linked_data import node, page
from bilingual.content import localized
from directory import linked_data as directory


def partnership(obj, request):
    """Reads what ``SubnationalPartnership.objects.for_detail()`` loads: no query."""
    return node(
        "WebPage",
        **{"@id": page(request, obj)},
        url=page(request, obj),
        identifier=obj.slug,
        name=obj.display_title(),
        description=localized(obj, "description"),
        about=[directory.place(obj.japanese_locality, request), directory.place(obj.foreign_locality, request)],
        keywords=[localized(area) for area in obj.focus_areas.all()],
        # ISO 8601 interval: from the year it was established, open-ended.
        temporalCoverage=f"{obj.established}/.." if obj.established else None,
    )
