"""Extraction on a Dask cluster: a Bag of record dicts, JSON Lines part files, ordered streaming.

    import mppclaims.dask
    bag = mppclaims.dask.extract_bag(["s3://bucket/news/", "local/archive.jsonl"])
    mppclaims.dask.to_jsonl(bag, "s3://bucket/claims/")   # part-00000.jsonl ... _SUCCESS

The only module that imports Dask (the `dask` extra). Inputs are planned on the client
(directories listed, `.jsonl` files cut into byte ranges) and read on the workers with the
readers of `mppclaims.inputs`, so a file decodes as in a local run and a cluster reads its
own storage. Each partition is parsed with one `extract_many` (`nlp.pipe`) in a worker
process that loads the model once (`ModelPlugin`, and `nlp.load`'s per-process cache).
Records equal a local run's, one per input, in input order.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import stat
import threading
import uuid
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any, BinaryIO

import dask.bag as db
import fsspec
from dask.base import compute
from dask.delayed import Delayed, delayed
from distributed import Client, Future, LocalCluster, as_completed
from distributed.diagnostics.plugin import WorkerPlugin
from fsspec.core import split_protocol, url_to_fs
from fsspec.implementations.local import LocalFileSystem

from .api import DEFAULT_BATCH_SIZE, extract_many
from .inputs import (
    MAX_INPUT_BYTES,
    STDIN,
    Article,
    _bounded_lines,
    _failed,
    _os_error,
    _read_listed,
    _unread,
    _walk_texts,
    article_from_bytes,
    article_from_text,
    iter_articles,
    read_jsonl,
    shown,
)
from .nlp import load
from .records import ArticleRecord
from .render import ALL_SECTIONS, JsonLinesRenderer, Section

__all__ = [
    "INSTALL_HINT",
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

INSTALL_HINT = "pip install 'mppclaims[dask]'"
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
_GLOB_CHARS = frozenset("*?[")
_MIB = 1024 * 1024

# One extraction at a time per worker process: spaCy's vocabulary and memory zones are not
# thread-safe, and a worker started with several threads shares one pipeline.
_LOCK = threading.Lock()


@dataclass(frozen=True)
class _Path:
    """A local path read on the worker as `iter_articles` reads it (the client cannot see it,
    or it is a single file)."""

    path: str


@dataclass(frozen=True)
class _Listed:
    """A `*.txt` file found in a local directory."""

    path: str


@dataclass(frozen=True)
class _Remote:
    """A text file behind an fsspec URL."""

    url: str


@dataclass(frozen=True)
class _Block:
    """The lines of a `.jsonl` file that start in bytes [start, end) (end None: to the end).

    `index` is the block's place in its file; the lines before it are counted on the workers.
    """

    path: str
    url: bool
    start: int
    end: int | None
    index: int


_Unit = Article | _Path | _Listed | _Remote | _Block


@dataclass(frozen=True)
class _Options:
    model: str | None
    published: date | None
    batch_size: int
    raise_errors: bool


@dataclass(frozen=True)
class Part:
    """One written part file: its name, its counts, and the `type: message` of its failures."""

    name: str
    records: int
    failed: int
    numbers: int
    quotes: int
    errors: tuple[str, ...]


# Planning: inputs -> units, on the client (or on a worker for the items of a user's Bag).


def is_url(raw: str) -> bool:
    """Whether an input names an fsspec URL (`s3://...`, `file://...`) rather than a path."""
    return split_protocol(raw)[0] is not None


def _plan(
    raw: str,
    *,
    blocksize: int | None,
    stdin: BinaryIO | None = None,
    published: date | None = None,
) -> Iterator[_Unit]:
    """The units of one input as the CLI names it: a path, a directory, a .jsonl, a URL, -."""
    if raw == STDIN:
        yield from iter_articles([STDIN], stdin=stdin, published=published)
    elif is_url(raw):
        yield from _plan_url(raw, blocksize)
    else:
        yield from _plan_local(raw, blocksize)


def _plan_local(raw: str, blocksize: int | None) -> Iterator[_Unit]:
    try:
        info = os.stat(raw)
    except OSError:  # the workers may see it; if not, they report why
        yield _Path(raw)
        return
    if stat.S_ISDIR(info.st_mode):
        for item in _walk_texts(raw):
            yield item if isinstance(item, Article) else _Listed(item)
    elif Path(raw).suffix == ".jsonl" and stat.S_ISREG(info.st_mode):
        yield from _blocks(raw, False, info.st_size, blocksize)
    else:
        yield _Path(raw)


def _plan_url(raw: str, blocksize: int | None) -> Iterator[_Unit]:
    """A file, a directory (its `*.txt`, recursively, in name order) or a glob behind a URL."""
    try:
        fs, root = url_to_fs(raw)
        if _GLOB_CHARS.intersection(root):
            matches = sorted(fs.glob(root))
            if not matches:
                yield _failed(_unread(raw), "FileNotFoundError", f"{raw}: no file matches")
            for match in matches:
                yield from _plan_url(fs.unstrip_protocol(match), blocksize)
            return
        info = fs.info(root)
        if info.get("type") == "directory":
            yield from _plan_remote_directory(raw, fs, root)
        elif root.endswith(".jsonl"):
            yield from _blocks(raw, True, int(info.get("size") or 0), blocksize)
        else:
            yield _Remote(raw)
    except OSError as exc:
        yield _failed(_unread(raw), *_os_error(raw, exc))
    except (ImportError, ValueError) as exc:  # no backend installed for this protocol
        yield _failed(_unread(raw), "UnsupportedURL", f"{raw}: cannot read: {exc}")


def _plan_remote_directory(raw: str, fs: fsspec.AbstractFileSystem, root: str) -> Iterator[_Unit]:
    base = root.rstrip("/")
    relative = [path[len(base) :].lstrip("/") for path in fs.find(root)]
    texts = sorted((r for r in relative if r.endswith(".txt")), key=lambda r: r.split("/"))
    for name in texts:
        yield _Remote(f"{raw.rstrip('/')}/{name}")
    if not texts:
        message = f"{raw}: directory holds no .txt files"
        yield _failed(_unread(raw), "NoInput", message)


def _blocks(path: str, url: bool, size: int, blocksize: int | None) -> Iterator[_Block]:
    if blocksize is None or size <= blocksize:
        yield _Block(path, url, 0, None, 0)
        return
    starts = range(0, size, blocksize)
    for index, start in enumerate(starts):
        end = start + blocksize if index < len(starts) - 1 else None
        yield _Block(path, url, start, end, index)


# Reading, on the workers.


def _open(path: str, url: bool) -> contextlib.AbstractContextManager[IO[bytes]]:
    return fsspec.open(path, "rb") if url else open(path, "rb")


def _articles(unit: _Unit, published: date | None, lines_before: int = 0) -> Iterator[Article]:
    if isinstance(unit, Article):
        yield unit
    elif isinstance(unit, _Path):
        yield from iter_articles([unit.path], published=published)
    elif isinstance(unit, _Listed):
        yield _read_listed(unit.path, published=published)
    elif isinstance(unit, _Remote):
        yield _read_remote(unit.url, published)
    else:
        yield from _read_block(unit, published, lines_before)


def _read_remote(url: str, published: date | None) -> Article:
    try:
        with fsspec.open(url, "rb") as handle:
            data = handle.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        return _failed(_unread(url), *_os_error(url, exc))
    except (ImportError, ValueError) as exc:
        return _failed(_unread(url), "UnsupportedURL", f"{url}: cannot read: {exc}")
    return article_from_bytes(data, path=url, published=published)


def _skip_partial_line(handle: IO[bytes]) -> None:
    """Move to the start of the next line, never holding a long line whole."""
    while (piece := handle.readline(_MIB)) and not piece.endswith(b"\n"):
        pass


def _read_block(block: _Block, published: date | None, lines_before: int) -> Iterator[Article]:
    """The articles of the lines that start in the block, numbered as in the whole file."""
    where = block.path if block.url else shown(block.path)
    try:
        with _open(block.path, block.url) as handle:
            first = lines_before + 1
            if block.start > 0:
                handle.seek(block.start - 1)  # the byte before: is the block at a line start?
                _skip_partial_line(handle)
                first += handle.tell() > block.start
            lines = _bounded_lines(handle, MAX_INPUT_BYTES)  # type: ignore[arg-type]
            end = block.end

            def owned() -> Iterator[bytes]:
                while end is None or handle.tell() < end:
                    line = next(lines, None)
                    if line is None:
                        return
                    yield line

            yield from read_jsonl(owned(), path=where, published=published, first_line=first)
    except OSError as exc:
        yield _failed(_unread(where), *_os_error(block.path, exc))


def _count_newlines(path: str, url: bool, start: int, end: int | None) -> int:
    """Line breaks in bytes [start, end) of a file (0 if it cannot be read: reading reports it)."""
    count, position = 0, start
    try:
        with _open(path, url) as handle:
            handle.seek(start)
            while end is None or position < end:
                want = _MIB if end is None else min(_MIB, end - position)
                data = handle.read(want)
                if not data:
                    break
                count += data.count(b"\n")
                position += len(data)
    except OSError:
        return 0
    return count


def _prefix_sums(counts: Sequence[int]) -> list[int]:
    return [0, *itertools.accumulate(counts)]


def _records(articles: Iterable[Article], options: _Options) -> list[dict[str, Any]]:
    with _LOCK:
        nlp = load(options.model)
        records = extract_many(
            articles, nlp=nlp, batch_size=options.batch_size, raise_errors=options.raise_errors
        )
        return [record.model_dump(mode="json") for record in records]


def _extract_units(
    units: Sequence[_Unit], prefix: Sequence[int] | None, options: _Options
) -> list[dict[str, Any]]:
    """One partition: the records of its units, in order."""

    def articles() -> Iterator[Article]:
        for unit in units:
            before = prefix[unit.index] if isinstance(unit, _Block) and prefix else 0
            yield from _articles(unit, options.published, before)

    return _records(articles(), options)


def _extract_items(items: Iterable[str | Article], options: _Options, texts: bool) -> list[Any]:
    """One partition of a user's Bag: paths and URLs (or texts), planned and read here."""

    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, Article):
                yield item
            elif texts:
                yield article_from_text(item, published=options.published)
            else:
                for unit in _plan(item, blocksize=None):
                    yield from _articles(unit, options.published)

    return _records(articles(), options)


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
) -> db.Bag:
    """A Bag of record dicts (`ArticleRecord.model_dump(mode="json")`), one per input, in order.

    Strings are what `mppclaims extract` takes: files, directories, `.jsonl` files, fsspec
    URLs (`s3://bucket/news/`, globs too), `-` for `stdin`; with `texts=True` they are article
    texts, as in `mppclaims.extract_many`. `Article`s (`mppclaims.inputs`) are taken as they
    are. Directories are listed here and files read on the workers, at most `partition_size`
    to a partition and fewer when that makes fewer than `min_partitions` (give a few per
    worker); a `.jsonl` file is cut into `blocksize`-byte partitions. A Bag of such items is
    mapped partition by partition (everything then happens on the workers). `model` names
    the spaCy pipeline the workers load (default: as `mppclaims.nlp.resolve_model` finds
    it there).
    """
    options = _Options(model, published, batch_size, raise_errors)
    if isinstance(paths_or_texts, db.Bag):
        mapped: db.Bag = paths_or_texts.map_partitions(_extract_items, options, texts)
        return mapped
    units = list(_units(paths_or_texts, texts, published, blocksize, stdin))
    files = sum(not isinstance(unit, _Block) for unit in units)
    size = max(1, min(partition_size, -(-files // max(1, min_partitions))))
    partitions: list[Delayed] = []
    small: list[_Unit] = []
    blocks: list[_Block] = []

    def flush() -> None:
        if small:
            partitions.append(delayed(_extract_units)(tuple(small), None, options))
            small.clear()
        if blocks:
            partitions.extend(_block_partitions(blocks, options))
            blocks.clear()

    for unit in units:
        if isinstance(unit, _Block):
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


def _units(
    inputs: Iterable[str | Article],
    texts: bool,
    published: date | None,
    blocksize: int,
    stdin: BinaryIO | None,
) -> Iterator[_Unit]:
    for item in inputs:
        if isinstance(item, Article):
            yield item
        elif texts:
            yield article_from_text(item, published=published)
        else:
            yield from _plan(item, blocksize=blocksize, stdin=stdin, published=published)


def _block_partitions(blocks: Sequence[_Block], options: _Options) -> list[Delayed]:
    """One partition per block of a .jsonl file; with several, their lines are counted first."""
    prefix: Delayed | None = None
    if len(blocks) > 1:
        counts = [delayed(_count_newlines)(b.path, b.url, b.start, b.end) for b in blocks[:-1]]
        prefix = delayed(_prefix_sums)(counts)
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
    sees half a part; parts of an earlier, longer run in the folder are removed.
    """
    fs, root = url_to_fs(folder)
    root = root.rstrip("/") or "/"
    fs.makedirs(root, exist_ok=True)
    with contextlib.suppress(FileNotFoundError):
        fs.rm_file(f"{root}/{SUCCESS}")
    tasks = [
        delayed(_write_part)(part, folder, index, tuple(sections))
        for index, part in enumerate(bag.to_delayed())
    ]
    if client is None:
        with contextlib.suppress(ValueError):
            client = Client.current()
    written: set[str] = set()
    if client is None:
        for part in compute(*tasks):
            written.add(part.name)
            yield part
    else:
        for future in as_completed(client.compute(tasks)):
            part = future.result()
            written.add(part.name)
            yield part
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
