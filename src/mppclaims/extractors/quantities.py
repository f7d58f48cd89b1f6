"""Quantity expressions read from raw text: figures, values, units, qualifiers and links.

The text half of the numbers extractor. It needs no parse, so it is fast and can be tested
with plain strings. It finds every figure ("1,323", "Twenty-seven", "$3.5bn", "two-thirds",
"thousands"), reads what is written around it (currency, unit, "more than", "or more",
"a year") and links neighbouring figures into ranges ("between 18 and 25 percent"), ratios
("eight of 10"), rates ("5 per 1,000") and score-like pairs ("2-1"). What the text alone shows
is no quantity (clock times, days of a month, decades, phone numbers, codes, figures glued
into names) is dropped here; what needs the parse (years, names, the pronoun "one") is left
to `numbers.py`. Every word list comes from `lexicons/`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from .. import lexicons


@dataclass(frozen=True)
class Quantity:
    """One quantity expression with offsets into the text.

    `start`/`end` cover the whole expression (qualifiers, currency, unit, rate);
    `fig_start`/`fig_end` cover the figure itself, where the parse is consulted.
    `kind` is a `NumberKind`, or "pair" for two figures ("2-1") that the parse
    later calls a vote or a ratio.
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
    maybe_year: bool = False
    currency: str | None = None


# ---------------------------------------------------------------------------- patterns

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
_CODES = re.compile(
    r"(?=[\d(+])(?:"
    r"(?<!\d)(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-])\d{3}[\s.-]\d{4}(?!\d)"  # phones
    r"|(?<![\d-])\d{4}-\d\d-\d\d(?![\d-]))"  # ISO dates
)

_DECADE = re.compile(r"['’]s\b")
_LETTERS_BEFORE = re.compile(r"[A-Za-z]+$")
_RANGE_GAP = re.compile(r"\s*-?\s*(?:-|–|—|to|through|and)\s*", re.I)
_PAIR_GAP = re.compile(r"\s*(?:-|–|to|-to-)\s*", re.I)
_RATIO_GAP = re.compile(r"\s+(?:out\s+of|of|in)\s+(?:every\s+|each\s+)?|-in-", re.I)
_PER_GAP = re.compile(r"\s+per\s+", re.I)
_RANGE_OPENER = re.compile(r"\b(?P<w>between|from)\s+$", re.I)
_RANGE_VERB = re.compile(r"\b(?:rang(?:e|es|ed|ing)|var(?:y|ies|ied|ying)|anywhere)\s+$", re.I)
# Words joined to a figure by a hyphen that link it to another figure ("2-to-1", "18-to-24").
_HYPHEN_PARTICLES = frozenset({"to", "in", "of", "by", "and", "or", "through"})
_ORDINAL_WORDS = frozenset({"first", "second"})
# Bound words that before a duration name its span: "$84 billion over 10 years".
_SPAN_PREPOSITIONS = frozenset({"over"})
_AGO = re.compile(r"\s+(?:ago|old|earlier|later|before|after)\b", re.I)


def _alternation(keys: list[str]) -> str:
    """A regex alternation of literal phrases, longest first, a space matching any whitespace."""
    ordered = sorted(set(keys), key=len, reverse=True)
    return "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in ordered)


def _key(phrase: str) -> str:
    """A matched phrase as a lexicon key: lower-cased, single spaces."""
    return re.sub(r"\s+", " ", phrase.lower())


@cache
def _number_words() -> dict[str, float]:
    return {k: float(v) for k, v in lexicons.mapping("common/number_words").items()}


@cache
def _scales() -> dict[str, float]:
    return {k: float(v) for k, v in lexicons.mapping("numbers/scales").items()}


@cache
def _figure_re() -> re.Pattern[str]:
    """A bare figure: scaled halves, vague words, fractions, multipliers, words or digits."""
    words = _number_words()
    units = "|".join(w for w, v in words.items() if 0 < v < 10)
    teens = "|".join(w for w, v in words.items() if 10 <= v < 20 and w != "dozen")
    tens = "|".join(w for w, v in words.items() if 20 <= v < 100 and v % 10 == 0)
    big = "|".join(w for w, v in words.items() if v >= 1000)
    big_plural = "|".join(f"{w}s" for w, v in words.items() if v >= 1000)
    n99 = rf"(?:(?:{tens})(?:[\s-]+(?:{units}))?|{teens}|{units}|zero)"
    n999 = rf"(?:(?:{n99}|an?)[\s-]+hundred(?:[\s-]+(?:and\s+)?{n99})?|{n99})"
    scale_words = f"{big}|dozen|hundred"
    vague = _alternation(list(lexicons.mapping("numbers/vague")))
    fuzzy = _alternation(list(lexicons.mapping("numbers/fuzzy")))
    fractions = _alternation(list(lexicons.mapping("numbers/fractions")))
    multipliers = _alternation(list(lexicons.mapping("numbers/multipliers")))
    digit_scales = _alternation([k for k in _scales() if len(k) > 3])
    glued_scales = _alternation([k for k in _scales() if len(k) <= 3])
    pattern = rf"""
        (?P<halfscale>\bhalf\s+an?\s+(?:{scale_words})\b)
      | (?P<fuzzy>\b(?:{fuzzy})\s+(?:{scale_words})\b)
      | (?P<vague>\b(?:{vague})(?:\s+of\s+(?:tens\s+of\s+)?(?:{big_plural}))*\b)
      | (?P<fraction>\b(?:an?|{n99})[\s-]+(?:{fractions})\b(?:\s+(?:{big})\b)?)
      | (?P<half>\bhalf\b)
      | (?P<multiplier>\b(?:{multipliers})\b)
      | (?P<words>\b(?:{n999}(?:[\s-]+and[\s-]+a[\s-]+half)?(?:[\s-]+(?:{scale_words}))?
                    |an?\s+(?:{scale_words}))\b)
      | (?P<digits>(?<![\d.,/:\#@_])(?<!\d['’])
            (?P<num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)
            (?:[\s-]?(?P<scale>{digit_scales})\b|(?P<glued>{glued_scales})\b)?
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
    """Where a figure can begin: a digit run, a number word, or "a"/"an" before one."""
    after_a = {w for w, v in _number_words().items() if v >= 100 or w == "dozen"}
    after_a |= set(lexicons.mapping("numbers/fractions"))
    after_a |= {k.split()[1] for k in lexicons.mapping("numbers/fuzzy") if k.startswith("a ")}
    starters = set(_number_words()) | {"half"}
    for table in ("numbers/vague", "numbers/fuzzy", "numbers/multipliers"):
        starters |= {k.split()[0] for k in lexicons.mapping(table) if k.split()[0] != "a"}
    initials = "".join(sorted({w[0] for w in starters}))
    return re.compile(
        rf"\d+|\b(?=[{initials}])(?:{_trie(starters)})\b|\ban?[\s-]+(?:{_trie(after_a)})\b",
        re.IGNORECASE,
    )


def _figure_matches(text: str) -> list[re.Match[str]]:
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


@cache
def _qualifiers_before() -> re.Pattern[str]:
    keys = list(lexicons.mapping("numbers/qualifiers"))
    return re.compile(rf"(?:^|(?<=[^\w$£€]))(?P<q>{_alternation(keys)})\s*$", re.I)


@cache
def _qualifiers_after() -> re.Pattern[str]:
    keys = list(lexicons.mapping("numbers/qualifiers_after"))
    return re.compile(rf"\s*(?P<q>{_alternation(keys)})(?![\w])", re.I)


@cache
def _currency_symbol() -> re.Pattern[str]:
    """A currency symbol ending just before a figure: "$", "US$", "£"."""
    symbols = [k for k in lexicons.mapping("numbers/currencies") if not k.isalpha()]
    return re.compile(rf"(?:^|(?<=[^\w]))(?P<c>{_alternation(symbols)})\s?$", re.I)


@cache
def _currency_word() -> re.Pattern[str]:
    """A currency word after a figure: "dollars", "euros", "cents", "of dollars"."""
    names = [k for k in lexicons.mapping("numbers/currencies") if k.replace(" ", "").isalpha()]
    return re.compile(rf"\s+(?P<of>of\s+)?(?P<c>{_alternation(names)})\b", re.I)


@cache
def _units_re() -> re.Pattern[str]:
    keys = list(lexicons.mapping("numbers/units"))
    return re.compile(rf"\s?(?P<u>{_alternation(keys)})(?![\w])", re.I)


@cache
def _months_re() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A capitalised month name just before a figure ("Sept. 9"), or just after ("9 May")."""
    names = "|".join(
        sorted((m.capitalize() for m in lexicons.mapping("common/months")), key=len)[::-1]
    )
    return re.compile(rf"\b(?:{names})\.?\s+$"), re.compile(rf"\s+(?:of\s+)?(?:{names})\b")


def _unit_name(phrase: str) -> str:
    units = lexicons.mapping("numbers/units")
    return units.get(_key(phrase), _key(phrase))


def _meaning(table: str, phrase: str) -> tuple[str | None, bool]:
    """The bound ("gt", ...) and approximation a qualifier phrase of lexicon `table` states."""
    words = lexicons.mapping(table).get(_key(phrase), "").split()
    return next((w for w in words if w != "approx"), None), "approx" in words


# ---------------------------------------------------------------------------- values


def words_value(phrase: str) -> float:
    """The value of spelled-out numbers: "one hundred twenty-five thousand" -> 125000."""
    words = _number_words()
    cleaned = re.sub(r"\band[\s-]+a[\s-]+half\b", " HALF ", phrase.lower())
    total = current = 0.0
    for word in re.split(r"[\s-]+", cleaned):
        if word in ("a", "an"):
            current = current or 1.0
        elif word == "HALF":
            current += 0.5
        elif word in ("hundred", "dozen"):
            current = (current or 1.0) * words[word]
        elif words.get(word, 0) >= 1000:
            total += (current or 1.0) * words[word]
            current = 0.0
        elif word in words:
            current += words[word]
    return total + current


def _fraction_value(phrase: str) -> float | None:
    """The value of "a third", "two-thirds", "one-fifth", "a quarter million"."""
    parts = re.split(r"[\s-]+", phrase.lower())
    scale = 1.0
    if _number_words().get(parts[-1], 0) >= 1000:
        scale = _number_words()[parts.pop()]
    denominator = float(lexicons.mapping("numbers/fractions").get(parts[-1], 0))
    if not denominator:
        return None  # a word that only folds to a fraction word ("ſixth")
    head = " ".join(parts[:-1])
    numerator = float(head) if head.isdigit() else (words_value(head) or 1.0)
    return numerator / denominator * scale


def _vague_value(phrase: str) -> float:
    """ "thousands" -> 1000, "tens of millions" -> 1e7: the least the words can mean."""
    table = lexicons.mapping("numbers/vague")
    value = 1.0
    for word in re.findall(r"[a-z]+", phrase.lower()):
        value *= float(table.get(word, 1))
    return value


def _fuzzy_value(phrase: str) -> float:
    """ "several thousand" -> 3000, "a few hundred" -> 300."""
    head, _, scale = _key(phrase).rpartition(" ")
    return float(lexicons.mapping("numbers/fuzzy").get(head, 3)) * words_value(scale)


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
        factor = _scales().get(scale.lower()) if scale else 1.0
        if factor is None:
            return None
        value = float(number) * factor
        year_like = number.isdigit() and len(number) == 4 and "," not in figure
        maybe_year = year_like and not scale and 1700 <= value <= 2100
        maybe_year = maybe_year or _year_abbreviation(text, start, number)
        return replace(q, value=value, spelled=False, maybe_year=maybe_year)
    if group == "vague":
        return replace(q, value=_vague_value(figure), vague=True, approx=True, bound="gte")
    if group == "fuzzy":
        return replace(q, value=_fuzzy_value(figure), vague=True, approx=True)
    if group == "halfscale":
        return replace(q, value=words_value(figure.split(None, 2)[-1]) / 2)
    if group in ("fraction", "half"):
        share = 0.5 if group == "half" else _fraction_value(figure)
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


# ---------------------------------------------------------------------------- reading around


def _glued_unit(text: str, pos: int) -> bool:
    """Whether a unit stands glued to the figure ending at `pos` ("5km", "10mph")."""
    unit = _units_re().match(text, pos)
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
    symbol = _currency_symbol().search(text, max(0, start - 4), start)
    if symbol and symbol.group("c").lower() in lexicons.mapping("numbers/currencies"):
        currency = lexicons.mapping("numbers/currencies")[symbol.group("c").lower()]
        start = symbol.start()
    approx, bound, glued = q.approx, q.bound, False
    for _ in range(2):
        match = _qualifiers_before().search(text, max(0, start - 30), start)
        if not match:
            break
        new_bound, new_approx = _meaning("numbers/qualifiers", match.group("q"))
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
        word = _currency_word().match(text, pos)
        currency = (
            lexicons.mapping("numbers/currencies").get(_key(word.group("c"))) if word else None
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
    found = _units_re().match(text, pos)
    if found is None and q.vague:
        of = _OF.match(text, pos)
        found = _units_re().match(text, of.end()) if of else None
    if found:
        return replace(q, unit=_unit_name(found.group("u"))), found.end()
    return q, pos


def _hyphen_unit(text: str, hyphen: re.Match[str], q: Quantity) -> tuple[Quantity, int] | None:
    """A unit joined by hyphens: "2,000-mile", "20-day", "24-year-old", "100-plus years"."""
    w1, w2 = hyphen.group("w1").lower(), (hyphen.group("w2") or "").lower()
    after = lexicons.mapping("numbers/qualifiers_after")
    if f"-{w1}" in after:
        bound, approx = _meaning("numbers/qualifiers_after", f"-{w1}")
        q = replace(q, bound=bound or q.bound, approx=q.approx or approx)
        return _unit_after(text, hyphen.start() + len(w1) + 1, q)
    fraction = w1 in _ORDINAL_WORDS or w1 in lexicons.mapping("numbers/fractions")
    ordinal = q.spelled and fraction  # "twenty-first"; "30-second" is a duration

    named = w1 in _number_words() or w1 in lexicons.words("numbers/idioms")
    if ordinal or named or w1 in _scales():
        return None  # "twenty-first", "7-Eleven", "five-alarm", "2-million": no measure

    end = hyphen.end() if w2 else hyphen.start() + len(w1) + 1
    return replace(q, unit=_unit_name(w1)), end


def _per(base: str | None, noun: str, count: str | None = None) -> str:
    """A rate unit: "USD per hour", "per day", "ton per year", "USD per three months"."""
    what = f"{count} {noun.lower()}" if count else _unit_name(noun)
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
    if count and not (count[0].isdigit() or count.lower() in _number_words()):
        return None
    if det in ("a", "an") and count:
        return None
    normal = _unit_name(noun)
    known = normal in lexicons.words("common/time_units") or normal in lexicons.words(
        "numbers/rate_nouns"
    )
    if det != "per" and not known:
        return None
    return _per(unit, noun, count), match.end()


def _qualifier_after(text: str, pos: int, q: Quantity) -> tuple[Quantity, int]:
    """Add a qualifier written after the quantity ("or more", "or so")."""
    tail = _qualifiers_after().match(text, pos)
    if not tail:
        return q, pos
    bound, approx = _meaning("numbers/qualifiers_after", tail.group("q"))
    return replace(q, bound=bound or q.bound, approx=q.approx or approx), tail.end()


def _kind(unit: str | None, currency: str | None) -> str:
    if unit and " per " in f" {unit} ":
        return "rate"
    if currency:
        return "money"
    if unit in ("percent", "percentage point"):
        return "percent"
    if unit in ("times", "fraction"):
        return "ratio"
    return "measure" if unit else "count"


def _read(text: str, match: re.Match[str]) -> Quantity | None:
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
    return replace(q, end=end, kind=_kind(q.unit, q.currency))


def _spans_a_period(text: str, q: Quantity, end: int) -> bool:
    """ "over five years" is a span of time, not "more than" ("over 20 years ago" is)."""
    before = text[q.start : q.fig_start].strip().lower()
    timely = q.unit in lexicons.words("common/time_units")
    return before in _SPAN_PREPOSITIONS and timely and not _AGO.match(text, end)


# ---------------------------------------------------------------------------- exclusions


def _not_a_quantity(text: str, q: Quantity, codes: list[tuple[int, int]]) -> str | None:
    """Why the text alone shows `q` is no quantity ("date", "time", "code", ...), or None."""
    if any(s < q.fig_end and q.fig_start < e for s, e in codes):
        return "code"
    if _CLOCK.match(text, q.fig_end) and not q.unit:
        return "time"
    figure = text[q.fig_start : q.fig_end]
    if not (q.unit or q.currency or q.spelled):
        before, after = _months_re()
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


# ---------------------------------------------------------------------------- links


def _plain(q: Quantity) -> bool:
    return q.unit is None and q.currency is None and not (q.vague or q.fraction or q.multiplier)


def _join(text: str, a: Quantity, b: Quantity) -> list[Quantity] | None:
    """What replaces the neighbours `a` and `b`, or None when they stay apart.

    "eight of 10", "$4 of every $5", "one in five": one ratio. "5 per 1,000": one rate.
    "2-1", "3 to 1" (plain integers, the first not smaller): one pair. "between 18 and 25
    percent", "$35,000 to $60,000 a year", "8- to 16-meter": a range of two claims that
    share the unit, the first carrying `value_max`.
    """
    gap = text[a.end : b.start]
    money = a.currency is not None and a.currency == b.currency and a.unit == b.unit
    exact = b.bound == "eq" and not (b.vague or b.approx or b.maybe_year)
    membership = a.spelled and a.value == 1 and gap.strip().lower() == "of"  # "one of 12 jurors"
    ratio = _RATIO_GAP.fullmatch(gap) and exact and a.value <= b.value and not membership

    if ratio and (money or (_plain(a) and b.unit is None)):
        out_of = f"out of {_format(b.value)}"
        return [replace(a, end=b.end, fig_end=b.fig_end, unit=out_of, kind="ratio")]
    if _PER_GAP.fullmatch(gap) and _plain(a) and not b.maybe_year:
        return [replace(a, end=b.end, unit=f"per {_format(b.value)}", kind="rate")]
    if _PAIR_GAP.fullmatch(gap) and _plain(a) and _plain(b) and a.value >= b.value:
        integers = a.value == int(a.value) and b.value == int(b.value)
        if integers and b.value < 1000 and not (a.maybe_year or b.maybe_year):
            return [replace(a, end=b.end, fig_end=b.fig_end, kind="pair")]
    if not _RANGE_GAP.fullmatch(gap) or a.vague or b.vague:
        return None
    opener = _RANGE_OPENER.search(text, max(0, a.start - 12), a.start)
    between = opener is not None and opener.group("w").lower() == "between"
    if gap.strip(" -").lower() == "and" and not between:
        return None
    if a.maybe_year or b.maybe_year:
        return [replace(a, maybe_year=True), replace(b, maybe_year=True)]
    if a.unit and b.unit and not f"{b.unit} ".startswith(f"{a.unit} "):
        return None
    unit, currency = b.unit or a.unit, b.currency or a.currency
    kind = _kind(unit, currency)
    a = replace(a, unit=unit, currency=currency, kind=kind)
    b = replace(b, unit=unit, currency=currency, kind=kind)
    ranged = (
        opener is None
        or between
        or _RANGE_VERB.search(text, max(0, opener.start() - 14), opener.start()) is not None
    )
    if a.value >= b.value or not ranged:
        return [a, b]  # "from 58 percent to 55 percent": two figures
    start = opener.start("w") if opener else a.start
    return [replace(a, start=start, value_max=b.value, kind="range"), replace(b, kind="range")]


def _format(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"


def _link(text: str, items: list[Quantity]) -> list[Quantity]:
    result: list[Quantity] = []
    i = 0
    while i < len(items):
        joined = _join(text, items[i], items[i + 1]) if i + 1 < len(items) else None
        if joined is None:
            result.append(items[i])
            i += 1
        else:
            result.extend(joined)
            i += 2
    return result


# ---------------------------------------------------------------------------- entry point


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity expression of `text` that the text alone does not rule out, in order.

    A figure that ends a range begun by a date or a time ("Sept. 19 to 22") goes with it.
    """
    codes = [m.span() for m in _CODES.finditer(text)] if "-" in text else []
    items: list[Quantity] = []
    dropped: list[Quantity] = []
    last_end = 0
    for match in _figure_matches(text):
        if match.start() < last_end:
            continue
        q = _read(text, match)
        if q is None:
            continue
        reason = _not_a_quantity(text, q, codes)
        if reason in ("date", "time"):
            dropped.append(q)
        if reason:
            continue
        if items and q.start < items[-1].end:
            q = replace(q, start=max(q.fig_start, items[-1].end))
            if q.start >= q.fig_end:
                continue
        items.append(q)
        last_end = q.end
    items = [q for q in items if not any(_ends_range(text, d, q) for d in dropped)]
    return _link(text, items)


def _ends_range(text: str, first: Quantity, q: Quantity) -> bool:
    return first.end <= q.start and _RANGE_GAP.fullmatch(text[first.end : q.start]) is not None
