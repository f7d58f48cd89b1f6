"""Numeric claims: stated quantities with their values, qualifiers and what they count."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from ..article import ArticleContext
from ..records import DateMention, NumericClaim, Quote


def extract_numbers(
    doc: Doc, ctx: ArticleContext, dates: Sequence[DateMention], quotes: Sequence[Quote]
) -> list[NumericClaim]:
    """Every numeric claim outside boilerplate (filled in by the numbers issue)."""
    return []
