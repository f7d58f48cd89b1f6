"""Word lists that drive the extractors: data, not code.

Each `NAME.txt` holds one entry a line; lines starting with `#` are comments, blank lines
are skipped.
A lexicon change never needs a code change.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def entries(name: str) -> tuple[str, ...]:
    """The entries of lexicon `name`, in file order, comments and blanks dropped."""
    text = resources.files(__package__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    lines = (line.strip() for line in text.splitlines())
    return tuple(line for line in lines if line and not line.startswith("#"))


@cache
def words(name: str) -> frozenset[str]:
    """Lexicon `name` as a set of lower-cased entries, for membership tests."""
    return frozenset(entry.lower() for entry in entries(name))


@cache
def mapping(name: str) -> dict[str, str]:
    """Lexicon `name` read as `key = value` lines (keys lower-cased)."""
    pairs = (entry.split("=", 1) for entry in entries(name) if "=" in entry)
    return {key.strip().lower(): value.strip() for key, value in pairs}
