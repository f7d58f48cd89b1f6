"""`mppclaims schema`: the JSON Schema of the records, generated from the Pydantic models."""

from __future__ import annotations

import json
from typing import Annotated

import typer


def schema(
    indent: Annotated[int, typer.Option(help="Indentation of the JSON.")] = 2,
) -> None:
    """Print the JSON Schema of the records `extract` writes.

    \b
    Example:
      mppclaims schema > mppclaims.schema.json
      mppclaims schema --indent 0 | wc -c
    """
    from ..records import ArticleRecord

    print(json.dumps(ArticleRecord.model_json_schema(), indent=indent or None))
