"""What people see on stderr during a run: a progress bar on long runs, one summary line at the end.

Nothing here writes to stdout. The bar appears only when stderr is a terminal and more than
one input is processed; when the records themselves stream to the same terminal, the bar is
lifted while each record is written so the two never overwrite each other.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.progress import Progress, Task, TaskID
    from rich.text import Text

    from .records import ArticleRecord


def is_terminal(stream: TextIO) -> bool:
    """Whether `stream` is an interactive terminal (tests replace this)."""
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # detached or closed streams
        return False


def summary_line(inputs: int, failed: int, numbers: int, quotes: int, elapsed: float) -> str:
    """ "5 inputs, 5 ok, 0 failed, 42 claims (30 numeric, 12 quotes) in 3.1 s"."""
    return (
        f"{inputs} input{'s' if inputs != 1 else ''}, {inputs - failed} ok, {failed} failed, "
        f"{numbers + quotes} claims ({numbers} numeric, {quotes} quotes) in {elapsed:.1f} s"
    )


class RunStatus:
    """Counts records as they pass, draws the bar, and writes messages and the summary.

    `total` is the number of inputs when known; `bar` asks for the progress bar (it is drawn
    only for more than one input); `summary` for the closing line; `shares_terminal` says
    that the data goes to the same terminal as the bar.
    """

    def __init__(
        self,
        *,
        total: int | None,
        bar: bool,
        summary: bool,
        shares_terminal: bool = False,
        started: float | None = None,
    ) -> None:
        self.total = total
        self.summary = summary
        self.shares_terminal = shares_terminal
        self.started = time.perf_counter() if started is None else started
        self.inputs = self.failed = self.numbers = self.quotes = 0
        self._progress: Progress | None = None
        self._task: TaskID | None = None
        if bar and (total is None or total > 1):
            self._progress = _make_progress()
            self._task = self._progress.add_task("Extracting", total=total)

    def __enter__(self) -> RunStatus:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    def say(self, message: str) -> None:
        """One line for people on stderr, above the bar when one is drawn."""
        line = f"mppclaims: {message}"
        if self._progress is not None:
            self._progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            print(line, file=sys.stderr)

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Around writing data: lifts the bar when the data goes to the same terminal."""
        if self._progress is None or not self.shares_terminal:
            yield
            return
        self._progress.stop()
        try:
            yield
        finally:
            self._progress.start()

    def done(self, record: ArticleRecord) -> None:
        """Count one finished record."""
        failed = int(record.error is not None)
        self.add(1, failed=failed, numbers=len(record.numeric_claims), quotes=len(record.quotes))

    def add(self, inputs: int, *, failed: int, numbers: int, quotes: int) -> None:
        """Count finished records written elsewhere (`--output-dir`: by the Dask workers)."""
        self.inputs += inputs
        self.failed += failed
        self.numbers += numbers
        self.quotes += quotes
        if self._progress is not None and self._task is not None:
            self._progress.advance(self._task, inputs)

    def finish(self) -> None:
        """Write the summary line (when asked for)."""
        if self.summary:
            elapsed = time.perf_counter() - self.started
            counts = (self.inputs, self.failed, self.numbers, self.quotes, elapsed)
            print(f"mppclaims: {summary_line(*counts)}", file=sys.stderr)


def _make_progress() -> Progress:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class RateColumn(ProgressColumn):
        """Articles per second."""

        def render(self, task: Task) -> Text:
            speed = task.finished_speed or task.speed
            return Text("" if speed is None else f"{speed:.1f} articles/s", style="cyan")

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
        redirect_stdout=False,
        redirect_stderr=False,
    )
