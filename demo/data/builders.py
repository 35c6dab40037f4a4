"""Small constructors that keep the data tables to a line or two per record."""

from editorial.models import EditorialState
from people.models import CareerStage

STAGES = {
    "student": CareerStage.STUDENT,
    "early": CareerStage.EARLY,
    "mid": CareerStage.MID,
    "senior": CareerStage.SENIOR,
}


def person(slug, name_ja, affiliation, stage, english, fields, consented, bio, tld="jp", **extra):
    """A researcher record.

    ``slug`` is "family-given" in ASCII; the e-mail address is made from it on a reserved
    example domain of the affiliation. ``consented`` is the date consent was recorded, or None
    (a private record). The country defaults, in the loader, to the affiliation's country.
    """
    family, _, given = slug.partition("-")
    family_name, given_name = extra.pop("names", None) or (family.capitalize(), given.replace("-", " ").title())
    return {
        "slug": slug,
        "family_name": family_name,
        "given_name": given_name,
        "name_ja": name_ja,
        "affiliation": affiliation,
        "career_stage": STAGES[stage],
        "english_level": english,
        "fields": fields,
        "email": f"{given.replace('-', '')}.{family}@{affiliation}.example.{tld}",
        "consent_to_publish": consented is not None,
        "consent_recorded_on": consented,
        "bio": bio,
        "editorial_state": EditorialState.PUBLISHED,
        **extra,
    }


def abroad(*args, **kwargs):
    """A researcher based outside Japan (e-mail on example.org)."""
    return person(*args, tld="org", **kwargs)


DRAFT = {"editorial_state": EditorialState.DRAFT}


def published(**record):
    """An initiative or partnership record, published unless it says otherwise."""
    return {"editorial_state": EditorialState.PUBLISHED, **record}


def draft(**record):
    """An initiative or partnership record still being written: editors see it, the public does not."""
    return {**record, "editorial_state": EditorialState.DRAFT}


def in_review(**record):
    """An initiative or partnership record an editor submitted: waiting for a reviewer, not public yet."""
    return {**record, "editorial_state": EditorialState.IN_REVIEW}
