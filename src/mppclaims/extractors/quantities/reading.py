"""One figure and what is written around it (currency, unit, qualifiers, rate), or no quantity."""

from __future__ import annotations

import re
from dataclasses import replace

from ... import lexicons
from .lexicon import (
    Quantity,
    currency_symbol,
    currency_word,
    fraction_value,
    fuzzy_value,
    lexicon_key,
    months_re,
    number_word_values,
    qualifier_meaning,
    qualifiers_after,
    qualifiers_before,
    scale_values,
    unit_name,
    units_re,
    vague_value,
    words_value,
)

_HYPHEN_WORDS = re.compile(r"-(?P<w1>[a-z]{2,})(?:-(?P<w2>[a-z]+))?(?!\w)", re.I)


_HYPHEN_RATE = re.compile(r"-(?:an?|per)-(?P<noun>[a-z]+)\b", re.I)


_NAME_AFTER = re.compile(r"-[A-Z]")


_RATE_AFTER = re.compile(
    r"(?:\s+|-)(?P<det>an?|per|each|every)(?:\s+|-)"
    r"(?:(?P<num>\d[\d,.]*|[a-z]+)\s+(?=[a-z]+s\b))?(?P<noun>[a-z]+)\b"
    r"(?!\s+(?:ago|earlier|later|before|after|prior|from)\b)",
    re.I,
)


_OUT_OF_EACH = re.compile(r"\s+out\s+of\s+(?:each|every)\s+(?P<noun>[a-z]+)\b", re.I)


_OF = re.compile(r"\s+of(?=\s)", re.I)


_CLOCK = re.compile(
    r"\s*(?:[ap]\.m\.|[ap]\.m\b|[ap]m\b|o['’]clock\b)|\s+(?:GMT|UTC|[ECMP][SD]?T)\b"
)


CODES = re.compile(
    r"(?=[\d(+])(?:"
    r"(?<!\d)(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?!\d)"  # phones
    r"|(?<![\d-])\d{4}-\d\d-\d\d(?![\d-]))"  # ISO dates
)


_DECADE = re.compile(r"['’]s\b")


_LETTERS_BEFORE = re.compile(r"[A-Za-z]+$")


# Words joined to a figure by a hyphen that link it to another figure ("2-to-1", "18-to-24").
_HYPHEN_PARTICLES = frozenset({"to", "in", "of", "by", "and", "or", "through"})


_ORDINAL_WORDS = frozenset({"first", "second"})


# Bound words that before a duration name its span: "$84 billion over 10 years".
_SPAN_PREPOSITIONS = frozenset({"over"})


_AGO = re.compile(r"\s+(?:ago|old|earlier|later|before|after)\b", re.I)


def _figure(text: str, match: re.Match[str]) -> Quantity | None:
    """The bare figure of one match, with its value and what kind of figure it is."""
    group = match.lastgroup or ""
    figure = match.group()
    start, end = match.start(), match.end()
    q = Quantity(start=start, end=end, fig_start=start, fig_end=end, value=0.0, spelled=True)
    if group == "digits":
        if end < len(text) and text[end].isalpha() and not _glued_unit(text, end):
            return None  # "9th", "1990s", "4G": an ordinal, a decade or a code
        number = match.group("num").replace(",", "")
        scale = match.group("scale") or match.group("glued")
        factor = scale_values().get(scale.lower()) if scale else 1.0
        if factor is None:
            return None
        value = float(number) * factor
        year_like = number.isdigit() and len(number) == 4 and "," not in figure
        maybe_year = year_like and not scale and 1700 <= value <= 2100
        maybe_year = maybe_year or _year_abbreviation(text, start, number)
        return replace(q, value=value, spelled=False, maybe_year=maybe_year)
    if group == "vague":
        return replace(q, value=vague_value(figure), vague=True, approx=True, bound="gte")
    if group == "fuzzy":
        return replace(q, value=fuzzy_value(figure), vague=True, approx=True)
    if group == "halfscale":
        return replace(q, value=words_value(figure.split(None, 2)[-1]) / 2)
    if group in ("fraction", "half"):
        share = 0.5 if group == "half" else fraction_value(figure)
        if share is None:
            return None
        if share >= 1000:
            return replace(q, value=share)  # "a quarter million": a count
        return replace(q, value=share, fraction=True, unit="fraction")
    if group == "multiplier":
        multiple = lexicons.mapping("numbers/multipliers").get(figure.lower())
        if multiple is None:
            return None
        return replace(q, value=float(multiple), multiplier=True, unit="times")
    return replace(q, value=words_value(figure))


def _glued_unit(text: str, pos: int) -> bool:
    """Whether a unit stands glued to the figure ending at `pos` ("5km", "10mph")."""
    unit = units_re().match(text, pos)
    return unit is not None and unit.start("u") == pos


def _glued_letters(text: str, start: int) -> bool:
    """Whether letters stand glued before `start` that are not a lost-space function word."""
    letters = _LETTERS_BEFORE.search(text, max(0, start - 20), start)
    if not letters:
        return False
    glue = lexicons.words("numbers/glue_words") | lexicons.words("numbers/qualifiers")
    return letters.group().lower() not in glue


def _read_left(text: str, q: Quantity) -> Quantity | None:
    """Add the currency symbol and the qualifiers written before the figure.

    Up to two qualifiers stack ("by about", "just over"); a second bound stops the reading
    ("over at least five years" keeps "at least"). None when letters are glued to the figure.
    """
    start, currency = q.fig_start, None
    symbol = currency_symbol().search(text, max(0, start - 4), start)
    if symbol and symbol.group("c").lower() in lexicons.mapping("numbers/currencies"):
        currency = lexicons.mapping("numbers/currencies")[symbol.group("c").lower()]
        start = symbol.start()
    approx, bound, glued = q.approx, q.bound, False
    for _ in range(2):
        match = qualifiers_before().search(text, max(0, start - 30), start)
        if not match:
            break
        new_bound, new_approx = qualifier_meaning("numbers/qualifiers", match.group("q"))
        if new_bound and bound != "eq":
            break
        glued = glued or match.end("q") == start
        bound, approx = new_bound or bound, approx or new_approx
        start = match.start("q")
    if not glued and _glued_letters(text, start):
        return None
    return replace(q, start=start, currency=currency, approx=approx, bound=bound)


def _unit_after(text: str, pos: int, q: Quantity) -> tuple[Quantity, int] | None:
    """Add the currency word or unit written right after the figure; the position after it.

    None when what follows shows the figure names something ("7-Eleven", "five-alarm").
    """
    if q.currency is None:
        word = currency_word().match(text, pos)
        currency = (
            lexicons.mapping("numbers/currencies").get(lexicon_key(word.group("c")))
            if word
            else None
        )
        if word and currency and (q.vague or not word.group("of")):
            return replace(q, currency=currency, unit=currency), word.end()
    hyphen_rate = _HYPHEN_RATE.match(text, pos)
    if hyphen_rate:
        return replace(q, unit=_per(q.currency, hyphen_rate.group("noun"))), hyphen_rate.end()
    hyphen = _HYPHEN_WORDS.match(text, pos)
    if hyphen and hyphen.group("w1").lower() not in _HYPHEN_PARTICLES:
        return _hyphen_unit(text, hyphen, q)
    if _NAME_AFTER.match(text, pos):
        return None  # "3-D", "4-H": part of a name
    found = units_re().match(text, pos)
    if found is None and q.vague:
        of = _OF.match(text, pos)
        found = units_re().match(text, of.end()) if of else None
    if found:
        return replace(q, unit=unit_name(found.group("u"))), found.end()
    return q, pos


def _hyphen_unit(text: str, hyphen: re.Match[str], q: Quantity) -> tuple[Quantity, int] | None:
    """A unit joined by hyphens: "2,000-mile", "20-day", "24-year-old", "100-plus years"."""
    w1, w2 = hyphen.group("w1").lower(), (hyphen.group("w2") or "").lower()
    after = lexicons.mapping("numbers/qualifiers_after")
    if f"-{w1}" in after:
        bound, approx = qualifier_meaning("numbers/qualifiers_after", f"-{w1}")
        q = replace(q, bound=bound or q.bound, approx=q.approx or approx)
        return _unit_after(text, hyphen.start() + len(w1) + 1, q)
    fraction = w1 in _ORDINAL_WORDS or w1 in lexicons.mapping("numbers/fractions")
    ordinal = q.spelled and fraction  # "twenty-first"; "30-second" is a duration

    named = w1 in number_word_values() or w1 in lexicons.words("numbers/idioms")
    if ordinal or named or w1 in scale_values():
        return None  # "twenty-first", "7-Eleven", "five-alarm", "2-million": no measure

    end = hyphen.end() if w2 else hyphen.start() + len(w1) + 1
    return replace(q, unit=unit_name(w1)), end


def _per(base: str | None, noun: str, count: str | None = None) -> str:
    """A rate unit: "USD per hour", "per day", "ton per year", "USD per three months"."""
    what = f"{count} {noun.lower()}" if count else unit_name(noun)
    return f"{base} per {what}" if base else f"per {what}"


def _rate_after(text: str, pos: int, unit: str | None) -> tuple[str, int] | None:
    """A rate written after the unit: "a year", "per person", "every three months".

    "a"/"an"/"each"/"every" make a rate only with a unit of time or a rate noun
    (`rate_nouns`); "per" with any noun.
    """
    out_of = _OUT_OF_EACH.match(text, pos)
    if out_of:
        return _per(unit, out_of.group("noun")), out_of.end()
    match = _RATE_AFTER.match(text, pos)
    if not match:
        return None
    det, noun, count = match.group("det").lower(), match.group("noun"), match.group("num")
    if count and not (count[0].isdigit() or count.lower() in number_word_values()):
        return None
    if det in ("a", "an") and count:
        return None
    normal = unit_name(noun)
    known = normal in lexicons.keys("common/time_units") or normal in lexicons.words(
        "numbers/rate_nouns"
    )
    if det != "per" and not known:
        return None
    return _per(unit, noun, count), match.end()


def _qualifier_after(text: str, pos: int, q: Quantity) -> tuple[Quantity, int]:
    """Add a qualifier written after the quantity ("or more", "or so")."""
    tail = qualifiers_after().match(text, pos)
    if not tail:
        return q, pos
    bound, approx = qualifier_meaning("numbers/qualifiers_after", tail.group("q"))
    return replace(q, bound=bound or q.bound, approx=q.approx or approx), tail.end()


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


def read_quantity(text: str, match: re.Match[str]) -> Quantity | None:
    """The quantity around one figure match, or None when it is no quantity."""
    q = _figure(text, match)
    if q is not None:
        q = _read_left(text, q)
    if q is None or (match.group("glued") and q.currency is None):
        return None  # glued letters, or "5m", "1B" without a currency: a unit or a code
    end = q.fig_end
    if q.unit is None:
        found = _unit_after(text, end, q)
        if found is None:
            return None
        q, end = found
    if q.currency and q.unit is None:
        q = replace(q, unit=q.currency)
    rate = None if (q.multiplier or q.fraction) else _rate_after(text, end, q.unit)
    if rate:
        q, end = replace(q, unit=rate[0]), rate[1]
    q, end = _qualifier_after(text, end, q)
    if _spans_a_period(text, q, end):
        q = replace(q, start=q.fig_start, bound="eq")
    return replace(q, end=end, kind=kind_of(q.unit, q.currency))


def _spans_a_period(text: str, q: Quantity, end: int) -> bool:
    """ "over five years" is a span of time, not "more than" ("over 20 years ago" is)."""
    before = text[q.start : q.fig_start].strip().lower()
    timely = q.unit in lexicons.keys("common/time_units")
    return before in _SPAN_PREPOSITIONS and timely and not _AGO.match(text, end)


def not_a_quantity(text: str, q: Quantity, codes: list[tuple[int, int]]) -> str | None:
    """Why the text alone shows `q` is no quantity ("date", "time", "code", ...), or None."""
    if any(s < q.fig_end and q.fig_start < e for s, e in codes):
        return "code"
    if _CLOCK.match(text, q.fig_end) and not q.unit:
        return "time"
    figure = text[q.fig_start : q.fig_end]
    if not (q.unit or q.currency or q.spelled):
        before, after = months_re()
        if before.search(text, max(0, q.fig_start - 12), q.fig_start):
            return "date"
        if after.match(text, q.fig_end) and q.value <= 31:
            return "date"
        if re.fullmatch(r"(?:1[89]|20)?\d0", figure) and _DECADE.match(text, q.fig_end):
            return "decade"
        if re.fullmatch(r"\d{5,}", figure):
            return "code"
    hyphen_before = q.fig_start > 1 and text[q.fig_start - 1] == "-"
    if hyphen_before and q.spelled and text[q.fig_start - 2].isdigit():
        return "code"  # "7-Eleven"
    if hyphen_before and text[q.fig_start - 2].isalpha():
        word = _LETTERS_BEFORE.search(text, max(0, q.fig_start - 20), q.fig_start - 1)
        if not word or word.group().lower() not in _HYPHEN_PARTICLES:
            return "code"  # "COVID-19", "F-35", "I-95"
    return None


def _year_abbreviation(text: str, start: int, number: str) -> bool:
    """ "'08", "(’16)": two digits after an apostrophe that follows a space."""
    if len(number) != 2 or start < 1 or text[start - 1] not in "'’":
        return False
    return start < 2 or text[start - 2] in " \t\n("
