"""Section tables: the rows of cells that the table and Markdown formats both draw."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from .safe import one_line
from .sections import HEADING, Section, section_items
from .texts import (
    QuoteGroup,
    anchor_text,
    claim_phrase,
    date_value_text,
    group_quotes,
    marked_quote,
    published_text,
    qualifier_text,
    summarise_entities,
    value_text,
)

if TYPE_CHECKING:
    from ..records import ArticleRecord, DateMention


Tone = Literal["plain", "alert", "muted"]


@dataclass(frozen=True)
class Cell:
    """The text of one table cell; `alert` marks what a reader must notice ("unsourced").

    The text is made safe and put on one line (`safe.one_line`) when the cell is made.
    `marks` are the ranges of the text to emphasise (the figure in its claim, the partial
    quotes inside an indirect one); they index the text as made safe.
    """

    text: str
    tone: Tone = "plain"
    marks: tuple[tuple[int, int], ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", one_line(self.text))  # a no-op on safe text


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


def cell(text: str | None, missing: str = "", tone: Tone = "muted") -> Cell:
    return Cell(text) if text else Cell(missing, tone)


_NUMBER_COLUMNS = (
    Column("Claim", 6),
    Column("Value", 2),
    Column("Qualifier", 2, optional=True),
    Column("When", 2, optional=True),
    Column("Said by", 3),
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


def _date_row(d: DateMention) -> tuple[Cell, ...]:
    """A date's row; a vague reference ("now", "recently": PRESENT_REF, PAST_REF,
    FUTURE_REF) is dimmed, so the calendar dates stand out."""
    if d.value is not None and d.value.endswith("_REF"):
        return (Cell(d.text, "muted"), Cell(d.value, "muted"), Cell(d.type, "muted"), Cell(""))
    return (
        Cell(d.text),
        cell(date_value_text(d), "unresolved"),
        Cell(d.type),
        cell(anchor_text(d)),
    )


def section_table(
    record: ArticleRecord, section: Section, *, nest_partials: bool = True
) -> SectionTable:
    """The rows of `section` for people: one per item (entities: one per referent; a partial
    quote inside an indirect one of the same speaker under it, unless `nest_partials` is
    False: then one row per quote, for views that link row i to quote i)."""
    items = section_items(record, section)
    columns: tuple[Column, ...]
    rows: list[tuple[Cell, ...]]
    if section is Section.numbers:
        columns = _NUMBER_COLUMNS
        rows = []
        for c in record.numeric_claims:
            claim, marks = claim_phrase(c)
            value = value_text(c) if c.unit or c.kind == "count" else f"{value_text(c)} ({c.kind})"
            rows.append(
                (
                    Cell(claim, marks=marks),
                    Cell(value),
                    cell(qualifier_text(c)),
                    cell(c.time_ref),
                    cell(c.attribution, "unsourced", "alert"),
                )
            )
    elif section is Section.quotes:
        columns = _QUOTE_COLUMNS
        rows = []
        groups = (
            group_quotes(record.quotes) if nest_partials else [QuoteGroup(q) for q in record.quotes]
        )
        for group in groups:
            q = group.quote
            kind = f"{q.kind} + {len(group.partials)} partial" if group.partials else q.kind
            text, marks = marked_quote(group)
            speaker = cell(q.speaker, "unattributed", "alert")
            rows.append((speaker, Cell(kind), Cell(text, marks=marks), cell(q.cue)))
    elif section is Section.dates:
        columns = _DATE_COLUMNS
        rows = [_date_row(d) for d in record.dates]
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
    """The facts of the header: published (and from where), authors, dateline, the file.

    A failed input has only its file: what it failed to read cannot be reported missing.
    """
    meta, source = record.metadata, record.source
    where = [part for part in (source.path, source.url) if part]
    if source.id and source.id != source.path:
        where.insert(0, source.id)
    if record.error is not None:
        return [("File", Cell(" · ".join(where) or "<text>"))]
    facts = [
        ("Published", cell(published_text(record), "not found")),
        ("Authors", cell(", ".join(meta.authors), "not found")),
    ]
    if meta.dateline:
        facts.append(("Dateline", Cell(meta.dateline)))
    facts.append(("File", Cell(" · ".join([*where, f"{source.chars:,} characters"]))))
    return facts
