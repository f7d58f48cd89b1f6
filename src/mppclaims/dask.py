"""Extraction on a Dask cluster: a Bag of record dicts, JSON Lines part files, ordered streaming.

    import mppclaims.dask
    bag = mppclaims.dask.extract_bag(["s3://bucket/news/", "local/archive.jsonl"])
    mppclaims.dask.to_jsonl(bag, "s3://bucket/claims/")   # part-00000.jsonl ... _SUCCESS

The only module that imports Dask (the `dask` extra). Inputs are planned on the client
(directories listed, `.jsonl` files cut into byte ranges: `mppclaims.units`) and read on
the workers with the readers of `mppclaims.inputs`, so a file decodes as in a local run and
a cluster reads its own storage. Each partition is parsed with one `extract_many`
(`nlp.pipe`) in a worker process that loads the model once (`ModelPlugin`, and
`nlp.load`'s per-process cache). Records equal a local run's, one per input, in order.
"""

from __future__ import annotations

import contextlib
import os
import threading
import uuid
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, BinaryIO

import dask.bag as db
from dask.base import compute
from dask.delayed import Delayed, delayed
from distributed import Client, Future, LocalCluster, as_completed
from distributed.diagnostics.plugin import WorkerPlugin
from fsspec.core import url_to_fs
from fsspec.implementations.local import LocalFileSystem

from . import units as work
from .api import DEFAULT_BATCH_SIZE, extract_many
from .inputs import Article, article_from_text, file_id
from .nlp import load
from .records import ArticleRecord
from .render import ALL_SECTIONS, JsonLinesRenderer, Section
from .units import JsonlBlock, Unit, is_url

__all__ = [
    "ModelPlugin",
    "Part",
    "connect",
    "extract_bag",
    "is_url",
    "iter_jsonl_parts",
    "load_model_on_workers",
    "local_workers",
    "stream_records",
    "to_jsonl",
]

# Files and texts per partition: a partition is one task of a few seconds, enough to
# amortise scheduling, small enough to keep every worker busy to the end.
PARTITION_ARTICLES = 32
# Small batches are cut into at least this many partitions (the CLI asks for 4 per worker).
MIN_PARTITIONS = 8
# A .jsonl file is cut into byte ranges of this size, each a partition of its own
# (about 200 news articles); a line belongs to the range it starts in.
JSONL_BLOCK_BYTES = 1024 * 1024
SUCCESS = "_SUCCESS"
_PART = "part-{:05d}.jsonl"

# One extraction at a time per worker process: spaCy's vocabulary and memory zones are not
# thread-safe, and a worker started with several threads shares one pipeline.
_LOCK = threading.Lock()


@dataclass(frozen=True)
class _Options:
    model: str | None
    published: date | None
    batch_size: int
    raise_errors: bool


@dataclass(frozen=True)
class _Walking:
    follow_symlinks: bool
    skip: tuple[int, int] | None


@dataclass(frozen=True)
class Part:
    """One written part file: its name, its counts, and the `type: message` of its failures."""

    name: str
    records: int
    failed: int
    numbers: int
    quotes: int
    errors: tuple[str, ...]


def _records(articles: Iterable[Article], options: _Options) -> list[dict[str, Any]]:
    with _LOCK:
        nlp = load(options.model)
        records = extract_many(
            articles, nlp=nlp, batch_size=options.batch_size, raise_errors=options.raise_errors
        )
        return [record.model_dump(mode="json") for record in records]


def _extract_units(
    units: Sequence[Unit], prefix: Sequence[int] | None, options: _Options
) -> list[dict[str, Any]]:
    """One partition: the records of its units, in order."""

    def read() -> Iterator[Article]:
        for unit in units:
            before = prefix[unit.index] if isinstance(unit, JsonlBlock) and prefix else 0
            yield from work.articles(unit, options.published, before)

    return _records(read(), options)


def _extract_items(items: Iterable[str | Article], options: _Options, texts: bool) -> list[Any]:
    """One partition of a user's Bag: paths and URLs (or texts), planned and read here."""

    def read() -> Iterator[Article]:
        for item in items:
            if isinstance(item, Article):
                yield item
            elif texts:
                yield article_from_text(item, published=options.published)
            else:
                for unit in work.plan(item, blocksize=None):
                    yield from work.articles(unit, options.published)

    return _records(read(), options)


# The public API.


def extract_bag(
    paths_or_texts: Iterable[str | Article] | db.Bag,
    *,
    texts: bool = False,
    published: date | None = None,
    model: str | None = None,
    partition_size: int = PARTITION_ARTICLES,
    min_partitions: int = MIN_PARTITIONS,
    blocksize: int = JSONL_BLOCK_BYTES,
    batch_size: int = DEFAULT_BATCH_SIZE,
    raise_errors: bool = False,
    stdin: BinaryIO | None = None,
    follow_symlinks: bool = False,
    skip: str | None = None,
) -> db.Bag:
    """A Bag of record dicts (`ArticleRecord.model_dump(mode="json")`), one per input, in order.

    Strings are what `mppclaims extract` takes: files, directories, `.jsonl` files, fsspec
    URLs (`s3://bucket/news/`, globs too), `-` for `stdin`; with `texts=True` they are article
    texts, as in `mppclaims.extract_many`. `Article`s (`mppclaims.inputs`) are taken as they
    are. Directories are listed here and files read on the workers, at most `partition_size`
    to a partition and fewer when that makes fewer than `min_partitions` (give a few per
    worker); a `.jsonl` file is cut into partitions of `blocksize` bytes (smaller to make
    `min_partitions` of a small file). A Bag of such items is mapped partition by partition
    (everything then happens on the workers). `model` names the spaCy pipeline the workers
    load (default: as `mppclaims.nlp.resolve_model` finds it there). As in `extract`,
    symbolic links that leave a directory are followed only with `follow_symlinks`, and the
    file `skip` (the output being written) is left out of directory walks.
    """
    options = _Options(model, published, batch_size, raise_errors)
    if isinstance(paths_or_texts, db.Bag):
        mapped: db.Bag = paths_or_texts.map_partitions(_extract_items, options, texts)
        return mapped
    walking = _Walking(follow_symlinks, file_id(skip))
    planned = list(
        _plan(paths_or_texts, texts, published, (blocksize, min_partitions), stdin, walking)
    )
    files = sum(not isinstance(unit, JsonlBlock) for unit in planned)
    size = max(1, min(partition_size, -(-files // max(1, min_partitions))))
    partitions: list[Delayed] = []
    small: list[Unit] = []
    blocks: list[JsonlBlock] = []

    def flush() -> None:
        if small:
            partitions.append(delayed(_extract_units)(tuple(small), None, options))
            small.clear()
        if blocks:
            partitions.extend(_block_partitions(blocks, options))
            blocks.clear()

    for unit in planned:
        if isinstance(unit, JsonlBlock):
            if small or unit.index == 0:
                flush()
            blocks.append(unit)
            continue
        if blocks:
            flush()
        small.append(unit)
        if len(small) >= size:
            flush()
    flush()
    bag: db.Bag = db.from_delayed(partitions) if partitions else db.from_sequence([], npartitions=1)
    return bag


def _plan(
    inputs: Iterable[str | Article],
    texts: bool,
    published: date | None,
    blocks: tuple[int, int],
    stdin: BinaryIO | None,
    walking: _Walking,
) -> Iterator[Unit]:
    for item in inputs:
        if isinstance(item, Article):
            yield item
        elif texts:
            yield article_from_text(item, published=published)
        else:
            size, least = blocks
            yield from work.plan(
                item,
                blocksize=size,
                min_blocks=least,
                stdin=stdin,
                published=published,
                follow_symlinks=walking.follow_symlinks,
                skip=walking.skip,
            )


def _block_partitions(blocks: Sequence[JsonlBlock], options: _Options) -> list[Delayed]:
    """One partition per block of a .jsonl file; with several, their lines are counted first."""
    prefix: Delayed | None = None
    if len(blocks) > 1:
        count = delayed(work.count_newlines)
        counts = [count(b.path, b.url, b.start, b.end) for b in blocks[:-1]]
        prefix = delayed(work.prefix_sums)(counts)
    return [delayed(_extract_units)((block,), prefix, options) for block in blocks]


# Running on a cluster.


class ModelPlugin(WorkerPlugin):
    """Loads the spaCy pipeline when a worker starts (restarted ones too), once per process."""

    idempotent = True

    def __init__(self, model: str | None = None) -> None:
        self.model = model

    def setup(self, worker: Any) -> None:
        load(self.model)


def load_model_on_workers(client: Client, model: str | None = None) -> None:
    """Load the pipeline on every worker now and on every worker that joins later.

    Raises `mppclaims.nlp.ModelError` (from the first worker that cannot load it).
    """
    client.run(load, model)  # first, so that a model that cannot load is not registered
    client.register_plugin(ModelPlugin(model), name=f"mppclaims-model-{model or 'default'}")


def local_workers(address: str) -> int | None:
    """N for `local:N` (`local` alone: one worker per core), None for a scheduler address.

    Raises ValueError for `local:` followed by anything but a positive number.
    """
    if address != "local" and not address.startswith("local:"):
        return None
    count = address.partition(":")[2]
    if not count:
        return os.cpu_count() or 1
    if not count.isdigit() or int(count) < 1:
        raise ValueError(f"expected local:N with N a number of workers >= 1, got {address!r}")
    return int(count)


@contextlib.contextmanager
def connect(address: str, *, timeout: float = 30) -> Iterator[Client]:
    """A client of the scheduler at `address`, or of a cluster of N local worker processes
    (one thread each) started for the block when `address` is `local:N`."""
    workers = local_workers(address)
    if workers is None:
        with Client(address, timeout=timeout) as client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def stream_records(bag: db.Bag, client: Client) -> Iterator[ArticleRecord]:
    """The bag's records in input order, each partition's as soon as it and those before
    it are done; every partition is computed at once on the cluster."""
    futures: deque[Future[Any]] = deque(client.compute(bag.to_delayed()))
    try:
        while futures:
            records = futures[0].result()
            futures.popleft()
            for record in records:
                yield ArticleRecord.model_validate(record)
    finally:
        if futures:
            client.cancel(list(futures))


def to_jsonl(bag: db.Bag, folder: str, *, sections: Sequence[Section] = ALL_SECTIONS) -> list[Part]:
    """Write the bag's records to `folder` (a path or fsspec URL) as JSON Lines, one
    `part-NNNNN.jsonl` per partition, then `_SUCCESS`; return what each part holds.

    Runs on the current Dask client if there is one, else on Dask's default scheduler.
    """
    return sorted(iter_jsonl_parts(bag, folder, sections=sections), key=lambda p: p.name)


def iter_jsonl_parts(
    bag: db.Bag,
    folder: str,
    *,
    sections: Sequence[Section] = ALL_SECTIONS,
    client: Client | None = None,
) -> Iterator[Part]:
    """`to_jsonl`, yielding each part as it is written (in any order); `_SUCCESS` is written
    after the last, and only if every part was.

    Each part is written to a hidden temporary file beside it and renamed, so a reader never
    sees half a part; parts of an earlier, longer run in the folder are removed. On a
    cluster the folder is the workers' (a local path is a path on their machines).
    """
    if client is None:
        with contextlib.suppress(ValueError):
            client = Client.current()
    tasks = [
        delayed(_write_part)(part, folder, index, tuple(sections))
        for index, part in enumerate(bag.to_delayed())
    ]
    written: set[str] = set()
    if client is None:
        _prepare_folder(folder)
        for part in compute(*tasks):
            written.add(part.name)
            yield part
        _finish_folder(folder, written)
        return
    client.submit(_prepare_folder, folder, pure=False).result()
    for future in as_completed(client.compute(tasks)):
        part = future.result()
        written.add(part.name)
        yield part
    client.submit(_finish_folder, folder, written, pure=False).result()


def _prepare_folder(folder: str) -> None:
    """Make the folder and take away its `_SUCCESS`: what it holds is being replaced."""
    fs, root = url_to_fs(folder)
    root = root.rstrip("/") or "/"
    fs.makedirs(root, exist_ok=True)
    with contextlib.suppress(FileNotFoundError):
        fs.rm_file(f"{root}/{SUCCESS}")


def _finish_folder(folder: str, written: set[str]) -> None:
    """Remove parts not written by this run and stray temporary files, then write `_SUCCESS`."""
    fs, root = url_to_fs(folder)
    root = root.rstrip("/") or "/"
    for path in fs.ls(root, detail=False):
        name = path.rstrip("/").rsplit("/", 1)[-1]
        stale = name.startswith("part-") and name.endswith(".jsonl") and name not in written
        if stale or (name.startswith(".part-") and name.endswith(".tmp")):
            fs.rm_file(path)
    with fs.open(f"{root}/{SUCCESS}", "wb"):
        pass


def _write_part(
    records: Iterable[dict[str, Any]], folder: str, index: int, sections: Sequence[Section]
) -> Part:
    """Write one partition's records to `part-NNNNN.jsonl`, atomically (on the worker)."""
    fs, root = url_to_fs(folder)
    root = root.rstrip("/") or "/"
    name = _PART.format(index)
    final, tmp = f"{root}/{name}", f"{root}/.{name}.{uuid.uuid4().hex}.tmp"
    count = failed = numbers = quotes = 0
    errors: list[str] = []
    try:
        with fs.open(tmp, "w", encoding="utf-8", newline="\n") as handle:
            writer = JsonLinesRenderer(handle, sections=sections)
            for data in records:
                record = ArticleRecord.model_validate(data)
                writer.write(record)
                count += 1
                numbers += len(record.numeric_claims)
                quotes += len(record.quotes)
                if record.error is not None:
                    failed += 1
                    errors.append(f"{record.error.type}: {record.error.message}")
            writer.close()
            if isinstance(fs, LocalFileSystem):
                os.fsync(handle.buffer.fileno())
        fs.mv(tmp, final)
    except BaseException:
        with contextlib.suppress(OSError):
            fs.rm_file(tmp)
        raise
    return Part(name, count, failed, numbers, quotes, tuple(errors))
