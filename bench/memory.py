"""Peak memory of `mppclaims extract` over batches of small files: does a batch stream?

    python bench/memory.py [--sizes 100 1000 10000] [--exe PATH]

Writes N small generated articles into one temporary directory per size, runs
`mppclaims extract DIR` as a subprocess (stdout to /dev/null) and reads the child's peak
resident set size from `os.wait4`. A batch that streams needs about the same memory for
10,000 files as for 100; the last column is the ratio to the smallest batch.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_FIRST = ["Maria", "James", "Aisha", "Chen", "Olga", "Pedro", "Fatima", "Tom", "Ines", "Kofi"]
_PLACES = ["Springfield", "Riverton", "Lakeside", "Hillcrest", "Fairview", "Oakdale"]
_BODIES = ["city council", "school board", "health department", "transit agency", "union"]
_TEMPLATES = [
    "{place} {body} members voted {a}-{b} on Tuesday to approve a ${m} million budget.",
    "“We cannot wait any longer,” said {name}, who has led the {body} since {year}.",
    "About {n} residents attended the meeting, up {p} percent from last year.",
    "{name} said the plan would cost {place} roughly ${m} million over {a} years.",
    "The {body} reported {n} complaints in {year}, according to {name}.",
]


def _surname(rng: random.Random) -> str:
    """A made-up surname, so that a big batch brings new strings as real news does."""
    letters = "".join(rng.choice("aeioubcdfghklmnprstvz") for _ in range(rng.randint(4, 8)))
    return letters.capitalize()


def _article(rng: random.Random) -> str:
    sentences = []
    for _ in range(rng.randint(4, 8)):
        sentences.append(
            rng.choice(_TEMPLATES).format(
                place=rng.choice(_PLACES),
                body=rng.choice(_BODIES),
                name=f"{rng.choice(_FIRST)} {_surname(rng)}",
                a=rng.randint(2, 9),
                b=rng.randint(0, 5),
                m=round(rng.uniform(1, 900), 1),
                n=rng.randint(10, 99_999),
                p=rng.randint(1, 60),
                year=rng.randint(1990, 2023),
            )
        )
    return " ".join(sentences) + "\n"


def write_batch(directory: Path, count: int, seed: int = 0) -> None:
    """`count` small generated articles named 00000.txt, 00001.txt, ... in `directory`."""
    rng = random.Random(seed)
    directory.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (directory / f"{i:05d}.txt").write_text(_article(rng), encoding="utf-8")


def peak_rss(command: list[str]) -> tuple[float, int, int]:
    """Run `command`; its wall time in seconds, peak RSS in KiB and exit status."""
    began = time.perf_counter()
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) as proc:
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - began, usage.ru_maxrss, proc.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10_000])
    default_exe = shutil.which("mppclaims", path=str(Path(sys.executable).parent)) or "mppclaims"
    parser.add_argument("--exe", default=default_exe, help="the mppclaims executable")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mppclaims-memory.") as tmp:
        rows = []
        for size in args.sizes:
            batch = Path(tmp, str(size))
            write_batch(batch, size)
            seconds, kib, code = peak_rss([args.exe, "extract", str(batch)])
            rows.append((size, seconds, kib, code))
            shutil.rmtree(batch)
        base = rows[0][2]
        print(f"{'files':>7} {'seconds':>8} {'peak RSS MiB':>13} {'vs first':>9} exit")
        for size, seconds, kib, code in rows:
            print(f"{size:>7} {seconds:>8.1f} {kib / 1024:>13.1f} {kib / base:>8.2f}x {code:>4}")


if __name__ == "__main__":
    main()
