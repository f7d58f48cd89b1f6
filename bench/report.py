"""The HTML report at 5 and 200 articles: build time, size, load time in Chromium; a screenshot.

    python bench/report.py [--screenshot PATH]

Extracts data/articles once, then builds pages of 5 and of 200 articles (the five repeated),
opens each in headless Chromium (Debian's, through Playwright: pip install -e '.[dev]',
apt-get install chromium) and prints one comparison. Saves PNGs of the first seed
article's section, opened, with the details of a quote and of a figure shown, to look at.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from mppclaims.api import extract_many
from mppclaims.inputs import iter_articles
from mppclaims.report import ReportArticle, write_report
from mppclaims.report.browser import chromium, visit

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"


def _seed() -> list[ReportArticle]:
    articles = list(iter_articles([str(ARTICLES)]))
    return [
        ReportArticle(record, article.text)
        for article, record in zip(articles, extract_many(articles), strict=True)
    ]


def _copies(seed: list[ReportArticle], count: int) -> list[ReportArticle]:
    many = []
    for i in range(count):
        article = seed[i % len(seed)]
        record = article.record.model_copy(deep=True)
        record.source.id = f"copy-{i:03d}"
        many.append(ReportArticle(record, article.text))
    return many


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--screenshot",
        type=Path,
        default=Path(tempfile.gettempdir()) / "mppclaims-report.png",
        help="where to save the PNG (default: %(default)s)",
    )
    args = parser.parse_args()
    seed = _seed()
    workdir = Path(tempfile.mkdtemp(prefix="mppclaims-bench-report-"))
    rows = []
    with chromium(width=1280, height=1000) as browser:
        for count in (5, 200):
            path = workdir / f"report-{count}.html"
            began = time.perf_counter()
            write_report(path, _copies(seed, count) if count != len(seed) else seed)
            built = time.perf_counter() - began
            began = time.perf_counter()
            seen = visit(browser, path)
            loaded = time.perf_counter() - began
            last = f"a{count}"
            began = time.perf_counter()
            seen.page.click(f"a[href='#{last}']")
            seen.page.hover(f"#{last} mark.hl")
            opened = time.perf_counter() - began
            problems = len(seen.problems())
            seen.page.close()
            size = path.stat().st_size / 1e6
            rows.append((count, built, size, loaded, opened, problems))
        page = visit(browser, workdir / "report-5.html").page
        page.click("a[href='#a1']")
        page.hover("#a1-q1")
        top = page.locator("#a1").bounding_box()
        assert top is not None
        page.screenshot(
            path=str(args.screenshot),
            clip={"x": 0, "y": top["y"], "width": 1280, "height": 1000},
        )
        figure = args.screenshot.with_name(f"{args.screenshot.stem}-figure.png")
        page.locator("#a1-n2").scroll_into_view_if_needed()
        page.hover("#a1-n2")
        page.screenshot(path=str(figure))
    print(
        f"{'articles':>8} {'build s':>8} {'MB':>6} {'load s':>7} "
        f"{'open+hover s':>12} {'problems':>8}"
    )
    for count, built, size, loaded, opened, failed in rows:
        print(f"{count:>8} {built:>8.2f} {size:>6.2f} {loaded:>7.2f} {opened:>12.2f} {failed:>8}")
    (small, *_), (big, *_) = rows
    print(
        f"per article: {rows[0][1] / small * 1000:.0f} ms vs {rows[1][1] / big * 1000:.0f} ms to "
        f"build, {rows[0][2] / small * 1000:.0f} kB vs {rows[1][2] / big * 1000:.0f} kB"
    )
    print(f"screenshots: {args.screenshot} (section, a quote's details), {figure} (a figure's)")


if __name__ == "__main__":
    main()
