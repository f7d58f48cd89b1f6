"""The values a TIMEX3 reading is made of: tense, calendar points, resolved readings, references."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from ...records import DateAnchor, DateMod, DateType


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
    """The resolved value of one expression; `point` feeds later context-relative ones, unless
    the expression only compares (`compares`: "a year earlier" does not change what the text
    is about)."""

    type: DateType
    value: str | None
    mod: DateMod | None = None
    anchor: DateAnchor | None = None
    point: Point | None = None
    compares: bool = False


@dataclass(frozen=True)
class Reference:
    """What an expression is resolved against.

    `published`: the publication date (None: relative expressions stay unresolved).
    `tense`: of the governing verb. `year_hint`: the year of an explicit date nearby, used for
    bare months and month-days (anchor "context"). `previous`: the date mentioned last, for
    "two years later". `partner`: year and month of the other end of a range ("Oct. 3 to
    6"), taken as they are, with that end's anchor (`partner_anchor`). `recent`: the values of
    the periods the text spoke of before, latest last, for "the quarter", "the year-earlier
    period" and "a year earlier" after "third-quarter profit".
    """

    published: date | None = None
    tense: Tense = Tense.NONE
    year_hint: int | None = None
    previous: Point | None = None
    partner: Point | None = None
    partner_anchor: DateAnchor = "absolute"
    recent: tuple[str, ...] = ()
