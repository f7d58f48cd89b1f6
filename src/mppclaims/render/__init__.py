"""Every output format, from records.

A `Renderer` receives records one at a time (so output streams as articles finish) and
writes to a text stream; `close` writes whatever a format needs at the end. Every format
honours the same section selection (`--only`), and the human formats (table, Markdown)
share the cell texts of `cells` and `texts`, so a claim reads the same in a terminal and in
a doc. One module per format; this one picks the renderer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from .base import Renderer
from .cells import Cell, Column, SectionTable, header_facts, section_table
from .csv_format import CsvRenderer, csv_columns
from .json_format import JsonArrayRenderer, JsonLinesRenderer
from .markdown import MarkdownRenderer, markdown_text
from .sections import (
    ALL_SECTIONS,
    FIELD,
    HEADING,
    ITEM_KIND,
    OutputFormat,
    Section,
    article_name,
    claim_count,
    parse_sections,
    section_items,
)
from .table import TableRenderer, share_widths
from .texts import (
    EntitySummary,
    anchor_text,
    date_value_text,
    found_text,
    number_text,
    published_text,
    qualifier_text,
    summarise_entities,
    value_text,
)

__all__ = [
    "ALL_SECTIONS",
    "FIELD",
    "HEADING",
    "ITEM_KIND",
    "RENDERERS",
    "Cell",
    "Column",
    "CsvRenderer",
    "EntitySummary",
    "JsonArrayRenderer",
    "JsonLinesRenderer",
    "MarkdownRenderer",
    "OutputFormat",
    "Renderer",
    "Section",
    "SectionTable",
    "TableRenderer",
    "anchor_text",
    "article_name",
    "claim_count",
    "csv_columns",
    "date_value_text",
    "found_text",
    "header_facts",
    "markdown_text",
    "number_text",
    "parse_sections",
    "published_text",
    "qualifier_text",
    "renderer",
    "section_items",
    "section_table",
    "share_widths",
    "summarise_entities",
    "value_text",
]

RENDERERS: dict[OutputFormat, type[Renderer]] = {
    OutputFormat.table: TableRenderer,
    OutputFormat.jsonl: JsonLinesRenderer,
    OutputFormat.json: JsonArrayRenderer,
    OutputFormat.csv: CsvRenderer,
    OutputFormat.markdown: MarkdownRenderer,
}


def renderer(
    fmt: OutputFormat,
    stream: TextIO,
    *,
    sections: Sequence[Section] = ALL_SECTIONS,
    width: int | None = None,
) -> Renderer:
    """The renderer for `fmt` writing to `stream`, limited to `sections`."""
    return RENDERERS[fmt](stream, sections=sections, width=width)
