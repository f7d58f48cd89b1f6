"""Does extraction stay linear in the length of a text? Time per character at growing sizes.

    python bench/scaling.py [--sizes 250 1000 4000]

For a few shapes of text (news paragraphs, one paragraph without breaks, an article that
is all quotes, a wall of numbers), parses N paragraphs once and times `analyse` (all the
extractors) alone. Linear code keeps the microseconds per character about flat as N
grows; a quadratic step shows as a column that doubles with each doubling of N.
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable

from spacy.tokens import Doc

from mppclaims import api
from mppclaims.inputs import article_from_text
from mppclaims.nlp import load

_NEWS = [
    "The committee said on Tuesday that 42 percent of the 1,200 voters agreed, according to "
    "a survey by the Springfield Institute.",
    "“We will not back down,” Mayor Ana Ruiz told reporters. “The plan stands.” She said the "
    "statement was final.",
    "Officials said the bridge would reopen in May, and the governor added that it would cost "
    "$3 million.",
    "The report, which the agency released Friday, says 300 families were moved. It said more "
    "would follow.",
]


def _news(n: int) -> str:
    return "\n\n".join(_NEWS[i % len(_NEWS)] for i in range(n))


def _flat(n: int) -> str:
    return " ".join(_NEWS[i % len(_NEWS)] for i in range(n))


def _quotes(n: int) -> str:
    return "\n\n".join(f"“We said {i} things,” she said." for i in range(n))


def _numbers(n: int) -> str:
    rng = random.Random(n)
    return "\n\n".join(" ".join(str(rng.randint(0, 10**6)) for _ in range(12)) for _ in range(n))


SHAPES: dict[str, Callable[[int], str]] = {
    "news paragraphs": _news,
    "one long paragraph": _flat,
    "all quotes": _quotes,
    "wall of numbers": _numbers,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 1000, 4000])
    args = parser.parse_args()
    nlp = load()
    print(f"{'shape':20s} {'paragraphs':>10s} {'characters':>11s} {'seconds':>8s} {'us/char':>8s}")
    for name, make in SHAPES.items():
        for size in args.sizes:
            text = make(size)
            article = article_from_text(text)
            pieces = [nlp(text[a:b]) for a, b in api.chunk_bounds(text)]
            doc = pieces[0] if len(pieces) == 1 else Doc.from_docs(pieces, ensure_whitespace=False)
            began = time.perf_counter()
            api.analyse(doc, article)
            seconds = time.perf_counter() - began
            per_char = seconds / len(text) * 1e6
            print(f"{name:20s} {size:>10,} {len(text):>11,} {seconds:>8.2f} {per_char:>8.2f}")


if __name__ == "__main__":
    main()
