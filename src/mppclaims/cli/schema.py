"""`mppclaims schema`: the JSON Schema of the records or of the ledger, from the Pydantic models."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer


class SchemaOf(StrEnum):
    """The documents whose schema can be printed."""

    records = "records"
    ledger = "ledger"


def schema(
    of: Annotated[
        SchemaOf,
        typer.Argument(
            metavar="[records|ledger]",
            help="records: what `extract` writes (default); ledger: what `ledger` writes.",
        ),
    ] = SchemaOf.records,
    indent: Annotated[int, typer.Option(help="Indentation of the JSON.")] = 2,
) -> None:
    """Print the JSON Schema of the records `extract` writes, or of the ledger.

    \b
    Example:
      mppclaims schema > mppclaims.schema.json
      mppclaims schema ledger > ledger.schema.json
      mppclaims schema --indent 0 | wc -c
    """
    from ..records import ArticleRecord, Ledger

    model = Ledger if of is SchemaOf.ledger else ArticleRecord
    print(json.dumps(model.model_json_schema(), indent=indent or None))
