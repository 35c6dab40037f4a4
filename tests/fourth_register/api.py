"""An agreement as the API gives it."""


def serialize(agreement):
    country = agreement.country
    return {
        "slug": agreement.slug,
        "title": agreement.title,
        "kind": agreement.kind,
        "country": {"iso2": country.iso2, "name": country.name} if country else None,
        "signed": agreement.signed,
    }
