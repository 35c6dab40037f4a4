"""``/suggest/``: names and records suggested as a name is typed in a search box (search/suggest.py)."""

import pytest

from directory.models import Country, Locality, PolicyArea
from editorial.models import EditorialState
from initiatives.models import Initiative

from . import factories as f

pytestmark = pytest.mark.django_db


def suggest(client, q, register=None, language=""):
    params = {"q": q, **({"register": register} if register else {})}
    return client.get(f"{language}/suggest/", params)


def labels(response):
    return [s["label"] for s in response.json()["suggestions"]]


def by_label(response, label):
    return next(s for s in response.json()["suggestions"] if s["label"] == label)


@pytest.fixture
def vietnam_initiatives():
    vietnam, climate = Country.objects.get(iso2="VN"), PolicyArea.objects.get(slug="climate-change")
    for n in range(3):
        f.InitiativeFactory(title=f"Mekong study {n}", countries=[vietnam], policy_areas=[climate])
    f.InitiativeFactory(title="Secret draft on Vietnam", countries=[vietnam], editorial_state=EditorialState.DRAFT)
    return vietnam


def test_a_country_applies_its_facet_on_a_register_that_has_it_with_the_bitmap_count(client, vietnam_initiatives):
    response = suggest(client, "vie", "initiatives")
    assert response.status_code == 200
    vietnam = by_label(response, vietnam_initiatives.name)
    assert vietnam["kind"] == "country" and vietnam["kind_label"] == "Country"
    assert vietnam["count"] == 3  # the draft is not counted
    assert vietnam["url"] == "/initiatives/?country=VN"
    assert vietnam["facet"] == {"name": "country", "value": "VN"}
    assert vietnam["count_text"] == "Initiatives: 3"


def test_a_name_matches_at_the_start_of_any_word_not_inside_one(client, vietnam_initiatives):
    f.InitiativeFactory(title="Ocean observation network")
    assert "Ocean observation network" in labels(suggest(client, "obse", "initiatives"))
    assert "Ocean observation network" not in labels(suggest(client, "bserv", "initiatives"))
    assert "Climate change" in labels(suggest(client, "chan", "initiatives"))


def test_a_country_opens_its_own_page_where_the_register_has_no_country_facet(client, vietnam_initiatives):
    f.PartnershipFactory(foreign_locality=f.LocalityFactory(country=vietnam_initiatives, name="Hue"))
    # The site-wide box has no register: a country opens its page, counted in the first register with the facet.
    vietnam = by_label(suggest(client, "viet"), vietnam_initiatives.name)
    assert vietnam["url"] == "/countries/vn/" and vietnam["facet"] is None
    assert vietnam["count"] == 3


def test_an_organization_is_found_by_acronym_and_japanese_name_and_opens_its_page(client):
    jsps = f.OrganizationFactory(
        slug="jsps", name="Japan Society for the Promotion of Science", acronym="JSPS", name_ja="日本学術振興会"
    )
    f.ResearcherFactory(affiliation=jsps)
    f.ResearcherFactory(affiliation=jsps, consent_to_publish=False)
    on_initiatives = by_label(
        suggest(client, "jsp", "initiatives"), "Japan Society for the Promotion of Science (JSPS)"
    )
    assert on_initiatives["url"] == "/organizations/jsps/" and on_initiatives["kind_label"] == "Organization"
    assert on_initiatives["count"] == 1  # researchers affiliated, the one who did not consent left out
    on_researchers = by_label(
        suggest(client, "jsps", "researchers"), "Japan Society for the Promotion of Science (JSPS)"
    )
    assert on_researchers["url"] == "/researchers/?org=jsps"
    japanese = suggest(client, "学術振興", "researchers", language="/ja")
    assert by_label(japanese, "日本学術振興会 (JSPS)")["url"] == "/ja/researchers/?org=jsps"


def test_a_prefecture_applies_its_facet_on_partnerships_and_speaks_japanese_under_ja(client):
    kyoto = Locality.objects.get(iso_code="JP-26")
    f.PartnershipFactory(japanese_locality=kyoto, foreign_locality=f.LocalityFactory(name="Boston"))
    english = by_label(suggest(client, "kyo", "partnerships"), "Kyoto")
    assert english["kind_label"] == "Prefecture" and english["url"] == "/partnerships/?prefecture=JP-26"
    assert english["count"] == 1
    japanese = suggest(client, "京都", "partnerships", language="/ja")
    prefecture = by_label(japanese, kyoto.name_ja)
    assert prefecture["kind_label"] == "都道府県" and prefecture["url"] == "/ja/partnerships/?prefecture=JP-26"
    assert japanese.json()["status"].endswith("件の候補")


def test_records_open_their_page_in_both_languages(client):
    initiative = f.InitiativeFactory(
        title="Belmont Forum food security call", title_ja="ベルモント・フォーラム食料安全保障"
    )
    english = by_label(suggest(client, "belm", "initiatives"), initiative.title)
    assert english["kind_label"] == "Initiative" and english["url"] == f"/initiatives/{initiative.slug}/"
    assert english["count"] is None
    japanese = by_label(suggest(client, "ベルモント", "initiatives", language="/ja"), initiative.title_ja)
    assert japanese["url"] == f"/ja/initiatives/{initiative.slug}/"


def test_two_japanese_characters_match_a_title_start_and_three_match_anywhere(client):
    f.InitiativeFactory(title="Space", title_ja="宇宙開発協力")
    f.InitiativeFactory(title="Moon", title_ja="日米宇宙協力")
    assert labels(suggest(client, "宇宙", "initiatives", language="/ja")) == ["宇宙開発協力"]
    assert set(labels(suggest(client, "宇宙協", "initiatives", language="/ja"))) == {"日米宇宙協力"}
    assert set(labels(suggest(client, "宇宙開", "initiatives", language="/ja"))) == {"宇宙開発協力"}


def test_nothing_private_is_suggested(client):
    f.InitiativeFactory(title="Hidden draft cooperation", editorial_state=EditorialState.DRAFT)
    f.ResearcherFactory(family_name="Hiddenconsent", consent_to_publish=False)
    f.ResearcherFactory(family_name="Hiddendraft", editorial_state=EditorialState.DRAFT)
    hidden_area = f.PolicyAreaFactory(slug="hidden-area", name="Hidden area")
    f.InitiativeFactory(title="Other draft", editorial_state=EditorialState.DRAFT, policy_areas=[hidden_area])
    f.ResearcherFactory(family_name="Hidalgo", email="hidden@example.org")
    for register in (None, "initiatives", "researchers", "partnerships"):
        response = suggest(client, "hid", register)
        body = response.content.decode()
        for private in ("Hidden draft", "Hiddenconsent", "Hiddendraft", "Hidden area", "@example"):
            assert private not in body
    assert labels(suggest(client, "hid", "researchers")) == ["Aiko Hidalgo"]


def test_the_site_wide_box_suggests_records_of_every_register(client):
    f.InitiativeFactory(title="Osaka expo science week")
    f.ResearcherFactory(family_name="Osada")
    f.PartnershipFactory(japanese_locality=f.LocalityFactory(name="Osaka City", country=f.country("JP")))
    kinds = {s["kind"] for s in suggest(client, "osa").json()["suggestions"]}
    assert {"initiatives", "researchers", "partnerships"} <= kinds


@pytest.mark.parametrize(
    ("params", "status", "key"),
    [
        ({"q": "c"}, 200, "status"),
        ({"q": ""}, 200, "status"),
        ({"q": "x" * 500}, 400, "error"),
        ({"q": "climate", "register": "nope"}, 400, "error"),
        ({"q": "\x00\x01"}, 200, "status"),
        ({"q": "%_%"}, 200, "status"),
    ],
)
def test_bad_input_gets_a_clear_json_answer(client, params, status, key):
    response = client.get("/suggest/", params)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response.json()[key]


def test_one_character_asks_for_more_and_unknown_register_names_the_known_ones(client):
    assert suggest(client, "c").json() == {
        "query": "c",
        "register": None,
        "suggestions": [],
        "status": "Type at least two characters",
    }
    error = suggest(client, "climate", "nope").json()["error"]
    assert "nope" in error and "initiatives" in error
    assert client.post("/suggest/", {"q": "climate"}).status_code == 405


def test_wildcards_typed_are_matched_literally(client):
    f.InitiativeFactory(title="Ocean observation")
    assert suggest(client, "o%", "initiatives").json()["suggestions"] == []
    assert suggest(client, "__", "initiatives").json()["suggestions"] == []


def test_query_counts_are_fixed(client, vietnam_initiatives, django_assert_max_num_queries):
    f.ResearcherFactory(family_name="Vien")
    f.PartnershipFactory(foreign_locality=f.LocalityFactory(name="Vientiane", country=f.country("LA")))
    # Queries: 1 every name with its count (one UNION ALL over the reference tables and the bitmaps),
    #   1 the register's records (localities joined for a partnership's title).
    with django_assert_max_num_queries(2):
        assert suggest(client, "vi", "initiatives").status_code == 200
    with django_assert_max_num_queries(2):
        assert suggest(client, "vi", "partnerships").status_code == 200
    # The site-wide box: 1 names, 1 records per register (3).
    with django_assert_max_num_queries(4):
        response = suggest(client, "vi")
    assert len(response.json()["suggestions"]) >= 3
    with django_assert_max_num_queries(0):
        suggest(client, "v")


def test_two_characters_match_a_record_title_at_its_start_and_three_at_any_word(client):
    f.InitiativeFactory(title="Ocean observation network")
    assert "Ocean observation network" in labels(suggest(client, "oc", "initiatives"))
    assert "Ocean observation network" not in labels(suggest(client, "ob", "initiatives"))
    assert "Ocean observation network" in labels(suggest(client, "obs", "initiatives"))


def test_records_starting_with_the_text_come_first_and_word_starts_fill_the_rest(client):
    for n in range(5):
        f.InitiativeFactory(title=f"Ocean survey {n}")
    f.InitiativeFactory(title="Deep ocean drilling")
    f.InitiativeFactory(title="Ocean draft", editorial_state=EditorialState.DRAFT)
    records = [s["label"] for s in suggest(client, "oce", "initiatives").json()["suggestions"] if s["count"] is None]
    # Five start with the text: the first four of them in order; the word start inside a title waits its turn.
    assert records == [f"Ocean survey {n}" for n in range(4)]
    for n in range(3, 5):
        Initiative.objects.filter(title=f"Ocean survey {n}").delete()
    records = [s["label"] for s in suggest(client, "oce", "initiatives").json()["suggestions"] if s["count"] is None]
    assert records == ["Ocean survey 0", "Ocean survey 1", "Ocean survey 2", "Deep ocean drilling"]


def test_a_partnership_is_found_by_a_word_inside_either_sides_name_in_both_languages(client):
    york = f.LocalityFactory(name="New York", name_ja="ニューヨーク")
    partnership = f.PartnershipFactory(japanese_locality=f.LocalityFactory(name="Tokyo", country=f.country("JP")))
    f.PartnershipFactory(foreign_locality=york, editorial_state=EditorialState.DRAFT)
    partnership.foreign_locality = york
    partnership.save()
    assert labels(suggest(client, "yor", "partnerships")) == ["Tokyo – New York"]
    assert labels(suggest(client, "ヨーク", "partnerships", language="/ja")) == ["Tokyo – ニューヨーク"]
    assert labels(suggest(client, "yo", "partnerships")) == []  # two characters: a name's start only
