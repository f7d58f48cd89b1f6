"""Grouping keys of numeric claims: what is counted, what happens to it, where and to whom.

A claim's key is a sorted list of normalised words read from the parse when the claim is
extracted, so that `mppclaims ledger` can compare claims of different articles without a
model. It holds the lower-cased lemmas of the counted noun ("migrant") and its modifiers,
of the verb that states the figure and the verbs it is coordinated with ("process",
"return"), of the verb's direct complement, and the names of the people, places and
bodies around them ("Mexico"), as written in their canonical form: a person by surname, so
"Hillary Clinton" and "Mrs. Clinton" give the same word; a counted person's name comes
from the apposition ("Keith Scott, a 43-year-old man"). Names keep their capitals, so the
ledger can tell them from the words.

Left out: stop words, numbers, dates, the figure's own words and unit, verbs of speech
("said", "according to": who gives a figure is its source, not what it counts), and the
verbs of prepositions ("including 13 families": a part named beside a whole).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Span, Token

from .. import lexicons
from .entities import NAMED_LABELS, normalise_name

if TYPE_CHECKING:
    from .entities import EntityIndex

_NOUNS = frozenset({"NOUN", "PROPN"})
_VERBS = frozenset({"VERB", "AUX"})
# Links from a figure to the noun it counts ("93 people", "the 1,323 migrants").
_COUNTING_LINKS = frozenset({"nummod", "quantmod", "compound", "amod", "nmod", "npadvmod"})
# Modifiers of the counted noun that say what kind of thing it is ("asylum seekers").
_NOUN_DETAILS = frozenset({"compound", "amod", "nmod"})
# A verb's complements whose common nouns describe the event ("expressed concern").
_COMPLEMENTS = frozenset({"dobj", "attr", "oprd"})
# A verb's arguments that count when they are names ("Clinton leads Trump").
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "attr", "oprd", "acomp"})
_DATED = frozenset({"DATE", "TIME"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_MAX_CLIMB = 12
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


@cache
def _stop_words() -> frozenset[str]:
    """Words that never describe what a figure counts: spaCy's stop words, the verbs of
    speech, and the lexicon's own list (container nouns such as "number")."""
    return frozenset(
        {w.lower() for w in STOP_WORDS}
        | lexicons.words("reporting_verbs")
        | lexicons.words("key_stop_words")
    )


def claim_key(whole: Span, root: Token, index: EntityIndex | None = None) -> list[str]:
    """The sorted grouping key of the claim `whole` whose syntactic root is `root`.

    `index` gives entities their canonical names; without it, names are read as written.
    """
    key = _Key(range(whole.start, whole.end), index)
    counted = _counted_noun(root, key.claim)
    if counted is not None:
        key.noun(counted)
        for named in _apposed(counted):  # "Keith Scott, a 43-year-old man"
            if _entity(named) is not None:
                key.word(named)
        for detail in counted.children:
            if detail.dep_ in _NOUN_DETAILS:
                key.word(detail)
        of_object = _of_object(counted)
        if of_object is not None:
            key.noun(of_object)
    for verb in _predicate_verbs(root):
        key.word(verb)
        for child in verb.children:
            if counted is not None and child.i == counted.i:
                continue
            if child.dep_ == "prt":
                key.word(child)
            elif child.dep_ in _ARGUMENTS:
                key.argument(child)
        for preposition in _prepositions(verb):
            for target in preposition.children:
                if target.dep_ == "pobj":
                    key.argument(target)
    return sorted(key.words)


class _Key:
    """The words of one claim's key as they are collected; the claim's own tokens (and
    names that take them in) never count."""

    def __init__(self, claim: range, index: EntityIndex | None) -> None:
        self.claim = claim
        self.index = index
        self.words: set[str] = set()

    def noun(self, noun: Token) -> None:
        """A noun and the nouns coordinated with it ("parents and children")."""
        self.word(noun)
        for child in noun.children:
            if child.dep_ == "conj" and child.pos_ in _NOUNS:
                self.word(child)

    def argument(self, token: Token) -> None:
        """A verb's argument: a name always; a common noun only as its direct complement."""
        for item in (token, *(c for c in token.children if c.dep_ == "conj")):
            complement = item.dep_ in _COMPLEMENTS and item.pos_ in _NOUNS
            if complement or _entity(item) is not None:
                self.word(item)

    def word(self, token: Token) -> None:
        """The token's normalised word: an entity's name, else its lower-cased lemma."""
        if token.i in self.claim:
            return
        entity = _entity(token)
        if entity is not None:
            if not (entity.start < self.claim.stop and self.claim.start < entity.end):
                self.words.add(_name(entity, self.index))
            return
        if token.ent_type_ in _DATED or token.like_num:
            return
        if not token.is_alpha and "-" not in token.text:
            return  # symbols, punctuation
        lemma = token.lemma_.lower().strip("'’")
        if len(lemma) > 1 and lemma not in _stop_words() and token.pos_ not in ("PRON", "DET"):
            self.words.add(lemma)


def _prepositions(verb: Token) -> list[Token]:
    """The verb's prepositions and agent, also those hanging from its adverb or particle
    ("sent back to Mexico"), without the verbs used as prepositions."""
    found = []
    for child in verb.children:
        holders = [child] if child.dep_ in ("prep", "agent") else []
        if child.dep_ in ("advmod", "prt"):
            holders = [c for c in child.children if c.dep_ == "prep"]
        found += [p for p in holders if not _linking(p)]
    return found


def _linking(preposition: Token) -> bool:
    """A verb used as a preposition that names a source or a part ("according to",
    "including")."""
    lemma = preposition.lemma_.lower()
    return preposition.pos_ == "VERB" and lemma in _stop_words()


def _counted_noun(root: Token, claim: range) -> Token | None:
    """The noun the figure counts: the noun it modifies, else its "of" object
    ("46 percent of likely voters"), else the figure's own noun when it has one."""
    head = root.head
    if root.dep_ in _COUNTING_LINKS and head.pos_ in _NOUNS and head.i not in claim:
        return head
    of_object = _of_object(root)
    if of_object is not None and of_object.i not in claim:
        return of_object
    if head.lemma_ == "be" and root.dep_ in ("nsubj", "attr"):  # "the rate was 18.7 percent"
        other = "attr" if root.dep_ == "nsubj" else "nsubj"
        partner = next((c for c in head.children if c.dep_ == other), None)
        if partner is not None and partner.pos_ in _NOUNS and partner.i not in claim:
            return partner
    return None


def _apposed(noun: Token) -> list[Token]:
    """The nouns in apposition with `noun`, either way round."""
    found = [child for child in noun.children if child.dep_ == "appos"]
    return [*found, noun.head] if noun.dep_ == "appos" else found


def _of_object(token: Token) -> Token | None:
    for child in token.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _predicate_verbs(root: Token) -> list[Token]:
    """The verb stating the figure and, when the figure is its subject, the verbs
    coordinated with it ("93 people had been processed and returned"); none when the figure
    hangs from a verb used as a preposition ("including 13 families", "according to")."""
    current, below = root, root
    verb = None
    for _ in range(_MAX_CLIMB):
        if current.pos_ in _VERBS and current.i != root.i:
            verb = current
            break
        if current.head.i == current.i:
            # no verb above the figure (a fragment, or a misparse that made a name the
            # root): the head of the clause stands in for it
            verb = current if current.i != root.i else None
            break
        below, current = current, current.head
    if verb is None or verb.dep_ == "prep":
        return []
    verbs = [verb]
    if below.dep_ not in _SUBJECTS:  # "killed 14 people and destroyed 300 homes": two events
        return verbs
    for child in verb.children:
        own_subject = any(grand.dep_ in _SUBJECTS for grand in child.children)
        if child.dep_ == "conj" and child.pos_ == "VERB" and not own_subject:
            verbs.append(child)
    return verbs


def _entity(token: Token) -> Span | None:
    """The named entity (person, place, body, ...) that `token` is part of, if any."""
    if token.ent_type_ not in NAMED_LABELS:
        return None
    doc = token.doc
    start, end = token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _name(entity: Span, index: EntityIndex | None) -> str:
    """The entity's key word: its canonical name lower-cased; a person's surname."""
    label = entity.label_ or entity[0].ent_type_
    canonical = None
    if index is not None:
        mention = index.mention_at(entity.start_char, entity.end_char)
        if mention is not None:
            label = mention.label
            canonical = index.canonical(mention.start)
    name = normalise_name(canonical or entity.text, label)
    if label == "PERSON":
        words = [w for w in name.split() if w.strip(".,").lower() not in _NAME_SUFFIXES]
        name = words[-1] if words else name
    return name
