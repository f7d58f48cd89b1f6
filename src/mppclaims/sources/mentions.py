"""Who is who in one article: mentions by position, canonical names, genders and roles.

Built once per article from the entity index (`extractors.entities`) and the parse, and
read-only afterwards. Quotes and numbers ask it which name a token belongs to, what a
person is called in full, and what the article tells about a person ("ACLU lawyer", "she").
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import lexicons
from ..extractors.entities import SPEAKING_LABELS, entity_index

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..context import ArticleContext
    from ..extractors.entities import EntityIndex, Mention


@dataclass(frozen=True)
class Speaker:
    """A resolved source: its name, the words naming it in the text, and a label."""

    name: str
    start: int
    end: int
    label: str | None


def gender_of_words(words: list[str]) -> str | None:
    """The gender the first gendered word of `words` tells ("Mrs.", "congresswoman")."""
    genders = lexicons.mapping("people/gendered_words")
    for word in words:
        gender = genders.get(word.lower().rstrip("."))
        if gender:
            return gender
    return None


def role_word(token: Token) -> str:
    """A word of a description, compared lower-case with abbreviations spelled out."""
    word = token.lemma_.lower().rstrip(".") if token.pos_ == "NOUN" else token.lower_.rstrip(".")
    return lexicons.mapping("people/title_abbreviations").get(word, word)


def find_names(ctx: ArticleContext) -> Mentions:
    """Who is who in the article: its entity index, with what it tells about its people."""
    return Mentions(ctx, entity_index(ctx))


class Mentions:
    """The entity mentions of one article by position, and what it tells about its people."""

    def __init__(self, ctx: ArticleContext, index: EntityIndex) -> None:
        self.ctx = ctx
        self.index = index
        self.all: list[Mention] = index.mentions
        self._starts = [m.start for m in index.mentions]
        self._gender: dict[str, str] = {}
        self._roles: dict[str, set[str]] = {}
        for mention in index.mentions:
            if mention.label == "PERSON":
                self._learn_person(mention)

    def mention_of(self, token: Token) -> Mention | None:
        """The entity mention containing `token`, if any."""
        i = bisect.bisect_right(self._starts, token.idx) - 1
        if i < 0:
            return None
        mention = self.all[i]
        return mention if token.idx < mention.end else None

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """The entity mentions overlapping [start, end), in text order."""
        i = max(bisect.bisect_right(self._starts, start) - 1, 0)
        found = []
        for mention in self.all[i:]:
            if mention.start >= end:
                break
            if mention.end > start:
                found.append(mention)
        return found

    def before(self, offset: int) -> int:
        """The index in `all` of the last mention starting before `offset` (-1: none)."""
        return bisect.bisect_left(self._starts, offset) - 1

    def person_with_surname(self, word: str) -> str | None:
        """The canonical name of a person of the article whose last name is `word`."""
        wanted = word.lower()
        for mention in self.all:
            if mention.label == "PERSON" and mention.key and mention.key[-1] == wanted:
                return self.canonical(mention)
        return None

    def display_name(self, mention: Mention) -> str:
        """The canonical name, with the acronym used in the text: "International Monetary
        Fund (IMF)", so that the name the article uses stays visible."""
        name = self.canonical(mention)
        if mention.acronym and mention.name != name and mention.name not in name:
            return f"{name} ({mention.name})"
        return name

    def canonical(self, mention: Mention) -> str:
        """The fullest name of a mention's referent."""
        return self.index.canonical(mention.start) or mention.name

    def gender(self, name: str) -> str | None:
        """The gender the article tells for the person of canonical name `name`."""
        return self._gender.get(name)

    def roles(self, name: str) -> set[str]:
        """The words the article describes the person of canonical name `name` with."""
        return self._roles.get(name, set())

    def tokens_of(self, mention: Mention) -> Iterator[Token]:
        """The tokens of a mention."""
        doc, starts = self.ctx.doc, self.ctx.token_starts
        i = bisect.bisect_left(starts, mention.start)
        while i < len(doc) and doc[i].idx < mention.end:
            yield doc[i]
            i += 1

    def head_of(self, mention: Mention) -> Token | None:
        """The syntactic head of a mention's tokens."""
        tokens = list(self.tokens_of(mention))
        if not tokens:
            return None
        head = tokens[-1]
        while head.head.i != head.i and head.head in tokens:
            head = head.head
        return head

    def agentive(self, token: Token) -> bool:
        """Whether a noun can name somebody who speaks: a person, body or place by name, a
        pronoun, or a role or body noun ("the senator", "the agency")."""
        if token.pos_ == "PRON":
            role = lexicons.mapping("people/pronoun_genders").get(token.lower_)
            return role in ("male", "female", "plural")
        mention = self.mention_of(token)
        if mention is not None:
            return mention.label in SPEAKING_LABELS
        label = lexicons.mapping("sources/speaker_nouns").get(token.lemma_.lower())
        return label in ("PERSON", "ORG")

    def can_report(self, token: Token) -> bool:
        """Whether a noun can be the source of words or findings: somebody who speaks
        (`agentive`), "it", or a document or an utterance ("the report", "his remarks")."""
        if self.agentive(token) or token.pos_ == "PROPN":  # a name the recogniser missed
            return True
        if token.pos_ in ("PRON", "DET"):  # "it", "each", "others"; not "this", "that"
            return token.lower_ not in ("this", "that", "these", "those")
        lemma = token.lemma_.lower()
        return (
            lemma in lexicons.keys("sources/speaker_nouns")
            or lemma in lexicons.words("sources/data_documents")
            or lemma in lexicons.words("sources/speech_occasions")
            or lemma in lexicons.words("sources/reporting_nouns")
        )

    def _learn_person(self, mention: Mention) -> None:
        """Remember a person's gender and roles from the words around a mention."""
        tokens = list(self.tokens_of(mention))
        if not tokens:
            return
        doc = self.ctx.doc
        name = self.canonical(mention)
        head = tokens[-1]
        while head.head.i != head.i and head.head in tokens:
            head = head.head
        around: list[Token] = []
        first = tokens[0]
        if first.i > 0:
            around.append(doc[first.i - 1])  # "Mr." before the entity span
        around.extend(tokens)
        for child in head.children:  # "ACLU lawyer Lee Gelernt", "Gelernt, an ACLU lawyer"
            if child.dep_ in ("compound", "amod", "appos") and child not in tokens:
                around.extend(child.subtree)
        if head.dep_ == "appos":  # "the ACLU's lawyer, Lee Gelernt"
            around.append(head.head)
            around.extend(c for c in head.head.children if c.dep_ in ("compound", "amod"))
        words = [t.text for t in around]
        given = lexicons.mapping("people/first_names")
        gender = gender_of_words(words) or next(
            (given[w] for w in mention.key[:-1] if w in given), None
        )
        if gender and name not in self._gender:
            self._gender[name] = gender
        self._roles.setdefault(name, set()).update(role_word(t) for t in around)
