"""The direction of a figure that is an amount of change ("rose 4%", "a 5.1% rise", "-2.6%").

A written sign says it; else the change word that governs the figure in the parse (verbs,
nouns and adverbs of `lexicons/numbers/change_words`). A level reached or left ("to $52",
"from 14") has none. Grammar kept in code: the prepositions that introduce the amount of a
change ("by", "of") and the one that introduces what changed ("in").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .. import lexicons
from ..records import Direction
from .quantities import Quantity

NOUNS = frozenset({"NOUN", "PROPN"})
VERBS = frozenset({"VERB", "AUX"})
NOUN_MODIFIERS = frozenset({"nummod", "quantmod", "compound", "amod", "nmod", "npadvmod"})
_RELATIVE_UNITS = frozenset({"percent", "percentage point", "point", "basis point"})


def inside(token: Token, q: Quantity) -> bool:
    return q.start <= token.idx < q.end


def _change_entry(token: Token) -> list[str]:
    table = lexicons.mapping("numbers/change_words")
    entry = table.get(token.lemma_.lower()) or table.get(token.lower_) or ""
    return entry.split()


def change(token: Token, q: Quantity | None = None, passive: bool = False) -> Direction | None:
    """The direction a change word states, if `token` is one.

    With money, a word that names an amount ("a loss of 17 cents", "a $916 million loss",
    "raised $5 million") states none; in the passive, a verb that has no transitive change
    reading ("are grown in Mexico") states none.
    """
    entry = _change_entry(token)
    if not entry or (passive and "intransitive" in entry[1:]):
        return None
    if "relative" in entry[1:] and (q is None or q.unit not in _RELATIVE_UNITS):
        return None
    amounts = lexicons.words("numbers/amount_words")
    if (
        q is not None
        and q.currency
        and (token.lemma_.lower() in amounts or token.lower_ in amounts)
    ):
        return None
    return "up" if entry[0] == "up" else "down" if entry[0] == "down" else None


def direction(whole: Span, root: Token, q: Quantity) -> Direction | None:
    """Up or down when the quantity is an amount of change ("a 71 percent drop", "rose 5%").

    A written sign says it ("+2.4%", "-0.6 points"); else the word that governs the figure
    ("rose 4%", "up 12", "down 31p", "a 5.1% rise", "increased by 5%"). A level reached or
    left ("to $52", "from 14") has none; a figure joined to a change by "or" or in brackets
    ("45 points, or 0.6%") shares it.
    """
    if q.sign == "+" or (q.sign == "-" and q.unit in _RELATIVE_UNITS):
        return "up" if q.sign == "+" else "down"
    if q.multiplier:  # "doubled"; "grew fourfold"
        if root.pos_ == "VERB":
            return change(root)
        return change(root.head) if root.head.pos_ == "VERB" else None
    after = whole.doc[whole.end] if whole.end < len(whole.doc) else None
    if after is not None and after.pos_ in NOUNS and change(after, q):
        return change(after, q)  # "a 5.1% rise", whatever the parse made of the phrase
    found = _governed(root, q)
    if found is None and root.dep_ in ("conj", "appos") and _is_figure(root.head):
        found = _governed(root.head, q)  # "fell 45 points, or 0.6%"
    return found or _changed_in(root, q) or _after_change(whole, q)


def _is_figure(token: Token) -> bool:
    return token.like_num or any(c.dep_ == "nummod" for c in token.children)


def _governed(root: Token, q: Quantity) -> Direction | None:
    """The direction of the change word that governs the figure's root in the parse."""
    head = root.head
    if root.dep_ in NOUN_MODIFIERS and head.pos_ in NOUNS:
        found = change(head, q)
        if found:
            return found
        while head.dep_ == "compound" and head.head.pos_ in NOUNS and head.head.i > head.i:
            head = head.head  # "grew 3.5% year on year": the figure inside a misparsed compound
        if head.dep_ in ("dobj", "npadvmod") and head.head.pos_ == "VERB":
            return change(head.head, q)  # "cut 200 jobs"
        if head.dep_ == "nsubjpass" and head.head.pos_ == "VERB":
            return change(head.head, q, passive=True)  # "4,000 jobs were lost"
        if head.dep_ == "pobj" and head.head.lower_ == "of":
            return change(head.head.head, q)  # "a loss of 4.8 million jobs"
        return None
    if root.dep_ in ("dobj", "npadvmod", "advmod", "attr", "oprd") and head.pos_ in VERBS:
        return change(head, q) or _particle_change(head, root)
    if root.dep_ == "npadvmod" and change(head, q):
        return change(head, q)  # "$8,000 more than", "up 50 cents", "32 percent below"
    if root.dep_ == "pobj" and not inside(head, q) and change(head, q):
        return change(head, q)  # "closed down 31p"
    if root.dep_ == "pobj" and head.lower_ in ("by", "of"):
        target = head.head  # the amount of a change: "rose by 5%", "an increase of 5%"
        return change(target, q) or (
            _particle_change(target, root) if target.pos_ in VERBS else None
        )
    return None


def _changed_in(root: Token, q: Quantity) -> Direction | None:
    """ "$4 trillion in tax cuts": a figure that says how much "in" a change."""
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ == "in":
            noun = next((c for c in child.children if c.dep_ == "pobj"), None)
            if noun is not None:
                return change(noun, q)
    return None


def _after_change(whole: Span, q: Quantity) -> Direction | None:
    """ "slipped 0.4 per cent", "increased by 5%": a change verb right before the figure (or
    before "by" and the figure) where the parse lost the attachment. Not for a duration
    ("fell 3 days in a row")."""
    doc, i = whole.doc, whole.start
    if whole[0].pos_ == "ADP" and whole[0].idx < q.fig_start and q.value_max is None:
        return None  # "fell below 5%", "rose above $40": the level crossed, not the change
    if i >= 2 and doc[i - 1].lower_ == "by" and doc[i - 2].pos_ in (*VERBS, *NOUNS):
        return change(doc[i - 2], q)
    timely = q.unit is not None and q.unit in lexicons.keys("common/time_units")
    if i >= 1 and doc[i - 1].pos_ in ("VERB", "ADV", "ADP") and not timely:
        return change(doc[i - 1], q)  # "slipped 0.4 per cent", "EasyJet down 4%"
    return None


def _particle_change(verb: Token, root: Token) -> Direction | None:
    """ "went up 5%", "was down 3%", "edged down 0.2%": a particle between the verb and the
    figure states the change ("was 67.3%, up 1.2 points" says nothing of the 67.3%)."""
    for child in verb.children:
        if child.dep_ in ("prt", "advmod") and verb.i < child.i < root.i and change(child):
            return change(child)
    return None
