"""The HTML report without a browser: its text and highlights, escaping, inputs, the command."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from spacy.language import Language
from typer.testing import CliRunner

from mppclaims import progress
from mppclaims.api import extract
from mppclaims.cli import app
from mppclaims.records import ArticleRecord, Span
from mppclaims.report import (
    ReportArticle,
    build_report,
    read_inputs,
    report_articles,
    write_report,
)
from mppclaims.report.page import source_text

from .conftest import ARTICLES

runner = CliRunner()
HOSTILE = '<script>window.__pwned = 1</script> "><img src=x onerror="window.__pwned = 2"> &amp;'


@dataclass
class Drawn:
    """One article's `.text` element as an HTML parser sees it."""

    text: str = ""
    heads: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # id -> start, end, at
    kinds: dict[str, str] = field(default_factory=dict)
    parts: dict[str, list[str]] = field(default_factory=dict)  # head id -> fragment texts


class _TextReader(HTMLParser):
    """Collects the article texts of a page and where each highlight sits in them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.articles: list[Drawn] = []
        self._depth = 0  # elements open inside the current .text
        self._open: list[str | None] = []  # the head id each open element belongs to

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if self._depth == 0:
            if tag == "div" and values.get("class") == "text":
                self.articles.append(Drawn())
                self._depth = 1
            return
        self._depth += 1
        drawn = self.articles[-1]
        owner = values.get("id") or values.get("data-of")
        if values.get("data-kind") in ("number", "quote", "date") and owner:
            if values.get("id"):
                start, end = int(values["data-start"] or -1), int(values["data-end"] or -1)
                drawn.heads[owner] = (start, end, len(drawn.text))
                drawn.kinds[owner] = values["data-kind"] or ""
            drawn.parts.setdefault(owner, []).append("")
            self._open.append(owner)
        else:
            self._open.append(None)

    def handle_endtag(self, tag: str) -> None:
        if self._depth:
            self._depth -= 1
            if self._open:
                self._open.pop()

    def handle_data(self, data: str) -> None:
        if not self._depth:
            return
        drawn = self.articles[-1]
        drawn.text += data
        for owner in {o for o in self._open if o}:
            drawn.parts[owner][-1] += data


def _read(html: str) -> list[Drawn]:
    reader = _TextReader()
    reader.feed(html)
    reader.close()
    return reader.articles


def _check_drawn(drawn: Drawn, record: ArticleRecord, text: str) -> None:
    assert drawn.text == text.replace("\x00", "\ufffd")
    expected: dict[str, Sequence[Span]] = {
        "number": record.numeric_claims,
        "quote": record.quotes,
        "date": record.dates,
    }
    for kind, items in expected.items():
        heads = sorted(
            (start, end, at)
            for id_, (start, end, at) in drawn.heads.items()
            if drawn.kinds[id_] == kind
        )
        assert heads == sorted((item.start, item.end, item.start) for item in items), kind
    for id_, (start, end, _) in drawn.heads.items():
        assert "".join(drawn.parts[id_]) == text[start:end]


@pytest.fixture(scope="module")
def bundled(article_records: dict[str, tuple[str, ArticleRecord]]) -> list[ReportArticle]:
    return [ReportArticle(record, text) for _, (text, record) in sorted(article_records.items())]


def test_one_highlight_per_claim_quote_and_date_at_its_offsets(
    bundled: list[ReportArticle],
) -> None:
    html = build_report(bundled)
    drawn = _read(html)
    assert len(drawn) == len(bundled)
    for article, found in zip(bundled, drawn, strict=True):
        assert article.text is not None
        _check_drawn(found, article.record, article.text)


def test_the_page_is_self_contained_and_locks_itself_down(bundled: list[ReportArticle]) -> None:
    html = build_report(bundled[:1])
    assert "http://" not in html and "https://" not in html and "//cdn" not in html
    assert html.count("<script>") == 1 and html.count("<style") == 1
    assert html.count("<script") == 1 + html.count('<script type="application/json"')
    assert "<link" not in html.replace('<link rel="icon" href="data:,">', "")
    policy = unescape(html.split('http-equiv="Content-Security-Policy" content="')[1].split('"')[0])
    assert "default-src 'none'" in policy and "script-src 'sha256-" in policy
    assert "unsafe-inline" not in policy


def test_carriage_returns_and_nul_keep_their_place() -> None:
    assert str(source_text("a\r\nb\x00<c>")) == "a&#13;\nb&#65533;&lt;c&gt;"


def test_article_text_and_metadata_are_escaped(nlp: Language) -> None:
    text = f'The mayor said: "{HOSTILE} is not a crime." Police arrested 12 people on Friday.'
    record = extract(text, nlp=nlp)
    record.metadata.title = HOSTILE
    record.metadata.authors = [HOSTILE]
    html = build_report([ReportArticle(record, text)], title=HOSTILE)
    assert "<script>window" not in html and "<img" not in html
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    assert html.count("</script>") == html.count("<script")  # the details' JSON cannot break out
    [drawn] = _read(html)
    _check_drawn(drawn, record, text)


def test_a_record_without_text_lists_its_claims_and_says_why(
    bundled: list[ReportArticle],
) -> None:
    record = bundled[0].record
    html = build_report([record])  # a bare record: no text
    assert _read(html) == []
    assert "not available" in html
    assert record.numeric_claims[0].text in html


def test_a_text_that_does_not_match_the_offsets_is_not_drawn(
    bundled: list[ReportArticle],
) -> None:
    article = bundled[0]
    assert article.text is not None
    shifted = "X" + article.text[:-1]
    html = build_report([ReportArticle(article.record, shifted)])
    assert _read(html) == []
    assert "do not match the text at hand" in html


def test_failed_inputs_appear_with_their_error(bundled: list[ReportArticle]) -> None:
    [failed] = list(report_articles(read_inputs(["/nonexistent/article.txt"])))
    html = build_report([bundled[0], failed])
    assert "FileNotFoundError" in html and "/nonexistent/article.txt" in html
    assert 'id="index"' in html  # several articles: an index


def test_no_ledger_block_without_a_ledger(bundled: list[ReportArticle]) -> None:
    assert 'id="ledger"' not in build_report(bundled)


def test_a_ledger_fills_the_index_block(bundled: list[ReportArticle]) -> None:
    first, second = (a.record.source.path or "" for a in bundled[:2])
    ledger = {
        "groups": [
            {
                "label": "people returned to Mexico",
                "claims": [
                    {"text": "1,323", "value": 1323, "attribution": "an agency", "article": first},
                    {"text": "93", "value": 93, "article": second, "conflict": True},
                ],
                "conflicts": [{"reason": "1,323 and 93 for the same week"}],
            }
        ]
    }
    html = build_report(bundled[:2], ledger=ledger)
    block = html.split('id="ledger"')[1].split("end of LEDGER")[0]
    assert "people returned to Mexico" in block and "1,323 and 93 for the same week" in block
    assert 'href="#a1"' in block and 'href="#a2"' in block and "unsourced" in block
    assert 'class="group conflict"' in block


# -- inputs: records that `extract` wrote ----------------------------------------------------


def _extract_to(tmp_path: Path, *paths: Path) -> Path:
    claims = tmp_path / "claims.jsonl"
    result = runner.invoke(app, ["extract", *map(str, paths), "-q", "-o", str(claims)])
    assert result.exit_code == 0, result.stderr
    return claims


def test_records_get_their_text_back_without_the_model(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text("Officials said 40 people were hurt on Monday.\r\n", encoding="utf-8")
    claims = _extract_to(tmp_path, article)
    [item] = read_inputs([str(claims)])
    assert isinstance(item, ReportArticle)
    assert item.text == article.read_bytes().decode("utf-8")
    # a model that does not exist would fail if anything were extracted
    [same] = report_articles([item], model="no-such-model")
    assert same is item


def test_a_changed_or_missing_text_is_said(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text("Officials said 40 people were hurt on Monday.", encoding="utf-8")
    claims = _extract_to(tmp_path, article)
    article.write_text("Officials said 41 people were hurt on Monday.", encoding="utf-8")
    [changed] = read_inputs([str(claims)])
    assert isinstance(changed, ReportArticle) and changed.text is None
    assert changed.note and "has changed since the extraction" in changed.note
    article.unlink()
    [gone] = read_inputs([str(claims)])
    assert isinstance(gone, ReportArticle) and gone.note and "was not found" in gone.note


def test_a_relative_source_path_is_found_beside_the_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "story.txt").write_text("Officials said 40 people were hurt.", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    claims = _extract_to(tmp_path, Path("story.txt"))
    monkeypatch.chdir(tmp_path.parent)
    [item] = read_inputs([str(claims)])
    assert isinstance(item, ReportArticle) and item.text == "Officials said 40 people were hurt."


def test_record_lines_articles_and_bad_lines_keep_their_order(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text("Officials said 40 people were hurt.", encoding="utf-8")
    record_line = _extract_to(tmp_path, article).read_text(encoding="utf-8").strip()
    mixed = tmp_path / "mixed.jsonl"
    broken = json.loads(record_line)
    broken["numeric_claims"] = [{"text": "40"}]
    lines = [
        json.dumps({"id": "one", "text": "Police said 3 people died."}),
        record_line,
        "{not json",
        json.dumps(broken),
        json.dumps({"id": "two", "text": "Nobody said anything."}),
    ]
    mixed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_inputs([str(mixed)]))
    assert [type(i).__name__ for i in items] == [
        "Article",
        "ReportArticle",
        "Article",
        "ReportArticle",
        "Article",
    ]
    assert items[0].source.id == "one"  # type: ignore[union-attr]
    assert items[2].error is not None and f"{mixed}:3" in items[2].error.message  # type: ignore[union-attr]
    bad = items[3]
    assert isinstance(bad, ReportArticle) and bad.record.error is not None
    assert bad.record.error.type == "InvalidRecord" and f"{mixed}:4" in bad.record.error.message


def test_texts_of_jsonl_articles_are_found_by_their_hash(tmp_path: Path) -> None:
    articles = tmp_path / "articles.jsonl"
    articles.write_text(
        json.dumps({"id": "a", "text": "The mayor said 7 bridges were closed."}) + "\n",
        encoding="utf-8",
    )
    claims = _extract_to(tmp_path, articles)
    [item] = read_inputs([str(claims)])
    assert isinstance(item, ReportArticle) and item.text == "The mayor said 7 bridges were closed."


# -- the command -----------------------------------------------------------------------------


def test_report_command_writes_the_page(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", str(ARTICLES), "-o", str(out), "--title", "Week 15"])
    assert result.exit_code == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert "<title>Week 15</title>" in html and html.count('<details class="article') == 5
    assert 'id="ledger"' in html and '<details class="group' in html  # figures several give
    assert result.stdout == ""
    summary, written = result.stderr.splitlines()
    assert summary.startswith("mppclaims: 5 inputs, 5 ok, 0 failed")
    assert written == f"mppclaims: report written to {out}"


def test_report_without_the_ledger(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", str(ARTICLES), "-o", str(out), "--no-ledger", "-q"])
    assert result.exit_code == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert html.count('<details class="article') == 5 and 'id="ledger"' not in html


def test_report_of_records_with_a_failed_input_exits_1(tmp_path: Path) -> None:
    claims = _extract_to(tmp_path, sorted(ARTICLES.glob("*.txt"))[0])
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", str(claims), str(tmp_path / "gone.txt"), "-o", str(out)])
    assert result.exit_code == 1
    assert "gone.txt: no such file or directory" in result.stderr
    html = out.read_text(encoding="utf-8")
    assert "FileNotFoundError" in html and len(_read(html)) == 1


def test_report_to_a_terminal_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "is_terminal", lambda stream: True)
    result = runner.invoke(app, ["report", str(ARTICLES)])
    assert result.exit_code == 2 and "-o report.html" in result.stderr


def test_report_to_a_pipe_writes_html_to_stdout(tmp_path: Path) -> None:
    claims = _extract_to(tmp_path, sorted(ARTICLES.glob("*.txt"))[0])
    result = runner.invoke(app, ["report", str(claims), "-q"])
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.startswith("<!DOCTYPE html>") and len(_read(result.stdout)) == 1


def test_a_failure_while_writing_leaves_the_old_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    claims = _extract_to(tmp_path, sorted(ARTICLES.glob("*.txt"))[0])
    out = tmp_path / "report.html"
    out.write_text("the old page", encoding="utf-8")

    def broken(*args: object, **kwargs: object) -> None:
        stream = args[1]
        stream.write("<!DOCTYPE html><html>half")  # type: ignore[attr-defined]
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("mppclaims.report.render_report", broken)
    result = runner.invoke(app, ["report", str(claims), "-o", str(out)])
    assert result.exit_code != 0
    assert out.read_text(encoding="utf-8") == "the old page"
    assert sorted(os.listdir(tmp_path)) == ["claims.jsonl", "report.html"]  # no temporary file


def test_write_report_is_atomic(tmp_path: Path, bundled: list[ReportArticle]) -> None:
    out = tmp_path / "report.html"
    out.write_text("the old page", encoding="utf-8")

    def articles() -> object:
        yield bundled[0]
        raise RuntimeError("input went away")

    with pytest.raises(RuntimeError):
        write_report(out, articles())  # type: ignore[arg-type]
    assert out.read_text(encoding="utf-8") == "the old page"
    assert os.listdir(tmp_path) == ["report.html"]
    write_report(out, bundled[:1])
    assert len(_read(out.read_text(encoding="utf-8"))) == 1
    assert oct(out.stat().st_mode & 0o777) != oct(0o600)


def test_every_link_in_the_page_has_its_target(bundled: list[ReportArticle]) -> None:
    html = build_report(bundled)
    targets = set(re.findall(r'href="#([^"]+)"', html))
    ids = set(re.findall(r' id="([^"]+)"', html))
    assert targets and targets <= ids
    assert any(target.split("-")[-1].startswith("e") for target in targets)  # entity mentions
