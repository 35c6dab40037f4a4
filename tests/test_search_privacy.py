"""Nothing private becomes findable: names of drafts and of researchers without consent, and e-mail addresses,
are in no public record's text index, results or snippets (issue 12 item 6)."""

import pytest
from django.db import connection
from django.http import QueryDict

from search import Search, registry

from . import factories as f

pytestmark = pytest.mark.django_db

TABLES = ("initiatives_initiative", "people_researcher", "partnerships_subnationalpartnership")
SECRETS = ("zanzibarite", "quixotian", "hushmail", "クロノスフィア")


@pytest.fixture
def private_records():
    org = f.OrganizationFactory(name="Open Institute")
    initiative = f.InitiativeFactory(title="Ocean mapping", lead_organization=org, summary="Ocean floor survey.")
    draft = f.InitiativeFactory(
        title="Zanzibarite draft", title_ja="クロノスフィア計画", lead_organization=org, editorial_state="draft"
    )
    hidden = f.ResearcherFactory(
        family_name="Quixotian", affiliation=org, consent_to_publish=False, email="ocean@hushmail.example"
    )
    shown = f.ResearcherFactory(
        family_name="Visible", affiliation=org, bio="Studies the ocean floor.", email="ocean.floor@hushmail.example"
    )
    for researcher in (hidden, shown):
        f.ParticipationFactory(researcher=researcher, initiative=initiative)
        f.ParticipationFactory(researcher=researcher, initiative=draft)
        f.ExchangeFactory(researcher=researcher, host_organization=org)
    f.PartnershipFactory(description="Ocean cities.")
    return {"initiative": initiative, "hidden": hidden, "shown": shown}


def public_index_text():
    """Every published record's indexed text (vector, Japanese text and its pieces), as stored."""
    rows = []
    with connection.cursor() as cursor:
        for register in registry.values():
            ids = list(register.base_queryset().values_list("pk", flat=True))
            table = register.model._meta.db_table
            cursor.execute(
                f"SELECT search_vector::text, search_ja, array_to_string(search_grams, ' ') FROM {table} "  # noqa: S608
                "WHERE id = ANY(%s)",
                [ids],
            )
            rows += [" ".join(part or "" for part in row) for row in cursor.fetchall()]
    return "\n".join(rows)


def test_no_public_records_index_holds_a_draft_s_or_a_hidden_researcher_s_name_or_an_e_mail(private_records):
    indexed = public_index_text()
    assert "ocean" in indexed  # the public records are indexed
    for secret in SECRETS:
        assert secret not in indexed, secret
    assert "くろのすふぃあ" not in indexed and "くろ" not in indexed.split()  # nor in the Japanese pieces


@pytest.mark.parametrize("query", ["Zanzibarite", "Quixotian", "hushmail", "ocean@hushmail.example", "クロノスフィア"])
def test_private_names_and_e_mails_find_nothing_in_any_register(private_records, query):
    for register in registry.values():
        search = Search(register, {"q": query})
        assert search.total() == 0, (register.name, query)


def test_snippets_and_pages_never_show_an_e_mail(client, private_records):
    search = Search(registry["researchers"], QueryDict("q=ocean"))
    page, _ = search.page(1)
    assert [str(obj) for obj in page.object_list] == ["Aiko Visible"]
    assert "<mark>" in page.object_list[0].snippet
    assert "hushmail" not in page.object_list[0].snippet
    for url in ("/search/?q=ocean", "/researchers/?q=ocean", "/initiatives/?q=ocean", "/api/researchers/?q=ocean"):
        html = client.get(url).content.decode()
        assert "hushmail" not in html and "Quixotian" not in html and "Zanzibarite" not in html, url
