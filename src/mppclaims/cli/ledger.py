"""`mppclaims ledger`: the same figure across many articles, in time order, with its sources."""

from __future__ import annotations

import sys
import time
from enum import StrEnum
from typing import Annotated

import typer

from ..render import OutputFormat
from .common import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    EXIT_USAGE,
    FormatOption,
    OutputOption,
    PublishedOption,
    QuietOption,
    WidthOption,
    open_output,
    parse_published,
    say,
)


class LedgerBy(StrEnum):
    """The two views of the ledger."""

    figures = "figures"
    speaker = "speaker"


class LedgerOnly(StrEnum):
    """What `--only` keeps."""

    conflicts = "conflicts"


def ledger(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT",
            help="JSON Lines written by `mppclaims extract` (or `-f json` output), or "
            "articles as `extract` reads them: text files, directories, .jsonl articles, "
            "- for stdin. Only articles are extracted (and load the model).",
        ),
    ],
    by: Annotated[
        LedgerBy,
        typer.Option(
            "--by",
            help="figures: groups of numeric claims that count the same thing; speaker: "
            "every quote and figure per source.",
        ),
    ] = LedgerBy.figures,
    about: Annotated[
        str | None,
        typer.Option(
            "--about",
            metavar="TEXT",
            help="Only groups (or a source's items) whose words hold every word of TEXT: "
            "what is counted, the verb and the key for figures, the quote for quotes.",
        ),
    ] = None,
    min_articles: Annotated[
        int,
        typer.Option(
            "--min-articles",
            min=1,
            metavar="N",
            help="Leave out groups and sources that fewer than N articles give.",
        ),
    ] = 2,
    only: Annotated[
        LedgerOnly | None,
        typer.Option("--only", help="conflicts: only groups with conflicting figures."),
    ] = None,
    threshold: Annotated[
        float,
        typer.Option(
            "--threshold",
            min=0.01,
            max=1.0,
            metavar="SIMILARITY",
            help="How alike two claims' keys must be to join a group (Dice coefficient; "
            "at least two shared words are always needed).",
        ),
    ] = 0.5,
    output_format: FormatOption = None,
    output: OutputOption = None,
    width: WidthOption = None,
    quiet: QuietOption = False,
    published: PublishedOption = None,
    model: Annotated[
        str | None,
        typer.Option(
            "--model", metavar="NAME_OR_PATH", help="spaCy pipeline for articles to extract."
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option("--jobs", "-j", min=1, metavar="N", help="Extract articles with N processes."),
    ] = 1,
    debug: Annotated[
        bool,
        typer.Option("--debug", help="Show tracebacks of extractor and internal errors."),
    ] = False,
) -> None:
    """Put the figures of many articles side by side: groups of claims that count the same
    thing, in time order, with their sources and conflicts flagged.

    \b
    Example:
      mppclaims extract data/articles/ -o claims.jsonl
      mppclaims ledger claims.jsonl                       # tables in the terminal
      mppclaims ledger claims.jsonl --only conflicts -f markdown
      mppclaims ledger claims.jsonl --about migrants --min-articles 3 -f json
      mppclaims ledger claims.jsonl --by speaker -f csv > sources.csv

    Exit code 0 when every input was read, 1 when some failed (reported on stderr), 2 for
    usage errors or a model that cannot be loaded, 3 for an internal error.
    """
    started = time.perf_counter()
    from ..ledger import build_ledger, read_records
    from ..nlp import ModelError
    from ..progress import RunStatus, is_terminal, summary_line
    from ..render.ledger import summary_text, write_ledger

    if by is LedgerBy.speaker and only is not None:
        raise typer.BadParameter(
            "applies to the figures view, not to --by speaker", param_hint="'--only'"
        )
    stated = parse_published(published)
    to_terminal = output is None and is_terminal(sys.stdout)
    if output_format is None:
        output_format = OutputFormat.table if to_terminal else OutputFormat.jsonl
    from ..inputs import count_inputs

    interactive = not quiet and is_terminal(sys.stderr)
    status = RunStatus(
        total=count_inputs(paths) if interactive else None,
        bar=interactive,
        summary=False,
        started=started,
    )
    records = []
    try:
        with status:
            for record in read_records(
                paths,
                published=stated,
                stdin=sys.stdin.buffer,
                model=model,
                n_process=jobs,
                raise_errors=debug,
            ):
                if record.error is not None:
                    status.say(f"{record.error.type}: {record.error.message}")
                status.done(record)
                records.append(record)
    except ModelError as exc:
        say(str(exc))
        raise typer.Exit(EXIT_USAGE) from None
    result = build_ledger(
        records,
        by="speakers" if by is LedgerBy.speaker else "figures",
        min_articles=min_articles,
        about=about,
        only_conflicts=only is LedgerOnly.conflicts,
        threshold=threshold,
    )
    with open_output(output) as stream:
        write_ledger(result, output_format, stream, width=width)
    if not quiet:
        elapsed = time.perf_counter() - started
        counts = summary_line(status.inputs, status.failed, status.numbers, status.quotes, elapsed)
        say(f"{counts}; ledger: {summary_text(result)}")
    raise typer.Exit(EXIT_SOME_FAILED if status.failed else EXIT_OK)
