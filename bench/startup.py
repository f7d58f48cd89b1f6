"""Start-up cost: wall time of `mppclaims --help` and of `mppclaims extract` on one article.

    python bench/startup.py [--rounds 5]

Runs each command as a fresh process (as a user would) and prints min and median seconds.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = sorted((ROOT / "data" / "articles").glob("*.txt"))[0]


def _command() -> list[str]:
    script = shutil.which("mppclaims")
    return [script] if script else [sys.executable, "-m", "mppclaims"]


def _wall(args: list[str]) -> float:
    began = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    base = _command()
    cases = {
        "mppclaims --help": [*base, "--help"],
        "mppclaims schema": [*base, "schema"],
        f"mppclaims extract {ARTICLE.name}": [*base, "extract", str(ARTICLE)],
    }
    for name, command in cases.items():
        times = [_wall(command) for _ in range(args.rounds)]
        print(f"{name:45s} min {min(times):.3f} s  median {statistics.median(times):.3f} s")


if __name__ == "__main__":
    main()
