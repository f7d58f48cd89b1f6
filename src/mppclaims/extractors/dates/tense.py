"""The tense a date gets from the verb governing it, climbing over nouns and non-finite verbs."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from ... import lexicons
from ..timex import Tense

# A date in one of these relations modifies a noun ("Monday's vote", "the Nov. 3 runoff").
_NOUN_MODIFIER = frozenset({"poss", "compound", "nmod", "amod", "nummod"})
_DEADLINES = frozenset({"until", "till", "by"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll", "’ll", "wo"})
_MODALS = frozenset({"would", "could", "might", "may", "should", "must"})


@cache
def _future_cues() -> frozenset[str]:
    return lexicons.words("dates/future_cues")


@cache
def _scheduled() -> frozenset[str]:
    return lexicons.words("dates/scheduled_verbs")


@dataclass(frozen=True)
class Governing:
    """The tense a date gets from its clause, and whether that evidence is firm: a date
    attached to the verb itself ("filed Wednesday") is firm; one modifying a noun ("Monday's
    vote") only borrows the clause's tense, which may describe something else."""

    tense: Tense
    firm: bool


def _verb_tense(verb: Token, via_noun: bool) -> Governing | None:
    """What a verb says about a date it governs; None when it is non-finite (look higher)."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    aux_words = {a.lower_ for a in auxes}
    lemma = verb.lemma_.lower()
    firm = not via_noun
    if aux_words & _FUTURE_AUX or ("going" in aux_words and "to" in aux_words):
        return Governing(Tense.FUTURE, firm)
    perfect = any(a.lemma_ == "have" for a in auxes)
    if aux_words & _MODALS:
        return Governing(Tense.PAST if perfect else Tense.FUTURE, firm)
    if perfect or verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return Governing(Tense.PAST, firm)
    scheduled = firm and (lemma in _scheduled() or lemma in _future_cues())
    if verb.tag_ == "VBN":
        if not auxes:
            return Governing(Tense.PAST, firm)  # a reduced relative: "the injunction issued Monday"
        return Governing(Tense.FUTURE, True) if scheduled else Governing(Tense.PRESENT, False)
    if verb.tag_ == "VBG":
        if not any(a.lemma_ == "be" for a in auxes):
            return None
        # a progressive with its own date is planned ("is leaving Friday")
        return Governing(Tense.FUTURE, True) if firm else Governing(Tense.PRESENT, False)
    if verb.tag_ == "VB":
        head = verb.head.lemma_.lower()
        if "to" in aux_words and (head in _future_cues() or head == "be"):
            return Governing(Tense.FUTURE, firm)  # "is due to take effect", "were to pass"
        if "to" in aux_words and verb.dep_ in ("xcomp", "ccomp", "advcl"):
            return Governing(Tense.NONE, False)  # after the time of the verb above it
        if aux_words & {"do", "does"}:
            return Governing(Tense.PRESENT, False)
        return None
    if verb.tag_ in ("VBZ", "VBP"):
        return Governing(Tense.FUTURE, True) if scheduled else Governing(Tense.PRESENT, False)
    return None


def governing(span: Span) -> Governing:
    """The tense of the verb governing a date expression, climbing over nouns and
    non-finite verbs ("Monday's vote" -> the verb of "vote"); "since" puts it in the past,
    "until"/"by" in a present clause in the future ("have until Friday")."""
    before = span.doc[span.start - 1].lower_ if span.start else ""
    if before == "since":
        return Governing(Tense.PAST, True)
    found = _clause(span)
    if before in _DEADLINES and found.tense in (Tense.PRESENT, Tense.NONE):
        return Governing(Tense.FUTURE, True)  # "have until Friday to act"
    if (before in _DEADLINES and found.tense is Tense.PAST) or _is_target(span):
        return Governing(Tense.NONE, False)  # "had until Friday", "set Nov. 10 as the deadline"
    return found


def _is_target(span: Span) -> bool:
    """A date that is what a verb acts on, not when it happens: its object ("set Nov. 10 as
    the deadline") or where it moves something to ("extended the offer to Nov. 20")."""
    root = span.root
    if root.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and root.head.pos_ == "VERB":
        return True
    head = root.head
    return root.dep_ == "pobj" and head.lower_ == "to" and head.head.pos_ == "VERB"


def _clause(span: Span) -> Governing:
    token = span.root
    via_noun = token.dep_ in _NOUN_MODIFIER and token.head.pos_ in ("NOUN", "PROPN")
    for _ in range(10):
        if token.pos_ in ("VERB", "AUX"):
            found = _verb_tense(token, via_noun)
            if found is not None:
                return found
        if token.head.i == token.i:
            break
        token = token.head
        # a date of a noun or adjective on the way ("payable Dec. 1") only borrows the tense
        via_noun = via_noun or token.pos_ in ("NOUN", "PROPN", "ADJ")
    return Governing(Tense.NONE, False)


def clause_verb(span: Span) -> Token | None:
    """The verb of the clause a date belongs to (the first verb above it)."""
    token = span.root
    for _ in range(10):
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def joined(a: Token, b: Token) -> bool:
    """Whether two clause verbs are one clause or coordinated ("opened ... and doubled")."""
    return (
        a.i == b.i
        or (a.dep_ == "conj" and a.head.i == b.i)
        or (b.dep_ == "conj" and b.head.i == a.i)
    )
