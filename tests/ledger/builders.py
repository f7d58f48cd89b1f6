"""Hand-built records for the ledger's tests: the ledger reads records only, no model."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from mppclaims.records import (
    ArticleRecord,
    DateMention,
    Entity,
    Metadata,
    NumericClaim,
    Quote,
    Source,
)


def claim(text: str, value: float, key: list[str], start: int = 0, **fields: Any) -> NumericClaim:
    """A numeric claim written `text` at `start`, with its key and any other fields."""
    return NumericClaim(
        text=text, start=start, end=start + len(text), value=value, key=key, **fields
    )


def quote(text: str, speaker: str | None, start: int = 0, **fields: Any) -> Quote:
    return Quote(
        text=text, start=start, end=start + len(text), kind="direct", speaker=speaker, **fields
    )


def mention(text: str, value: str | None, start: int = 0, **fields: Any) -> DateMention:
    return DateMention(text=text, start=start, end=start + len(text), value=value, **fields)


def entity(text: str, label: str, canonical: str | None = None, start: int = 0) -> Entity:
    return Entity(
        text=text, start=start, end=start + len(text), label=label, canonical=canonical or text
    )


def article(
    name: str,
    published: date | None = None,
    *,
    claims: list[NumericClaim] | None = None,
    quotes: list[Quote] | None = None,
    dates: list[DateMention] | None = None,
    entities: list[Entity] | None = None,
) -> ArticleRecord:
    """The record of an article with id `name`."""
    return ArticleRecord(
        source=Source(
            id=name, sha256=hashlib.sha256(name.encode()).hexdigest(), encoding="utf-8", chars=0
        ),
        metadata=Metadata(published=published, published_from="input" if published else None),
        numeric_claims=claims or [],
        quotes=quotes or [],
        dates=dates or [],
        entities=entities or [],
    )
