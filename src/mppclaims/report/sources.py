"""The report's inputs: articles to extract, or the JSON Lines records that `extract` wrote.

A `.jsonl` line with `schema_version` and `source` is a record: it is validated with the
model and its article text is looked up again at `source.path` (accepted only when its
SHA-256 is the record's), so a large batch is extracted once and reported many times. Any
other line, file or directory is read by `mppclaims.inputs` and extracted. Every input
gives exactly one `ReportArticle`, in input order; one that fails carries its error.
"""

from __future__ import annotations

import json
import os
import stat
from collections import deque
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from pydantic import ValidationError

from ..inputs import (
    MAX_INPUT_BYTES,
    STDIN,
    Article,
    iter_articles,
    jsonl_lines,
    read_file,
    read_jsonl,
    shown,
)
from ..records import ArticleRecord, ErrorInfo, Source
from .view import ReportArticle

if TYPE_CHECKING:
    from spacy.language import Language


def read_inputs(
    paths: Iterable[str], *, published: date | None = None, stdin: BinaryIO | None = None
) -> Iterator[ReportArticle | Article]:
    """Each input in order: a `ReportArticle` for a record line, an `Article` to extract."""
    finder = TextFinder()
    for raw in paths:
        if raw != STDIN and raw.endswith(".jsonl"):
            opened = False
            try:
                with open(raw, "rb") as handle:
                    opened = True
                    yield from _jsonl_inputs(handle, raw, finder, published)
            except OSError as exc:
                if not opened:  # missing, a directory, no permission: as `extract` says it
                    yield from iter_articles([raw], published=published)
                    continue
                reason = exc.strerror or type(exc).__name__
                yield _failed(raw, raw, type(exc).__name__, f"{shown(raw)}: cannot read: {reason}")
        else:
            yield from iter_articles([raw], published=published, stdin=stdin)


def report_articles(
    items: Iterable[ReportArticle | Article],
    *,
    nlp: Language | None = None,
    model: str | None = None,
    n_process: int = 1,
    raise_errors: bool = False,
) -> Iterator[ReportArticle]:
    """Extract the `Article`s among `items` and pass the records through, in order.

    The articles go through one `extract_many` stream (batched, `n_process` workers); the
    model is loaded only if there is an article to extract.
    """
    waiting: deque[ReportArticle | Article] = deque()

    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, Article) and item.error is not None:  # as `analyse` does
                item = ReportArticle(ArticleRecord(source=item.source, error=item.error))
            waiting.append(item)
            if isinstance(item, Article):
                yield item

    stream = articles()
    first = next(stream, None)
    if first is None:  # records only: no model needed
        yield from _drain(waiting)
        return

    from .. import extract_many  # spaCy: imported only when there is text to parse

    def with_first() -> Iterator[Article]:
        yield first
        yield from stream

    records = extract_many(
        with_first(), nlp=nlp, model=model, n_process=n_process, raise_errors=raise_errors
    )
    for record in records:
        while waiting:
            item = waiting.popleft()
            if isinstance(item, Article):
                yield ReportArticle(record, item.text)
                break
            yield item
    yield from _drain(waiting)


def _drain(waiting: deque[ReportArticle | Article]) -> Iterator[ReportArticle]:
    while waiting:
        item = waiting.popleft()
        assert isinstance(item, ReportArticle), "every article was extracted"
        yield item


def _jsonl_inputs(
    handle: BinaryIO, path: str, finder: TextFinder, published: date | None
) -> Iterator[ReportArticle | Article]:
    """Records and articles of one `.jsonl` file, in line order.

    Record lines reach `read_jsonl` as blank lines (which it skips but counts), so the line
    numbers in its messages stay right; the records wait in `ready` until the article lines
    before them have come out.
    """
    ready: deque[ReportArticle] = deque()
    base = Path(path).parent

    def lines() -> Iterator[bytes]:
        for lineno, raw in enumerate(jsonl_lines(handle, MAX_INPUT_BYTES), 1):
            entry = _record_line(raw, path, lineno, finder, base)
            if entry is None:
                yield raw
            else:
                ready.append(entry)
                yield b"\n"

    for article in read_jsonl(lines(), path=shown(path), published=published):
        while ready:
            yield ready.popleft()
        yield article
    while ready:
        yield ready.popleft()


def _failed(path: str, where: str, kind: str, message: str) -> ReportArticle:
    source = Source(path=shown(path), id=where, sha256="", encoding="unknown", chars=0)
    return ReportArticle(ArticleRecord(source=source, error=ErrorInfo(type=kind, message=message)))


def _record_line(
    raw: bytes, path: str, lineno: int, finder: TextFinder, base: Path
) -> ReportArticle | None:
    """The record on a line that holds one (None: an article line, or not JSON)."""
    where = f"{shown(path)}:{lineno}"
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    if b'"schema_version"' not in raw or b'"source"' not in raw:
        return None
    try:
        obj = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    if not isinstance(obj, dict) or "schema_version" not in obj or "source" not in obj:
        return None
    try:
        record = ArticleRecord.model_validate(obj)
    except ValidationError as exc:
        first = exc.errors()[0]
        at = ".".join(str(part) for part in first["loc"]) or "record"
        message = f"{where}: not a valid mppclaims record: {at}: {first['msg']}"
        return _failed(path, where, "InvalidRecord", message)
    if record.error is not None:
        return ReportArticle(record)
    text, note = finder.find(record.source, base)
    return ReportArticle(record, text, note)


class TextFinder:
    """Finds the article text a record was made from, checked by its SHA-256.

    A path is tried as written (relative to the working directory), then relative to the
    directory of the records file. The texts of a `.jsonl` source are indexed once per file.
    """

    def __init__(self) -> None:
        self._jsonl: dict[Path, dict[str, str]] = {}

    def find(self, source: Source, base: Path) -> tuple[str | None, str | None]:
        """(text, None) when found; (None, why not) otherwise."""
        if source.path is None:
            origin = source.id or "text given directly"
            return None, (
                f"The record does not name a file (it was made from {origin}), so its "
                "claims are listed without the article text."
            )
        path = _existing(source.path, base)
        if path is None:
            return None, (
                f"{source.path} was not found, so the claims are listed without the article "
                "text (run the report from the directory where `extract` ran, or report the "
                "articles themselves)."
            )
        if path.suffix == ".jsonl":
            text = self._jsonl_texts(path).get(source.sha256)
            if text is None:
                return None, (
                    f"No line of {source.path} holds the text this record was made from any "
                    "more, so the claims are listed without it."
                )
            return text, None
        article = read_file(path)
        if article.error is not None:
            return None, f"{article.error.message}; the claims are listed without the text."
        if article.source.sha256 != source.sha256:
            return None, (
                f"{source.path} has changed since the extraction (its SHA-256 differs), so "
                "the claims are listed without the text."
            )
        return article.text, None

    def _jsonl_texts(self, path: Path) -> dict[str, str]:
        key = path.resolve()
        if key not in self._jsonl:
            texts: dict[str, str] = {}
            try:
                with path.open("rb") as handle:
                    lines = jsonl_lines(handle, MAX_INPUT_BYTES)
                    for article in read_jsonl(lines, path=str(path)):
                        if article.error is None:
                            texts.setdefault(article.source.sha256, article.text)
            except OSError:
                pass
            self._jsonl[key] = texts
        return self._jsonl[key]


def _existing(written: str, base: Path) -> Path | None:
    """The regular file a record's `source.path` names, as written or beside the records."""
    candidates = [Path(written)]
    if not Path(written).is_absolute():
        candidates.append(base / written)
    for candidate in candidates:
        try:
            if stat.S_ISREG(os.stat(candidate).st_mode):  # never open a FIFO or a device
                return candidate
        except OSError:
            continue
    return None
