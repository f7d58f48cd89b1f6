"""What a pronoun or a relative stands for: the antecedent of "she said", "they", "who said".

"he"/"she": the nearest earlier person of a compatible gender, subjects of the sentence and
the one before first; "they"/"it": the nearest earlier subject that is a body, a group or a
document; "who": the noun before it. `resolve` is the entry point for any source token.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .. import lexicons
from .cues import subject_in_subordinate_clause
from .mentions import Speaker
from .phrases import noun_phrase
from .subjects import RELATIVE_PRONOUNS, source_behind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..context import ArticleContext

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
# A resolved name and its label, or (None, None).
_Named = tuple[str | None, str | None]
# How far back (characters) a pronoun looks for its antecedent.
_PRONOUN_WINDOW = 3000


def resolve(ctx: ArticleContext, token: Token) -> Speaker | None:
    """The speaker named by `token` (a subject, an object of "according to", ...)."""
    if token.lower_ in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
        token = antecedent_of_relative(ctx, token)
        behind = source_behind(ctx, token)  # "made a comment that described ..."
        if behind is not None and behind.i != token.i:
            return resolve(ctx, behind)
    role = lexicons.mapping("people/pronoun_genders").get(token.lower_)
    if role is not None and token.pos_ == "PRON":
        return _pronoun(ctx, token, role)
    return noun_phrase(ctx, token)


def antecedent_of_relative(ctx: ArticleContext, relative: Token) -> Token:
    """The noun a "who"/"which" refers to: the one right before it (", which says"), else
    the one the parse hangs the clause on."""
    i = relative.i - 1
    while i >= 0 and (ctx.doc[i].is_punct or ctx.doc[i].is_space):
        i -= 1
    before = ctx.doc[i] if i >= 0 else None
    nominal = before is not None and before.pos_ in ("NOUN", "PROPN")
    if before is not None and nominal and before.ent_type_ in ("DATE", "TIME"):
        # "released her records in July, which showed ...": the records, not July
        verb = before.head.head if before.dep_ == "pobj" else None
        objects = [c for c in verb.children if c.dep_ == "dobj"] if verb is not None else []
        if objects and objects[0].i < before.i:
            return objects[0]
        if verb is not None and verb.dep_ == "acl" and verb.head.i < verb.i:
            return verb.head  # "her tax returns, released in May, which showed"
    if before is not None and nominal and ctx.same_line(i, relative.i):
        while (  # "a spokesman for the department, who said"; not "a meeting with
            before.dep_ == "pobj"  # officials who said"
            and before.head.dep_ == "prep"
            and before.head.head.pos_ in ("NOUN", "PROPN")
            and ctx.names.agentive(before.head.head)
        ):
            before = before.head.head
        return before
    return relative.head.head


def _pronoun(ctx: ArticleContext, token: Token, role: str) -> Speaker | None:
    if role == "self":
        return None
    start, end = token.idx, token.idx + len(token.text)
    if role in ("male", "female"):
        name, label = _person_antecedent(ctx, token, role)
    else:
        name, label = _group_antecedent(ctx, token, role)
    if name is None:
        return None
    return Speaker(name, start, end, label)


def _person_antecedent(ctx: ArticleContext, token: Token, gender: str) -> _Named:
    """The nearest earlier person of a compatible gender.

    In the pronoun's own sentence and in the one before, a person in subject position
    wins over a nearer one elsewhere ("Morgan told Stewart ... He said"), and a
    possessive ("Seeborg's ruling") comes last; further back the nearest compatible
    person is taken. "The one before" is the narrative sentence before: sentences of a
    quotation ("“She's late. She always is,” he said") are passed over.
    """
    sent = token.sent
    first_token = _sentence_before(ctx, sent.start)
    window_start = ctx.doc[first_token].idx
    # (tier, -start, name), the smallest wins: subjects, then other roles, then
    # possessives, each in the pronoun's sentence before the one before; then the nearest
    ranked: list[tuple[int, int, str]] = []
    i = ctx.names.before(token.idx)
    while i >= 0:
        mention = ctx.names.all[i]
        i -= 1
        if token.idx - mention.end > _PRONOUN_WINDOW:
            break
        if mention.label != "PERSON" or ctx.quoted(mention.start):
            continue
        name = ctx.names.canonical(mention)
        known = ctx.names.gender(name)
        if known is not None and known != gender:
            continue
        head = ctx.names.head_of(mention)
        dep = head.dep_ if head is not None else ""
        subject = dep in SUBJECTS and head is not None and not subject_in_subordinate_clause(head)
        if mention.start < window_start:
            # further back, the nearest person who was a subject (an actor of the story)
            # wins over one merely named since ("among them Sen. X")
            ranked.append((6 if subject else 7, -mention.start, name))
            if subject:
                break
            continue
        if head is not None and _inside_aside(head, token.head):
            continue  # "Putin, he said, is a strong leader": Putin is what is said
        role = 0 if subject else 2 if dep == "poss" else 1
        earlier = 0 if mention.start >= sent.start_char else 1
        ranked.append((2 * role + earlier, -mention.start, name))
    # a name the entity recogniser missed, as the subject of its sentence ("Ana Ruiz leads")
    for i in range(token.i - 1, first_token - 1 if ranked else -1, -1):
        candidate = ctx.doc[i]
        if candidate.idx < token.idx - _PRONOUN_WINDOW:
            break
        if (
            candidate.dep_ == "nsubj"
            and candidate.pos_ == "PROPN"
            and ctx.names.mention_of(candidate) is None
            and not ctx.quoted(candidate.idx)
        ):
            words = [c for c in candidate.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
            first = words[0] if words else candidate
            name = ctx.text[first.idx : candidate.idx + len(candidate.text)]
            given = lexicons.mapping("people/first_names").get(first.lower_)
            if given is None or given == gender:
                earlier = 0 if candidate.idx >= sent.start_char else 1
                tier = earlier if candidate.idx >= window_start else 6
                ranked.append((tier, -first.idx, name))
                break
    if not ranked:
        return None, None
    return min(ranked)[2], "PERSON"


def _sentence_before(ctx: ArticleContext, start: int) -> int:
    """The first token of the sentence before the one starting at token `start`,
    skipping sentences that open inside a quotation; 0 at the text's start. It looks
    back no further than a pronoun's antecedent may stand (an article of nothing but
    quotes would otherwise be walked back to its start for every "she said")."""
    floor = ctx.doc[start].idx - _PRONOUN_WINDOW if start < len(ctx.doc) else 0
    while start > 0:
        start = ctx.doc[start - 1].sent.start
        if ctx.doc[start].idx < floor:
            break
        opening = next((t for t in ctx.doc[start:] if not t.is_punct), ctx.doc[start])
        if not ctx.quoted(opening.idx):
            break
    return start


def _group_antecedent(ctx: ArticleContext, token: Token, role: str) -> _Named:
    """ "they" / "it": the nearest earlier subject that is a body, a group or a document.

    Not a subject of what the pronoun's verb reports ("Many cases drag on, they said":
    the cases are what is said) and not a noun that names no possible source ("The
    election is near. It said ...").
    """
    for candidate in _earlier_subjects(ctx.doc, token, limit=6):
        if ctx.quoted(candidate.idx) or candidate.pos_ == "PRON":
            continue
        if _reported_by(candidate, token.head):
            continue
        lemma = candidate.lemma_.lower()
        if lemma in lexicons.words("sources/non_speaker_nouns"):
            continue
        if role == "thing" and lexicons.mapping("sources/speaker_nouns").get(lemma) == "PERSON":
            continue  # "it" is no "the candidate"
        plural = candidate.tag_ in ("NNS", "NNPS")
        mention = ctx.names.mention_of(candidate)
        if mention is not None and mention.label == "PERSON":
            continue
        body = (mention is not None and mention.label in ("ORG", "NORP", "GPE")) or (
            mention is None and lexicons.mapping("sources/speaker_nouns").get(lemma) == "ORG"
        )  # "the campaign ... what they call": a body is "they" too
        if (role == "plural" and (plural or body)) or (role == "thing" and not plural):
            speaker = noun_phrase(ctx, candidate)
            if speaker is not None:
                return speaker.name, speaker.label
    return None, None


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
