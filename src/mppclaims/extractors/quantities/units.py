"""Units after a figure: words, symbols, compounds, hyphenated measures and rates.

"20 miles", "512GB", "3kW", "30 deg celsius", "3,000 sq ft", "km/h", "miles per hour",
"2,000-mile", "24-year-old", "$15 an hour", "5 per 1,000". Words come from `units` (any
case), symbols from `unit_symbols` (their case matters; one character only glued).
"""

from __future__ import annotations

import re
from functools import cache

from ... import lexicons
from .lexicon import alternation
from .words import lexicon_key, number_word_values

_HYPHEN_RATE = re.compile(r"-(?:an?|per)-(?P<noun>[a-z]+)\b", re.I)


@cache
def _symbols() -> dict[str, tuple[str, bool]]:
    """Unit symbols = (name, glued only), their case kept."""
    table: dict[str, tuple[str, bool]] = {}
    for entry in lexicons.entries("numbers/unit_symbols"):
        symbol, _, value = (part.strip() for part in entry.partition("="))
        name, glued = value.removesuffix(" glued"), value.endswith(" glued")
        table[symbol] = (name, glued or len(symbol) == 1)
    return table


@cache
def _unit_words() -> dict[str, str]:
    """Unit words (any case) = normalised name: `numbers/units` and the units of time of
    `common/time_units`, each named by the shortest word of its TIMEX code ("weeks" -> "week")."""
    table = dict(lexicons.mapping("numbers/units"))
    times = lexicons.mapping("common/time_units")
    for word, code in times.items():
        table[word] = min((w for w, c in times.items() if c == code), key=len)
    return table


@cache
def _units_re() -> re.Pattern[str]:
    """A unit right after a figure: a word (any case), a spaced or glued symbol, a compound."""
    words = alternation(list(_unit_words()))
    spaced = alternation([s for s, (_, glued) in _symbols().items() if not glued])
    glued = alternation([s for s, (_, only) in _symbols().items() if only])
    one = rf"(?:(?i:{words})|{spaced}|{glued})"
    return re.compile(
        rf"(?:\s?(?P<u>(?i:{words})|{spaced})|(?P<g>{glued}))(?![\w°])"
        rf"(?:/(?P<per>{one})(?![\w°]))?"
    )


def unit_name(phrase: str) -> str:
    """The normalised name of a unit word or symbol ("km" -> "kilometer", "GB" -> "gigabyte")."""
    if phrase in _symbols():
        return _symbols()[phrase][0]
    key = lexicon_key(phrase)
    return _unit_words().get(key, key)


def unit_at(text: str, pos: int) -> tuple[str, int, int] | None:
    """The unit written at `pos` (name, start, end), "km/h" and "mg/l" as compounds."""
    found = _units_re().match(text, pos)
    if found is None:
        return None
    first = found.group("u") or found.group("g")
    name = unit_name(first)
    if found.group("per"):
        name = f"{name} per {unit_name(found.group('per'))}"
    return name, found.start("u") if found.group("u") else found.start("g"), found.end()


def glued_unit(text: str, pos: int) -> bool:
    """Whether a unit stands glued to the figure ending at `pos` ("5km", "10mph", "512GB")."""
    unit = unit_at(text, pos)
    return unit is not None and unit[1] == pos


@cache
def _dimension_re() -> re.Pattern[str]:
    words = alternation(lexicons.words("numbers/dimension_words"))
    return re.compile(rf"[\s-]+(?:{words})\b", re.I)


def size_follows(text: str, pos: int) -> bool:
    """Whether a word of size follows ("1.8m tall", "a 30m-high wall")."""
    return _dimension_re().match(text, pos) is not None


def unit_symbol(text: str) -> str | None:
    """The unit a symbol names, its case kept ("m" -> "meter"; "M" is none)."""
    found = _symbols().get(text)
    return found[0] if found else None


def per(base: str | None, noun: str, count: str | None = None) -> str:
    """A rate unit: "USD per hour", "per day", "ton per year", "USD per three months"."""
    what = f"{count} {noun.lower()}" if count else unit_name(noun)
    return f"{base} per {what}" if base else f"per {what}"


def hyphen_rate(text: str, pos: int, base: str | None) -> tuple[str, int] | None:
    """ "$400-million-a-year", "$1,000-a-plate": a rate joined by hyphens."""
    found = _HYPHEN_RATE.match(text, pos)
    return (per(base, found.group("noun")), found.end()) if found else None


@cache
def rate_determiners(*roles: str) -> frozenset[str]:
    """The rate determiners of `roles` ("per", "article", "every")."""
    table = lexicons.mapping("numbers/rate_determiners")
    return frozenset(w for w, role in table.items() if role in roles)


@cache
def _rate_re() -> re.Pattern[str]:
    determiners = alternation(rate_determiners("per", "article", "every"))
    relative = alternation(lexicons.words("numbers/relative_time_words"))
    return re.compile(
        rf"(?:\s+|-)(?P<det>{determiners})(?:\s+|-)"
        rf"(?:(?P<num>\d[\d,.]*|[a-z]+)\s+(?=[a-z]+s\b))?(?P<noun>[a-z]+)\b"
        rf"(?!\s+(?:{relative})\b)",
        re.I,
    )


@cache
def _out_of_each_re() -> re.Pattern[str]:
    """ "out of each $5", "out of every 100": a ratio word, then a rate determiner."""
    links = lexicons.mapping("numbers/links")
    ratio = alternation([w for w, role in links.items() if role == "ratio"])
    determiners = alternation(rate_determiners("every"))
    return re.compile(rf"\s+(?:{ratio})\s+(?:{determiners})\s+(?P<noun>[a-z]+)\b", re.I)


def rate_after(text: str, pos: int, unit: str | None) -> tuple[str, int] | None:
    """A rate written after the unit: "a year", "per person", "every three months".

    "a"/"an"/"each"/"every" make a rate only with a unit of time or a rate noun
    (`rate_nouns`); "per" with any noun.
    """
    out_of = _out_of_each_re().match(text, pos)
    if out_of and not out_of.group("noun").isdigit():
        return per(unit, out_of.group("noun")), out_of.end()
    match = _rate_re().match(text, pos)
    if not match:
        return None
    det, noun, count = match.group("det").lower(), match.group("noun"), match.group("num")
    if count and not (count[0].isdigit() or count.lower() in number_word_values()):
        return None
    if det in rate_determiners("article") and count:
        return None
    normal = unit_name(noun)
    known = normal in lexicons.keys("common/time_units") or normal in lexicons.words(
        "numbers/rate_nouns"
    )
    if det not in rate_determiners("per") and not known:
        return None
    return per(unit, noun, count), match.end()


def kind_of(unit: str | None, currency: str | None) -> str:
    if unit and " per " in f" {unit} ":
        return "rate"
    if currency:
        return "money"
    if unit in ("percent", "percentage point"):
        return "percent"
    if unit in ("times", "fraction"):
        return "ratio"
    return "measure" if unit else "count"
