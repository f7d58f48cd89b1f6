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
from ..lines import has_break

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from .mentions import Speaker

SENTENCE_END = frozenset(".?!")
_CONTENT_DEPS = frozenset({"dobj", "xcomp", "oprd", "dative", "prep", "ccomp", "attr"})
# Nouns of speech whose infinitive says what was committed to or asked for.
_COMMITMENTS = frozenset({"promise", "pledge", "vow", "threat", "demand"})
# Words after "as X said" that tell when or where it was said, not what.
_OCCASION_WORDS = frozenset({"in", "on", "at", "during", "before", "after", "earlier", "last"})
_QUESTION_WORDS = frozenset(
    {"if", "whether", "what", "which", "who", "whom", "whose", "why", "how", "when", "where"}
)


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
    subject: Token | None = None  # the token the source was read from, where the parse gave one


def is_cue_word(token: Token) -> bool:
    lemma = token.lemma_.lower()
    reporting = lexicons.words("sources/reporting_verbs")
    if as_put_it(token):
        return True
    topic = topic_of(token)
    if (  # most words are none: decide that first, from the lexicons alone
        lemma not in reporting
        and lemma not in lexicons.words("sources/reporting_object_verbs")
        and token.lower_ != "according"
        and token.lower_[:-1] not in reporting
        and topic is None
    ):
        return False
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ == "so":
        return False  # "so-called" names, it reports nobody
    if token.lower_ == "according":
        return any(c.lower_ == "to" for c in token.children)
    if tagged_as_noun(token) or question_participle(token):
        return True
    if token.pos_ not in ("VERB", "AUX") and token.tag_ not in ("VBD", "VBZ", "VBP", "VBG"):
        return False
    deps = {c.dep_ for c in token.children}
    passive = "auxpass" in deps or (token.tag_ == "VBN" and token.dep_ == "acl")
    if "agent" not in deps and passive and not _verb_misread_as_participle(token):
        return False  # "the request should be denied", "a group called X": nobody speaks
    if _aside_participle(token) or in_another_sense(token):
        return False
    after_adjective = token.head.pos_ == "ADJ" and token.head.i < token.i
    if token.tag_ in ("VBG", "VB") and after_adjective and not _adjective_of_somebody(token.head):
        # "it is worth noting that", "it is fair to say": the writer's words; but "voters
        # are more likely to say that ..." reports what the voters say
        return False
    return (
        lemma in reporting
        or lemma in lexicons.words("sources/reporting_object_verbs")
        or topic is not None
    )


def _verb_misread_as_participle(token: Token) -> bool:
    """ "“...,” Jo Li, the group's analyst, tweeted on Monday": the parse reads the verb as
    a participle of the name, which then heads a sentence with no verb of its own; the
    verb after the name and its aside is the sentence's predicate (the parse may hang
    the name on the quotation's verb instead)."""
    head = token.head
    return (
        token.dep_ == "acl"
        and "auxpass" not in {c.dep_ for c in token.children}
        and head.dep_ in ("ROOT", "npadvmod", "dep")  # no subject or object of a verb
        and head.pos_ == "PROPN"
        and head.i < token.i
        and token.doc[token.i - 1].text == ","
    )


def _adjective_of_somebody(adjective: Token) -> bool:
    """Whether a predicative adjective ("likely", "eager", "quick") is said of a subject
    other than an empty "it" ("voters are likely to say", not "it is fair to say")."""
    verb = adjective.head if adjective.dep_ == "acomp" else None
    if verb is None:
        return False
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subjects) and subjects[0].lower_ not in ("it", "this", "that", "there")


def topic_of(token: Token) -> Token | None:
    """The "about"/"of" phrase of a verb of speech whose topic is what was said ("spoke
    about the attacks"); not a date or time ("spoke on Monday")."""
    if token.pos_ != "VERB":
        return None
    topics = lexicons.mapping("sources/topic_verbs")
    lemma = token.lemma_.lower()
    if lemma not in topics and lemma not in lexicons.words("sources/topic_verbs"):
        return None
    allowed = {"about", "of", *topics.get(lemma, "").split()}
    for prep in token.children:
        if prep.dep_ != "prep" or prep.i < token.i or prep.lower_ not in allowed:
            continue
        objects = [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]
        if not objects or objects[0].ent_type_ in ("DATE", "TIME"):
            continue
        words = [t for t in prep.subtree if t.i > prep.i and not (t.is_punct or t.pos_ == "PART")]
        # a topic told at some length ("spoke of the legacy of racism and how ..."), not a
        # bare subject heading ("talked about the museum")
        if len(words) >= 5 or any(t.pos_ == "VERB" for t in words):
            return prep
    return None


def as_put_it(token: Token) -> bool:
    """ "..., as one analyst put it": an attribution by the idiom "as X put it"."""
    return (
        token.lemma_.lower() == "put"
        and _as_attribution(token)
        and any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children)
    )


def _as_attribution(token: Token) -> bool:
    """ "The deal is dead, as union leaders have said": a clause opened by "as" whose
    verb has a subject and nothing said of its own; what it attributes is the clause it
    hangs on ("as she said goodbye", "as he told a joke" say nothing of that clause)."""
    if token.dep_ != "advcl" or token.head.pos_ not in ("VERB", "AUX"):
        return False
    marks = [c for c in token.children if c.dep_ == "mark"]
    if [m.lower_ for m in marks] != ["as"] or marks[0].i != token.left_edge.i:
        return False
    own = [c for c in token.children if c.i > token.i]
    if any(c.dep_ in ("ccomp", "xcomp", "attr", "oprd", "acomp") for c in own):
        return False
    objects = [c for c in own if c.dep_ == "dobj"]
    if any(o.lower_ not in ("it", "so") for o in objects):
        return False
    doc, i = token.doc, token.i + 1
    while i < len(doc) and (
        doc[i].pos_ in ("ADV", "PART") or doc[i].dep_ == "prt" or doc[i].lower_ in ("it", "so")
    ):
        i += 1  # "as experts have pointed out", "as X put it"
    ends = i >= len(doc) or doc[i].is_punct or doc[i].ent_type_ in ("DATE", "TIME")
    # "as she called for ...", "as he welcomed guests": what follows is no occasion
    occasion = i < len(doc) and doc[i].lower_ in _OCCASION_WORDS
    return (ends or occasion) and any(c.dep_ == "nsubj" for c in token.children)


def question_participle(token: Token) -> bool:
    """ "Asked whether he would run, the senator said no", "when asked about her vote": a
    participle of asking with no subject of its own and a question for complement."""
    if token.tag_ != "VBN" or token.lemma_.lower() not in lexicons.words("sources/question_verbs"):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "auxpass", "aux") for c in token.children):
        return False
    return any(_is_question(c) for c in token.children if c.i > token.i)


def _is_question(token: Token) -> bool:
    """A question a verb of asking takes: "if"/"whether"/wh-clause, or "about ..."."""
    if token.dep_ == "prep":
        return token.lower_ == "about"
    if token.dep_ not in ("ccomp", "advcl", "xcomp"):
        return False
    words = [c for c in token.subtree if c.i < token.i]
    return any(w.lower_ in _QUESTION_WORDS for w in words[:2])


def in_another_sense(token: Token) -> bool:
    """A verb of speech used in another sense, where what follows is no speech: an amount
    ("added $5 million", "declined from 58 percent to 55 percent"), an origin ("hails from
    Ohio"), a petition ("asked a court to deny the motion") or, in a clause that dates an
    event, an ordinary object ("before he announced his presidential bid"). A cue is speech
    only when what follows is what was said: a clause or a quotation."""
    children = list(token.children)
    head = token.head
    if (
        token.dep_ == "xcomp"
        and head.i < token.i
        and head.lemma_.lower() in lexicons.words("sources/object_control_verbs")
        and any(c.dep_ == "dobj" for c in head.children)
    ):
        return True  # "asked a court to deny the request": what the court is to do
    if any(c.dep_ in ("ccomp", "parataxis") for c in children) or claim_mark(token) is not None:
        return False
    lemma = token.lemma_.lower()
    after = [c for c in children if c.i > token.i]
    objects = [c for c in after if c.dep_ in ("dobj", "attr", "oprd", "npadvmod")]
    amounts = objects + [
        g for c in after if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"
    ]
    if lemma not in _figure_verbs() and any(_is_amount(c) for c in amounts):
        return True
    object_verb = lemma in lexicons.words("sources/reporting_object_verbs")
    if object_verb and not objects and any(c.dep_ == "prep" and c.lower_ == "from" for c in after):
        return True
    petitioned = [c for c in after if c.dep_ == "dobj" and _petitioned(c)]
    if lemma in lexicons.words("sources/request_verbs") and petitioned:
        return any(c.dep_ == "xcomp" for c in after)
    return (
        object_verb
        and any(c.dep_ == "dobj" for c in after)
        and in_subordinate_clause(token)
        and not _quotation_after(token)  # "when he called them “fat cats”" says something
        and not any(c.dep_ == "prep" and c.lower_ in ("of", "for", "as") for c in after)
    )  # "when X accused Y of lying", "after she blamed him for ...": a charge is speech


def _quotation_after(token: Token) -> bool:
    """Whether a quotation mark opens in what follows a verb, within its own phrase."""
    return any(t.i > token.i and t.is_quote for t in token.subtree)


def _petitioned(token: Token) -> bool:
    """A court, a judge, a board: a body asked to rule ("asked a court to deny ..."), whose
    asking is a filing, not words addressed to people."""
    words = lexicons.words("sources/petitioned_bodies")
    return token.lemma_.lower() in words or any(
        t.lower_ in words for t in token.subtree if t.ent_type_ == "ORG"
    )


def _is_amount(token: Token) -> bool:
    """A phrase that is an amount: a number, a share or money ("3 percent", "$5 million",
    "200,000 jobs"), not people counted ("300 supporters")."""
    if token.pos_ == "NUM" or token.lemma_.lower() in ("percent", "%", "point", "$"):
        return True
    counted = any(c.dep_ == "nummod" for c in token.children)
    person = lexicons.mapping("sources/speaker_nouns").get(token.lemma_.lower()) == "PERSON"
    return counted and not person and token.lemma_.lower() not in ("people", "person")


@cache
def _figure_verbs() -> frozenset[str]:
    return lexicons.keys("sources/figure_verbs")


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
    if end < len(doc) and _commits_to(token, doc[end]):
        return doc[end]  # "his promise to repeal the law": what was promised
    if end >= len(doc) or doc[end].lower_ != "that" or doc[end].dep_ != "mark":
        return None
    clause = doc[end].head
    if not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children):
        return None
    return doc[end]


def _commits_to(noun: Token, to: Token) -> bool:
    """ "her pledge to cut taxes", "his threat to sue": a noun of a promise or a demand
    whose infinitive is what was promised or demanded."""
    if noun.lemma_.lower() not in _COMMITMENTS or to.lower_ != "to" or to.dep_ != "aux":
        return False
    verb = to.head
    return verb.dep_ == "acl" and verb.head.i == noun.i and verb.pos_ == "VERB"


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
    return has_break(token.text) or has_break(token.whitespace_)


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
    ccomps = [c for c in token.children if c.dep_ == "ccomp" or _asks(token, c)]
    bracket = next((c for c in token.children if c.text == "(" and c.i < token.i), None)
    if bracket is not None:  # "... (her campaign later disclosed that ...)": only inside
        ccomps = [c for c in ccomps if c.i > bracket.i]
    both_sides = any(c.i < token.i for c in ccomps) and any(c.i > token.i for c in ccomps)
    if both_sides and parenthetical(token):  # "Acts of protest, he said, are acts of patriotism."
        return [clean(doc, ccomps[0].left_edge.i, ccomps[-1].right_edge.i + 1)]
    if not ccomps and _as_attribution(token):
        return _attributed_clause(token)
    topic = None if ccomps else topic_of(token)
    if topic is not None:  # "spoke about the attacks"
        return [clean(doc, topic.i + 1, topic.right_edge.i + 1)]
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
    data = _data_shows(token)
    if data or token.lemma_.lower() in lexicons.words("sources/reporting_object_verbs"):
        right = [
            c
            for c in token.children
            if c.i > token.i
            and (c.dep_ in _CONTENT_DEPS or _for_clause(c))
            # "show X, with Y showing Z": Y's finding is no part of what the data shows
            and not (data and c.dep_ == "prep" and any(is_cue_word(t) for t in c.subtree))
        ]
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
            first = min(t.i for t in token.subtree if not t.is_punct)
            if first == 0 or not doc[first - 1].is_punct:
                return []  # "made the secretary testify": no words stand before it
            b = token.left_edge.i
        elif token.left_edge.i <= a:  # "The lawyer said, ..." parsed the other way round
            a = token.right_edge.i + 1
        elif not parenthetical(token):
            return []
        return [clean(doc, a, b)]
    return []


def _data_shows(token: Token) -> bool:
    """ "A new poll showed the mayor with a narrow lead": what a poll, a survey or a study
    shows is its finding, even as an object."""
    if token.lemma_.lower() not in ("show", "find", "reveal"):
        return False
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    return subject is not None and subject.lemma_.lower() in lexicons.words(
        "sources/data_documents"
    )


def _attributed_clause(token: Token) -> list[tuple[int, int]]:
    """What "as X said" attributes: the clause it hangs on, on either side of it."""
    doc = token.doc
    span = span_of(token.head.subtree)
    if span is None:
        return []
    a, b = span
    lo, hi = token.left_edge.i, token.right_edge.i + 1
    ranges = [clean(doc, a, lo), clean(doc, hi, b)]
    return [(x, y) for x, y in ranges if y - x >= 2]


def reports_an_object(token: Token) -> bool:
    """Whether what a cue reports is its ordinary object rather than a clause ("blamed
    smugglers for the delays"): the object's words are the writer's, and so are its figures."""
    if token.lower_ == "according" or claim_mark(token) is not None or tagged_as_noun(token):
        return False
    if any(c.dep_ == "ccomp" for c in token.children) or _that_clauses(token):
        return False
    return token.lemma_.lower() in lexicons.words("sources/reporting_object_verbs") and any(
        c.i > token.i and c.dep_ in _CONTENT_DEPS for c in token.children
    )


def _asks(verb: Token, clause: Token) -> bool:
    """ "asked if they planned to attend": a question the parse hung as an adverbial clause."""
    return (
        clause.dep_ == "advcl"
        and clause.i > verb.i
        and verb.lemma_.lower() in lexicons.words("sources/question_verbs")
        and _is_question(clause)
    )


def _for_clause(clause: Token) -> bool:
    """ "called for Trump to drop out": what is called for, a clause opened by "for"."""
    return clause.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ == "for" for c in clause.children
    )


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
