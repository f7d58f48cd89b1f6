"""What every format shares: format names, the sections `--only` chooses, article names."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # records import pydantic; `--help` must not pay for it
    from ..records import ArticleRecord, Span


class OutputFormat(StrEnum):
    """The formats `mppclaims extract --format` accepts."""

    summary = "summary"
    table = "table"
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    markdown = "markdown"


# The format an output file's extension asks for (`-o claims.csv`), when `--format` is not given.
EXTENSION_FORMAT = {
    ".jsonl": OutputFormat.jsonl,
    ".ndjson": OutputFormat.jsonl,
    ".json": OutputFormat.json,
    ".csv": OutputFormat.csv,
    ".md": OutputFormat.markdown,
    ".markdown": OutputFormat.markdown,
}


def parse_format(value: str) -> OutputFormat:
    """The format named `value` (any case); ValueError naming the choices otherwise."""
    try:
        return OutputFormat(value.strip().lower())
    except ValueError:
        choices = ", ".join(OutputFormat)
        raise ValueError(f"{value!r} is not a format; choose one of: {choices}") from None


class Section(StrEnum):
    """The claim sections `--only` chooses from, in the order every format writes them."""

    numbers = "numbers"
    quotes = "quotes"
    dates = "dates"
    entities = "entities"


ALL_SECTIONS: tuple[Section, ...] = tuple(Section)

# The record field each section reads, and what one of its items is called (CSV `kind`).
FIELD = {
    Section.numbers: "numeric_claims",
    Section.quotes: "quotes",
    Section.dates: "dates",
    Section.entities: "entities",
}
ITEM_KIND = {
    Section.numbers: "number",
    Section.quotes: "quote",
    Section.dates: "date",
    Section.entities: "entity",
}
HEADING = {
    Section.numbers: "Numeric claims",
    Section.quotes: "Quotes",
    Section.dates: "Dates",
    Section.entities: "Entities",
}


def parse_sections(value: str | None) -> tuple[Section, ...]:
    """Sections named in a comma-separated list, in canonical order; all when `value` is None.

    Raises ValueError naming the valid choices for an unknown or empty list.
    """
    if value is None:
        return ALL_SECTIONS
    names = {name.strip().lower() for name in value.split(",") if name.strip()}
    choices = ", ".join(ALL_SECTIONS)
    unknown = sorted(names - set(ALL_SECTIONS))
    if unknown:
        raise ValueError(f"unknown section {', '.join(map(repr, unknown))}; choose from {choices}")
    if not names:
        raise ValueError(f"name at least one section: {choices}")
    return tuple(section for section in ALL_SECTIONS if section in names)


def claim_count(record: ArticleRecord) -> int:
    """Checkable claims of a record: numeric claims and quotes."""
    return len(record.numeric_claims) + len(record.quotes)


def section_items(record: ArticleRecord, section: Section) -> Sequence[Span]:
    """The items of `section` in `record`."""
    items: Sequence[Span] = getattr(record, FIELD[section])
    return items


def article_name(record: ArticleRecord) -> str:
    """How an article is named in every format: its id (JSON Lines inputs) or its path."""
    return record.source.id or record.source.path or "<text>"
