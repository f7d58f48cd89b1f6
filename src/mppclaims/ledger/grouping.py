"""Grouping: numeric claims of different articles that count or measure the same thing.

Two claims can be joined when they are of the same kind, have the same unit, and are both
amounts of change or both levels. They are joined when their keys (the words stored in each
claim at extraction, see `extractors/claim_keys.py`) are specific enough to say what is
counted (three words, or two with a name: "delegate, win" could be anyone's delegates),
share at least `MIN_SHARED` words, share a name if both hold names ("returned to Mexico"
is not "returned to Guatemala"), and their Dice coefficient, 2·|shared| / (|a| + |b|),
reaches the threshold. Joins are made only between claims of different articles, and
groups are their single-link closure: A joined to B and B to C puts all three in one group.

Single link chains: "Clinton leads Trump" joins "Trump leads", which joins "Cruz leads
Trump". So joins are made strongest first, and a join is refused when the two groups name
different parties, neither group's names holding the other's: a group is about one set of
people, places and bodies, to which its claims may add detail but no rival.

Identical keys are compared once: the claims are first gathered by (compatibility, key),
and an inverted index from words to keys limits the comparisons to keys that share a word.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

DEFAULT_THRESHOLD = 0.5
MIN_SHARED = 2
MIN_WORDS = 3  # or two, one of them a name


@dataclass(frozen=True)
class Keyed:
    """What grouping needs of a claim: its article, what it is compatible with, its key."""

    article: str
    compatible: Hashable
    key: frozenset[str]


def is_name(word: str) -> bool:
    """Whether a key word is a name ("Mexico", "U.S."): names keep their capitals."""
    return word != word.lower()


def names(key: frozenset[str]) -> frozenset[str]:
    return frozenset(word for word in key if is_name(word))


def specific(key: frozenset[str]) -> bool:
    """Whether a key says enough to join others: `MIN_WORDS` words, or two with a name."""
    return len(key) >= MIN_WORDS or (len(key) == MIN_SHARED and bool(names(key)))


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """The Dice coefficient of two keys; 0 when either is not specific, when they share
    fewer than `MIN_SHARED` words, or when both name people, places or bodies and none of
    the same."""
    shared = a & b
    if len(shared) < MIN_SHARED or not (specific(a) and specific(b)):
        return 0.0
    if names(a) and names(b) and not names(shared):
        return 0.0
    return 2 * len(shared) / (len(a) + len(b))


def group(items: Sequence[Keyed], threshold: float = DEFAULT_THRESHOLD) -> list[list[int]]:
    """The groups of `items` (as index lists, each in input order; groups ordered by their
    first item). An item joined to nothing is a group of its own."""
    by_key: dict[tuple[Hashable, frozenset[str]], list[int]] = defaultdict(list)
    for i, item in enumerate(items):
        if specific(item.key):
            by_key[(item.compatible, item.key)].append(i)
    keys = list(by_key)
    articles = [frozenset(items[i].article for i in by_key[k]) for k in keys]
    links = _links(keys, threshold)
    # strongest first; between keys whose claims come from two articles at least
    links.sort(key=lambda link: (-link[0], link[1], link[2]))
    parent = list(range(len(keys)))
    group_names = [names(key) for _, key in keys]
    group_articles = list(articles)

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    # claims of one article are joined only through another article
    pending = [(a, b) for _, a, b in links if len(articles[a] | articles[b]) > 1]
    while pending:
        refused = []
        for a, b in pending:
            root_a, root_b = find(a), find(b)
            if root_a == root_b:
                continue
            named_a, named_b = group_names[root_a], group_names[root_b]
            if named_a and named_b and not (named_a <= named_b or named_b <= named_a):
                refused.append((a, b))  # two groups about different parties, for now
                continue
            low, high = sorted((root_a, root_b))
            parent[high] = low
            group_names[low] = named_a | named_b
            group_articles[low] = group_articles[root_a] | group_articles[root_b]
        # a group that took in more names may now hold a refused group's names
        pending = refused if len(refused) < len(pending) else []

    members: dict[int, list[int]] = defaultdict(list)
    for k, key in enumerate(keys):
        root = find(k)
        if len(group_articles[root]) > 1:
            members[root].extend(by_key[key])
    grouped = {i for found in members.values() for i in found}
    groups = [sorted(found) for found in members.values()]
    groups += [[i] for i in range(len(items)) if i not in grouped]
    return sorted(groups, key=lambda found: found[0])


def _links(
    keys: Sequence[tuple[Hashable, frozenset[str]]], threshold: float
) -> list[tuple[float, int, int]]:
    """(similarity, key, other key) for every pair of compatible keys that reaches the
    threshold."""
    postings: dict[tuple[Hashable, str], list[int]] = defaultdict(list)
    for k, (compatible, key) in enumerate(keys):
        for word in key:
            postings[(compatible, word)].append(k)
    links = []
    for k, (compatible, key) in enumerate(keys):
        shared: Counter[int] = Counter()
        for word in key:
            shared.update(other for other in postings[(compatible, word)] if other > k)
        for other, count in shared.items():
            if count < MIN_SHARED:
                continue
            score = similarity(key, keys[other][1])
            if score >= threshold:
                links.append((score, k, other))
    return links
