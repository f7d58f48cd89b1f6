"""Character intervals with fast overlap tests, for texts with thousands of marked spans.

Boilerplate in a web page, or the counts of a wall of numbers, can run to tens of thousands
of spans; testing every span against every other is quadratic. `Intervals` merges them once
and answers each overlap question with a binary search.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable
from typing import Generic, Protocol, TypeVar


class _Located(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


T = TypeVar("T", bound=_Located)


class Intervals:
    """A set of half-open `[start, end)` character spans, merged into disjoint runs."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in sorted(spans):
            if self._starts and start <= self._ends[-1]:
                self._ends[-1] = max(self._ends[-1], end)
            else:
                self._starts.append(start)
                self._ends.append(end)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether `[start, end)` shares a character with any span (an empty span counts as
        its first character)."""
        end = max(end, start + 1)
        i = bisect.bisect_right(self._ends, start)
        return i < len(self._starts) and self._starts[i] < end

    def __len__(self) -> int:
        return len(self._starts)


class SpanIndex(Generic[T]):
    """Items with `start` and `end` offsets, found by the spans they overlap.

    Sorted by start with a running maximum of ends, so a query reads only the items that
    start before its end and stops where no earlier item can still reach its start.
    """

    def __init__(self, items: Iterable[T]) -> None:
        self._items = sorted(items, key=lambda item: (item.start, item.end))
        self._starts = [item.start for item in self._items]
        self._reach = list(itertools.accumulate((item.end for item in self._items), max))

    def overlapping(self, start: int, end: int) -> list[T]:
        """The items sharing a character with `[start, end)`, in text order."""
        found: list[T] = []
        i = bisect.bisect_left(self._starts, max(end, start + 1)) - 1
        while i >= 0 and self._reach[i] > start:
            item = self._items[i]
            if item.end > start:
                found.append(item)
            i -= 1
        found.reverse()
        return found
