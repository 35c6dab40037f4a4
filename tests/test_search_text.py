"""Text search: PostgreSQL full text (ranking, web-search syntax, snippets), Japanese found by substring."""

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from initiatives.models import Initiative
from search import Search, registry
from search.text import clean_text

from . import factories as f
from .search_data import text_search

pytestmark = pytest.mark.django_db


def search(query, register="initiatives"):
    return text_search(query, register)


@pytest.fixture
def corpus():
    f.InitiativeFactory(title="Drought early warning in Kenya", summary="Satellite data for farmers.")
    f.InitiativeFactory(title="Cyber capacity building", summary="Training for drought agencies in Asia.")
    f.InitiativeFactory(
        title="Belmont Forum climate resilience",
        title_ja="ベルモント・フォーラム気候レジリエンス共同研究",
        summary="Collaborative research.",
        description="Long text about resilience of coastal cities and drought.",
    )
    f.InitiativeFactory(title="Energy transition dialogue", description="Hydrogen supply chains with Australia.")
    f.InitiativeFactory(title="Drought draft", editorial_state="draft")


def test_finds_by_title_and_by_summary(corpus):
    assert search("Kenya") == ["Drought early warning in Kenya"]
    assert search("agencies") == ["Cyber capacity building"]
    assert search("hydrogen") == ["Energy transition dialogue"]


def test_every_word_must_match(corpus):
    assert search("drought Kenya") == ["Drought early warning in Kenya"]
    assert search("drought hydrogen") == []


def test_a_japanese_substring_finds_the_japanese_title(corpus):
    assert search("気候") == ["Belmont Forum climate resilience"]
    assert search("フォーラム") == ["Belmont Forum climate resilience"]


def test_a_japanese_substring_finds_a_researcher_by_name():
    f.ResearcherFactory(family_name="Tanaka", given_name="Aiko", name_ja="田中 愛子")
    f.ResearcherFactory(family_name="Suzuki", name_ja="鈴木 一郎")
    assert search("田中", "researchers") == ["Aiko Tanaka"]
    assert search("Tanaka", "researchers") == ["Aiko Tanaka"]


def test_a_minus_term_excludes(corpus):
    found = search("drought -Kenya")
    assert "Drought early warning in Kenya" not in found
    assert "Cyber capacity building" in found


def test_a_quoted_phrase_matches_only_in_order(corpus):
    assert search('"early warning"') == ["Drought early warning in Kenya"]
    assert search('"warning early"') == []


def test_or_finds_either_word(corpus):
    assert sorted(search("Kenya OR hydrogen")) == ["Drought early warning in Kenya", "Energy transition dialogue"]
    assert sorted(search("drought Kenya OR cyber")) == ["Cyber capacity building", "Drought early warning in Kenya"]


def test_drafts_are_never_found(corpus):
    assert "Drought draft" not in search("drought")


def test_partnerships_are_found_by_either_locality():
    tokyo = f.LocalityFactory(name="Hachioji", country=f.country("JP"), name_ja="八王子市")
    f.PartnershipFactory(japanese_locality=tokyo, foreign_locality=f.LocalityFactory(name="Santa Clara"))
    assert len(search("Santa Clara", "partnerships")) == 1
    assert len(search("Hachioji", "partnerships")) == 1
    assert len(search("八王子", "partnerships")) == 1


def test_relevance_puts_a_title_match_above_a_description_match(corpus):
    # "resilience" is in the title (weight A) of the only initiative carrying both words
    assert search("resilience drought") == ["Belmont Forum climate resilience"]
    ranked = search("drought")
    assert ranked.index("Drought early warning in Kenya") < ranked.index("Belmont Forum climate resilience")


def test_bulk_created_records_are_searchable():
    org = f.OrganizationFactory()
    Initiative.objects.bulk_create(
        [
            Initiative(
                slug=f"bulk-{i}",
                title=f"Bulk geothermal {i}",
                kind="policy_dialogue",
                status="active",
                editorial_state="published",
                lead_organization=org,
            )
            for i in range(3)
        ]
    )
    assert len(search("geothermal")) == 3  # the trigger filled search_vector


def test_snippets_are_highlighted_escaped_and_computed_only_for_the_page_rows():
    for i in range(25):
        f.InitiativeFactory(title=f"Seismic study {i:02d}", summary=f"Earthquake <b>risk</b> number {i}.")
    search_ = Search(registry["initiatives"], QueryDict("q=earthquake&sort=title"))
    with CaptureQueriesContext(connection) as queries:
        page, _ = search_.page("1")
    snippets = [obj.snippet for obj in page.object_list]
    headline_queries = [q["sql"] for q in queries.captured_queries if "ts_headline" in q["sql"].lower()]
    assert all("<mark>Earthquake</mark>" in s for s in snippets)
    assert not any("<b>" in s for s in snippets)  # the editor's markup never becomes HTML: only <mark> does
    assert len(headline_queries) == 1
    page_two_pk = Initiative.objects.get(title="Seismic study 24").pk
    assert page_two_pk not in [obj.pk for obj in page.object_list]
    assert f"{page_two_pk}" not in headline_queries[0].split("IN")[-1]


def test_the_query_is_cleaned_of_nul_bytes_and_capped():
    assert clean_text("a\x00b") == "a b"
    assert len(clean_text("x" * 10_000)) == 200


def test_renaming_an_organization_or_a_locality_keeps_their_records_findable():
    org = f.OrganizationFactory(name="Old Institute")
    f.ResearcherFactory(family_name="Mori", affiliation=org)
    city = f.LocalityFactory(name="Oldtown")
    f.PartnershipFactory(foreign_locality=city)
    org.name = "Ocean Frontier Institute"
    org.save()
    city.name = "Newport"
    city.save()
    assert search("frontier", "researchers") == ["Aiko Mori"]  # a trigger rewrote the vector
    assert len(search("Newport", "partnerships")) == 1
    assert search("Oldtown", "partnerships") == []


@pytest.fixture
def broad(monkeypatch):
    """Seven records about drought, five with it in their title, started a year apart; a window of three ranked."""
    monkeypatch.setattr("search.engine.RANKED", 3)
    for year in range(2010, 2017):
        title = f"Drought study {year}" if year % 3 else f"Water study {year}"
        f.InitiativeFactory(title=title, summary="About drought.", start_date=f"{year}-04-01")


def page_titles(query, page, per_page=2):
    found, _notice = Search(registry["initiatives"], QueryDict(query)).page(page, per_page=per_page)
    return [obj.title for obj in found.object_list]


def test_a_broad_query_ranks_the_window_of_its_newest_matches_first(broad):
    # The three newest (2016, 2015, 2014) are ranked: the two with drought in the title above the one without;
    # the rest follow, unranked (ties in the order records were created), all of them.
    assert search("drought") == [
        *("Drought study 2014", "Drought study 2015", "Water study 2016"),
        *("Water study 2010", "Drought study 2011", "Drought study 2012", "Water study 2013"),
    ]
    assert Search(registry["initiatives"], QueryDict("q=drought")).total() == 7


def test_every_page_follows_the_same_order_inside_and_past_the_ranked_window(broad):
    ordered = search("drought")
    pages = [page_titles("q=drought", number) for number in (1, 2, 3, 4)]
    assert [title for page in pages for title in page] == ordered


def test_a_page_of_a_text_search_reads_the_text_matches_from_the_counts_query(corpus):
    with CaptureQueriesContext(connection) as queries:
        page_titles("q=drought", 1)
    # choices, counts (with the text's bitmap), the page's ids, rows, prefetches, snippets: the text's matches
    # are found once, in the counts' query (a query of plain words: from the words' bitmaps).
    assert sum("search_text_bits(" in query["sql"] for query in queries.captured_queries) == 1
    assert not any("search_text_bitmap(" in query["sql"] for query in queries.captured_queries)


def test_a_query_with_operators_reads_the_text_matches_from_the_gin_indexes_once(corpus):
    with CaptureQueriesContext(connection) as queries:
        page_titles("q=%22drought%22", 1)
    assert sum("search_text_bitmap(" in query["sql"] for query in queries.captured_queries) == 1
    assert not any("search_text_bits(" in query["sql"] for query in queries.captured_queries)


def test_a_record_published_after_the_text_was_matched_is_not_shown_unpublished(corpus):
    search_ = Search(registry["initiatives"], QueryDict("q=drought"))
    assert search_.total() == 3
    Initiative.objects.filter(title="Drought early warning in Kenya").update(editorial_state="draft")
    # The text's bitmap still holds it; the page's query keeps to published() records.
    assert "Drought early warning in Kenya" not in [str(obj) for obj in search_.queryset()]
