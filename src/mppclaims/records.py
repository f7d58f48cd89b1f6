"""The output schema: Pydantic models whose field names are the JSON contract.

Every item that points into the article carries `text`, `start` and `end`, and
`text == source_text[start:end]` always holds for the decoded source text.
`mppclaims schema` prints the JSON Schema generated from these models.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

SCHEMA_VERSION = "1.1"

DateType = Literal["date", "duration", "set", "time"]
DateMod = Literal["START", "MID", "END", "APPROX", "BEFORE", "AFTER"]
DateAnchor = Literal["published", "absolute", "context"]
NumberKind = Literal["count", "percent", "money", "measure", "ratio", "vote", "range", "rate"]
Bound = Literal["eq", "gt", "gte", "lt", "lte"]
Direction = Literal["up", "down"]
QuoteKind = Literal["direct", "partial", "indirect"]
PublishedFrom = Literal["text", "input"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """A stretch of the source text: `text == source_text[start:end]`."""

    text: str
    start: int = Field(ge=0, description="Offset of the first character in the decoded text.")
    end: int = Field(ge=0, description="Offset just past the last character.")

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.end < self.start or self.end - self.start != len(self.text):
            raise ValueError("a span needs start <= end and end - start == len(text)")
        return self


class Boilerplate(Span):
    """A passage that is not news content; marked, never deleted, never extracted from."""

    reason: str = Field(
        description="newsletter, caption, teaser, blurb, note, footer, header, byline"
    )


class Entity(Span):
    """A named entity with the fullest name the article gives for the same referent."""

    label: str = Field(description="spaCy label: PERSON, ORG, GPE, NORP, ...")
    canonical: str = Field(description="Fullest name of the referent in this article.")


class DateMention(Span):
    """A calendar reference with its TimeML TIMEX3 value."""

    type: DateType = "date"
    value: str | None = Field(
        default=None,
        description='TIMEX3 value ("2019-04-12", "2019-01", "P7M", "PAST_REF"); null if unknown.',
    )
    mod: DateMod | None = None
    anchor: DateAnchor | None = Field(
        default=None,
        description="published: resolved against the publication date; absolute: stated in "
        "full; context: year taken from a nearby date.",
    )


class NumericClaim(Span):
    """A stated quantity that a fact-checker can check."""

    value: float | None = Field(
        description="The figure; null when it is beyond what a float holds (over 1.8e308)."
    )
    value_max: float | None = Field(default=None, description="Upper end of a range.")
    unit: str | None = Field(default=None, description='"percent", "USD", "mile", ...')
    kind: NumberKind = "count"
    approx: bool = False
    bound: Bound = "eq"
    direction: Direction | None = None
    vague: bool = Field(default=False, description='"thousands", "dozens": order of magnitude.')
    about: str | None = Field(default=None, description="What is counted or measured.")
    predicate: str | None = Field(default=None, description="The verb phrase stating the claim.")
    sentence: str = Field(
        default="",
        description="The item's sentence; one longer than 400 characters is cut to a window "
        "around the item (the whole sentence is source_text[sentence_start:sentence_end]).",
    )
    sentence_start: int | None = Field(
        default=None, ge=0, description="Offset of the item's whole sentence (or sentences)."
    )
    sentence_end: int | None = Field(default=None, ge=0, description="Offset just past it.")
    attribution: str | None = Field(
        default=None, description="Who the article says the figure comes from; null: unsourced."
    )
    attribution_start: int | None = Field(
        default=None, ge=0, description="Where the mention the source was read from starts."
    )
    attribution_end: int | None = Field(
        default=None, ge=0, description="Offset just past that mention."
    )
    time_ref: str | None = Field(default=None, description="Date expression tied to the figure.")
    time_ref_start: int | None = Field(
        default=None, ge=0, description="Where the date expression of `time_ref` starts."
    )
    time_ref_end: int | None = Field(
        default=None, ge=0, description="Offset just past that date expression."
    )
    time_ref_value: str | None = Field(
        default=None, description="TIMEX3 value of that date, the same as the date item's."
    )
    key: list[str] = Field(
        default_factory=list,
        description="Grouping key: sorted normalised words for what is counted, what happens "
        'to it and where ("Mexico", "migrant", "return"; names keep their capitals). '
        "`mppclaims ledger` compares them.",
    )

    @field_validator("value", "value_max")
    @classmethod
    def _finite(cls, value: float | None) -> float | None:
        """Infinity or NaN is no value: JSON cannot hold it, so the claim keeps none."""
        return value if value is None or math.isfinite(value) else None


class Quote(Span):
    """Direct, partial or indirect speech with its source."""

    kind: QuoteKind
    speaker: str | None = Field(default=None, description="Fullest name of the source.")
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_label: str | None = None
    cue: str | None = Field(default=None, description='"said", "told", "according to", ...')
    sentence: str = Field(
        default="",
        description="The item's sentence; one longer than 400 characters is cut to a window "
        "around the item (the whole sentence is source_text[sentence_start:sentence_end]).",
    )
    sentence_start: int | None = Field(
        default=None, ge=0, description="Offset of the item's whole sentence (or sentences)."
    )
    sentence_end: int | None = Field(default=None, ge=0, description="Offset just past it.")


class Source(_Model):
    """Where the article came from and how it was decoded."""

    path: str | None = None
    id: str | None = None
    url: str | None = None
    sha256: str = Field(description="SHA-256 of the input bytes (UTF-8 text for JSON inputs).")
    encoding: str
    chars: int = Field(ge=0, description="Length of the decoded text in characters.")


class Metadata(_Model):
    """Facts about the article rather than claims in it."""

    title: str | None = None
    authors: list[str] = Field(default_factory=list)
    published: date | None = None
    published_from: PublishedFrom | None = None
    dateline: str | None = None


class ErrorInfo(_Model):
    """Why an input produced no extraction."""

    type: str
    message: str


class ArticleRecord(_Model):
    """Everything mppclaims found in one article: one record per input, always."""

    schema_version: str = SCHEMA_VERSION
    source: Source
    metadata: Metadata = Field(default_factory=Metadata)
    boilerplate: list[Boilerplate] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    numeric_claims: list[NumericClaim] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    error: ErrorInfo | None = None

    def items(self) -> list[Span]:
        """All spans of the record, for checks that hold for every item."""
        return [
            *self.boilerplate,
            *self.entities,
            *self.dates,
            *self.numeric_claims,
            *self.quotes,
        ]


def offset_errors(record: ArticleRecord, text: str) -> list[str]:
    """Describe every item whose `text` is not `text[start:end]`, whose `sentence` is not
    part of `text[sentence_start:sentence_end]`, and every claim whose `time_ref` is not the
    text at its offsets or whose attribution mention lies outside the text (empty when all
    hold)."""
    errors = [
        f"{type(item).__name__} {item.start}:{item.end} {item.text!r}"
        for item in record.items()
        if text[item.start : item.end] != item.text
    ]
    for claim in record.numeric_claims:  # the mentions a claim's context was read from
        at = (claim.time_ref_start, claim.time_ref_end)
        if claim.time_ref is not None and (
            None in at or text[at[0] or 0 : at[1] or 0] != claim.time_ref
        ):
            errors.append(f"time_ref {at} {claim.time_ref!r}")
        a, b = claim.attribution_start, claim.attribution_end
        inside = a is None or b is None or a < b <= len(text)
        if (a is None) != (b is None) or not inside:
            errors.append(f"attribution {a}:{b} {claim.attribution!r}")
    windowed: list[NumericClaim | Quote] = [*record.numeric_claims, *record.quotes]
    for item in windowed:
        first, last = item.sentence_start, item.sentence_end
        if first is not None and last is not None and item.sentence not in text[first:last]:
            errors.append(f"{type(item).__name__} sentence {first}:{last}")
    return errors


# ---------------------------------------------------------------------------- the ledger
# `mppclaims ledger` reads records and writes a `Ledger`: numeric claims of many articles
# grouped by what they count (`groups`), or every quote and figure by source (`sources`).

LedgerView = Literal["figures", "speakers"]
WhenBasis = Literal["time_ref", "published"]


class When(_Model):
    """The time a claim holds for, as the days its TimeML value names."""

    basis: WhenBasis | None = Field(
        description="time_ref: the claim's own date; published: the article's publication "
        "date; null: undated."
    )
    text: str | None = Field(default=None, description="The claim's time_ref as written.")
    value: str | None = Field(default=None, description='TIMEX3 value ("2019-01", "2019-W15").')
    mod: DateMod | None = None
    start: date | None = Field(default=None, description="First day of the interval.")
    end: date | None = Field(default=None, description="Last day of the interval.")


class LedgerClaim(NumericClaim):
    """A numeric claim with the article it comes from and the time it holds for."""

    article: str = Field(description="The article's id, else its path.")
    published: date | None = None
    when: When


class Conflict(_Model):
    """Two claims of one group that hold for overlapping times and cannot both be true."""

    first: int = Field(ge=0, description="Index of a claim in the group's `claims`.")
    second: int = Field(ge=0, description="Index of the other claim.")
    reason: str


class LedgerGroup(_Model):
    """Numeric claims of several articles that count or measure the same thing, in time order
    (undated claims last)."""

    id: int = Field(ge=1)
    kind: NumberKind
    unit: str | None = None
    terms: list[str] = Field(description="Key words most of its claims share.")
    articles: int = Field(ge=0, description="How many articles give a figure for it.")
    claims: list[LedgerClaim]
    conflicts: list[Conflict] = Field(default_factory=list)


class LedgerQuote(Quote):
    """A quote with the article it comes from."""

    article: str
    published: date | None = None


class LedgerSource(_Model):
    """One source across the articles: every quote and figure attributed to it."""

    name: str = Field(description="The fullest name any article gives.")
    names: list[str] = Field(description="Every spelling joined under it.")
    articles: int = Field(ge=0)
    quotes: list[LedgerQuote] = Field(default_factory=list)
    claims: list[LedgerClaim] = Field(default_factory=list)


class Ledger(_Model):
    """What `mppclaims ledger` writes: the figures view (`groups`) or the speakers view
    (`sources`); the other list is left out."""

    schema_version: str = SCHEMA_VERSION
    view: LedgerView
    articles: int = Field(ge=0, description="Articles read (failed inputs not counted).")
    numeric_claims: int = Field(ge=0, description="Numeric claims in those articles.")
    groups: list[LedgerGroup] | None = None
    sources: list[LedgerSource] | None = None
