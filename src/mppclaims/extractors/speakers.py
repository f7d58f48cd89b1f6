"""Who said it: the source of a reporting cue, as the fullest name the article gives.

A cue's source is found in the parse (the subject of "said", the object of "according to",
the noun a "who said" clause hangs on) and then resolved:
- a named entity to its canonical name through the `EntityIndex` ("Rabinovitz" ->
  "Judy Rabinovitz", "the ACLU" -> "American Civil Liberties Union");
- a description with a role noun ("the ACLU lawyer") to the person introduced with that role;
- a pronoun ("she said", "he told reporters") to the nearest earlier compatible source;
- any other noun phrase ("an official with the agency", "the brief") to itself.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc, Token

from .. import lexicons
from ..article import ArticleContext
from .entities import EntityIndex, Mention

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
# "X responded by saying", "X left after telling reporters": the verb's subject speaks.
_PREPOSITIONS_OF_SPEECH = frozenset(
    {"by", "before", "after", "while", "when", "in", "for", "despite", "since"}
)
# How many earlier nouns of the same lemma "the statement" looks back over for its fuller
# wording: the nearest ones are the ones that matter, and a long text must stay linear.
_FULLER_LOOKBACK = 20
_RELATIVE = frozenset({"who", "that", "which", "whom"})
# "said at a news conference", "replied with a tweet", "in a speech": where words were said.
_PREPOSITIONS_OF_OCCASION = frozenset({"at", "in", "during", "with", "through", "via", "on"})
# Dependents dropped from a noun phrase used as a speaker name.
_NOT_IN_NAME = frozenset({"relcl", "acl", "appos", "punct", "advcl", "parataxis", "cc", "conj"})
_WHEN = frozenset({"DATE", "TIME"})
_NAME_PUNCT = frozenset({"-", "–", "'", "’", ".", "&"})  # "57-page ruling", "AT&T"
_NAME_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "FAC", "LOC", "PRODUCT", "WORK_OF_ART"})
# How far back (characters) a pronoun looks for its antecedent.
_PRONOUN_WINDOW = 3000


@dataclass(frozen=True)
class Speaker:
    """A resolved source: its name, the words naming it near the cue, and a label."""

    name: str
    start: int
    end: int
    label: str | None


def _gender_of_words(words: list[str]) -> str | None:
    genders = lexicons.mapping("people/gendered_words")
    for word in words:
        gender = genders.get(word.lower().rstrip("."))
        if gender:
            return gender
    return None


class SpeakerResolver:
    """Resolves cue subjects of one article; built once per article, read-only afterwards.

    `quoted(offset)` tells whether a character lies inside quotation marks: names inside
    somebody's quote are poor antecedents for "he said".
    """

    def __init__(
        self,
        doc: Doc,
        ctx: ArticleContext,
        index: EntityIndex,
        quoted: Callable[[int], bool] = lambda _: False,
    ) -> None:
        self.doc = doc
        self.ctx = ctx
        self.index = index
        self.quoted = quoted
        self._starts = [m.start for m in index.mentions]
        self.token_starts: list[int] = doc.to_array("IDX").tolist()
        self._gender: dict[str, str] = {}
        self._roles: dict[str, set[str]] = {}
        for mention in index.mentions:
            if mention.label == "PERSON":
                self._learn_person(mention)

    # -- tokens and mentions -------------------------------------------------------------

    def token_at(self, offset: int) -> Token | None:
        """The token containing character `offset`."""
        i = bisect.bisect_right(self.token_starts, offset) - 1
        if i < 0:
            return None
        token = self.doc[i]
        return token if offset < token.idx + len(token.text) else None

    def mention_of(self, token: Token) -> Mention | None:
        """The entity mention containing `token`, if any."""
        i = bisect.bisect_right(self._starts, token.idx) - 1
        if i < 0:
            return None
        mention = self.index.mentions[i]
        return mention if token.idx < mention.end else None

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """The entity mentions overlapping [start, end), in text order."""
        i = max(bisect.bisect_right(self._starts, start) - 1, 0)
        found = []
        for mention in self.index.mentions[i:]:
            if mention.start >= end:
                break
            if mention.end > start:
                found.append(mention)
        return found

    def person_with_surname(self, word: str) -> str | None:
        """The canonical name of a person of the article whose last name is `word`."""
        wanted = word.lower()
        for mention in self.index.mentions:
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

    def _mention_tokens(self, mention: Mention) -> Iterator[Token]:
        i = bisect.bisect_left(self.token_starts, mention.start)
        while i < len(self.doc) and self.doc[i].idx < mention.end:
            yield self.doc[i]
            i += 1

    def _learn_person(self, mention: Mention) -> None:
        """Remember a person's gender and roles from the words around a mention."""
        tokens = list(self._mention_tokens(mention))
        if not tokens:
            return
        name = self.canonical(mention)
        head = tokens[-1]
        while head.head.i != head.i and head.head in tokens:
            head = head.head
        around: list[Token] = []
        first = tokens[0]
        if first.i > 0:
            around.append(self.doc[first.i - 1])  # "Mr." before the entity span
        around.extend(tokens)
        for child in head.children:  # "ACLU lawyer Lee Gelernt", "Gelernt, an ACLU lawyer"
            if child.dep_ in ("compound", "amod", "appos") and child not in tokens:
                around.extend(child.subtree)
        if head.dep_ == "appos":  # "the ACLU's lawyer, Lee Gelernt"
            around.append(head.head)
            around.extend(c for c in head.head.children if c.dep_ in ("compound", "amod"))
        words = [t.text for t in around]
        given = lexicons.mapping("people/first_names")
        gender = _gender_of_words(words) or next(
            (given[w] for w in mention.key[:-1] if w in given), None
        )
        if gender and name not in self._gender:
            self._gender[name] = gender
        self._roles.setdefault(name, set()).update(_role_word(t) for t in around)

    # -- subjects of cues ----------------------------------------------------------------

    def subject_of(self, cue: Token, depth: int = 0) -> Token | None:
        """The token naming the source of a reporting cue, from the parse."""
        if cue.lower_ == "according":
            for to in cue.children:
                if to.lower_ == "to":
                    for obj in to.children:
                        if obj.dep_ == "pobj":
                            return self._speaker_of_occasion(obj, depth) or obj
                    # "according to show insiders" read as a verb "show": its first noun
                    nouns = [t for t in to.subtree if t.pos_ in ("NOUN", "PROPN")]
                    heads = [t for t in nouns if t.head.pos_ not in ("NOUN", "PROPN")]
                    return heads[0] if heads else None
            return None
        subjects = [  # a dash the parse made a subject names nobody
            c for c in cue.children if c.dep_ in ("nsubj", "csubj") and not c.is_punct
        ]
        if subjects:
            # two subjects are a misparse ("His promises ... notwithstanding, analysts agree"):
            # the one right before the verb is its subject
            adjacent = [c for c in subjects if self._adjacent(c, cue)]
            return adjacent[-1] if adjacent and len(subjects) > 1 else subjects[0]
        for child in cue.children:
            if child.dep_ == "agent":  # "it was announced by the agency"
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        return obj
        if cue.dep_ == "acl" and cue.tag_ == "VBG" and cue.head.pos_ in ("NOUN", "PROPN"):
            # "a statement saying ...": the statement, or who issued it ("X issued a statement")
            noun = cue.head
            named = self._named_in_of_phrase(cue)
            if named is not None:
                return named
            behind = self._source_behind(noun, depth) if depth < 3 else None
            return behind if behind is not None else noun
        if depth >= 3 or cue.head.i == cue.i or not self.same_line(cue.i, cue.head.i):
            return None
        if cue.dep_ == "pcomp" and cue.head.lower_ == "as":
            verb = cue.head.head  # "quoted X as saying", "X was quoted as saying"
            if verb.lemma_.lower() in ("quote", "cite"):
                quoted = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
                return quoted[0] if quoted else None
        if cue.dep_ == "pcomp" and cue.head.lower_ in _PREPOSITIONS_OF_SPEECH:
            return self.subject_of(cue.head.head, depth + 1)  # "..., before asking her"
        if cue.dep_ == "advcl" and cue.tag_ == "VBG" and _reported_clause(cue.head):
            # "X said the government does little, saying ...": X says it, not the government
            return self.subject_of(cue.head.head, depth + 1)
        if cue.dep_ == "xcomp" and cue.head.lemma_ == "be":
            return None  # "U.S. policy is not to blame": no act of speech
        controller = self._controller(cue)
        if controller is not None:
            return controller
        if cue.dep_ == "conj" and _reported_clause(cue.head) and reports_a_clause(cue):
            # "X said that A would go and added that ...": the parse coordinates "added"
            # with the reported "go", but the one adding is the one who said
            return self.subject_of(cue.head.head, depth + 1)
        if cue.dep_ in ("conj", "xcomp") or (cue.dep_ == "advcl" and cue.tag_ in ("VBG", "VB")):
            return self.subject_of(cue.head, depth + 1)  # "..., saying", "and added"
        return None

    def source_of_noun(self, noun: Token) -> Token | None:
        """Who made a claim, a warning or a report named by a noun: its owner ("the mayor's
        claim"), "from"/"by" ("warnings from his lawyer"), a name before it ("a New York Times
        report"), or whoever made it or stood by it ("X persisted in arguments that",
        "X issued a warning that"). None when the text names nobody."""
        for child in noun.children:
            if child.dep_ == "poss":
                return child
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in ("from", "by"):
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
        for child in noun.children:
            mention = self.mention_of(child) if child.dep_ == "compound" else None
            if mention is not None and mention.label in ("PERSON", "ORG", "NORP", "GPE"):
                return child
        verb = noun.head.head if noun.dep_ == "pobj" else noun.head
        if noun.dep_ == "dobj" and verb.lemma_.lower() in lexicons.words("sources/issuing_verbs"):
            return self.subject_of(verb)
        if noun.dep_ == "pobj" and noun.head.lower_ == "in" and verb.pos_ == "VERB":
            return self.subject_of(verb)  # "persisted in arguments that"
        return None

    def _named_in_of_phrase(self, cue: Token) -> Token | None:
        """ "a clip of Sen. X saying ...": the person named right before the participle in
        the of-phrase of a noun that cannot speak itself."""
        before = self.doc[cue.i - 1]
        if before.i == cue.head.i or self._agentive(cue.head) or not self._agentive(before):
            return None
        node = before
        while node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.pos_ == "NOUN":
            node = node.head.head
            if node.i == cue.head.i:
                return before
        return None

    def _speaker_of_occasion(self, noun: Token, depth: int) -> Token | None:
        """Who gave the speech or made the remarks "according to" names ("according to a
        speech she delivered in July", "remarks by the governor"); a document keeps
        speaking for itself."""
        if noun.lemma_.lower() not in lexicons.words("sources/speech_occasions") or depth >= 3:
            return None
        return self.source_of_noun(noun) or self._source_behind(noun, depth)

    def _source_behind(self, noun: Token, depth: int = 0) -> Token | None:
        """Who is behind a document or an utterance named as a source: its maker ("a
        statement he made last week, asserting"), the speaker of a remark or speech ("his
        comments suggesting", "gave a speech calling for", "told a news conference
        announcing"), the issuer of a document ("the agency issued a statement saying",
        "unleashed a series of tweets criticizing"). None when the text names nobody; a
        document then speaks for itself, and so does a remark."""
        lemma = noun.lemma_.lower()
        occasion = lemma in lexicons.words("sources/speech_occasions")
        if not occasion and lexicons.mapping("sources/speaker_nouns").get(lemma) != "DOC":
            return None
        for clause in noun.children:  # "a statement he made last week, asserting"
            if clause.dep_ == "relcl":
                maker = next((c for c in clause.children if c.dep_ == "nsubj"), None)
                if maker is not None and maker.lower_ not in _RELATIVE:
                    return maker
        if occasion:
            owner = next((c for c in noun.children if c.dep_ == "poss"), None)
            if owner is not None:  # "his remarks", "the senator's speech"
                return owner
        top = noun  # "a series of tweets", "a list of demands"
        while top.dep_ == "pobj" and top.head.lower_ == "of" and top.head.head.pos_ == "NOUN":
            top = top.head.head
        verb = top.head.head if top.dep_ == "pobj" else top.head
        if top.dep_ == "dobj" and verb.lemma_.lower() in lexicons.words("sources/issuing_verbs"):
            return self.subject_of(verb, depth + 1)
        at = top.dep_ == "pobj" and top.head.lower_ in _PREPOSITIONS_OF_OCCASION
        if occasion and at and verb.pos_ in ("VERB", "AUX"):
            return self.subject_of(verb, depth + 1)  # "said at a news conference announcing"
        return None

    def _adjacent(self, subject: Token, verb: Token) -> bool:
        """Whether a subject phrase opens after a comma and runs up to its verb, with only
        auxiliaries and adverbs between ("..., independent analyses agree"), unlike an
        apposition set off by commas ("Ban, the secretary general, vowed")."""
        left, right = subject.left_edge.i, subject.right_edge.i
        if left == 0 or subject.i > verb.i or self.doc[left - 1].text != ",":
            return False
        between = self.doc[right + 1 : verb.i]
        return not self.doc[right].is_punct and all(
            t.pos_ in ("AUX", "ADV", "PART") for t in between
        )

    def _controller(self, cue: Token) -> Token | None:
        """The object a non-finite cue is said of, rather than its governing verb's subject:
        "forced the banker to admit ..." (the banker admits; but "asked the court to deny" is
        the asker's request), "footage of the senator saying ..." and "the video shows her
        saying ..." (the senator, she speaks)."""
        head = cue.head
        if cue.dep_ == "xcomp" and cue.tag_ == "VB":
            if head.lemma_.lower() not in lexicons.words("sources/causing_verbs"):
                return None  # "X asked the court to deny ...": X's request
            for child in head.children:
                if child.dep_ == "dobj" and child.i < cue.i and self._agentive(child):
                    return child
            return None
        if cue.tag_ != "VBG" or cue.dep_ not in ("xcomp", "advcl") or cue.i == 0:
            return None
        before = self.doc[cue.i - 1]  # no comma: "ended the call saying" is not "the call, saying"
        if not self._agentive(before):
            return None
        # the verb's object ("shows her saying"), or of an object ("uses footage of X
        # saying", "ends with a clip of X saying"); not "sent a letter to X urging ..."
        node = before
        while node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.pos_ == "NOUN":
            node = node.head.head
        if node.dep_ == "dobj" and node.head == head:
            return before
        with_ = node.dep_ == "pobj" and node.head.lower_ == "with" and node.head.head == head
        return before if with_ and node is not before else None

    def _agentive(self, token: Token) -> bool:
        """Whether a noun can name somebody who speaks: a person, body or place by name, a
        pronoun, or a role or body noun ("the senator", "the agency")."""
        if token.pos_ == "PRON":
            role = lexicons.mapping("people/pronoun_genders").get(token.lower_)
            return role in ("male", "female", "plural")
        mention = self.mention_of(token)
        if mention is not None:
            return mention.label in ("PERSON", "ORG", "NORP", "GPE")
        label = lexicons.mapping("sources/speaker_nouns").get(token.lemma_.lower())
        return label in ("PERSON", "ORG")

    def same_line(self, i: int, j: int) -> bool:
        """Whether tokens `i` and `j` stand in the same paragraph."""
        lo, hi = min(i, j), max(i, j)
        return "\n" not in self.ctx.text[self.doc[lo].idx : self.doc[hi].idx]

    def source_token(self, cue: Token) -> Token | None:
        """The token naming a cue's source: its subject in the parse when that is usable,
        else the name next to the cue in the text.

        A subject inside quotation marks, in boilerplate or in another paragraph is a parse
        error ("“One of the brightest members,” Rep. X said"; a headline glued to the
        next paragraph), and so is a long all-capital word (a dateline, a section heading).
        """
        subject = self.subject_of(cue)
        if subject is not None and not self._usable(subject, cue):
            subject = None
        return subject or self._subject_before(cue) or self._subject_after(cue)

    def _usable(self, token: Token, cue: Token) -> bool:
        after = self.doc[token.i + 1] if token.i + 1 < len(self.doc) else None
        labelled = after is not None and after.text == ":" and after.i < cue.i
        return (
            not labelled  # "The Latest: Trump urges ...": a heading's label is no subject
            and not self.quoted(token.idx)
            and not self.ctx.in_boilerplate(token.idx, token.idx + 1)
            and self.same_line(token.i, cue.i)
            and not (token.text.isupper() and len(token.text) >= 6)
        )

    def _subject_before(self, cue: Token) -> Token | None:
        """The noun right before a finite cue on the same line ("officials have said"), or
        the nearest earlier subject of the sentence for a participle ("..., saying")."""
        doc = self.doc
        if cue.lower_ == "according":
            return None  # its source follows "to"; the sentence's subject is what is reported
        finite = cue.tag_ in ("VBD", "VBZ", "VBP", "NNS") or (
            cue.tag_ in ("VBN", "VBG") and any(c.dep_ == "aux" for c in cue.children)
        )
        if cue.tag_ == "VBG" and not finite:
            if cue.dep_ == "pcomp" and cue.head.lower_ not in _PREPOSITIONS_OF_SPEECH:
                return None  # "without asking them", "of calling it": no act of the subject
            for i in range(cue.i - 1, cue.sent.start - 1, -1):
                token = doc[i]
                if token.dep_ in ("nsubj", "nsubjpass") and self._usable(token, cue):
                    return token
            return None
        if not finite and cue.tag_ != "VBN":
            return None
        i = cue.i - 1
        while i >= 0 and doc[i].pos_ in ("AUX", "ADV", "PART") and doc[i].dep_ != "nsubj":
            i -= 1
        for _ in range(3):  # "Morgan, who initially said ..., acknowledged": skip asides
            if i < 0 or doc[i].text not in (",", ")"):
                break
            closer = "(" if doc[i].text == ")" else ","
            j = i - 1
            while j >= 0 and i - j < 40 and doc[j].text != closer and "\n" not in doc[j].text:
                j -= 1
            i = j - 1 if j >= 0 and doc[j].text == closer else -1
        if i < 0 or not self._usable(doc[i], cue):
            return None
        token = doc[i]
        return token if token.pos_ in ("NOUN", "PROPN", "PRON") else None

    def _subject_after(self, cue: Token) -> Token | None:
        """The name right after an inverted cue: "Said Ellis: ...", "...,” said Ms. Crow"."""
        doc = self.doc
        if cue.i + 1 >= len(doc) or cue.lower_ == "according" or cue.tag_ not in ("VBD", "VBZ"):
            return None
        before = doc[cue.i - 1] if cue.i > 0 else None
        inverted = before is None or before.is_punct or before.is_space or cue.is_sent_start
        if not inverted:
            return None
        token = doc[cue.i + 1]
        while token.dep_ == "compound" and token.head.i > token.i:
            token = token.head
        if token.pos_ not in ("PROPN", "NOUN") or token.ent_type_ in ("DATE", "TIME"):
            return None
        return token if self._usable(token, cue) else None

    # -- resolution ----------------------------------------------------------------------

    def resolve(self, token: Token) -> Speaker | None:
        """The speaker named by `token` (a subject, an object of "according to", ...)."""
        if token.lower_ in _RELATIVE and token.head.dep_ == "relcl":
            token = self._antecedent_of_relative(token)
            behind = self._source_behind(token)  # "made a comment that described ..."
            if behind is not None and behind.i != token.i:
                return self.resolve(behind)
        role = lexicons.mapping("people/pronoun_genders").get(token.lower_)
        if role is not None and token.pos_ == "PRON":
            return self._pronoun(token, role)
        return self._noun_phrase(token)

    def _antecedent_of_relative(self, relative: Token) -> Token:
        """The noun a "who"/"which" refers to: the one right before it (", which says"), else
        the one the parse hangs the clause on."""
        i = relative.i - 1
        while i >= 0 and (self.doc[i].is_punct or self.doc[i].is_space):
            i -= 1
        before = self.doc[i] if i >= 0 else None
        nominal = before is not None and before.pos_ in ("NOUN", "PROPN")
        if before is not None and nominal and self.same_line(i, relative.i):
            while (  # "a spokesman for the department, who said"; not "a meeting with
                before.dep_ == "pobj"  # officials who said"
                and before.head.dep_ == "prep"
                and before.head.head.pos_ in ("NOUN", "PROPN")
                and self._agentive(before.head.head)
            ):
                before = before.head.head
            return before
        return relative.head.head

    def _noun_phrase(self, head: Token) -> Speaker | None:
        mention = self.mention_of(head)
        if mention is not None and mention.label in _NAME_LABELS and not _has_conjunct(head):
            return Speaker(self.display_name(mention), mention.start, mention.end, mention.label)
        if mention is None and head.pos_ == "PROPN" and not list(head.children):
            person = self.person_with_surname(head.text)  # a surname the recogniser missed
            if person is not None:
                return Speaker(person, head.idx, head.idx + len(head.text), "PERSON")
        if mention is None and head.pos_ in ("NOUN", "NUM"):
            named = self._appositive_name(head)
            if named is not None:
                return named
        tokens = _name_tokens(head)
        if not tokens:
            return None
        glued = _hyphen_compound(tokens[-1])
        if len(glued) > 1:  # "His ex-wife said": the parse made "ex", "-", "wife" three subjects
            head = glued[-1] if head.i == tokens[-1].i else head
            tokens.extend(glued[1:])
        before = self.doc[tokens[0].i - 1] if tokens[0].i > 0 else None
        if before is not None and before.pos_ == "DET" and before.dep_ == "det":
            tokens.insert(0, before)  # "the motion states": the parse hangs "the" elsewhere
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        text = self.ctx.text[start:end]
        if not any(ch.isalnum() for ch in text):
            return None
        label = lexicons.mapping("sources/speaker_nouns").get(head.lemma_.lower())
        if head.pos_ == "PROPN" and label is None:
            label = mention.label if mention else None
        name = _titled_name(tokens) if head.pos_ == "PROPN" and label is None else ""
        if name:  # "Mayor Ana Ruiz said": a name the recogniser missed, behind a title
            return Speaker(name, start, end, "PERSON")
        person = self._described_person(head, tokens) if label == "PERSON" else None
        if person is not None:
            return Speaker(person, start, end, "PERSON")
        if label in ("DOC", "ORG") and len(tokens) == 2 and tokens[0].lower_ == "the":
            text = self._fuller_mention(head) or text  # "the statement": which statement
        return Speaker(text, start, end, label)

    def _appositive_name(self, head: Token) -> Speaker | None:
        """The person's name set off by commas at the end of a description: "A spokesman
        for the company, Tom Hale, said" (the parse may hang it on "company")."""
        end = head.right_edge.i
        if self.doc[end].text == ",":
            end -= 1
        for token in head.subtree:
            if token.dep_ != "appos" or token.right_edge.i != end:
                continue
            if self.doc[token.left_edge.i - 1].text != ",":
                continue
            mention = self.mention_of(token)
            if (
                mention is not None
                and mention.label == "PERSON"
                and mention.end <= (self.doc[end].idx + len(self.doc[end].text))
            ):
                name = self.display_name(mention)
                return Speaker(name, mention.start, mention.end, "PERSON")
        return None

    @cached_property
    def _nouns_by_lemma(self) -> dict[int, list[int]]:
        """The positions of the common nouns of the Doc, by lemma, in order."""
        noun = self.doc.vocab.strings["NOUN"]  # a symbol: its fixed id
        found: dict[int, list[int]] = {}
        for i, (lemma, pos) in enumerate(self.doc.to_array(["LEMMA", "POS"]).tolist()):
            if pos == noun:
                found.setdefault(lemma, []).append(i)
        return found

    def _fuller_mention(self, head: Token) -> str | None:
        """The nearest earlier, longer noun phrase with the same head noun ("a statement
        from the ministry" for a later "the statement")."""
        earlier = self._nouns_by_lemma.get(head.lemma, [])
        last = bisect.bisect_left(earlier, head.i)
        for i in reversed(earlier[max(0, last - _FULLER_LOOKBACK) : last]):
            token = self.doc[i]
            tokens = _name_tokens(token)
            # "a brief on Friday" is no fuller name of the brief
            while tokens and (tokens[-1].ent_type_ in _WHEN or tokens[-1].dep_ == "prep"):
                tokens.pop()
            if len(tokens) > 2:
                return self.ctx.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
        return None

    def _described_person(self, head: Token, tokens: list[Token]) -> str | None:
        """ "the ACLU lawyer" -> the person introduced earlier as an ACLU lawyer."""
        definite = any(
            t.lower_ in ("the", "this", "that") or (t.dep_ == "poss" and t.pos_ == "PROPN")
            for t in head.children
        )
        if not definite or any(t.lower_ in ("a", "an", "another", "one") for t in tokens):
            return None
        role = _role_word(head)
        # names and capitalised adjectives must match too: "the Democratic nominee" is not
        # the person introduced as "Republican nominee X"
        wanted = {_role_word(t) for t in tokens if t.pos_ == "PROPN" or _proper_adjective(t)}
        best: str | None = None
        for mention in self.index.mentions:
            if mention.start >= head.idx:
                break
            if mention.label != "PERSON":
                continue
            name = self.canonical(mention)
            roles = self._roles.get(name, set())
            if role in roles and wanted <= roles:
                best = name
        return best

    def _pronoun(self, token: Token, role: str) -> Speaker | None:
        if role == "self":
            return None
        start, end = token.idx, token.idx + len(token.text)
        if role in ("male", "female"):
            name, label = self._person_antecedent(token, role)
        else:
            name, label = self._group_antecedent(token, role)
        if name is None:
            return None
        return Speaker(name, start, end, label)

    def _person_antecedent(self, token: Token, gender: str) -> tuple[str | None, str | None]:
        """The nearest earlier person of a compatible gender.

        In the pronoun's own sentence and in the one before, a person in subject position
        wins over a nearer one elsewhere ("Morgan told Stewart ... He said"), and a
        possessive ("Seeborg's ruling") comes last; further back the nearest compatible
        person is taken. "The one before" is the narrative sentence before: sentences of a
        quotation ("“She's late. She always is,” he said") are passed over.
        """
        sent = token.sent
        first_token = self._sentence_before(sent.start)
        window_start = self.doc[first_token].idx
        # (tier, -start, name), the smallest wins: subjects, then other roles, then
        # possessives, each in the pronoun's sentence before the one before; then the nearest
        ranked: list[tuple[int, int, str]] = []
        i = bisect.bisect_left(self._starts, token.idx) - 1
        while i >= 0:
            mention = self.index.mentions[i]
            i -= 1
            if token.idx - mention.end > _PRONOUN_WINDOW:
                break
            if mention.label != "PERSON" or self.quoted(mention.start):
                continue
            name = self.canonical(mention)
            known = self._gender.get(name)
            if known is not None and known != gender:
                continue
            if mention.start < window_start:
                ranked.append((6, -mention.start, name))
                break
            head = self._head_of(mention)
            if head is not None and _inside_aside(head, token.head):
                continue  # "Putin, he said, is a strong leader": Putin is what is said
            dep = head.dep_ if head is not None else ""
            subject = dep in SUBJECTS and head is not None and not _in_subordinate(head)
            role = 0 if subject else 2 if dep == "poss" else 1
            earlier = 0 if mention.start >= sent.start_char else 1
            ranked.append((2 * role + earlier, -mention.start, name))
        # a name the entity recogniser missed, as the subject of its sentence ("Ana Ruiz leads")
        for i in range(token.i - 1, first_token - 1 if ranked else -1, -1):
            candidate = self.doc[i]
            if candidate.idx < token.idx - _PRONOUN_WINDOW:
                break
            if (
                candidate.dep_ == "nsubj"
                and candidate.pos_ == "PROPN"
                and self.mention_of(candidate) is None
                and not self.quoted(candidate.idx)
            ):
                words = [c for c in candidate.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
                first = words[0] if words else candidate
                name = self.ctx.text[first.idx : candidate.idx + len(candidate.text)]
                given = lexicons.mapping("people/first_names").get(first.lower_)
                if given is None or given == gender:
                    earlier = 0 if candidate.idx >= sent.start_char else 1
                    tier = earlier if candidate.idx >= window_start else 6
                    ranked.append((tier, -first.idx, name))
                    break
        if not ranked:
            return None, None
        return min(ranked)[2], "PERSON"

    def _sentence_before(self, start: int) -> int:
        """The first token of the sentence before the one starting at token `start`,
        skipping sentences that open inside a quotation; 0 at the text's start. It looks
        back no further than a pronoun's antecedent may stand (an article of nothing but
        quotes would otherwise be walked back to its start for every "she said")."""
        floor = self.doc[start].idx - _PRONOUN_WINDOW if start < len(self.doc) else 0
        while start > 0:
            start = self.doc[start - 1].sent.start
            if self.doc[start].idx < floor:
                break
            opening = next((t for t in self.doc[start:] if not t.is_punct), self.doc[start])
            if not self.quoted(opening.idx):
                break
        return start

    def _head_of(self, mention: Mention) -> Token | None:
        tokens = list(self._mention_tokens(mention))
        if not tokens:
            return None
        head = tokens[-1]
        while head.head.i != head.i and head.head in tokens:
            head = head.head
        return head

    def _group_antecedent(self, token: Token, role: str) -> tuple[str | None, str | None]:
        """ "they" / "it": the nearest earlier subject that is a body, a group or a document.

        Not a subject of what the pronoun's verb reports ("Many cases drag on, they said":
        the cases are what is said) and not a noun that names no possible source ("The
        election is near. It said ...").
        """
        for candidate in _earlier_subjects(self.doc, token, limit=6):
            if self.quoted(candidate.idx) or candidate.pos_ == "PRON":
                continue
            if _reported_by(candidate, token.head):
                continue
            lemma = candidate.lemma_.lower()
            if lemma in lexicons.words("sources/non_speaker_nouns"):
                continue
            if role == "thing" and lexicons.mapping("sources/speaker_nouns").get(lemma) == "PERSON":
                continue  # "it" is no "the candidate"
            plural = candidate.tag_ in ("NNS", "NNPS")
            mention = self.mention_of(candidate)
            if mention is not None and mention.label == "PERSON":
                continue
            body = mention is not None and mention.label in ("ORG", "NORP", "GPE")
            if (role == "plural" and (plural or body)) or (role == "thing" and not plural):
                speaker = self._noun_phrase(candidate)
                if speaker is not None:
                    return speaker.name, speaker.label
        return None, None


_SUBORDINATORS = frozenset(
    {
        "while",
        "when",
        "whereas",
        "although",
        "though",
        "because",
        "if",
        "unless",
        "after",
        "before",
        "since",
        "as",
        "until",
        "once",
    }
)


def _in_subordinate(subject: Token) -> bool:
    """Whether a subject's clause is an adverbial one ("While X had ..., Y said"): its
    subject is no main actor of the sentence."""
    verb = subject.head
    return verb.dep_ == "advcl" and any(
        c.dep_ in ("mark", "advmod") and c.lower_ in _SUBORDINATORS for c in verb.children
    )


def _reported_by(subject: Token, cue: Token) -> bool:
    """Whether `subject` belongs to the clause that `cue` reports: the cue hangs on the
    subject's verb as a complement or an aside ("Many cases drag on, they said")."""
    verb = subject.head
    if verb.lemma_.lower() in lexicons.words("sources/reporting_verbs"):
        return False  # "China said it was opposed": the reporter is the antecedent
    node = cue
    while node.dep_ in ("ccomp", "parataxis") and node.head.i != node.i:
        node = node.head
        if node.i == verb.i:
            return True
    return any(c.dep_ == "ccomp" and subject in c.subtree for c in cue.children)


def _inside_aside(token: Token, cue: Token) -> bool:
    """Whether `token` is in the sentence that a cue set off by commas interrupts
    ("Putin, he said, is a strong leader"): what is said, not who says it."""
    doc = cue.doc
    words = [t.i for t in cue.subtree if not t.is_punct]
    left, right = min(words), max(words)
    if left == 0 or doc[left - 1].text != "," or right + 1 >= len(doc):
        return False
    if doc[right + 1].text != "," or cue.dep_ not in ("parataxis", "ccomp", "advcl"):
        return False
    return token in cue.head.subtree and token not in cue.subtree


def _earlier_subjects(doc: Doc, token: Token, limit: int) -> Iterator[Token]:
    """Subjects before `token` in its sentence and in up to `limit` earlier ones, nearest
    sentence first; in each sentence the subjects of main clauses before those of relative,
    adverbial or reported ones ("The protesters marched to City Hall, where police blocked
    the doors"), each nearest first."""
    end, start = token.i, token.sent.start
    for _ in range(limit + 1):
        subjects = [doc[i] for i in range(end - 1, start - 1, -1) if doc[i].dep_ in SUBJECTS]
        yield from sorted(subjects, key=_embedded)
        if start == 0:
            break
        end, start = start, doc[start - 1].sent.start


def _embedded(subject: Token) -> bool:
    """Whether a subject's clause is not the main clause of its sentence."""
    verb = subject.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ != "ROOT"


def _role_word(token: Token) -> str:
    """A word of a description, compared lower-case with abbreviations spelled out."""
    word = token.lemma_.lower().rstrip(".") if token.pos_ == "NOUN" else token.lower_.rstrip(".")
    return lexicons.mapping("people/title_abbreviations").get(word, word)


def _proper_adjective(token: Token) -> bool:
    """A capitalised adjective inside a sentence ("Democratic", "French")."""
    return token.pos_ == "ADJ" and token.text[:1].isupper() and not token.is_sent_start


def _reported_clause(verb: Token) -> bool:
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


def _has_conjunct(token: Token) -> bool:
    return any(c.dep_ == "conj" for c in token.children)


def _in_name(token: Token) -> bool:
    """Whether a dependent belongs in a speaker's name: not a clause, an aside or a
    prepositional phrase holding a clause ("concerns about whether ... is violating")."""
    if token.dep_ == "punct":
        return token.text in _NAME_PUNCT
    if token.dep_ in ("relcl", "acl"):
        return False
    return not (token.dep_ == "prep" and any(t.pos_ in ("VERB", "AUX") for t in token.subtree))


def _titled_name(tokens: list[Token]) -> str:
    """The name after the person titles that open `tokens` ("Ana Ruiz" from "Mayor Ana
    Ruiz"), if they open it and a capitalised name follows; else ""."""
    titles = lexicons.words("people/person_titles")
    words = [t for t in tokens if t.pos_ != "DET"]
    lead = 0
    while lead < len(words) and words[lead].lower_.rstrip(".") in titles:
        lead += 1
    name = words[lead:]
    if not lead or not name or not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in name):
        return ""
    return " ".join(t.text for t in name)


def _hyphen_compound(token: Token) -> list[Token]:
    """`token` and the words joined to it after it by hyphens without spaces ("ex-wife",
    "co-founder"), which the tokenizer splits and the parser may not put back together."""
    doc = token.doc
    words = [token]
    i = token.i
    while (
        i + 2 < len(doc)
        and doc[i + 1].text == "-"
        and not doc[i].whitespace_
        and not doc[i + 1].whitespace_
        and doc[i + 2].is_alpha
    ):
        words.extend((doc[i + 1], doc[i + 2]))
        i += 2
    return words


def _name_tokens(head: Token) -> list[Token]:
    """The words of a noun phrase without its clauses, appositions and punctuation."""
    kept = [head]
    stack = [c for c in head.children if c.dep_ not in _NOT_IN_NAME and _in_name(c)]
    stack += [c for c in head.children if c.dep_ == "punct" and _in_name(c)]
    if _has_conjunct(head):
        stack += [c for c in head.children if c.dep_ in ("cc", "conj")]
    while stack:
        token = stack.pop()
        kept.append(token)
        stack.extend(c for c in token.children if _in_name(c))
    kept.sort(key=lambda t: t.i)
    # keep the contiguous stretch around the head, within its paragraph
    lo = hi = kept.index(head)
    while lo > 0 and kept[lo - 1].i == kept[lo].i - 1 and not breaks_line(kept[lo - 1]):
        lo -= 1
    while hi < len(kept) - 1 and kept[hi + 1].i == kept[hi].i + 1 and not breaks_line(kept[hi]):
        hi += 1
    tokens = kept[lo : hi + 1]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space or tokens[-1].dep_ == "case"):
        tokens.pop()
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    return tokens
