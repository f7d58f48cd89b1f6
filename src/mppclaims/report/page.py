"""The HTML page: Jinja2 templates with autoescaping, inline CSS and JS, written atomically.

The page is one self-contained file: the stylesheet and the script are package data inlined
into it, and its Content-Security-Policy allows exactly those two (by their SHA-256), no
other script, no event-handler attribute and no request to any address. So even a piece
of article text that escaped escaping could neither run nor fetch anything.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import hashlib
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any, TextIO

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from .. import __version__
from ..records import SCHEMA_VERSION, ArticleRecord
from .view import ArticleView, Counts, ReportArticle, article_view

DEFAULT_TITLE = "mppclaims report"


@dataclass(frozen=True)
class Totals:
    """The counts of the whole page, for its header."""

    articles: int
    failed: int
    counts: Counts


def source_text(value: str) -> Markup:
    """Article text for the page: escaped, and kept character for character.

    An HTML parser would turn a literal carriage return (and `\\r\\n`) into `\\n` and drop a
    NUL, which would shift every offset after it; a character reference keeps the return,
    and NUL becomes U+FFFD, one character for one.
    """
    escaped = str(escape(value))
    return Markup(escaped.replace("\r", "&#13;").replace("\x00", "&#65533;"))


@functools.cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("mppclaims.report", "templates"),
        autoescape=select_autoescape(["html"], default_for_string=True, default=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["source_text"] = source_text
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "separators": (",", ":")}
    return env


@functools.cache
def _static(name: str) -> str:
    return (files("mppclaims.report") / "static" / name).read_text(encoding="utf-8")


def _csp_hash(content: str) -> str:
    digest = hashlib.sha256(content.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def _content_security_policy(css: str, js: str) -> str:
    return "; ".join(
        [
            "default-src 'none'",
            f"style-src {_csp_hash(css)}",
            f"script-src {_csp_hash(js)}",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


def _ledger_data(ledger: object | None) -> Any:
    """A ledger as plain data for the template: Pydantic models are dumped, the rest kept."""
    if ledger is None:
        return None
    dump = getattr(ledger, "model_dump", None)
    return dump(mode="json") if callable(dump) else ledger


def _as_report_article(item: ReportArticle | ArticleRecord) -> ReportArticle:
    return item if isinstance(item, ReportArticle) else ReportArticle(item)


def render_report(
    articles: Iterable[ReportArticle | ArticleRecord],
    stream: TextIO,
    *,
    title: str | None = None,
    ledger: object | None = None,
) -> Totals:
    """Write the page for `articles` to `stream`; return the page's totals.

    A bare `ArticleRecord` is shown without its text. `ledger` (the ledger of the same
    articles: an object or dict with `groups`, see README) fills the index's ledger block;
    without it the block is left out.
    """
    views = [article_view(_as_report_article(a), n) for n, a in enumerate(articles, 1)]
    totals = _totals(views)
    css, js = _static("report.css"), _static("report.js")
    anchors = {view.source_name: view.anchor for view in views}
    template = _environment().get_template("report.html")
    chunks: Iterator[str] = template.generate(
        title=title or DEFAULT_TITLE,
        articles=views,
        totals=totals,
        ledger=_ledger_data(ledger),
        anchors=anchors,
        css=Markup(css),
        js=Markup(js),
        csp=_content_security_policy(css, js),
        version=__version__,
        schema_version=SCHEMA_VERSION,
    )
    for chunk in chunks:
        stream.write(chunk)
    return totals


def build_report(
    articles: Iterable[ReportArticle | ArticleRecord],
    *,
    title: str | None = None,
    ledger: object | None = None,
) -> str:
    """The page for `articles` as one string (see `render_report`)."""
    import io

    buffer = io.StringIO()
    render_report(articles, buffer, title=title, ledger=ledger)
    return buffer.getvalue()


def write_report(
    path: str | os.PathLike[str],
    articles: Iterable[ReportArticle | ArticleRecord],
    *,
    title: str | None = None,
    ledger: object | None = None,
) -> Totals:
    """Write the page to `path` atomically: a failure leaves `path` as it was."""
    target = Path(path).resolve()
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            totals = render_report(articles, handle, title=title, ledger=ledger)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode(target))  # mkstemp's 0600 would hide the page from others
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return totals


def _mode(target: Path) -> int:
    """The mode of the file being replaced, else what the umask gives a new file."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _totals(views: list[ArticleView]) -> Totals:
    def total(name: str) -> int:
        return sum(getattr(view.counts, name) for view in views)

    fields = ("numbers", "unsourced", "quotes", "unattributed", "dates", "entities")
    return Totals(
        articles=len(views),
        failed=sum(view.error is not None for view in views),
        counts=Counts(**{name: total(name) for name in fields}),
    )
