"""Shared fixtures: the real model once per session, and records of the bundled articles."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from mppclaims.api import extract_many
from mppclaims.inputs import iter_articles
from mppclaims.nlp import load
from mppclaims.records import ArticleRecord

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "data" / "articles"


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The real English pipeline, loaded once for the whole run."""
    return load()


@pytest.fixture(scope="session")
def article_records(nlp: Language) -> dict[str, tuple[str, ArticleRecord]]:
    """Each bundled article's file name -> (its text, its record)."""
    result = {}
    for record in extract_many(iter_articles([str(ARTICLES)]), nlp=nlp):
        path = Path(record.source.path or "")
        result[path.name] = (path.read_text(encoding="utf-8"), record)
    return result
