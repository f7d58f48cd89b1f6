"""The spaCy component "mppclaims": the same extractors on any pipeline's Doc.

    import spacy
    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("mppclaims")
    doc = nlp(text)
    doc._.mppclaims  # an ArticleRecord

The record is kept in `doc.user_data` as JSON, so that a Doc with it still serialises
(`doc.to_bytes()`, `DocBin`, `nlp.pipe(n_process=2)`); `doc._.mppclaims` reads it back.
The factory is also announced through the `spacy_factories` entry point, so `add_pipe`
works without importing mppclaims first.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from .api import analyse
from .inputs import Article, article_from_text
from .nlp import prepare
from .records import ArticleRecord

EXTENSION = "mppclaims"
# The key of the record's JSON in `doc.user_data` (plain data: it serialises with the Doc).
USER_DATA_KEY = "mppclaims.record"


@lru_cache(maxsize=64)
def _record(data: str) -> ArticleRecord:
    return ArticleRecord.model_validate_json(data)


def get_record(doc: Doc) -> ArticleRecord | None:
    """`doc._.mppclaims`: the record the component stored, None before it ran."""
    data = doc.user_data.get(USER_DATA_KEY)
    return _record(data) if isinstance(data, str) else None


class ClaimsComponent:
    """Runs every extractor over a parsed Doc and stores the record on `doc._.mppclaims`.

    Place it after the parser and NER: it reads dependencies, sentences and entities.
    """

    def __call__(self, doc: Doc) -> Doc:
        context = getattr(doc, "_context", None)
        article = context if isinstance(context, Article) else article_from_text(doc.text)
        doc.user_data[USER_DATA_KEY] = analyse(doc, article).model_dump_json()
        return doc


@Language.factory("mppclaims")
def make_component(nlp: Language, name: str) -> ClaimsComponent:
    """Create the component, prepare the pipeline as `mppclaims.extract` does (tokenizer
    rules, sentence starts at paragraph breaks) and register `Doc._.mppclaims` once."""
    prepare(nlp)
    if Doc.get_extension(EXTENSION) != (None, None, get_record, None):
        Doc.set_extension(EXTENSION, getter=get_record, force=True)
    return ClaimsComponent()
