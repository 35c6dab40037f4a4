"""A researcher as a schema.org Person: names, affiliation, fields, ORCID as ``sameAs``. Never an e-mail."""

from api.linked_data import node, page
from bilingual.content import localized
from directory import linked_data as directory

ORCID_URL = "https://orcid.org/{}"


def researcher(obj, request, projects=()):
    """Reads what ``Researcher.objects.for_detail()`` loads; ``projects``: nodes of the initiatives they take
    part in (the site adds them: initiatives are a register above this one)."""
    affiliation = directory.organization(obj.affiliation, request, with_country=False) if obj.affiliation_id else None
    return node(
        "Person",
        **{"@id": page(request, obj)},
        url=page(request, obj),
        identifier=obj.slug,
        name=obj.name,
        givenName=obj.given_name,
        familyName=obj.family_name,
        alternateName=obj.name_ja,
        description=localized(obj, "bio"),
        affiliation=affiliation,
        workLocation=directory.country(obj.country, request) if obj.country_id else None,
        knowsAbout=[localized(field) for field in obj.fields.all()],
        sameAs=[ORCID_URL.format(obj.orcid)] if obj.orcid else [],
        memberOf=list(projects),
    )
