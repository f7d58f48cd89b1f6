"""What a noun phrase names as a source: the words of its name, the fuller name it stands for.

"the ACLU lawyer" is the person the article introduced as an ACLU lawyer; "A spokesman for the
company, Tom Hale," is Tom Hale; "Mayor Ana Ruiz" is Ana Ruiz when the recogniser missed her;
"the statement" is the fuller "a statement from the ministry" said before; any other noun
phrase names itself, without its clauses and asides.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from .. import lexicons
from ..extractors.entities import NAMED_LABELS
from .cues import breaks_line
from .mentions import Speaker, role_word

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..context import ArticleContext

# How many earlier nouns of the same lemma "the statement" looks back over for its fuller
# wording: the nearest ones are the ones that matter, and a long text must stay linear.
_FULLER_LOOKBACK = 20
# Dependents dropped from a noun phrase used as a speaker name.
_NOT_IN_NAME = frozenset({"relcl", "acl", "appos", "punct", "advcl", "parataxis", "cc", "conj"})
_WHEN = frozenset({"DATE", "TIME"})
_NAME_PUNCT = frozenset({"-", "–", "'", "’", ".", "&"})  # "57-page ruling", "AT&T"
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# How far back (characters) "the agency" looks for the organisation it stands for.
_BODY_WINDOW = 2000


def _name_before_suffix(ctx: ArticleContext, head: Token) -> Speaker | None:
    """ "Martin Luther King, Jr. said": a suffix after a comma ends the person's name
    before it; it is no name of its own."""
    word = head.lower_.rstrip(".")
    if word not in lexicons.words("people/name_suffixes") or head.i < 2:
        return None
    comma = ctx.doc[head.i - 1]
    if comma.text != ",":
        return None
    mention = ctx.names.mention_of(ctx.doc[head.i - 2])
    if mention is None or mention.label != "PERSON":
        return None
    end = head.idx + len(head.text)
    return Speaker(ctx.names.display_name(mention), mention.start, end, "PERSON")


def noun_phrase(ctx: ArticleContext, head: Token) -> Speaker | None:
    """The speaker a noun phrase names; its mention keeps a possessive mark ("Trump's
    claim": the words naming the source are "Trump's")."""
    found = _noun_phrase(ctx, head)
    if found is None:
        return None
    case = next((c for c in head.children if c.dep_ == "case" and c.i == head.i + 1), None)
    if case is not None and found.end == head.idx + len(head.text):
        return Speaker(found.name, found.start, case.idx + len(case.text), found.label)
    return found


def _noun_phrase(ctx: ArticleContext, head: Token) -> Speaker | None:
    suffixed = _name_before_suffix(ctx, head)
    if suffixed is not None:
        return suffixed
    mention = ctx.names.mention_of(head)
    if mention is not None and mention.label in NAMED_LABELS and not has_conjunct(head):
        return Speaker(ctx.names.display_name(mention), mention.start, mention.end, mention.label)
    if mention is None and head.pos_ == "PROPN" and not list(head.children):
        person = ctx.names.person_with_surname(head.text)  # a surname the recogniser missed
        if person is not None:
            return Speaker(person, head.idx, head.idx + len(head.text), "PERSON")
    if mention is None and head.pos_ in ("NOUN", "NUM"):
        named = _appositive_name(ctx, head)
        if named is not None:
            return named
    tokens = _name_tokens(head)
    if not tokens:
        return None
    glued = _hyphen_compound(tokens[-1])
    if len(glued) > 1:  # "His ex-wife said": the parse made "ex", "-", "wife" three subjects
        head = glued[-1] if head.i == tokens[-1].i else head
        tokens.extend(glued[1:])
    before = ctx.doc[tokens[0].i - 1] if tokens[0].i > 0 else None
    if before is not None and before.pos_ == "DET" and before.dep_ == "det":
        tokens.insert(0, before)  # "the motion states": the parse hangs "the" elsewhere
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    text = ctx.text[start:end]
    if not any(ch.isalnum() for ch in text):
        return None
    label = lexicons.mapping("sources/speaker_nouns").get(head.lemma_.lower())
    if head.pos_ == "PROPN" and label is None:
        label = mention.label if mention else None
    name = _titled_name(tokens) if head.pos_ == "PROPN" and label is None else ""
    if name:  # "Mayor Ana Ruiz said": a name the recogniser missed, behind a title
        return Speaker(name, start, end, "PERSON")
    person = _described_person(ctx, head, tokens) if label == "PERSON" else None
    if person is not None:
        return Speaker(person, start, end, "PERSON")
    if label in ("DOC", "ORG") and _bare_description(tokens, head):
        body = _described_body(ctx, head) if label == "ORG" else None
        if body is not None:  # "the group said": the organisation named before
            return Speaker(body, start, end, "ORG")
        text = _fuller_mention(ctx, head) or text  # "the statement": which statement
    return Speaker(text, start, end, label)


def _bare_description(tokens: list[Token], head: Token) -> bool:
    """ "the statement", "this poll", "the nonpartisan group": a definite article or a
    demonstrative, common adjectives and the head noun; nothing that names it."""
    if len(tokens) < 2 or len(tokens) > 4 or tokens[-1].i != head.i:
        return False
    if tokens[0].lower_ not in _DEFINITE:
        return False
    return all(t.pos_ == "ADJ" and not _proper_adjective(t) for t in tokens[1:-1])


def _described_body(ctx: ArticleContext, head: Token) -> str | None:
    """The organisation a bare description stands for: the nearest organisation named before
    whose name holds the noun ("the agency" -> "Environmental Protection Agency"); else, for
    a generic noun ("the group"), the nearest body before it: a named organisation heading
    its phrase in the sentence or the two before (not a member listed inside a clause of
    another body), or a body described more fully ("A coalition of immigration groups is
    suing. ... The group said" -> "A coalition of immigration groups"). Earlier bare uses of
    the same description ("The group filed ...") stand for the same body and are passed."""
    if head.tag_ in ("NNS", "NNPS"):
        return None  # "the groups": several bodies, none named by it
    noun = head.lemma_.lower()
    named = _named_body(ctx, head, noun)
    if named is not None or noun not in lexicons.words("sources/generic_bodies"):
        return named
    bodies = lexicons.words("sources/generic_bodies")
    floor = _sentence_start(ctx, head, back=2)
    doc = ctx.doc
    for i in range(head.i - 1, -1, -1):
        token = doc[i]
        if head.idx - token.idx > _BODY_WINDOW:
            break
        if ctx.quoted(token.idx) or token.dep_ in ("compound", "poss", "amod"):
            continue
        mention = ctx.names.mention_of(token)
        if mention is not None:
            top = ctx.names.head_of(mention)
            heads = mention.label == "ORG" and top is not None and top.i == i
            if heads and token.idx >= floor and not _inside_a_clause_of_a_body(token, bodies):
                return ctx.names.display_name(mention)
            continue
        if token.dep_ not in ("nsubj", "nsubjpass") or token.lemma_.lower() not in bodies:
            continue
        words = _name_tokens(token)
        if _bare_description(words, token):
            continue  # "The group filed ...": the same body, said before
        return ctx.text[words[0].idx : words[-1].idx + len(words[-1].text)]
    return None


def _named_body(ctx: ArticleContext, head: Token, noun: str) -> str | None:
    """The nearest organisation named before `head` whose name is headed by `noun`."""
    i = ctx.names.before(head.idx)
    while i >= 0:
        mention = ctx.names.all[i]
        i -= 1
        if head.idx - mention.end > _BODY_WINDOW:
            break
        if mention.label == "ORG" and not ctx.quoted(mention.start):
            name = ctx.names.display_name(mention)
            if _headed_by(name, noun):
                return name
    return None


def _inside_a_clause_of_a_body(token: Token, bodies: frozenset[str]) -> bool:
    """ "The group, which includes the ACLU and ...": a member named in a clause of a body
    noun, not the body itself."""
    for ancestor in token.ancestors:
        if ancestor.dep_ in ("relcl", "acl", "appos") and ancestor.head.lemma_.lower() in bodies:
            return True
    return False


def _headed_by(name: str, noun: str) -> bool:
    """Whether an organisation's name is headed by `noun`: "Environmental Protection
    Agency", "Court of Appeals" for "agency", "court"; not "Court Order Watch"."""
    words = name.lower().split(" (")[0].split()
    if "of" in words:
        words = words[: words.index("of")]
    return bool(words) and words[-1] == noun


def _sentence_start(ctx: ArticleContext, token: Token, back: int) -> int:
    """The character offset where the sentence `back` sentences before `token`'s starts."""
    start = token.sent.start
    for _ in range(back):
        if start == 0:
            break
        start = ctx.doc[start - 1].sent.start
    return ctx.doc[start].idx


def _appositive_name(ctx: ArticleContext, head: Token) -> Speaker | None:
    """The person's name set off by commas at the end of a description: "A spokesman
    for the company, Tom Hale, said" (the parse may hang it on "company")."""
    end = head.right_edge.i
    if ctx.doc[end].text == ",":
        end -= 1
    for token in head.subtree:
        if token.dep_ != "appos" or token.right_edge.i != end:
            continue
        if ctx.doc[token.left_edge.i - 1].text != ",":
            continue
        mention = ctx.names.mention_of(token)
        if (
            mention is not None
            and mention.label == "PERSON"
            and mention.end <= (ctx.doc[end].idx + len(ctx.doc[end].text))
        ):
            name = ctx.names.display_name(mention)
            return Speaker(name, mention.start, mention.end, "PERSON")
    return None


def _fuller_mention(ctx: ArticleContext, head: Token) -> str | None:
    """The nearest earlier, longer noun phrase with the same head noun ("a statement
    from the ministry" for a later "the statement")."""
    earlier = ctx.nouns_by_lemma.get(head.lemma, [])
    last = bisect.bisect_left(earlier, head.i)
    for i in reversed(earlier[max(0, last - _FULLER_LOOKBACK) : last]):
        token = ctx.doc[i]
        if (token.tag_ in ("NNS", "NNPS")) != (head.tag_ in ("NNS", "NNPS")):
            continue  # "this poll" is none of "the first polls"
        tokens = _name_tokens(token)
        # "a brief on Friday" is no fuller name of the brief
        while tokens and (tokens[-1].ent_type_ in _WHEN or tokens[-1].dep_ == "prep"):
            tokens.pop()
        if len(tokens) > 2:
            return ctx.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
    return None


def _described_person(ctx: ArticleContext, head: Token, tokens: list[Token]) -> str | None:
    """ "the ACLU lawyer" -> the person introduced earlier as an ACLU lawyer."""
    definite = any(
        t.lower_ in ("the", "this", "that") or (t.dep_ == "poss" and t.pos_ == "PROPN")
        for t in head.children
    )
    if not definite or any(t.lower_ in ("a", "an", "another", "one") for t in tokens):
        return None
    role = role_word(head)
    # names and capitalised adjectives must match too: "the Democratic nominee" is not
    # the person introduced as "Republican nominee X"
    wanted = {role_word(t) for t in tokens if t.pos_ == "PROPN" or _proper_adjective(t)}
    best: str | None = None
    for mention in ctx.names.all:
        if mention.start >= head.idx:
            break
        if mention.label != "PERSON":
            continue
        name = ctx.names.canonical(mention)
        roles = ctx.names.roles(name)
        if role in roles and wanted <= roles:
            best = name
    return best


def _proper_adjective(token: Token) -> bool:
    """A capitalised adjective inside a sentence ("Democratic", "French")."""
    return token.pos_ == "ADJ" and token.text[:1].isupper() and not token.is_sent_start


def has_conjunct(token: Token) -> bool:
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
    if has_conjunct(head):
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
