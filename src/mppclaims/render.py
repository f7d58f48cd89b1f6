"""Every output format, from records, in one place.

A `Renderer` receives records one at a time (so output streams as articles finish) and
writes to a text stream; `close` writes whatever a format needs at the end. Every format
honours the same section selection (`--only`), and the human formats (table, Markdown)
share the cell texts built here, so a claim reads the same in a terminal and in a doc.

Rich is imported only by the table renderer: `--help` and the JSON formats never load it.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal, TextIO

if TYPE_CHECKING:  # records import pydantic; `--help` must not pay for it
    from rich.console import Console, RenderableType
    from rich.text import Text

    from .records import ArticleRecord, DateMention, Entity, NumericClaim, Span


class OutputFormat(StrEnum):
    """The formats `mppclaims extract --format` accepts."""

    table = "table"
    jsonl = "jsonl"
    json = "json"
    csv = "csv"
    markdown = "markdown"


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


def _items(record: ArticleRecord, section: Section) -> Sequence[Span]:
    items: Sequence[Span] = getattr(record, FIELD[section])
    return items


def article_name(record: ArticleRecord) -> str:
    """How an article is named in every format: its id (JSON Lines inputs) or its path."""
    return record.source.id or record.source.path or "<text>"


# ---------------------------------------------------------------------------------------------
# Cell texts shared by the table and Markdown formats


def number_text(value: float) -> str:
    """A value with thousands separators and every digit it has ("3,500,000", "2.75")."""
    if value.is_integer():
        return f"{int(value):,}"
    return f"{value:,}"


_BOUND_WORDS = {"gt": "more than", "gte": "at least", "lt": "less than", "lte": "at most"}
_DIRECTION_WORDS = {"up": "↑ up", "down": "↓ down"}
_DATE_MOD_WORDS = {
    "START": "early",
    "MID": "mid",
    "END": "late",
    "APPROX": "about",
    "BEFORE": "before",
    "AFTER": "after",
}
_ANCHOR_WORDS = {
    "published": "publication date",
    "absolute": "stated in full",
    "context": "a nearby date",
}
_PUBLISHED_FROM_WORDS = {"text": "stated in the article", "input": "given with the input"}


def value_text(claim: NumericClaim) -> str:
    """Value, upper end of a range and unit: "10–20 percent", "3,500,000 USD"."""
    figure = number_text(claim.value)
    if claim.value_max is not None:
        figure = f"{figure}–{number_text(claim.value_max)}"
    return f"{figure} {claim.unit}" if claim.unit else figure


def qualifier_text(claim: NumericClaim) -> str:
    """The qualifiers of a figure in words: "approx., at least, ↑ up, vague"."""
    parts = []
    if claim.approx:
        parts.append("approx.")
    if claim.bound != "eq":
        parts.append(_BOUND_WORDS[claim.bound])
    if claim.direction is not None:
        parts.append(_DIRECTION_WORDS[claim.direction])
    if claim.vague:
        parts.append("vague")
    return ", ".join(parts)


def date_value_text(mention: DateMention) -> str:
    """The resolved value with its modifier ("2019-04 (early)"), or "" when unresolved."""
    if mention.value is None:
        return ""
    if mention.mod is None:
        return mention.value
    return f"{mention.value} ({_DATE_MOD_WORDS[mention.mod]})"


def anchor_text(mention: DateMention) -> str:
    """What a date was resolved from, in words."""
    return _ANCHOR_WORDS[mention.anchor] if mention.anchor else ""


def published_text(record: ArticleRecord) -> str | None:
    """The publication date and where it came from, or None when unknown."""
    meta = record.metadata
    if meta.published is None:
        return None
    origin = _PUBLISHED_FROM_WORDS.get(meta.published_from or "", "")
    return f"{meta.published.isoformat()} ({origin})" if origin else meta.published.isoformat()


@dataclass(frozen=True)
class EntitySummary:
    """One referent of an article: its fullest name, label, mentions and other spellings."""

    canonical: str
    label: str
    mentions: int
    variants: tuple[str, ...]


def _same_name(text: str, canonical: str) -> bool:
    """Whether a mention spells the canonical name (a leading "the" aside)."""
    return _LEADING_THE.sub("", text) == _LEADING_THE.sub("", canonical)


_LEADING_THE = re.compile(r"^the\s+", re.I)


def summarise_entities(entities: Iterable[Entity]) -> list[EntitySummary]:
    """Group mentions by (canonical name, label); most mentioned first, then first seen.

    `variants` are the other spellings used ("Seeborg" for "Richard Seeborg").
    """
    groups: dict[tuple[str, str], list[Entity]] = {}
    for entity in entities:
        groups.setdefault((entity.canonical, entity.label), []).append(entity)
    summaries = []
    for (canonical, label), mentions in groups.items():
        variants = dict.fromkeys(m.text for m in mentions if not _same_name(m.text, canonical))
        summaries.append(EntitySummary(canonical, label, len(mentions), tuple(variants)))
    order = {key: i for i, key in enumerate(groups)}
    summaries.sort(key=lambda s: (-s.mentions, order[(s.canonical, s.label)]))
    return summaries


_NOUN = {
    Section.numbers: "numeric claim",
    Section.quotes: "quote",
    Section.dates: "date",
    Section.entities: "entity mention",
}


def found_text(record: ArticleRecord, sections: Sequence[Section]) -> str:
    """ "3 numeric claims · 1 quote · 5 dates · 12 entity mentions" for the chosen sections."""
    parts = []
    for section in sections:
        count = len(_items(record, section))
        parts.append(f"{count} {_NOUN[section]}{'s' if count != 1 else ''}")
    return " · ".join(parts)


# ---------------------------------------------------------------------------------------------
# Renderers


class Renderer:
    """Base class: write each record as it comes, then close."""

    def __init__(
        self,
        stream: TextIO,
        *,
        sections: Sequence[Section] = ALL_SECTIONS,
        width: int | None = None,
    ) -> None:
        self.stream = stream
        self.sections = tuple(sections)
        self.width = width

    def write(self, record: ArticleRecord) -> None:
        raise NotImplementedError

    def close(self) -> None:
        self.stream.flush()

    def _excluded_fields(self) -> set[str] | None:
        """Record fields of the sections left out (omitted from JSON, not emptied)."""
        left_out = {FIELD[s] for s in ALL_SECTIONS if s not in self.sections}
        return left_out or None

    def _json(self, record: ArticleRecord, indent: int | None = None) -> str:
        """The record as JSON with every line-breaking character escaped.

        JSON allows U+2028, U+2029 and NEL raw inside strings, but line-oriented readers
        (Python's `str.splitlines`, JavaScript) break lines there; inside JSON text they
        can only stand in strings, so escaping them never changes the value.
        """
        text = record.model_dump_json(indent=indent, exclude=self._excluded_fields())
        return text.translate(_LINE_BREAK_ESCAPES)


_LINE_BREAK_ESCAPES = {0x2028: "\\u2028", 0x2029: "\\u2029", 0x85: "\\u0085"}


class JsonLinesRenderer(Renderer):
    """One JSON object a line, flushed per record so pipelines see records at once."""

    def write(self, record: ArticleRecord) -> None:
        self.stream.write(self._json(record))
        self.stream.write("\n")
        self.stream.flush()


class JsonArrayRenderer(Renderer):
    """One JSON array of records, written incrementally."""

    def __init__(self, stream: TextIO, **options: Any) -> None:
        super().__init__(stream, **options)
        self._count = 0

    def write(self, record: ArticleRecord) -> None:
        self.stream.write("[\n" if self._count == 0 else ",\n")
        self.stream.write(self._json(record, indent=2))
        self._count += 1

    def close(self) -> None:
        self.stream.write("\n]\n" if self._count else "[]\n")
        super().close()


def csv_columns(sections: Sequence[Section] = ALL_SECTIONS) -> list[str]:
    """CSV header: article, kind, the span fields, then each chosen kind's own fields.

    A kind's own fields are prefixed with the kind ("number_value", "quote_speaker") because
    kinds share names with different meanings (`value`, `kind`).
    """
    columns = ["article", "kind", "text", "start", "end"]
    if {Section.numbers, Section.quotes} & set(sections):
        columns.append("sentence")
    for section in sections:
        columns.extend(f"{ITEM_KIND[section]}_{name}" for name in _own_fields(section))
    return columns


_SPAN_FIELDS = ("text", "start", "end", "sentence")


def _own_fields(section: Section) -> list[str]:
    from .records import DateMention, Entity, NumericClaim, Quote

    models: dict[Section, type[Span]] = {
        Section.numbers: NumericClaim,
        Section.quotes: Quote,
        Section.dates: DateMention,
        Section.entities: Entity,
    }
    return [name for name in models[section].model_fields if name not in _SPAN_FIELDS]


def _csv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class CsvRenderer(Renderer):
    """One row per item of the chosen sections; empty cells for fields of other kinds."""

    def __init__(self, stream: TextIO, **options: Any) -> None:
        super().__init__(stream, **options)
        self._columns = csv_columns(self.sections)
        self._writer = csv.writer(stream, lineterminator="\n")
        self._writer.writerow(self._columns)

    def write(self, record: ArticleRecord) -> None:
        name = article_name(record)
        for section in self.sections:
            kind = ITEM_KIND[section]
            for item in _items(record, section):
                row = dict.fromkeys(self._columns, "")
                row["article"], row["kind"] = name, kind
                for field, value in item.model_dump().items():
                    column = field if field in _SPAN_FIELDS else f"{kind}_{field}"
                    row[column] = _csv_value(value)
                self._writer.writerow(row.values())
        self.stream.flush()


# ---------------------------------------------------------------------------------------------
# Section tables: the rows the table and Markdown formats both draw

Tone = Literal["plain", "alert", "muted"]


@dataclass(frozen=True)
class Cell:
    """The text of one table cell; `alert` marks what a reader must notice ("unsourced")."""

    text: str
    tone: Tone = "plain"


@dataclass(frozen=True)
class Column:
    """A column: its header, its share of a narrow terminal, and whether it may be hidden."""

    header: str
    ratio: int = 1  # share of the width when the table must shrink to fit
    optional: bool = False  # hidden when every row leaves it empty
    numeric: bool = False  # right-aligned


@dataclass(frozen=True)
class SectionTable:
    """One section of one article as header and rows of cells."""

    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    ruled: bool = True  # rule off rows when cells wrap (not needed when one column never does)

    def visible(self) -> SectionTable:
        """Without the optional columns that are empty in every row."""
        keep = [
            i
            for i, column in enumerate(self.columns)
            if not column.optional or any(row[i].text for row in self.rows)
        ]
        return SectionTable(
            self.title,
            tuple(self.columns[i] for i in keep),
            tuple(tuple(row[i] for i in keep) for row in self.rows),
            self.ruled,
        )


def _cell(text: str | None, missing: str = "", tone: Tone = "muted") -> Cell:
    return Cell(text) if text else Cell(missing, tone)


_NUMBER_COLUMNS = (
    Column("Figure", 2),
    Column("Value", 2),
    Column("Qualifier", 2, optional=True),
    Column("About", 4),
    Column("When", 2, optional=True),
    Column("Source", 3),
)
_QUOTE_COLUMNS = (Column("Speaker", 2), Column("Kind", 1), Column("Quote", 6), Column("Cue", 1))
_DATE_COLUMNS = (
    Column("As written", 2),
    Column("Value", 2),
    Column("Type", 1),
    Column("Resolved from", 2, optional=True),
)
_ENTITY_COLUMNS = (
    Column("Name", 3),
    Column("Label", 1),
    Column("Mentions", 1, numeric=True),
    Column("Also written as", 3, optional=True),
)


def section_table(record: ArticleRecord, section: Section) -> SectionTable:
    """The rows of `section` for people: one per item (entities: one per referent)."""
    items = _items(record, section)
    columns: tuple[Column, ...]
    rows: list[tuple[Cell, ...]]
    if section is Section.numbers:
        columns = _NUMBER_COLUMNS
        rows = [
            (
                Cell(c.text),
                Cell(
                    value_text(c) if c.unit or c.kind == "count" else f"{value_text(c)} ({c.kind})"
                ),
                _cell(qualifier_text(c)),
                _cell(c.about, "—"),
                _cell(c.time_ref),
                _cell(c.attribution, "unsourced", "alert"),
            )
            for c in record.numeric_claims
        ]
    elif section is Section.quotes:
        columns = _QUOTE_COLUMNS
        rows = [
            (_cell(q.speaker, "unattributed", "alert"), Cell(q.kind), Cell(q.text), _cell(q.cue))
            for q in record.quotes
        ]
    elif section is Section.dates:
        columns = _DATE_COLUMNS
        rows = [
            (
                Cell(d.text),
                _cell(date_value_text(d), "unresolved"),
                Cell(d.type),
                _cell(anchor_text(d)),
            )
            for d in record.dates
        ]
    else:
        columns = _ENTITY_COLUMNS
        rows = [
            (Cell(s.canonical), Cell(s.label), Cell(str(s.mentions)), Cell("; ".join(s.variants)))
            for s in summarise_entities(record.entities)
        ]
    title = f"{HEADING[section]} ({len(items)})"
    if section is Section.entities and items:
        title = f"{HEADING[section]} ({len(rows)} names, {len(items)} mentions)"
    # Dates and entities have a one-word column (type, label) that marks where a row starts.
    ruled = section in (Section.numbers, Section.quotes)
    return SectionTable(title, columns, tuple(rows), ruled).visible()


def header_facts(record: ArticleRecord) -> list[tuple[str, Cell]]:
    """The facts of the header: published (and from where), authors, dateline, source."""
    meta, source = record.metadata, record.source
    facts = [
        ("Published", _cell(published_text(record), "not found")),
        ("Authors", _cell(", ".join(meta.authors), "not found")),
    ]
    if meta.dateline:
        facts.append(("Dateline", Cell(meta.dateline)))
    where = [part for part in (source.path, source.url) if part]
    if source.id and source.id != source.path:
        where.insert(0, source.id)
    facts.append(("Source", Cell(" · ".join([*where, f"{source.chars:,} characters"]))))
    return facts


# ---------------------------------------------------------------------------------------------
# Markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")


def markdown_text(text: str) -> str:
    """Text safe inside a Markdown table cell: special characters escaped, on one line."""
    return _MD_SPECIAL.sub(r"\\\1", _LINE_BREAKS.sub(" ", text.strip()))


def _markdown_cell(cell: Cell) -> str:
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
        facts = [f"**{label}:** {_markdown_cell(cell)}" for label, cell in header_facts(record)]
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
    lines += ["| " + " | ".join(_markdown_cell(c) for c in row) + " |" for row in table.rows]
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Rich tables for the terminal

_UNLIMITED = 1_000_000  # a width no table reaches, to measure a table's natural width
# A column keeps its longest word whole up to this width; longer words fold.
_MAX_MIN_WIDTH = 12
_STYLES: dict[Tone, str] = {"plain": "", "alert": "bold red", "muted": "dim"}


class TableRenderer(Renderer):
    """Per article: a header panel, then one Rich table per section; text wraps, never cut.

    Colour follows Rich's rules: none when the stream is not a terminal or NO_COLOR is set.
    Width: `width`, else the terminal's, else $COLUMNS, else 80.
    """

    def __init__(self, stream: TextIO, **options: Any) -> None:
        super().__init__(stream, **options)
        from rich.console import Console

        self.console: Console = Console(
            file=stream, width=self.width, highlight=False, markup=False, emoji=False
        )
        self._count = 0

    def write(self, record: ArticleRecord) -> None:
        if self._count:
            self.console.line()
        self._count += 1
        self.console.print(self._header(record))
        if record.error is None:
            for section in self.sections:
                table = section_table(record, section)
                self.console.print(self._table(table) if table.rows else self._none(table))
        self.stream.flush()

    def _header(self, record: ArticleRecord) -> RenderableType:
        from rich.console import Group
        from rich.panel import Panel
        from rich.table import Table
        from rich.text import Text

        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        for label, cell in header_facts(record):
            grid.add_row(label, _rich_text(cell))
        parts: list[RenderableType] = []
        if record.metadata.title:
            parts.append(Text(record.metadata.title, style="bold", overflow="fold"))
        parts.append(grid)
        if record.error is not None:
            error = f"Failed: {record.error.type}: {record.error.message}"
            parts.append(Text(error, style="bold red", overflow="fold"))
        else:
            parts.append(Text(found_text(record, self.sections), style="dim", overflow="fold"))
        return Panel(Group(*parts), border_style="red" if record.error else "blue")

    def _table(self, section: SectionTable) -> RenderableType:
        from rich import box
        from rich.cells import cell_len
        from rich.console import Group
        from rich.table import Table
        from rich.text import Text

        columns = section.columns
        texts = [[c.header, *(row[i].text for row in section.rows)] for i, c in enumerate(columns)]
        longest_line = [
            max(cell_len(line) for t in col for line in t.splitlines()) for col in texts
        ]
        longest_word = [max(cell_len(word) for t in col for word in t.split()) for col in texts]
        minimum = [min(word, _MAX_MIN_WIDTH) for word in longest_word]
        # Borders (one more than the columns) and one space of padding each side of a cell.
        available = self.console.width - (len(columns) + 1) - 2 * len(columns)
        if sum(minimum) > available:
            return Group(Text(section.title, style="bold"), self._stacked(section))
        widths = share_widths(minimum, longest_line, [c.ratio for c in columns], available)
        table = Table(box=box.ROUNDED, header_style="bold")
        for i, column in enumerate(columns):
            table.add_column(
                column.header,
                width=widths[i] if widths else None,
                overflow="fold",
                justify="right" if column.numeric else "left",
            )
        for row in section.rows:
            table.add_row(*(_rich_text(cell) for cell in row))
        # Rows whose cells wrap are ruled off, so each claim reads as one block.
        wraps = sum(longest_line) > available or any("\n" in t for col in texts for t in col)
        table.show_lines = wraps and section.ruled
        return Group(Text(section.title, style="bold"), table)

    def _stacked(self, section: SectionTable) -> RenderableType:
        """For terminals too narrow for the columns: each row as "header  value" lines."""
        from rich.console import Group
        from rich.rule import Rule
        from rich.table import Table

        label_width = max(len(column.header) for column in section.columns)
        blocks: list[RenderableType] = []
        for row in section.rows:
            grid = Table.grid(padding=(0, 2))
            grid.add_column(style="bold", overflow="fold", min_width=label_width)
            grid.add_column(overflow="fold")
            for column, cell in zip(section.columns, row, strict=True):
                if cell.text:
                    grid.add_row(column.header, _rich_text(cell))
            blocks += [Rule(style="dim"), grid]
        return Group(*blocks, Rule(style="dim"))

    def _none(self, section: SectionTable) -> Text:
        from rich.text import Text

        return Text(f"{section.title}: none found", style="dim")


def share_widths(
    minimum: Sequence[int], natural: Sequence[int], ratios: Sequence[int], available: int
) -> list[int] | None:
    """Column widths that fill `available` in proportion to `ratios`, each kept between its
    minimum and its natural width (a column that needs less than its share gets just that).

    None when the natural widths fit anyway, or when even the minimums do not.
    """
    if sum(natural) <= available or sum(minimum) > available:
        return None
    bounds = [(low, max(low, high)) for low, high in zip(minimum, natural, strict=True)]

    def widths_at(level: float) -> list[float]:
        pairs = zip(bounds, ratios, strict=True)
        return [min(max(level * ratio, low), high) for (low, high), ratio in pairs]

    # The filled width grows with the level: bisect for the level that fills `available`.
    low_level, high_level = 0.0, float(max(high for _, high in bounds))
    for _ in range(60):
        middle = (low_level + high_level) / 2
        if sum(widths_at(middle)) < available:
            low_level = middle
        else:
            high_level = middle
    exact = widths_at(high_level)
    widths = [int(width) for width in exact]
    # Whole columns: hand the leftover cells to the largest fractional parts.
    by_fraction = sorted(range(len(widths)), key=lambda i: widths[i] - exact[i])
    for i in by_fraction[: available - sum(widths)]:
        widths[i] += 1
    return widths


def _rich_text(cell: Cell) -> Text:
    from rich.text import Text

    return Text(cell.text, style=_STYLES[cell.tone], overflow="fold")


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
