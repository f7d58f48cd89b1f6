"""Cost of each extractor relative to the spaCy parse, on the same parsed Docs.

    python bench/extractors.py [PATH ...]

(default: data/articles and ../shared/dev/polnear/articles)

Parses every article once with `nlp.pipe`, then times each extraction step over the parsed
Docs; prints each step's time as a percentage of the parse. Medians of --rounds runs.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from mppclaims.article import ArticleContext, read_metadata
from mppclaims.extractors.dates import extract_dates
from mppclaims.extractors.entities import entity_index, extract_entities
from mppclaims.extractors.numbers import extract_numbers
from mppclaims.extractors.quotes import extract_quotes
from mppclaims.inputs import iter_articles
from mppclaims.nlp import load

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATHS = [
    ROOT / "data" / "articles",
    ROOT.parent / "shared" / "dev" / "polnear" / "articles",
]


def _median_seconds(step: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        began = time.perf_counter()
        step()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("paths", nargs="*", type=Path, default=DEFAULT_PATHS)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    articles = [
        a for a in iter_articles([str(p) for p in args.paths if p.exists()]) if a.error is None
    ]
    nlp = load()
    texts = [a.text for a in articles]
    docs = list(nlp.pipe(texts))
    parse = _median_seconds(lambda: list(nlp.pipe(texts)), args.rounds)
    contexts = []
    for article in articles:
        metadata, boilerplate = read_metadata(article.text, published=article.published)
        contexts.append(ArticleContext(article.text, metadata.published, tuple(boilerplate)))
    pairs = list(zip(docs, contexts, strict=True))
    indexes = [entity_index(doc, ctx) for doc, ctx in pairs]
    dates = [extract_dates(doc, ctx) for doc, ctx in pairs]
    quotes = [extract_quotes(doc, ctx, ix) for (doc, ctx), ix in zip(pairs, indexes, strict=True)]
    steps: dict[str, Callable[[], object]] = {
        "metadata+boilerplate": lambda: [read_metadata(a.text) for a in articles],
        "entities": lambda: [
            extract_entities(doc, ctx, entity_index(doc, ctx)) for doc, ctx in pairs
        ],
        "dates": lambda: [extract_dates(doc, ctx) for doc, ctx in pairs],
        "quotes": lambda: [
            extract_quotes(doc, ctx, ix) for (doc, ctx), ix in zip(pairs, indexes, strict=True)
        ],
        "numbers": lambda: [
            extract_numbers(doc, ctx, d, q)
            for (doc, ctx), d, q in zip(pairs, dates, quotes, strict=True)
        ],
    }
    tokens = sum(len(doc) for doc in docs)
    print(
        f"{len(docs)} articles, {tokens} tokens; "
        f"parse {parse:.2f} s ({tokens / parse:,.0f} tokens/s)"
    )
    for name, step in steps.items():
        seconds = _median_seconds(step, args.rounds)
        print(f"  {name:22s} {seconds * 1000:8.1f} ms  {100 * seconds / parse:5.1f}% of the parse")


if __name__ == "__main__":
    main()
