"""`mppclaims report`: one HTML page with every claim, quote and date highlighted in its article."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from .common import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    EXIT_USAGE,
    PublishedOption,
    QuietOption,
    open_output,
    parse_published,
    say,
)


def report(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT",
            help="Articles as `extract` reads them (text files, directories, .jsonl of "
            "articles, - for stdin) or the JSON Lines that `extract` wrote (no re-extraction: "
            "the text is read again from each record's source.path).",
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the page to FILE (atomically). Without it the page goes to stdout, "
            "which must then not be a terminal.",
        ),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option(
            "--title", metavar="TEXT", help="Title of the page [default: mppclaims report]."
        ),
    ] = None,
    published: PublishedOption = None,
    model: Annotated[
        str | None,
        typer.Option(
            "--model",
            metavar="NAME_OR_PATH",
            help="spaCy pipeline for articles that need extracting (as in `extract`).",
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option("--jobs", "-j", min=1, metavar="N", help="Extract with N worker processes."),
    ] = 1,
    with_ledger: Annotated[
        bool,
        typer.Option(
            "--ledger/--no-ledger",
            help="With several articles, add the figures that more than one of them gives "
            "(as `mppclaims ledger` groups them) to the index.",
        ),
    ] = True,
    quiet: QuietOption = False,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug",
            help="Stop at the first extractor failure and show tracebacks of internal errors.",
        ),
    ] = False,
) -> None:
    """Write one self-contained HTML page showing the claims in their articles.

    Numeric claims, quotes (one colour per speaker) and dates are highlighted in the article
    text, boilerplate is greyed; hovering or focusing a highlight shows its details, and
    side tables link to the text. Several articles get an index and one collapsed section
    each, and (`--ledger`, the default) the figures that several articles give, grouped as
    `mppclaims ledger` groups them, with their conflicts. The page needs no network and
    runs no code from the articles.

    \b
    Example:
      mppclaims report data/articles/ -o report.html
      mppclaims report claims.jsonl -o report.html    # what `extract` wrote: no re-parsing

    Exit code 0 when every input succeeded, 1 when some failed (they appear in the page with
    their error), 2 for usage errors or a model that cannot be loaded.
    """
    started = time.perf_counter()
    from ..inputs import Article, count_inputs
    from ..progress import RunStatus, is_terminal
    from ..report import read_inputs, render_report, report_articles

    stated = parse_published(published)
    if output is None and is_terminal(sys.stdout):
        say("the report is an HTML page: write it to a file with -o report.html")
        raise typer.Exit(EXIT_USAGE)
    interactive = not quiet and is_terminal(sys.stderr)
    items = list(read_inputs(paths, published=stated, stdin=sys.stdin.buffer))
    nlp = None
    if any(isinstance(item, Article) and item.error is None for item in items):
        from ..nlp import ModelError, load

        try:
            nlp = load(model)
        except ModelError as exc:
            say(str(exc))
            raise typer.Exit(EXIT_USAGE) from None
    status = RunStatus(
        total=count_inputs(paths) if interactive else None,
        bar=interactive,
        summary=not quiet,
        started=started,
    )
    articles = []
    with status:
        for article in report_articles(items, nlp=nlp, n_process=jobs, raise_errors=debug):
            if article.record.error is not None:
                status.say(f"{article.record.error.type}: {article.record.error.message}")
            articles.append(article)
            status.done(article.record)
    ledger = None
    if with_ledger and len(articles) > 1:
        from ..ledger import build_ledger

        built = build_ledger(article.record for article in articles)
        ledger = built if built.groups else None
    with open_output(output) as stream:
        render_report(articles, stream, title=title, ledger=ledger)
    status.finish()
    if output is not None and not quiet:
        say(f"report written to {output}")
    raise typer.Exit(EXIT_SOME_FAILED if status.failed else EXIT_OK)
