"""The `mppclaims` command: parse options, read inputs, call the library, render records.

Data goes to stdout (or --output); messages go to stderr. Each command lives in a module of
its own and is registered on `app` here; spaCy is imported only by the commands that parse
text, so `--help` and `schema` start fast.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sys
from types import FrameType
from typing import Annotated

import typer

from .. import __version__
from .common import EXIT_BROKEN_PIPE, EXIT_INTERNAL, EXIT_INTERRUPTED, Stop, say
from .extract import extract
from .ledger import ledger
from .report import report
from .schema import schema

__all__ = ["app", "main"]

app = typer.Typer(
    name="mppclaims",
    help="Extract named entities, dates, numeric claims and attributed quotes from news "
    "articles, with exact character offsets.\n\nExample: mppclaims extract data/articles/",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.command()(extract)
app.command()(ledger)
app.command()(schema)
app.command()(report)


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


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so that flushing it at exit cannot fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _stop_on_signals() -> None:
    """Ctrl-C and SIGTERM raise `Stop` in this process, so that cleanup runs.

    Worker processes forked from this one (`--jobs`) inherit the handler; they leave at
    once and silently, as the parent reports the interruption.
    """
    main_pid = os.getpid()
    messages = {signal.SIGINT: "interrupted", signal.SIGTERM: "terminated"}

    def handler(signum: int, frame: FrameType | None) -> None:
        if os.getpid() != main_pid:
            os._exit(128 + signum)
        raise Stop(128 + signum, messages.get(signal.Signals(signum), "stopped"))

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
    except Stop as stop:
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
            say(message)
    sys.exit(code)
