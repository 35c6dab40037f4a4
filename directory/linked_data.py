"""schema.org nodes of the directory's records: organizations, countries and localities as places."""

from api.linked_data import names, node, page

from .models import LocalityLevel


def organization(org, request, with_country=True):
    """An Organization with its ROR and Wikidata ids as ``sameAs``; with its country's code when
    ``with_country`` (then it reads ``org.country``: select it)."""
    name, other = names(org)
    return node(
        "Organization",
        **{"@id": page(request, org)},
        name=name,
        alternateName=[n for n in (other, org.acronym) if n],
        url=org.website,
        sameAs=org.same_as,
        address=node("PostalAddress", addressCountry=org.country.iso2) if with_country else None,
    )


def country(country, request):
    name, other = names(country)
    return node("Country", **{"@id": page(request, country)}, name=name, alternateName=other, identifier=country.iso2)


def place(locality, request):
    """A City or an AdministrativeArea (a prefecture, state or province) inside its parent, inside its
    country, with GeoNames and Wikidata ids as ``sameAs`` and coordinates where the locality has them. Reads
    ``locality.parent`` and ``locality.country`` (select them); the parent's own parent is not read."""
    within = country(locality.country, request)
    if locality.parent_id:
        within = _place(locality.parent, within)
    return _place(locality, within)


def _place(locality, within):
    name, other = names(locality)
    return node(
        "AdministrativeArea" if locality.level == LocalityLevel.PREFECTURE else "City",
        name=name,
        alternateName=other,
        identifier=locality.iso_code,
        sameAs=locality.same_as,
        geo=node("GeoCoordinates", latitude=locality.latitude, longitude=locality.longitude)
        if locality.latitude is not None and locality.longitude is not None
        else None,
        containedInPlace=within,
    )
