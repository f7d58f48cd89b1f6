"""The report as a person sees it: opened from a file in a real headless Chromium.

These tests need Debian's `chromium` and Playwright's Python package (a dev extra). Without
them they skip with a reason that says how to install them, except in CI (`CI=true`, as
`.ci/run` sets it), where they fail: there the browser is required.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from typer.testing import CliRunner

from mppclaims.cli import app
from mppclaims.records import ArticleRecord
from mppclaims.report import ReportArticle, write_report
from mppclaims.report.browser import Visit, chromium, missing, visit

from .test_report import HOSTILE

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

runner = CliRunner()

# Per article: its text as the DOM has it, and per highlight head the offset where the DOM
# puts it (in code points, as Python counts) and the text of all its fragments.
DRAWN_JS = """
() => Array.from(document.querySelectorAll('.text')).map((box) => {
  const points = (s) => Array.from(s).length;
  const heads = Array.from(box.querySelectorAll('mark.hl[id]')).map((mark) => {
    const before = document.createRange();
    before.setStart(box, 0);
    before.setEndBefore(mark);
    const parts = [mark, ...box.querySelectorAll(`mark[data-of="${mark.id}"]`)];
    return {
      kind: mark.dataset.kind, start: +mark.dataset.start, end: +mark.dataset.end,
      at: points(before.toString()), text: parts.map((p) => p.textContent).join(''),
      boxes: mark.getClientRects().length,
      background: getComputedStyle(mark).backgroundColor,
    };
  });
  return {text: box.textContent, heads: heads};
})
"""


def _require_browser() -> None:
    problem = missing()
    if problem is None:
        return
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"CI runs the browser tests: {problem}")
    pytest.skip(problem)


@pytest.fixture(scope="module")
def browser() -> Iterator[BrowserContext]:
    _require_browser()
    with chromium() as context:
        yield context


@pytest.fixture(scope="module")
def bundled(article_records: dict[str, tuple[str, ArticleRecord]]) -> list[ReportArticle]:
    return [ReportArticle(record, text) for _, (text, record) in sorted(article_records.items())]


@pytest.fixture
def opened(browser: BrowserContext) -> Iterator[list[Visit]]:
    """Pages opened by a test, closed after it."""
    visits: list[Visit] = []
    yield visits
    for seen in visits:
        seen.page.close()


def _open(browser: BrowserContext, opened: list[Visit], path: Path) -> Visit:
    seen = visit(browser, path)
    opened.append(seen)
    return seen


def _expected(record: ArticleRecord) -> list[tuple[str, int, int, str]]:
    return sorted(
        [("number", c.start, c.end, c.text) for c in record.numeric_claims]
        + [("quote", q.start, q.end, q.text) for q in record.quotes]
        + [("date", d.start, d.end, d.text) for d in record.dates]
    )


def test_every_claim_quote_and_date_is_one_highlight_at_its_offsets(
    browser: BrowserContext, opened: list[Visit], bundled: list[ReportArticle], tmp_path: Path
) -> None:
    path = tmp_path / "report.html"
    write_report(path, bundled)
    seen = _open(browser, opened, path)
    seen.page.click("button[data-action=expand]")
    drawn: list[dict[str, Any]] = seen.page.evaluate(DRAWN_JS)
    assert len(drawn) == len(bundled) == 5
    for article, found in zip(bundled, drawn, strict=True):
        assert found["text"] == article.text
        heads = found["heads"]
        assert sorted((h["kind"], h["start"], h["end"], h["text"]) for h in heads) == _expected(
            article.record
        )
        for head in heads:
            assert head["at"] == head["start"]  # where the DOM puts it is where it is
            assert head["boxes"] > 0 and head["background"] != "rgba(0, 0, 0, 0)"
    assert seen.problems() == []  # no console error, no request beyond the file


def test_hover_and_keyboard_show_the_details(
    browser: BrowserContext, opened: list[Visit], bundled: list[ReportArticle], tmp_path: Path
) -> None:
    path = tmp_path / "one.html"
    article = bundled[0]
    write_report(path, [article])
    page = _open(browser, opened, path).page
    quote = article.record.quotes[0]
    page.hover("#a1-q0")
    tip = page.locator("#tip")
    assert tip.is_visible()
    assert quote.speaker and quote.speaker in tip.inner_text()
    page.mouse.move(1, 1)
    assert tip.is_hidden()

    page.focus("details#a1 > summary")
    for _ in range(10):  # the first Tab stops are the highlights, in text order
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('mark.hl')"):
            break
    focused = page.evaluate("document.activeElement.id")
    assert focused.startswith("a1-")
    assert tip.is_visible() and "characters" in tip.inner_text()
    page.keyboard.press("Escape")
    assert tip.is_hidden()


def test_links_open_the_article_and_focus_the_highlight(
    browser: BrowserContext, opened: list[Visit], bundled: list[ReportArticle], tmp_path: Path
) -> None:
    path = tmp_path / "report.html"
    write_report(path, bundled)
    seen = _open(browser, opened, path)
    page = seen.page
    assert page.evaluate("document.querySelectorAll('details.article[open]').length") == 0
    page.click("a[href='#a4']")
    assert page.evaluate("document.getElementById('a4').open")
    page.click("#a4 details.t-number a[href='#a4-n0']")
    assert page.evaluate("document.activeElement.id") == "a4-n0"
    assert page.locator("#a4-n0").is_visible()
    box = page.locator("#a4-n0").bounding_box()
    assert box is not None and 0 <= box["y"] <= page.viewport_size["height"]  # type: ignore[index]
    assert seen.problems() == []


def test_script_and_markup_in_articles_are_text(
    browser: BrowserContext, opened: list[Visit], tmp_path: Path
) -> None:
    text = (
        f'The mayor said: "{HOSTILE} is not a crime." Police arrested 12 people on Friday.\n\n'
        "<p onclick=alert(1)>Officials said 3 bridges were closed.</p>"
    )
    articles = tmp_path / "hostile.jsonl"
    line = {"id": "x", "title": HOSTILE, "url": "javascript:alert(1)", "text": text}
    articles.write_text(json.dumps(line) + "\n", encoding="utf-8")
    path = tmp_path / "report.html"
    result = runner.invoke(
        app, ["report", str(articles), "-q", "-o", str(path), "--title", HOSTILE]
    )
    assert result.exit_code == 0, result.stderr
    seen = _open(browser, opened, path)
    page = seen.page
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('img, p[onclick], [onerror]').length") == 0
    code = "Array.from(document.scripts).filter((s) => s.type !== 'application/json').length"
    assert page.evaluate(code) == 1
    assert page.evaluate("document.title") == HOSTILE
    assert page.inner_text("details#a1 h2") == HOSTILE
    assert page.evaluate("document.querySelector('.text').textContent") == text
    page.hover("#a1 mark.hl.k-quote")  # the payload inside a quote, hovered: still nothing
    assert page.evaluate("window.__pwned") is None
    assert seen.problems() == []


def _many(bundled: list[ReportArticle], count: int) -> list[ReportArticle]:
    many = []
    for i in range(count):
        article = bundled[i % len(bundled)]
        record = article.record.model_copy(deep=True)
        record.source.id = f"copy-{i:03d}"
        many.append(ReportArticle(record, article.text))
    return many


def test_two_hundred_articles_stay_usable(
    browser: BrowserContext, opened: list[Visit], bundled: list[ReportArticle], tmp_path: Path
) -> None:
    path = tmp_path / "big.html"
    write_report(path, _many(bundled, 200))
    assert path.stat().st_size < 40_000_000
    seen = _open(browser, opened, path)
    page = seen.page
    assert page.evaluate("document.querySelectorAll('details.article').length") == 200
    assert page.evaluate("document.querySelectorAll('details.article[open]').length") == 0
    assert page.evaluate("document.querySelectorAll('#index tbody tr').length") == 200
    page.click("a[href='#a150']")
    assert page.evaluate("document.getElementById('a150').open")
    heading = page.locator("#a150 > summary").bounding_box()
    assert heading is not None and heading["y"] < page.viewport_size["height"]  # type: ignore[index]
    page.hover("#a150-q0")
    assert page.locator("#tip").is_visible()
    page.click("button[data-action=expand]")
    assert page.evaluate("document.querySelectorAll('details.article[open]').length") == 200
    page.click("button[data-action=collapse]")
    assert page.evaluate("document.querySelectorAll('details.article[open]').length") == 0
    assert seen.problems() == []


def test_a_phone_screen_needs_no_sideways_scrolling(
    browser: BrowserContext, opened: list[Visit], bundled: list[ReportArticle], tmp_path: Path
) -> None:
    path = tmp_path / "report.html"
    write_report(path, bundled)
    page: Page = _open(browser, opened, path).page
    page.set_viewport_size({"width": 390, "height": 844})
    page.click("button[data-action=expand]")
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1]


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


def test_printing_shows_every_article(
    browser: BrowserContext, opened: list[Visit], bundled: list[ReportArticle], tmp_path: Path
) -> None:
    path = tmp_path / "report.html"
    write_report(path, bundled)
    page = _open(browser, opened, path).page
    collapsed = page.pdf()  # Chromium fires beforeprint and afterprint around it
    assert page.evaluate("document.querySelectorAll('details.article[open]').length") == 0
    page.click("button[data-action=expand]")
    expanded = page.pdf()
    assert collapsed.startswith(b"%PDF")
    assert _pages(collapsed) == _pages(expanded) >= len(bundled)  # each article on new pages
