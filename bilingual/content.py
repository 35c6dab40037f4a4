"""Bilingual content: the Japanese value of a field where there is one, the English one otherwise.

Records keep Japanese beside English in ``<field>_ja`` (``title_ja``, ``name_ja``, ``summary_ja`` ...).
Everything that shows a record in the current language goes through ``localized``, so the rule lives here.
"""

from decimal import Decimal

from django.utils import translation
from django.utils.formats import number_format

JAPANESE = "ja"


def is_japanese(language=None):
    return (language or translation.get_language() or "").split("-")[0] == JAPANESE


def localized_value(obj, field, language=None):
    """``(value, is_fallback)``: the ``<field>_ja`` value in Japanese when it is filled, else the English one.

    ``is_fallback`` is true when a Japanese page has to show English, so templates can mark it. No query:
    only attributes already on ``obj`` are read.
    """
    english = getattr(obj, field, "") or ""
    if not is_japanese(language):
        return english, False
    japanese = getattr(obj, f"{field}_ja", "") or ""
    if japanese:
        return japanese, False
    return english, bool(english)


def localized(obj, field="name", language=None):
    """The text of ``obj.<field>`` in the current language (English where no Japanese is recorded)."""
    return localized_value(obj, field, language)[0]


# Japanese counts money in myriads: 万 (10^4), 億 (10^8), 兆 (10^12).
JAPANESE_UNITS = [(10**12, "兆"), (10**8, "億"), (10**4, "万")]


def format_yen(amount, language=None):
    """Money in yen for the current language: "¥3,700,000,000" in English, "37億円" or "3.7兆円" in Japanese.

    Japanese amounts of 10,000 yen and more are given in the largest myriad unit with at most one decimal
    (rounded), as Japanese news and budgets write them.
    """
    if amount is None or amount == "":
        return ""
    amount = int(amount)
    if not is_japanese(language):
        return f"¥{amount:,}"
    for unit, name in JAPANESE_UNITS:
        if abs(amount) >= unit:
            value = (Decimal(amount) / unit).quantize(Decimal("0.1"))
            text = number_format(value.normalize(), use_l10n=False) if value % 1 else f"{int(value):,}"
            return f"{text}{name}円"
    return f"{amount:,}円"


def display_title(record, language=None):
    """A record's title in the language: its own ``display_title(language)`` where it has one (a partnership's
    two sides), else its ``title`` (with ``title_ja``) or its ``name``."""
    if hasattr(record, "display_title"):
        return record.display_title(language)
    return localized(record, "title" if hasattr(record, "title_ja") else "name", language)
