"""Bare figures found in the characters: digits, scales, fractions, exponents and number words.

The figure is read from the text itself, not from how a tokenizer split it: "USD25m",
"512GB", "7.1M", "1/4", "7½", "1.5e6", "3 x 10^6", "10 000" (with a no-break space) and
"two-thirds" are each one figure. What is written around it (sign, currency, unit,
qualifiers) is read by `reading.py`.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from ... import lexicons
from .lexicon import Quantity, alternation, replace
from .words import (
    fraction_value,
    fuzzy_value,
    group_value,
    multiplier_value,
    number_word_values,
    scale_values,
    vague_value,
    words_value,
)

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_GROUP_SPACES = "\u00a0\u202f\u2009"


@cache
def _figure_re() -> re.Pattern[str]:
    """A bare figure: scaled halves, vague words, fractions, multipliers, words or digits."""
    words = number_word_values()
    units = "|".join(w for w, v in words.items() if 0 < v < 10)
    teens = "|".join(w for w, v in words.items() if 10 <= v < 20 and w != "dozen")
    tens = "|".join(w for w, v in words.items() if 20 <= v < 100 and v % 10 == 0)
    big = "|".join(w for w, v in words.items() if v >= 1000)
    big_plural = "|".join(f"{w}s" for w, v in words.items() if v >= 1000)
    n99 = rf"(?:(?:{tens})(?:[\s-]+(?:{units}))?|{teens}|{units}|zero)"
    n999 = rf"(?:(?:{n99}|an?)[\s-]+hundred(?:[\s-]+(?:and\s+)?{n99})?|{n99})"
    scale_words = f"{big}|dozen|hundred"
    vague = alternation(list(lexicons.mapping("numbers/vague")))
    fuzzy = alternation(list(lexicons.mapping("numbers/fuzzy")))
    fractions = alternation(list(lexicons.mapping("numbers/fractions")))
    multipliers = alternation(list(lexicons.mapping("numbers/multipliers")))
    groups = alternation(list(lexicons.mapping("numbers/group_words")))
    vulgar = "".join(lexicons.mapping("numbers/vulgar_fractions"))
    long_scales = alternation([k for k in scale_values() if len(k) > 3])
    short_scales = alternation([k for k in scale_values() if len(k) <= 3])
    before = r"(?<![\d.,/:\#@_])(?<!\d['’])"
    pattern = rf"""
        (?P<halfscale>\b(?:{fractions})\s+(?:an?\s+)?(?:{scale_words})\b)
      | (?P<fuzzy>\b(?:{fuzzy})\s+(?:{scale_words})\b)
      | (?P<vague>\b(?:{vague})(?:\s+of\s+(?:tens\s+of\s+)?(?:{big_plural}))*\b)
      | (?P<group>\b(?:an?|{n99})\s+(?:{groups})(?=\s+of\b))
      | (?P<fraction>\b(?:an?|{n99})[\s-]+(?:{fractions})\b(?:\s+(?:{big})\b)?)
      | (?P<half>\bhalf\b)
      | (?P<multiplier>\b(?:{multipliers})\b)
      | (?P<words>\b(?:{n999}(?:[\s-]+and[\s-]+a[\s-]+half)?(?:[\s-]+(?:{scale_words}))?
                    |an?\s+(?:{scale_words}))\b)
      | (?P<dfrac>{before}(?:(?P<whole>\d{{1,3}})[\s-])?(?P<numer>\d{{1,2}})/(?P<denom>\d{{1,3}})
            (?![\d/]))
      | (?P<vfrac>{before}(?P<vwhole>\d{{1,3}})?\s?(?P<vulgar>[{vulgar}]))
      | (?P<digits>{before}
            (?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d{{1,2}}(?:,\d\d)+,\d{{3}}(?:\.\d+)?
                |\d{{1,3}}(?:[{_GROUP_SPACES}]\d{{3}})+
                |\d+(?:\.\d+)?|\.\d+)
            (?:[eE](?P<exp>[+-]?\d{{1,3}})(?!\w)
              |(?<=(?<![\d.])10)(?:\^|\*\*)(?P<pow>[+-]?\d{{1,3}})
              |\s?[x×*]\s?10(?:\s?(?:\^|\*\*)\s?(?P<exp2>[+-]?\d{{1,3}})
                             |(?P<sup>[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]{{1,3}})))?
            (?:[\s-]?(?P<scale>{long_scales})\b
              |(?P<glued>{short_scales})\b
              |\s(?P<spaced>{short_scales})\b)?
            (?![\d(])(?![.,:/'’]\d))
    """
    return re.compile(pattern, re.IGNORECASE | re.VERBOSE)


_Trie = dict[str, "_Trie"]


def _trie(words: set[str]) -> str:
    """A regex alternation of `words` shaped as a prefix tree, which `re` matches fast."""
    tree: _Trie = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: _Trie) -> str:
        branches = [re.escape(char) + build(sub) for char, sub in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return build(tree)


@cache
def _candidates_re() -> re.Pattern[str]:
    """Where a figure can begin: a digit run, a fraction sign, a number word, or "a"/"an"."""
    after_a = {w for w, v in number_word_values().items() if v >= 100 or w == "dozen"}
    after_a |= set(lexicons.mapping("numbers/fractions"))
    after_a |= set(lexicons.mapping("numbers/group_words"))
    after_a |= {k.split()[1] for k in lexicons.mapping("numbers/fuzzy") if k.startswith("a ")}
    starters = set(number_word_values()) | set(lexicons.mapping("numbers/fractions"))
    for table in ("numbers/vague", "numbers/fuzzy", "numbers/multipliers"):
        starters |= {k.split()[0] for k in lexicons.mapping(table) if k.split()[0] != "a"}
    initials = "".join(sorted({w[0] for w in starters}))
    vulgar = "".join(lexicons.mapping("numbers/vulgar_fractions"))
    return re.compile(
        rf"\.?\d+|[{vulgar}]|\b(?=[{initials}])(?:{_trie(starters)})\b"
        rf"|\ban?[\s-]+(?:{_trie(after_a)})\b",
        re.IGNORECASE,
    )


def figure_matches(text: str) -> list[re.Match[str]]:
    """The figure matches of `text`, tried only where a digit or a number word begins.

    Running the full figure pattern at every position is slow; a prefix-tree scan finds
    the few places worth trying.
    """
    pattern = _figure_re()
    found: list[re.Match[str]] = []
    end = 0
    for candidate in _candidates_re().finditer(text):
        if candidate.start() < end:
            continue
        match = pattern.match(text, candidate.start())
        if match:
            found.append(match)
            end = match.end()
    return found


def read_figure(text: str, match: re.Match[str]) -> Quantity | None:
    """The bare figure of one match, with its value and what kind of figure it is."""
    group = match.lastgroup or ""
    figure = match.group()
    start, end = match.start(), match.end()
    q = Quantity(start=start, end=end, fig_start=start, fig_end=end, value=0.0, spelled=True)
    if group == "digits":
        return _digits(text, match, q)
    if group in ("dfrac", "vfrac"):
        return _digit_fraction(match, q)
    if group == "vague":
        return replace(q, value=vague_value(figure), vague=True, approx=True, bound="gte")
    if group == "fuzzy":
        return replace(q, value=fuzzy_value(figure), vague=True, approx=True)
    if group == "group":
        return replace(q, value=group_value(figure))
    if group == "halfscale":  # "half a million", "quarter million", "half a dozen"
        part, scale = figure.split(None, 1)
        denominator = float(lexicons.mapping("numbers/fractions")[part.lower()])
        return replace(q, value=words_value(scale.split()[-1]) / denominator)
    if group in ("fraction", "half"):
        share = 0.5 if group == "half" else fraction_value(figure)
        if share is None:
            return None
        if share >= 1000:
            return replace(q, value=share)  # "a quarter million": a count
        return replace(q, value=share, fraction=True, unit="fraction")
    if group == "multiplier":
        multiple = multiplier_value(figure)
        if multiple is None:
            return None
        return replace(q, value=multiple[0], multiplier=True, verb=multiple[1], unit="times")
    return replace(q, value=words_value(figure))


def _digits(text: str, match: re.Match[str], q: Quantity) -> Quantity | None:
    """A figure in digits, with its exponent and scale ("1.5e6", "$3.5bn", "12m")."""
    raw = match.group("num")
    number = re.sub(rf"[,{_GROUP_SPACES}]", "", raw)
    if match.group("pow"):  # "10^6": a power of ten, not 10e6
        number = "1"
    exponent = match.group("exp") or match.group("exp2") or match.group("sup") or match.group("pow")
    power = f"e{exponent.translate(_SUPERSCRIPTS)}" if exponent else ""
    scale = match.group("scale") or match.group("glued") or match.group("spaced")
    factor = scale_values().get(scale.lower()) if scale else 1.0
    if factor is None:
        return None
    # in decimal, so "$1.07bn" is 1070000000, not 1070000000.0000001; "1e400" is infinity
    value = float(Decimal(number + power) * Decimal(factor))
    year_like = number.isdigit() and len(number) == 4 and raw == number and not exponent
    maybe_year = year_like and not scale and 1700 <= value <= 2100
    maybe_year = maybe_year or _year_abbreviation(text, q.fig_start, number)
    long_digits = number.isdigit() and len(number) >= 5 and raw == number and not scale
    return replace(
        q,
        value=value,
        scale=factor,
        spelled=False,
        maybe_year=maybe_year,
        long_digits=long_digits,
    )


def _digit_fraction(match: re.Match[str], q: Quantity) -> Quantity | None:
    """ "1/4", "7 3/4", "7½": a share alone; with a whole number, a mixed number."""
    if match.lastgroup == "vfrac":
        whole = match.group("vwhole")
        share = float(lexicons.mapping("numbers/vulgar_fractions")[match.group("vulgar")])
    else:
        whole = match.group("whole")
        numerator, denominator = int(match.group("numer")), int(match.group("denom"))
        if not 0 < numerator < denominator:
            return None
        share = numerator / denominator
    if whole:
        return replace(q, value=int(whole) + share, spelled=False)
    return replace(q, value=share, spelled=False, fraction=True, needs_unit=True)


def _year_abbreviation(text: str, start: int, number: str) -> bool:
    """ "'08", "(’16)": two digits after an apostrophe that follows a space."""
    if len(number) != 2 or start < 1 or text[start - 1] not in "'’":
        return False
    return start < 2 or text[start - 2] in " \t\n("
