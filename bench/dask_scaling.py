"""One process vs `--jobs 2` vs `--dask local:2` on the same articles, in one run.

    python bench/dask_scaling.py [FOLDER] [--limit N] [--workers 2]

FOLDER defaults to ../shared/dev/polnear_train/articles (720 articles, read where they are).
Each mode extracts the same articles with the model already loaded: one process with
`extract_many`, `--jobs` with `extract_many(n_process=N)`, Dask on a `LocalCluster` of N
worker processes whose start-up (processes up, model loaded on every worker) is timed and
reported apart. The records of the three runs are checked to be the same. The load average
is printed before and after: on a shared machine the figures move with it.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from pathlib import Path

from mppclaims import extract_many
from mppclaims.dask import connect, extract_bag, load_model_on_workers, stream_records
from mppclaims.inputs import iter_articles
from mppclaims.nlp import load

DEFAULT_FOLDER = Path(__file__).resolve().parents[2] / "shared/dev/polnear_train/articles"


def _timed(run: Callable[[], list[str]]) -> tuple[float, list[str]]:
    start = time.perf_counter()
    records = run()
    return time.perf_counter() - start, records


def _load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} on {os.cpu_count()} cores"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--limit", type=int, default=None, help="the first N articles only")
    parser.add_argument("--workers", type=int, default=2, help="for --jobs and --dask local:N")
    args = parser.parse_args()

    paths = sorted(str(p) for p in args.folder.glob("*.txt"))[: args.limit]
    chars = sum(Path(p).stat().st_size for p in paths)
    n = args.workers
    print(f"{len(paths)} articles ({chars / 1e6:.1f} MB) from {args.folder}")
    print(f"before: {_load_average()}", flush=True)
    nlp = load()

    def one_process() -> list[str]:
        return [r.model_dump_json() for r in extract_many(iter_articles(paths), nlp=nlp)]

    def jobs() -> list[str]:
        records = extract_many(iter_articles(paths), nlp=nlp, n_process=n)
        return [r.model_dump_json() for r in records]

    base_seconds, base_records = _timed(one_process)
    print(f"\n{'mode':<16} {'seconds':>8} {'articles/s':>11} {'x one process':>14}", flush=True)

    def row(mode: str, seconds: float, records: list[str]) -> None:
        assert records == base_records, f"{mode}: the records differ from one process's"
        speed = len(paths) / seconds
        print(f"{mode:<16} {seconds:8.1f} {speed:11.1f} {base_seconds / seconds:14.2f}", flush=True)

    row("one process", base_seconds, base_records)
    row(f"--jobs {n}", *_timed(jobs))
    start = time.perf_counter()
    with connect(f"local:{n}") as client:
        load_model_on_workers(client)
        startup = time.perf_counter() - start

        def on_dask() -> list[str]:
            bag = extract_bag(paths, min_partitions=4 * n)
            return [r.model_dump_json() for r in stream_records(bag, client)]

        row(f"--dask local:{n}", *_timed(on_dask))
    print(f"Dask cluster start-up ({n} worker processes, model loaded on each): {startup:.1f} s")
    print("records: identical in all three modes")
    print(f"after: {_load_average()}")


if __name__ == "__main__":
    main()
