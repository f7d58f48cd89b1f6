"""`--jobs N`: whole articles extracted in N worker processes, records kept in input order.

spaCy's `nlp.pipe(n_process=N)` parses in worker processes but tokenises every text in the
main process, sends each Doc there and back serialised, and leaves the extractors to the
main process too, which on two cores made a third process compete with the two parsers.
Here each worker runs all of `extract_many` on a few articles at a time and sends back
only their records; the main process reads inputs and writes output. At most
`2 * workers` batches are taken from the input ahead of the output, so a batch of 10,000
files still streams.

The pool is a small one of its own rather than `concurrent.futures`, whose 3.11 pool loses
a batch or hangs when a worker is killed (its shared task queue and feeder thread). Each
worker has a pipe of its own and one batch at a time, so the main process always knows
which articles a dead worker held, redoes them itself, and never waits on a dead process.
Workers end with the main process however it ends: the pipe closes, and on Linux the
kernel kills them (`PR_SET_PDEATHSIG`); elsewhere they look at their parent every second.
"""

from __future__ import annotations

import contextlib
import ctypes
import itertools
import logging
import multiprocessing
import os
import signal
import sys
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

    from spacy.language import Language

    from .inputs import Article
    from .records import ArticleRecord

# Articles a worker takes at a time: few, so that two workers stay evenly loaded.
WORKER_BATCH = 4
# Longest single wait, in seconds, before the main process looks at its workers again and a
# worker at its parent: no wait is ever unbounded.
POLL_SECONDS = 1.0
# How long a worker gets to leave on its own when the pool closes, before it is killed.
CLOSE_SECONDS = 5.0
_PR_SET_PDEATHSIG = 1
# More workers than this only compete for the same cores, each with its own memory.
WORKERS_PER_CPU = 4

_log = logging.getLogger("mppclaims")


def max_workers() -> int:
    """The most worker processes a run may ask for: `WORKERS_PER_CPU` per CPU."""
    return WORKERS_PER_CPU * (os.cpu_count() or 1)


class _Worker:
    """The pipeline of this worker process, set once by `_serve` when the process starts."""

    nlp: Language | None = None
    raise_errors: bool = False


def _work(batch: list[Article]) -> list[ArticleRecord]:
    from .api import extract_many

    return list(extract_many(batch, nlp=_Worker.nlp, raise_errors=_Worker.raise_errors))


def _die_with_parent(parent: int) -> None:
    """Have the kernel kill this process when its parent dies (Linux), and leave now if the
    parent is already gone."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(0)


def _serve(
    conn: Connection,
    inherited: list[Connection],
    parent: int,
    nlp: Language,
    raise_errors: bool,
) -> None:
    """A worker's life: take `(serial, batch)`, send back `(serial, records, failure)`.

    Ctrl-C reaches the whole process group; the main process decides what happens, so a
    worker ignores it. It leaves when the main process closes its pipe or dies.
    """
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for other in inherited:  # the main process's ends of the pipes: EOF must reach us
        other.close()
    _Worker.nlp, _Worker.raise_errors = nlp, raise_errors
    while True:
        while not conn.poll(POLL_SECONDS):
            if os.getppid() != parent:
                os._exit(0)
        try:
            serial, batch = conn.recv()
        except (EOFError, OSError):
            os._exit(0)
        try:
            reply: tuple[int, Any, Any] = (serial, _work(batch), None)
        except Exception as exc:  # `raise_errors` (--debug): the main process re-raises it
            reply = (serial, None, (exc, traceback.format_exc()))
        try:
            conn.send(reply)
        except (OSError, ValueError):
            os._exit(0)
        except Exception:  # an exception that cannot be pickled: send its text
            conn.send((serial, None, (RuntimeError(str(reply[2][0])), reply[2][1])))


class RemoteTraceback(Exception):
    """The traceback of an exception raised in a worker, attached as `__cause__`."""


@dataclass
class _Process:
    """One worker: its process, the main process's end of its pipe, the batch it holds."""

    process: BaseProcess
    conn: Connection
    task: tuple[int, list[Article]] | None = None


def extract_many(
    articles: Iterable[Article | str],
    workers: int,
    *,
    nlp: Language | None = None,
    model: str | None = None,
    raise_errors: bool = False,
) -> Iterator[ArticleRecord]:
    """One record per article, in input order, extracted by `workers` processes; the
    inputs are checked as `mppclaims.api.extract_many` checks them."""
    from .api import checked_inputs, then_raise
    from .nlp import load

    source = checked_inputs(articles)
    nlp = nlp if nlp is not None else load(model)
    return then_raise(in_workers(nlp, source, workers, raise_errors=raise_errors), source)


def _batches(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def _how_it_died(process: BaseProcess) -> str:
    code = process.exitcode
    if code is not None and code < 0:
        with contextlib.suppress(ValueError):
            return f"killed by {signal.Signals(-code).name}"
    return f"exit code {code}" if code is not None else "gone"


class _Pool:
    """Worker processes with one pipe each; `run` yields every batch's records in order."""

    def __init__(self, nlp: Language, raise_errors: bool) -> None:
        self.nlp = nlp
        self.raise_errors = raise_errors
        self.workers: list[_Process] = []

    def start(self, workers: int) -> None:
        """Fork (or spawn) the workers; each is registered before it starts, so that
        `close` ends it even if a signal interrupts the start."""
        methods = multiprocessing.get_all_start_methods()
        forking = "fork" in methods
        context = (
            multiprocessing.get_context("fork") if forking else multiprocessing.get_context("spawn")
        )
        parent = os.getpid()
        for _ in range(workers):
            ours, theirs = context.Pipe()
            inherited = [w.conn for w in self.workers] + [ours] if forking else []
            process = context.Process(
                target=_serve,
                args=(theirs, inherited, parent, self.nlp, self.raise_errors),
                daemon=True,
                name="mppclaims-worker",
            )
            worker = _Process(process, ours)
            self.workers.append(worker)
            process.start()
            theirs.close()

    def run(self, batches: Iterator[list[Article]]) -> Iterator[ArticleRecord]:
        window = 2 * len(self.workers)
        done: dict[int, list[ArticleRecord]] = {}
        taken = yielded = 0
        exhausted = False
        while True:
            for worker in self.workers:
                if worker.task is not None or exhausted or taken - yielded >= window:
                    continue
                batch = next(batches, None)
                if batch is None:
                    exhausted = True
                    break
                worker.task = (taken, batch)
                taken += 1
                with contextlib.suppress(OSError):  # a dead worker is found below
                    worker.conn.send(worker.task)
            while yielded in done:
                yield from done.pop(yielded)
                yielded += 1
            if exhausted and yielded == taken:
                return
            if not self.workers:  # every worker died: the rest here, in order
                for batch in batches:
                    yield from self._here(batch)
                return
            self._collect(done)

    def _collect(self, done: dict[int, list[ArticleRecord]]) -> None:
        """Wait (bounded) for replies; redo here the batch of a worker that died."""
        busy = [w for w in self.workers if w.task is not None]
        waitables: list[Any] = [w.conn for w in busy] + [w.process.sentinel for w in busy]
        wait(waitables, timeout=POLL_SECONDS)
        for worker in busy:
            assert worker.task is not None
            reply = self._reply(worker)
            if reply is not None:
                serial, records, failure = reply
                if failure is not None:
                    exc, remote = failure
                    raise exc from RemoteTraceback(remote)
                done[serial] = records
                worker.task = None
            elif not worker.process.is_alive():
                serial, batch = worker.task
                self.workers.remove(worker)
                worker.conn.close()
                _log.warning(
                    "mppclaims: a worker process died (%s); its %d article(s) are redone in "
                    "the main process, %d worker(s) go on",
                    _how_it_died(worker.process),
                    len(batch),
                    len(self.workers),
                )
                done[serial] = self._here(batch)

    @staticmethod
    def _reply(worker: _Process) -> tuple[int, Any, Any] | None:
        """The worker's reply if one has come whole, else None (not yet, or it died)."""
        try:
            if worker.conn.poll():
                reply: tuple[int, Any, Any] = worker.conn.recv()
                return reply
        except (EOFError, OSError):
            pass
        return None

    def _here(self, batch: list[Article]) -> list[ArticleRecord]:
        from .api import extract_many

        return list(extract_many(batch, nlp=self.nlp, raise_errors=self.raise_errors))

    def close(self, finished: bool) -> None:
        """End every worker: politely after a finished run, at once after an interruption.

        Every wait is bounded; a worker that does not leave is killed.
        """
        for worker in self.workers:
            worker.conn.close()  # an idle worker sees EOF and leaves
            if not finished:
                with contextlib.suppress(OSError, AttributeError, ValueError):
                    worker.process.terminate()
        for worker in self.workers:
            with contextlib.suppress(AssertionError, ValueError):  # never started
                worker.process.join(CLOSE_SECONDS if finished else POLL_SECONDS)
                if worker.process.is_alive():
                    worker.process.kill()
                    worker.process.join(POLL_SECONDS)


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
    of loading their own. If a worker dies (killed, out of memory), the articles it held
    are extracted in this process instead, with a warning: nothing is lost, and the
    records are those of an undisturbed run.
    """
    pool = _Pool(nlp, raise_errors)
    finished = False
    try:
        pool.start(workers)
        yield from pool.run(_batches(articles, batch_size))
        finished = True
    finally:
        pool.close(finished)
