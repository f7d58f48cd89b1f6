"""Neighbouring figures linked into ranges, ratios, rates and pairs; `find_quantities`."""

from __future__ import annotations

import re
from bisect import bisect_left

from .figures import figure_matches
from .lexicon import Quantity, links, range_opener_re, range_verb_re, range_words, replace
from .reading import CODES, not_a_quantity, read_quantity
from .units import kind_of, rate_determiners

_CONVERSION = re.compile(r"\s*[(\[]\s*")
_MAX_GAP = 24  # no link word and its spaces are longer ("  out of every  ")


def _plain(q: Quantity) -> bool:
    return q.unit is None and q.currency is None and not (q.vague or q.fraction or q.multiplier)


def _gap_role(gap: str) -> str | None:
    """How the words between two figures link them ("range", "ratio", ...), or None.

    "to", " - ", "-to-", "- to " (as in "8- to 12-inch") are one range word; "of every"
    is a ratio word with a rate determiner ("$4 of every $5").
    """
    if len(gap) > _MAX_GAP:
        return None
    words = re.sub(r"\s+", " ", gap.strip()).lower()
    if words in links():
        return links()[words]
    bare = words.strip("-–— ")
    if bare != words and bare in links():
        return links()[bare]
    head, _, last = words.rpartition(" ")
    if last in rate_determiners("every") and links().get(head) == "ratio":
        return "ratio"
    return None


def _join(text: str, a: Quantity, b: Quantity) -> list[Quantity] | None:
    """What replaces the neighbours `a` and `b`, or None when they stay apart.

    "eight of 10", "$4 of every $5", "one in five": one ratio. "5 per 1,000": one rate.
    "2-1", "3 to 1" (plain integers, the first not smaller): one pair. "between 18 and 25
    percent", "$12 to $15 billion", "8- to 16-meter": one range that shares the unit, the
    currency and the scale. "from 58 percent to 55 percent": two figures.
    """
    gap = text[a.end : b.start]
    if b.sign == "-" and not gap.strip() and a.sign is None:
        gap, b = f"{gap}-", replace(b, value=-b.value, sign=None)  # "40 -50": no minus
    role = _gap_role(gap) if gap.strip() else None
    money = a.currency is not None and a.currency == b.currency and a.unit == b.unit
    exact = b.bound == "eq" and not (b.vague or b.approx or b.maybe_year)
    membership = a.spelled and a.value == 1 and gap.strip().lower() == "of"  # "one of 12 jurors"
    ratio = role == "ratio" and exact and a.value <= b.value and not membership
    if ratio and (money or (_plain(a) and b.unit is None)):
        out_of = f"out of {_format(b.value)}"
        return [replace(a, end=b.end, fig_end=b.fig_end, unit=out_of, kind="ratio")]
    if role == "rate" and _plain(a) and not b.maybe_year:
        return [replace(a, end=b.end, unit=f"per {_format(b.value)}", kind="rate")]
    if role == "range" and _plain(a) and _plain(b) and a.value >= b.value:
        integers = a.value == int(a.value) and b.value == int(b.value)
        if integers and b.value < 1000 and not (a.maybe_year or b.maybe_year):
            return [replace(a, end=b.end, fig_end=b.fig_end, kind="pair")]
    if role not in ("range", "between") or a.vague or b.vague:
        return None
    return _range(text, a, b, role)


def _range(text: str, a: Quantity, b: Quantity, role: str) -> list[Quantity] | None:
    """One range claim, or two figures compared ("from 58 percent to 55 percent")."""
    opener = range_opener_re().search(text, max(0, a.start - 12), a.start)
    opens = range_words().get(opener.group("w").lower()) if opener else None
    between = opens == "between"
    if (role == "between" and not between) or opens == "change":
        return None
    if a.maybe_year or b.maybe_year:
        return [replace(a, maybe_year=True), replace(b, maybe_year=True)]
    if a.unit and b.unit and not f"{b.unit} ".startswith(f"{a.unit} "):
        return None
    if a.unit and a.unit != a.currency and b.unit is None:
        return None  # "by 5% to 10 million units": a change and a level, not a range
    same_money = a.currency is None or b.currency is None or a.currency == b.currency
    if a.scale == 1 < b.scale and same_money and abs(a.value) <= abs(b.value / b.scale):
        a = replace(a, value=a.value * b.scale, scale=b.scale)  # "$12 to $15 billion"
    unit, currency = b.unit or a.unit, b.currency or a.currency
    kind = kind_of(unit, currency)
    a = replace(a, unit=unit, currency=currency, kind=kind)
    b = replace(b, unit=unit, currency=currency, kind=kind)
    if a.value >= b.value:
        return [a, b]  # "from 58 percent to 55 percent": two figures
    approx, bound = a.approx or b.approx, a.bound if a.bound != "eq" else b.bound
    start = opener.start("w") if opener else a.start
    ranged = replace(
        a,
        start=start,
        end=b.end,
        fig_end=b.fig_end,
        value_max=b.value,
        kind="range",
        approx=approx,
        bound=bound,
    )
    from_to = opener is not None and not between
    verb = from_to and range_verb_re().search(text, max(0, start - 14), start) is not None
    if from_to and not verb:
        ranged = replace(ranged, levels=(a, b))  # "rose from 5 to 10": the parse decides
    return [ranged]


def _format(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,}"


def _carry_to_conversion(text: str, a: Quantity, b: Quantity) -> Quantity:
    """ "about 5 miles (8 km)": the conversion in brackets says what the figure says."""
    converted = a.unit and b.unit and _CONVERSION.fullmatch(text[a.end : b.start])
    if not converted or b.approx or b.bound != "eq":
        return b
    return replace(b, approx=a.approx, bound=a.bound)


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
    for i in range(1, len(result)):
        result[i] = _carry_to_conversion(text, result[i - 1], result[i])
    return result


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity expression of `text` that the text alone does not rule out, in order.

    A figure that ends a range begun by a date or a time ("Sept. 19 to 22") goes with it.
    """
    codes = [m.span() for m in CODES.finditer(text)] if "-" in text else []
    items: list[Quantity] = []
    dropped: list[Quantity] = []
    last_end = 0
    for match in figure_matches(text):
        if match.start() < last_end:
            continue
        q = read_quantity(text, match)
        if q is None:
            continue
        reason = not_a_quantity(text, q, codes)
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
    if dropped:
        ends = sorted(d.end for d in dropped)
        items = [q for q in items if not _ends_range(text, ends, q)]
    return _link(text, items)


def _ends_range(text: str, ends: list[int], q: Quantity) -> bool:
    """Whether `q` ends a range begun by a dropped date or time ending at one of `ends`."""
    first = bisect_left(ends, q.start - _MAX_GAP)
    for end in ends[first:]:
        if end >= q.start:
            return False
        gap = text[end : q.start]
        if gap.strip() and _gap_role(gap) == "range":
            return True
    return False
