"""Turn paths, directories, stdin and JSON Lines into `Article`s; nothing downstream reads files.

Every input becomes exactly one `Article`. One that cannot be read or decoded carries an
`ErrorInfo` instead of text, so the batch goes on and the output still has its record:

| error type          | when                                                            |
| ------------------- | --------------------------------------------------------------- |
| `FileNotFoundError` | the path does not exist, or is a symbolic link to nothing       |
| `PermissionError`   | the file cannot be read or the directory cannot be listed       |
| `SymlinkLoop`       | a symbolic link that points back to itself                      |
| `NotAFile`          | a FIFO, socket or device named `*.txt` inside a directory      |
| `SymlinkOutside`    | a link in a directory to a text file or directory outside it   |
| `NoInput`           | a directory without `*.txt` files                               |
| `TooLarge`          | more than `MAX_INPUT_BYTES` bytes                               |
| `DecodeError`       | binary data, or bytes that contradict their byte-order mark     |
| `EmptyInput`        | no text, or only whitespace                                     |
| `InvalidJSON`       | a `.jsonl` line that is not JSON                                |
| `InvalidRecord`     | a `.jsonl` line without a string `text`, or with a bad `published` |
| `InvalidText`       | text with an unpaired UTF-16 surrogate (from JSON or the API)   |

Nothing is ever changed in a decoded text: offsets refer to it as decoded.
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import itertools
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import IO, BinaryIO

from .decoding import DecodeError as DecodeError
from .decoding import decode as decode
from .records import ErrorInfo, Source

STDIN = "-"
# No news article is this big; a bigger input is a mistake (a log, a dump, /dev/zero) and is
# refused before it is read whole into memory. A 5 MB text peaks at about 800 MB RSS.
MAX_INPUT_BYTES = 16 * 1024 * 1024

_SURROGATE = re.compile(r"[\ud800-\udfff]")
_LINE_END = re.compile(rb"\r\n|\r|\n")
_MIB = 1024 * 1024


@dataclass(frozen=True)
class Article:
    """One decoded input: its text and where it came from, or why it has none."""

    text: str
    source: Source
    published: date | None = None
    title: str | None = None
    error: ErrorInfo | None = field(default=None)


def shown(path: str) -> str:
    """A path as records and messages show it: undecodable bytes of a file name as `\\xNN`.

    Python decodes such bytes to lone surrogates, which JSON cannot carry; the file itself
    is still opened by its real name.
    """
    if _SURROGATE.search(path) is None:
        return path
    try:
        raw = path.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return path.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def failed_article(source: Source, kind: str, message: str) -> Article:
    return Article(text="", source=source, error=ErrorInfo(type=kind, message=message))


def unread_source(path: str | None = None, id: str | None = None, sha256: str = "") -> Source:
    path = shown(path) if path is not None else None
    return Source(path=path, id=id, sha256=sha256, encoding="unknown", chars=0)


def _too_large(source: Source, where: str, size: int | None = None) -> Article:
    how_big = f"{size / _MIB:.0f} MiB, " if size is not None else ""
    return failed_article(
        source,
        "TooLarge",
        f"{where}: too large ({how_big}more than {MAX_INPUT_BYTES // _MIB} MiB) for one "
        "article; split it into articles, e.g. a .jsonl file with one article a line",
    )


def _empty(source: Source, where: str, text: str) -> Article:
    what = "is empty" if not text else f"holds only whitespace ({len(text)} characters)"
    return failed_article(source, "EmptyInput", f"{where}: {what}; there is nothing to extract")


def article_from_bytes(
    data: bytes, *, path: str | None = None, id: str | None = None, published: date | None = None
) -> Article:
    """Decode one article's bytes; undecodable, empty or oversized ones become failed `Article`s."""
    where = path or id or "input"
    if len(data) > MAX_INPUT_BYTES:  # callers read at most one byte more than allowed
        return _too_large(unread_source(path, id), where)
    try:
        text, encoding = decode(data)
    except DecodeError as exc:
        return failed_article(
            unread_source(path, id, _sha256(data)), "DecodeError", f"{where}: {exc}"
        )
    source = Source(path=path, id=id, sha256=_sha256(data), encoding=encoding, chars=len(text))
    if not text.strip():
        return _empty(source, where, text)
    return Article(text=text, source=source, published=published)


def article_from_text(
    text: str,
    *,
    path: str | None = None,
    id: str | None = None,
    url: str | None = None,
    published: date | None = None,
    title: str | None = None,
) -> Article:
    """Wrap text that is already decoded (the Python API, JSON inputs).

    Text with an unpaired surrogate (possible in JSON and in Python strings, never in
    decoded bytes) is not Unicode text; it fails with `InvalidText` instead of crashing
    the parser. Empty or blank text fails with `EmptyInput`, as an empty file does.
    """
    data = text.encode("utf-8", errors="surrogatepass")
    source = Source(
        path=path, id=id, url=url, sha256=_sha256(data), encoding="utf-8", chars=len(text)
    )
    where = id or path or "text"
    problem = _surrogate_problem(text)
    if problem is not None:
        return failed_article(source, "InvalidText", f"{where}: {problem}")
    if not text.strip():
        return _empty(source, where, text)
    return Article(text=text, source=source, published=published, title=title)


def _surrogate_problem(text: str) -> str | None:
    surrogate = _SURROGATE.search(text)
    if surrogate is None:
        return None
    return (
        f"the text holds an unpaired surrogate (U+{ord(surrogate.group()):04X}) at character "
        f"{surrogate.start()}, which is not Unicode text; fix the encoder that produced it"
    )


def os_error_kind(path: str, exc: OSError) -> tuple[str, str]:
    """An `OSError` on `path` as (error type, message naming the path and the reason)."""
    where = shown(path)
    if exc.errno == errno.ELOOP:
        return "SymlinkLoop", f"{where}: symbolic link loop (the link leads back to itself)"
    if isinstance(exc, FileNotFoundError):
        if os.path.islink(path):
            return "FileNotFoundError", f"{where}: broken symbolic link (its target is missing)"
        return "FileNotFoundError", f"{where}: no such file or directory"
    reason = exc.strerror or str(exc) or type(exc).__name__
    return type(exc).__name__, f"{where}: cannot read: {reason}"


def read_file(path: Path, *, published: date | None = None, listed: bool = False) -> Article:
    """Read and decode one text file, reading at most `MAX_INPUT_BYTES` + 1 bytes.

    A file found in a directory (`listed`) is opened without blocking and must be a
    regular file on the open handle: a FIFO swapped in after the directory was read would
    otherwise wait forever for a writer. A path named by the user is opened as it is, so
    that a FIFO or `<(command)` can be read.
    """
    where = shown(str(path))
    try:
        if listed:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
            handle = os.fdopen(fd, "rb")
        else:
            handle = path.open("rb")
        with handle:
            info = os.fstat(handle.fileno())
            if listed and not stat.S_ISREG(info.st_mode):
                return _not_a_file(str(path))
            if stat.S_ISREG(info.st_mode) and info.st_size > MAX_INPUT_BYTES:
                return _too_large(unread_source(where), where, info.st_size)
            data = handle.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        return failed_article(unread_source(where), *os_error_kind(str(path), exc))
    return article_from_bytes(data, path=where, published=published)


def _not_a_file(path: str) -> Article:
    return failed_article(
        unread_source(path),
        "NotAFile",
        f"{shown(path)}: not a regular file (a FIFO, socket or device), so not read; "
        "name it on the command line to read it",
    )


_JSON_TYPES = {bool: "true/false", int: "a number", float: "a number", list: "an array"}


def _published(obj: dict[str, object]) -> date | None:
    """The one rule for `"published"`: absent, null or "" mean no date; else a string with
    an ISO 8601 date ("2019-04-12", a date-time "2019-04-12T09:30:00Z", "20190412")."""
    value = obj.get("published")
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        kind = _JSON_TYPES.get(type(value), "an object")
        raise ValueError(
            f"'published' must be a date string such as \"2019-04-12\" or null, "
            f"not {kind} ({json.dumps(value)[:40]})"
        )
    text = value.strip()
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    try:  # a date-time with more precision than Python reads
        if len(text) > 10 and text[10] in "Tt ":
            return date.fromisoformat(text[:10])
    except ValueError:
        pass
    raise ValueError(f"'published' is not an ISO 8601 date such as \"2019-04-12\": {value!r}")


def bounded_lines(handle: IO[bytes], limit: int) -> Iterator[bytes]:
    """The `\n`-ended lines of a UTF-8 `handle` without their line ends (as `jsonl_lines`
    gives them), read one at a time so that `handle.tell()` follows them (a block of a file
    read on its own); a line longer than `limit` bytes is cut to `limit` + 1 bytes and the
    rest of it skipped. `jsonl_lines` reads whole files, whatever their line ends."""
    while line := handle.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := handle.readline(_MIB)) and not rest.endswith(b"\n"):
                pass
        yield line.removesuffix(b"\n").removesuffix(b"\r")


def jsonl_lines(handle: BinaryIO, limit: int) -> Iterator[bytes]:
    """The lines of a JSON Lines file as UTF-8 bytes, without their line ends.

    A line ends at `\n`, `\r\n` or a lone `\r` (JSON strings cannot hold a raw one).
    UTF-16 and UTF-32 files (PowerShell writes UTF-16), with or without a BOM, are decoded
    as they are read; a UTF-8 BOM is dropped. A line longer than `limit` bytes is cut to
    `limit` + 1 bytes and the rest of it skipped, so one huge line is never held whole.
    """
    head = handle.read(4)
    encoding = json.detect_encoding(head) if head else "utf-8"
    if encoding == "utf-8-sig":
        head = head[len(codecs.BOM_UTF8) :]
    chunks: Iterator[bytes] = itertools.chain([head], iter(lambda: handle.read(_MIB), b""))
    if not encoding.startswith("utf-8"):
        chunks = _recoded(chunks, encoding)
    return _split_lines(chunks, limit)


def _recoded(chunks: Iterable[bytes], encoding: str) -> Iterator[bytes]:
    """UTF-16/32 chunks as UTF-8; a lone surrogate stays invalid and fails its line."""
    decoder = codecs.getincrementaldecoder(encoding)("surrogatepass")
    for chunk in chunks:
        yield decoder.decode(chunk).encode("utf-8", "surrogatepass")
    yield decoder.decode(b"", final=True).encode("utf-8", "surrogatepass")


def _split_lines(chunks: Iterable[bytes], limit: int) -> Iterator[bytes]:
    buffer = b""
    skipping = after_cr = False
    for chunk in chunks:
        if after_cr and chunk.startswith(b"\n"):  # the \r\n was cut between two chunks
            chunk = chunk[1:]
        if chunk:
            after_cr = chunk.endswith(b"\r")
        *complete, partial = _LINE_END.split(chunk)
        for part in complete:
            if not skipping:
                yield (buffer + part)[: limit + 1]
            buffer, skipping = b"", False
        if skipping:
            continue
        buffer += partial
        if len(buffer) > limit:
            yield buffer[: limit + 1]
            buffer, skipping = b"", True
    if buffer and not skipping:
        yield buffer


def read_jsonl(
    lines: Iterable[bytes], *, path: str, published: date | None = None, first_line: int = 1
) -> Iterator[Article]:
    """One `Article` per non-empty line of `{"id", "text", "published"?, "title"?, "url"?}`.

    A bad line yields a failed article whose message names `path:line`; the other lines
    are read as usual. `first_line` is the number of the first of `lines` in the file
    (a part of a file read on its own, as `mppclaims.dask` does).
    """
    for lineno, raw in enumerate(lines, first_line):
        if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]  # a BOM before the first line, as Windows editors write it
        if not raw.strip():
            continue
        where = f"{path}:{lineno}"
        source = unread_source(path, where, _sha256(raw))
        if len(raw.rstrip(b"\r\n")) > MAX_INPUT_BYTES:
            yield _too_large(unread_source(path, where), where)
            continue
        try:
            obj = json.loads(raw)
        except (ValueError, RecursionError) as exc:  # JSONDecodeError, bad UTF-8, deep nesting
            reason = exc if isinstance(exc, ValueError) else "nested too deeply"
            yield failed_article(source, "InvalidJSON", f"{where}: not valid JSON: {reason}")
            continue
        if not isinstance(obj, dict):
            yield failed_article(source, "InvalidRecord", f"{where}: expected a JSON object")
            continue
        text = obj.get("text")
        if not isinstance(text, str):
            missing = "has no 'text'" if text is None else "'text' is not a string"
            yield failed_article(source, "InvalidRecord", f"{where}: {missing}")
            continue
        problem = _surrogate_problem(text)
        if problem is not None:
            yield failed_article(source, "InvalidText", f"{where}: {problem}")
            continue
        article_id = obj.get("id")
        try:
            stated = _published(obj)
        except ValueError as exc:
            yield failed_article(source, "InvalidRecord", f"{where}: {exc}")
            continue
        title, url = obj.get("title"), obj.get("url")
        article = article_from_text(
            text,
            path=path,
            id=str(article_id) if article_id is not None else where,
            url=url if isinstance(url, str) else None,
            published=stated or published,
            title=title if isinstance(title, str) else None,
        )
        yield article if text.strip() else _empty(article.source, where, text)


def _list_directory(directory: str) -> list[os.DirEntry[str]]:
    with os.scandir(directory) as entries:
        return sorted(entries, key=lambda entry: entry.name)


def _is_directory(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # follows symbolic links
    except OSError:  # a link loop: reported if its name asks to be read
        return False


def _is_text_name(name: str) -> bool:
    return name.lower().endswith(".txt")


def _is_jsonl_name(name: str) -> bool:
    return name.lower().endswith(".jsonl")


def file_id(path: str | None) -> tuple[int, int] | None:
    """(device, inode) of an existing file, else None."""
    if path is None:
        return None
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _leaves(entry: os.DirEntry[str], root: str) -> Article | None:
    """A failed article if `entry` is a symbolic link to a `*.txt` file or a directory
    outside `root` (not followed: `/etc/passwd` has no place in a batch of articles)."""
    target = os.path.realpath(entry.path)
    if _inside(target, root) or not (_is_text_name(entry.name) or os.path.isdir(target)):
        return None
    return failed_article(
        unread_source(entry.path),
        "SymlinkOutside",
        f"{shown(entry.path)}: a symbolic link to {shown(target)}, outside the directory "
        "given, so not followed (--follow-symlinks follows it)",
    )


def walk_texts(
    directory: str, *, follow_symlinks: bool = False, skip: tuple[int, int] | None = None
) -> Iterator[str | Article]:
    """The `*.txt` paths below `directory`, depth first in name order, one at a time.

    Only one directory's listing is held at a time per level. Each directory is walked once,
    so symbolic-link loops end; a directory that cannot be listed, or a tree without any
    text file, comes out as a failed article. Symbolic links that lead out of `directory`
    are reported, not followed, unless `follow_symlinks`. The file `skip` (device, inode:
    the output being written) is left out.
    """
    root = os.path.realpath(directory)
    seen: set[tuple[int, int]] = set()
    stack: list[Iterator[os.DirEntry[str]]] = []
    found = 0

    def enter(folder: str) -> Article | None:
        try:
            info = os.stat(folder)
            if (info.st_dev, info.st_ino) in seen:
                return None
            seen.add((info.st_dev, info.st_ino))
            stack.append(iter(_list_directory(folder)))
        except OSError as exc:
            kind, _ = os_error_kind(folder, exc)
            reason = exc.strerror or type(exc).__name__
            message = f"{shown(folder)}: cannot list directory: {reason}"
            return failed_article(unread_source(folder), kind, message)
        return None

    failure = enter(directory)
    if failure is not None:
        yield failure
        return
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if not follow_symlinks and entry.is_symlink():
            outside = _leaves(entry, root)
            if outside is not None:
                found += 1
                yield outside
                continue
        if _is_directory(entry):
            failure = enter(entry.path)
            if failure is not None:
                found += 1
                yield failure
            continue
        if _is_text_name(entry.name):
            if skip is not None and entry.inode() == skip[1] and file_id(entry.path) == skip:
                continue
            found += 1
            yield entry.path
    if not found:
        message = f"{shown(directory)}: directory holds no .txt files"
        yield failed_article(unread_source(directory), "NoInput", message)


def read_listed(path: str, *, published: date | None) -> Article:
    """Read a file found in a directory; FIFOs, sockets and devices are not opened."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return failed_article(unread_source(path), *os_error_kind(path, exc))
    if not stat.S_ISREG(mode):
        return _not_a_file(path)
    return read_file(Path(path), published=published, listed=True)


def _directory_articles(
    directory: str,
    *,
    published: date | None,
    follow_symlinks: bool,
    skip: tuple[int, int] | None,
) -> Iterator[Article]:
    """One article per `*.txt` file below `directory` (see `walk_texts`), streamed."""
    for item in walk_texts(directory, follow_symlinks=follow_symlinks, skip=skip):
        yield item if isinstance(item, Article) else read_listed(item, published=published)


def count_inputs(
    paths: Iterable[str], *, follow_symlinks: bool = False, skip: str | None = None
) -> int:
    """How many records `iter_articles(paths, ...)` will yield, without reading any article.

    For progress bars: it walks directories and counts JSON Lines, nothing more.
    """
    skipped = file_id(skip)
    count = 0
    for raw in paths:
        try:
            is_dir = raw != STDIN and stat.S_ISDIR(os.stat(raw).st_mode)
        except OSError:
            is_dir = False
        if is_dir:
            walk = walk_texts(raw, follow_symlinks=follow_symlinks, skip=skipped)
            count += sum(1 for _ in walk)
        elif raw != STDIN and _is_jsonl_name(raw) and os.path.isfile(raw):
            try:
                with open(raw, "rb") as handle:
                    lines = jsonl_lines(handle, MAX_INPUT_BYTES)
                    count += sum(1 for line in lines if line.strip())
            except OSError:
                count += 1
        else:
            count += 1
    return count


def iter_articles(
    paths: Iterable[str],
    *,
    published: date | None = None,
    stdin: BinaryIO | None = None,
    follow_symlinks: bool = False,
    skip: str | None = None,
) -> Iterator[Article]:
    """Expand the CLI's PATH arguments into articles, in order, one per input.

    A directory contributes its `*.txt` files (recursively, sorted, streamed; symbolic
    links that leave it only with `follow_symlinks`; the file `skip`, the output being
    written, left out); a `.jsonl` file one article per line; `-` the bytes of stdin.
    Suffixes are matched in any case. A path that does not exist, or a directory without
    text files, yields one failed article so the user sees it in the output.
    """
    skipped = file_id(skip)
    for raw in paths:
        if raw == STDIN:
            data = stdin.read(MAX_INPUT_BYTES + 1) if stdin is not None else b""
            yield article_from_bytes(data, id="<stdin>", published=published)
            continue
        path = Path(raw)
        try:
            mode = os.stat(raw).st_mode
        except OSError as exc:
            yield failed_article(unread_source(raw), *os_error_kind(raw, exc))
            continue
        if stat.S_ISDIR(mode):
            yield from _directory_articles(
                raw, published=published, follow_symlinks=follow_symlinks, skip=skipped
            )
        elif _is_jsonl_name(raw):
            try:
                with path.open("rb") as handle:
                    yield from read_jsonl(
                        jsonl_lines(handle, MAX_INPUT_BYTES),
                        path=shown(raw),
                        published=published,
                    )
            except OSError as exc:
                yield failed_article(unread_source(raw), *os_error_kind(raw, exc))
        else:
            yield read_file(path, published=published)
