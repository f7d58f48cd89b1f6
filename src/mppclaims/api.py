"""The pipeline: articles -> one parse each (batched) -> article context -> extractors -> records.

Every extractor is a function of the `ArticleContext` alone; `fill_context` runs them in a
fixed order and stores each result in the context's slot, where later ones read it (quotes
ask the sources resolver, numbers read dates and quotes).

A text longer than `CHUNK_CHARS` is parsed in pieces cut at paragraph breaks and the pieces'
Docs are joined into one Doc whose text is the article's, so the extractors and every offset
see the article as given. Articles are parsed in spaCy memory zones of `ZONE_ARTICLES`, so
the strings a long batch adds to the vocabulary are freed as it goes.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import TYPE_CHECKING

from .context import ArticleContext
from .extractors.dates import extract_dates
from .extractors.entities import extract_entities
from .extractors.numbers import extract_numbers
from .extractors.quotes import extract_quotes
from .inputs import Article, article_from_text
from .metadata import read_metadata
from .nlp import load
from .records import ArticleRecord, ErrorInfo
from .sources.mentions import find_names
from .sources.resolver import Sources

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_BATCH_SIZE = 8
# The longest text parsed in one piece, about two news articles. The parser's working memory
# grows with the text of a batch (~1 GB for 8 pieces of 100,000 characters, ~250 MB for 8 of
# 10,000), so long texts go through the pipe in pieces the size of ordinary articles.
CHUNK_CHARS = 10_000
# Articles parsed within one `nlp.memory_zone()`.
ZONE_ARTICLES = 500

# The longest run of punctuation and symbols parsed in one piece. spaCy's tokenizer splits
# such a run one character at a time with a regex search over the rest: quadratic time
# ("¥¥¥...", "=(!=(!...": 4,000 take ~3 s, 8,000 ~40 s), so longer runs are cut into pieces.
MAX_RUN_CHARS = 50

# Where a long text may be cut, best first: after a blank line, after a line break, after a
# sentence end, after any whitespace. A cut falls in the second half of a piece's window.
_CUTS = tuple(
    re.compile(pattern)
    for pattern in (
        r"(?:\r\n?|\n)[^\S\r\n]*(?:\r\n?|\n)\s*",
        r"(?:\r\n?|\n)\s*",
        r"[.!?][\"'”’)\]]*\s+",
        r"\s+",
    )
)


@functools.cache
def _long_run(run_limit: int) -> re.Pattern[str]:
    return re.compile(rf"[^\w\s]{{{run_limit + 1},}}")


def chunk_bounds(
    text: str, limit: int = CHUNK_CHARS, run_limit: int = MAX_RUN_CHARS
) -> list[tuple[int, int]]:
    """Consecutive `(start, end)` pieces of `text`, each at most `limit` characters.

    The pieces cover the text exactly (joined, they are the text); there is always at least
    one, `(0, 0)` for an empty text. Cuts go after paragraph breaks where there are any,
    else after line breaks, sentence ends or whitespace; a text without any is cut hard.
    A run of more than `run_limit` punctuation marks and symbols is also cut every
    `run_limit` characters.
    """
    bounds = _paragraph_bounds(text, max(limit, 2))
    runs = [m.span() for m in _long_run(max(run_limit, 1)).finditer(text)]
    if not runs:
        return bounds
    cuts = {end for _, end in bounds[:-1]}
    for start, end in runs:
        cuts.update(range(start + run_limit, end, run_limit))
    return list(itertools.pairwise([0, *sorted(cuts), len(text)]))


def _paragraph_bounds(text: str, limit: int) -> list[tuple[int, int]]:
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        lowest, highest = start + limit // 2, start + limit
        cut = highest
        for pattern in _CUTS:
            ends = [m.end() for m in pattern.finditer(text, lowest, highest)]
            if ends:
                cut = ends[-1]
                break
        bounds.append((start, cut))
        start = cut
    bounds.append((start, len(text)))
    return bounds


def analyse(doc: Doc, article: Article, *, raise_errors: bool = False) -> ArticleRecord:
    """Build the record of one article from its parsed Doc (the Doc's text is the article's).

    An article that failed to load keeps its error; an extractor that fails turns the
    record into a failed one rather than stopping the batch (with `raise_errors`, its
    exception propagates instead: `--debug`).
    """
    if article.error is not None:
        return ArticleRecord(source=article.source, error=article.error)
    metadata, boilerplate = read_metadata(
        article.text,
        published=article.published,
        title=article.title,
        name=article.source.path or article.source.id,
    )
    try:
        ctx = ArticleContext(doc, published=metadata.published, boilerplate=tuple(boilerplate))
        fill_context(ctx)
    except Exception as exc:  # one bad article must never stop a batch
        if raise_errors:
            raise
        error = ErrorInfo(type="ExtractionError", message=f"{type(exc).__name__}: {exc}")
        return ArticleRecord(source=article.source, metadata=metadata, error=error)
    return ArticleRecord(
        source=article.source,
        metadata=metadata,
        boilerplate=boilerplate,
        entities=ctx.entities,
        dates=ctx.dates,
        numeric_claims=ctx.numbers,
        quotes=ctx.quotes,
    )


# The steps of the pipeline, in order: the context slot each fills and what fills it. Who is
# who (entity mentions and canonical names) comes first, then entities and dates; the
# sources resolver needs the names, quotes need the resolver, numbers read dates and quotes.
STEPS: tuple[tuple[str, Callable[[ArticleContext], object]], ...] = (
    ("names", find_names),
    ("entities", extract_entities),
    ("dates", extract_dates),
    ("sources", Sources),
    ("quotes", extract_quotes),
    ("numbers", extract_numbers),
)


def fill_context(ctx: ArticleContext, *, until: str | None = None) -> None:
    """Run the pipeline's steps on the article in order, each storing its result in its
    slot; with `until`, stop after the step that fills that slot."""
    if until is not None and until not in {slot for slot, _ in STEPS}:
        raise ValueError(f"no pipeline step fills {until!r}")
    for slot, step in STEPS:
        setattr(ctx, slot, step(ctx))
        if slot == until:
            return


class _Source:
    """The caller's inputs as `Article`s, checked one by one as they are taken.

    An error raised by the caller's iterable ends the stream quietly here and is kept, so
    that the records of the inputs taken before it are still yielded; `extract_many`
    raises it after them.
    """

    def __init__(self, articles: Iterable[Article | str]) -> None:
        self._articles = iter(articles)
        self.error: Exception | None = None

    def __iter__(self) -> Iterator[Article]:
        return self

    def __next__(self) -> Article:
        if self.error is not None:
            raise StopIteration
        try:
            item: object = next(self._articles)
        except StopIteration:
            raise
        except Exception as exc:
            self.error = exc
            raise StopIteration from None
        if isinstance(item, Article):
            return item
        if isinstance(item, str):
            return article_from_text(item)
        self.error = TypeError(
            f"extract_many() expects texts (str) or Articles, got {type(item).__name__}"
        )
        raise StopIteration


def _check_text(text: object, function: str) -> None:
    if not isinstance(text, str):
        hint = "; decode the bytes first" if isinstance(text, bytes | bytearray) else ""
        raise TypeError(
            f"{function}() expects the article's text as str, got {type(text).__name__}{hint}"
        )


def extract_many(
    articles: Iterable[Article | str],
    *,
    nlp: Language | None = None,
    model: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    raise_errors: bool = False,
) -> Iterator[ArticleRecord]:
    """Stream one record per input, in input order, parsing with `nlp.pipe`.

    Inputs are `Article`s (see `mppclaims.inputs`) or plain strings; `raise_errors` lets an
    extractor's exception propagate instead of failing that record. Failed inputs pass
    through the pipe as empty texts so that the order of records is kept. Parsing runs in
    `nlp.memory_zone()`s: Docs that other code makes with the same `nlp` while this
    generator is suspended do not outlive the zone. This runs in one process;
    `mppclaims.extract_many(..., n_process=N)` spreads articles over worker processes.

    A single text (`str`, bytes) instead of an iterable of texts is a TypeError at once;
    an input that is neither text nor `Article` is a TypeError when it is reached. An error
    raised by `articles` itself comes after the records of the inputs taken before it.
    """
    source = checked_inputs(articles)
    records = _extract_many(
        source, nlp=nlp, model=model, batch_size=batch_size, raise_errors=raise_errors
    )
    return then_raise(records, source)


def checked_inputs(articles: Iterable[Article | str]) -> _Source:
    """The caller's inputs as a stream of `Article`s that keeps the caller's own error.

    A single text (`str`, bytes) or a non-iterable is a TypeError at once."""
    if isinstance(articles, str | bytes | bytearray):
        raise TypeError(
            "extract_many() expects an iterable of texts, got a single "
            f"{type(articles).__name__}; use extract() for one text, or wrap it in a list"
        )
    given: object = articles
    if not isinstance(given, Iterable):
        raise TypeError(f"extract_many() expects an iterable of texts, got {type(given).__name__}")
    return _Source(articles)


def then_raise(records: Iterator[ArticleRecord], source: _Source) -> Iterator[ArticleRecord]:
    """The records, then the error the caller's inputs raised, if any."""
    yield from records
    if source.error is not None:
        raise source.error


def _extract_many(
    articles: Iterable[Article],
    *,
    nlp: Language | None,
    model: str | None,
    batch_size: int,
    raise_errors: bool,
) -> Iterator[ArticleRecord]:
    """The record stream of `extract_many`, its arguments checked."""
    nlp = nlp if nlp is not None else load(model)
    items = iter(articles)
    limit = min(CHUNK_CHARS, nlp.max_length)
    for first in items:
        zone = itertools.chain([first], itertools.islice(items, ZONE_ARTICLES - 1))
        with nlp.memory_zone():
            yield from _parse_and_analyse(nlp, zone, limit, batch_size, raise_errors)


def _parse_and_analyse(
    nlp: Language,
    articles: Iterable[Article],
    limit: int,
    batch_size: int,
    raise_errors: bool,
) -> Iterator[ArticleRecord]:
    """Parse the articles' pieces with one `nlp.pipe`, join each article's Docs, analyse it.

    The pipe carries only `(serial, pieces)` as context; the articles wait in `pending`
    until their last piece is parsed. A Doc joined from pieces has no `tensor`.
    """
    import numpy
    from spacy.tokens import Doc

    pending: dict[int, Article] = {}

    def pieces() -> Iterator[tuple[str, tuple[int, int]]]:
        for serial, article in enumerate(articles):
            pending[serial] = article
            text = article.text if article.error is None else ""
            bounds = chunk_bounds(text, limit)
            for start, end in bounds:
                yield text[start:end], (serial, len(bounds))

    parts: list[Doc] = []
    for doc, (serial, count) in nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size):
        if count > 1:  # no extractor reads tok2vec's output, 384 bytes a token: drop it
            doc.tensor = numpy.zeros((0,), dtype="float32")
        parts.append(doc)
        if len(parts) < count:
            continue
        article = pending.pop(serial)
        whole = parts[0] if count == 1 else Doc.from_docs(parts, ensure_whitespace=False)
        parts = []
        if count > 1 and whole.text != article.text:  # never expected: offsets would be wrong
            error = ErrorInfo(
                type="ExtractionError", message="joining the parsed pieces changed the text"
            )
            yield ArticleRecord(source=article.source, error=error)
            continue
        yield analyse(whole, article, raise_errors=raise_errors)


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
    as the record's `source.id`. Text that is not a `str` is a TypeError; empty or blank
    text gives a record with an `EmptyInput` error, as an empty file does.
    """
    _check_text(text, "extract")
    article = article_from_text(text, id=source, published=published)
    return next(extract_many([article], nlp=nlp, model=model))
