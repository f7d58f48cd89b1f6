"""`--jobs N`: whole articles extracted in N worker processes, records kept in input order.

spaCy's `nlp.pipe(n_process=N)` parses in worker processes but tokenises every text in the
main process, sends each Doc there and back serialised, and leaves the extractors to the
main process too, which on two cores made a third process compete with the two parsers.
Here each worker runs all of `extract_many` on a few articles at a time and sends back
only their records; the main process reads inputs and writes output. At most
`2 * workers` batches are in flight, so a batch of 10,000 files still streams.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language

    from .inputs import Article
    from .records import ArticleRecord

# Articles a worker takes at a time: few, so that two workers stay evenly loaded.
WORKER_BATCH = 4

_log = logging.getLogger("mppclaims")
# Batches submitted and not yet returned, oldest first, each with its future records.
_Pending = deque[tuple[list["Article"], Future[list["ArticleRecord"]]]]


class _Worker:
    """The pipeline of this worker process, set once by `_start` when the process starts."""

    nlp: Language | None = None
    raise_errors: bool = False


def _start(nlp: Language, raise_errors: bool) -> None:
    _Worker.nlp = nlp
    _Worker.raise_errors = raise_errors


def _work(batch: list[Article]) -> list[ArticleRecord]:
    from .api import extract_many

    return list(extract_many(batch, nlp=_Worker.nlp, raise_errors=_Worker.raise_errors))


def extract_many(
    articles: Iterable[Article | str],
    workers: int,
    *,
    nlp: Language | None = None,
    model: str | None = None,
    raise_errors: bool = False,
) -> Iterator[ArticleRecord]:
    """One record per article, in input order, extracted by `workers` processes."""
    from .api import as_articles
    from .nlp import load

    nlp = nlp if nlp is not None else load(model)
    yield from in_workers(nlp, as_articles(articles), workers, raise_errors=raise_errors)


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def in_workers(
    nlp: Language,
    articles: Iterable[Article],
    workers: int,
    *,
    raise_errors: bool = False,
    batch_size: int = WORKER_BATCH,
) -> Iterator[ArticleRecord]:
    """One record per article, in order, extracted by `workers` processes.

    Workers are forked where the platform allows, so they share the loaded model instead
    of loading their own. If a worker dies (killed, out of memory), the articles not yet
    returned are extracted in this process instead: nothing is lost.
    """
    from .api import extract_many

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    pool = ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start, initargs=(nlp, raise_errors)
    )
    pending: _Pending = deque()
    batches = _batches(articles, batch_size)
    finished = False
    try:
        try:
            for batch in batches:
                pending.append((batch, pool.submit(_work, batch)))
                while len(pending) >= 2 * workers:
                    yield from _oldest(pending)
            while pending:
                yield from _oldest(pending)
        except BrokenProcessPool:
            _log.warning("mppclaims: a worker process died; going on in one process")
            left = [article for batch, _ in pending for article in batch]
            pending.clear()
            rest = itertools.chain(left, itertools.chain.from_iterable(batches))
            yield from extract_many(rest, nlp=nlp, raise_errors=raise_errors)
        finished = True
    finally:
        _close(pool, finished)


def _oldest(
    pending: deque[tuple[list[Article], Future[list[ArticleRecord]]]],
) -> list[ArticleRecord]:
    """The records of the oldest batch, once they are done; the batch stays queued if its
    worker died, so that it can be redone."""
    records = pending[0][1].result()
    pending.popleft()
    return records


def _close(pool: ProcessPoolExecutor, finished: bool) -> None:
    """Shut the pool down; after an interruption or an error, stop its workers at once."""
    # Python 3.11 has no public way to stop a pool's busy workers (3.14 adds
    # terminate_workers); its process table is read defensively.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=finished, cancel_futures=True)
    if not finished:
        for process in processes:
            if process.is_alive():
                process.terminate()
