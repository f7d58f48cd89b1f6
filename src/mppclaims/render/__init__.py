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
from .csv_format import CsvRenderer, csv_columns, defused, restored
from .json_format import JsonArrayRenderer, JsonLinesRenderer
from .markdown import MarkdownRenderer, markdown_text
from .safe import one_line, visible
from .sections import (
    ALL_SECTIONS,
    EXTENSION_FORMAT,
    FIELD,
    HEADING,
    ITEM_KIND,
    OutputFormat,
    Section,
    article_name,
    claim_count,
    parse_format,
    parse_sections,
    section_items,
)
from .summary import SummaryRenderer
from .table import TableRenderer, share_widths
from .texts import (
    EntitySummary,
    QuoteGroup,
    anchor_text,
    claim_phrase,
    date_value_text,
    failure_reason,
    failure_text,
    found_text,
    group_quotes,
    number_text,
    plural_unit,
    published_text,
    qualifier_text,
    summarise_entities,
    value_text,
)

__all__ = [
    "ALL_SECTIONS",
    "EXTENSION_FORMAT",
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
    "QuoteGroup",
    "Renderer",
    "Section",
    "SectionTable",
    "SummaryRenderer",
    "TableRenderer",
    "anchor_text",
    "article_name",
    "claim_count",
    "claim_phrase",
    "csv_columns",
    "date_value_text",
    "defused",
    "failure_reason",
    "failure_text",
    "found_text",
    "group_quotes",
    "header_facts",
    "markdown_text",
    "number_text",
    "one_line",
    "parse_format",
    "parse_sections",
    "plural_unit",
    "published_text",
    "qualifier_text",
    "renderer",
    "restored",
    "section_items",
    "section_table",
    "share_widths",
    "summarise_entities",
    "value_text",
    "visible",
]

RENDERERS: dict[OutputFormat, type[Renderer]] = {
    OutputFormat.summary: SummaryRenderer,
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
