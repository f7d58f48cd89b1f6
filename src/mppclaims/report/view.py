"""What the page shows of one article: its text as nested elements, highlight details, tables.

Everything here is plain data for the templates; no HTML is written in Python. Cell texts
come from `mppclaims.render`, so a claim reads the same in the report as in a terminal
table or a Markdown doc. Fields that newer records may carry (`time_ref_value`,
`attribution_start`/`attribution_end`) are read when present and ignored otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..records import ArticleRecord, DateMention, ErrorInfo, NumericClaim, Quote, offset_errors
from ..render import (
    Cell,
    Section,
    anchor_text,
    article_name,
    date_value_text,
    header_facts,
    one_line,
    qualifier_text,
    section_table,
    value_text,
)
from ..render.cells import Tone
from .marks import Mark, Node, nest

PALETTE_SIZE = 8  # speaker colours `sp0`..`sp7` in the stylesheet; more speakers reuse them
HIGHLIGHT_KINDS = ("number", "quote", "date")
_ID_LETTER = {"number": "n", "quote": "q", "date": "d", "entity": "e"}
# The column of each section table whose cell is the item as written: it links to the text.
_LINK_COLUMN = {Section.numbers: "Claim", Section.quotes: "Quote", Section.dates: "As written"}


@dataclass(frozen=True)
class ReportArticle:
    """One article for the report: its record, and its text when the text is at hand.

    `text` is the decoded article the record's offsets refer to; when it is None the claims
    are shown without the text and `note` says why.
    """

    record: ArticleRecord
    text: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Highlight:
    """A figure, quote or date in the text: the element id of its head and its details."""

    id: str
    kind: str
    index: int
    start: int
    end: int
    heading: str
    details: tuple[tuple[str, Cell], ...]
    colour: str = ""  # the speaker's colour class for quotes


@dataclass
class Piece:
    """One element of the drawn text, or the root (`tag` empty) holding the whole text."""

    tag: str
    classes: str = ""
    kind: str = ""
    id: str = ""  # head fragments of highlights and entities
    of: str = ""  # continuation fragments: the id of their head
    start: int = 0
    end: int = 0
    index: int = 0
    label: str = ""  # a tooltip-free hint (boilerplate reason, entity label)
    focusable: bool = False
    children: list[Piece | str] = field(default_factory=list)


@dataclass(frozen=True)
class SpeakerKey:
    """A line of the legend: a speaker (None: unattributed), its colour and its quotes."""

    name: str | None
    colour: str
    quotes: int


@dataclass(frozen=True)
class TableRow:
    """A row of a side table: cells, the cell that links to the text, links to mentions."""

    cells: tuple[Cell, ...]
    link: str = ""
    link_column: int = -1
    mentions: tuple[str, ...] = ()
    colour: str = ""  # quotes: the speaker's colour class


@dataclass(frozen=True)
class SideTable:
    """A side table (figures, quotes, dates, entities) with its rows."""

    key: str
    title: str
    headers: tuple[str, ...]
    numeric: tuple[bool, ...]
    rows: tuple[TableRow, ...]
    open: bool = True


@dataclass(frozen=True)
class Counts:
    """What the index shows of an article."""

    numbers: int = 0
    unsourced: int = 0
    quotes: int = 0
    unattributed: int = 0
    dates: int = 0
    entities: int = 0


@dataclass
class ArticleView:
    """Everything the template draws for one article."""

    number: int
    anchor: str
    name: str
    source_name: str
    published: str
    facts: list[tuple[str, Cell]]
    counts: Counts
    error: ErrorInfo | None = None
    note: str | None = None
    text: Piece | None = None
    highlights: list[Highlight] = field(default_factory=list)
    speakers: list[SpeakerKey] = field(default_factory=list)
    boilerplate: int = 0
    tables: list[SideTable] = field(default_factory=list)

    def tip_data(self) -> dict[str, dict[str, object]]:
        """The details of each highlight by element id, for the page's tooltip (as JSON).

        One JSON block per article instead of hidden elements per highlight keeps a page of
        hundreds of articles light; the side tables carry the same facts without script.
        """
        return {
            light.id: {
                "head": light.heading,
                "rows": [[label, cell.text, cell.tone] for label, cell in light.details],
                "where": f"characters {light.start}–{light.end}",
            }
            for light in self.highlights
        }


def counts(record: ArticleRecord) -> Counts:
    return Counts(
        numbers=len(record.numeric_claims),
        unsourced=sum(claim.attribution is None for claim in record.numeric_claims),
        quotes=len(record.quotes),
        unattributed=sum(quote.speaker is None for quote in record.quotes),
        dates=len(record.dates),
        entities=len(record.entities),
    )


def article_view(article: ReportArticle, number: int) -> ArticleView:
    """The view of the `number`th article (from 1) of the page."""
    record = article.record
    anchor = f"a{number}"
    name = article_name(record)
    view = ArticleView(
        number=number,
        anchor=anchor,
        name=record.metadata.title or name,
        source_name=name,
        published=record.metadata.published.isoformat() if record.metadata.published else "",
        facts=header_facts(record),
        counts=counts(record),
        error=record.error,
        note=article.note,
    )
    if record.error is not None:
        return view
    colours = _speaker_colours(record.quotes)
    view.speakers = _legend(record.quotes, colours)
    view.highlights = _highlights(record, anchor, colours)
    view.tables = _tables(record, anchor, colours)
    view.boilerplate = len(record.boilerplate)
    text, problem = article.text, _text_problem(record, article.text)
    if text is not None and problem is None:
        view.text = _draw(text, record, anchor, view.highlights, colours)
    elif problem is not None:
        view.note = problem
    elif view.note is None:
        view.note = "The article text is not available; its claims are listed below."
    return view


def _text_problem(record: ArticleRecord, text: str | None) -> str | None:
    """Why `text` cannot be the text the record's offsets refer to (None: it can)."""
    if text is None:
        return None
    if len(text) != record.source.chars:
        return (
            f"The text at hand has {len(text):,} characters but the record was made from "
            f"{record.source.chars:,}; its claims are listed below without the text."
        )
    wrong = offset_errors(record, text)
    if wrong:
        return (
            f"{len(wrong)} items of the record do not match the text at hand (first: "
            f"{wrong[0]}); its claims are listed below without the text."
        )
    return None


def _speaker_colours(quotes: Sequence[Quote]) -> dict[str | None, str]:
    """A colour class per speaker, in order of first quote; unattributed quotes are grey."""
    colours: dict[str | None, str] = {}
    for quote in quotes:
        if quote.speaker not in colours:
            named = sum(name is not None for name in colours)
            colours[quote.speaker] = (
                "sp-none" if quote.speaker is None else f"sp{named % PALETTE_SIZE}"
            )
    return colours


def _legend(quotes: Sequence[Quote], colours: dict[str | None, str]) -> list[SpeakerKey]:
    tally: dict[str | None, int] = {}
    for quote in quotes:
        tally[quote.speaker] = tally.get(quote.speaker, 0) + 1
    return [SpeakerKey(name, colours[name], tally[name]) for name in colours]


def _cell(text: str | None, missing: str = "—", tone: Tone = "muted") -> Cell:
    return Cell(text) if text else Cell(missing, tone)


def _number_details(claim: NumericClaim) -> tuple[tuple[str, Cell], ...]:
    time_value = getattr(claim, "time_ref_value", None)
    rows = [
        ("Value", Cell(value_text(claim))),
        ("Unit", _cell(claim.unit)),
        ("Kind", Cell(claim.kind)),
        ("Qualifier", _cell(qualifier_text(claim))),
        ("About", _cell(claim.about)),
        ("Predicate", _cell(claim.predicate)),
        ("Source", _cell(claim.attribution, "unsourced", "alert")),
        ("Time", _cell(claim.time_ref)),
    ]
    if isinstance(time_value, str) and time_value:
        rows.append(("Time value", Cell(time_value)))
    return tuple(rows)


def _quote_details(quote: Quote) -> tuple[tuple[str, Cell], ...]:
    return (
        ("Speaker", _cell(quote.speaker, "unattributed", "alert")),
        ("Speaker type", _cell(quote.speaker_label)),
        ("Kind", Cell(quote.kind)),
        ("Cue", _cell(quote.cue)),
    )


def _date_details(mention: DateMention) -> tuple[tuple[str, Cell], ...]:
    return (
        ("Value", _cell(date_value_text(mention), "unresolved", "alert")),
        ("Type", Cell(mention.type)),
        ("Resolved from", _cell(anchor_text(mention))),
    )


def _highlights(
    record: ArticleRecord, anchor: str, colours: dict[str | None, str]
) -> list[Highlight]:
    found: list[Highlight] = []
    for i, claim in enumerate(record.numeric_claims):
        found.append(
            Highlight(
                f"{anchor}-n{i}",
                "number",
                i,
                claim.start,
                claim.end,
                f"Figure: {value_text(claim)}",
                _number_details(claim),
            )
        )
    for i, quote in enumerate(record.quotes):
        speaker = quote.speaker or "unattributed"
        found.append(
            Highlight(
                f"{anchor}-q{i}",
                "quote",
                i,
                quote.start,
                quote.end,
                f"Quote ({quote.kind}) — {speaker}",
                _quote_details(quote),
                colours[quote.speaker],
            )
        )
    for i, mention in enumerate(record.dates):
        value = date_value_text(mention) or "unresolved"
        found.append(
            Highlight(
                f"{anchor}-d{i}",
                "date",
                i,
                mention.start,
                mention.end,
                f"Date: {value}",
                _date_details(mention),
            )
        )
    return found


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _side_marks(record: ArticleRecord) -> list[Mark]:
    """Marks that are not highlights: speakers' names, sources of figures (when recorded)."""
    marks: dict[tuple[str, int, int], Mark] = {}
    for i, quote in enumerate(record.quotes):
        start, end = quote.speaker_start, quote.speaker_end
        if start is not None and end is not None and (("speaker", start, end) not in marks):
            marks["speaker", start, end] = Mark("speaker", i, start, end)
    for i, claim in enumerate(record.numeric_claims):
        start = _int(getattr(claim, "attribution_start", None))
        end = _int(getattr(claim, "attribution_end", None))
        if start is not None and end is not None and ("source", start, end) not in marks:
            marks["source", start, end] = Mark("source", i, start, end)
    return list(marks.values())


def _draw(
    text: str,
    record: ArticleRecord,
    anchor: str,
    highlights: list[Highlight],
    colours: dict[str | None, str],
) -> Piece:
    marks = [Mark(h.kind, h.index, h.start, h.end) for h in highlights]
    marks += [Mark("boilerplate", i, b.start, b.end) for i, b in enumerate(record.boilerplate)]
    marks += [Mark("entity", i, e.start, e.end) for i, e in enumerate(record.entities)]
    marks += _side_marks(record)
    by_mark = {(h.kind, h.index): h for h in highlights}

    def piece(node: Node) -> Piece:
        children = [c if isinstance(c, str) else piece(c) for c in node.children]
        mark = node.mark
        if mark is None:
            return Piece("", children=children)
        head = node.part == 0
        if mark.kind in HIGHLIGHT_KINDS:
            light = by_mark[mark.kind, mark.index]
            classes = f"hl k-{mark.kind} {light.colour}".strip()
            return Piece(
                "mark",
                classes if head else f"{classes} cont",
                mark.kind,
                id=light.id if head else "",
                of="" if head else light.id,
                start=mark.start,
                end=mark.end,
                index=mark.index,
                focusable=head,
                children=children,
            )
        if mark.kind == "entity":
            entity = record.entities[mark.index]
            return Piece(
                "span",
                "ent" if head else "ent cont",
                "entity",
                id=f"{anchor}-e{mark.index}" if head else "",
                of="" if head else f"{anchor}-e{mark.index}",
                start=mark.start,
                end=mark.end,
                index=mark.index,
                label=f"{entity.label}: {entity.canonical}",
                children=children,
            )
        if mark.kind == "boilerplate":
            reason = record.boilerplate[mark.index].reason
            classes = "bp" if head else "bp cont"
            return Piece("span", classes, "boilerplate", label=reason, children=children)
        if mark.kind == "speaker":
            colour = colours.get(record.quotes[mark.index].speaker, "sp-none")
            return Piece("span", f"spk {colour}", "speaker", children=children)
        return Piece("span", "src", "source", children=children)

    return piece(nest(text, marks))


def _tables(record: ArticleRecord, anchor: str, colours: dict[str | None, str]) -> list[SideTable]:
    tables = []
    for section, kind in (
        (Section.numbers, "number"),
        (Section.quotes, "quote"),
        (Section.dates, "date"),
    ):
        table = section_table(record, section, nest_partials=False)  # row i is item i
        headers = tuple(column.header for column in table.columns)
        column = headers.index(_LINK_COLUMN[section])
        letter = _ID_LETTER[kind]
        rows = tuple(
            TableRow(
                cells,
                f"{anchor}-{letter}{i}",
                column,
                colour=colours[record.quotes[i].speaker] if kind == "quote" else "",
            )
            for i, cells in enumerate(table.rows)
        )
        numeric = tuple(c.numeric for c in table.columns)
        tables.append(SideTable(kind, table.title, headers, numeric, rows))
    tables.append(_entity_table(record, anchor))
    return tables


def _entity_table(record: ArticleRecord, anchor: str) -> SideTable:
    table = section_table(record, Section.entities)
    mentions: dict[str, list[str]] = {}  # a referent's row is one whatever its labels
    for i, entity in enumerate(record.entities):
        mentions.setdefault(one_line(entity.canonical), []).append(f"{anchor}-e{i}")
    headers = tuple(column.header for column in table.columns)
    # A row's first cell is the referent's canonical name (see section_table).
    rows = tuple(
        TableRow(cells, links[0], 0, tuple(links))
        for cells in table.rows
        for links in [mentions[cells[0].text]]
    )
    return SideTable(
        "entity",
        table.title,
        (*headers, "In the text"),
        (*(c.numeric for c in table.columns), False),
        rows,
        open=False,
    )
