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


def _leave_quietly(signum: int, frame: FrameType | None) -> None:
    """Ctrl-C or SIGTERM while the command's modules load: leave at once, in one line."""
    name = "interrupted" if signum == signal.SIGINT else "terminated"
    with contextlib.suppress(OSError, ValueError):
        os.write(2, f"mppclaims: {name}\n".encode())
    os._exit(128 + signum)


# Typer, Rich and Click take a while to import: a signal then must not print a traceback
# of the import machinery. The handlers before them are put back once the imports are done.
_BEFORE_IMPORTS = {
    signum: signal.signal(signum, _leave_quietly) for signum in (signal.SIGINT, signal.SIGTERM)
}

import typer  # noqa: E402

from .. import __version__  # noqa: E402
from .common import (  # noqa: E402
    EXIT_BROKEN_PIPE,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_SOME_FAILED,
    WRITE_ERRORS,
    Command,
    OutputError,
    Stop,
    say,
)
from .extract import extract  # noqa: E402
from .ledger import ledger  # noqa: E402
from .report import report  # noqa: E402
from .schema import schema  # noqa: E402

for _signum, _handler in _BEFORE_IMPORTS.items():
    signal.signal(_signum, _handler)

__all__ = ["app", "main"]

app = typer.Typer(
    name="mppclaims",
    help="Extract named entities, dates, numeric claims and attributed quotes from news "
    "articles, with exact character offsets.\n\nExample: mppclaims extract data/articles/",
    invoke_without_command=True,  # bare `mppclaims`: the help, exit 0 (see `_main`)
    context_settings={"help_option_names": ["-h", "--help"]},
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.command(cls=Command)(extract)
app.command(cls=Command)(ledger)
app.command(cls=Command)(schema)
app.command(cls=Command)(report)


def _version(value: bool) -> None:
    if value:
        print(f"mppclaims {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Extract named entities, dates, numeric claims and attributed quotes from news articles."""
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit()


def _open_closed_streams() -> None:
    """Give closed standard streams (`<&-`, `>&-`, `2>&-`) /dev/null.

    Until then the next file opened would take their number, and Python has set
    `sys.stdin`/`sys.stderr` to None, which makes `print(file=sys.stderr)` write to stdout
    and corrupt the data. A closed stdin reads as empty; messages to a closed stderr are
    dropped; `sys.stdout` stays None, so that writing records there is refused (see
    `open_output`) rather than thrown away.
    """
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            with contextlib.suppress(OSError):
                opened = os.open(os.devnull, os.O_RDWR)
                if opened != fd:  # lower numbers are open, so this cannot happen; be safe
                    os.dup2(opened, fd)
                    os.close(opened)
                if fd == 0 and sys.stdin is None:
                    sys.stdin = open(fd, encoding="utf-8", closefd=False)  # noqa: SIM115
                elif fd == 2 and sys.stderr is None:
                    sys.stderr = open(fd, "w", encoding="utf-8", closefd=False)  # noqa: SIM115


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so that flushing it at exit cannot fail again."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _stop_on_signals() -> None:
    """Ctrl-C, SIGTERM and SIGHUP raise `Stop` in this process, so that cleanup runs.

    Worker processes forked from this one (`--jobs`) inherit the handler; they leave at
    once and silently, as the parent reports the interruption.
    """
    main_pid = os.getpid()
    messages = {
        signal.SIGINT: "interrupted",
        signal.SIGTERM: "terminated",
        signal.SIGHUP: "hung up",  # the terminal closed: clean up as for SIGTERM
    }

    def handler(signum: int, frame: FrameType | None) -> None:
        if os.getpid() != main_pid:
            os._exit(128 + signum)
        raise Stop(128 + signum, messages.get(signal.Signals(signum), "stopped"))

    for signum in messages:
        signal.signal(signum, handler)


def main() -> None:
    """Entry point of the console script: exit codes and one-line messages, no tracebacks.

    Ctrl-C exits 130, SIGHUP 129 and SIGTERM 143 (an --output file is left as it was), a
    reader that closes stdout (`| head`) 141 without a word, an output that cannot be
    written (disk full) 1 with one line, an unexpected error 3 with one line on stderr;
    with `--debug` the traceback of an unexpected error is shown.
    """
    _stop_on_signals()
    _open_closed_streams()
    debug = "--debug" in sys.argv[1:]
    if isinstance(sys.stdout, io.TextIOWrapper):  # JSON is UTF-8 whatever the locale says
        sys.stdout.reconfigure(encoding="utf-8")
    quiet_stdout = False
    try:
        app()
        return
    except OutputError as failure:  # the disk is full, say: the data is not all out
        code, message, quiet_stdout = failure.code, failure.message, failure.stdout
    except Stop as stop:
        code, message = stop.code, stop.message
    except KeyboardInterrupt:  # before the handler was installed, or re-raised by a library
        code, message = EXIT_INTERRUPTED, "interrupted"
    except BrokenPipeError:
        code, message = EXIT_BROKEN_PIPE, ""
    except Exception as exc:
        if debug:
            raise
        if isinstance(exc, OSError) and exc.errno in WRITE_ERRORS:  # not a bug of mppclaims
            code, message, quiet_stdout = EXIT_SOME_FAILED, f"I/O error: {exc.strerror}", True
        else:
            code = EXIT_INTERNAL
            message = f"internal error: {type(exc).__name__}: {exc} (--debug shows the traceback)"
    if code == EXIT_BROKEN_PIPE or quiet_stdout:
        _quiet_stdout()
    if message:
        with contextlib.suppress(OSError):
            say(message)
    sys.exit(code)
