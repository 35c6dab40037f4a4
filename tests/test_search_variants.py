"""British and American spellings find the same records, and the last word of a query matches as a prefix."""

import pytest

from . import factories as f
from .search_data import text_search

pytestmark = pytest.mark.django_db


def search(query, register="initiatives"):
    return sorted(text_search(query, register))


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("ageing", "aging"),
        ("programme", "program"),
        ("organisation", "organization"),
        ("centre", "center"),
        ("colour", "color"),
        ("defence", "defense"),
    ],
)
def test_either_spelling_finds_a_record_written_in_the_other(british, american):
    f.InitiativeFactory(title=f"Written {british}", summary=f"A {british} study.")
    f.InitiativeFactory(title=f"Written {american}", summary=f"An {american} study.")
    both = [f"Written {american}", f"Written {british}"]
    assert search(british) == search(american) == sorted(both)


def test_plural_and_derived_forms_are_joined_too():
    lead = f.OrganizationFactory(name="Neutral body")  # the factory's "Organization N" would match too
    f.InitiativeFactory(title="Research centres and programmes", lead_organization=lead)
    f.InitiativeFactory(title="International organisations", lead_organization=lead)
    assert search("research centers") == ["Research centres and programmes"]
    assert search("programs") == ["Research centres and programmes"]
    assert search("organizations") == ["International organisations"]


def test_linked_names_are_normalised_as_well():
    area = f.PolicyAreaFactory(slug="population-ageing", name="Population ageing")
    f.InitiativeFactory(title="Tagged", policy_areas=[area])
    assert search("population aging") == ["Tagged"]


def test_the_last_word_matches_as_a_prefix():
    f.InitiativeFactory(title="Cybersecurity capacity building")
    f.InitiativeFactory(title="Climate resilience")
    assert search("cyber") == ["Cybersecurity capacity building"]
    assert search("capacity cyber") == ["Cybersecurity capacity building"]
    assert search("climat") == ["Climate resilience"]
    assert search("resil") == ["Climate resilience"]


def test_only_the_last_word_and_only_a_plain_one_is_a_prefix():
    f.InitiativeFactory(title="Cybersecurity capacity building")
    assert search("cyber capacity") == []  # an earlier word must match whole
    assert search('"cyber"') == []  # a quoted word is exact
    assert search("building -cyber") == ["Cybersecurity capacity building"]  # an excluded word is exact too
    assert search("cy") == []  # too short to be a prefix


def test_a_prefix_does_not_reach_through_the_stem():
    f.InitiativeFactory(title="Agency cooperation", summary="An agenda.")
    f.InitiativeFactory(title="Healthy aging")
    assert search("aging") == ["Healthy aging"]  # "aging" stems to "age": age* would find the agency
