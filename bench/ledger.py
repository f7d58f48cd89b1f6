"""How long does `mppclaims ledger` take over the JSON Lines of 1,000 articles? Target: < 5 s.

    python bench/ledger.py [--records FILE] [--articles DIR ...] [--count 1000]

Extracts the shared articles once (or reads `--records`, JSON Lines that `extract` wrote),
repeats the records to `--count` articles with distinct ids, and times, in one run: parsing
the lines as plain JSON (the floor any reader pays), reading them as validated records,
grouping the figures, the speakers view, and the whole command in a fresh process
(`mppclaims ledger FILE -f jsonl`, start-up included) against the 5 s target.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from mppclaims.ledger import build_ledger, read_records
from mppclaims.records import ArticleRecord

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
TARGET_SECONDS = 5.0


def _extracted(articles: list[str]) -> list[str]:
    """The JSON Lines of the articles' records, extracted now."""
    done = subprocess.run(
        [sys.executable, "-m", "mppclaims", "extract", "--quiet", "--jobs", "2", *articles],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode not in (0, 1):
        sys.exit(f"extract failed: {done.stderr.strip()}")
    return done.stdout.splitlines()


def _repeated(lines: list[str], count: int) -> list[str]:
    """`count` record lines cycling through `lines`, each with an id of its own."""
    out = []
    for n in range(count):
        record = json.loads(lines[n % len(lines)])
        record["source"]["id"] = f"{record['source'].get('id') or record['source']['path']}#{n}"
        out.append(json.dumps(record, ensure_ascii=False))
    return out


Timing = tuple[float, float]  # wall seconds, CPU seconds (this process and its children)


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _timed(action: Callable[[], object]) -> tuple[Timing, object]:
    """Wall and CPU time of `action`: on a shared machine the CPU time is what the code
    costs, the wall time what a user waits."""
    began, cpu = time.perf_counter(), _cpu()
    result = action()
    return (time.perf_counter() - began, _cpu() - cpu), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--records", type=Path, help="JSON Lines written by extract")
    parser.add_argument(
        "--articles",
        nargs="+",
        default=[str(SHARED / "articles"), str(SHARED / "dev" / "polnear" / "articles")],
    )
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()

    if args.records:
        lines = [line for line in args.records.read_text(encoding="utf-8").splitlines() if line]
    else:
        print(f"extracting {', '.join(args.articles)} ...", file=sys.stderr)
        lines = _extracted(args.articles)
    lines = _repeated(lines, args.count)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "records.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        size = path.stat().st_size

        parse_s, _ = _timed(lambda: [json.loads(line) for line in lines])
        read_s, read = _timed(lambda: list(read_records([str(path)])))
        records: list[ArticleRecord] = read  # type: ignore[assignment]
        figures_s, ledger = _timed(lambda: build_ledger(records))
        speakers_s, _ = _timed(lambda: build_ledger(records, by="speakers"))
        command = [sys.executable, "-m", "mppclaims", "ledger", str(path), "-f", "jsonl", "-q"]
        command_s, done = _timed(
            lambda: subprocess.run(command, capture_output=True, text=True, check=False)
        )

    claims = sum(len(r.numeric_claims) for r in records)
    groups = len(ledger.groups or [])  # type: ignore[attr-defined]
    print(f"{len(records):,} articles, {claims:,} numeric claims, {size / 1e6:.1f} MB of records")
    print(f"{'step':40s} {'wall s':>8s} {'CPU s':>8s}")
    for name, (wall, cpu) in [
        ("parse the lines as plain JSON", parse_s),
        ("read them as validated records", read_s),
        (f"group the figures ({groups:,} groups)", figures_s),
        ("the speakers view", speakers_s),
        ("mppclaims ledger FILE (fresh process)", command_s),
    ]:
        print(f"{name:40s} {wall:>8.2f} {cpu:>8.2f}")
    wall, cpu = command_s
    verdict = "within" if wall < TARGET_SECONDS else "OVER"
    print(
        f"the command took {wall:.2f} s ({cpu:.2f} s of CPU): {verdict} the "
        f"{TARGET_SECONDS:.0f} s target; {os.getloadavg()[0]:.1f} processes were waiting "
        f"for this machine's {os.cpu_count()} cores"
    )
    if done.returncode != 0:  # type: ignore[attr-defined]
        print(f"the command failed: {done.stderr.strip()}")  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
