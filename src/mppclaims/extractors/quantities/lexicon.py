"""The word classes of quantity expressions: patterns built from the number lexicons, and values."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ... import lexicons


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


def _alternation(keys: list[str]) -> str:
    """A regex alternation of literal phrases, longest first, a space matching any whitespace."""
    ordered = sorted(set(keys), key=len, reverse=True)
    return "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in ordered)


def lexicon_key(phrase: str) -> str:
    """A matched phrase as a lexicon key: lower-cased, single spaces."""
    return re.sub(r"\s+", " ", phrase.lower())


@cache
def number_word_values() -> dict[str, float]:
    return {k: float(v) for k, v in lexicons.mapping("common/number_words").items()}


@cache
def scale_values() -> dict[str, float]:
    return {k: float(v) for k, v in lexicons.mapping("numbers/scales").items()}


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
    vague = _alternation(list(lexicons.mapping("numbers/vague")))
    fuzzy = _alternation(list(lexicons.mapping("numbers/fuzzy")))
    fractions = _alternation(list(lexicons.mapping("numbers/fractions")))
    multipliers = _alternation(list(lexicons.mapping("numbers/multipliers")))
    digit_scales = _alternation([k for k in scale_values() if len(k) > 3])
    glued_scales = _alternation([k for k in scale_values() if len(k) <= 3])
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
    after_a = {w for w, v in number_word_values().items() if v >= 100 or w == "dozen"}
    after_a |= set(lexicons.mapping("numbers/fractions"))
    after_a |= {k.split()[1] for k in lexicons.mapping("numbers/fuzzy") if k.startswith("a ")}
    starters = set(number_word_values()) | {"half"}
    for table in ("numbers/vague", "numbers/fuzzy", "numbers/multipliers"):
        starters |= {k.split()[0] for k in lexicons.mapping(table) if k.split()[0] != "a"}
    initials = "".join(sorted({w[0] for w in starters}))
    return re.compile(
        rf"\d+|\b(?=[{initials}])(?:{_trie(starters)})\b|\ban?[\s-]+(?:{_trie(after_a)})\b",
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


@cache
def qualifiers_before() -> re.Pattern[str]:
    keys = list(lexicons.mapping("numbers/qualifiers"))
    return re.compile(rf"(?:^|(?<=[^\w$£€]))(?P<q>{_alternation(keys)})\s*$", re.I)


@cache
def qualifiers_after() -> re.Pattern[str]:
    keys = list(lexicons.mapping("numbers/qualifiers_after"))
    return re.compile(rf"\s*(?P<q>{_alternation(keys)})(?![\w])", re.I)


@cache
def currency_symbol() -> re.Pattern[str]:
    """A currency symbol ending just before a figure: "$", "US$", "£"."""
    symbols = [k for k in lexicons.mapping("numbers/currencies") if not k.isalpha()]
    return re.compile(rf"(?:^|(?<=[^\w]))(?P<c>{_alternation(symbols)})\s?$", re.I)


@cache
def currency_word() -> re.Pattern[str]:
    """A currency word after a figure: "dollars", "euros", "cents", "of dollars"."""
    names = [k for k in lexicons.mapping("numbers/currencies") if k.replace(" ", "").isalpha()]
    return re.compile(rf"\s+(?P<of>of\s+)?(?P<c>{_alternation(names)})\b", re.I)


@cache
def units_re() -> re.Pattern[str]:
    keys = list(lexicons.mapping("numbers/units"))
    return re.compile(rf"\s?(?P<u>{_alternation(keys)})(?![\w])", re.I)


@cache
def months_re() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A capitalised month name just before a figure ("Sept. 9"), or just after ("9 May")."""
    names = "|".join(
        sorted((m.capitalize() for m in lexicons.mapping("common/months")), key=len)[::-1]
    )
    return re.compile(rf"\b(?:{names})\.?\s+$"), re.compile(rf"\s+(?:of\s+)?(?:{names})\b")


def unit_name(phrase: str) -> str:
    units = lexicons.mapping("numbers/units")
    return units.get(lexicon_key(phrase), lexicon_key(phrase))


def qualifier_meaning(table: str, phrase: str) -> tuple[str | None, bool]:
    """The bound ("gt", ...) and approximation a qualifier phrase of lexicon `table` states."""
    words = lexicons.mapping(table).get(lexicon_key(phrase), "").split()
    return next((w for w in words if w != "approx"), None), "approx" in words


def words_value(phrase: str) -> float:
    """The value of spelled-out numbers: "one hundred twenty-five thousand" -> 125000."""
    words = number_word_values()
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


def fraction_value(phrase: str) -> float | None:
    """The value of "a third", "two-thirds", "one-fifth", "a quarter million"."""
    parts = re.split(r"[\s-]+", phrase.lower())
    scale = 1.0
    if number_word_values().get(parts[-1], 0) >= 1000:
        scale = number_word_values()[parts.pop()]
    denominator = float(lexicons.mapping("numbers/fractions").get(parts[-1], 0))
    if not denominator:
        return None  # a word that only folds to a fraction word ("ſixth")
    head = " ".join(parts[:-1])
    numerator = float(head) if head.isdigit() else (words_value(head) or 1.0)
    return numerator / denominator * scale


def vague_value(phrase: str) -> float:
    """ "thousands" -> 1000, "tens of millions" -> 1e7: the least the words can mean."""
    table = lexicons.mapping("numbers/vague")
    value = 1.0
    for word in re.findall(r"[a-z]+", phrase.lower()):
        value *= float(table.get(word, 1))
    return value


def fuzzy_value(phrase: str) -> float:
    """ "several thousand" -> 3000, "a few hundred" -> 300."""
    head, _, scale = lexicon_key(phrase).rpartition(" ")
    return float(lexicons.mapping("numbers/fuzzy").get(head, 3)) * words_value(scale)
