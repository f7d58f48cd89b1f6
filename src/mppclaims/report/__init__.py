"""The HTML report: every claim, quote and date highlighted in its article, in one page.

    from mppclaims.report import ReportArticle, write_report
    write_report("report.html", [ReportArticle(record, text)])

`build_report` returns the page as a string, `render_report` writes it to a stream and
`write_report` to a file, atomically. `read_inputs` and `report_articles` turn the
command's inputs (articles, or records that `extract` wrote) into `ReportArticle`s.
"""

from __future__ import annotations

from .page import DEFAULT_TITLE, Totals, build_report, render_report, write_report
from .sources import read_inputs, report_articles
from .view import ReportArticle

__all__ = [
    "DEFAULT_TITLE",
    "ReportArticle",
    "Totals",
    "build_report",
    "read_inputs",
    "render_report",
    "report_articles",
    "write_report",
]
