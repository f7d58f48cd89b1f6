"""The source of each figure: who the article says a number comes from, read in its sentence.

A figure's own sentence is read first: the quotation that holds it (its speaker); the clause a
reporting cue reports ("X said ...", "..., according to X"); the object of a verb that states
a figure ("X estimated the cost at ..."); a data document of its clause ("In the poll, ...",
"the survey puts her at ...", "When the poll asked ..."). A number phrase is never a source:
in "63 percent said" the figures are the respondents' of the poll being reported. A figure
with no source of its own is left to `discourse`, which knows the document the article goes
on reporting; the writer's own figures have none.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Literal

from .. import lexicons
from .antecedents import resolve
from .cues import clean, contents, parenthetical, reports_an_object
from .mentions import Speaker
from .phrases import noun_phrase
from .subjects import source_of_noun

if TYPE_CHECKING:
    from collections.abc import Iterable

    from spacy.tokens import Span, Token

    from ..context import ArticleContext
    from .cues import Cue

# own: the sentence names the source (None when it cannot be resolved); respondents: the
# figure belongs to a number phrase that answered a poll; open: the sentence names none.
Status = Literal["own", "respondents", "open"]
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_OBJECTS = frozenset({"dobj", "attr", "oprd", "dative"})
_NOMINAL = frozenset({"nsubj", "nsubjpass", "pobj", "dobj"})
# what may follow a cue inside its own aside: "Smith explained [at the hearing],"
_OCCASIONS = frozenset({"at", "during", "on", "in", "via", "through", "before", "after"})
_DASHES = frozenset({"―", "—", "–", "--"})
_ASIDE = frozenset({"advmod", "prep", "npadvmod", "dative", "dobj"})
# "In the poll, ...", "From the data, ...", "By the count of the survey": a document's clause
_DOCUMENT_PREPOSITIONS = frozenset({"in", "from", "by"})


@cache
def data_documents() -> frozenset[str]:
    return lexicons.words("sources/data_documents")


@cache
def _shares() -> frozenset[str]:
    return lexicons.words("sources/share_nouns")


@cache
def _speech_nouns() -> frozenset[str]:
    return lexicons.words("sources/reporting_nouns")


@cache
def _subordinators() -> frozenset[str]:
    return lexicons.words("sources/subordinators")


@cache
def _answer_verbs() -> frozenset[str]:
    return lexicons.words("sources/opinion_verbs") | lexicons.words("sources/reporting_verbs")


@cache
def _figure_verbs() -> dict[str, frozenset[str]]:
    return {
        verb: frozenset(where.split())
        for verb, where in lexicons.mapping("sources/figure_verbs").items()
    }


@dataclass(frozen=True)
class Reading:
    """What a figure's own sentence says of its source."""

    status: Status
    speaker: Speaker | None = None


OPEN = Reading("open")


@dataclass(frozen=True)
class _Report:
    """Tokens [a, b) that a cue reports, with the cue's source."""

    a: int
    b: int
    cue: Cue
    respondents: bool
    of_object: bool = False  # the cue's object ("credited the policy with ..."), no clause


def is_data_document(token: Token) -> bool:
    """A noun naming a poll, a study, a report, data: a document that produces figures."""
    nominal = token.pos_ in ("NOUN", "PROPN") or token.dep_ in _NOMINAL  # "the average shows"
    return nominal and token.lemma_.lower() in data_documents()


def is_number_phrase(token: Token) -> bool:
    """ "63 percent", "Nine in 10", "a majority of voters", "half": a phrase headed by a
    number or a share, which counts people rather than naming a source."""
    if token.pos_ == "PROPN":
        return False  # "Human Rights First", "Seven Eleven": a name
    if token.pos_ == "NUM" or token.like_num or token.lemma_.lower() in _shares():
        return True
    return any(  # "Nearly eight of 10 voters", "one in five adults"
        c.dep_ == "nummod"
        and (
            c.lower_ in ("%", "percent") or any(q.lower_ in ("of", "in", "out") for q in c.children)
        )
        for c in token.children
    )


def _on_occasion(token: Token, cue: Token) -> bool:
    """Whether `token` hangs on a cue through a phrase of where or when it spoke ("cited the
    figure at a forum viewed by 14 million"), not through what it said."""
    node = token
    while node.head.i != node.i and node.head.i != cue.i:
        node = node.head
    return node.head.i == cue.i and node.dep_ == "prep" and node.lower_ in _OCCASIONS


def _set_apart(link: Token) -> bool:
    """Whether a dependent is a subordinate clause opened by "though", "when", "if" ...:
    its words are not what the main clause's subject states."""
    return link.dep_ == "advcl" and any(
        c.dep_ in ("mark", "advmod") and c.lower_ in _subordinators() for c in link.children
    )


def _within(token: Token, head: Token) -> bool:
    return head.left_edge.i <= token.i <= head.right_edge.i


class FigureReader:
    """Reads each figure's source from its own sentence; built once per article after the
    quotes, from the article's cues and quotes."""

    def __init__(self, ctx: ArticleContext, cues: Iterable[Cue]) -> None:
        self.ctx = ctx
        self.sentences: list[Span] = list(ctx.doc.sents)
        self._starts = [s.start for s in self.sentences]
        self._reports: dict[int, list[_Report]] = {}
        self._cue_tokens: set[int] = set()
        for cue in cues:
            self._cue_tokens.add(cue.token.i)
            self._add_reports(cue)
        self._quotes = [q for q in ctx.quotes if q.kind != "indirect"]

    def sentence_of(self, i: int) -> int:
        """The index of the sentence holding token `i`."""
        return bisect.bisect_right(self._starts, i) - 1

    def _add_reports(self, cue: Cue) -> None:
        subject = cue.subject
        respondents = subject is not None and is_number_phrase(subject)
        if cue.speaker is None and not respondents:
            return
        doc = self.ctx.doc
        of_object = reports_an_object(cue.token)
        if of_object:  # "credited the policy with a 71 percent drop"
            ranges = [self._object_part(a, b) for a, b in contents(cue)]
        else:
            ranges = contents(cue) or self._interjected(cue)
        if ranges and all(b <= cue.token.i for _, b in ranges):
            ranges = ranges + self._continued(cue)
        for a, b in ranges:
            a, b = clean(doc, *self.ctx.clip_to_line(a, b, cue.token.i))
            if b <= a or (a <= cue.token.i < b and not parenthetical(cue.token)):
                continue
            b = self._listed(cue, b)
            report = _Report(a, b, cue, respondents, of_object)
            self._reports.setdefault(self.sentence_of(cue.token.i), []).append(report)

    def _object_part(self, a: int, b: int) -> tuple[int, int]:
        """The part of a reported object that is the source's: up to a dash or a relative
        clause, where the writer adds words of their own ("blamed the workers for the
        fraud, which was widespread ― 5,300 were fired")."""
        doc = self.ctx.doc
        for i in range(a, b):
            if doc[i].text in _DASHES or (doc[i].dep_ == "relcl" and doc[i].left_edge.i > a):
                return a, doc[i].left_edge.i if doc[i].dep_ == "relcl" else i
        return a, b

    def _listed(self, cue: Cue, b: int) -> int:
        """Where a report ends that goes on after a semicolon or a colon ("reported that A
        holds $2 billion; B holds $1 billion; C ...", "modeled what would happen: ..."): what
        follows is reported too, up to the sentence's end or the next cue of the sentence."""
        doc = self.ctx.doc
        sent = cue.token.sent
        if b >= sent.end or doc[b].text not in (";", ":") or cue.token.i > b:
            return b
        end = sent.end
        for i in range(b + 1, sent.end):
            if i in self._cue_tokens:
                subject = next((c for c in doc[i].children if c.dep_ in _SUBJECTS), None)
                end = subject.left_edge.i if subject is not None and subject.i < i else i
                break
        return clean(doc, b, end)[1]

    def _continued(self, cue: Cue) -> list[tuple[int, int]]:
        """ "A paid 8.9 percent, the agency said, and B paid 0.8 percent": a clause the parse
        coordinates with a cue that follows its report goes on with what was said."""
        return [
            (c.left_edge.i, c.right_edge.i + 1)
            for c in cue.token.children
            if c.dep_ == "conj"
            and c.i > cue.token.i
            and c.pos_ in ("VERB", "AUX")
            and c.i not in self._cue_tokens
            and any(g.dep_ in _SUBJECTS for g in c.children)
        ]

    def _interjected(self, cue: Cue) -> list[tuple[int, int]]:
        """ "These workers, Smith explained at the hearing, were well paid": a cue with its
        subject set off by commas inside the sentence reports the rest of the sentence,
        however the parse hung the parts."""
        subject, doc = cue.subject, self.ctx.doc
        if subject is None or cue.token.i < subject.i or subject.head.i != cue.token.i:
            return []
        left = subject.left_edge.i
        own = [c for c in cue.token.children if c.i > cue.token.i and c.dep_ in _ASIDE]
        right = max([cue.token.i, *(t.right_edge.i for t in own)])
        sent = cue.token.sent
        if left - 1 <= sent.start or right + 1 >= sent.end - 1:
            return []
        if doc[left - 1].text != "," or doc[right + 1].text != ",":
            return []
        return [(sent.start, left - 1), (right + 2, sent.end)]

    def read(self, start: int, end: int) -> Reading:
        """What the sentence of the figure at characters [start, end) says of its source."""
        ctx = self.ctx
        a, b = ctx.token_range(start, end)
        if a >= b:
            return OPEN
        head = ctx.doc[b - 1]
        quoted = self._quote_speaker(start, end)
        if quoted is not None:
            return quoted
        for step in (self._reported, self._stated, self._document):
            found = step(head, start, end)
            if found is not None:
                return found
        return OPEN

    def _quote_speaker(self, start: int, end: int) -> Reading | None:
        """The speaker of the innermost quotation holding the figure."""
        holding = [q for q in self._quotes if q.start <= start and end <= q.end]
        if not holding:
            return None
        quote = min(holding, key=lambda q: q.end - q.start)
        if quote.speaker is None or quote.speaker_start is None or quote.speaker_end is None:
            return Reading("own")
        label = quote.speaker_label
        return Reading("own", Speaker(quote.speaker, quote.speaker_start, quote.speaker_end, label))

    def _reported(self, head: Token, start: int, end: int) -> Reading | None:
        """The source of the innermost reported clause holding the figure, or the poll
        whose respondents a number phrase is ("Another 19 percent said ...")."""
        owned = self._owned(head)
        if owned is not None:
            return owned
        k = self.sentence_of(head.i)
        holding = [r for r in self._reports.get(k, []) if r.a <= head.i < r.b]
        holding = [
            r
            for r in holding
            if not self._names_figure(r.cue, start, end)
            and not (r.of_object and _on_occasion(head, r.cue.token))
        ]
        if holding:
            report = min(holding, key=lambda r: r.b - r.a)
            if report.respondents:
                return Reading("respondents")
            return Reading("own", report.cue.speaker)
        return self._answered(head)

    def _owned(self, head: Token) -> Reading | None:
        """ "Mr. Trump's threat to slap a 35 percent tariff", "a warning from the agency
        that 300 jobs ...": a figure inside what a noun of speech says is its owner's."""
        for node in head.ancestors:
            if node.pos_ != "NOUN" or node.lemma_.lower() not in _speech_nouns():
                continue
            owner = source_of_noun(self.ctx, node)
            if owner is None or _within(head, owner) or not self.ctx.names.agentive(owner):
                return None
            speaker = resolve(self.ctx, owner)
            return Reading("own", speaker) if speaker is not None else None
        return None

    def _answered(self, head: Token) -> Reading | None:
        """ "Nearly eight of 10 voters say ...", "46 percent would choose Clinton", "a
        majority expect her to win -- 44 percent to 34 percent": a figure in a clause of
        saying, thinking or choosing whose subject is a number phrase gives the answers of
        the poll the article reports."""
        for node in (head, *head.ancestors):
            if node.pos_ not in ("VERB", "AUX"):
                continue
            lemma = node.lemma_.lower()
            if lemma not in _answer_verbs() and node.i not in self._cue_tokens:
                continue
            subject = next((c for c in node.children if c.dep_ in _SUBJECTS), None)
            if subject is not None and is_number_phrase(subject):
                return Reading("respondents")
            return None  # the nearest clause of saying or thinking decides
        return None

    def _names_figure(self, cue: Cue, start: int, end: int) -> bool:
        """Whether the figure is part of the words naming the cue's source ("a 46-page
        analysis shows"): a source is never its own figure's."""
        speaker, subject = cue.speaker, cue.subject
        if speaker is not None and speaker.start < end and start < speaker.end:
            return True
        return subject is not None and (
            subject.left_edge.idx <= start < subject.right_edge.idx + len(subject.right_edge)
        )

    def _stated(self, head: Token, start: int, end: int) -> Reading | None:
        """ "X estimated the damage at $2 billion", "police counted 40 arrests": a figure
        in the object of a verb that states figures is its subject's."""
        node = head
        while node.head.i != node.i:
            link, node = node, node.head
            where = _figure_verbs().get(node.lemma_.lower())
            if where is None or node.pos_ not in ("VERB", "AUX") or link.i < node.i:
                continue
            fits = link.dep_ in _OBJECTS and "dobj" in where
            fits = fits or (link.dep_ == "prep" and link.lower_ in where)
            if not fits:
                continue
            subject = next((c for c in node.children if c.dep_ in _SUBJECTS), None)
            if subject is None or _within(head, subject):
                return None
            if is_number_phrase(subject):
                return Reading("respondents")
            speaker = resolve(self.ctx, subject)
            return Reading("own", speaker) if speaker is not None else None
        return None

    def _document(self, head: Token, start: int, end: int) -> Reading | None:
        """A data document of the figure's clause: the subject of the verb that states
        it ("the survey puts her at 38 percent"), of a clause set before it ("When the poll
        asked ..., 42 percent ..."), or an "in the poll" of its clause."""
        ancestors = [head, *head.ancestors]
        for link, node in itertools.pairwise(ancestors):
            for child in node.children:
                if child in ancestors:
                    continue
                document = self._document_of(node, child, link)
                if document is not None and not _within(head, document):
                    speaker = noun_phrase(self.ctx, document)
                    if speaker is not None:
                        return Reading("own", speaker)
        return None

    def _document_of(self, node: Token, child: Token, link: Token) -> Token | None:
        """The data document that `child`, a dependent of the figure's ancestor `node` (which
        the figure hangs on through `link`), makes the source of the figure's clause."""
        ctx = self.ctx
        if ctx.quoted(child.idx):
            return None
        if child.dep_ in _SUBJECTS and is_data_document(child):
            # "Though the plan costs $4 trillion, one study found ...": not what it found
            return None if _set_apart(link) else child
        if (
            child.dep_ == "prep"
            and child.lower_ in _DOCUMENT_PREPOSITIONS
            and node.i not in self._cue_tokens  # "said in a report": the cue's words
        ):
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and is_data_document(obj) and node.pos_ in ("VERB", "AUX"):
                return obj
        if child.dep_ == "advcl" and child.i < node.i:  # "When the poll asked ...,"
            subject = next((c for c in child.children if c.dep_ in _SUBJECTS), None)
            if subject is not None and is_data_document(subject):
                return subject
        return None

    def named_documents(self, k: int) -> list[Speaker]:
        """The data documents sentence `k` names as a source: the subject of a cue or of a
        clause ("The poll shows ...", "The survey has ..."), or an "in the poll"."""
        ctx = self.ctx
        found: list[Speaker] = []
        for report in self._reports.get(k, []):
            speaker, subject = report.cue.speaker, report.cue.subject
            if speaker is not None and subject is not None and self._is_document_source(subject):
                found.append(speaker)
        for token in self.sentences[k]:
            if ctx.quoted(token.idx) or not is_data_document(token):
                continue
            states = token.dep_ in _SUBJECTS
            within = (
                token.dep_ == "pobj"
                and token.head.lower_ in _DOCUMENT_PREPOSITIONS
                and token.head.head.pos_ in ("VERB", "AUX")
            )
            if states or within:
                speaker = noun_phrase(ctx, token)
                if speaker is not None:
                    found.append(speaker)
        return found

    def _is_document_source(self, subject: Token) -> bool:
        """Whether a cue's source token names a data document, directly or through the
        pronoun or description that stands for one ("It also found ...")."""
        if is_data_document(subject):
            return True
        if subject.pos_ != "PRON":
            return False
        speaker = resolve(self.ctx, subject)
        words = speaker.name.lower().split() if speaker is not None else []
        return any(w.rstrip("s") in data_documents() or w in data_documents() for w in words)

    def other_source(self, k: int) -> bool:
        """Whether sentence `k` gives somebody's words (a quotation, or a cue whose source is
        no data document): another source speaks there."""
        sent = self.sentences[k]
        for quote in self._quotes:
            if sent.start_char <= quote.start < sent.end_char:
                return True
        for report in self._reports.get(k, []):
            subject = report.cue.subject
            if report.cue.speaker is not None and not (
                subject is not None and self._is_document_source(subject)
            ):
                return True
        return False
