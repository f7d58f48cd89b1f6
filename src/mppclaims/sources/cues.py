"""Reporting cues: which words report speech, the words of a cue, and what it reports.

A cue is a reporting verb ("said", "told", "argued"), "according to", a noun of speech with
its that-clause ("the mayor's claim that ..."), a label's colon or a dash before a name. What
it reports is a clause (its complement, the sentence an "according to" hangs on, or the
object of a verb that reports an act of speech), read from the parse.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from .. import lexicons

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from .mentions import Speaker

SENTENCE_END = frozenset(".?!")
_CONTENT_DEPS = frozenset({"dobj", "xcomp", "oprd", "dative", "prep", "ccomp", "attr"})


@cache
def _subordinators() -> frozenset[str]:
    return lexicons.words("sources/subordinators")


@dataclass(frozen=True)
class Cue:
    """A reporting verb or phrase with the source it names."""

    token: Token
    text: str
    start: int
    end: int
    speaker: Speaker | None
    has_subject: bool


def is_cue_word(token: Token) -> bool:
    lemma = token.lemma_.lower()
    reporting = lexicons.words("sources/reporting_verbs")
    if (  # most words are none: decide that first, from the lexicons alone
        lemma not in reporting
        and lemma not in lexicons.words("sources/reporting_object_verbs")
        and token.lower_ != "according"
        and token.lower_[:-1] not in reporting
    ):
        return False
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ == "so":
        return False  # "so-called" names, it reports nobody
    if token.lower_ == "according":
        return any(c.lower_ == "to" for c in token.children)
    if tagged_as_noun(token):
        return True
    if token.pos_ not in ("VERB", "AUX") and token.tag_ not in ("VBD", "VBZ", "VBP", "VBG"):
        return False
    deps = {c.dep_ for c in token.children}
    if "agent" not in deps and ("auxpass" in deps or (token.tag_ == "VBN" and token.dep_ == "acl")):
        return False  # "the request should be denied", "a group called X": nobody speaks
    if _aside_participle(token):
        return False
    return lemma in reporting or lemma in lexicons.words("sources/reporting_object_verbs")


def claim_mark(token: Token) -> Token | None:
    """The "that" opening the clause of a noun of speech: "the claim that ...", "repeated
    warnings from his lawyer that ...", "a New York Times report that ..." (the parser often
    hangs the clause on the sentence's verb, so the words are read in order). Not a
    relative clause ("the report that he wrote"): "that" must mark a clause with its own
    subject."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in lexicons.words(
        "sources/reporting_nouns"
    ):
        return None
    doc = token.doc
    end = token.i + 1
    for child in token.children:  # "warnings from his lawyer", "a report by the agency"
        if child.dep_ == "prep" and child.i == end and child.lower_ in ("from", "by"):
            end = child.right_edge.i + 1
    if end >= len(doc) or doc[end].lower_ != "that" or doc[end].dep_ != "mark":
        return None
    clause = doc[end].head
    if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children):
        return None
    return doc[end]


def _aside_participle(token: Token) -> bool:
    """ "Gov. X, asked whether she would run, said ...": a participle set off after the
    subject, which the parser read as a finite verb with that subject. Nobody speaks in it;
    the subject is the one asked."""
    doc = token.doc
    if token.tag_ not in ("VBD", "VBN") or token.i < 2 or doc[token.i - 1].text != ",":
        return False
    if token.head.i <= token.i or token.head.pos_ not in ("VERB", "AUX"):
        return False
    return any(
        c.dep_ == "nsubj" and c.right_edge.i in (token.i - 2, token.i - 1) for c in token.children
    )  # the comma may hang on the subject


def tagged_as_noun(token: Token) -> bool:
    """ "the motion states: ...", "the filing states that": a reporting verb in -s that the
    tagger read as a plural noun, between a noun and what it introduces."""
    doc = token.doc
    lower = token.lower_
    if token.tag_ != "NNS" or not lower.endswith("s") or token.i == 0 or token.i + 1 >= len(doc):
        return False
    if lower[:-1] not in lexicons.words("sources/reporting_verbs"):
        return False
    before, after = doc[token.i - 1], doc[token.i + 1]
    determined = before.pos_ == "PROPN" or any(  # "the motion states" parses as one noun
        c.dep_ in ("det", "poss") for c in (*before.children, *token.children) if c.i < before.i
    )
    introduces = (after.lower_ == "that" and after.dep_ != "nsubj") or after.text in (":", ",", ".")
    return before.pos_ in ("NOUN", "PROPN") and determined and introduces


def cue_text(token: Token, text: str) -> tuple[str, int, int]:
    start, end = token.idx, token.idx + len(token.text)
    if token.lower_ == "according":
        for child in token.children:
            if child.lower_ == "to":
                end = child.idx + len(child.text)
        return text[start:end], start, end
    phrases = lexicons.mapping("sources/cue_phrases")
    wanted = phrases.get(token.lemma_.lower())
    for child in token.children:
        particle = child.dep_ == "prt" or (wanted is not None and child.lower_ == wanted)
        if particle and child.i == token.i + 1:
            end = child.idx + len(child.text)
    return text[start:end], start, end


def in_subordinate_clause(token: Token) -> bool:
    """A verb heading a subordinate clause ("when Y blasted him", "after she said"): it
    reports nothing said in the quote before it. "as X noted" does."""
    return any(
        c.dep_ in ("mark", "advmod") and c.lower_ in _subordinators() - {"as"} and c.i < token.i
        for c in token.children
    )  # "..., as one analyst put it" is an attribution


def subject_in_subordinate_clause(subject: Token) -> bool:
    """Whether a subject's clause is an adverbial one ("While X had ..., Y said"): its
    subject is no main actor of the sentence."""
    verb = subject.head
    return verb.dep_ == "advcl" and any(
        c.dep_ in ("mark", "advmod") and c.lower_ in _subordinators() for c in verb.children
    )


def is_reported_clause(verb: Token) -> bool:
    """Whether `verb` heads the clause a reporting verb reports ("said [it is ...]")."""
    lemma = verb.head.lemma_.lower()
    return verb.dep_ == "ccomp" and lemma in lexicons.words("sources/reporting_verbs")


def reports_a_clause(verb: Token) -> bool:
    """Whether `verb` is a reporting verb with a that-clause of its own ("added that ...")."""
    return verb.lemma_.lower() in lexicons.words("sources/reporting_verbs") and any(
        c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        for c in verb.children
    )


def breaks_line(token: Token) -> bool:
    """Whether a line break lies in or right after `token`."""
    return "\n" in token.text or "\n" in token.whitespace_


def span_of(tokens: Iterable[Token]) -> tuple[int, int] | None:
    indices = sorted(t.i for t in tokens)
    return (indices[0], indices[-1] + 1) if indices else None


def clean(doc: Doc, a: int, b: int) -> tuple[int, int]:
    """Drop punctuation, quotation marks, a leading "that" and a trailing "and" (the parse
    may hang a coordinator on the clause before it) from the edges of [a, b)."""
    while a < b and (doc[a].is_punct or doc[a].is_space or doc[a].lower_ == "that"):
        a += 1
    while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space or doc[b - 1].dep_ == "cc"):
        b -= 1
    return a, b


def contents(cue: Cue) -> list[tuple[int, int]]:
    """Token ranges of what a cue reports."""
    token = cue.token
    doc = token.doc
    mark = claim_mark(token)
    if mark is not None:
        clause = mark.head
        return [clean(doc, mark.i + 1, max(clause.right_edge.i + 1, mark.i + 1))]
    if tagged_as_noun(token):
        a = token.i + 1
        b = a
        while b < len(doc) and doc[b].text not in SENTENCE_END and not breaks_line(doc[b]):
            b += 1
        return [clean(doc, a, b)] if doc[a].lower_ == "that" else []
    if token.lower_ == "according":
        head = token.head
        if head.i == token.i:
            return []
        while head.dep_ == "conj" and head.head.i < head.i:
            head = head.head  # "... have suffered and shouldn't be sent back, according to"
        lo, hi = token.left_edge.i, token.right_edge.i + 1
        span = span_of(head.subtree)
        if span is None:
            return []
        a, b = clean(doc, *span)
        if lo <= a:  # "According to X, ..." opens the sentence
            a = hi
        elif hi >= b:  # "..., according to X." closes it
            b = lo
        return [clean(doc, a, b)]
    ccomps = [c for c in token.children if c.dep_ == "ccomp"]
    both_sides = any(c.i < token.i for c in ccomps) and any(c.i > token.i for c in ccomps)
    if both_sides and parenthetical(token):  # "Acts of protest, he said, are acts of patriotism."
        return [clean(doc, ccomps[0].left_edge.i, ccomps[-1].right_edge.i + 1)]
    if not ccomps:
        ccomps = _that_clauses(token)
    ranges = []
    for side in ([c for c in ccomps if c.i < token.i], [c for c in ccomps if c.i > token.i]):
        if not side:
            continue
        a, b = side[0].left_edge.i, side[-1].right_edge.i + 1
        b = min([b, *(_own_report_start(k) for k in side[-1].children if _coordinated_report(k))])
        if a <= token.i < b and side[0].i > token.i:
            a = token.i + 1  # "which X argues violates ...": the fronted "which" stays out
        if cue.speaker is not None and doc[a].idx <= cue.speaker.start < doc[b - 1].idx:
            continue  # the source is inside it: a misparse, not what the source said
        ranges.append(clean(doc, a, b))
    if ranges:
        return ranges
    if token.lemma_.lower() in lexicons.words("sources/reporting_object_verbs"):
        right = [c for c in token.children if c.i > token.i and c.dep_ in _CONTENT_DEPS]
        if right:
            a = min(c.left_edge.i for c in right)
            b = max(c.right_edge.i for c in right) + 1
            return [clean(doc, a, b)]
    own = {c.dep_ for c in token.children}
    subordinate = "mark" in own or any(c.lower_ in _subordinators() for c in token.children)
    if (
        token.dep_ in ("parataxis", "ccomp", "advcl")
        and token.head.pos_ in ("VERB", "AUX")
        and "nsubj" in own
        and not subordinate  # "... after they claimed asylum" is no report
    ):
        head = token.head
        a, b = head.left_edge.i, head.right_edge.i + 1
        if token.right_edge.i + 1 >= b:  # "..., the lawyer said."
            b = token.left_edge.i
        elif token.left_edge.i <= a:  # "The lawyer said, ..." parsed the other way round
            a = token.right_edge.i + 1
        elif not parenthetical(token):
            return []
        return [clean(doc, a, b)]
    return []


def _coordinated_report(token: Token) -> bool:
    """ "said that A would go and added that B": the parse coordinates "added" with "go";
    what it reports is a quote of its own, not part of what "said" reports."""
    return token.dep_ == "conj" and token.i > token.head.i and reports_a_clause(token)


def _own_report_start(conj: Token) -> int:
    """Where a coordinated report begins: at its "and" (or the comma before it)."""
    doc, start = conj.doc, conj.left_edge.i
    while start - 1 > conj.head.i and doc[start - 1].dep_ in ("cc", "punct"):
        start -= 1
    return start


def _that_clauses(token: Token) -> list[Token]:
    """ "said in a statement that ...", "agreed with the judge that ...": a that-clause the
    parse hung on the noun of a prepositional phrase instead of on the cue."""
    found = []
    for prep in token.children:
        if prep.dep_ != "prep" or prep.i < token.i:
            continue
        for noun in prep.children:
            for clause in noun.children:
                marks = [c for c in clause.children if c.dep_ == "mark" and c.lower_ == "that"]
                if clause.dep_ in ("acl", "relcl", "ccomp") and marks and marks[0].i == noun.i + 1:
                    found.append(clause)
    return found


def parenthetical(token: Token) -> bool:
    """A cue set off by commas inside the reported sentence: "..., Mr. Obama said, ..."."""
    doc = token.doc
    own = [token] + [
        t
        for c in token.children
        if c.dep_ not in ("ccomp", "punct", "parataxis", "conj", "cc")
        for t in c.subtree
    ]
    left, right = min(t.i for t in own), max(t.i for t in own)
    before = doc[left - 1].text if left > 0 else ""
    after = doc[right + 1].text if right + 1 < len(doc) else ""
    return before in (",", "—", "–", "--") and after in (",", "—", "–", "--")
