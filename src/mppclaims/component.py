"""The spaCy component "mppclaims": the same extractors on any pipeline's Doc.

    import spacy
    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("mppclaims")
    doc = nlp(text)
    doc._.mppclaims  # an ArticleRecord

The factory is also announced through the `spacy_factories` entry point, so `add_pipe`
works without importing mppclaims first.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .api import analyse
from .inputs import Article, article_from_text
from .nlp import prepare

EXTENSION = "mppclaims"


class ClaimsComponent:
    """Runs every extractor over a parsed Doc and stores the record on `doc._.mppclaims`.

    Place it after the parser and NER: it reads dependencies, sentences and entities.
    """

    def __call__(self, doc: Doc) -> Doc:
        context = getattr(doc, "_context", None)
        article = context if isinstance(context, Article) else article_from_text(doc.text)
        doc._.set(EXTENSION, analyse(doc, article))
        return doc


@Language.factory("mppclaims")
def make_component(nlp: Language, name: str) -> ClaimsComponent:
    """Create the component, prepare the pipeline as `mppclaims.extract` does (tokenizer
    rules, sentence starts at paragraph breaks) and register `Doc._.mppclaims` once."""
    prepare(nlp)
    if not Doc.has_extension(EXTENSION):
        Doc.set_extension(EXTENSION, default=None)
    return ClaimsComponent()
