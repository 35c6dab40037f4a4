"""Japanese as a first-class language: folded (NFKC, kana), found by pieces of any length through an index,
ranked by where the words are, and found through linked Japanese names."""

import pytest
from django.db import connection
from django.http import QueryDict

from initiatives.models import Initiative
from search import Search, registry
from search.text import apply_text

from . import factories as f
from .search_data import text_search

pytestmark = pytest.mark.django_db


def search(query, register="initiatives"):
    return text_search(query, register)


@pytest.fixture
def belmont():
    return f.InitiativeFactory(title="Belmont Forum", title_ja="ベルモント・フォーラム気候共同研究")


def test_katakana_and_hiragana_find_each_other(belmont):
    f.InitiativeFactory(title="Hiragana title", title_ja="みらいの ちきゅう")
    assert search("べるもんと") == ["Belmont Forum"]
    assert search("ミライ") == ["Hiragana title"]


def test_half_width_and_full_width_forms_match(belmont):
    f.InitiativeFactory(title="JSPS fellowships")
    assert search("ﾍﾞﾙﾓﾝﾄ") == ["Belmont Forum"]  # half-width katakana with separate voicing marks
    assert search("ＪＳＰＳ") == ["JSPS fellowships"]  # full-width Latin letters
    assert search("ｆｏｒｕｍ") == ["Belmont Forum"]


def test_one_and_two_character_queries_find_a_word_inside_a_title(belmont):
    f.InitiativeFactory(title="Space", title_ja="宇宙開発")
    assert search("宇") == ["Space"]
    assert search("宇宙") == ["Space"]
    assert search("気候") == ["Belmont Forum"]
    assert search("候共同研") == ["Belmont Forum"]
    assert search("宙気") == []  # pieces of two records are not one match


@pytest.mark.parametrize("query", ["宇", "宇宙", "共同研究"])
def test_japanese_queries_of_any_length_can_use_the_pieces_index(query):
    matching = apply_text(Initiative.objects.order_by(), registry["initiatives"].text, query)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # the planner would scan a table this small anyway
        sql, sql_params = matching.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", sql_params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "initiative_grams_gin" in plan, plan


def test_a_japanese_query_finds_english_only_records_through_linked_japanese_names():
    kyoto = f.OrganizationFactory(name="Kyoto University", name_ja="京都大学")
    f.InitiativeFactory(title="Led by Kyoto", lead_organization=kyoto)
    f.InitiativeFactory(title="Rice", countries=[f.country("VN")])
    assert search("京都大学") == ["Led by Kyoto"]
    assert search("京都") == ["Led by Kyoto"]
    assert search("ベトナム") == ["Rice"]


def test_a_japanese_word_in_the_title_ranks_above_the_same_word_in_a_linked_name():
    vietnam = f.country("VN")
    for i in range(3):
        f.InitiativeFactory(title=f"Partnered {i}", countries=[vietnam])
    f.InitiativeFactory(title="Own summary", summary_ja="ベトナムの稲作")
    f.InitiativeFactory(title="Own title", title_ja="ベトナム稲作研究")
    found = search("ベトナム")
    assert found[:2] == ["Own title", "Own summary"]
    assert len(found) == 5


def test_a_mixed_query_needs_its_english_and_its_japanese_words():
    f.InitiativeFactory(title="SATREPS rice", countries=[f.country("VN")])
    f.InitiativeFactory(title="Other rice", countries=[f.country("VN")])
    assert search("SATREPS ベトナム") == ["SATREPS rice"]


def test_like_wildcards_in_a_query_are_plain_characters():
    f.InitiativeFactory(title="Percent", title_ja="達成率100％")
    f.InitiativeFactory(title="Other", title_ja="研究_協力")
    assert search("100%") == []  # NFKC makes ％ a %, which must not match everything
    assert search("率100％") == ["Percent"]
    assert search("究_協") == ["Other"]
    assert search("究%協") == []


def test_a_japanese_query_is_ranked_on_the_search_page(client, belmont):
    f.InitiativeFactory(title="Climate", title_ja="気候変動")
    page, _ = Search(registry["initiatives"], QueryDict("q=気候")).page(1)
    assert [str(obj) for obj in page.object_list] == ["Climate", "Belmont Forum"]  # the closer title first
    assert client.get("/initiatives/?q=気候").status_code == 200


@pytest.mark.parametrize(
    ("register", "field", "factory"),
    [("initiatives", "title_ja", f.InitiativeFactory), ("researchers", "name_ja", f.ResearcherFactory)],
)
def test_the_folded_title_is_stored_as_the_fold_computes_it_and_kept_by_every_write(register, field, factory):
    model = registry[register].model
    record = factory(**{field: "ﾍﾞﾄﾅﾑ・ＡＢＣ研究"})  # half-width katakana, full-width Latin

    def stored():
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT search_title, search_text_fold({field}) FROM {model._meta.db_table} WHERE id = %s",  # noqa: S608
                [record.pk],
            )
            return cursor.fetchone()

    assert stored() == ("べとなむabc研究", "べとなむabc研究")  # the middle dot dropped, as in search_ja
    model.objects.filter(pk=record.pk).update(**{field: "カガク"})  # no save(), no signal
    assert stored() == ("かがく", "かがく")
    model.objects.filter(pk=record.pk).update(**{field: ""})
    assert stored() == ("", "")


def test_ranking_a_japanese_query_reads_the_stored_folded_title():
    f.InitiativeFactory(title="Half width", title_ja="ﾍﾞﾄﾅﾑ稲作研究")  # found and ranked as ベトナム
    f.InitiativeFactory(title="Summary only", summary_ja="ベトナムの稲作")
    search_ = Search(registry["initiatives"], QueryDict("q=ベトナム"))
    sql = str(search_.queryset().query)
    assert '"search_title"' in sql
    assert 'search_text_fold("initiatives_initiative"."title_ja")' not in sql
    assert [str(obj) for obj in search_.page(1)[0].object_list] == ["Half width", "Summary only"]
