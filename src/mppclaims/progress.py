"""What people see on stderr during a run: "loading model", a progress bar, one summary line.

Nothing here writes to stdout. The loading line and the bar appear only when stderr is a
terminal (the bar only for more than one input); when the records themselves stream to the
same terminal, the bar is lifted while each record is written so the two never overwrite
each other. Every message goes through `render.safe.one_line`: file names and article text
cannot send escape sequences to the terminal.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, TextIO

from .render.safe import one_line
from .render.sections import ALL_SECTIONS, Section, section_items

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


_COUNT_NOUNS = {
    Section.numbers: ("numeric claim", "numeric claims"),
    Section.quotes: ("quote", "quotes"),
    Section.dates: ("date", "dates"),
    Section.entities: ("entity mention", "entity mentions"),
}


def summary_line(
    inputs: int,
    failed: int,
    numbers: int,
    quotes: int,
    elapsed: float,
    *,
    counts: dict[Section, int] | None = None,
) -> str:
    """ "5 inputs, 5 ok, 0 failed, 42 claims (30 numeric, 12 quotes) in 3.1 s".

    With `counts` (the items of each section written), the line counts those sections and
    only those: "..., 30 numeric claims in 3.1 s" for `--only numbers`; numeric claims and
    quotes together still read "42 claims (30 numeric, 12 quotes)".
    """
    head = f"{inputs} input{'s' if inputs != 1 else ''}, {inputs - failed} ok, {failed} failed"
    if counts is None:
        counts = {Section.numbers: numbers, Section.quotes: quotes}
    parts = []
    claims = Section.numbers in counts and Section.quotes in counts
    if claims:
        n, q = counts[Section.numbers], counts[Section.quotes]
        parts.append(f"{n + q} claims ({n} numeric, {q} quotes)")
    for section, count in counts.items():
        if claims and section in (Section.numbers, Section.quotes):
            continue
        singular, plural = _COUNT_NOUNS[section]
        parts.append(f"{count} {singular if count == 1 else plural}")
    return (
        f"{head}, {', '.join(parts)} in {elapsed:.1f} s" if parts else f"{head} in {elapsed:.1f} s"
    )


class RunStatus:
    """Counts records as they pass, draws "loading model" and the bar, writes messages and
    the summary.

    `total` is the number of inputs when known; `bar` asks for the loading line and the
    progress bar (the bar is drawn only for more than one input); `summary` for the closing
    line, which counts the items of `sections`; `shares_terminal` says that the data goes
    to the same terminal as the bar. The rate (articles/s) is that of the extraction alone:
    it counts from `extracting()`, after the model has loaded, and is shown from the first
    finished article on.
    """

    def __init__(
        self,
        *,
        total: int | None,
        bar: bool,
        summary: bool,
        shares_terminal: bool = False,
        started: float | None = None,
        sections: Sequence[Section] = ALL_SECTIONS,
    ) -> None:
        self.total = total
        self.summary = summary
        self.shares_terminal = shares_terminal
        self.started = time.perf_counter() if started is None else started
        self.sections = tuple(sections)
        self.inputs = self.failed = self.numbers = self.quotes = 0
        self.counts = dict.fromkeys(self.sections, 0)
        self._uncounted: set[Section] = set()
        self._extract_started: float | None = None
        self._progress: Progress | None = _make_progress() if bar else None
        self._task: TaskID | None = None
        self._live = False

    def __enter__(self) -> RunStatus:
        if self._progress is not None:
            self._progress.start()
            self._live = True
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._live = False

    @contextlib.contextmanager
    def loading(self, model: str) -> Iterator[None]:
        """Around loading the model: "Loading model NAME" with a moving bar, then nothing."""
        if self._progress is None:
            yield
            return
        description = f"Loading model {one_line(model)}"
        task = self._progress.add_task(description, total=None, rate="", eta="")
        try:
            yield
        finally:
            self._progress.remove_task(task)

    def extracting(self) -> None:
        """The model is loaded: extraction (and its rate) starts now; the bar appears."""
        self._extract_started = time.perf_counter()
        if self._progress is not None and (self.total is None or self.total > 1):
            self._task = self._progress.add_task(
                "Extracting", total=self.total, completed=self.inputs, rate="", eta=""
            )

    def say(self, message: str) -> None:
        """One line for people on stderr, above the bar when one is drawn."""
        line = f"mppclaims: {one_line(message)}"
        if self._progress is not None and self._live:
            self._progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            print(line, file=sys.stderr)

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Around writing data: lifts the bar when the data goes to the same terminal."""
        if self._progress is None or not self.shares_terminal or not self._live:
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
        counts = {section: len(section_items(record, section)) for section in self.sections}
        self.add(
            1,
            failed=failed,
            numbers=len(record.numeric_claims),
            quotes=len(record.quotes),
            counts=counts,
        )

    def add(
        self,
        inputs: int,
        *,
        failed: int,
        numbers: int,
        quotes: int,
        counts: dict[Section, int] | None = None,
    ) -> None:
        """Count finished records written elsewhere (`--output-dir`: by the Dask workers).

        `counts` are the items of each chosen section; without them only numeric claims and
        quotes are known, and the summary line leaves the other sections out.
        """
        if self._extract_started is None:  # a caller that never said `extracting()`
            self.extracting()
        self.inputs += inputs
        self.failed += failed
        self.numbers += numbers
        self.quotes += quotes
        if counts is None:
            counts = {Section.numbers: numbers, Section.quotes: quotes}
            self._uncounted.update(s for s in self.sections if s not in counts)
        for section in self.sections:
            self.counts[section] += counts.get(section, 0)
        if self._progress is not None and self._task is not None:
            rate, eta = self._pace()
            self._progress.update(self._task, advance=inputs, rate=rate, eta=eta)

    def _pace(self) -> tuple[str, str]:
        """The rate since extraction started and the time left at that rate, as text."""
        if self._extract_started is None:
            return "", ""
        elapsed = time.perf_counter() - self._extract_started
        if elapsed <= 0 or not self.inputs:
            return "", ""
        rate = self.inputs / elapsed
        eta = ""
        if self.total is not None and self.total > self.inputs:
            seconds = round((self.total - self.inputs) / rate)
            eta = f"ETA {seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
        return f"{rate:.1f} articles/s", eta

    def finish(self) -> None:
        """Write the summary line (when asked for)."""
        if self.summary:
            elapsed = time.perf_counter() - self.started
            counts = (self.inputs, self.failed, self.numbers, self.quotes, elapsed)
            known = {s: n for s, n in self.counts.items() if s not in self._uncounted}
            print(f"mppclaims: {summary_line(*counts, counts=known)}", file=sys.stderr)


def _make_progress() -> Progress:
    from rich.console import Console
    from rich.progress import BarColumn, Progress, ProgressColumn, TextColumn
    from rich.text import Text

    class CountColumn(ProgressColumn):
        """ "3/5" once there is something to count."""

        def render(self, task: Task) -> Text:
            if task.total is None:
                return Text("")
            return Text(f"{int(task.completed)}/{int(task.total)}", style="green")

    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        CountColumn(),
        TextColumn("{task.fields[rate]}", style="cyan"),
        TextColumn("{task.fields[eta]}"),
        console=Console(stderr=True),
        transient=True,
        redirect_stdout=False,
        redirect_stderr=False,
    )
