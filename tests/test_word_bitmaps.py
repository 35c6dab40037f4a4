"""The words' bitmaps (techdiplo_search 0011): ``search_text_bits`` finds exactly the records the ids query
(``search_text_bitmap``) finds, whether the words have stored bitmaps or not; ``search_lexeme`` follows every
change of the records in the same transaction as a rebuild would make it; drafts never leak into a search."""

import pytest
from django.db import connection, transaction

from directory.models import Country
from search import Search, registry
from search.bitmaps import WIDTH
from search.text import apply_text, word_bitmap_arguments

from . import factories as f

REGISTERS = ("initiatives", "researchers", "partnerships")

QUERIES = (
    "climate",
    "research",
    "researchers",
    "cyb",
    "cyber",
    "rese",
    "climate research",
    "research climate",
    "the climate",
    "climate theory",
    "the",
    "and",
    "climate of",
    "CLIMATE",
    "modelling",
    "Cyber security",
    "Viet Nam",
    "Vietnam",
    "US",
    "America",
    "ocean",
    "rice farming",
    "Kyoto",
    "Kyoto University",
    "kyoto research",
    "xyzzy",
    "unheardofword",
    "ab",
    "国",
    "研究",
    "気候",
    "京都",
    "ベトナム",
    "気候変動",
    "気候変",
    "候変動",
    "共同研究",
    "海洋観",
    "京都大",
    "べとなむ",
    "研究国",
    "国の研",
    "国際共同研究",
    "research 国",
    "climate 研究",
    "国 研究",
    "科学",
)


def setting(value):
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('techdiplo.frequent_word', %s, true)", [str(value)])


def rebuild(*registers):
    with connection.cursor() as cursor:
        for name in registers or REGISTERS:
            cursor.execute("SELECT search_lexeme_rebuild(%s, %s)", [name, registry[name].model._meta.db_table])


def ids_query(register, query):
    matching = apply_text(register.model._default_manager.order_by(), register.text, query).values("pk")
    return connection.ops.compose_sql(*matching.query.sql_with_params())


def bitmaps(name, query):
    """``(old, new)``: the ids query's bitmap and the words' bitmap of ``query`` in register ``name``."""
    register = registry[name]
    arguments = word_bitmap_arguments(query)
    assert arguments is not None, query
    ids = ids_query(register, query)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT ({WIDTH})", [name])
        width = cursor.fetchone()[0]
        cursor.execute("SELECT search_text_bitmap(%s, %s)", [ids, width])
        old = cursor.fetchone()[0]
        cursor.execute(
            "SELECT search_text_bits(%s, %s, %s, %s, %s, %s, %s, %s)",
            [name, register.model._meta.db_table, *arguments, ids, width],
        )
        new = cursor.fetchone()[0]
    return old, new


def stored_bits_count(name=None):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM search_lexeme WHERE bits IS NOT NULL AND (%s::text IS NULL OR register = %s)",
            [name, name],
        )
        return cursor.fetchone()[0]


@pytest.fixture
def corpus(db):
    kyoto = f.OrganizationFactory(name="Kyoto University", name_ja="京都大学", acronym="KU")
    ocean_institute = f.OrganizationFactory(name="Ocean Research Institute", name_ja="海洋研究所")
    vietnam, us = f.country("VN"), f.country("US")
    area = f.PolicyAreaFactory(slug="climate-change", name="Climate change", name_ja="気候変動")
    f.InitiativeFactory(
        title="Climate research in Viet Nam",
        title_ja="気候変動研究",
        summary="Climate adaptation research with rice farmers.",
        countries=[vietnam],
        lead_organization=kyoto,
    )
    f.InitiativeFactory(
        title="Cyber security research network",
        title_ja="国際共同研究",
        summary="Cybersecurity and climate data, a theory of networks.",
        countries=[us],
        lead_organization=ocean_institute,
    )
    f.InitiativeFactory(
        title="Ocean climate observation",
        title_ja="海洋観測",
        summary="Research vessels in the Pacific, see http://xyzzy.org/o'neill for the data.",
        countries=[us, vietnam],
        policy_areas=[area],
    )
    f.InitiativeFactory(title="Rice farming and climate", title_ja="稲作と気候", summary="The US and Japan cooperate.")
    f.InitiativeFactory(title="Space research", title_ja="宇宙開発研究国", description="Climate modelling theory.")
    f.InitiativeFactory(title="Typhoon watch", title_ja="気候変動の国際共同研究")
    f.InitiativeFactory(
        title="Cybernetics draft research", title_ja="国の研究", lead_organization=kyoto, editorial_state="draft"
    )
    f.ResearcherFactory(
        family_name="Tanaka",
        bio="Climate research on ocean heat.",
        bio_ja="気候研究",
        affiliation=kyoto,
        country=vietnam,
    )
    f.ResearcherFactory(family_name="Suzuki", bio="Cybersecurity research in Viet Nam.", bio_ja="国際研究")
    f.ResearcherFactory(family_name="Smith", bio="Rice and climate farming.", country=us, affiliation=ocean_institute)
    f.ResearcherFactory(family_name="Hidden", bio="Climate research secrets.", editorial_state="draft")
    f.PartnershipFactory(description="Climate research exchange between ports.", description_ja="気候の研究")
    f.PartnershipFactory(
        description="Rice farming and ocean research.", foreign_locality=f.LocalityFactory(country=vietnam)
    )
    f.PartnershipFactory(description="Cyber research and climate theory.", description_ja="国際交流")


@pytest.mark.parametrize("threshold", [2, 100000])
def test_the_words_bitmaps_find_exactly_what_the_ids_query_finds(corpus, threshold):
    setting(threshold)
    rebuild()
    if threshold == 2:
        assert stored_bits_count() > 20  # most words have a bitmap: the stored path is the one tested
        for name in REGISTERS:
            assert stored_bits_count(name) > 0, name
        assert words("initiatives", "共同研究", kind="j")[1] is not None  # a long piece's stored bitmap
    else:
        assert stored_bits_count() == 0  # every word comes from the GIN index
    found, wrong = 0, []
    for name in REGISTERS:
        for query in QUERIES:
            old, new = bitmaps(name, query)
            if new != old:
                wrong.append((name, query, old.count("1"), new.count("1")))
            found += "1" in old
    assert wrong == [], "\n".join(map(str, wrong))
    assert found > 40  # most queries find something somewhere: not a comparison of empty bitmaps
    old, _new = bitmaps("initiatives", "climate")
    assert old.count("1") == 5  # four published initiatives and the draft (drafts are ANDed out later)


@pytest.mark.parametrize("threshold", [2, 100000])
def test_the_search_finds_the_published_records_the_text_filter_finds(corpus, threshold):
    setting(threshold)
    rebuild()
    nonempty, wrong = 0, []
    for name in REGISTERS:
        register = registry[name]
        for query in QUERIES:
            expected = set(apply_text(register.base_queryset(), register.text, query).values_list("pk", flat=True))
            search = Search(register, {"q": query})
            found = set(search.queryset().values_list("pk", flat=True))
            if found != expected or search.total() != len(expected):
                wrong.append((name, query, len(expected), len(found), search.total()))
            nonempty += bool(expected)
    assert wrong == [], "\n".join(map(str, wrong))
    assert nonempty > 30
    assert Search(registry["initiatives"], {"q": "climate research"}).total() >= 3
    assert Search(registry["initiatives"], {"q": "research 国"}).total() >= 2


# The last word a stop word (of three letters or more): the text filter reads it as optional ("climate the" is
# "climate", or "climate" and a word starting with "the"), the words' bitmaps as a required prefix.
STOP_WORD_LAST = ("climate the", "climate and", "research for", "ocean with")


@pytest.mark.parametrize("threshold", [2, 100000])
@pytest.mark.parametrize("query", STOP_WORD_LAST)
def test_a_stop_word_last_finds_what_the_text_filter_finds(corpus, threshold, query):
    setting(threshold)
    rebuild()
    for name in REGISTERS:
        register = registry[name]
        old, new = bitmaps(name, query)
        assert "1" in old, (name, query)
        assert new == old, (name, query, old.count("1"), new.count("1"))
        expected = set(apply_text(register.base_queryset(), register.text, query).values_list("pk", flat=True))
        assert Search(register, {"q": query}).total() == len(expected), (name, query)


# Maintenance -------------------------------------------------------------------------------------------------


def lexemes(name):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT kind, word, records, rtrim(bits::text, '0') FROM search_lexeme WHERE register = %s", [name]
        )
        return {(kind, word): (records, bits) for kind, word, records, bits in cursor.fetchall()}


def fresh(name):
    """Register ``name``'s vocabulary computed from scratch, every word with its bitmap (threshold 1), the table
    left as it was."""
    with transaction.atomic():
        setting(1)
        rebuild(name)
        result = lexemes(name)
        transaction.set_rollback(True)
    return result


def frequent():
    with connection.cursor() as cursor:
        cursor.execute("SELECT search_lexeme_frequent()")
        return cursor.fetchone()[0]


def assert_maintained(name, step):
    kept, truth = lexemes(name), fresh(name)
    threshold = frequent()
    assert kept.keys() == truth.keys(), (step, kept.keys() ^ truth.keys())
    for key, (records, bits) in kept.items():
        assert records == truth[key][0], (step, key, records, truth[key][0])
        if bits is None:
            assert records < threshold, (step, key, records, "a frequent word without its bitmap")
        else:
            assert bits == truth[key][1], (step, key, bits, truth[key][1])
            assert records >= threshold // 2, (step, key, records, "a rare word kept its bitmap")


def words(name, word, kind="v"):
    return lexemes(name).get((kind, word))


def test_the_vocabulary_follows_each_change_of_an_initiative(corpus):
    setting(2)
    rebuild()
    assert_maintained("initiatives", "rebuilt")
    initiative = f.InitiativeFactory(title="Zephyrine climate study", title_ja="風の研究")
    assert_maintained("initiatives", "created")
    assert words("initiatives", "zephyrin")[0] == 1
    initiative.title = "Zephyrine ocean survey"  # "ocean" and "survey" added, "climate" (still in others) removed
    initiative.save()
    assert_maintained("initiatives", "title edited")
    assert words("initiatives", "studi") is None
    assert words("initiatives", "survey")[0] == 1
    initiative.editorial_state = "draft"
    initiative.save()
    assert_maintained("initiatives", "unpublished")
    initiative.editorial_state = "published"
    initiative.save()
    assert_maintained("initiatives", "published")
    fiji = f.country("FJ")
    initiative.countries.add(fiji)
    assert_maintained("initiatives", "country added")
    assert old_equals_new("initiatives", "Fiji") == 1
    Country.objects.filter(pk=fiji.pk).update(name="Viti Levu Republic", alt_names="", name_ja="")
    assert_maintained("initiatives", "country renamed")
    assert old_equals_new("initiatives", "Levu") == 1
    assert old_equals_new("initiatives", "Fiji") == 0
    initiative.countries.remove(fiji)
    assert_maintained("initiatives", "country removed")
    assert old_equals_new("initiatives", "Levu") == 0
    type(initiative).objects.filter(title__icontains="climate").update(summary="Climate and zephyrine winds.")
    assert_maintained("initiatives", "bulk update")
    assert words("initiatives", "zephyrin")[0] == 4  # the three with "climate" in the title and the edited one
    initiative.delete()
    assert_maintained("initiatives", "deleted")
    assert words("initiatives", "survey") is None


@pytest.mark.parametrize("name", ["researchers", "partnerships"])
def test_the_vocabulary_follows_the_other_registers(corpus, name):
    setting(2)
    rebuild()
    if name == "researchers":
        record = f.ResearcherFactory(family_name="Quarrington", bio="Climate zephyrine.", bio_ja="風の研究")
        record.bio = "Ocean only."
    else:
        record = f.PartnershipFactory(description="Climate zephyrine.", description_ja="風の研究")
        record.description = "Ocean only."
    assert_maintained(name, "created")
    assert words(name, "zephyrin")[0] == 1
    record.save()
    assert_maintained(name, "edited")
    assert words(name, "zephyrin") is None
    vietnam = f.country("VN")
    Country.objects.filter(pk=vietnam.pk).update(name="Socialist Republic")
    assert_maintained(name, "country renamed")
    old_equals_new(name, "Socialist")
    record.delete()
    assert_maintained(name, "deleted")


def test_the_long_pieces_follow_the_japanese_text(corpus):
    """Pieces of three and four characters stay within a run of Japanese text: a space between them changes them
    even where the pieces of one and two characters (and so ``search_grams``) stay the same."""
    setting(2)
    rebuild()
    initiative = f.InitiativeFactory(title="Wind study", title_ja="あいうえ")
    assert words("initiatives", "あいうえ", kind="j")[0] == 1
    assert old_equals_new("initiatives", "いうえ") == 1
    grams = type(initiative).objects.values_list("search_grams", flat=True).get(pk=initiative.pk)
    initiative.title_ja = "あいう いうえ"  # the same pieces of one and two characters
    initiative.save()
    now = type(initiative).objects.values_list("search_grams", flat=True).get(pk=initiative.pk)
    assert sorted(now) == sorted(grams)
    assert_maintained("initiatives", "split by a space")
    assert words("initiatives", "あいうえ", kind="j") is None
    assert old_equals_new("initiatives", "あいうえ") == 0
    assert old_equals_new("initiatives", "いうえ") == 1


def old_equals_new(name, query):
    """The records ``query`` finds in ``name`` (both ways, which must agree)."""
    old, new = bitmaps(name, query)
    assert new == old, (name, query)
    return old.count("1")


def test_a_word_gets_its_bitmap_at_the_threshold_and_loses_it_below_half(corpus):
    setting(4)  # half: 2
    rebuild()
    records = [f.InitiativeFactory(title=f"Quillwort survey {i}") for i in range(3)]
    assert words("initiatives", "quillwort") == (3, None)
    records.append(f.InitiativeFactory(title="Quillwort survey 3"))
    count, bits = words("initiatives", "quillwort")
    assert count == 4 and bits is not None and bits.count("1") == 4  # promoted
    assert old_equals_new("initiatives", "quillwort") == 4
    records.pop().delete()
    records.pop().delete()
    count, bits = words("initiatives", "quillwort")
    assert count == 2 and bits is not None and bits.count("1") == 2  # kept until below half
    assert old_equals_new("initiatives", "quillwort") == 2
    records.pop().delete()
    assert words("initiatives", "quillwort") == (1, None)  # dropped
    assert old_equals_new("initiatives", "quillwort") == 1
    assert_maintained("initiatives", "after")


# Quotes and backslashes ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("word", ["o'neill", "xyzzy.org/o'neill", "a\\b", "it''s\\\\", "'"])
def test_the_query_of_a_lexeme_is_that_lexeme(db, word):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT querytree(search_lexeme_query(%s)), array_to_tsvector(ARRAY[%s]) @@ search_lexeme_query(%s)",
            [word, word, word],
        )
        tree, matches = cursor.fetchone()
    assert matches, word
    expected = "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"
    assert tree == expected, word


@pytest.mark.parametrize("threshold", [2, 100000])
def test_a_lexeme_with_a_quote_is_found_through_the_vocabulary(corpus, threshold):
    setting(threshold)
    rebuild()
    assert words("initiatives", "xyzzy.org/o'neill") is not None  # the vocabulary holds it, quote and all
    initiative = f.InitiativeFactory(summary="Mirror at http://xyzzy.org/o'neill too.")
    assert old_equals_new("initiatives", "xyzzy") == 2  # the prefix reaches the lexeme with the quote
    assert initiative.pk in Search(registry["initiatives"], {"q": "xyzzy"}).queryset().values_list("pk", flat=True)


# The arguments -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "",
        '"climate research"',
        "climate OR research",
        "climate or research",
        "climate -research",
        "-climate",
        "co-operation",
        "climate, research",
        "o'neill",
        "(climate)",
        "research.",
    ],
)
def test_queries_other_than_plain_words_are_not_served(query):
    assert word_bitmap_arguments(query) is None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("climate", (["climate"], [False], [True], "climate")),
        ("climate research", (["climate", "research"], [False, False], [False, True], "climate research")),
        ("climate orchid", (["climate", "orchid"], [False, False], [False, True], "climate orchid")),
        ("research ab", (["research", "ab"], [False, False], [False, False], "research ab")),
        ("ab", (["ab"], [False], [False], "ab")),
        ("abc", (["abc"], [False], [True], "abc")),
        ("research 国", (["research", "国"], [False, True], [True, False], "research")),
        ("国 research 研究", (["国", "research", "研究"], [True, False, True], [False, True, False], "research")),
        ("climate ab 国", (["climate", "ab", "国"], [False, False, True], [False, False, False], "climate ab")),
        ("国 研究", (["国", "研究"], [True, True], [False, False], "")),
        ("Viet Nam", (["Viet", "Nam"], [False, False], [False, True], "Viet Nam")),
    ],
)
def test_the_arguments_of_plain_words(query, expected):
    assert word_bitmap_arguments(query) == expected


# Nothing private ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("threshold", [2, 100000])
def test_a_draft_s_words_are_counted_but_never_found(corpus, threshold):
    setting(threshold)
    rebuild()
    for _ in range(2):
        f.InitiativeFactory(title="Zanzibarite plans", title_ja="秘密計画", editorial_state="draft")
        f.ResearcherFactory(family_name="Zanzibarite", bio_ja="秘密計画", editorial_state="draft")
    for name in ("initiatives", "researchers"):
        count, bits = words(name, "zanzibarit")
        assert count == 2, name
        assert (bits is not None) == (threshold == 2), name
        assert words(name, "秘密", "g")[0] == 2, name
        for query in ("Zanzibarite", "zanz", "秘密", "秘", "zanzibarite 秘密"):
            assert old_equals_new(name, query) == 2, (name, query)  # both ways hold the drafts ...
            search = Search(registry[name], {"q": query})
            assert search.total() == 0, (name, query)  # ... and the search ANDs the published records in
            assert not search.queryset().exists(), (name, query)


def test_an_edit_takes_the_facet_bitmaps_lock_and_no_other(corpus):
    # One writer per register for both kinds of bitmap: two transactions could otherwise each hold one lock and
    # wait for the other's (a title edit would take a words' lock, a country added the facets' lock). The test's
    # transaction holds every lock its edits took (the corpus's too): the words took no lock of their own.
    setting(2)
    initiative = f.InitiativeFactory(title="Zephyrine climate study")
    with transaction.atomic():
        initiative.title = "Zephyrine ocean survey"  # words, no facet
        initiative.save()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT DISTINCT (classid::bigint << 32) | objid::bigint FROM pg_locks "
                "WHERE locktype = 'advisory' AND pid = pg_backend_pid()"
            )
            held = {key for (key,) in cursor.fetchall()}
            cursor.execute(
                "SELECT hashtext('search_facet_bitmap:initiatives')::bigint, hashtext('search_lexeme:initiatives')"
            )
            facets, own_lock = cursor.fetchone()
    assert facets in held
    assert own_lock not in held
