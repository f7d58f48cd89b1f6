"""What every command shares: exit codes, messages, the output file and the output options.

The option types here (`FormatOption`, `OnlyOption`, `OutputOption`, ...) are the one set of
output options that every command writing claims offers, so they read and behave alike.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Annotated, TextIO

import typer

from ..render import OutputFormat, parse_sections

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
# 128 + the signal number, as a shell reports a process that a signal ended.
EXIT_INTERRUPTED, EXIT_BROKEN_PIPE, EXIT_TERMINATED = 130, 141, 143


def say(message: str) -> None:
    """One line for people on stderr."""
    print(f"mppclaims: {message}", file=sys.stderr)


def parse_published(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"expected YYYY-MM-DD, got {value!r}") from None


class Stop(BaseException):
    """Ends the run at once with an exit code and a short message (empty: say nothing).

    A BaseException, so that neither Typer nor `except Exception` handlers swallow it,
    while `finally` blocks and `open_output` still clean up.
    """

    def __init__(self, code: int, message: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@contextlib.contextmanager
def open_output(path: Path | None) -> Iterator[TextIO]:
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
            raise Stop(EXIT_BROKEN_PIPE) from None
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
        help="Output format: table, jsonl, json, csv or markdown. "
        "Default: table on a terminal, jsonl when piped or written to --output.",
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
        min=40,
        metavar="COLUMNS",
        help="Width of tables (default: the terminal's, else $COLUMNS, else 80). "
        "Colour follows NO_COLOR and whether stdout is a terminal.",
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
