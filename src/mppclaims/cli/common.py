"""What every command shares: exit codes, messages, the output file and the output options.

The option types here (`FormatOption`, `OnlyOption`, `OutputOption`, ...) are the one set of
output options that every command writing claims offers, so they read and behave alike;
`choose_format` is the one rule for the format nobody named. `Command` makes usage lines
and help read as people expect (`PATH...`); register commands with `app.command(cls=Command)`.
Option values are parsed here so that a wrong one is answered in plain words that name the
option and what it accepts.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from typer.core import TyperCommand

from ..render import EXTENSION_FORMAT, OutputFormat, one_line, parse_format, parse_sections

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
# 128 + the signal number, as a shell reports a process that a signal ended.
EXIT_INTERRUPTED, EXIT_BROKEN_PIPE, EXIT_TERMINATED = 130, 141, 143


def say(message: str) -> None:
    """One line for people on stderr (control characters shown, not sent to the terminal)."""
    print(f"mppclaims: {one_line(message)}", file=sys.stderr)


class Command(TyperCommand):
    """A command whose usage line reads `[OPTIONS] PATH...` and whose help lists `PATH...`
    (Typer would write `{PATH}...` and `PATH <list[str]>`)."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                pieces.append(_argument_usage(param))
        return pieces

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments, options = [], []
        for param in self.get_params(ctx):
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                arguments.append((_argument_usage(param).strip("[]"), record[1]))
            elif param.param_type_name == "option":
                options.append(record)
        for title, rows in (("Arguments", arguments), ("Options", options)):
            if rows:
                with formatter.section(title):
                    formatter.write_dl(rows)


def _argument_usage(param: Any) -> str:
    name = str(param.metavar or (param.name or "").upper())
    if param.nargs != 1:
        name += "..."
    return name if param.required else f"[{name}]"


def choose_format(
    named: OutputFormat | None, output: Path | None, *, to_terminal: bool, inputs: int
) -> OutputFormat:
    """The output format: the one `--format` names; else the one the output file's
    extension asks for (.jsonl, .json, .csv, .md), JSON Lines for other files; on a
    terminal the summary for several inputs and the table for one; JSON Lines otherwise
    (piped or redirected), so scripts always get JSON."""
    if named is not None:
        return named
    if output is not None:
        return EXTENSION_FORMAT.get(output.suffix.lower(), OutputFormat.jsonl)
    if to_terminal:
        return OutputFormat.summary if inputs > 1 else OutputFormat.table
    return OutputFormat.jsonl


def _format(value: str) -> OutputFormat:
    try:
        return parse_format(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


def whole_number(value: str | int, *, minimum: int, unit: str = "") -> int:
    """`value` as a whole number of at least `minimum`; BadParameter in words otherwise.

    (Typer passes defaults through the parser too: they arrive as numbers.)"""
    try:
        number = value if isinstance(value, int) else int(value.strip())
    except ValueError:
        raise typer.BadParameter(f"expected a whole number, got {value!r}") from None
    if number < minimum:
        what = f"{minimum} {unit}".strip()
        raise typer.BadParameter(f"must be at least {what}, got {number}")
    return number


MIN_WIDTH = 40


def _columns(value: str | int) -> int:
    return whole_number(value, minimum=MIN_WIDTH, unit="columns")


def parse_published(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"expected a date as YYYY-MM-DD, got {value!r}", param_hint="'--published'"
        ) from None


class Stop(BaseException):
    """Ends the run at once with an exit code and a short message (empty: say nothing).

    A BaseException, so that neither Typer nor `except Exception` handlers swallow it,
    while `finally` blocks and `open_output` still clean up.
    """

    def __init__(self, code: int, message: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message


# Errors of the device or file system while writing: the output, not mppclaims, failed.
WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EFBIG, errno.EROFS})


class OutputError(Stop):
    """The records could not be written (disk full, I/O error): exit 1 with the reason.

    `stdout` says whether stdout failed, whose buffer must then not be flushed at exit.
    """

    def __init__(self, message: str, *, stdout: bool) -> None:
        super().__init__(EXIT_SOME_FAILED, message)
        self.stdout = stdout


def is_stdout(path: Path | None) -> bool:
    """Whether `--output` names stdout: not given, or `-`."""
    return path is None or str(path) == "-"


def refuse_input_as_output(path: Path | None, inputs: list[str]) -> None:
    """A usage error if the output file is one of the inputs: it would replace the article.

    (An output inside an input directory is left out of the walk instead; see
    `iter_articles(skip=...)`.)
    """
    if is_stdout(path) or path is None or not path.is_file():
        return
    for raw in inputs:
        with contextlib.suppress(OSError, ValueError):
            if raw != "-" and os.path.isfile(raw) and os.path.samefile(raw, path):
                raise typer.BadParameter(
                    f"{path} is also an input: writing it would replace what is being read; "
                    "choose another file",
                    param_hint="'--output'",
                )


@contextlib.contextmanager
def _write_errors(where: str, *, stdout: bool) -> Iterator[None]:
    """Turn a full disk or an I/O error while writing into `OutputError`."""
    try:
        yield
    except BrokenPipeError:
        raise
    except OSError as exc:
        if exc.errno not in WRITE_ERRORS:
            raise
        lost = "the output is incomplete" if stdout else f"{where} is left as it was"
        message = f"cannot write {where}: {exc.strerror}; {lost}"
        raise OutputError(message, stdout=stdout) from None


@contextlib.contextmanager
def open_output(path: Path | None, inputs: list[str] | None = None) -> Iterator[TextIO]:
    """stdout (also for `-`), or a temporary file beside `path` that replaces it on success.

    Written atomically: an interrupted or failed run leaves `path` as it was (or absent)
    and no temporary file. A symbolic link is written through; the file keeps the mode of
    the one it replaces. A path that exists and is not a regular file (/dev/null, a FIFO,
    a terminal) is written in place: replacing it would destroy the device. A reader that
    closes stdout early (`| head`) ends the run quietly; a closed stdout, or an output
    that is one of `inputs`, is refused before anything is written; a full disk ends the
    run with `OutputError`.
    """
    if is_stdout(path):
        if sys.stdout is None:  # started with stdout closed (`>&-`)
            raise Stop(EXIT_USAGE, "stdout is closed: nowhere to write the records; use --output")
        try:
            with _write_errors("to stdout", stdout=True):
                yield sys.stdout
                sys.stdout.flush()
        except BrokenPipeError:
            raise Stop(EXIT_BROKEN_PIPE) from None
        return
    assert path is not None
    refuse_input_as_output(path, inputs or [])
    if path.exists() and not path.is_dir() and not path.resolve().is_file():
        with (
            _write_errors(str(path), stdout=False),
            path.open("w", encoding="utf-8", newline="\n") as handle,
        ):
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
        with (
            _write_errors(str(path), stdout=False),
            os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle,
        ):
            os.fchmod(fd, output_mode(target))  # mkstemp's 0600 would hide the output
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def parse_only(value: str | None) -> str | None:
    try:
        parse_sections(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None
    return value


def output_mode(target: Path) -> int:
    """The mode of the file being replaced, else what the umask gives a new file."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


FormatOption = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        parser=_format,
        help="Output format: summary, table, jsonl, json, csv or markdown. Default: on a "
        "terminal a summary for several inputs and a table for one; with --output the "
        "format of its extension (.jsonl, .json, .csv, .md), else jsonl; jsonl when piped.",
        show_default=False,
    ),
]
OnlyOption = Annotated[
    str | None,
    typer.Option(
        "--only",
        metavar="SECTIONS",
        callback=parse_only,
        help="Comma-separated sections to write: numbers, quotes, dates, entities "
        "(default: all). Applies to every format.",
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        help="Write to FILE (atomically) instead of stdout.",
    ),
]
WidthOption = Annotated[
    int | None,
    typer.Option(
        "--width",
        metavar="COLUMNS",
        parser=_columns,
        help=f"Width of tables and the summary, at least {MIN_WIDTH} (default: the "
        "terminal's, else $COLUMNS, else 80). Colour follows NO_COLOR and whether stdout is "
        "a terminal.",
    ),
]
PublishedOption = Annotated[
    str | None,
    typer.Option(
        "--published",
        metavar="YYYY-MM-DD",
        help="Publication date for articles whose text states none.",
    ),
]
QuietOption = Annotated[
    bool,
    typer.Option(
        "--quiet",
        "-q",
        help="No progress bar and no summary line on stderr (failures are still reported).",
    ),
]
