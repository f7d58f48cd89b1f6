"""The words of date expressions: lexicon word classes, regex templates over them, and prefixes."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from ... import lexicons
from ...records import DateMod
from .values import Reference


@dataclass(frozen=True)
class _Lexicon:
    months: dict[str, int]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    season_start: dict[str, int]
    units: dict[str, str]
    counts: dict[str, str]
    ordinals: dict[str, int]
    sets: dict[str, str]
    holidays: dict[str, str]
    directions: dict[str, int]  # "last" -> -1, "this" -> 0, "next" -> 1
    direction_uses: dict[str, str]  # "following" -> "context" (see dates/directions)
    parts: dict[str, str]  # "night" -> "NI"
    relative_days: dict[str, int]  # "yesterday" -> -1
    offsets: dict[str, tuple[int, bool]]  # "ago" -> (-1, False); "later" -> (1, True: context)
    references: dict[str, str]  # "now" -> "PRESENT_REF"


def _normal_keys(mapping: dict[str, str]) -> dict[str, str]:
    return {" ".join(words(key)): value for key, value in mapping.items()}


def _counts() -> dict[str, str]:
    """Count words before a calendar unit: the spelled-out numbers from one to a hundred,
    then the other counts ("a", "a couple of", "several")."""
    numbers = {
        word: value
        for word, value in lexicons.mapping("common/number_words").items()
        if 1 <= float(value) <= 100
    }
    return numbers | lexicons.mapping("dates/counts")


def _signed(name: str) -> dict[str, tuple[int, str]]:
    """A lexicon of `phrase = number [words]` lines as {phrase: (number, words)}."""
    found = {}
    for key, value in _normal_keys(lexicons.mapping(name)).items():
        number, _, rest = value.partition(" ")
        found[key] = (int(number), rest.strip())
    return found


@cache
def lexicon() -> _Lexicon:
    directions = _signed("dates/directions")
    offsets = _signed("dates/offsets")
    return _Lexicon(
        months={k: int(v) for k, v in _normal_keys(lexicons.mapping("common/months")).items()},
        weekdays={k: int(v) for k, v in lexicons.mapping("dates/weekdays").items()},
        seasons={k: v.upper() for k, v in lexicons.mapping("dates/seasons").items()},
        season_start={
            k.upper(): int(v) for k, v in lexicons.mapping("dates/season_months").items()
        },
        units={k: v.upper() for k, v in lexicons.mapping("common/time_units").items() if v},
        counts=_normal_keys(_counts()),
        ordinals={k: int(v) for k, v in _normal_keys(lexicons.mapping("dates/ordinals")).items()},
        sets={k: v.upper() for k, v in lexicons.mapping("dates/sets").items()},
        holidays=_normal_keys(lexicons.mapping("dates/holidays")),
        directions={k: shift for k, (shift, _) in directions.items()},
        direction_uses={k: use for k, (_, use) in directions.items()},
        parts=_normal_keys(lexicons.mapping("dates/parts_of_day")),
        relative_days={
            k: int(v) for k, v in _normal_keys(lexicons.mapping("dates/relative_days")).items()
        },
        offsets={k: (shift, word == "context") for k, (shift, word) in offsets.items()},
        references=_normal_keys(lexicons.mapping("dates/references")),
    )


def _alt(keys: Iterable[str], extra: str = "") -> str:
    """A non-capturing alternation of the keys, longest first, after `extra` (a regex)."""
    escaped = sorted((re.escape(k) for k in keys), key=len, reverse=True)
    return "(?:" + "|".join([extra, *escaped] if extra else escaped) + ")"


_WORD = re.compile(
    r"\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}(?:/\d{2,4})?|'\d0s|\d+(?:st|nd|rd|th|s)?|\d+|[a-z]+"
)


_DECADE_APOSTROPHE = re.compile(r"\b(\d{3}0)'s\b")  # "the 1970's"


_POSSESSIVE = re.compile(r"(?<=[a-z0-9])'s?\b")


def words(text: str) -> list[str]:
    """Lower-cased words of an expression: dots, commas, hyphens and possessives dropped.

    "Sept. 9" -> ["sept", "9"]; "mid-September" -> ["mid", "september"]; "last week's" ->
    ["last", "week"]; "the '90s" -> ["the", "'90s"].
    """
    lowered = _DECADE_APOSTROPHE.sub(r"\1s", text.lower().replace("’", "'").replace("‘", "'"))
    return _WORD.findall(_POSSESSIVE.sub("", lowered).replace(".", ""))


YEAR = r"(1\d{3}|2[01]\d{2})"


@dataclass(frozen=True)
class _Patterns:
    mon: str
    wd: str
    season: str
    unit: str
    count: str
    ordinal: str
    holiday: str
    setword: str
    day: str
    dirs: str
    parts: str
    reldays: str
    offsets: str


def _compound_counts(counts: dict[str, str]) -> str:
    """ "sixty three" (from "Sixty-three"): a tens word and a units word."""
    tens = [k for k, v in counts.items() if v.isdigit() and 20 <= int(v) <= 90]
    units = [k for k, v in counts.items() if v.isdigit() and 1 <= int(v) <= 9 and len(k) > 2]
    return _alt(tens) + " " + _alt(units)


@cache
def _patterns() -> _Patterns:
    lex = lexicon()
    return _Patterns(
        mon=_alt(lex.months),
        wd=_alt(lex.weekdays),
        season=_alt(lex.seasons),
        unit=_alt(lex.units),
        count=_alt(lex.counts, r"\d+|" + _compound_counts(lex.counts)),
        ordinal=_alt(lex.ordinals),
        holiday=_alt(lex.holidays),
        setword=_alt(lex.sets),
        day=_alt(lex.ordinals, r"\d{1,2}(?:st|nd|rd|th)?"),
        dirs=_alt(lex.directions),
        parts=_alt(lex.parts),
        reldays=_alt(lex.relative_days),
        offsets=_alt(lex.offsets),
    )


_SLOT = re.compile(
    r"\{(mon|wd|season|unit|count|ordinal|holiday|setword|day|dirs|parts|reldays|offsets|year)\}"
)


@cache
def _rx(template: str) -> re.Pattern[str]:
    """Compile a template whose {mon}, {wd}, ... name the word classes of `_Patterns`
    (other braces, as in \\d{4}, are regex repetition)."""
    p = _patterns()
    return re.compile(_SLOT.sub(lambda m: YEAR if m[1] == "year" else getattr(p, m[1]), template))


def match(template: str, text: str) -> re.Match[str] | None:
    return _rx(template).fullmatch(text)


_ROLES: dict[str, DateMod] = {"START": "START", "MID": "MID", "END": "END"}


@cache
def _prefixes() -> tuple[tuple[list[str], str], ...]:
    """(words, role) of the `date_prefixes` lexicon, longest phrase first."""
    found = [(key.split(), role) for key, role in lexicons.mapping("dates/prefixes").items()]
    return tuple(sorted(found, key=lambda item: -len(item[0])))


@dataclass
class State:
    ref: Reference
    approx: str | None = None
    position: DateMod | None = None
    half: int | None = None
    the: bool = False
    owner: bool = False  # a possessive determiner: "its fourth quarter", "in his sixties"
    preposition: str | None = None


def strip_prefixes(ws: list[str], st: State) -> list[str]:
    """Drop prepositions and fillers; record approximation, position and half in `st`."""
    if len(ws) > 2 and ws[-2:] == ["or", "so"]:  # "the next year or so"
        ws, st.approx = ws[:-2], "approx"
    while len(ws) > 1:
        if ws[0] in ("beginning", "starting") and ws[1] != "of":
            ws = ws[1:]
            continue
        if ws[0] == "over":  # "over a year ago" is more than a year; "over the weekend"
            st.approx = st.approx or ("more" if ws[-1] == "ago" else None)
            ws = ws[1:]
            continue
        for phrase, role in _prefixes():
            if ws[: len(phrase)] == phrase and len(ws) > len(phrase):
                if role in ("approx", "more", "less"):
                    st.approx = st.approx or role
                elif role in _ROLES:
                    st.position = _ROLES[role]
                elif role in ("H1", "H2"):
                    st.half = int(role[1])
                elif role == "the":
                    st.the = st.owner = True
                elif role == "drop" and st.preposition is None:
                    st.preposition = " ".join(phrase)
                ws = ws[len(phrase) :]
                break
        else:
            if ws[0] != "the":
                break
            st.the, ws = True, ws[1:]
    return ws


def number_of(word: str) -> int | None:
    """A count or ordinal word or digits as a number (None: unstated, as in "several")."""
    lex = lexicon()
    digits = re.fullmatch(r"(\d+)(?:st|nd|rd|th)?", word)
    if digits:
        return int(digits.group(1))
    if word in lex.ordinals:
        return lex.ordinals[word]
    if word in lex.counts:
        value = lex.counts[word]
        return int(value) if value.isdigit() else None
    parts = [lex.counts.get(part, "") for part in word.split()]
    if not all(part.isdigit() for part in parts):
        return None
    return sum(int(part) for part in parts)


@cache
def _numerals() -> dict[str, int]:
    """Spelled-out whole numbers below a hundred ("ninety" -> 90)."""
    found = {}
    for word, value in lexicons.mapping("common/number_words").items():
        if value.isdigit() and int(value) < 100:
            found[word] = int(value)
    return found


def _below_hundred(ws: list[str], i: int) -> tuple[int, int] | None:
    """The number spelled from `ws[i]` ("ninety six", "ten", "oh five") and where it ends."""
    numerals = _numerals()
    if ws[i : i + 1] == ["oh"] and i + 1 < len(ws) and 1 <= numerals.get(ws[i + 1], 0) <= 9:
        return numerals[ws[i + 1]], i + 2
    value = numerals.get(ws[i]) if i < len(ws) else None
    if value is None:
        return None
    unit = numerals.get(ws[i + 1], 0) if i + 1 < len(ws) else 0
    if value >= 20 and value % 10 == 0 and 1 <= unit <= 9:
        return value + unit, i + 2
    return value, i + 1


def _decade(word: str) -> int | None:
    """ "nineties" -> 90."""
    tens = _numerals().get(word[:-3] + "y") if word.endswith("ies") else None
    return tens if tens is not None and tens >= 20 else None


def spoken_years(ws: list[str]) -> list[str]:
    """Years and decades said in words, as digits: "nineteen ninety six" -> "1996", "two
    thousand and one" -> "2001", "nineteen hundred" -> "1900", "the nineties" -> "'90s"."""
    numerals, out, i = _numerals(), [], 0
    while i < len(ws):
        word, century = ws[i], _numerals().get(ws[i], 0)
        if word == "two" and ws[i + 1 : i + 2] == ["thousand"]:
            j = i + 3 if ws[i + 2 : i + 3] == ["and"] and i + 3 < len(ws) else i + 2
            rest = _below_hundred(ws, j) if j < len(ws) else None
            out.append(str(2000 + (rest[0] if rest else 0)))
            i = rest[1] if rest else i + 2
            continue
        if 17 <= century <= 20 and i + 1 < len(ws):
            following = ws[i + 1]
            if following == "hundred":
                out.append(f"{century}00")
                i += 2
                continue
            decade = _decade(following)
            if decade is not None:
                out.append(f"{century}{decade}s")
                i += 2
                continue
            rest = _below_hundred(ws, i + 1)
            if rest is not None and (rest[0] >= 10 or following == "oh"):
                out.append(f"{century}{rest[0]:02d}")
                i = rest[1]
                continue
        decade = _decade(word)
        out.append(f"'{decade}s" if decade is not None and word not in numerals else word)
        i += 1
    return out
