"""The spaCy component "mppclaims" gives the records `mppclaims.extract` gives."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

import mppclaims
from mppclaims.nlp import resolve_model

ARTICLES = sorted((Path(__file__).resolve().parent.parent / "data" / "articles").glob("*.txt"))


@pytest.fixture(scope="module")
def component_nlp() -> Language:
    """A pipeline loaded by spaCy itself, the component added as a user would."""
    nlp = spacy.load(resolve_model())
    nlp.add_pipe("mppclaims")
    return nlp


def test_the_component_prepares_the_pipeline_as_the_loader_does(component_nlp: Language) -> None:
    names = component_nlp.pipe_names
    assert names[-1] == "mppclaims"
    assert names.index("mppclaims_line_breaks") < names.index("parser")


@pytest.mark.parametrize("path", ARTICLES, ids=[p.name for p in ARTICLES])
def test_the_component_and_extract_give_identical_records(
    component_nlp: Language, nlp: Language, path: Path
) -> None:
    text = path.read_text(encoding="utf-8")
    from_component = component_nlp(text)._.mppclaims
    from_api = mppclaims.extract(text, nlp=nlp)
    assert from_component.quotes  # the articles have quotes: the comparison means something
    assert from_component.model_dump() == from_api.model_dump()


def test_the_component_brings_the_tokenizer_rules_to_any_pipeline() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("mppclaims")
    doc = nlp("Approximately59,000 people")
    assert [t.text for t in doc][:2] == ["Approximately", "59,000"]
