"""Rich tables for the terminal: a header panel per article, then one table per section.

Rich is imported only here: `--help` and the JSON formats never load it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from .base import Renderer
from .cells import Cell, SectionTable, Tone, header_facts, section_table
from .safe import one_line
from .texts import failure_reason, found_text

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.text import Text

    from ..records import ArticleRecord


_UNLIMITED = 1_000_000  # a width no table reaches, to measure a table's natural width
# A column keeps its longest word whole up to this width; longer words fold.
_MAX_MIN_WIDTH = 12
_STYLES: dict[Tone, str] = {"plain": "", "alert": "bold red", "muted": "dim"}
_MARK_STYLE = "bold"  # the figure in its claim, partial quotes inside an indirect one


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
        if record.metadata.title and record.error is None:
            parts.append(Text(one_line(record.metadata.title), style="bold", overflow="fold"))
        parts.append(grid)
        if record.error is not None:
            error = f"Failed: {one_line(failure_reason(record))}"
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

    text = Text(cell.text, style=_STYLES[cell.tone], overflow="fold")
    for start, end in cell.marks:
        text.stylize(_MARK_STYLE, start, end)
    return text
