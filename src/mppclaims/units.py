"""Inputs as units of work that another process reads: local paths, fsspec URLs, .jsonl ranges.

`plan` turns one input as the CLI names it into units, listing directories but reading no
article; `articles` reads a unit into `Article`s, anywhere (a Dask worker), with the readers
of `mppclaims.inputs`, so a file decodes as in a local run. A `.jsonl` file is cut into
byte ranges (`JsonlBlock`) whose lines keep their numbers in the whole file: the lines
before a range are counted apart (`count_newlines`). Needs fsspec (the `dask` extra).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, BinaryIO

import fsspec
from fsspec.core import split_protocol, url_to_fs

from .inputs import (
    MAX_INPUT_BYTES,
    STDIN,
    Article,
    article_from_bytes,
    bounded_lines,
    failed_article,
    iter_articles,
    os_error_kind,
    read_jsonl,
    read_listed,
    shown,
    unread_source,
    walk_texts,
)

# The smallest range a .jsonl file is cut into to share it among workers (~12 articles).
MIN_BLOCK_BYTES = 64 * 1024
_GLOB_CHARS = frozenset("*?[")
_MIB = 1024 * 1024


@dataclass(frozen=True)
class LocalPath:
    """A local path read as `iter_articles` reads it: a single file, or one the client
    cannot see (the workers may)."""

    path: str


@dataclass(frozen=True)
class ListedFile:
    """A `*.txt` file found in a local directory."""

    path: str


@dataclass(frozen=True)
class RemoteFile:
    """A text file behind an fsspec URL."""

    url: str


@dataclass(frozen=True)
class JsonlBlock:
    """The lines of a `.jsonl` file that start in bytes [start, end) (end None: to the end).

    `index` is the block's place in its file; the lines before it are counted on the workers.
    """

    path: str
    url: bool
    start: int
    end: int | None
    index: int


Unit = Article | LocalPath | ListedFile | RemoteFile | JsonlBlock


# Planning: inputs -> units, on the client (or on a worker for the items of a user's Bag).


def is_url(raw: str) -> bool:
    """Whether an input names an fsspec URL (`s3://...`, `file://...`) rather than a path."""
    return split_protocol(raw)[0] is not None


def plan(
    raw: str,
    *,
    blocksize: int | None,
    min_blocks: int = 1,
    stdin: BinaryIO | None = None,
    published: date | None = None,
    follow_symlinks: bool = False,
    skip: tuple[int, int] | None = None,
) -> Iterator[Unit]:
    """The units of one input as the CLI names it: a path, a directory, a .jsonl, a URL, -.

    A directory's symbolic links that leave it are followed only with `follow_symlinks`;
    the file `skip` (device, inode: the output being written) is left out of it."""
    if raw == STDIN:
        yield from iter_articles([STDIN], stdin=stdin, published=published)
    elif is_url(raw):
        yield from _plan_url(raw, blocksize, min_blocks)
    else:
        yield from _plan_local(raw, blocksize, min_blocks, follow_symlinks, skip)


def _plan_local(
    raw: str,
    blocksize: int | None,
    min_blocks: int,
    follow_symlinks: bool = False,
    skip: tuple[int, int] | None = None,
) -> Iterator[Unit]:
    try:
        info = os.stat(raw)
    except OSError:  # the workers may see it; if not, they report why
        yield LocalPath(raw)
        return
    if stat.S_ISDIR(info.st_mode):
        for item in walk_texts(raw, follow_symlinks=follow_symlinks, skip=skip):
            yield item if isinstance(item, Article) else ListedFile(item)
    elif Path(raw).suffix == ".jsonl" and stat.S_ISREG(info.st_mode):
        yield from _blocks(raw, False, info.st_size, blocksize, min_blocks)
    else:
        yield LocalPath(raw)


def _plan_url(raw: str, blocksize: int | None, min_blocks: int) -> Iterator[Unit]:
    """A file, a directory (its `*.txt`, recursively, in name order) or a glob behind a URL."""
    try:
        fs, root = url_to_fs(raw)
        if _GLOB_CHARS.intersection(root):
            matches = sorted(fs.glob(root))
            if not matches:
                yield failed_article(
                    unread_source(raw), "FileNotFoundError", f"{raw}: no file matches"
                )
            for match in matches:
                yield from _plan_url(fs.unstrip_protocol(match), blocksize, min_blocks)
            return
        info = fs.info(root)
        if info.get("type") == "directory":
            yield from _plan_remote_directory(raw, fs, root)
        elif root.endswith(".jsonl"):
            yield from _blocks(raw, True, int(info.get("size") or 0), blocksize, min_blocks)
        else:
            yield RemoteFile(raw)
    except OSError as exc:
        yield failed_article(unread_source(raw), *os_error_kind(raw, exc))
    except (ImportError, ValueError) as exc:  # no backend installed for this protocol
        yield failed_article(unread_source(raw), "UnsupportedURL", f"{raw}: cannot read: {exc}")


def _plan_remote_directory(raw: str, fs: fsspec.AbstractFileSystem, root: str) -> Iterator[Unit]:
    base = root.rstrip("/")
    relative = [path[len(base) :].lstrip("/") for path in fs.find(root)]
    texts = sorted((r for r in relative if r.endswith(".txt")), key=lambda r: r.split("/"))
    for name in texts:
        yield RemoteFile(f"{raw.rstrip('/')}/{name}")
    if not texts:
        message = f"{raw}: directory holds no .txt files"
        yield failed_article(unread_source(raw), "NoInput", message)


def _blocks(
    path: str, url: bool, size: int, blocksize: int | None, min_blocks: int
) -> Iterator[JsonlBlock]:
    """Ranges of at most `blocksize` bytes, smaller (down to `MIN_BLOCK_BYTES`) when that
    makes fewer than `min_blocks`: a small file is still shared among the workers."""
    if blocksize is not None:
        blocksize = min(blocksize, max(MIN_BLOCK_BYTES, -(-size // max(1, min_blocks))))
    if blocksize is None or size <= blocksize:
        yield JsonlBlock(path, url, 0, None, 0)
        return
    starts = range(0, size, blocksize)
    for index, start in enumerate(starts):
        end = start + blocksize if index < len(starts) - 1 else None
        yield JsonlBlock(path, url, start, end, index)


# Reading, on the workers.


def _open(path: str, url: bool) -> contextlib.AbstractContextManager[IO[bytes]]:
    return fsspec.open(path, "rb") if url else open(path, "rb")


def articles(unit: Unit, published: date | None, lines_before: int = 0) -> Iterator[Article]:
    if isinstance(unit, Article):
        yield unit
    elif isinstance(unit, LocalPath):
        yield from iter_articles([unit.path], published=published)
    elif isinstance(unit, ListedFile):
        yield read_listed(unit.path, published=published)
    elif isinstance(unit, RemoteFile):
        yield _read_remote(unit.url, published)
    else:
        yield from _read_block(unit, published, lines_before)


def _read_remote(url: str, published: date | None) -> Article:
    try:
        with fsspec.open(url, "rb") as handle:
            data = handle.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        return failed_article(unread_source(url), *os_error_kind(url, exc))
    except (ImportError, ValueError) as exc:
        return failed_article(unread_source(url), "UnsupportedURL", f"{url}: cannot read: {exc}")
    return article_from_bytes(data, path=url, published=published)


def _skip_partial_line(handle: IO[bytes]) -> None:
    """Move to the start of the next line, never holding a long line whole."""
    while (piece := handle.readline(_MIB)) and not piece.endswith(b"\n"):
        pass


def _read_block(block: JsonlBlock, published: date | None, lines_before: int) -> Iterator[Article]:
    """The articles of the lines that start in the block, numbered as in the whole file."""
    where = block.path if block.url else shown(block.path)
    try:
        with _open(block.path, block.url) as handle:
            first = lines_before + 1
            if block.start > 0:
                handle.seek(block.start - 1)  # the byte before: is the block at a line start?
                _skip_partial_line(handle)
                first += handle.tell() > block.start
            lines = bounded_lines(handle, MAX_INPUT_BYTES)
            end = block.end

            def owned() -> Iterator[bytes]:
                while end is None or handle.tell() < end:
                    line = next(lines, None)
                    if line is None:
                        return
                    yield line

            yield from read_jsonl(owned(), path=where, published=published, first_line=first)
    except OSError as exc:
        yield failed_article(unread_source(where), *os_error_kind(block.path, exc))


def count_newlines(path: str, url: bool, start: int, end: int | None) -> int:
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


def prefix_sums(counts: Sequence[int]) -> list[int]:
    return [0, *itertools.accumulate(counts)]
