"""Conflicts: claims of one group that hold for overlapping times and cannot both be true.

Each claim allows a range of values: its figure give or take the rounding its digits show
("59,000" is 58,500-59,500, "47.1" is 47.05-47.15, a figure under 1,000 is exact to its last
digit), widened by `APPROX_SHARE` either side when it is approximate ("about", "nearly"),
open upwards or downwards for bounds ("more than 800" is 800 and up), its two ends for a
range. An amount of change counts with its sign (down is negative). Two claims conflict
when their times overlap and their ranges do not. Claims of the same article are never
compared: an article that gives two figures for one time is giving two things (a part and
the whole, two candidates' shares), which the words of a key cannot always tell apart.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from ..records import Conflict, LedgerClaim

APPROX_SHARE = 0.10
# Round thousands are usually rounded figures; "40 percent" or "300 troops" usually exact.
_ROUNDED_FROM = 1000
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?|\.\d+")

ValueRange = tuple[float, float]


def value_range(claim: LedgerClaim) -> ValueRange:
    """The values `claim` allows, given its qualifiers and the rounding of its digits (any
    value for a figure too large to have one, so it conflicts with nothing)."""
    if claim.value is None:
        return -math.inf, math.inf
    sign = -1.0 if claim.direction == "down" else 1.0
    low = claim.value
    high = claim.value_max if claim.value_max is not None else claim.value
    slack = _rounding(claim, claim.value)
    if claim.approx:
        slack = max(slack, APPROX_SHARE * max(abs(low), abs(high)))
    low, high = low - slack, high + slack
    if claim.bound in ("gt", "gte"):
        high = math.inf
    elif claim.bound in ("lt", "lte"):
        low = -math.inf
    if sign < 0:
        low, high = -high, -low
    return low, high


def _rounding(claim: LedgerClaim, value: float) -> float:
    """Half a unit of the last digit written ("1.2 million": 50,000; "59,000": 500)."""
    match = _DIGITS.search(claim.text)
    if match is None:
        return 0.5 if float(value).is_integer() else 0.0  # number words: whole
    written = match[0].replace(",", "")
    number = float(written)
    scale = value / number if number else 1.0
    if "." in written:
        return 0.5 * 10.0 ** -len(written.split(".", 1)[1]) * abs(scale)
    step = 1
    if abs(value) >= _ROUNDED_FROM:
        digits = written.lstrip("0")
        step = 10 ** (len(digits) - len(digits.rstrip("0")))
    return 0.5 * step * abs(scale)


def find_conflicts(claims: Sequence[LedgerClaim]) -> list[Conflict]:
    """Every pair of claims (by index, from different articles) whose times overlap and
    whose value ranges do not, with the reason in words."""
    ranges = [value_range(claim) for claim in claims]
    dated = [i for i, c in enumerate(claims) if c.when.start is not None]
    found = []
    for n, i in enumerate(dated):
        for j in dated[n + 1 :]:
            a, b = claims[i], claims[j]
            if a.article == b.article or not _overlap(a, b):
                continue
            (low_a, high_a), (low_b, high_b) = ranges[i], ranges[j]
            if low_a <= high_b and low_b <= high_a:
                continue
            found.append(Conflict(first=i, second=j, reason=_reason(a, b, ranges[i], ranges[j])))
    return found


def _overlap(a: LedgerClaim, b: LedgerClaim) -> bool:
    sa, ea, sb, eb = a.when.start, a.when.end, b.when.start, b.when.end
    if sa is None or ea is None or sb is None or eb is None:
        return False
    return sa <= eb and sb <= ea


def _reason(a: LedgerClaim, b: LedgerClaim, range_a: ValueRange, range_b: ValueRange) -> str:
    times = _when_text(a), _when_text(b)
    when = f"both for {times[0]}" if times[0] == times[1] else "for overlapping times ({}; {})"
    return (
        f"{_quoted(a)} allows {_range_text(range_a)} and {_quoted(b)} allows "
        f"{_range_text(range_b)}, {when.format(*times)}"
    )


def _quoted(claim: LedgerClaim) -> str:
    return f"“{' '.join(claim.text.split())}” ({claim.article})"


def _range_text(value_range: ValueRange) -> str:
    low, high = value_range
    if low == -math.inf:
        return f"at most {_number(high)}"
    if high == math.inf:
        return f"at least {_number(low)}"
    if low == high:
        return _number(low)
    return f"{_number(low)} to {_number(high)}"


def _number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6g}" if abs(value) < 1e6 else f"{value:,.0f}"


def _when_text(claim: LedgerClaim) -> str:
    when = claim.when
    if when.start is None or when.end is None:
        return "undated"
    days = when.start.isoformat()
    if when.end != when.start:
        days = f"{days} to {when.end.isoformat()}"
    return days if when.basis == "time_ref" else f"{days}, the publication date"
