"""Throughput of mppclaims against the bare spaCy pipeline, on the same texts, in one run.

    python bench/throughput.py [--rounds 5] [PATH ...]

(default corpus: data/articles and ../shared/dev/polnear/articles, 89 files)

Prints tokens/s and ratios, medians of --rounds rounds, the measurements alternating
within each round so that machine noise hits both alike:
  (a) bare `nlp.pipe` of the same model over the texts (in process, model loaded);
  (b) `mppclaims.extract_many` over the same texts (in process, all extractors on), also
      as tokens per CPU second of (a) and (b), which other jobs on the machine do not move; and
      (b2) the same with `n_process=2` (two forked worker processes);
  (c) the `mppclaims extract --jobs 2` command over the corpus twice (model load and worker
      start-up included) against (a);
  (d) the whole `mppclaims extract` command over the corpus twice (model load included)
      against a bare-pipeline script over the same files (model load included).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import spacy

from mppclaims import extract_many
from mppclaims.inputs import Article, iter_articles
from mppclaims.nlp import load, resolve_model

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATHS = [
    ROOT / "data" / "articles",
    ROOT.parent / "shared" / "dev" / "polnear" / "articles",
]
MPPCLAIMS = [sys.executable, "-m", "mppclaims"]
BARE_SCRIPT = """
import sys, spacy
from pathlib import Path
nlp = spacy.load(sys.argv[1])
texts = (Path(p).read_text(encoding="utf-8") for p in sys.argv[2:])
for doc in nlp.pipe(texts, batch_size=8):
    pass
"""


def _timed(step: Callable[[], object]) -> float:
    began = time.perf_counter()
    step()
    return time.perf_counter() - began


def _run(command: Sequence[str]) -> None:
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("paths", nargs="*", type=Path, default=DEFAULT_PATHS)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--skip-commands", action="store_true", help="only (a) and (b)")
    args = parser.parse_args()
    paths = [str(p) for p in args.paths if p.exists()]
    articles: list[Article] = [a for a in iter_articles(paths) if a.error is None]
    files = [a.source.path for a in articles if a.source.path]
    texts = [a.text for a in articles]
    model = resolve_model()
    bare = spacy.load(model)
    nlp = load()
    tokens = sum(len(doc) for doc in bare.pipe(texts))
    print(f"corpus: {len(texts)} articles, {tokens:,} tokens; model {model}; cpus {os.cpu_count()}")

    in_process: dict[str, list[float]] = {"bare": [], "mppclaims": [], "workers": []}
    # CPU seconds of this process for (a) and (b): on a shared machine, wall time also
    # counts the time other jobs held the cores.
    cpu: dict[str, list[float]] = {"bare": [], "mppclaims": []}
    commands: dict[str, list[float]] = {"jobs1": [], "jobs2": [], "bare-cmd": []}
    twice = files * 2
    for _ in range(args.rounds):
        began = time.process_time()
        in_process["bare"].append(_timed(lambda: list(bare.pipe(texts, batch_size=8))))
        cpu["bare"].append(time.process_time() - began)
        began = time.process_time()
        in_process["mppclaims"].append(_timed(lambda: list(extract_many(articles, nlp=nlp))))
        cpu["mppclaims"].append(time.process_time() - began)
        in_process["workers"].append(
            _timed(lambda: list(extract_many(articles, nlp=nlp, n_process=2)))
        )
        if args.skip_commands:
            continue
        commands["bare-cmd"].append(
            _timed(lambda: _run([sys.executable, "-c", BARE_SCRIPT, model, *twice]))
        )
        commands["jobs1"].append(_timed(lambda: _run([*MPPCLAIMS, "extract", *twice])))
        commands["jobs2"].append(
            _timed(lambda: _run([*MPPCLAIMS, "extract", "--jobs", "2", *twice]))
        )

    def rate(seconds: list[float], factor: int = 1) -> float:
        return factor * tokens / statistics.median(seconds)

    bare_rate = rate(in_process["bare"])
    mpp_rate = rate(in_process["mppclaims"])
    print(f"(a) bare nlp.pipe, in process        {bare_rate:9,.0f} tokens/s")
    print(
        f"(b) mppclaims.extract_many           {mpp_rate:9,.0f} tokens/s"
        f"   ratio (b)/(a) = {mpp_rate / bare_rate:.3f}"
    )
    bare_cpu, mpp_cpu = rate(cpu["bare"]), rate(cpu["mppclaims"])
    print(
        f"    in CPU time: (a) {bare_cpu:,.0f}, (b) {mpp_cpu:,.0f} tokens per CPU second"
        f"   ratio (b)/(a) = {mpp_cpu / bare_cpu:.3f}"
    )
    workers = rate(in_process["workers"])
    print(
        f"(b2) extract_many(n_process=2)       {workers:9,.0f} tokens/s"
        f"   ratio (b2)/(a) = {workers / bare_rate:.2f} (in process, workers forked per call)"
    )
    if not args.skip_commands:
        jobs2 = rate(commands["jobs2"], 2)
        print(
            f"(c) mppclaims extract --jobs 2       {jobs2:9,.0f} tokens/s"
            f"   ratio (c)/(a) = {jobs2 / bare_rate:.2f} (command, {2 * len(files)} articles, "
            "model load included)"
        )
        whole = rate(commands["jobs1"], 2)
        bare_cmd = rate(commands["bare-cmd"], 2)
        print(
            f"(d) mppclaims extract, {2 * len(files)} articles  {whole:9,.0f} tokens/s"
            f"   vs bare script {bare_cmd:,.0f} tokens/s: ratio {whole / bare_cmd:.3f}"
        )
    print(f"medians of {args.rounds} rounds")


if __name__ == "__main__":
    main()
