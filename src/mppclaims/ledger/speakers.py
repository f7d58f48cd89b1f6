"""The speakers view: every quote and figure per source, sources joined across articles.

Each article already gives its sources their fullest name (`Quote.speaker`,
`NumericClaim.attribution`). Across articles, names are joined when they are the same name
(case, a leading "the", titles such as "Mr." or "Sen.", middle initials and dots aside:
"Donald J. Trump" is "Donald Trump", "U.S." is "US"), when one is an acronym that the
other's initials spell ("DHS", "Department of Homeland Security"), or when one is a bare
surname of a person whose full name ends with it ("Obama", "Barack Obama"); when several
do ("Bill Clinton", "Hillary Clinton"), only with the one credited with at least
`DOMINANT` times as many items as the others together. A source described rather than
named ("the report", "Authorities", "a spokesman") is joined only within its article: two
articles' "the report" are two reports. A name is an entity's canonical name in its
article, or capitalised words (and "of", "and", ...) whose last one is not a noun that
describes a source ("Police", "Officials").
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from .. import lexicons
from ..records import ArticleRecord, LedgerQuote, LedgerSource, NumericClaim, Quote
from ..render.sections import article_name
from .figures import ledger_claim

DOMINANT = 3
_CONNECTORS = frozenset({"of", "and", "the", "for", "on", "in", "at", "to", "&", "de"})
_WORD = re.compile(r"[\w'’-]+")
_INITIAL = re.compile(r"^\w\.?$")


@dataclass
class _Source:
    """Everything one name (or one description in one article) is credited with."""

    name: str
    named: bool
    person: bool
    quotes: list[tuple[ArticleRecord, Quote]] = field(default_factory=list)
    claims: list[tuple[ArticleRecord, NumericClaim]] = field(default_factory=list)
    spellings: Counter[str] = field(default_factory=Counter)


def speaker_sources(
    records: Iterable[ArticleRecord], *, min_articles: int = 2, about: str | None = None
) -> list[LedgerSource]:
    """The sources of `records` with their quotes and figures, joined across articles.

    Kept: sources that `min_articles` articles quote or cite; with `about`, only the quotes
    and figures whose words hold every word of it (quote text; a figure's about, predicate
    and key), and the sources left with any. Most articles first, then most items.
    """
    sources: dict[tuple[str, str], _Source] = {}
    for record in records:
        if record.error is not None:
            continue
        name = article_name(record)
        labels = _labels(record)
        known = {_normal(entity.canonical) for entity in record.entities}
        for quote in record.quotes:
            if quote.speaker:
                _source(sources, quote.speaker, name, labels, known).quotes.append((record, quote))
        for claim in record.numeric_claims:
            if claim.attribution:
                entry = _source(sources, claim.attribution, name, labels, known)
                entry.claims.append((record, claim))
    joined = _join(list(sources.values()))
    result = []
    for members in joined:
        said = [(r, q) for s in members for r, q in s.quotes if _says(q.text, about)]
        given = [(r, c) for s in members for r, c in s.claims if _counts(c, about)]
        articles = len({article_name(r) for r, _ in [*said, *given]})
        if articles < min_articles or not (said or given):
            continue
        quotes = [_ledger_quote(r, q) for r, q in said]
        claims = [ledger_claim(r, c) for r, c in given]
        quotes.sort(key=lambda q: (q.published or date.max, q.article, q.start))
        claims.sort(key=lambda c: (c.published or date.max, c.article, c.start))
        counts = sum((s.spellings for s in members), Counter[str]())
        names = sorted(counts, key=lambda n: (-counts[n], n))
        result.append(
            LedgerSource(
                name=max(names, key=lambda n: (len(_words(n)), counts[n])),
                names=names,
                articles=articles,
                quotes=quotes,
                claims=claims,
            )
        )
    result.sort(key=lambda s: (-s.articles, -(len(s.quotes) + len(s.claims)), s.name))
    return result


def _ledger_quote(record: ArticleRecord, quote: Quote) -> LedgerQuote:
    """A quote with its article."""
    fields = {"article": article_name(record), "published": record.metadata.published}
    return LedgerQuote.model_validate(quote.__dict__ | fields)


def _labels(record: ArticleRecord) -> dict[str, str]:
    """Entity labels of the names in a record (PERSON, ORG, ...), by name."""
    labels = {entity.canonical: entity.label for entity in record.entities}
    for quote in record.quotes:
        if quote.speaker and quote.speaker_label:
            labels.setdefault(quote.speaker, quote.speaker_label)
    return labels


def _source(
    sources: dict[tuple[str, str], _Source],
    name: str,
    article: str,
    labels: dict[str, str],
    names: set[str],
) -> _Source:
    """The entry of `name`: shared by all articles for a name, per article for a description."""
    named = _is_name(name, names)
    key = ("" if named else article, _normal(name))
    if key not in sources:
        sources[key] = _Source(name, named, labels.get(name) == "PERSON")
    sources[key].spellings[name] += 1
    return sources[key]


def _is_name(name: str, names: set[str]) -> bool:
    """A proper name ("Tax Foundation", "DHS", "Ham") rather than a description ("the
    report", "Authorities", "a Department of Homeland Security official")."""
    normal = _normal(name)
    if normal in names:
        return True
    words = _WORD.findall(name)
    if words and words[0].lower() == "the":
        words = words[1:]
    if not words or not words[0][0].isupper():
        return False
    if not all(word[0].isupper() or word.lower() in _CONNECTORS for word in words):
        return False
    last = words[-1].lower()
    describing = lexicons.mapping("sources/speaker_nouns")
    return last not in describing and last.removesuffix("s") not in describing


@functools.lru_cache(maxsize=1 << 16)
def _normal(name: str) -> str:
    """A name compared across articles: lower case, no leading "the", titles, middle
    initials, dots or possessive."""
    words = [w.lower() for w in _WORD.findall(name.replace(".", ""))]
    words = [w.removesuffix("'s").removesuffix("’s") for w in words]
    if words and words[0] == "the":
        words = words[1:]
    titles = lexicons.words("people/person_titles")
    while len(words) > 1 and words[0] in titles:
        words = words[1:]
    if len(words) > 2:  # "donald j trump": a middle initial
        words = [words[0], *(w for w in words[1:-1] if not _INITIAL.match(w)), words[-1]]
    return " ".join(words)


def _words(name: str) -> list[str]:
    return _normal(name).split()


def _initials(name: str) -> str:
    return "".join(w[0] for w in _words(name) if w not in _CONNECTORS)


def _join(sources: Sequence[_Source]) -> list[list[_Source]]:
    """Sources grouped: same normal name, acronym and full name, surname and the one
    person's full name ending in it."""
    by_normal: dict[str, list[int]] = defaultdict(list)
    for i, source in enumerate(sources):
        if source.named:
            by_normal[_normal(source.name)].append(i)
    parent = list(range(len(sources)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        parent[max(find(i), find(j))] = min(find(i), find(j))

    for members in by_normal.values():
        for i in members[1:]:
            union(members[0], i)
    long_names = [n for n in by_normal if len(n.split()) > 1]
    by_initials: dict[str, list[str]] = defaultdict(list)
    by_surname: dict[str, list[str]] = defaultdict(list)
    for normal in long_names:
        by_initials[_initials(normal)].append(normal)
        if any(sources[i].person for i in by_normal[normal]):
            by_surname[normal.split()[-1]].append(normal)
    for normal, members in by_normal.items():
        if " " in normal:
            continue
        raw = sources[members[0]].name.strip()
        spelled = by_initials.get(normal, []) if raw.replace(".", "").isupper() else []
        fuller = _dominant(spelled or by_surname.get(normal, []), by_normal, sources)
        if fuller is not None:
            union(members[0], by_normal[fuller][0])
    groups: dict[int, list[_Source]] = defaultdict(list)
    for i, source in enumerate(sources):
        groups[find(i)].append(source)
    return [groups[root] for root in sorted(groups)]


def _dominant(
    candidates: list[str], by_normal: dict[str, list[int]], sources: Sequence[_Source]
) -> str | None:
    """The one candidate name, or the one credited with `DOMINANT` times the items of all
    the others together; None when there is none or no clear one."""
    if len(candidates) <= 1:
        return candidates[0] if candidates else None
    weight = {
        name: sum(len(sources[i].quotes) + len(sources[i].claims) for i in by_normal[name])
        for name in candidates
    }
    best = max(candidates, key=lambda name: weight[name])
    rest = sum(weight.values()) - weight[best]
    return best if weight[best] >= DOMINANT * rest else None


def _says(text: str, about: str | None) -> bool:
    return not about or all(word in text.lower() for word in about.lower().split())


def _counts(claim: NumericClaim, about: str | None) -> bool:
    words = " ".join([claim.about or "", claim.predicate or "", *claim.key])
    return _says(words, about)
