""" "Did you mean …" (search/vocabulary.py): a text that finds few records is offered a corrected search built
from the register's own vocabulary, in the page's language, never from what is not published."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from directory.models import Country
from editorial.models import EditorialState
from initiatives.models import Initiative
from people.models import Researcher
from search import vocabulary
from search.models import Word

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    vietnam = Country.objects.get(iso2="VN")
    for n in range(3):
        f.InitiativeFactory(
            title=f"Mekong delta climate study {n}", title_ja=f"ベトナム気候研究{n}", countries=[vietnam]
        )
    f.InitiativeFactory(title="Zyxwvut confidential plan", editorial_state=EditorialState.DRAFT)
    f.ResearcherFactory(family_name="Quetzalcoatl", consent_to_publish=False)
    vocabulary.rebuild()


def offered(response):
    return response.context["did_you_mean"]


def test_an_english_misspelling_is_offered_the_corrected_search(client, records):
    response = client.get("/initiatives/", {"q": "climte", "status": "active"})
    assert response.context["page"].paginator.count == 0
    offer = offered(response)
    assert offer["text"] == "climate"
    assert offer["url"] == "?status=active&q=climate"  # the filters are kept, the page dropped
    html = response.content.decode()
    assert 'Did you mean <a href="?status=active&amp;q=climate">climate</a>?' in html
    assert client.get(f"/initiatives/{offer['url']}").context["page"].paginator.count == 3


def test_each_unknown_word_is_corrected_and_operators_are_kept(client, records):
    offer = offered(client.get("/initiatives/", {"q": '"mekong delt" OR climte'}))
    assert offer["text"] == '"mekong delta" OR climate'


def test_a_japanese_misspelling_is_offered_in_japanese(client, records):
    response = client.get("/ja/initiatives/", {"q": "ベトナン"})
    assert response.context["page"].paginator.count == 0
    assert offered(response)["text"] == "ベトナム"
    assert 'もしかして: <a href="?q=%E3%83%99%E3%83%88%E3%83%8A%E3%83%A0">ベトナム</a>' in response.content.decode()


def test_full_width_letters_are_folded_before_correcting(client, records):
    assert offered(client.get("/initiatives/", {"q": "ｍｅｋｏｎｇｇ"}))["text"] == "mekong"


def test_a_search_with_enough_results_or_known_words_is_offered_nothing(client, records):
    assert offered(client.get("/initiatives/", {"q": "climate"})) is None  # three results
    f.InitiativeFactory(title="Rare orchid survey")
    vocabulary.rebuild(["initiatives"])
    assert offered(client.get("/initiatives/", {"q": "orchid"})) is None  # one result, every word known
    assert offered(client.get("/initiatives/")) is None
    assert offered(client.get("/initiatives/", {"q": "qqqqqq"})) is None  # nothing close enough


def test_words_of_drafts_and_researchers_without_consent_are_never_offered(client, records):
    assert not Word.objects.filter(word__in=["zyxwvut", "confidential", "quetzalcoatl"]).exists()
    assert offered(client.get("/initiatives/", {"q": "zyxwvu"})) is None
    assert offered(client.get("/researchers/", {"q": "quetzalcoat"})) is None


def test_a_word_left_by_a_record_unpublished_since_the_rebuild_is_not_offered(client, records):
    secret = f.InitiativeFactory(title="Xanthoria lichen accord")
    vocabulary.rebuild()
    assert offered(client.get("/initiatives/", {"q": "xanthoriq"}))["text"] == "xanthoria"
    secret.editorial_state = EditorialState.DRAFT
    secret.save()
    assert offered(client.get("/initiatives/", {"q": "xanthoriq"})) is None  # it would find nothing published


def test_a_few_queries_more_only_when_a_correction_is_offered(client, records, django_assert_max_num_queries):
    # Queries: the search's 7 at most (choices, counts, ids, rows and their prefetches, snippets), then
    #   1 the corrections (one query over the vocabulary), 1 the corrected search's facet choices and
    #   1 its count from the bitmaps.
    with django_assert_max_num_queries(10):
        assert offered(client.get("/initiatives/", {"q": "climte"}))
    with django_assert_max_num_queries(8):  # a known word: the corrections' query finds nothing to correct
        assert offered(client.get("/initiatives/", {"q": "zzz mekong"})) is None


def test_the_command_rebuilds_one_or_every_register_and_refuses_unknown_ones(records, capsys):
    Word.objects.all().delete()
    call_command("search_words", "partnerships")
    assert set(Word.objects.values_list("register", flat=True)) == {"partnerships"}
    call_command("search_words")
    assert Word.objects.filter(register="initiatives", word="mekong").exists()
    assert Word.objects.filter(register="initiatives", word="ベトナム").exists()  # a partner country's name
    with pytest.raises(CommandError, match="nope"):
        call_command("search_words", "nope")


def test_the_one_search_box_corrects_from_every_register(client, records):
    f.PartnershipFactory(japanese_locality=f.LocalityFactory(name="Hamamatsu", country=f.country("JP")))
    vocabulary.rebuild()
    response = client.get("/search/", {"q": "hamamatu"})
    assert response.context["did_you_mean"] == {"text": "hamamatsu", "url": "?q=hamamatsu"}
    assert 'Did you mean <a href="?q=hamamatsu">hamamatsu</a>?' in response.content.decode()
    japanese = client.get("/ja/search/", {"q": "ベトナン"})
    assert japanese.context["did_you_mean"]["text"] == "ベトナム"
    assert client.get("/search/", {"q": "mekong"}).context["did_you_mean"] is None


def words(register):
    return set(Word.objects.filter(register=register).values_list("word", flat=True))


def test_the_vocabulary_follows_edits_as_they_commit_without_a_rebuild(client, records):
    initiative = f.InitiativeFactory(title="Geothermal flux survey", title_ja="地熱の調査")
    assert {"geothermal", "flux", "survey", "地熱の調査"} <= words("initiatives")
    assert offered(client.get("/initiatives/", {"q": "geothermel"}))["text"] == "geothermal"
    Initiative.objects.filter(pk=initiative.pk).update(title="Volcanic heat survey")  # no signal: a trigger
    assert "volcanic" in words("initiatives")
    Country.objects.filter(iso2="VN").update(name="Vietnamland", name_ja="ベトナム国")
    for register in ("initiatives", "researchers", "partnerships"):
        assert {"vietnamland", "ベトナム国"} <= words(register), register
    f.OrganizationFactory(name="Okinawa Marine Institute", acronym="OMI")
    assert {"okinawa", "marine", "institute", "omi"} <= words("researchers")
    assert "okinawa" not in words("initiatives")  # not one of the initiatives' facets


def test_drafts_and_researchers_without_consent_add_no_word_until_published(records):
    draft = f.InitiativeFactory(title="Obsidianite plan", editorial_state=EditorialState.DRAFT)
    hidden = f.ResearcherFactory(family_name="Xylophagous", consent_to_publish=False)
    assert "obsidianite" not in words("initiatives")
    assert "xylophagous" not in words("researchers")
    Initiative.objects.filter(pk=draft.pk).update(editorial_state=EditorialState.PUBLISHED)
    Researcher.objects.filter(pk=hidden.pk).update(consent_to_publish=True)
    assert "obsidianite" in words("initiatives")
    assert "xylophagous" in words("researchers")


def test_a_published_partnership_adds_its_localities_names(records):
    city = f.LocalityFactory(name="Kushiroville", name_ja="釧路町", country=f.country("JP"))
    assert "kushiroville" not in words("partnerships")  # no published partnership names it yet
    f.PartnershipFactory(japanese_locality=city, foreign_locality=f.LocalityFactory(name="Tromsoville"))
    assert {"kushiroville", "釧路町", "tromsoville"} <= words("partnerships")
    city.name = "Kushiro Bay"
    city.save()
    assert "bay" in words("partnerships")


@pytest.mark.parametrize(
    "text",
    ["Mekong delta, 2019-2024: climate_risk!", "ＳＡＴＲＥＰＳ ｶﾀｶﾅ 東京 宇 a ab", "Ångström Straße co-operation", ""],
)
def test_the_triggers_cut_words_as_the_rebuild_does(text):
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_vocabulary_words(%s)", [text])
        assert {row[0] for row in cursor.fetchall()} == vocabulary.words_of(text)
