"""Turn paths, directories, stdin and JSON Lines into `Article`s; nothing downstream reads files.

Every input becomes exactly one `Article`. One that cannot be read or decoded carries an
`ErrorInfo` instead of text, so the batch goes on and the output still has its record.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import BinaryIO

from .records import ErrorInfo, Source

STDIN = "-"
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_BINARY_SIGNATURES = (
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"%PDF",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"\x7fELF",
)


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
    """Decode article bytes: BOM-marked UTF-8/16, then UTF-8, then cp1252, then latin-1."""
    if any(data.startswith(sig) for sig in _BINARY_SIGNATURES):
        raise DecodeError("binary data (file signature of an image, archive or executable)")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise DecodeError(f"invalid {encoding} after its byte-order mark: {exc}") from exc
    if data.count(b"\x00") > max(1, len(data) // 100):
        raise DecodeError("binary data (many NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _failed(source: Source, kind: str, message: str) -> Article:
    return Article(text="", source=source, error=ErrorInfo(type=kind, message=message))


def article_from_bytes(
    data: bytes, *, path: str | None = None, id: str | None = None, published: date | None = None
) -> Article:
    """Decode one article's bytes; an undecodable one becomes a failed `Article`."""
    try:
        text, encoding = decode(data)
    except DecodeError as exc:
        source = Source(path=path, id=id, sha256=_sha256(data), encoding="unknown", chars=0)
        return _failed(source, "DecodeError", f"{path or id or 'input'}: {exc}")
    source = Source(path=path, id=id, sha256=_sha256(data), encoding=encoding, chars=len(text))
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
    """Wrap text that is already decoded (the Python API, JSON inputs)."""
    data = text.encode("utf-8", errors="surrogatepass")
    source = Source(
        path=path, id=id, url=url, sha256=_sha256(data), encoding="utf-8", chars=len(text)
    )
    return Article(text=text, source=source, published=published, title=title)


def read_file(path: Path, *, published: date | None = None) -> Article:
    """Read and decode one text file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        source = Source(path=str(path), sha256="", encoding="unknown", chars=0)
        reason = exc.strerror or type(exc).__name__
        return _failed(source, type(exc).__name__, f"{path}: cannot read: {reason}")
    return article_from_bytes(data, path=str(path), published=published)


def _parse_date(value: object) -> date:
    if not isinstance(value, str):
        raise ValueError(f"'published' must be a YYYY-MM-DD string, not {type(value).__name__}")
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise ValueError(f"'published' is not a YYYY-MM-DD date: {value!r}") from None


def read_jsonl(
    lines: Iterable[bytes], *, path: str, published: date | None = None
) -> Iterator[Article]:
    """One `Article` per non-empty line of `{"id", "text", "published"?, "title"?, "url"?}`."""
    for lineno, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        where = f"{path}:{lineno}"
        source = Source(path=path, id=where, sha256=_sha256(raw), encoding="utf-8", chars=0)
        try:
            obj = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield _failed(source, "InvalidJSON", f"{where}: not valid JSON: {exc}")
            continue
        if not isinstance(obj, dict):
            yield _failed(source, "InvalidRecord", f"{where}: expected a JSON object")
            continue
        text = obj.get("text")
        if not isinstance(text, str):
            problem = "has no 'text'" if text is None else "'text' is not a string"
            yield _failed(source, "InvalidRecord", f"{where}: {problem}")
            continue
        article_id = obj.get("id")
        try:
            stated = _parse_date(obj["published"]) if obj.get("published") else None
        except ValueError as exc:
            yield _failed(source, "InvalidRecord", f"{where}: {exc}")
            continue
        title, url = obj.get("title"), obj.get("url")
        yield article_from_text(
            text,
            path=path,
            id=str(article_id) if article_id is not None else where,
            url=url if isinstance(url, str) else None,
            published=stated or published,
            title=title if isinstance(title, str) else None,
        )


def _directory_files(directory: Path) -> list[Path]:
    found: list[Path] = []
    seen: set[tuple[int, int]] = set()
    for root, dirs, files in os.walk(directory, followlinks=True):
        stat = os.stat(root)
        if (stat.st_dev, stat.st_ino) in seen:  # a symlink loop: walk each directory once
            dirs[:] = []
            continue
        seen.add((stat.st_dev, stat.st_ino))
        dirs.sort()
        found.extend(Path(root, name) for name in files if name.endswith(".txt"))
    return sorted(found)


def iter_articles(
    paths: Iterable[str], *, published: date | None = None, stdin: BinaryIO | None = None
) -> Iterator[Article]:
    """Expand the CLI's PATH arguments into articles, in order, one per input.

    A directory contributes its `*.txt` files (recursively, sorted); a `.jsonl` file one
    article per line; `-` the bytes of stdin. A path that does not exist, or a directory
    without text files, yields one failed article so the user sees it in the output.
    """
    for raw in paths:
        if raw == STDIN:
            data = stdin.read() if stdin is not None else b""
            article = article_from_bytes(data, id="<stdin>", published=published)
            yield article
            continue
        path = Path(raw)
        if path.is_dir():
            files = _directory_files(path)
            if not files:
                source = Source(path=raw, sha256="", encoding="unknown", chars=0)
                yield _failed(source, "NoInput", f"{raw}: directory holds no .txt files")
            for file in files:
                yield read_file(file, published=published)
        elif path.suffix == ".jsonl" and path.is_file():
            try:
                with path.open("rb") as handle:
                    yield from read_jsonl(handle, path=raw, published=published)
            except OSError as exc:
                source = Source(path=raw, sha256="", encoding="unknown", chars=0)
                yield _failed(source, type(exc).__name__, f"{raw}: cannot read: {exc.strerror}")
        elif not path.exists():
            source = Source(path=raw, sha256="", encoding="unknown", chars=0)
            yield _failed(source, "FileNotFoundError", f"{raw}: no such file or directory")
        else:
            yield read_file(path, published=published)
