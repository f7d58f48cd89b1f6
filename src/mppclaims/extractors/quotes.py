"""Quotes: direct, partial and indirect speech with their cues and speakers.

Three sources feed the list:
- quoted stretches found by a scanner of quotation marks (`find_stretches`), each tied to a
  cue by the parse ("...,” she said", "X said: “...") or by its position next to one; a
  stretch that is a whole sentence is `direct`, a fragment inside the writer's sentence
  `partial`; a stretch without a cue and speaker (a scare-quoted term, a name) is dropped;
- reported clauses without marks (`indirect`): the clausal complement of a reporting verb
  ("X said (that) ...", "..., X said.", "X told NBC News ..."), the object of verbs that
  report an act of speech ("X blamed smugglers for ..."), and the clause an "according to X"
  hangs on;
- speakers come from `speakers.SpeakerResolver`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from .. import lexicons
from ..article import ArticleContext
from ..records import Quote, QuoteKind
from .entities import EntityIndex
from .speakers import Speaker, SpeakerResolver, breaks_line, reports_a_clause

# -- quotation marks ---------------------------------------------------------------------

# Two apostrophes or backticks stand for a double mark in some wire copy (''...'', ``...'').
_MARKS = re.compile(r"''|``|[\"“”„‟«»'‘’‹›]")
_DOUBLE = frozenset(['"', "“", "”", "„", "‟", "«", "»", "''", "``"])
_TOGGLES = frozenset(['"', "''"])
_DOUBLE_OPENERS = frozenset(["“", "„", "‟", "«", "``"])
_SINGLE_CLOSERS = frozenset("’'›")
_BEFORE_OPENING = frozenset("([{—–―-/:;") | _DOUBLE | frozenset("‘‹")
_AFTER_CLOSING = frozenset(".,;:!?)]}—–―-…*") | _DOUBLE | frozenset("’›'")
_PARAGRAPH = re.compile(r"[^\n]+")
# "WALLACE: ...", "Pence: Flowers won't be at debate": a name, a colon, what was said.
_LABEL = re.compile(r"[ \t\u00a0]*(?P<label>[A-Za-z][^:\n]{0,60}?)[ \t]*:[ \t\u00a0]+(?=\S)")
_LABEL_FORBIDDEN = re.compile(r"[\d,;!?\"“”‘’()\[\]]")
_SMALL_WORDS = frozenset({"a", "an", "the", "of", "in", "on", "and", "for", "to", "at", "by", "or"})
# "...” ― Pamela Padilla": a dash and a name after the closing mark.
_DASH_NAME = re.compile(
    r"[ \t\u00a0]*[―—–][ \t\u00a0]*"
    r"(?P<name>[A-Z][\w'’-]*\.?(?:[ \t]+(?:[A-Z][\w'’-]*\.?|de|del|la|van|von|da|y)){0,5})"
    r"[ \t\u00a0.]*(?:\n|$)"
)
_SENTENCE_END = frozenset(".?!")


@dataclass(frozen=True)
class Stretch:
    """Text inside one pair of quotation marks (the marks excluded).

    `close` is None when the paragraph ends before a closing mark; `continues` marks a
    paragraph that opens with a mark and goes on with the previous paragraph's unclosed quote.
    """

    start: int
    end: int
    open: int
    close: int | None
    paragraph: tuple[int, int]
    continues: bool = False
    close_end: int | None = None


def _opening_like(text: str, pos: int, end: int, lo: int, hi: int) -> bool:
    before = text[pos - 1] if pos > lo else " "
    after = text[end] if end < hi else " "
    return (before.isspace() or before in _BEFORE_OPENING) and not after.isspace()


def _closing_like(text: str, pos: int, end: int, lo: int, hi: int) -> bool:
    before = text[pos - 1] if pos > lo else " "
    after = text[end] if end < hi else " "
    return not before.isspace() and (after.isspace() or after in _AFTER_CLOSING)


def _scan(text: str, lo: int, hi: int, refused: frozenset[int]) -> tuple[list[Stretch], int | None]:
    """Top-level quoted stretches of one paragraph [lo, hi).

    Returns the stretches and the offset of a single mark that never closed (an apostrophe
    taken for an opening mark), so that the caller can scan again without it.
    """
    found: list[Stretch] = []
    opened: int | None = None
    content = 0  # where the open stretch's words start
    double = False
    nested = 0
    for match in _MARKS.finditer(text, lo, hi):
        pos, end = match.span()
        mark = match.group()
        is_double = mark in _DOUBLE
        if opened is None:
            if pos in refused:
                continue
            if is_double:
                if _opening_like(text, pos, end, lo, hi) or (
                    mark in _DOUBLE_OPENERS and not _closing_like(text, pos, end, lo, hi)
                ):
                    opened, content, double, nested = pos, end, True, 0
            elif _opening_like(text, pos, end, lo, hi) and end < hi and text[end].isalpha():
                opened, content, double = pos, end, False
        elif double:
            if mark in _DOUBLE_OPENERS and _opening_like(text, pos, end, lo, hi):
                nested += 1  # “... what he calls “hell” than ...”: a pair inside the quote
            elif is_double and (mark in _TOGGLES or _closing_like(text, pos, end, lo, hi)):
                if nested:
                    nested -= 1
                    continue
                found.append(Stretch(content, pos, opened, pos, (lo, hi), close_end=end))
                opened = None
        elif not is_double and mark in _SINGLE_CLOSERS and _closing_like(text, pos, end, lo, hi):
            after = text[end] if end < hi else " "
            if not (text[pos - 1].isalpha() and after.isalpha()):
                found.append(Stretch(content, pos, opened, pos, (lo, hi), close_end=end))
                opened = None
    if opened is not None:
        if not double:
            return found, opened
        found.append(Stretch(content, hi, opened, None, (lo, hi)))
    return found, None


def _trimmed(stretch: Stretch, text: str) -> Stretch | None:
    start, end = stretch.start, stretch.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if not any(ch.isalnum() for ch in text[start:end]):
        return None
    return replace(stretch, start=start, end=end)


def find_stretches(text: str) -> list[Stretch]:
    """Every top-level quoted stretch of `text`; never raises on unbalanced marks.

    Curly or straight double marks open and close by their context (an apostrophe in
    "it’s" or "States’" is no mark); single marks count only outside double ones and
    when they close in the same paragraph. An unclosed double mark runs to the end of its
    paragraph. Marks nested inside a stretch stay part of it.
    """
    stretches: list[Stretch] = []
    previous_unclosed = False
    for paragraph in _PARAGRAPH.finditer(text):
        lo, hi = paragraph.start(), paragraph.end()
        refused: frozenset[int] = frozenset()
        while True:
            found, unclosed_single = _scan(text, lo, hi, refused)
            if unclosed_single is None:
                break
            refused = refused | {unclosed_single}
        first_char = lo + len(paragraph.group()) - len(paragraph.group().lstrip())
        kept = [s for s in (_trimmed(s, text) for s in found) if s is not None]
        if kept and previous_unclosed and kept[0].open == first_char:
            kept[0] = replace(kept[0], continues=True)
        if paragraph.group().strip():
            previous_unclosed = bool(kept) and kept[-1].close is None
        stretches.extend(kept)
    return stretches


# -- cues ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cue:
    """A reporting verb or phrase with the source it names."""

    token: Token
    text: str
    start: int
    end: int
    speaker: Speaker | None
    has_subject: bool


@dataclass
class _Found:
    start: int
    end: int
    kind: QuoteKind
    cue: Cue | None
    speaker: Speaker | None
    tokens: tuple[int, int] = (0, 0)
    paragraph: int = -1


def _is_cue_word(token: Token) -> bool:
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
    if _tagged_as_noun(token):
        return True
    if token.pos_ not in ("VERB", "AUX") and token.tag_ not in ("VBD", "VBZ", "VBP", "VBG"):
        return False
    deps = {c.dep_ for c in token.children}
    if "agent" not in deps and ("auxpass" in deps or (token.tag_ == "VBN" and token.dep_ == "acl")):
        return False  # "the request should be denied", "a group called X": nobody speaks
    if _aside_participle(token):
        return False
    return lemma in reporting or lemma in lexicons.words("sources/reporting_object_verbs")


def _claim_mark(token: Token) -> Token | None:
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


def _tagged_as_noun(token: Token) -> bool:
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


def _cue_text(token: Token, text: str) -> tuple[str, int, int]:
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


class _Quoted:
    """Which character offsets lie inside quoted stretches (binary search over stretches)."""

    def __init__(self, stretches: list[Stretch]) -> None:
        self._stretches = stretches
        self._opens = [s.open for s in stretches]

    def containing(self, offset: int) -> Stretch | None:
        i = bisect.bisect_right(self._opens, offset) - 1
        if i < 0:
            return None
        stretch = self._stretches[i]
        return stretch if offset < stretch.end else None

    def __call__(self, offset: int) -> bool:
        return self.containing(offset) is not None


class _Article:
    """Per-article state shared by the steps of `extract_quotes`."""

    def __init__(self, doc: Doc, ctx: ArticleContext, index: EntityIndex) -> None:
        self.doc = doc
        self.ctx = ctx
        self.text = ctx.text
        self.stretches = [
            s for s in find_stretches(ctx.text) if not ctx.in_boilerplate(s.start, s.end)
        ]
        self.quoted = _Quoted(self.stretches)
        self.speakers = SpeakerResolver(doc, ctx, index, self.quoted)
        self.token_starts = self.speakers.token_starts
        self.paragraphs = [
            (m.start(), m.end())
            for m in _PARAGRAPH.finditer(ctx.text)
            if not ctx.in_boilerplate(m.start(), m.end())
        ]
        self._cues: dict[int, Cue] = {}
        for token in doc:
            if _is_cue_word(token) and not self.quoted(token.idx):
                if ctx.in_boilerplate(token.idx, token.idx + len(token.text)):
                    continue
                self._cues[token.i] = self._make_cue(token)
            elif _claim_mark(token) is not None and not self.quoted(token.idx):
                cue = self._make_claim_cue(token)
                if cue is not None and not ctx.in_boilerplate(cue.start, cue.end):
                    self._cues[token.i] = cue
        # labelled paragraphs: where the labelled words start -> the label's cue
        self.labels: dict[int, Cue] = {}
        for lo, hi in self.paragraphs:
            found = self.label_cue(lo, hi)
            if found is not None:
                self.labels[found[1]] = found[0]

    def _make_cue(self, token: Token) -> Cue:
        text, start, end = _cue_text(token, self.text)
        subject = self.speakers.source_token(token)
        speaker = self.speakers.resolve(subject) if subject is not None else None
        return Cue(token, text, start, end, speaker, subject is not None)

    def _make_claim_cue(self, noun: Token) -> Cue | None:
        """A noun of speech with its that-clause ("warnings from his lawyer that ..."), if the
        text names its source."""
        source = self.speakers.source_of_noun(noun)
        if source is None or not self.speakers.same_line(source.i, noun.i):
            return None
        speaker = self.speakers.resolve(source)
        if speaker is None:
            return None
        return Cue(noun, noun.text, noun.idx, noun.idx + len(noun.text), speaker, True)

    def crosses_line(self, i: int, j: int) -> bool:
        """Whether a paragraph break lies between tokens `i` and `j`."""
        return not self.speakers.same_line(i, j)

    def clip_to_line(self, a: int, b: int, anchor: int) -> tuple[int, int]:
        """Tokens [a, b) cut to the paragraph holding token `anchor`."""
        while a < anchor and self.crosses_line(a, anchor):
            a += 1
        while b - 1 > anchor and self.crosses_line(anchor, b - 1):
            b -= 1
        return a, b

    def any_verb_cue(self, verb: Token) -> Cue | None:
        """A verb outside the lexicon as the cue of the quote it introduces, if it has a
        source ("She continued, “...”", "Limbaugh went on: “...”")."""
        cue = self._cues.get(verb.i) or self._make_cue(verb)
        return cue if cue.speaker is not None else None

    def cue(self, token: Token) -> Cue | None:
        return self._cues.get(token.i)

    def named(self, start: int, end: int, label: str | None = None) -> Speaker:
        """The speaker written as a name in [start, end): an entity's canonical name if any."""
        for mention in self.speakers.mentions_in(start, end):
            if mention.label in ("PERSON", "ORG", "NORP", "GPE"):
                name = self.speakers.display_name(mention)
                return Speaker(name, mention.start, mention.end, mention.label)
        written = self.text[start:end]
        if written.isupper():  # a transcript's "WALLACE" is the Chris Wallace of the article
            person = self.speakers.person_with_surname(written)
            if person is not None:
                return Speaker(person, start, end, "PERSON")
        return Speaker(written, start, end, label)

    def label_cue(self, lo: int, hi: int) -> tuple[Cue, int] | None:
        """A speaker label opening the text at `lo` ("WALLACE: ...", "Pence: ...").

        Returns the colon as the cue and the offset where the labelled words start.
        All-capital labels (transcripts) count anywhere; a title-case label only on a
        short line such as a headline.
        """
        match = _LABEL.match(self.text, lo, hi)
        if match is None:
            return None
        label = match.group("label").strip()
        words = label.split()
        if not 1 <= len(words) <= 8 or _LABEL_FORBIDDEN.search(label):
            return None
        stop = lexicons.words("sources/label_not_speakers")
        if words[0].lower() in stop or label.lower() in stop:
            return None
        if len(self.text[match.end() : hi].split()) < 3:
            return None
        shouting = label.isupper() and len(words) <= 4 and sum(c.isalpha() for c in label) > 1
        if not shouting:
            titled = all(w[0].isupper() or w in _SMALL_WORDS for w in words)
            if not titled or len(self.text[lo:hi].split()) > 30:
                return None
            start = match.start("label")
            named = any(
                m.label in ("PERSON", "ORG", "NORP", "GPE")
                for m in self.speakers.mentions_in(start, start + len(label))
            )
            if len(words) > 1 and not named:  # "Little Relief for Refugees: ..." is a heading
                return None
        start = match.start("label")
        colon = self.text.index(":", start + len(label))
        token = self.speakers.token_at(colon)
        if token is None:
            return None
        speaker = self.named(start, start + len(label), "PERSON" if shouting else None)
        return Cue(token, ":", colon, colon + 1, speaker, True), match.end()

    def dash_cue(self, stretch: Stretch) -> Cue | None:
        """ "“...” ― Pamela Padilla": a dash and a name closing the quote's line."""
        if stretch.close_end is None:
            return None
        match = _DASH_NAME.match(self.text, stretch.close_end)
        if match is None:
            return None
        start, end = match.span("name")
        while end > start and self.text[end - 1] == "." and self.text[end - 3 : end - 1].isalpha():
            end -= 1
        dash = match.start() + len(match.group()) - len(match.group().lstrip(" \t\u00a0"))
        token = self.speakers.token_at(dash)
        if token is None:
            return None
        speaker = self.named(start, end, "PERSON")
        return Cue(token, self.text[dash], dash, dash + 1, speaker, True)

    @property
    def cues(self) -> Iterable[Cue]:
        return self._cues.values()

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Indices [a, b) of the tokens overlapping characters [start, end)."""
        a = bisect.bisect_right(self.token_starts, start) - 1
        a = max(a, 0)
        if a < len(self.doc) and self.doc[a].idx + len(self.doc[a].text) <= start:
            a += 1
        b = bisect.bisect_left(self.token_starts, end)
        return a, max(a, b)

    def sentence(self, a: int, b: int) -> str:
        if a >= b or a >= len(self.doc):
            return ""
        first = self.doc[a].sent
        last = self.doc[b - 1].sent
        return self.text[first.start_char : last.end_char].strip()


# -- quoted stretches: direct and partial ----------------------------------------------------


def _sentence_like(article: _Article, stretch: Stretch) -> bool:
    """Whether a stretch stands as a sentence of its own rather than a fragment."""
    text = article.text
    lo = stretch.paragraph[0]
    before = text[lo : stretch.open].rstrip()
    content = text[stretch.start : stretch.end]
    if stretch.continues or not before:
        return True
    last = before[-1]
    if last in _SENTENCE_END or last in ":—–―" or last in _DOUBLE:
        return True
    words = len(content.split())
    if content[:1].isupper() and content.rstrip("”’\"' ")[-1:] in _SENTENCE_END and words >= 6:
        return True  # asserting that “Congress has authorized it. We will defend it.”
    return last == "," and content[:1].isupper() and words >= 3


def _is_name(content: str) -> bool:
    """A quoted proper name or title ("Remain in Mexico"): every content word capitalised."""
    words = re.findall(r"[A-Za-z][\w'’-]*", content)
    if not words or len(words) > 6 or content.rstrip(" ,.")[-1:] in _SENTENCE_END:
        return False
    small = {"a", "an", "the", "of", "in", "on", "and", "for", "to", "at", "by", "or"}
    return all(w[0].isupper() or w in small for w in words) and words[0][0].isupper()


def _cue_by_parse(article: _Article, a: int, b: int) -> Cue | None:
    """The cue that governs the stretch's tokens [a, b), or that hangs on its main verb."""
    doc = article.doc
    tops = [doc[i] for i in range(a, b) if not a <= doc[i].head.i < b or doc[i].head.i == i]
    for top in tops:
        for child in top.children:
            if not a <= child.i < b:
                cue = article.cue(child)
                if (
                    cue is not None
                    and child.dep_ in ("parataxis", "ccomp", "advcl", "conj")
                    and not article.crosses_line(child.i, a)
                    and not _subordinate(child)
                ):
                    return cue
    governing = []
    for top in tops:
        node = top
        for _ in range(8):
            if node.head.i == node.i:
                break
            node = node.head
            if a <= node.i < b:
                break
            cue = article.cue(node)
            if cue is not None and not article.crosses_line(node.i, a):
                governing.append(cue)
    # the nearest governing cue that names a source, else the nearest one
    named = [c for c in governing if c.speaker is not None]
    candidates = named or governing
    if not candidates:
        return None
    return _introducing_cue(article, candidates[0], a, tops) or candidates[0]


def _introducing_cue(article: _Article, governing: Cue, a: int, tops: list[Token]) -> Cue | None:
    """A nearer cue whose clause runs right up to the quote opening at token `a`, when the
    parse hung the quote on a cue further back ("The spot concludes with footage of X
    saying last week, “...”": "saying" introduces it, not "concludes")."""
    if governing.token.i >= a:
        return None
    doc = article.doc
    for i in range(a - 1, governing.token.i, -1):
        token = doc[i]
        if (article.quoted(token.idx) and i < a - 1) or article.crosses_line(i, a):
            return None  # another quotation or paragraph lies between
        cue = article.cue(token)
        if cue is None or cue.speaker is None:
            continue
        if token.dep_ == "relcl" or any(top in token.ancestors for top in tops):
            return None  # "saying anybody who complains “is ...”": in the quote's own clause
        clause = {t.i for t in token.subtree}
        if all(j in clause or doc[j].is_punct for j in range(i + 1, a)):
            return cue
        return None
    return None


def _window(article: _Article, first: int, step: int, limit: int) -> Iterator[Token]:
    """Tokens from index `first` outward, up to the sentence's end or another quotation."""
    doc = article.doc
    i = first
    seen = 0
    while 0 <= i < len(doc) and seen < limit:
        token = doc[i]
        if article.quoted(token.idx) or "\n" in token.text:
            return
        if token.text in _SENTENCE_END and (step > 0 or i < first):
            return
        yield token
        i += step
        seen += 1


def _cue_by_position(article: _Article, stretch: Stretch, a: int, b: int) -> Cue | None:
    """A cue right after the closing mark ("...,” X said") or before the opening one."""
    if stretch.close is not None and stretch.close_end is not None:
        first = article.token_range(stretch.close, stretch.close_end)[1]
        after = [t for t in _window(article, first, +1, 14) if not _subordinate(t)]
        if _closes_sentence(article, stretch, first):
            after = []
        for token in after:
            cue = article.cue(token)
            if cue is not None and token.dep_ != "relcl" and cue.speaker is not None:
                return cue
        for token in after:
            cue = article.cue(token)
            if cue is not None:
                return cue
    last = article.token_range(stretch.open, stretch.open + 1)[0] - 1
    before = list(_window(article, last, -1, 30))
    if not before and not article.text[stretch.paragraph[0] : stretch.open].strip():
        before = _introduction(article, stretch.paragraph[0])
    if before:
        mark = article.text[: stretch.open].rstrip()[-1:]
        if mark in (":", ",") or article.cue(before[0]) is not None:
            for token in before:
                cue = article.cue(token)
                if cue is not None:
                    return cue
            verb = before[1] if len(before) > 1 and before[0].text == mark else None
            if verb is not None and verb.pos_ == "VERB":  # "She continued, “...”"
                return article.any_verb_cue(verb)
            if mark == ":":
                return _colon_cue(article, before)
    return None


def _subordinate(token: Token) -> bool:
    """A verb heading a subordinate clause ("when Y blasted him", "after she said"): it
    reports nothing said in the quote before it. "as X noted" does."""
    return any(
        c.dep_ in ("mark", "advmod") and c.lower_ in _SUBORDINATORS - {"as"} and c.i < token.i
        for c in token.children
    )  # "..., as one analyst put it" is an attribution


def _closes_sentence(article: _Article, stretch: Stretch, first: int) -> bool:
    """Whether the quote ends its sentence with a full stop and a new sentence follows
    (`... an "outlaw nation." Others insisted ...`): the next sentence's verb is no cue."""
    content = article.text[stretch.start : stretch.end].rstrip()
    if not content.endswith(".") or first >= len(article.doc):
        return False
    token = article.doc[first]
    return bool(token.is_sent_start) and token.text[:1].isupper()


def _introduction(article: _Article, paragraph_start: int) -> list[Token]:
    """The end of the previous paragraph when it closes with a colon ("He said:"), read
    backwards from the colon; empty otherwise."""
    head = article.text[:paragraph_start].rstrip()
    if not head.endswith(":"):
        return []
    colon = article.speakers.token_at(len(head) - 1)
    if colon is None:
        return []
    return [colon, *_window(article, colon.i - 1, -1, 30)]


def _colon_cue(article: _Article, before: list[Token]) -> Cue | None:
    """ "X: “...”" and "The statement read: “...”": the colon is the cue, the clause's subject
    (or a bare name before the colon) the source."""
    colon = before[0]
    root = colon.head
    while root.head.i != root.i and root.head.i < colon.i:
        root = root.head
    subject = article.speakers.subject_of(root) if root.i < colon.i else None
    if subject is None and root.i < colon.i and root.pos_ == "PROPN":
        subject = root
    if subject is None:
        return None
    speaker = article.speakers.resolve(subject)
    return Cue(colon, colon.text, colon.idx, colon.idx + 1, speaker, True)


def _floating(article: _Article, stretch: Stretch, previous: _Found | None) -> bool:
    """A paragraph that is only a quote, right after a paragraph ending in a direct quote:
    the same speaker goes on (news copy leaves the second cue out)."""
    if previous is None or previous.kind != "direct":
        return False
    lo, hi = stretch.paragraph
    if article.text[lo : stretch.open].strip() or article.text[stretch.end : hi].strip(" .,”\"'’"):
        return False
    between = article.text[previous.end : lo]
    return between.count("\n") <= 2 and len(between.strip(" \n.,”\"'’")) < 40


def _quoted_items(article: _Article) -> list[_Found]:
    found: list[_Found] = []
    previous: _Found | None = None
    for stretch in article.stretches:
        inner = article.label_cue(stretch.start, stretch.end)
        if inner is not None:  # "“WALLACE: Let's start ..." in a quoted transcript
            stretch = replace(stretch, start=inner[1])
        a, b = article.token_range(stretch.start, stretch.end)
        cue = (
            (inner[0] if inner else None)
            or article.labels.get(stretch.open)
            or article.dash_cue(stretch)
            or _cue_by_parse(article, a, b)
            or _cue_by_position(article, stretch, a, b)
        )
        same_paragraph = previous is not None and previous.paragraph == stretch.paragraph[0]
        speaker = cue.speaker if cue is not None else None
        sentence_like = _sentence_like(article, stretch)
        continued = stretch.continues or same_paragraph or _floating(article, stretch, previous)
        if cue is None and previous is not None and sentence_like and continued:
            cue, speaker = previous.cue, previous.speaker
        content = article.text[stretch.start : stretch.end]
        kind: QuoteKind = "direct" if sentence_like else "partial"
        if cue is None or (kind == "partial" and _is_name(content)):
            continue
        item = _Found(stretch.start, stretch.end, kind, cue, speaker, (a, b), stretch.paragraph[0])
        found.append(item)
        previous = item
    return found


# -- indirect speech -----------------------------------------------------------------------

_SUBORDINATORS = frozenset(
    {"when", "while", "after", "before", "as", "because", "if", "since", "until", "once"}
)
_CONTENT_DEPS = frozenset({"dobj", "xcomp", "oprd", "dative", "prep", "ccomp", "attr"})


def _span_of(tokens: Iterable[Token]) -> tuple[int, int] | None:
    indices = sorted(t.i for t in tokens)
    return (indices[0], indices[-1] + 1) if indices else None


def _clean(doc: Doc, a: int, b: int) -> tuple[int, int]:
    """Drop punctuation, quotation marks, a leading "that" and a trailing "and" (the parse
    may hang a coordinator on the clause before it) from the edges of [a, b)."""
    while a < b and (doc[a].is_punct or doc[a].is_space or doc[a].lower_ == "that"):
        a += 1
    while b > a and (doc[b - 1].is_punct or doc[b - 1].is_space or doc[b - 1].dep_ == "cc"):
        b -= 1
    return a, b


def _contents(cue: Cue) -> list[tuple[int, int]]:
    """Token ranges of what a cue reports."""
    token = cue.token
    doc = token.doc
    mark = _claim_mark(token)
    if mark is not None:
        clause = mark.head
        return [_clean(doc, mark.i + 1, max(clause.right_edge.i + 1, mark.i + 1))]
    if _tagged_as_noun(token):
        a = token.i + 1
        b = a
        while b < len(doc) and doc[b].text not in _SENTENCE_END and not breaks_line(doc[b]):
            b += 1
        return [_clean(doc, a, b)] if doc[a].lower_ == "that" else []
    if token.lower_ == "according":
        head = token.head
        if head.i == token.i:
            return []
        while head.dep_ == "conj" and head.head.i < head.i:
            head = head.head  # "... have suffered and shouldn't be sent back, according to"
        lo, hi = token.left_edge.i, token.right_edge.i + 1
        span = _span_of(head.subtree)
        if span is None:
            return []
        a, b = _clean(doc, *span)
        if lo <= a:  # "According to X, ..." opens the sentence
            a = hi
        elif hi >= b:  # "..., according to X." closes it
            b = lo
        return [_clean(doc, a, b)]
    ccomps = [c for c in token.children if c.dep_ == "ccomp"]
    both_sides = any(c.i < token.i for c in ccomps) and any(c.i > token.i for c in ccomps)
    if both_sides and _parenthetical(token):  # "Acts of protest, he said, are acts of patriotism."
        return [_clean(doc, ccomps[0].left_edge.i, ccomps[-1].right_edge.i + 1)]
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
        ranges.append(_clean(doc, a, b))
    if ranges:
        return ranges
    if token.lemma_.lower() in lexicons.words("sources/reporting_object_verbs"):
        right = [c for c in token.children if c.i > token.i and c.dep_ in _CONTENT_DEPS]
        if right:
            a = min(c.left_edge.i for c in right)
            b = max(c.right_edge.i for c in right) + 1
            return [_clean(doc, a, b)]
    own = {c.dep_ for c in token.children}
    subordinate = "mark" in own or any(c.lower_ in _SUBORDINATORS for c in token.children)
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
        elif not _parenthetical(token):
            return []
        return [_clean(doc, a, b)]
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


def _parenthetical(token: Token) -> bool:
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


def _indirect_items(article: _Article, quoted: list[_Found]) -> list[_Found]:
    found: list[_Found] = []
    doc = article.doc
    for cue in article.cues:
        if not cue.has_subject:
            continue
        for a, b in _contents(cue):
            a, b = _clean(doc, *article.clip_to_line(a, b, cue.token.i))
            if b - a < 2 or (a <= cue.token.i < b and not _parenthetical(cue.token)):
                continue
            start, end = doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)
            if article.ctx.in_boilerplate(start, end):
                continue
            outside = _unquoted_words(article, a, b)
            if outside < 2:
                continue
            first = article.quoted.containing(start)
            if first is not None and any(
                q.start == first.start and q.kind == "direct" for q in quoted
            ):
                continue
            found.append(_Found(start, end, "indirect", cue, cue.speaker, (a, b)))
    return found


def _unquoted_words(article: _Article, a: int, b: int) -> int:
    return sum(
        1
        for t in article.doc[a:b]
        if not t.is_punct and not t.is_space and not article.quoted(t.idx)
    )


def _label_items(article: _Article) -> list[_Found]:
    """Unquoted labelled lines ("Pence: Flowers won't be at debate"): the words after the colon."""
    found = []
    for start, cue in article.labels.items():
        if article.quoted(start) or article.quoted(start + 1):
            continue
        end = article.text.find("\n", start)
        end = len(article.text) if end < 0 else end
        while end > start and (article.text[end - 1].isspace() or article.text[end - 1] in ".,;"):
            end -= 1
        a, b = article.token_range(start, end)
        found.append(_Found(start, end, "indirect", cue, cue.speaker, (a, b)))
    return found


def _block_items(article: _Article) -> list[_Found]:
    """A paragraph without quotation marks after one that ends in its cue and a colon ("The
    governor added:"): the paragraph is what was said."""
    found = []
    for lo, hi in article.paragraphs[1:]:
        if not article.text[:lo].rstrip().endswith(":"):
            continue
        if any(m in article.text[lo:hi] for m in _DOUBLE) or article.quoted(lo):
            continue
        tokens = _introduction(article, lo)
        if len(tokens) < 2 or tokens[1].sent != tokens[0].sent:
            continue
        cue = article.cue(tokens[1])  # "The governor added:": the cue right before the colon
        if cue is None or cue.speaker is None or any(c.dep_ == "dobj" for c in cue.token.children):
            continue
        start, end = lo, hi
        while end > start and article.text[end - 1].isspace():
            end -= 1
        a, b = article.token_range(start, end)
        if b - a < 3 or article.ctx.in_boilerplate(start, end):
            continue
        found.append(_Found(start, end, "indirect", cue, cue.speaker, (a, b), lo))
    return found


# -- assembly ------------------------------------------------------------------------------


def extract_quotes(doc: Doc, ctx: ArticleContext, entities: EntityIndex) -> list[Quote]:
    """Every attributed quote outside boilerplate, in text order."""
    article = _Article(doc, ctx, entities)
    quoted = _quoted_items(article)
    indirect = _indirect_items(article, quoted) + _label_items(article) + _block_items(article)
    seen: set[tuple[int, int]] = set()
    quotes = []
    for item in sorted([*quoted, *indirect], key=lambda f: (f.start, f.kind == "indirect")):
        if (item.start, item.end) in seen:
            continue
        seen.add((item.start, item.end))
        quotes.append(_to_quote(article, item))
    return quotes


def _to_quote(article: _Article, item: _Found) -> Quote:
    a, b = item.tokens
    if item.cue is not None:
        a, b = min(a, item.cue.token.i), max(b, item.cue.token.i + 1)
    speaker = item.speaker
    return Quote(
        text=article.text[item.start : item.end],
        start=item.start,
        end=item.end,
        kind=item.kind,
        speaker=speaker.name if speaker else None,
        speaker_start=speaker.start if speaker else None,
        speaker_end=speaker.end if speaker else None,
        speaker_label=speaker.label if speaker else None,
        cue=item.cue.text if item.cue else None,
        sentence=article.sentence(a, b),
    )
