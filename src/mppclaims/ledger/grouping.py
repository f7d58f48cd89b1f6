"""Grouping: numeric claims of different articles that count or measure the same thing.

Two claims can be joined when they are of the same kind, have the same unit, and are both
amounts of change or both levels. They are joined when their keys (the words stored in each
claim at extraction, see `extractors/claim_keys.py`) share at least `MIN_SHARED` words,
share a name if both hold names ("returned to Mexico" is not "returned to Guatemala"), and
their Dice coefficient, 2·|shared| / (|a| + |b|), reaches the threshold. Joins are made only
between claims of different articles, and groups are their single-link closure: A joined to
B and B to C puts all three in one group.

Identical keys are compared once: the claims are first gathered by (compatibility, key),
and an inverted index from words to keys limits the comparisons to keys that share a word.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

DEFAULT_THRESHOLD = 0.5
MIN_SHARED = 2


@dataclass(frozen=True)
class Keyed:
    """What grouping needs of a claim: its article, what it is compatible with, its key."""

    article: str
    compatible: Hashable
    key: frozenset[str]


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """The Dice coefficient of two keys; 0 when they share fewer than `MIN_SHARED` words,
    or when both name people, places or bodies and none of the same."""
    shared = a & b
    if len(shared) < MIN_SHARED:
        return 0.0
    if not any(is_name(word) for word in shared) and any(map(is_name, a)) and any(map(is_name, b)):
        return 0.0
    return 2 * len(shared) / (len(a) + len(b))


def is_name(word: str) -> bool:
    """Whether a key word is a name ("Mexico", "U.S."): names keep their capitals."""
    return word != word.lower()


def group(items: Sequence[Keyed], threshold: float = DEFAULT_THRESHOLD) -> list[list[int]]:
    """The groups of `items` (as index lists, each in input order; groups ordered by their
    first item). An item joined to nothing is a group of its own."""
    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(members: Sequence[int]) -> None:
        roots = sorted({find(i) for i in members})
        for root in roots[1:]:
            parent[root] = roots[0]

    by_key: dict[tuple[Hashable, frozenset[str]], list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        if item.key:
            by_key[(item.compatible, item.key)].append(i)
    keys = list(by_key)
    postings: dict[tuple[Hashable, str], list[int]] = defaultdict(list)
    for k, (compatible, key) in enumerate(keys):
        for word in key:
            postings[(compatible, word)].append(k)
    for k, (compatible, key) in enumerate(keys):
        shared: Counter[int] = Counter()
        for word in key:
            shared.update(other for other in postings[(compatible, word)] if other >= k)
        for other, count in shared.items():
            if count < MIN_SHARED:
                continue
            if other != k and similarity(key, keys[other][1]) < threshold:
                continue
            members = by_key[keys[k]] + (by_key[keys[other]] if other != k else [])
            # claims of one article are never joined to each other, only across articles
            if len({items[i].article for i in members}) > 1:
                union(members)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        groups[find(i)].append(i)
    return sorted(groups.values(), key=lambda members: members[0])
