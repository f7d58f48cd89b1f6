"""Word lists that drive the extractors: data, not code.

Lexicons are grouped in folders by their reader: `dates/`, `numbers/`, `sources/` (quotes
and who says what), `metadata/` (boilerplate, web-page markup), `people/` (names, titles,
genders: read by entities and sources) and `common/` (read by several extractors). A
lexicon is named by its path without `.txt`: `lexicons.words("sources/reporting_verbs")`.

Each file holds one entry a line; lines starting with `#` are comments, blank lines are
skipped. A lexicon change never needs a code change, and no word set is written in code
where a lexicon holds it.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def entries(name: str) -> tuple[str, ...]:
    """The entries of lexicon `name` ("group/file"), in file order, comments and blanks dropped."""
    path = resources.files(__package__).joinpath(*f"{name}.txt".split("/"))
    text = path.read_text(encoding="utf-8")
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


@cache
def keys(name: str) -> frozenset[str]:
    """The keys of lexicon `name` read as `key = value` lines (lower-cased)."""
    return frozenset(mapping(name))
