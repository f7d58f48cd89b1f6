"""`mppclaims extract --dask`: the same run on a Dask cluster; the work is `mppclaims.dask`'s.

Dask is imported only here and only when `--dask` is given, so without the `dask` extra
the command is unchanged and `--dask` is a usage error naming the extra.
"""

from __future__ import annotations

import contextlib
import sys
from datetime import date
from pathlib import Path
from typing import NoReturn

import typer

from ..render import OutputFormat, failure_text, parse_sections
from .common import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    EXIT_USAGE,
    choose_format,
    is_stdout,
    open_output,
    say,
)

# How long a scheduler may take to answer, and to get its first worker.
CONNECT_SECONDS = 30
WORKER_WAIT_SECONDS = 60
# Partitions at least, for small runs: a few per worker keep every worker busy to the end.
PARTITIONS_PER_WORKER = 4


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def _usage(message: str, option: str = "--dask") -> typer.BadParameter:
    return typer.BadParameter(message, param_hint=f"'{option}'")


def extract_on_dask(
    address: str | None,
    paths: list[str],
    *,
    output_dir: str | None,
    output: Path | None,
    output_format: OutputFormat | None,
    only: str | None,
    width: int | None,
    published: date | None,
    model: str | None,
    jobs: int,
    quiet: bool,
    debug: bool,
    started: float,
    follow_symlinks: bool = False,
) -> NoReturn:
    """Run `extract` on the cluster at `address` (or `local:N`) and exit with its code."""
    if address is None:
        raise _usage("writes the parts of a Dask run; use it with --dask", "--output-dir")
    if jobs > 1:
        raise _usage("use --jobs (processes on this machine) or --dask (a cluster), not both")
    if output_dir is not None and output is not None:
        raise _usage("use --output (one file) or --output-dir (a file per part)", "--output-dir")
    if output_dir is not None and output_format not in (None, OutputFormat.jsonl):
        raise _usage("writes JSON Lines; leave out --format or give jsonl", "--output-dir")
    try:
        from .. import dask as on_dask
    except ImportError as exc:
        raise _usage(
            f"needs Dask ({exc}); install it with: pip install 'mppclaims[dask]'"
        ) from None
    try:
        on_dask.local_workers(address)
    except ValueError as exc:
        raise _usage(str(exc)) from None

    from ..inputs import count_inputs
    from ..nlp import ModelError
    from ..progress import RunStatus, is_terminal
    from ..render import renderer

    to_terminal = output_dir is None and output is None and is_terminal(sys.stdout)
    interactive = not quiet and is_terminal(sys.stderr)
    countable = not any(on_dask.is_url(path) for path in paths)
    wanted = interactive or (to_terminal and output_format is None)
    written = None if is_stdout(output) else str(output)  # left out of directory walks
    total = (
        count_inputs(paths, follow_symlinks=follow_symlinks, skip=written)
        if wanted and countable
        else None
    )
    many = total if total is not None else 2  # URLs: a cluster run is rarely one article
    output_format = choose_format(output_format, output, to_terminal=to_terminal, inputs=many)
    sections = parse_sections(only)
    status = RunStatus(
        total=total if interactive else None,
        bar=interactive,
        summary=not quiet,
        shares_terminal=to_terminal,
        started=started,
        sections=sections,
    )
    with contextlib.ExitStack() as stack:
        try:
            client = stack.enter_context(on_dask.connect(address, timeout=CONNECT_SECONDS))
            client.wait_for_workers(1, timeout=WORKER_WAIT_SECONDS)
        except (OSError, TimeoutError) as exc:
            say(f"cannot use the Dask cluster at {address}: {exc}")
            raise typer.Exit(EXIT_USAGE) from None
        try:
            on_dask.load_model_on_workers(client, model)
        except ModelError as exc:
            say(f"on the Dask workers: {exc}")
            raise typer.Exit(EXIT_USAGE) from None
        workers = len(client.scheduler_info().get("workers", {}))
        bag = on_dask.extract_bag(
            paths,
            published=published,
            model=model,
            min_partitions=PARTITIONS_PER_WORKER * workers,
            raise_errors=debug,
            stdin=sys.stdin.buffer,
            follow_symlinks=follow_symlinks,
            skip=written,
        )
        if not quiet:
            where = client.scheduler.address if client.scheduler is not None else address
            status.say(
                f"on Dask at {where}: {_count(workers, 'worker')}, "
                f"{_count(bag.npartitions, 'partition')}"
            )
        if output_dir is not None:
            with status:
                parts = on_dask.iter_jsonl_parts(bag, output_dir, sections=sections, client=client)
                for part in parts:
                    for error in part.errors:
                        status.say(error)
                    status.add(
                        part.records, failed=part.failed, numbers=part.numbers, quotes=part.quotes
                    )
        else:
            with open_output(output) as stream, status:
                writer = renderer(output_format, stream, sections=sections, width=width)
                for record in on_dask.stream_records(bag, client):
                    if record.error is not None:
                        status.say(failure_text(record))
                    with status.writing():
                        writer.write(record)
                    status.done(record)
                writer.close()
    status.finish()
    raise typer.Exit(EXIT_SOME_FAILED if status.failed else EXIT_OK)
