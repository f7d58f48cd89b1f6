"""TIMEX3 values of date expressions, resolved against a reference date: pure, no model.

`interpret("last Thursday", Reference(published=date(2022, 3, 11)))` gives
`Timex(type="date", value="2022-03-10", anchor="published", ...)`. The caller (dates.py) finds
the expressions in the parsed Doc and supplies what only the parse knows: the tense of the
governing verb, the year of a nearby explicit date, the date mentioned last, the other end of a
range. Everything here works on the lower-cased words of one expression, so each rule can be
unit-tested with a plain string and a reference date.

Conventions (TimeML TIMEX3 with reduced precision): "2019-04-12", "2019-04", "2019",
"2019-W15", "2019-W15-WE" (weekend), "2019-Q1", "2019-H1", "2019-SU" (meteorological seasons; a
winter is named by the year of its December), "201" (decade), "20" (century), durations
"P7M", "P2D", "PT72M", "PXY" (unstated number), sets "P1D", "XXXX-WXX-5", and "PAST_REF",
"PRESENT_REF", "FUTURE_REF" for vague references. US fiscal years run October to September and
are given as their number ("2017"). Without a reference date, relative expressions get no value.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import Enum
from functools import cache

from .. import lexicons
from ..records import DateAnchor, DateMod, DateType


class Tense(Enum):
    """Where the governing verb puts an underspecified date relative to the reference date."""

    PAST = "past"  # most recent on or before ("peaked in April", "met Wednesday")
    PRESENT = "present"  # weekdays as past, months and seasons as nearest
    FUTURE = "future"  # next on or after ("will vote Friday", "due to expire Jan. 31")
    NONE = "none"  # nearest


@dataclass(frozen=True)
class Point:
    """A calendar point as far as it is known (year, then month, then day)."""

    year: int
    month: int | None = None
    day: int | None = None


@dataclass(frozen=True)
class Timex:
    """The resolved value of one expression; `point` feeds later context-relative ones."""

    type: DateType
    value: str | None
    mod: DateMod | None = None
    anchor: DateAnchor | None = None
    point: Point | None = None


@dataclass(frozen=True)
class Reference:
    """What an expression is resolved against.

    `published`: the publication date (None: relative expressions stay unresolved).
    `tense`: of the governing verb. `year_hint`: the year of an explicit date nearby, used for
    bare months and month-days (anchor "context"). `previous`: the date mentioned last, for
    "two years later". `partner`: year and month of the other end of a range ("Oct. 3 to
    6"), taken as they are, with that end's anchor (`partner_anchor`).
    """

    published: date | None = None
    tense: Tense = Tense.NONE
    year_hint: int | None = None
    previous: Point | None = None
    partner: Point | None = None
    partner_anchor: DateAnchor = "absolute"


# ---------------------------------------------------------------------------------------------
# Lexicons and word patterns


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


def _normal_keys(mapping: dict[str, str]) -> dict[str, str]:
    return {" ".join(words(key)): value for key, value in mapping.items()}


@cache
def _lexicon() -> _Lexicon:
    return _Lexicon(
        months={k: int(v) for k, v in _normal_keys(lexicons.mapping("common/months")).items()},
        weekdays={k: int(v) for k, v in lexicons.mapping("dates/weekdays").items()},
        seasons={k: v.upper() for k, v in lexicons.mapping("dates/seasons").items()},
        season_start={
            k.upper(): int(v) for k, v in lexicons.mapping("dates/season_months").items()
        },
        units={k: v.upper() for k, v in lexicons.mapping("dates/timex_units").items()},
        counts=_normal_keys(lexicons.mapping("dates/counts")),
        ordinals={k: int(v) for k, v in _normal_keys(lexicons.mapping("dates/ordinals")).items()},
        sets={k: v.upper() for k, v in lexicons.mapping("dates/sets").items()},
        holidays=_normal_keys(lexicons.mapping("dates/holidays")),
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


_DIRS = (
    "this past|this coming|earlier this|later this|this|last|next|past|coming|previous|current"
    "|following|upcoming|preceding|prior|all"
)
_PARTS = "morning|afternoon|evening|night|overnight"
_YEAR = r"(1\d{3}|2[01]\d{2})"


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


def _compound_counts(counts: dict[str, str]) -> str:
    """ "sixty three" (from "Sixty-three"): a tens word and a units word."""
    tens = [k for k, v in counts.items() if v.isdigit() and 20 <= int(v) <= 90]
    units = [k for k, v in counts.items() if v.isdigit() and 1 <= int(v) <= 9 and len(k) > 2]
    return _alt(tens) + " " + _alt(units)


@cache
def _patterns() -> _Patterns:
    lex = _lexicon()
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
    )


_SLOT = re.compile(r"\{(mon|wd|season|unit|count|ordinal|holiday|setword|day|dirs|parts|year)\}")


@cache
def _rx(template: str) -> re.Pattern[str]:
    """Compile a template whose {mon}, {wd}, ... name the word classes of `_Patterns`
    (other braces, as in \\d{4}, are regex repetition)."""
    p = _patterns()
    slots = {
        "mon": p.mon,
        "wd": p.wd,
        "season": p.season,
        "unit": p.unit,
        "count": p.count,
        "ordinal": p.ordinal,
        "holiday": p.holiday,
        "setword": p.setword,
        "day": p.day,
        "dirs": _DIRS,
        "parts": _PARTS,
        "year": _YEAR,
    }
    return re.compile(_SLOT.sub(lambda m: slots[m[1]], template))


def _match(template: str, text: str) -> re.Match[str] | None:
    return _rx(template).fullmatch(text)


# ---------------------------------------------------------------------------------------------
# Prefixes: prepositions, approximation, position within a period

_ROLES: dict[str, DateMod] = {"START": "START", "MID": "MID", "END": "END"}


@cache
def _prefixes() -> tuple[tuple[list[str], str], ...]:
    """(words, role) of the `date_prefixes` lexicon, longest phrase first."""
    found = [(key.split(), role) for key, role in lexicons.mapping("dates/prefixes").items()]
    return tuple(sorted(found, key=lambda item: -len(item[0])))


@dataclass
class _State:
    ref: Reference
    approx: str | None = None
    position: DateMod | None = None
    half: int | None = None
    the: bool = False
    preposition: str | None = None


def _strip_prefixes(ws: list[str], st: _State) -> list[str]:
    """Drop prepositions and fillers; record approximation, position and half in `st`."""
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
                elif role == "drop" and st.preposition is None:
                    st.preposition = " ".join(phrase)
                ws = ws[len(phrase) :]
                break
        else:
            if ws[0] != "the":
                break
            st.the, ws = True, ws[1:]
    return ws


# ---------------------------------------------------------------------------------------------
# Calendar arithmetic and values


def _day_value(d: date) -> str:
    return d.isoformat()


def _month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _week_value(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def _add_months(year: int, month: int, k: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + k
    return index // 12, index % 12 + 1


def _month_last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _fiscal_year(d: date) -> int:
    """US federal fiscal year: October starts the next year's."""
    return d.year + (1 if d.month >= 10 else 0)


def _timex_day(d: date, anchor: DateAnchor | None) -> Timex:
    return Timex("date", _day_value(d), None, anchor, Point(d.year, d.month, d.day))


def _timex_month(year: int, month: int, anchor: DateAnchor | None) -> Timex:
    return Timex("date", _month_value(year, month), None, anchor, Point(year, month))


def _timex_year(year: int, anchor: DateAnchor | None) -> Timex:
    return Timex("date", f"{year:04d}", None, anchor, Point(year))


def _unresolved(kind: DateType = "date") -> Timex:
    return Timex(kind, None)


# A candidate reading of an underspecified expression: first day, last day, value.
_Candidate = tuple[date, date, Timex]


def _choose(candidates: list[_Candidate], ref: date, tense: Tense) -> Timex:
    """Pick the reading the tense asks for: past -> latest starting on or before the reference,
    future -> earliest ending on or after it, otherwise the nearest (earlier on a tie)."""
    if tense is Tense.PAST:
        past = [c for c in candidates if c[0] <= ref]
        if past:
            return max(past, key=lambda c: c[0])[2]
    if tense is Tense.FUTURE:
        future = [c for c in candidates if c[1] >= ref]
        if future:
            return min(future, key=lambda c: c[0])[2]

    def distance(c: _Candidate) -> int:
        if c[0] <= ref <= c[1]:
            return 0
        return min(abs((c[0] - ref).days), abs((c[1] - ref).days))

    return min(candidates, key=lambda c: (distance(c), c[0]))[2]


def _directed(candidates: list[_Candidate], ref: date, direction: str) -> Timex | None:
    """ "last X": latest ending before the reference; "next X": earliest starting after it;
    "this X": the one containing it, else the one in the reference's year."""
    if direction in ("last", "past", "previous", "this past", "preceding", "prior"):
        before = [c for c in candidates if c[1] < ref]
        return max(before, key=lambda c: c[0])[2] if before else None
    if direction in ("next", "coming", "upcoming", "this coming", "following"):
        after = [c for c in candidates if c[0] > ref]
        return min(after, key=lambda c: c[0])[2] if after else None
    containing = [c for c in candidates if c[0] <= ref <= c[1]]
    if containing:
        return containing[0][2]
    same_year = [c for c in candidates if c[0].year == ref.year]
    return same_year[0][2] if same_year else None


def _resolve_in_year(
    build: Callable[[int], _Candidate | None], st: _State, direction: str | None
) -> Timex:
    """A month, month-day, season or holiday without a year: the stated or nearby year, else
    the reading around the publication date that the tense or "last/next/this" picks."""
    ref = st.ref
    if ref.partner is not None and direction is None:
        made = build(ref.partner.year)
        return replace(made[2], anchor=ref.partner_anchor) if made else _unresolved()
    if ref.year_hint is not None and direction is None:
        made = build(ref.year_hint)
        return replace(made[2], anchor="context") if made else _unresolved()
    if ref.published is None:
        return _unresolved()
    today = ref.published
    candidates = [c for y in (today.year - 1, today.year, today.year + 1) if (c := build(y))]
    if not candidates:
        return _unresolved()
    if direction is not None:
        chosen = _directed(candidates, today, direction)
        return replace(chosen, anchor="published") if chosen else _unresolved()
    tense = ref.tense if ref.tense is not Tense.PRESENT else Tense.NONE
    return replace(_choose(candidates, today, tense), anchor="published")


# ---------------------------------------------------------------------------------------------
# The expression classes


def _number(word: str) -> int | None:
    """A count or ordinal word or digits as a number (None: unstated, as in "several")."""
    lex = _lexicon()
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


def _absolute(s: str, st: _State) -> Timex | None:
    """Dates whose text gives the year: full dates, month-years, years, decades, centuries."""
    lex = _lexicon()
    m = _match(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        d = _safe_date(int(m[1]), int(m[2]), int(m[3]))
        return _timex_day(d, "absolute") if d else None
    m = _match(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})", s)
    if m:
        year = int(m[3]) if len(m[3]) == 4 else 2000 + int(m[3])
        d = _safe_date(year, int(m[1]), int(m[2]))
        return _timex_day(d, "absolute") if d else None
    m = _match(r"(?:{wd} )?({mon}) ({day}) {year}", s) or _match(
        r"(?:{wd} )?(?:the )?({day}) (?:of )?({mon}) {year}", s
    )
    if m:
        first, second = m[1], m[2]
        month, day = (first, second) if first in lex.months else (second, first)
        number = _number(day)
        d = _safe_date(int(m[3]), lex.months[month], number) if number else None
        return _timex_day(d, "absolute") if d else None
    m = _match(r"({mon}) (?:of )?{year}", s)
    if m:
        return _timex_month(int(m[2]), lex.months[m[1]], "absolute")
    m = _match(
        r"(?:(?:calendar|fiscal|financial|school|academic|fy|election) )?(?:year )?{year}"
        r"(?: (?:fiscal|calendar|school) year)?",
        s,
    )
    if m:
        return _timex_year(int(m[1]), "absolute")
    m = _match(r"fy ?(\d{2})", s)
    if m:
        return _timex_year(2000 + int(m[1]), "absolute")
    m = _match(r"(\d{3})0s", s)
    if m and 100 <= int(m[1]) <= 219:
        return Timex("date", m[1], None, "absolute", Point(int(m[1]) * 10))
    m = _match(r"'(\d)0s", s)
    if m:
        decade = (200 if int(m[1]) <= 2 else 190) + int(m[1])
        return Timex("date", str(decade), None, "absolute", Point(decade * 10))
    m = _match(r"(\d{1,2})(?:st|nd|rd|th) century|({ordinal}) century", s)
    if m:
        number = int(m[1]) if m[1] else _lexicon().ordinals[m[2]]
        return Timex("date", f"{number - 1:02d}", None, "absolute", Point((number - 1) * 100))
    return None


def _month_day(s: str, st: _State) -> Timex | None:
    """ "Sept. 9", "the 4th of July", "June", "last December" (no year stated)."""
    lex = _lexicon()
    m = _match(r"(?:{wd} )?({mon}) ({day})", s) or _match(r"(?:{wd} )?({day}) (?:of )?({mon})", s)
    if m:
        month_word, day_word = (m[1], m[2]) if m[1] in lex.months else (m[2], m[1])
        month, day = lex.months[month_word], _number(day_word)
        if day is None or not 1 <= day <= 31:
            return None

        def build_day(year: int) -> _Candidate | None:
            d = _safe_date(year, month, day)
            return (d, d, _timex_day(d, "absolute")) if d else None

        return _resolve_in_year(build_day, st, None)
    m = _match(r"(?:({dirs}) )?({mon})", s)
    if m:
        month = lex.months[m[2]]

        def build_month(year: int) -> _Candidate:
            first = date(year, month, 1)
            return (first, _month_last_day(year, month), _timex_month(year, month, "absolute"))

        return _resolve_in_year(build_month, st, m[1])
    return None


def _bare_day(s: str, st: _State) -> Timex | None:
    """The second end of a range, "6" in "Oct. 3 to 6" or "22" in "2021-22"."""
    partner = st.ref.partner
    m = _match(r"(\d{1,2})(?:st|nd|rd|th)?(?: {year})?", s)
    if not m or partner is None:
        return None
    number, anchor = int(m[1]), st.ref.partner_anchor
    if m[2] is None and partner.month is None and partner.day is None:
        year = partner.year // 100 * 100 + number
        return _timex_year(year, anchor) if year > partner.year else None
    if partner.month is None:
        return None
    d = _safe_date(int(m[2] or partner.year), partner.month, number)
    return _timex_day(d, anchor) if d else None


def _weekday(s: str, st: _State) -> Timex | None:
    """ "Friday", "last Thursday", "next Monday", "Monday night" (a part of day is the day)."""
    m = _match(r"(?:({dirs}) )?({wd})(?: (?:{parts}))?", s)
    if not m:
        return None
    ref = st.ref.published
    if ref is None:
        return _unresolved()
    wanted = _lexicon().weekdays[m[2]]
    back = (ref.isoweekday() - wanted) % 7
    before = ref - timedelta(days=back)  # the most recent such day, on or before
    after = before + timedelta(days=7) if back else before  # the next one, on or after
    direction, tense = m[1], st.ref.tense
    if direction in ("last", "past", "this past", "previous"):
        chosen = before if back else ref - timedelta(days=7)
    elif direction in ("next", "coming", "this coming", "upcoming"):
        chosen = after if back else ref + timedelta(days=7)
    elif tense in (Tense.PAST, Tense.PRESENT):
        chosen = before
    elif tense is Tense.FUTURE or direction == "this":
        chosen = after
    else:
        chosen = before if back <= 3 else after
    return _timex_day(chosen, "published")


def _relative_day(s: str, st: _State) -> Timex | None:
    """ "today", "yesterday afternoon", "tonight", "last night", "this morning"."""
    offsets = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
    offsets |= {"day before yesterday": -2, "day after tomorrow": 2}
    m = _match(
        r"(today|tonight|yesterday|tomorrow|day before yesterday|day after tomorrow)"
        r"(?: (?:{parts}))?",
        s,
    )
    shift = offsets[m[1]] if m else None
    m = _match(r"(last|this) (?:{parts})", s)
    if m:
        shift = -1 if m[1] == "last" and s.endswith("night") else 0
    if shift is None:
        return None
    ref = st.ref.published
    return _timex_day(ref + timedelta(days=shift), "published") if ref else _unresolved()


def _weekend(s: str, st: _State) -> Timex | None:
    """ "this weekend", "last weekend", "over the weekend" (ISO week of the Saturday)."""
    m = _match(r"(?:({dirs}) )?weekend", s)
    if not m:
        return None
    ref = st.ref.published
    if ref is None:
        return _unresolved()
    direction, weekend = m[1] or "", ref.isoweekday() >= 6
    if direction in ("last", "past", "this past", "previous"):
        k = -1
    elif direction == "next":
        k = 1
    elif direction in ("coming", "upcoming", "this coming"):
        k = 1 if weekend else 0
    elif direction in ("", "this") and st.ref.tense is Tense.PAST:
        k = 0 if weekend else -1  # "told them this weekend" in a Monday article
    else:
        k = 0
    monday = ref - timedelta(days=ref.isoweekday() - 1) + timedelta(weeks=k)
    return Timex("date", _week_value(monday) + "-WE", None, "published", None)


_SHIFT = {
    "this": 0,
    "current": 0,
    "earlier this": 0,
    "later this": 0,
    "all": 0,
    "last": -1,
    "past": -1,
    "this past": -1,
    "previous": -1,
    "next": 1,
    "coming": 1,
    "upcoming": 1,
    "this coming": 1,
}


def _shifted(unit: str, k: int, ref: date, anchor: DateAnchor) -> Timex | None:
    """The period `k` units from the one containing `ref`, at the unit's precision."""
    if unit == "D":
        return _timex_day(ref + timedelta(days=k), anchor)
    if unit in ("W", "2W"):
        monday = ref - timedelta(days=ref.isoweekday() - 1) + timedelta(weeks=k)
        return Timex("date", _week_value(monday), None, anchor, Point(monday.year, monday.month))
    if unit == "M":
        year, month = _add_months(ref.year, ref.month, k)
        return _timex_month(year, month, anchor)
    if unit == "Q":
        year, month = _add_months(ref.year, ref.month, 3 * k)
        value = f"{year:04d}-Q{(month - 1) // 3 + 1}"
        return Timex("date", value, None, anchor, Point(year))
    if unit == "Y":
        return _timex_year(ref.year + k, anchor)
    if unit == "DE":
        decade = ref.year // 10 + k
        return Timex("date", f"{decade:03d}", None, anchor, Point(decade * 10))
    if unit == "CE":
        century = ref.year // 100 + k
        return Timex("date", f"{century:02d}", None, anchor, Point(century * 100))
    return None


def _relative_unit(s: str, st: _State) -> Timex | None:
    """ "last week", "this month", "earlier this year", "next year", "last fiscal year", "the
    year" (with a position: "the end of the year"), "all month"."""
    m = _match(r"(?:({dirs}) )?(fiscal )?(week|month|year|quarter|decade|century)", s)
    if not m:
        return None
    direction, fiscal, word = m[1], bool(m[2]), m[3]
    if direction in ("following", "preceding", "prior") or (
        direction in ("previous", "next") and st.the
    ):
        return _context_shift(1 if direction in ("following", "next") else -1, word, st)
    if direction in ("last", "past") and st.the:
        return _duration(1, _lexicon().units[word])
    if direction is None and not (st.the or fiscal):
        return None
    ref = st.ref.published
    if ref is None:
        return _unresolved()
    k = _SHIFT.get(direction or "this", 0)
    if fiscal and word == "year":
        return _timex_year(_fiscal_year(ref) + k, "published")
    return _shifted(_lexicon().units[word], k, ref, "published")


def _quarter(s: str, st: _State) -> Timex | None:
    """ "the third quarter", "Q2 2019", "the fourth quarter of last year", "first half of 2019"."""
    m = _match(
        r"(?:fiscal )?({ordinal}|\d(?:st|nd|rd|th)) (?:fiscal )?quarter"
        r"(?: of (?:{year}|(this|last|next|the) year))?",
        s,
    ) or _match(r"q ?([1-4])(?: (?:of )?{year})?", s)
    if not m:
        return None
    number = _number(m[1])
    if number is None or not 1 <= number <= 4:
        return None
    relative = m[3] if m.re.groups >= 3 else None
    return _in_year_part("Q", number, m[2], relative, st)


def _in_year_part(kind: str, number: int, year: str | None, rel: str | None, st: _State) -> Timex:
    """A quarter or half of a stated, relative or underspecified year."""
    ref = st.ref.published
    months = 3 if kind == "Q" else 6
    if year:
        return Timex("date", f"{year}-{kind}{number}", None, "absolute", Point(int(year)))
    if rel is not None or ref is None:
        if ref is None:
            return _unresolved()
        y = ref.year + _SHIFT.get(rel if rel in _SHIFT else "this", 0)
        return Timex("date", f"{y:04d}-{kind}{number}", None, "published", Point(y))

    def build(y: int) -> _Candidate:
        first = date(y, (number - 1) * months + 1, 1)
        last = _month_last_day(y, number * months)
        return first, last, Timex("date", f"{y:04d}-{kind}{number}", None, "absolute", Point(y))

    return _resolve_in_year(build, st, None)


def _season(s: str, st: _State) -> Timex | None:
    """ "last summer", "this spring", "in the fall", "summer 2019", "the winter of 2018"."""
    lex = _lexicon()
    m = _match(r"{year} ({season})", s)
    if m:
        return Timex("date", f"{m[1]}-{lex.seasons[m[2]]}", None, "absolute", Point(int(m[1])))
    m = _match(r"(?:({dirs}) )?({season})(?: (?:of )?{year})?", s)
    if not m:
        return None
    code = lex.seasons[m[2]]
    if m[3]:
        return Timex("date", f"{m[3]}-{code}", None, "absolute", Point(int(m[3])))
    start = lex.season_start[code]

    def build(year: int) -> _Candidate:
        first = date(year, start, 1)
        end_year, end_month = _add_months(year, start, 2)
        value = Timex("date", f"{year:04d}-{code}", None, "absolute", Point(year))
        return first, _month_last_day(end_year, end_month), value

    direction = m[1] if m[1] not in ("earlier this", "later this", "all") else "this"
    return _resolve_in_year(build, st, direction)


def _holiday(s: str, st: _State) -> Timex | None:
    """ "Christmas", "last Thanksgiving", "Election Day 2016"."""
    lex = _lexicon()
    m = _match(r"(?:({dirs}) )?({holiday})(?: (?:of )?{year})?", s)
    if not m:
        return None
    rule = lex.holidays[m[2]]

    def on(year: int) -> date | None:
        fixed = re.fullmatch(r"(\d+)-(\d+)", rule)
        if fixed:
            return _safe_date(year, int(fixed[1]), int(fixed[2]))
        parts = rule.split()
        month, nth, weekday = int(parts[0]), int(parts[1]), _lexicon().weekdays[parts[2]]
        extra = int(parts[3]) if len(parts) > 3 else 0
        days = [
            date(year, month, d)
            for d in range(1, calendar.monthrange(year, month)[1] + 1)
            if date(year, month, d).isoweekday() == weekday
        ]
        return days[nth - 1 if nth > 0 else nth] + timedelta(days=extra)

    if m[3]:
        d = on(int(m[3]))
        return _timex_day(d, "absolute") if d else None

    def build(year: int) -> _Candidate | None:
        d = on(year)
        return (d, d, _timex_day(d, "absolute")) if d else None

    return _resolve_in_year(build, st, m[1])


def _count_unit(count: str | None, half: bool = False) -> int | float | None:
    """The number in "two years", "a year and a half"; None for "several", "few", none."""
    if count is None:
        return None
    number = _number(count)
    if number is None:
        return None
    return number + 0.5 if half else number


def _duration(n: int | float | None, unit: str) -> Timex:
    """TIMEX3 duration: P2D, P7M, P1.5Y, PT72M; X for an unstated number."""
    factor = {"2W": 2, "Q": 3}.get(unit, 1)
    code = {"MIN": "M", "2W": "W", "Q": "M"}.get(unit, unit)
    amount = "X" if n is None else f"{n * factor:g}"
    prefix = "PT" if unit in ("H", "MIN") else "P"
    return Timex("duration", f"{prefix}{amount}{code}")


def _offset(s: str, st: _State) -> Timex | None:
    """ "three years ago", "over a decade ago", "only days ago", "four years later", "a month
    prior"."""
    m = _match(
        r"(?:({count}) )?(?:(and a half) )?({unit})(?: (and a half))? "
        r"(ago|later|earlier|prior|before|after|afterward|afterwards|from now|hence)",
        s,
    )
    if not m:
        return None
    n = _count_unit(m[1], bool(m[2] or m[4]))
    unit, word, ref = _lexicon().units[m[3]], m[5], st.ref.published
    if word in ("ago", "from now", "hence"):
        forward = word != "ago"
        if unit in ("H", "MIN"):
            return _timex_day(ref, "published") if ref else _unresolved()
        if n is None or isinstance(n, float):
            return Timex("date", "FUTURE_REF" if forward else "PAST_REF")
        if ref is None:
            return _unresolved()
        found = _shift_by(unit, -n if not forward else n, Point(ref.year, ref.month, ref.day))
        mods: dict[str | None, DateMod] = {"approx": "APPROX"}
        mods |= {"more": "AFTER", "less": "BEFORE"} if forward else {}
        mods |= {} if forward else {"more": "BEFORE", "less": "AFTER"}
        return replace(found, mod=mods.get(st.approx), anchor="published") if found else None
    sign = 1 if word in ("later", "after", "afterward", "afterwards") else -1
    base = st.ref.previous
    anchor: DateAnchor = "context"
    if base is None and sign < 0 and ref is not None:
        base, anchor = Point(ref.year, ref.month, ref.day), "published"
    if base is None or n is None or isinstance(n, float):
        return _unresolved()
    found = _shift_by(unit, sign * n, base)
    approx: DateMod | None = "APPROX" if st.approx == "approx" else None
    return replace(found, anchor=anchor, mod=approx) if found else None


def _shift_by(unit: str, k: int, base: Point) -> Timex | None:
    """`base` moved by `k` units, at the unit's precision (None if `base` is too coarse)."""
    if unit in ("Y", "DE", "CE"):
        years = k * {"Y": 1, "DE": 10, "CE": 100}[unit]
        return _timex_year(base.year + years, None)
    if base.month is None:
        return None
    if unit in ("M", "Q"):
        year, month = _add_months(base.year, base.month, k * (3 if unit == "Q" else 1))
        return _timex_month(year, month, None)
    if base.day is None:
        return None
    d = date(base.year, base.month, base.day)
    if unit in ("W", "2W"):
        d += timedelta(weeks=k * (2 if unit == "2W" else 1))
        return Timex("date", _week_value(d), None, None, Point(d.year, d.month, d.day))
    if unit == "D":
        return _timex_day(d + timedelta(days=k), None)
    return None


def _context_shift(k: int, word: str, st: _State) -> Timex:
    """ "the next day", "the following year", "the previous week": from the date mentioned
    last (from the publication date when none was)."""
    unit = _lexicon().units[word]
    base = st.ref.previous
    anchor: DateAnchor = "context"
    if base is None and st.ref.published is not None:
        ref = st.ref.published
        base, anchor = Point(ref.year, ref.month, ref.day), "published"
    if base is None:
        return _unresolved()
    found = _shift_by(unit, k, base)
    return replace(found, anchor=anchor) if found else _unresolved()


def _anaphoric(s: str, st: _State) -> Timex | None:
    """ "that day", "the same year", "the day before", "the next day"."""
    m = _match(r"(?:that|same) (day|week|month|year)", s)
    if m:
        return _context_shift(0, m[1], st)
    m = _match(r"day (before|after)", s) if st.the else None
    if m:
        return _context_shift(-1 if m[1] == "before" else 1, "day", st)
    m = _match(r"(next|following|previous|preceding|prior) (day|morning|night|evening)", s)
    if m:
        return _context_shift(1 if m[1] in ("next", "following") else -1, "day", st)
    return None


def _vague(s: str, st: _State) -> Timex | None:
    """ "recent months" (PAST_REF), "the coming months" (FUTURE_REF), "these days" (PRESENT_REF)."""
    plural = r"(?:days|weeks|months|years|decades)"
    if _match(r"recent " + plural + "|recently|lately", s) or (s == "past" and st.the):
        return Timex("date", "PAST_REF")
    if _match(r"(?:coming|upcoming|next|future) " + plural, s) or (s == "future" and st.the):
        return Timex("date", "FUTURE_REF")
    if _match(r"these days|nowadays|currently|right now|at present", s) or (
        s == "present" and st.the
    ):
        return Timex("date", "PRESENT_REF")
    return None


def _duration_expr(s: str, st: _State) -> Timex | None:
    """ "seven months", "at least five years", "the past two weeks", "months", "several years"."""
    m = _match(
        r"(?:(?:{dirs}|first|final) )?(?:({count}) )?(?:(and a half) )?({unit})"
        r"(?: (and a half))?(?: long)?",
        s,
    )
    if not m:
        return None
    word = m[3]
    if m[1] is None and not word.endswith("s") and word != "fortnight":
        return None
    return _duration(_count_unit(m[1], bool(m[2] or m[4])), _lexicon().units[word])


def _set_expr(s: str, st: _State) -> Timex | None:
    """ "every year", "each day", "every three months", "quarterly", "every Friday", "Mondays"."""
    lex = _lexicon()
    m = _match(r"(?:every|each|per) (?:(other) )?(?:({count}) )?({unit})", s)
    if m:
        n = 2 if m[1] else (_number(m[2]) if m[2] else 1)
        value = _duration(n, lex.units[m[3]]).value
        return Timex("set", value)
    m = _match(r"(?:every|each) ({wd})", s)
    if m:
        return Timex("set", f"XXXX-WXX-{lex.weekdays[m[1]]}")
    m = _match(r"(?:a )?({setword})(?: basis)?", s)
    if m:
        return Timex("set", lex.sets[m[1]])
    if s.endswith("s") and s[:-1] in lex.weekdays:
        return Timex("set", f"XXXX-WXX-{lex.weekdays[s[:-1]]}")
    return None


_CLOCK = re.compile(r"\b(?:am|pm|noon|midnight|oclock|o clock)\b|\d{1,2}:\d{2}")
_AGE = re.compile(r"\b(?:age|ages|aged|old)\b")
_PARSERS = (
    _absolute,
    _month_day,
    _bare_day,
    _weekday,
    _relative_day,
    _weekend,
    _quarter,
    _season,
    _holiday,
    _offset,
    _anaphoric,
    _relative_unit,
    _vague,
    _set_expr,
    _duration_expr,
)


def interpret(text: str, ref: Reference | None = None) -> Timex | None:
    """The TIMEX3 reading of one date expression, or None when it is no calendar reference
    (clock times alone, ages, bare numbers, words like "weekday")."""
    st = _State(ref or Reference())
    ws = words(text)
    if not ws or _AGE.search(" ".join(ws)):
        return None
    ws = _strip_prefixes(ws, st)
    s = " ".join(ws)
    if not s or _CLOCK.search(s):
        return None
    for parse in _PARSERS:
        found = parse(s, st)
        if found is not None:
            return _finish(found, st)
    return None


def _finish(found: Timex, st: _State) -> Timex | None:
    if st.half is not None:
        if found.point is None or found.value is None or not re.fullmatch(r"\d{4}", found.value):
            return found if found.value is None else None
        return replace(found, value=f"{found.value}-H{st.half}")
    mod = found.mod
    if found.type == "duration" and (st.position is not None or st.preposition in ("on", "at")):
        return None  # "the early days", "on a day rich in symbolism": no calendar reference
    if st.position is not None:
        mod = st.position
    elif st.approx == "approx" and found.type == "date" and mod is None:
        mod = "APPROX"
    return replace(found, mod=mod)


def stated_fields(text: str) -> Point | None:
    """The year and month an expression states itself (for the other end of a range)."""
    lex = _lexicon()
    ws = words(text)
    year = next((int(w) for w in ws if re.fullmatch(_YEAR, w)), None)
    month = next((lex.months[w] for w in ws if w in lex.months), None)
    if year is None:
        return None
    return Point(year, month)


@dataclass(frozen=True)
class Vocabulary:
    """Word classes (lower-case, no dots) for finding date expressions in a parse."""

    months: frozenset[str]
    weekdays: frozenset[str]
    seasons: frozenset[str]
    units: frozenset[str]
    counts: frozenset[str]
    holidays: frozenset[str]  # first words of holiday names
    parts: frozenset[str] = frozenset(_PARTS.split("|"))
    relative_days: frozenset[str] = frozenset({"today", "yesterday", "tomorrow", "tonight"})
    directions: frozenset[str] = frozenset({"last", "next", "this", "past", "coming", "previous"})
    offsets: frozenset[str] = frozenset({"ago", "later", "earlier", "prior", "before", "after"})


@cache
def vocabulary() -> Vocabulary:
    """The word classes of the lexicons behind `interpret`."""
    lex = _lexicon()
    return Vocabulary(
        months=frozenset(lex.months),
        weekdays=frozenset(lex.weekdays),
        seasons=frozenset(lex.seasons),
        units=frozenset(lex.units),
        counts=frozenset(k for k in lex.counts if " " not in k),
        holidays=frozenset(k.split()[0] for k in lex.holidays),
    )
