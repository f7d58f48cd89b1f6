"""TIMEX3 values of date expressions, resolved against a reference date: pure, no model.

`interpret("last Thursday", Reference(published=date(2022, 3, 11)))` gives
`Timex(type="date", value="2022-03-10", anchor="published", ...)`. The caller (the dates
package) finds the expressions in the parsed Doc and supplies what only the parse knows: the
tense of the governing verb, the year of a nearby explicit date, the date mentioned last, the
periods spoken of before (`Reference.recent`: "a year earlier" after "third-quarter profit"),
the other end of a range. Everything here works on the lower-cased words of one expression, so
each rule can be unit-tested with a plain string and a reference date; no value is ever taken
from today's date, and one beyond the calendar is null.

Conventions (TimeML TIMEX3 with reduced precision): "2019-04-12", "2019-04", "2019",
"2019-W15", "2019-W15-WE" (weekend), "2019-Q1", "2019-H1", "2019-SU" (meteorological seasons; a
winter is named by the year of its December), "201" (decade), "20" (century), times
"2019-04-12T17:00" (type "time": a clock time with its day), durations
"P7M", "P2D", "PT72M", "PXY" (unstated number), sets "P1D", "XXXX-WXX-5", and "PAST_REF",
"PRESENT_REF", "FUTURE_REF" for vague references. US fiscal years run October to September and
are given as their number ("2017"). Without a reference date, relative expressions get no value.
"""

from .interpret import Vocabulary, interpret, stated_fields, vocabulary
from .periods import period_ending
from .values import Point, Reference, Tense, Timex
from .words import words

__all__ = [
    "Point",
    "Reference",
    "Tense",
    "Timex",
    "Vocabulary",
    "interpret",
    "period_ending",
    "stated_fields",
    "vocabulary",
    "words",
]
