"""One figure and what is written around it (sign, currency, unit, qualifiers, rate), or none."""

from __future__ import annotations

import re
from functools import cache

from ... import lexicons
from .figures import read_figure
from .lexicon import (
    Quantity,
    alternation,
    clock_re,
    hyphen_links,
    months_re,
    qualifier_meaning,
    qualifiers_after,
    qualifiers_before,
    relative_time_re,
    replace,
    spans_a_period,
)
from .money import currency_after, currency_before
from .units import (
    glued_unit,
    hyphen_rate,
    kind_of,
    rate_after,
    size_follows,
    unit_at,
    unit_name,
    unit_symbol,
)
from .words import number_word_values, scale_values

_HYPHEN_WORDS = re.compile(r"-(?P<w1>[a-z]{2,})(?:-(?P<w2>[a-z]+))?(?!\w)", re.I)
_NAME_AFTER = re.compile(r"-[A-Z]")
_OF = re.compile(r"\s+of(?=\s)", re.I)
_OF_A = re.compile(r"(?:\s+of)?\s+an?\s+(?=\S)", re.I)
_SIGNS = {"-": "-", "−": "-", "+": "+"}  # the characters of a sign and the sign they write
_BEFORE_SIGN = frozenset(" \t\n\r([{:;=\u00a0")

CODES = re.compile(
    r"(?=[\d(+])(?:"
    r"(?<!\d)(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?!\d)"  # phones
    r"|(?<![\d-])\d{4}-\d\d-\d\d(?![\d-])"  # ISO dates
    r"|(?<![\d-])\d+(?:-\d+){2,}(?![\d-]))"  # account numbers, ISBNs: "1111-2222-3333"
)
_ENUMERATION = re.compile(r"\s?\)")
_DECADE = re.compile(r"['’]s\b")
_LETTERS_BEFORE = re.compile(r"[A-Za-z]+$")
_WORD_BEFORE = re.compile(r"[A-Za-z0-9]+$")


@cache
def _sign_word_re() -> re.Pattern[str]:
    words = alternation(list(lexicons.mapping("numbers/sign_words")))
    return re.compile(rf"(?<!\w)(?P<w>{words})\s*$", re.I)


def _sign_at(text: str, pos: int) -> str | None:
    """The sign written just before `pos` ("-2.6%", "(+3)"), not a hyphen ("F-35", "5-10")."""
    if pos < 1 or text[pos - 1] not in _SIGNS:
        return None
    return _SIGNS[text[pos - 1]] if pos < 2 or text[pos - 2] in _BEFORE_SIGN else None


def _glued_letters(text: str, start: int) -> bool:
    """Whether letters stand glued before `start` that are not a lost-space function word."""
    letters = _LETTERS_BEFORE.search(text, max(0, start - 20), start)
    if not letters:
        return False
    glue = lexicons.words("numbers/glue_words") | lexicons.words("numbers/qualifiers")
    return letters.group().lower() not in glue


def _read_left(text: str, q: Quantity) -> Quantity | None:
    """Add the sign, the currency and the qualifiers written before the figure.

    Up to two qualifiers stack ("by about", "just over"); a second bound stops the reading
    ("over at least five years" keeps "at least"). None when letters are glued to the figure.
    """
    start = q.fig_start
    sign = _sign_at(text, start)
    start -= sign is not None
    money = currency_before(text, start)
    if money:
        start = money.start
        if sign is None:
            sign = _sign_at(text, start)
            start -= sign is not None
    word = _sign_word_re().search(text, max(0, start - 20), start) if sign is None else None
    if word:
        written = lexicons.mapping("numbers/sign_words")[word.group("w").lower()]
        sign, start = (written if written in _SIGNS else None), word.start()
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
    value = -q.value if sign == "-" else q.value
    currency = money.code if money else None
    return replace(
        q, start=start, currency=currency, approx=approx, bound=bound, sign=sign, value=value
    )


def _unscaled(q: Quantity, fig_end: int) -> Quantity:
    """`q` without the short scale read after it ("5 m" is no million without a currency)."""
    return replace(q, value=q.value / q.scale, scale=1.0, fig_end=fig_end, end=fig_end)


def _settle_scale(text: str, match: re.Match[str], q: Quantity) -> Quantity:
    """A short scale after a figure: spaced only with a currency; a glued scale letter that is
    also a unit symbol is that unit before a word of size ("1.8m tall": metres)."""
    if q.currency or match.lastgroup != "digits":
        return q
    if match.group("spaced") and currency_after(text, q.fig_end, q.vague) is None:
        return _unscaled(q, match.start("spaced") - 1)
    glued = match.group("glued")
    if glued and unit_symbol(glued) and size_follows(text, q.fig_end):
        return replace(q, value=q.value / q.scale, scale=1.0, unit=unit_symbol(glued))
    return q


def _unit_after(text: str, pos: int, q: Quantity) -> tuple[Quantity, int] | None:
    """Add the currency or unit written right after the figure; the position after it.

    None when what follows shows the figure names something ("7-Eleven", "five-alarm").
    """
    if q.currency is None:
        money = currency_after(text, pos, q.vague)
        if money:
            value = q.value * money.scale + money.cents
            q = replace(q, currency=money.code, unit=money.code, value=value)
            return replace(q, scale=q.scale * money.scale), money.end
    found_rate = hyphen_rate(text, pos, q.currency)
    if found_rate:
        return replace(q, unit=found_rate[0]), found_rate[1]
    hyphen = _HYPHEN_WORDS.match(text, pos)
    if hyphen and hyphen.group("w1").lower() not in hyphen_links():
        return _hyphen_unit(text, hyphen, q)
    if _NAME_AFTER.match(text, pos):
        return None  # "3-D", "4-H": part of a name
    found = unit_at(text, pos)
    if found is None and q.vague:
        of = _OF.match(text, pos)
        found = unit_at(text, of.end()) if of else None
    if found:
        return replace(q, unit=found[0]), found[2]
    return q, pos


def _hyphen_unit(text: str, hyphen: re.Match[str], q: Quantity) -> tuple[Quantity, int] | None:
    """A unit joined by hyphens: "2,000-mile", "20-day", "24-year-old", "100-plus years"."""
    w1, w2 = hyphen.group("w1").lower(), (hyphen.group("w2") or "").lower()
    after = lexicons.mapping("numbers/qualifiers_after")
    if f"-{w1}" in after:
        bound, approx = qualifier_meaning("numbers/qualifiers_after", f"-{w1}")
        q = replace(q, bound=bound or q.bound, approx=q.approx or approx)
        return _unit_after(text, hyphen.start() + len(w1) + 1, q)
    ordinal = w1 in lexicons.words("numbers/ordinals") or w1 in lexicons.mapping(
        "numbers/fractions"
    )
    ordinal = q.spelled and ordinal  # "twenty-first"; "30-second" is a duration
    named = w1 in number_word_values() or w1 in lexicons.words("numbers/idioms")
    if ordinal or named or w1 in scale_values():
        return None  # "twenty-first", "7-Eleven", "five-alarm", "2-million": no measure
    end = hyphen.end() if w2 else hyphen.start() + len(w1) + 1
    return replace(q, unit=unit_name(hyphen.group("w1"))), end


def _qualifier_after(text: str, pos: int, q: Quantity) -> tuple[Quantity, int]:
    """Add a qualifier written after the quantity ("or more", "or so")."""
    tail = qualifiers_after().match(text, pos)
    if not tail:
        return q, pos
    bound, approx = qualifier_meaning("numbers/qualifiers_after", tail.group("q"))
    return replace(q, bound=bound or q.bound, approx=q.approx or approx), tail.end()


def read_quantity(text: str, match: re.Match[str]) -> Quantity | None:
    """The quantity around one figure match, or None when it is no quantity."""
    q = read_figure(text, match)
    if q is not None:
        q = _read_left(text, q)
    if q is None:
        return None
    q = _settle_scale(text, match, q)
    end = q.fig_end
    if q.fraction and not q.needs_unit:
        q, end = _share_of_unit(text, q, end)
    if q.unit is None:
        found = _unit_after(text, end, q)
        if found is None:
            return None
        q, end = found
    if _glued_after(text, q, end) and not clock_re().match(text, end):
        return None  # "9th", "1990s", "4G", "A320"'s tail: an ordinal, a decade or a code
    if q.needs_unit:
        q = _fraction_of(text, q, end)
        if q is None:
            return None
    if q.currency and q.unit is None:
        q = replace(q, unit=q.currency)
    rate = None if (q.multiplier or q.fraction) else rate_after(text, end, q.unit)
    if rate:
        q, end = replace(q, unit=rate[0]), rate[1]
    q, end = _qualifier_after(text, end, q)
    if _spans_a_period(text, q, end):
        q = replace(q, start=q.fig_start, bound="eq")
    return replace(q, end=end, kind=kind_of(q.unit, q.currency))


def _share_of_unit(text: str, q: Quantity, end: int) -> tuple[Quantity, int]:
    """ "half an hour", "a quarter of a percentage point": a share of one unit is a measure."""
    of_a = _OF_A.match(text, end)
    unit = unit_at(text, of_a.end()) if of_a else None
    if of_a is None or unit is None or unit[1] != of_a.end():
        return q, end
    return replace(q, unit=unit[0], fraction=False), unit[2]


def _glued_after(text: str, q: Quantity, end: int) -> bool:
    """Letters glued to a digit figure that no unit or currency explains."""
    if q.spelled or end != q.fig_end or end >= len(text):
        return False
    return text[end].isalpha() and not glued_unit(text, end)


def _fraction_of(text: str, q: Quantity, end: int) -> Quantity | None:
    """ "1/4 mile", "3/4 of the vote": a share in digits counts only with a unit or "of"."""
    if q.unit or q.currency:
        return replace(q, fraction=False, needs_unit=False)
    if _OF.match(text, end):
        return replace(q, unit="fraction", needs_unit=False)
    return None  # "9/11", "3/4" alone: a date or a label more often than a share


def _spans_a_period(text: str, q: Quantity, end: int) -> bool:
    """ "over five years" is a span of time, not "more than" ("over 20 years ago" is)."""
    if q.bound == "eq" or q.unit is None or q.unit not in lexicons.keys("common/time_units"):
        return False
    before = text[q.start : q.fig_start].strip()
    return spans_a_period(before) and not relative_time_re().match(text, end)


def not_a_quantity(text: str, q: Quantity, codes: list[tuple[int, int]]) -> str | None:
    """Why the text alone shows `q` is no quantity ("date", "time", "code", ...), or None."""
    if any(s < q.fig_end and q.fig_start < e for s, e in codes):
        return "code"
    if clock_re().match(text, q.fig_end) and not q.unit:
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
    hyphen_before = q.fig_start > 1 and text[q.fig_start - 1] == "-" and q.sign is None
    if hyphen_before and q.spelled and text[q.fig_start - 2].isdigit():
        return "code"  # "7-Eleven"
    if hyphen_before and text[q.fig_start - 2].isalnum():
        word = _WORD_BEFORE.search(text, max(0, q.fig_start - 20), q.fig_start - 1)
        lettered = word is not None and not word.group().isdigit()
        if lettered and word is not None and word.group().lower() not in hyphen_links():
            return "code"  # "COVID-19", "F-35", "I-95", "scp2-173"
    if _enumerates(text, q):
        return "label"
    return None


def _enumerates(text: str, q: Quantity) -> bool:
    """ "1) cut taxes; 2) ...": a small whole number closing a bracket it did not open."""
    if q.unit or q.currency or q.spelled or q.start != q.fig_start or q.value >= 100:
        return False
    if not _ENUMERATION.match(text, q.fig_end):
        return False
    line = text[text.rfind("\n", 0, q.start) + 1 : q.start]
    return line.count("(") <= line.count(")")
