"""Markdown: one heading per article and one pipe table per section, for docs and tickets."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .base import Renderer
from .cells import Cell, SectionTable, header_facts, section_table
from .safe import one_line
from .sections import article_name
from .texts import failure_reason

if TYPE_CHECKING:
    from ..records import ArticleRecord


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def markdown_text(text: str) -> str:
    """Text safe inside a Markdown table cell: on one line, control characters shown
    (`safe.one_line`), Markdown's special characters escaped."""
    return _escaped(one_line(text))


def _marked(cell: Cell) -> str:
    """The cell's text (already on one line and safe) escaped, its marked ranges in bold."""
    text, pieces, position = cell.text, [], 0
    for start, end in cell.marks:
        pieces += [_escaped(text[position:start]), f"**{_escaped(text[start:end])}**"]
        position = end
    pieces.append(_escaped(text[position:]))
    return "".join(pieces)


def _escaped(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def _markdowncell(cell: Cell) -> str:
    text = _marked(cell)
    if text and cell.tone == "alert":
        return f"**{text}**"
    if text and cell.tone == "muted":
        return f"_{text}_"
    return text


class MarkdownRenderer(Renderer):
    """Per article: a heading, a line of facts, then one table per non-empty section."""

    def write(self, record: ArticleRecord) -> None:
        title = record.metadata.title or article_name(record)
        facts = [f"**{label}:** {_markdowncell(cell)}" for label, cell in header_facts(record)]
        out = [f"## {markdown_text(title)}", "", " · ".join(facts), ""]
        if record.error is not None:
            out += [f"**Failed:** {markdown_text(failure_reason(record))}", ""]
        else:
            for section in self.sections:
                table = section_table(record, section)
                out += [f"### {table.title}", ""]
                out += [_markdown_table(table) if table.rows else "None found.", ""]
        self.stream.write("\n".join(out) + "\n")
        self.stream.flush()


def _markdown_table(table: SectionTable) -> str:
    lines = [
        "| " + " | ".join(column.header for column in table.columns) + " |",
        "|" + "|".join(" --- " for _ in table.columns) + "|",
    ]
    lines += ["| " + " | ".join(_markdowncell(c) for c in row) + " |" for row in table.rows]
    return "\n".join(lines)
