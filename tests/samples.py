"""Hand-built records with every kind of item, for testing formats without the extractors.

The article text is invented; every item points into it with exact offsets.
"""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise
from typing import Any

from mppclaims.records import (
    ArticleRecord,
    DateMention,
    Entity,
    ErrorInfo,
    Metadata,
    NumericClaim,
    Quote,
    Source,
)

TEXT = (
    "Harbor City council votes on ferry budget\n"
    "By Ana Lima and Tom O'Neill\n"
    "March 3, 2021\n\n"
    "HARBOR CITY — The city council approved a $4.2 million ferry budget on Tuesday, "
    "and ridership rose by more than 12 percent last year, according to the transit "
    "authority. About 3,000 residents ride the ferry every day.\n\n"
    '"We cannot keep | the old boats running forever," said Mayor Rosa Delgado, who '
    "added that repairs had cost the city roughly $350,000 since 2019.\n\n"
    "Delgado said the vote was a relief. Council member Dev Patel called the plan "
    '"a *long* overdue fix" and said fares would stay between $2 and $3.50 until '
    "early 2022.\n"
)


def span(text: str, occurrence: int = 0) -> dict[str, Any]:
    """text/start/end of the `occurrence`-th appearance of `text` in TEXT."""
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(text, start + 1)
    return {"text": text, "start": start, "end": start + len(text)}


def sentence(fragment: str) -> str:
    """The sentence of TEXT that holds `fragment` (good enough for hand-made samples)."""
    start = TEXT.index(fragment)
    begin = max(TEXT.rfind(". ", 0, start) + 2, TEXT.rfind("\n", 0, start) + 1)
    end = re.compile(r"\.(?=\s|$)").search(TEXT, start + len(fragment))
    return TEXT[begin : end.end() if end else len(TEXT)]


NUMBERS = [
    NumericClaim(
        **span("$4.2 million"),
        value=4_200_000.0,
        unit="USD",
        kind="money",
        about="ferry budget",
        predicate="approved",
        sentence=sentence("$4.2 million"),
        time_ref="on Tuesday",
    ),
    NumericClaim(
        **span("more than 12 percent"),
        value=12.0,
        unit="percent",
        kind="percent",
        bound="gt",
        direction="up",
        about="ridership",
        predicate="rose",
        sentence=sentence("more than 12 percent"),
        attribution="the transit authority",
        time_ref="last year",
    ),
    NumericClaim(
        **span("About 3,000"),
        value=3000.0,
        approx=True,
        about="residents who ride the ferry every day",
        predicate="ride",
        sentence=sentence("About 3,000"),
    ),
    NumericClaim(
        **span("roughly $350,000"),
        value=350_000.0,
        unit="USD",
        kind="money",
        approx=True,
        about="repairs",
        predicate="had cost",
        sentence=sentence("roughly $350,000"),
        attribution="Rosa Delgado",
        time_ref="since 2019",
    ),
    NumericClaim(
        **span("between $2 and $3.50"),
        value=2.0,
        value_max=3.5,
        unit="USD",
        kind="range",
        about="fares",
        sentence=sentence("between $2 and $3.50"),
        attribution="Dev Patel",
    ),
]

QUOTES = [
    Quote(
        **span('"We cannot keep | the old boats running forever,"'),
        kind="direct",
        speaker="Rosa Delgado",
        speaker_label="PERSON",
        cue="said",
        sentence=sentence('"We cannot keep'),
        **{
            "speaker_start": span("Rosa Delgado")["start"],
            "speaker_end": span("Rosa Delgado")["end"],
        },
    ),
    Quote(
        **span("that repairs had cost the city roughly $350,000 since 2019"),
        kind="indirect",
        speaker="Rosa Delgado",
        cue="added",
        sentence=sentence("repairs had cost"),
    ),
    Quote(
        **span("the vote was a relief"),
        kind="indirect",
        speaker="Rosa Delgado",
        speaker_start=span("Delgado", 1)["start"],
        speaker_end=span("Delgado", 1)["end"],
        speaker_label="PERSON",
        cue="said",
        sentence=sentence("the vote was a relief"),
    ),
    Quote(**span('"a *long* overdue fix"'), kind="partial", sentence=sentence("overdue fix")),
]

DATES = [
    DateMention(**span("March 3, 2021"), value="2021-03-03", anchor="absolute"),
    DateMention(**span("Tuesday"), value="2021-03-02", anchor="published"),
    DateMention(**span("last year"), value="2020", anchor="published"),
    DateMention(**span("2019"), value="2019", anchor="absolute"),
    DateMention(**span("early 2022"), value="2022", mod="START", anchor="absolute"),
    DateMention(**span("every day"), type="set", value=None),
]

ENTITIES = [
    Entity(**span("Harbor City"), label="GPE", canonical="Harbor City"),
    Entity(**span("Rosa Delgado"), label="PERSON", canonical="Rosa Delgado"),
    Entity(**span("Delgado", 1), label="PERSON", canonical="Rosa Delgado"),
    Entity(**span("Dev Patel"), label="PERSON", canonical="Dev Patel"),
]


def full_record(path: str = "articles/ferry.txt") -> ArticleRecord:
    """A record with items in every section and complete metadata."""
    return ArticleRecord(
        source=Source(path=path, sha256="0" * 64, encoding="utf-8", chars=len(TEXT)),
        metadata=Metadata(
            title="Harbor City council votes on ferry budget",
            authors=["Ana Lima", "Tom O'Neill"],
            published=date(2021, 3, 3),
            published_from="text",
            dateline="HARBOR CITY",
        ),
        entities=ENTITIES,
        dates=DATES,
        numeric_claims=NUMBERS,
        quotes=QUOTES,
    )


def failed_record() -> ArticleRecord:
    """A record of an input that could not be read."""
    return ArticleRecord(
        source=Source(path="missing.txt", sha256="", encoding="unknown", chars=0),
        error=ErrorInfo(type="FileNotFoundError", message="missing.txt: no such file"),
    )


# --- reading Rich tables back -------------------------------------------------------------


def table_blocks(text: str) -> list[list[str]]:
    """Boxes drawn by Rich (the header panel and each table) as lists of lines."""
    blocks, current = [], None
    for line in text.splitlines():
        if line.startswith("╭"):
            current = [line]
        elif current is not None:
            current.append(line)
            if line.startswith("╰"):
                blocks.append(current)
                current = None
    return blocks


def column_texts(block: list[str]) -> list[str]:
    """Per column, everything written in it top to bottom, without whitespace."""
    top = block[0]
    edges = [0, *(i for i, ch in enumerate(top) if ch == "┬"), len(top) - 1]
    columns = ["" for _ in edges[:-1]]
    for line in block[1:-1]:
        if not line.startswith("│"):
            continue  # a rule between header or rows
        for i, (left, right) in enumerate(pairwise(edges)):
            columns[i] += "".join(line[left + 1 : right].split())
    return columns
