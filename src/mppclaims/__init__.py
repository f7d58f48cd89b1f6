"""mppclaims: named entities, dates, numeric claims and attributed quotes from news articles.

    import mppclaims
    record = mppclaims.extract(text, published=datetime.date(2019, 4, 12))
    for record in mppclaims.extract_many(texts): ...

Importing the package does not import spaCy; the model loads on the first extraction.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "extract", "extract_many"]

if TYPE_CHECKING:
    from .inputs import Article
    from .records import ArticleRecord


def extract(
    text: str,
    *,
    published: date | None = None,
    source: str | None = None,
    **options: Any,
) -> ArticleRecord:
    """Extract everything from one article's text; see `mppclaims.api.extract`."""
    from .api import extract as _extract

    return _extract(text, published=published, source=source, **options)


def extract_many(
    articles: Iterable[Article | str], *, n_process: int = 1, **options: Any
) -> Iterator[ArticleRecord]:
    """Stream one record per article, in order; see `mppclaims.api.extract_many`.

    With `n_process` > 1, whole articles are extracted in that many worker processes
    (`mppclaims.workers`); the records are the same.
    """
    if n_process < 1:
        raise ValueError(f"n_process must be at least 1, got {n_process}")
    if n_process > 1:
        from .workers import extract_many as in_workers
        from .workers import max_workers

        if n_process > max_workers():
            raise ValueError(f"n_process={n_process} is too many: at most {max_workers()}")
        return in_workers(articles, n_process, **options)
    from .api import extract_many as _extract_many

    return _extract_many(articles, **options)
