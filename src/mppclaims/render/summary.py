"""The summary: a few lines per article, what a terminal shows first for several articles.

Per article, at most eight lines: a rule with its file, the title, the date and the
counts, then its first two figures, two quotes (direct quotes first) and its most mentioned
names, each on one line cut to the width. It ends with a pointer to the formats that show
everything. Rich is imported only here and in `table`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from .base import Renderer
from .cells import Cell
from .safe import one_line
from .sections import Section, article_name, section_items
from .texts import (
    QuoteGroup,
    claim_phrase,
    failure_reason,
    group_quotes,
    marked_quote,
    summarise_entities,
)

if TYPE_CHECKING:
    from rich.console import Console, Group
    from rich.text import Text

    from ..records import ArticleRecord, NumericClaim

TOP_FIGURES = 2
TOP_QUOTES = 2
TOP_NAMES = 5
_QUOTE_MARKS = '"“”'
# How the summary says where everything else is.
POINTER = (
    "This is a summary. Every item: add -f table; a spreadsheet: -o claims.csv; "
    "JSON records: -f jsonl (the default when the output is not a terminal)."
)


class SummaryRenderer(Renderer):
    """A few lines per article; `close` adds the pointer to the full formats."""

    def __init__(self, stream: TextIO, **options: Any) -> None:
        super().__init__(stream, **options)
        from rich.console import Console

        self.console: Console = Console(
            file=stream, width=self.width, highlight=False, markup=False, emoji=False
        )
        self._count = 0

    def write(self, record: ArticleRecord) -> None:
        from rich.rule import Rule

        self._count += 1
        name = one_line(article_name(record))
        self.console.print(Rule(name, align="left", style="blue", characters="─"))
        if record.error is not None:
            self.console.print(
                f"  Failed: {one_line(failure_reason(record))}", style="bold red", overflow="fold"
            )
        else:
            self.console.print(self._lines(record))
        self.stream.flush()

    def close(self) -> None:
        if self._count:
            self.console.line()
            self.console.print(POINTER, style="dim", overflow="fold")
        super().close()

    def _lines(self, record: ArticleRecord) -> Group:
        from rich.console import Group
        from rich.table import Table
        from rich.text import Text

        head: list[Text] = []
        if record.metadata.title:
            head.append(_one_row(Text(one_line(record.metadata.title), style="bold")))
        head.append(Text(facts_text(record, self.sections), style="dim", overflow="fold"))
        grid = Table.grid(padding=(0, 1), pad_edge=True)
        grid.add_column(no_wrap=True, style="bold")
        grid.add_column()
        if Section.numbers in self.sections:
            for claim in record.numeric_claims[:TOP_FIGURES]:
                grid.add_row(" Figure", _one_row(_figure_line(claim)))
        if Section.quotes in self.sections:
            for group in top_quotes(group_quotes(record.quotes))[:TOP_QUOTES]:
                grid.add_row(" Quote ", _one_row(_quote_line(group)))
        if Section.entities in self.sections and record.entities:
            names = summarise_entities(record.entities)
            shown = " · ".join(f"{one_line(s.canonical)} ×{s.mentions}" for s in names[:TOP_NAMES])
            more = " …" if len(names) > TOP_NAMES else ""
            grid.add_row(" Names ", _one_row(Text(shown + more)))
        return Group(*head, grid) if grid.row_count else Group(*head)


_SUMMARY_NOUNS = {
    Section.numbers: "numeric claim",
    Section.quotes: "quote",
    Section.dates: "date",
    Section.entities: "name",
}


def facts_text(record: ArticleRecord, sections: Sequence[Section]) -> str:
    """ "2019-04-12 · 6 numeric claims · 2 quotes · 3 dates · 4 names": the date (or "date
    not found") and how much each chosen section holds (names are referents, not mentions).
    """
    published = record.metadata.published
    parts = [published.isoformat() if published else "date not found"]
    for section in sections:
        if section is Section.entities:
            count = len(summarise_entities(record.entities))
        else:
            count = len(section_items(record, section))
        parts.append(f"{count} {_SUMMARY_NOUNS[section]}{'' if count == 1 else 's'}")
    return one_line(" · ".join(parts))


def top_quotes(groups: Sequence[QuoteGroup]) -> list[QuoteGroup]:
    """Direct quotes first (a speaker's own words), then the rest; article order within."""
    return sorted(groups, key=lambda group: group.quote.kind != "direct")


def _one_row(text: Text) -> Text:
    """A line cut to the width with "…", never wrapped: the summary stays a few lines."""
    text.no_wrap, text.overflow = True, "ellipsis"
    return text


def _figure_line(claim: NumericClaim) -> Text:

    phrase, marks = claim_phrase(claim)
    text = _marked(Cell(phrase, marks=marks))
    if claim.attribution:
        text.append(f" — {one_line(claim.attribution)}", style="dim")
    else:
        text.append(" — unsourced", style="red")
    return text


def _quote_line(group: QuoteGroup) -> Text:
    from rich.text import Text

    quote = group.quote
    speaker = one_line(quote.speaker) if quote.speaker else "unattributed"
    text = Text(f"{speaker}: ", style="" if quote.speaker else "red")
    words, _ = marked_quote(group)
    text.append(f"“{words.strip(_QUOTE_MARKS)}”" if quote.kind == "direct" else words)
    return text


def _marked(cell: Cell) -> Text:
    from rich.text import Text

    text = Text(cell.text)
    for start, end in cell.marks:
        text.stylize("bold", start, end)
    return text
