"""Neighbouring figures linked into ranges, ratios, rates and pairs; `find_quantities`."""

from __future__ import annotations

import re
from dataclasses import replace

from .lexicon import Quantity, figure_matches
from .reading import CODES, kind_of, not_a_quantity, read_quantity

_RANGE_GAP = re.compile(r"\s*-?\s*(?:-|–|—|to|through|and)\s*", re.I)


_PAIR_GAP = re.compile(r"\s*(?:-|–|to|-to-)\s*", re.I)


_RATIO_GAP = re.compile(r"\s+(?:out\s+of|of|in)\s+(?:every\s+|each\s+)?|-in-", re.I)


_PER_GAP = re.compile(r"\s+per\s+", re.I)


_RANGE_OPENER = re.compile(r"\b(?P<w>between|from)\s+$", re.I)


_RANGE_VERB = re.compile(r"\b(?:rang(?:e|es|ed|ing)|var(?:y|ies|ied|ying)|anywhere)\s+$", re.I)


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
    kind = kind_of(unit, currency)
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
    items = [q for q in items if not any(_ends_range(text, d, q) for d in dropped)]
    return _link(text, items)


def _ends_range(text: str, first: Quantity, q: Quantity) -> bool:
    return first.end <= q.start and _RANGE_GAP.fullmatch(text[first.end : q.start]) is not None
