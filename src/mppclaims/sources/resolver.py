"""One resolver of who says what, for quotes and figures alike.

`Sources` is built once per article (the pipeline stores it in `ArticleContext.sources`)
and answers: is this token a reporting cue, and whose ("said" -> its subject resolved to the
fullest name); which name a labelled line ("WALLACE: ...") or a dash after a quote
("― Pamela Padilla") gives; who is named in a stretch of text; and where each figure comes
from (`figures` reads its sentence, `discourse` the document the article goes on
reporting). It finds the source token of a cue with `subjects`, resolves it with
`antecedents`, and reads names from `ctx.names`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .. import lexicons
from ..extractors.entities import SPEAKING_LABELS
from ..lines import BREAK_CHARS
from .antecedents import antecedent_of_relative, resolve
from .cues import Cue, claim_mark, cue_text, is_cue_word, question_participle
from .discourse import attribute
from .figures import FigureReader
from .mentions import Speaker
from .subjects import RELATIVE_PRONOUNS, source_of_noun, source_token

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..context import ArticleContext
    from .marks import Stretch

# "WALLACE: ...", "Pence: Flowers won't be at debate": a name, a colon, what was said.
_LABEL = re.compile(
    rf"[ \t\u00a0]*(?P<label>[A-Za-z][^:{BREAK_CHARS}]{{0,60}}?)[ \t]*:[ \t\u00a0]+(?=\S)"
)
_LABEL_FORBIDDEN = re.compile(r"[\d,;!?\"“”‘’()\[\]]")
# "...” ― Pamela Padilla": a dash and a name after the closing mark.
_DASH_NAME = re.compile(
    r"[ \t\u00a0]*[―—–][ \t\u00a0]*"
    r"(?P<name>[A-Z][\w'’-]*\.?(?:[ \t]+(?:[A-Z][\w'’-]*\.?|de|del|la|van|von|da|y)){0,5})"
    rf"[ \t\u00a0.]*(?:[{BREAK_CHARS}]|$)"
)

# A dash between a name and a quotation, and one right after the quotation.
_DASH_BEFORE = re.compile(r"[ \t\u00a0]*(?P<dash>--|[—–―])[ \t\u00a0]*$")
_DASH_AFTER = re.compile(r"[ \t\u00a0]*(?:--|[—–―])")


class Sources:
    """The reporting cues of one article with their resolved sources; read-only once built."""

    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        quoted = ctx.quoted
        self._cues: dict[int, Cue] = {}
        for token in ctx.doc:
            if is_cue_word(token) and not quoted(token.idx):
                if ctx.in_boilerplate(token.idx, token.idx + len(token.text)):
                    continue
                made = self._make_cue(token)
                if not self._inference(made):
                    self._cues[token.i] = made
            elif claim_mark(token) is not None and not quoted(token.idx):
                cue = self._make_claim_cue(token)
                if cue is not None and not ctx.in_boilerplate(cue.start, cue.end):
                    self._cues[token.i] = cue
        # labelled paragraphs: where the labelled words start -> the label's cue
        self.labels: dict[int, Cue] = {}
        for lo, hi in ctx.paragraphs:
            found = self.label_cue(lo, hi)
            if found is not None:
                self.labels[found[1]] = found[0]

    def _make_cue(self, token: Token) -> Cue:
        text, start, end = cue_text(token, self.ctx.text)
        if question_participle(token):  # "Asked whether ..., X said": who asked, if named
            subject = next(
                (o for a in token.children if a.dep_ == "agent" for o in a.children), None
            )
            speaker = resolve(self.ctx, subject) if subject is not None else None
            return Cue(token, text, start, end, speaker, True, subject)
        subject = source_token(self.ctx, token)
        speaker = resolve(self.ctx, subject) if subject is not None else None
        return Cue(token, text, start, end, speaker, subject is not None, subject)

    def _inference(self, cue: Cue) -> bool:
        """ "That disproportionate impact suggests ...", "[critics say] that account, and
        hundreds like it, show how ...": a verb of evidence whose subject is nobody and no
        document, pointed back at or inside what somebody says, states an inference (the
        writer's or that somebody's), not words of its own subject."""
        subject = cue.subject
        if subject is None or cue.token.lemma_.lower() not in lexicons.words(
            "sources/evidence_verbs"
        ):
            return False
        if subject.lower_ in RELATIVE_PRONOUNS and subject.head.dep_ == "relcl":
            subject = antecedent_of_relative(self.ctx, subject)
        if self.ctx.names.can_report(subject):
            return False
        demonstrative = any(
            c.lower_ in ("this", "that", "these", "those") for c in subject.children
        )
        return demonstrative or subject.lower_ in ("this", "that") or _within_a_report(cue.token)

    def _make_claim_cue(self, noun: Token) -> Cue | None:
        """A noun of speech with its that-clause ("warnings from his lawyer that ..."), if the
        text names its source."""
        source = source_of_noun(self.ctx, noun)
        if source is None or not self.ctx.same_line(source.i, noun.i):
            return None
        speaker = resolve(self.ctx, source)
        if speaker is None:
            return None
        return Cue(noun, noun.text, noun.idx, noun.idx + len(noun.text), speaker, True, source)

    def any_verb_cue(self, verb: Token) -> Cue | None:
        """A verb outside the lexicon as the cue of the quote it introduces, if it has a
        source ("She continued, “...”", "Limbaugh went on: “...”")."""
        cue = self._cues.get(verb.i) or self._make_cue(verb)
        return cue if cue.speaker is not None else None

    def cue(self, token: Token) -> Cue | None:
        return self._cues.get(token.i)

    def named(self, start: int, end: int, label: str | None = None) -> Speaker:
        """The speaker written as a name in [start, end): an entity's canonical name if any."""
        for mention in self.ctx.names.mentions_in(start, end):
            if mention.label in SPEAKING_LABELS:
                name = self.ctx.names.display_name(mention)
                return Speaker(name, mention.start, mention.end, mention.label)
        written = self.ctx.text[start:end]
        if written.isupper():  # a transcript's "WALLACE" is the Chris Wallace of the article
            person = self.ctx.names.person_with_surname(written)
            if person is not None:
                return Speaker(person, start, end, "PERSON")
        return Speaker(written, start, end, label)

    def label_cue(self, lo: int, hi: int) -> tuple[Cue, int] | None:
        """A speaker label opening the text at `lo` ("WALLACE: ...", "Pence: ...").

        Returns the colon as the cue and the offset where the labelled words start.
        All-capital labels (transcripts) count anywhere; a title-case label only on a
        short line such as a headline.
        """
        match = _LABEL.match(self.ctx.text, lo, hi)
        if match is None:
            return None
        label = match.group("label").strip()
        words = label.split()
        if not 1 <= len(words) <= 8 or _LABEL_FORBIDDEN.search(label):
            return None
        stop = lexicons.words("sources/label_not_speakers")
        if words[0].lower() in stop or label.lower() in stop:
            return None
        if len(self.ctx.text[match.end() : hi].split()) < 3:
            return None
        shouting = label.isupper() and len(words) <= 4 and sum(c.isalpha() for c in label) > 1
        if not shouting:
            titled = all(
                w[0].isupper() or w in lexicons.words("common/title_small_words") for w in words
            )
            if not titled or len(self.ctx.text[lo:hi].split()) > 30:
                return None
            start = match.start("label")
            named = any(
                m.label in SPEAKING_LABELS
                for m in self.ctx.names.mentions_in(start, start + len(label))
            )
            if len(words) > 1 and not named:  # "Little Relief for Refugees: ..." is a heading
                return None
        start = match.start("label")
        colon = self.ctx.text.index(":", start + len(label))
        token = self.ctx.token_at(colon)
        if token is None:
            return None
        speaker = self.named(start, start + len(label), "PERSON" if shouting else None)
        return Cue(token, ":", colon, colon + 1, speaker, True), match.end()

    def dash_cue(self, stretch: Stretch) -> Cue | None:
        """ "“...” ― Pamela Padilla": a dash and a name closing the quote's line."""
        if stretch.close_end is None:
            return None
        match = _DASH_NAME.match(self.ctx.text, stretch.close_end)
        if match is None:
            return None
        start, end = match.span("name")
        while (
            end > start
            and self.ctx.text[end - 1] == "."
            and self.ctx.text[end - 3 : end - 1].isalpha()
        ):
            end -= 1
        dash = match.start() + len(match.group()) - len(match.group().lstrip(" \t\u00a0"))
        token = self.ctx.token_at(dash)
        if token is None:
            return None
        speaker = self.named(start, end, "PERSON")
        return Cue(token, self.ctx.text[dash], dash, dash + 1, speaker, True)

    def aside_cue(self, stretch: Stretch) -> Cue | None:
        """ "..., including Mitt Romney -- “It is disqualifying ...” -- and X": a quotation
        set off by dashes right after a person's name is that person's."""
        text = self.ctx.text
        if stretch.close_end is None:
            return None
        before = _DASH_BEFORE.search(text, max(stretch.open - 12, 0), stretch.open)
        after = _DASH_AFTER.match(text, stretch.close_end)
        if before is None or after is None:
            return None
        mentions = self.ctx.names.mentions_in(before.start() - 1, before.start())
        person = next((m for m in mentions if m.label == "PERSON"), None)
        token = self.ctx.token_at(before.start("dash"))
        if person is None or person.end != before.start() or token is None:
            return None
        name = self.ctx.names.display_name(person)
        speaker = Speaker(name, person.start, person.end, "PERSON")
        dash = before.start("dash")
        return Cue(token, text[dash : before.end("dash")], dash, before.end("dash"), speaker, True)

    @property
    def cues(self) -> Iterable[Cue]:
        """Every cue of the article, in text order."""
        return self._cues.values()

    def sources_of_figures(self, spans: Sequence[tuple[int, int]]) -> list[Speaker | None]:
        """The source of each figure at characters [start, end) (given in text order, all
        of the article's figures at once, since a document named once stays the source of
        the figures that go on reporting it), with the mention it was read from; None for
        the writer's own figures. Reads the quotes (`ctx.quotes`): call it after them."""
        return attribute(FigureReader(self.ctx, self.cues), spans)


def _within_a_report(verb: Token) -> bool:
    """Whether a verb stands in the clause a verb of saying or thinking reports ("critics
    say [that account ... shows ...]", "some believe [the push shows ...]"), directly or
    coordinated with it."""
    node = verb
    while node.dep_ == "conj" and node.head.i != node.i:
        node = node.head
    lemma = node.head.lemma_.lower()
    return node.dep_ == "ccomp" and (
        lemma in lexicons.words("sources/reporting_verbs")
        or lemma in lexicons.words("sources/opinion_verbs")
    )
