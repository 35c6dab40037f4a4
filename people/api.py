"""A researcher as the API gives it (``/api/researchers/``): public fields only."""


def serialize(researcher):
    """The public fields of one researcher (no e-mail, no consent data; what ``for_search()`` loads)."""
    org, country = researcher.affiliation, researcher.country
    return {
        "slug": researcher.slug,
        "name": researcher.name,
        "given_name": researcher.given_name,
        "family_name": researcher.family_name,
        "name_ja": researcher.name_ja,
        "affiliation": {"slug": org.slug, "name": org.name, "sector": org.sector} if org else None,
        "country": {"iso2": country.iso2, "name": country.name} if country else None,
        "career_stage": researcher.career_stage,
        "english_level": researcher.english_level,
        "fields": [{"slug": f.slug, "name": f.name} for f in researcher.fields.all()],
        "orcid": researcher.orcid,
        "bio": researcher.bio,
        "bio_ja": researcher.bio_ja,
    }
