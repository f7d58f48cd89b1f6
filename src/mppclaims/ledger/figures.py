"""The figures view: groups of claims that count the same thing, in time order, with conflicts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date

from ..records import ArticleRecord, LedgerClaim, LedgerGroup, NumericClaim
from ..render.sections import article_name
from .conflicts import find_conflicts
from .grouping import DEFAULT_THRESHOLD, Keyed, group
from .timespans import claim_when


def ledger_claims(record: ArticleRecord) -> list[LedgerClaim]:
    """The record's numeric claims with their article and the time each holds for."""
    return [ledger_claim(record, claim) for claim in record.numeric_claims]


def ledger_claim(record: ArticleRecord, claim: NumericClaim) -> LedgerClaim:
    """One claim of `record` with its article and the time it holds for."""
    published = record.metadata.published
    when = claim_when(claim, record.dates, published)
    # the fields' dict: iterating a model field by field costs more than validating it
    fields = {**claim.__dict__, "article": article_name(record), "published": published}
    return LedgerClaim.model_validate(fields | {"when": when})


def figure_groups(
    records: Iterable[ArticleRecord],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    min_articles: int = 2,
    about: str | None = None,
    only_conflicts: bool = False,
) -> list[LedgerGroup]:
    """Group the numeric claims of `records` (see `grouping`), keep the groups that
    `min_articles` articles give, that match `about` (every word of it, in the claims'
    `about`, `predicate` or key) and, with `only_conflicts`, that hold a conflict.

    Groups come with the most articles first, then in the order their first claim was read.
    """
    found = [
        (r, c)
        for r in records
        if r.error is None
        for c in r.numeric_claims
        if c.value is not None  # a figure beyond a float compares with nothing
    ]
    keyed = [
        Keyed(article_name(r), (c.kind, c.unit, c.direction is not None), frozenset(c.key))
        for r, c in found
    ]
    groups = []
    for members in group(keyed, threshold):
        articles = len({keyed[i].article for i in members})
        if articles < min_articles or not _matches([found[i][1] for i in members], about):
            continue
        chosen = sorted((ledger_claim(*found[i]) for i in members), key=_time_order)
        conflicts = find_conflicts(chosen)
        if only_conflicts and not conflicts:
            continue
        first = chosen[0]
        groups.append(
            LedgerGroup(
                id=1,
                kind=first.kind,
                unit=first.unit,
                terms=_terms(chosen),
                articles=articles,
                claims=chosen,
                conflicts=conflicts,
            )
        )
    order = sorted(range(len(groups)), key=lambda n: -groups[n].articles)
    return [groups[n].model_copy(update={"id": rank}) for rank, n in enumerate(order, 1)]


def _time_order(claim: LedgerClaim) -> tuple[bool, date, date, str, int]:
    """Dated claims by their interval, undated ones last; then by article and position."""
    start, end = claim.when.start, claim.when.end
    undated = start is None or end is None
    return (undated, start or date.max, end or date.max, claim.article, claim.start)


def _terms(claims: Sequence[LedgerClaim]) -> list[str]:
    """The key words that at least two claims share, most shared first (all words of a
    lone claim)."""
    counts = Counter(word for claim in claims for word in set(claim.key))
    shared = [word for word, n in counts.items() if n > 1] or list(counts)
    return sorted(shared, key=lambda word: (-counts[word], word))


def _matches(claims: Sequence[NumericClaim], about: str | None) -> bool:
    if not about:
        return True
    text = " ".join(" ".join([c.about or "", c.predicate or "", *c.key]) for c in claims).lower()
    return all(word in text for word in about.lower().split())
