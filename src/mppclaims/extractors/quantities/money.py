"""Currencies around a figure: symbols and codes before it, codes, names and subunits after it.

"$5", "US$85 million", "HK$3", "Rs 500", "RM12.40", "USD25m", "EUR 3bn" before the figure;
"115.5USD", "120 MEUR", "75 USD million", "10 euros", "125 million Australian dollars",
"37 cents", "85p", "15 dollars and 50 cents" after it. Every form comes from the currency
lexicons (`currency_symbols`, `currency_codes`, `currency_names`, `currency_subunits`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ... import lexicons
from .lexicon import alternation
from .words import lexicon_key, number_word_values, scale_values, words_value


@dataclass(frozen=True)
class Money:
    """A currency read next to a figure: its code, where it starts or ends, a scale with it."""

    code: str
    start: int
    end: int
    scale: float = 1.0
    cents: float = 0.0
    subunit: bool = False


@cache
def _codes(lower_too: bool = False) -> frozenset[str]:
    """The ISO codes; with `lower_too` only those that are a currency in lower case too."""
    entries = [line.split() for line in lexicons.entries("numbers/currency_codes")]
    return frozenset(e[0] for e in entries if not (lower_too and "capitals" in e[1:]))


@cache
def _symbol_before() -> re.Pattern[str]:
    """A symbol or prefix ending just before a figure: "$", "US$", "£", "Rs ", "RM"."""
    symbols = alternation(list(lexicons.mapping("numbers/currency_symbols")))
    return re.compile(rf"(?:^|(?<=[^\w]))(?P<c>{symbols})\s?$", re.I)


@cache
def _code_before() -> re.Pattern[str]:
    """An ISO code ending just before a figure: "USD 25m", "EUR3bn", "usd115" (glued)."""
    codes, lower = alternation(_codes()), alternation(_codes(lower_too=True))
    return re.compile(rf"(?<![A-Za-z])(?:(?P<c>{codes})\s?|(?P<g>(?i:{lower})))$")


@cache
def _code_after() -> re.Pattern[str]:
    """An ISO code after a figure, maybe with a glued scale letter and a scale word after it:
    "115.5USD", "10 usd", "120 MEUR", "75 USD million"."""
    codes, lower = alternation(_codes()), alternation(_codes(lower_too=True))
    short = alternation([k for k in scale_values() if len(k) <= 3])
    scales = alternation(list(scale_values()))
    return re.compile(
        rf"\s?(?:(?P<sc>(?i:{short}))?(?P<c>{codes})|(?P<l>(?i:{lower})))(?![A-Za-z])"
        rf"(?:\s(?P<after>(?i:{scales}))\b)?"
    )


@cache
def _name_after() -> re.Pattern[str]:
    """A currency name after a figure: "dollars", "Swiss francs", "of dollars"."""
    names = alternation(list(lexicons.mapping("numbers/currency_names")))
    return re.compile(rf"\s+(?P<of>of\s+)?(?P<c>{names})\b", re.I)


@cache
def _subunit_after() -> re.Pattern[str]:
    """Cents or pence after a figure: "37 cents", "85p" ("p" only glued)."""
    spaced = alternation([k for k in lexicons.mapping("numbers/currency_subunits") if len(k) > 1])
    glued = alternation([k for k in lexicons.mapping("numbers/currency_subunits") if len(k) == 1])
    return re.compile(rf"(?:\s?(?P<c>{spaced})|(?P<g>{glued}))(?![\w])", re.I)


@cache
def _symbol_after() -> re.Pattern[str]:
    """A symbol without letters after a figure ("5€", "100 元"), not the next figure's."""
    symbols = [k for k in lexicons.mapping("numbers/currency_symbols") if not re.search("[a-z]", k)]
    return re.compile(rf"\s?(?P<c>{alternation(symbols)})(?!\s?\d)")


@cache
def _cents_after() -> re.Pattern[str]:
    """The hundredths that complete a currency name or code: "and 50 cents", "forty-five
    cents", "15 dollars 50." (a last figure under 100 that ends the clause)."""
    words = alternation([w for w, v in number_word_values().items() if v < 100])
    spaced = alternation([k for k in lexicons.mapping("numbers/currency_subunits") if len(k) > 1])
    return re.compile(
        rf",?(?:\s+and)?\s+(?P<n>\d{{1,2}}|(?:{words})(?:[\s-](?:{words}))?)"
        rf"(?:\s*(?:{spaced})\b|(?=\s*(?:[.,;:!?)]|$)))",
        re.I,
    )


def currency_before(text: str, pos: int) -> Money | None:
    """The currency written just before the figure at `pos`, or None."""
    window = max(0, pos - 8)
    symbol = _symbol_before().search(text, window, pos)
    if symbol:
        code = lexicons.mapping("numbers/currency_symbols").get(lexicon_key(symbol.group("c")))
        if code:
            return Money(code, symbol.start(), pos)
    found = _code_before().search(text, window, pos)
    if found:
        code = (found.group("c") or found.group("g")).upper()
        return Money(code, found.start(), pos)
    return None


def currency_after(text: str, pos: int, vague: bool) -> Money | None:
    """The currency written just after the figure ending at `pos`, or None.

    A name after "of" counts only for vague figures ("millions of dollars").
    """
    code = _code_after().match(text, pos)
    if code:
        prefix, after = code.group("sc"), code.group("after")
        scale = scale_values()[(prefix or after or "").lower()] if prefix or after else 1.0
        end = code.end("c") if prefix else code.end()
        iso = (code.group("c") or code.group("l")).upper()
        return _with_cents(text, Money(iso, pos, end, scale=scale))
    name = _name_after().match(text, pos)
    if name and (vague or not name.group("of")):
        iso = lexicons.mapping("numbers/currency_names")[lexicon_key(name.group("c"))]
        return _with_cents(text, Money(iso, pos, name.end()))
    symbol = _symbol_after().match(text, pos)
    if symbol:
        iso = lexicons.mapping("numbers/currency_symbols")[symbol.group("c").lower()]
        return Money(iso, pos, symbol.end())
    sub = _subunit_after().match(text, pos)
    if sub:
        key = (sub.group("c") or sub.group("g")).lower()
        return Money(
            lexicons.mapping("numbers/currency_subunits")[key], pos, sub.end(), subunit=True
        )
    return None


def _with_cents(text: str, money: Money) -> Money:
    """`money` with the hundredths written after its name or code ("15 dollars and 50 cents")."""
    if money.scale != 1:
        return money
    cents = _cents_after().match(text, money.end)
    hundredths = _number(cents.group("n")) if cents else 100
    if cents is None or hundredths >= 100:
        return money
    return Money(money.code, money.start, cents.end(), cents=hundredths / 100)


def _number(written: str) -> float:
    return float(written) if written.isdigit() else words_value(written)
