"""Researchers' "worked with" on their pages: co-participants in published initiatives, published and consenting
researchers only, most shared first; nothing private leaks."""

import pytest

from editorial.models import EditorialState
from initiatives.models import worked_with
from tests.factories import InitiativeFactory, ParticipationFactory, ResearcherFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    me = ResearcherFactory(slug="me", family_name="Mori")
    close = ResearcherFactory(slug="close", family_name="Abe")
    once = ResearcherFactory(slug="once", family_name="Sato")
    private = ResearcherFactory(slug="private", family_name="Hidden", consent_to_publish=False, email="hidden@x.jp")
    draft_person = ResearcherFactory(slug="draft-person", family_name="Drafted", editorial_state=EditorialState.DRAFT)
    in_draft_only = ResearcherFactory(slug="in-draft-only", family_name="Secretproject")
    first, second = InitiativeFactory(), InitiativeFactory()
    draft = InitiativeFactory(editorial_state=EditorialState.DRAFT)
    for initiative, people in (
        (first, [me, close, once, private, draft_person]),
        (second, [me, close]),
        (draft, [me, in_draft_only]),
    ):
        for person in people:
            ParticipationFactory(researcher=person, initiative=initiative)
    return me


def test_colleagues_in_published_initiatives_most_shared_first(team):
    found = [(r.slug, r.shared) for r in worked_with(team)]

    assert found == [("close", 2), ("once", 1)]


def test_the_page_lists_them_and_leaks_no_one_else(client, team):
    html = client.get("/researchers/me/").content.decode()

    assert "Worked with" in html
    assert 'href="/researchers/close/"' in html and "2 initiatives together" in html
    for private in ("private", "draft-person", "in-draft-only"):
        assert f"/researchers/{private}/" not in html
    assert "Hidden" not in html and "hidden@x.jp" not in html and "Secretproject" not in html


def test_a_researcher_who_worked_with_no_one_public_has_no_section(client, team):
    html = client.get("/researchers/once/").content.decode()
    alone = ResearcherFactory(slug="alone")
    ParticipationFactory(researcher=alone)

    assert 'href="/researchers/me/"' in html
    assert "Worked with" not in client.get("/researchers/alone/").content.decode()


def test_japanese_page_names_the_section(client, team, japanese_catalogue):
    assert "共同研究者" in client.get("/ja/researchers/me/").content.decode()
