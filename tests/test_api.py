"""The package's public API: `mppclaims.extract` and `mppclaims.extract_many`."""

from __future__ import annotations

from spacy.language import Language

import mppclaims


def test_extract_stays_callable_after_the_extractors_are_imported(nlp: Language) -> None:
    """Importing the extractor modules must not replace the function on the package."""
    first = mppclaims.extract("Mayor Ann Lee said 40 teachers were hired.", nlp=nlp)
    second = mppclaims.extract("The council voted 5-2 on Tuesday.", nlp=nlp)
    assert callable(mppclaims.extract) and callable(mppclaims.extract_many)
    assert [c.value for c in first.numeric_claims] == [40]
    assert [c.kind for c in second.numeric_claims] == ["vote"]


def test_extract_many_streams_one_record_per_text_in_order(nlp: Language) -> None:
    texts = ["Ann Lee said 40 teachers were hired.", "", "About 300 people came."]
    records = list(mppclaims.extract_many(texts, nlp=nlp))
    assert [r.source.chars for r in records] == [len(t) for t in texts]
    errors = [r.error.type if r.error else None for r in records]
    assert errors == [None, "EmptyInput", None]  # as an empty file in the CLI
    assert records[1].items() == []
    assert records[2].numeric_claims[0].approx
