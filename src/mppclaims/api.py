"""The pipeline: articles -> one parse each (batched) -> article context -> extractors -> records.

Every extractor is a pure function of the parsed Doc and the `ArticleContext`; they run in a
fixed order so later ones can use earlier results (numbers read dates and quotes).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING

from .article import ArticleContext, read_metadata
from .extract.dates import extract_dates
from .extract.entities import entity_index, extract_entities
from .extract.numbers import extract_numbers
from .extract.quotes import extract_quotes
from .inputs import Article, article_from_text
from .nlp import load
from .records import ArticleRecord, ErrorInfo

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_BATCH_SIZE = 8


def analyse(doc: Doc, article: Article) -> ArticleRecord:
    """Build the record of one article from its parsed Doc (the Doc's text is the article's).

    An article that failed to load keeps its error; an extractor that fails turns the
    record into a failed one rather than stopping the batch.
    """
    if article.error is not None:
        return ArticleRecord(source=article.source, error=article.error)
    metadata, boilerplate = read_metadata(
        article.text, published=article.published, title=article.title
    )
    try:
        ctx = ArticleContext(
            text=article.text, published=metadata.published, boilerplate=tuple(boilerplate)
        )
        index = entity_index(doc, ctx)
        entities = extract_entities(doc, ctx, index)
        dates = extract_dates(doc, ctx)
        quotes = extract_quotes(doc, ctx, index)
        numbers = extract_numbers(doc, ctx, dates, quotes)
    except Exception as exc:  # one bad article must never stop a batch
        error = ErrorInfo(type="ExtractionError", message=f"{type(exc).__name__}: {exc}")
        return ArticleRecord(source=article.source, metadata=metadata, error=error)
    return ArticleRecord(
        source=article.source,
        metadata=metadata,
        boilerplate=boilerplate,
        entities=entities,
        dates=dates,
        numeric_claims=numbers,
        quotes=quotes,
    )


def extract_many(
    articles: Iterable[Article | str],
    *,
    nlp: Language | None = None,
    model: str | None = None,
    n_process: int = 1,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> Iterator[ArticleRecord]:
    """Stream one record per input, in input order, parsing with `nlp.pipe`.

    Inputs are `Article`s (see `mppclaims.inputs`) or plain strings. Failed inputs pass
    through the pipe as empty texts so that the order of records is kept.
    """
    nlp = nlp if nlp is not None else load(model)
    stream = (
        (item.text if item.error is None else "", item)
        for item in (a if isinstance(a, Article) else article_from_text(a) for a in articles)
    )
    for doc, article in nlp.pipe(
        stream, as_tuples=True, n_process=n_process, batch_size=batch_size
    ):
        yield analyse(doc, article)


def extract(
    text: str,
    *,
    published: date | None = None,
    source: str | None = None,
    nlp: Language | None = None,
    model: str | None = None,
) -> ArticleRecord:
    """Extract everything from one article's text.

    `published` is used when the text states no publication date; `source` is recorded
    as the record's `source.id`.
    """
    article = article_from_text(text, id=source, published=published)
    return next(extract_many([article], nlp=nlp, model=model))
