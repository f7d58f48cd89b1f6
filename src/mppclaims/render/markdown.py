"""Markdown: one heading per article and one pipe table per section, for docs and tickets."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .base import Renderer
from .cells import Cell, SectionTable, header_facts, section_table
from .sections import article_name

if TYPE_CHECKING:
    from ..records import ArticleRecord


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")


def markdown_text(text: str) -> str:
    """Text safe inside a Markdown table cell: special characters escaped, on one line."""
    return _MD_SPECIAL.sub(r"\\\1", _LINE_BREAKS.sub(" ", text.strip()))


def _markdowncell(cell: Cell) -> str:
    text = markdown_text(cell.text)
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
            error = f"{record.error.type}: {record.error.message}"
            out += [f"**Failed:** {markdown_text(error)}", ""]
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
