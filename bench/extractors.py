"""Cost of each pipeline step relative to the spaCy parse, on the same parsed Docs.

    python bench/extractors.py [PATH ...]

(default: data/articles and ../shared/dev/polnear/articles)

Parses every article once with `nlp.pipe`, then runs the pipeline's steps
(`mppclaims.api.STEPS`) over fresh contexts of the parsed Docs and times each step; prints
each step's time as a percentage of the parse. Medians of --rounds runs.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from mppclaims.api import STEPS
from mppclaims.context import ArticleContext
from mppclaims.inputs import iter_articles
from mppclaims.metadata import read_metadata
from mppclaims.nlp import load

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATHS = [
    ROOT / "data" / "articles",
    ROOT.parent / "shared" / "dev" / "polnear" / "articles",
]


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
    parses = []
    for _ in range(args.rounds):
        began = time.perf_counter()
        list(nlp.pipe(texts))
        parses.append(time.perf_counter() - began)
    parse = statistics.median(parses)
    facts = [read_metadata(a.text, published=a.published) for a in articles]
    began = time.perf_counter()
    for article in articles:
        read_metadata(article.text)
    metadata_seconds = time.perf_counter() - began
    timings: dict[str, list[float]] = {slot: [] for slot, _ in STEPS}
    for _ in range(args.rounds):
        contexts = [
            ArticleContext(doc, published=meta.published, boilerplate=tuple(boilerplate))
            for doc, (meta, boilerplate) in zip(docs, facts, strict=True)
        ]
        for slot, step in STEPS:  # each step over every article, in pipeline order
            began = time.perf_counter()
            for ctx in contexts:
                setattr(ctx, slot, step(ctx))
            timings[slot].append(time.perf_counter() - began)
    tokens = sum(len(doc) for doc in docs)
    print(
        f"{len(docs)} articles, {tokens} tokens; "
        f"parse {parse:.2f} s ({tokens / parse:,.0f} tokens/s)"
    )
    rows = [("metadata+boilerplate", metadata_seconds)]
    rows += [(slot, statistics.median(times)) for slot, times in timings.items()]
    for name, seconds in rows:
        print(f"  {name:22s} {seconds * 1000:8.1f} ms  {100 * seconds / parse:5.1f}% of the parse")


if __name__ == "__main__":
    main()
