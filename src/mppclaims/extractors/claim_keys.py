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
        | lexicons.words("sources/reporting_verbs")
        | lexicons.words("numbers/key_stop_words")
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
    verbs = _predicate_verbs(root)
    for verb in verbs:
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
    side = _scoreline_side(whole)
    if side is not None and verbs:
        key.holder(side, verbs[0], whole)
    return sorted(key.words)


def _scoreline_side(whole: Span) -> int | None:
    """1 or 2 when the claim is the first or second figure of a score or poll line ("leads
    Trump by 49 percent to 47 percent", "44 percent to Trump's 34 percent"), else None.

    Read from the words around the figure, which a misparse does not change; "from 10 to
    20" is a change, not a score.
    """
    doc = whole.doc
    if whole.end + 1 < len(doc) and doc[whole.end].lower_ == "to":
        ahead = doc[whole.end + 1 : whole.end + 4]
        before = doc[whole.start - 1].lower_ if whole.start > 0 else ""
        if any(token.like_num for token in ahead) and before != "from":
            return 1
    to = whole.start - 1  # "to 47 percent", "to Trump's 34 percent"
    while to > 0 and (doc[to].ent_type_ in NAMED_LABELS or doc[to].tag_ == "POS"):
        to -= 1
    if to >= 1 and whole.start - to <= 4 and doc[to].lower_ == "to":
        previous = doc[to - 1]
        figure_before = previous.like_num or (previous.i > 0 and doc[previous.i - 1].like_num)
        change = any(t.lower_ == "from" for t in doc[max(to - 5, 0) : to - 1])
        if figure_before and not change:
            return 2
    return None


class _Key:
    """The words of one claim's key as they are collected; the claim's own tokens (and
    names that take them in) never count."""

    def __init__(self, claim: range, index: EntityIndex | None) -> None:
        self.claim = claim
        self.index = index
        self.words: set[str] = set()

    def holder(self, side: int, verb: Token, whole: Span) -> None:
        """Keep only the party a score line's figure belongs to: the subject's for the first
        figure ("Clinton leads Trump by 49"), the other party's for the second ("to 47")."""
        subjects: set[str] = set()
        others: set[str] = set()
        for child in verb.children:
            for item in (child, *(c for c in child.children if c.dep_ == "conj")):
                name = self.name_of(item)
                if name is not None and child.dep_ in _SUBJECTS:
                    subjects.add(name)
                elif name is not None and child.dep_ in (*_ARGUMENTS, "npadvmod"):
                    others.add(name)
        head_name = self.name_of(verb)  # a misparse made the other party the clause's head
        if head_name is not None:
            others.add(head_name)
        doc = whole.doc
        for token in doc[max(whole.start - 4, 0) : min(whole.end + 5, len(doc))]:
            # names on the figures' nouns: "Clinton 47.1 percent", "to Trump's 34 percent"
            name = self.name_of(token)
            on_figure = token.head.like_num or any(c.like_num for c in token.head.children)
            if name is not None and token.dep_ in ("nmod", "poss", "compound") and on_figure:
                others.add(name)
        keep, drop = (subjects, others) if side == 1 else (others, subjects)
        self.words -= drop - keep
        self.words |= keep

    def name_of(self, token: Token) -> str | None:
        entity = _entity(token)
        return None if entity is None else _name(entity, self.index)

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
    """The named entity (person, place, body, ...) that `token` is part of, if any; a
    number ends a name ("Trump 47.3 percent" is a name and a figure run together)."""
    if token.ent_type_ not in NAMED_LABELS or token.like_num:
        return None
    doc = token.doc
    start, end = token.i, token.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        if doc[start - 1].like_num:
            return None  # the words after the figure ("percent")
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I" and not doc[end].like_num:
        end += 1
    return doc[start:end]


def _name(entity: Span, index: EntityIndex | None) -> str:
    """The entity's key word: its canonical name as written; a person's surname."""
    label = entity.label_ or entity[0].ent_type_
    canonical = None
    if index is not None:
        mention = index.mention_at(entity.start_char, entity.end_char)
        # a mention longer than the entity took in a figure: its canonical name would too
        inside = mention is not None and entity.start_char <= mention.start
        if mention is not None and inside and mention.end <= entity.end_char:
            label = mention.label
            canonical = index.canonical(mention.start)
    name = normalise_name(canonical or entity.text, label)
    if label == "PERSON":
        words = [w for w in name.split() if w.strip(".,").lower() not in _NAME_SUFFIXES]
        name = words[-1] if words else name
    return name
