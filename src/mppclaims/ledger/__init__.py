"""The ledger: the numeric claims of many articles side by side, and their sources.

`build_ledger` reads finished records only (no spaCy, no model): the grouping key that
each numeric claim carries was computed at extraction. The figures view groups claims
that count the same thing (`grouping`), orders each group by the time its claims hold for
(`timespans`) and flags the claims that cannot both be true (`conflicts`); the speakers
view lists every quote and figure per source (`speakers`). `read_records` turns the
command line's inputs into records, extracting only the inputs that are articles.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from ..records import ArticleRecord, Ledger
from .conflicts import APPROX_SHARE, find_conflicts, value_range
from .figures import figure_groups, ledger_claims
from .grouping import DEFAULT_THRESHOLD, MIN_SHARED, similarity
from .reading import read_records
from .speakers import speaker_sources
from .timespans import claim_when, interval

__all__ = [
    "APPROX_SHARE",
    "DEFAULT_THRESHOLD",
    "MIN_SHARED",
    "build_ledger",
    "claim_when",
    "figure_groups",
    "find_conflicts",
    "interval",
    "ledger_claims",
    "read_records",
    "similarity",
    "speaker_sources",
    "value_range",
]


def build_ledger(
    records: Iterable[ArticleRecord],
    *,
    by: Literal["figures", "speakers"] = "figures",
    min_articles: int = 2,
    about: str | None = None,
    only_conflicts: bool = False,
    threshold: float = DEFAULT_THRESHOLD,
) -> Ledger:
    """The ledger of `records`: groups of figures (`by="figures"`) or sources
    (`by="speakers"`). Failed records are skipped.

    `min_articles`: a group or source that fewer articles give is left out. `about`: only
    what matches every word of it. `only_conflicts`: only groups with a conflict (figures).
    `threshold`: how similar two claims' keys must be to join (Dice coefficient).
    """
    usable = [record for record in records if record.error is None]
    claims = sum(len(record.numeric_claims) for record in usable)
    if by == "speakers":
        sources = speaker_sources(usable, min_articles=min_articles, about=about)
        return Ledger(view=by, articles=len(usable), numeric_claims=claims, sources=sources)
    groups = figure_groups(
        usable,
        threshold=threshold,
        min_articles=min_articles,
        about=about,
        only_conflicts=only_conflicts,
    )
    return Ledger(view=by, articles=len(usable), numeric_claims=claims, groups=groups)
