"""The ledger's inputs: records that `extract` wrote, and articles still to extract.

A JSON Lines input may mix both: a line with `schema_version` and `source` is a record
(validated with the model), any other line an article as `extract` reads it (`id`, `text`,
...). A `.json` file holds a record or an array of records (`extract --format json`); `-`
reads stdin, as JSON Lines when it starts with `{`, else as one article's text; text files
and directories are articles. Articles are extracted in batches with
`mppclaims.api.extract_many`, and spaCy is imported only when some input is an article.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from collections import deque
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from pydantic import ValidationError

from ..inputs import STDIN, Article, article_from_bytes, iter_articles, read_jsonl, shown
from ..records import ArticleRecord, ErrorInfo, Source

if TYPE_CHECKING:
    from spacy.language import Language

SUPPORTED_MAJOR = "1"


def read_records(
    paths: Iterable[str],
    *,
    published: date | None = None,
    stdin: BinaryIO | None = None,
    nlp: Language | None = None,
    model: str | None = None,
    n_process: int = 1,
    raise_errors: bool = False,
) -> Iterator[ArticleRecord]:
    """One record per input, in input order: records as read, articles extracted.

    Articles are extracted with `nlp`, else with `model` loaded when the first article
    needs it (`mppclaims.nlp.load`, which raises `ModelError`). An input that cannot be
    read or is not a valid record yields a failed record, as in `extract`.
    """
    pending: list[Article] = []
    for item in _items(paths, published=published, stdin=stdin):
        if isinstance(item, Article) and item.error is None:
            pending.append(item)
            continue
        if pending:
            nlp = nlp or _load(model)
            yield from _extracted(pending, nlp, n_process, raise_errors)
            pending = []
        yield item if isinstance(item, ArticleRecord) else _failed_article(item)
    if pending:
        nlp = nlp or _load(model)
        yield from _extracted(pending, nlp, n_process, raise_errors)


def _extracted(
    articles: list[Article], nlp: Language, n_process: int, raise_errors: bool
) -> Iterator[ArticleRecord]:
    from .. import extract_many  # spaCy is imported here, and only here

    yield from extract_many(articles, nlp=nlp, n_process=n_process, raise_errors=raise_errors)


def _load(model: str | None) -> Language:
    from ..nlp import load

    return load(model)


def _failed_article(article: Article) -> ArticleRecord:
    return ArticleRecord(source=article.source, error=article.error)


def _items(
    paths: Iterable[str], *, published: date | None, stdin: BinaryIO | None
) -> Iterator[ArticleRecord | Article]:
    for raw in paths:
        if raw == STDIN:
            data = stdin.read() if stdin is not None else b""
            if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
                yield from jsonl_items(io.BytesIO(data), path="<stdin>", published=published)
            else:
                yield article_from_bytes(data, id="<stdin>", published=published)
            continue
        suffix = Path(raw).suffix
        if suffix in (".jsonl", ".json") and os.path.isfile(raw):
            try:
                with open(raw, "rb") as handle:
                    if suffix == ".jsonl":
                        yield from jsonl_items(handle, path=shown(raw), published=published)
                    else:
                        yield from _json_records(handle.read(), shown(raw))
                continue
            except OSError:
                pass  # reported as `extract` reports it, below
        yield from iter_articles([raw], published=published, stdin=stdin)


def jsonl_items(
    lines: Iterable[bytes], *, path: str, published: date | None = None
) -> Iterator[ArticleRecord | Article]:
    """Records and articles of a JSON Lines stream, in order.

    Article lines go through `mppclaims.inputs.read_jsonl`, so they are read and reported
    exactly as `extract` reads them; the record lines are handed to it as blank lines,
    which keeps its line numbers right.
    """
    fed: deque[bytes] = deque()

    def feed() -> Iterator[bytes]:
        while True:  # read_jsonl yields once per non-blank line, so it never waits in vain
            yield fed.popleft()

    articles = read_jsonl(feed(), path=path, published=published)
    for lineno, raw in enumerate(lines, 1):
        line = raw[3:] if lineno == 1 and raw.startswith(b"\xef\xbb\xbf") else raw
        record = _valid_record(line)
        if record is not None:
            fed.append(b"\n")
            yield record
            continue
        obj = _record_object(line)
        if obj is None:
            fed.append(raw)
            if raw.strip():
                yield next(articles)
            continue
        fed.append(b"\n")
        yield record_from_json(obj, where=f"{path}:{lineno}", path=path, raw=line)


def _valid_record(line: bytes) -> ArticleRecord | None:
    """The record of a line that is a valid record of this major version, parsed and
    validated in one step (the common case); None for anything else."""
    if b'"schema_version"' not in line or b'"source"' not in line:
        return None
    try:
        record = ArticleRecord.model_validate_json(line)
    except ValidationError:
        return None
    return record if record.schema_version.split(".", 1)[0] == SUPPORTED_MAJOR else None


def _record_object(line: bytes) -> dict[str, Any] | None:
    """The JSON object of a record line, None for anything else (an article, bad JSON)."""
    if b'"schema_version"' not in line:
        return None
    try:
        obj = json.loads(line)
    except (ValueError, RecursionError):
        return None
    if isinstance(obj, dict) and "schema_version" in obj and "source" in obj:
        return obj
    return None


def _json_records(data: bytes, path: str) -> Iterator[ArticleRecord]:
    try:
        loaded = json.loads(data)
    except (ValueError, RecursionError) as exc:
        yield _invalid(path, path, data, f"{path}: not valid JSON: {exc}", "InvalidJSON")
        return
    for n, obj in enumerate(loaded if isinstance(loaded, list) else [loaded], 1):
        where = f"{path}[{n}]" if isinstance(loaded, list) else path
        if isinstance(obj, dict):
            yield record_from_json(obj, where=where, path=path, raw=json.dumps(obj).encode())
        else:
            yield _invalid(path, where, data, f"{where}: expected a record object")


def record_from_json(obj: dict[str, Any], *, where: str, path: str, raw: bytes) -> ArticleRecord:
    """Validate a record read from JSON; a failed record naming `where` if it is none.

    Records of any 1.x schema are read: fields that a later minor version added are
    ignored.
    """
    version = str(obj.get("schema_version", ""))
    if version.split(".", 1)[0] != SUPPORTED_MAJOR:
        message = (
            f"{where}: schema version {version!r} is not supported "
            f"(this mppclaims reads {SUPPORTED_MAJOR}.x)"
        )
        return _invalid(path, where, raw, message)
    try:
        return ArticleRecord.model_validate(obj)
    except ValidationError as exc:
        unknown = [e["loc"] for e in exc.errors() if e["type"] == "extra_forbidden"]
        if unknown and len(unknown) == exc.error_count():
            return record_from_json(_without(obj, unknown), where=where, path=path, raw=raw)
        first = exc.errors()[0]
        place = ".".join(str(part) for part in first["loc"]) or "record"
        message = f"{where}: not a valid mppclaims record: {place}: {first['msg']}"
        return _invalid(path, where, raw, message)


def _without(obj: Any, locations: list[tuple[int | str, ...]]) -> Any:
    """A deep copy of `obj` without the fields at `locations`."""
    copy = json.loads(json.dumps(obj))
    for location in locations:
        holder = copy
        for part in location[:-1]:
            holder = holder[part]
        holder.pop(location[-1], None)
    return copy


def _invalid(
    path: str, where: str, raw: bytes, message: str, kind: str = "InvalidRecord"
) -> ArticleRecord:
    source = Source(
        path=path, id=where, sha256=hashlib.sha256(raw).hexdigest(), encoding="utf-8", chars=0
    )
    return ArticleRecord(source=source, error=ErrorInfo(type=kind, message=message))
