"""``{% facet_values %}`` builds each facet value's checkbox by hand: everything from the data escaped, counts
localized as the template's ``localize`` would, the selected values checked, element ids unique per part."""

from django.test import override_settings
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from search.engine import Facet, FacetValue
from search.templatetags.facets import facet_values

AREA = Facet("area", "Policy area")


def test_a_values_key_and_label_are_escaped():
    html = facet_values(AREA, [FacetValue('a"b<c>', "<script>R&D</script> 'x'", 3, False)], "v")

    assert 'value="a&quot;b&lt;c&gt;"' in html
    assert "&lt;script&gt;R&amp;D&lt;/script&gt; &#x27;x&#x27;" in html
    assert "<script>" not in html
    assert isinstance(html, SafeString)


def test_a_label_already_marked_safe_is_kept_as_markup():
    html = facet_values(AREA, [FacetValue("a", mark_safe("<b>bold</b>"), 3, False)], "v")

    assert "<b>bold</b>" in html


def test_counts_follow_the_languages_number_format():
    values = [FacetValue("a", "A", 1234567, False)]

    with translation.override("en"):
        assert ">1234567<" in facet_values(AREA, values, "v")
    with override_settings(USE_THOUSAND_SEPARATOR=True), translation.override("en"):
        assert ">1,234,567<" in facet_values(AREA, values, "v")


def test_selected_values_are_checked_and_ids_are_unique_per_part():
    values = [FacetValue("a", "A", 1, True), FacetValue("b", "B", 2, False)]

    shown, more = facet_values(AREA, values, "v"), facet_values(AREA, values, "m")

    assert shown.count(" checked") == 1
    assert 'value="a" form="search-form" data-autosubmit checked>' in shown
    assert 'id="f-area-v1"' in shown and 'id="f-area-v2"' in shown
    assert 'id="f-area-m1"' in more


def test_the_hidden_word_after_each_count_is_in_the_pages_language(japanese_catalogue):
    with translation.override("ja"):
        html = facet_values(AREA, [FacetValue("a", "A", 1, False)], "v")

    assert '<span class="visually-hidden"> 件</span>' in html
