"""The quantity record and the patterns of the words around a figure, built from the lexicons.

Grammar that stays in code (the lexicons/numbers README names it too): the articles "a"/"an"
and "and a half" inside spelled numbers, "of" after vague and group words, the possessive
"'s" of decades, and the punctuation of figures (digit groups, decimals, signs, slashes).
Every other word set is read from `lexicons/numbers/` or `lexicons/common/`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ... import lexicons
from .words import lexicon_key

BOUNDS = frozenset({"eq", "gt", "gte", "lt", "lte"})


@dataclass(frozen=True)
class Quantity:
    """One quantity expression with offsets into the text.

    `start`/`end` cover the whole expression (qualifiers, sign, currency, unit, rate);
    `fig_start`/`fig_end` cover the figure itself, where the parse is consulted.
    `kind` is a `NumberKind`, or "pair" for two figures ("2-1") that the parse
    later calls a vote or a ratio. `scale` is the factor of a scale word read with the
    figure ("billion"), which a range shares ("$12 to $15 billion"). `sign` is a written
    "+" or "-". `levels` holds the two ends of a "from X to Y" range, which are two levels
    instead when the parse shows a change ("rose from 5 to 10").
    """

    start: int
    end: int
    fig_start: int
    fig_end: int
    value: float
    value_max: float | None = None
    unit: str | None = None
    kind: str = "count"
    approx: bool = False
    bound: str = "eq"
    vague: bool = False
    spelled: bool = False
    fraction: bool = False
    multiplier: bool = False
    verb: bool = False
    maybe_year: bool = False
    long_digits: bool = False
    needs_unit: bool = False
    currency: str | None = None
    scale: float = 1.0
    sign: str | None = None
    levels: tuple[Quantity, Quantity] | None = None


_FIELDS = frozenset(Quantity.__dataclass_fields__)


def replace(q: Quantity, **changes: Any) -> Quantity:
    """`q` with `changes`, like `dataclasses.replace` but several times faster, which counts:
    every figure of every article is rebuilt a few times while it is read."""
    unknown = changes.keys() - _FIELDS
    if unknown:
        raise TypeError(f"Quantity has no field {sorted(unknown)}")
    new = object.__new__(Quantity)
    new.__dict__.update(q.__dict__)
    new.__dict__.update(changes)
    return new


def alternation(keys: list[str] | frozenset[str] | set[str]) -> str:
    """A regex alternation of literal phrases, longest first, a space matching any whitespace."""
    ordered = sorted(set(keys), key=len, reverse=True)
    return "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in ordered)


@cache
def qualifiers_before() -> re.Pattern[str]:
    keys = list(lexicons.mapping("numbers/qualifiers"))
    return re.compile(rf"(?:^|(?<=[^\w$£€]))(?P<q>{alternation(keys)})\s*$", re.I)


@cache
def qualifiers_after() -> re.Pattern[str]:
    keys = list(lexicons.mapping("numbers/qualifiers_after"))
    return re.compile(rf"\s*(?P<q>{alternation(keys)})(?![\w])", re.I)


def qualifier_meaning(table: str, phrase: str) -> tuple[str | None, bool]:
    """The bound ("gt", ...) and approximation a qualifier phrase of lexicon `table` states."""
    words = lexicons.mapping(table).get(lexicon_key(phrase), "").split()
    return next((w for w in words if w in BOUNDS), None), "approx" in words


def spans_a_period(phrase: str) -> bool:
    """Whether a bound word before a duration names its span ("over five years")."""
    return "span" in lexicons.mapping("numbers/qualifiers").get(lexicon_key(phrase), "").split()


@cache
def months_re() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A month name just before a figure ("Sept. 9", "dec. 12"), or just after ("9 May").

    Before a figure a month may be in any case (a modal "may" is not followed by a day);
    after one it is capitalised or an abbreviation with its period ("9 May", "12 dec.").
    """
    names = sorted(lexicons.mapping("common/months"), key=len, reverse=True)
    any_case = "|".join(names)
    capitals = "|".join(n.capitalize() for n in names)
    abbreviations = "|".join(n for n in names if len(n) <= 4)
    before = re.compile(rf"\b(?i:{any_case})\.?\s+$")
    after = re.compile(rf"\s+(?:of\s+)?(?:(?:{capitals})\b|(?i:{abbreviations})\.)")
    return before, after


@cache
def clock_re() -> re.Pattern[str]:
    """A clock suffix after a figure: "10 a.m.", "5pm", "9 GMT" (zones in capitals only)."""
    words = lexicons.entries("numbers/clock_words")
    suffixes = alternation([w for w in words if not w.isupper()])
    zones = alternation([w for w in words if w.isupper()])
    return re.compile(rf"\s*(?i:{suffixes})(?![\w])|\s+(?:{zones})\b")


@cache
def links() -> dict[str, str]:
    """Words between two figures = how they link them ("to": range, "of": ratio)."""
    return lexicons.mapping("numbers/links")


@cache
def link_re(*roles: str) -> re.Pattern[str]:
    """The gap between two figures linked by a word of one of `roles` ("5 to 10", "5-10")."""
    words = [w for w, role in links().items() if role in roles]
    return re.compile(rf"\s*(?:{alternation(words)})\s*", re.I)


@cache
def hyphen_links() -> frozenset[str]:
    """Words that, joined to a figure by a hyphen, link it to the next one ("2-to-1")."""
    return frozenset(w for w in links() if w.isalpha())


@cache
def range_words() -> dict[str, str]:
    return lexicons.mapping("numbers/range_words")


@cache
def range_opener_re() -> re.Pattern[str]:
    """ "between " or "from " just before a figure."""
    words = [w for w, role in range_words().items() if role != "verb"]
    return re.compile(rf"\b(?P<w>{alternation(words)})\s+$", re.I)


@cache
def range_verb_re() -> re.Pattern[str]:
    """A range verb just before "from": "ranged from", "vary from", "anywhere from"."""
    words = [w for w, role in range_words().items() if role == "verb"]
    return re.compile(rf"\b(?:{alternation(words)})\s+$", re.I)


@cache
def relative_time_re() -> re.Pattern[str]:
    """A word after a duration that makes it a point or an age ("ago", "old", "earlier")."""
    return re.compile(
        rf"\s+(?:{alternation(lexicons.words('numbers/relative_time_words'))})\b", re.I
    )
