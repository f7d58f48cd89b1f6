"""Turn paths, directories, stdin and JSON Lines into `Article`s; nothing downstream reads files.

Every input becomes exactly one `Article`. One that cannot be read or decoded carries an
`ErrorInfo` instead of text, so the batch goes on and the output still has its record:

| error type          | when                                                            |
| ------------------- | --------------------------------------------------------------- |
| `FileNotFoundError` | the path does not exist, or is a symbolic link to nothing       |
| `PermissionError`   | the file cannot be read or the directory cannot be listed       |
| `SymlinkLoop`       | a symbolic link that points back to itself                      |
| `NotAFile`          | a FIFO, socket or device named `*.txt` inside a directory      |
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

import errno
import hashlib
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import BinaryIO

from .records import ErrorInfo, Source

STDIN = "-"
# No news article is this big; a bigger input is a mistake (a log, a dump, /dev/zero) and is
# refused before it is read whole into memory. A 5 MB text peaks at about 800 MB RSS.
MAX_INPUT_BYTES = 16 * 1024 * 1024
# Decoded text in which a larger share of the characters are control characters is binary.
# Ordinary text has none; random bytes decoded as latin-1 have about a quarter.
MAX_CONTROL_SHARE = 0.10

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe\x00\x00", "utf-32"),  # or UTF-16 text starting with NUL: tried next
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or an Office document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
)
# C0 and C1 control characters other than tab, line feed, vertical tab, form feed, return.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_MIB = 1024 * 1024


@dataclass(frozen=True)
class Article:
    """One decoded input: its text and where it came from, or why it has none."""

    text: str
    source: Source
    published: date | None = None
    title: str | None = None
    error: ErrorInfo | None = field(default=None)


class DecodeError(ValueError):
    """The bytes are not text in any encoding mppclaims accepts."""


def decode(data: bytes) -> tuple[str, str]:
    """Decode article bytes and name the encoding; raise `DecodeError` for binary data.

    BOM-marked UTF-8/16/32 first, then UTF-16 without a BOM (recognised by its NUL bytes),
    then UTF-8, then cp1252, then latin-1 (which decodes anything). Trailing NUL padding is
    kept in the text but not counted against it.
    """
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise DecodeError(f"binary data ({kind}), not text")
    text, encoding = _decode_text(data)
    body = text.rstrip("\x00")
    if text and not body:
        raise DecodeError("binary data (only NUL bytes), not text")
    controls = len(body) - len(_CONTROL.sub("", body))
    if controls > MAX_CONTROL_SHARE * len(body):
        share = round(100 * controls / len(body))
        raise DecodeError(f"binary data, not text: {share}% of its characters are control codes")
    return text, encoding


def _decode_text(data: bytes) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                if encoding == "utf-32":
                    continue
                raise DecodeError(
                    f"not valid {encoding} although it starts with a {encoding} byte-order mark "
                    f"({exc.reason} at byte {exc.start})"
                ) from exc
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text without a BOM: mostly Latin text has a NUL in every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    half = len(data) // 2
    nul_even, nul_odd = data[0::2].count(0), data[1::2].count(0)
    if nul_odd >= 0.4 * half and nul_even <= 0.01 * half:
        encoding = "utf-16-le"
    elif nul_even >= 0.4 * half and nul_odd <= 0.01 * half:
        encoding = "utf-16-be"
    else:
        return None
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:
        return None


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


def _failed(source: Source, kind: str, message: str) -> Article:
    return Article(text="", source=source, error=ErrorInfo(type=kind, message=message))


def _unread(path: str | None = None, id: str | None = None, sha256: str = "") -> Source:
    path = shown(path) if path is not None else None
    return Source(path=path, id=id, sha256=sha256, encoding="unknown", chars=0)


def _too_large(source: Source, where: str, size: int | None = None) -> Article:
    how_big = f"{size / _MIB:.0f} MiB, " if size is not None else ""
    return _failed(
        source,
        "TooLarge",
        f"{where}: too large ({how_big}more than {MAX_INPUT_BYTES // _MIB} MiB) for one "
        "article; split it into articles, e.g. a .jsonl file with one article a line",
    )


def _empty(source: Source, where: str, text: str) -> Article:
    what = "is empty" if not text else f"holds only whitespace ({len(text)} characters)"
    return _failed(source, "EmptyInput", f"{where}: {what}; there is nothing to extract")


def article_from_bytes(
    data: bytes, *, path: str | None = None, id: str | None = None, published: date | None = None
) -> Article:
    """Decode one article's bytes; undecodable, empty or oversized ones become failed `Article`s."""
    where = path or id or "input"
    if len(data) > MAX_INPUT_BYTES:  # callers read at most one byte more than allowed
        return _too_large(_unread(path, id), where)
    try:
        text, encoding = decode(data)
    except DecodeError as exc:
        return _failed(_unread(path, id, _sha256(data)), "DecodeError", f"{where}: {exc}")
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
    the parser.
    """
    data = text.encode("utf-8", errors="surrogatepass")
    source = Source(
        path=path, id=id, url=url, sha256=_sha256(data), encoding="utf-8", chars=len(text)
    )
    problem = _surrogate_problem(text)
    if problem is not None:
        return _failed(source, "InvalidText", f"{id or path or 'text'}: {problem}")
    return Article(text=text, source=source, published=published, title=title)


def _surrogate_problem(text: str) -> str | None:
    surrogate = _SURROGATE.search(text)
    if surrogate is None:
        return None
    return (
        f"the text holds an unpaired surrogate (U+{ord(surrogate.group()):04X}) at character "
        f"{surrogate.start()}, which is not Unicode text; fix the encoder that produced it"
    )


def _os_error(path: str, exc: OSError) -> tuple[str, str]:
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


def read_file(path: Path, *, published: date | None = None) -> Article:
    """Read and decode one text file, reading at most `MAX_INPUT_BYTES` + 1 bytes."""
    where = shown(str(path))
    try:
        with path.open("rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size > MAX_INPUT_BYTES:
                return _too_large(_unread(where), where, info.st_size)
            data = handle.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        return _failed(_unread(where), *_os_error(str(path), exc))
    return article_from_bytes(data, path=where, published=published)


def _parse_date(value: object) -> date:
    if not isinstance(value, str):
        raise ValueError(f"'published' must be a YYYY-MM-DD string, not {type(value).__name__}")
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise ValueError(f"'published' is not a YYYY-MM-DD date: {value!r}") from None


def _bounded_lines(handle: BinaryIO, limit: int) -> Iterator[bytes]:
    """The lines of `handle`; a line longer than `limit` bytes is cut to `limit` + 1 bytes
    and the rest of it skipped, so one huge line is never held whole."""
    while line := handle.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := handle.readline(_MIB)) and not rest.endswith(b"\n"):
                pass
        yield line


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
        source = _unread(path, where, _sha256(raw))
        if len(raw.rstrip(b"\r\n")) > MAX_INPUT_BYTES:
            yield _too_large(_unread(path, where), where)
            continue
        try:
            obj = json.loads(raw)
        except (ValueError, RecursionError) as exc:  # JSONDecodeError, bad UTF-8, deep nesting
            reason = exc if isinstance(exc, ValueError) else "nested too deeply"
            yield _failed(source, "InvalidJSON", f"{where}: not valid JSON: {reason}")
            continue
        if not isinstance(obj, dict):
            yield _failed(source, "InvalidRecord", f"{where}: expected a JSON object")
            continue
        text = obj.get("text")
        if not isinstance(text, str):
            missing = "has no 'text'" if text is None else "'text' is not a string"
            yield _failed(source, "InvalidRecord", f"{where}: {missing}")
            continue
        problem = _surrogate_problem(text)
        if problem is not None:
            yield _failed(source, "InvalidText", f"{where}: {problem}")
            continue
        article_id = obj.get("id")
        try:
            stated = _parse_date(obj["published"]) if obj.get("published") else None
        except ValueError as exc:
            yield _failed(source, "InvalidRecord", f"{where}: {exc}")
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


def _walk_texts(directory: str) -> Iterator[str | Article]:
    """The `*.txt` paths below `directory`, depth first in name order, one at a time.

    Only one directory's listing is held at a time per level. Each directory is walked once,
    so symbolic-link loops end; a directory that cannot be listed, or a tree without any
    text file, comes out as a failed article.
    """
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
            kind, _ = _os_error(folder, exc)
            reason = exc.strerror or type(exc).__name__
            message = f"{shown(folder)}: cannot list directory: {reason}"
            return _failed(_unread(folder), kind, message)
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
        if _is_directory(entry):
            failure = enter(entry.path)
            if failure is not None:
                found += 1
                yield failure
            continue
        if entry.name.endswith(".txt"):
            found += 1
            yield entry.path
    if not found:
        message = f"{shown(directory)}: directory holds no .txt files"
        yield _failed(_unread(directory), "NoInput", message)


def _read_listed(path: str, *, published: date | None) -> Article:
    """Read a file found in a directory; FIFOs, sockets and devices are not opened."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return _failed(_unread(path), *_os_error(path, exc))
    if not stat.S_ISREG(mode):
        return _failed(
            _unread(path),
            "NotAFile",
            f"{shown(path)}: not a regular file (a FIFO, socket or device), so not read; "
            "name it on the command line to read it",
        )
    return read_file(Path(path), published=published)


def _directory_articles(directory: str, *, published: date | None) -> Iterator[Article]:
    """One article per `*.txt` file below `directory` (see `_walk_texts`), streamed."""
    for item in _walk_texts(directory):
        yield item if isinstance(item, Article) else _read_listed(item, published=published)


def count_inputs(paths: Iterable[str]) -> int:
    """How many records `iter_articles(paths)` will yield, without reading any article.

    For progress bars: it walks directories and counts JSON Lines, nothing more.
    """
    count = 0
    for raw in paths:
        try:
            is_dir = raw != STDIN and stat.S_ISDIR(os.stat(raw).st_mode)
        except OSError:
            is_dir = False
        if is_dir:
            count += sum(1 for _ in _walk_texts(raw))
        elif raw != STDIN and raw.endswith(".jsonl") and os.path.isfile(raw):
            try:
                with open(raw, "rb") as handle:
                    count += sum(1 for line in handle if line.strip())
            except OSError:
                count += 1
        else:
            count += 1
    return count


def iter_articles(
    paths: Iterable[str], *, published: date | None = None, stdin: BinaryIO | None = None
) -> Iterator[Article]:
    """Expand the CLI's PATH arguments into articles, in order, one per input.

    A directory contributes its `*.txt` files (recursively, sorted, streamed); a `.jsonl`
    file one article per line; `-` the bytes of stdin. A path that does not exist, or a
    directory without text files, yields one failed article so the user sees it in the output.
    """
    for raw in paths:
        if raw == STDIN:
            data = stdin.read(MAX_INPUT_BYTES + 1) if stdin is not None else b""
            yield article_from_bytes(data, id="<stdin>", published=published)
            continue
        path = Path(raw)
        try:
            mode = os.stat(raw).st_mode
        except OSError as exc:
            yield _failed(_unread(raw), *_os_error(raw, exc))
            continue
        if stat.S_ISDIR(mode):
            yield from _directory_articles(raw, published=published)
        elif path.suffix == ".jsonl":
            try:
                with path.open("rb") as handle:
                    yield from read_jsonl(
                        _bounded_lines(handle, MAX_INPUT_BYTES),
                        path=shown(raw),
                        published=published,
                    )
            except OSError as exc:
                yield _failed(_unread(raw), *_os_error(raw, exc))
        else:
            yield read_file(path, published=published)
