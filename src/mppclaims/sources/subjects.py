"""The source of a reporting cue, read from the parse: who the words name, not yet resolved.

"X said" (the subject), "according to X" (the object of "to"), "a statement saying" (the
statement, or who issued it), "quoted X as saying" (X), "forced X to admit" (X), "footage
of X saying" (X), "X, who said" (X); else the noun right before a finite cue or right after
an inverted one ("..., said Ms. Crow"). `antecedents` resolves the token to a name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import lexicons
from ..extractors.entities import SPEAKING_LABELS
from ..lines import has_break
from .cues import is_reported_clause, reports_a_clause

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..context import ArticleContext

# "X responded by saying", "X left after telling reporters": the verb's subject speaks.
_PREPOSITIONS_OF_SPEECH = frozenset(
    {"by", "before", "after", "while", "when", "in", "for", "despite", "since"}
)
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
# "said at a news conference", "replied with a tweet", "in a speech": where words were said.
_PREPOSITIONS_OF_OCCASION = frozenset({"at", "in", "during", "with", "through", "via", "on"})


def subject_of(ctx: ArticleContext, cue: Token, depth: int = 0) -> Token | None:
    """The token naming the source of a reporting cue, from the parse."""
    if cue.lower_ == "according":
        for to in cue.children:
            if to.lower_ == "to":
                for obj in to.children:
                    if obj.dep_ == "pobj":
                        return _speaker_of_occasion(ctx, obj, depth) or obj
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
        adjacent = [c for c in subjects if _adjacent(ctx, c, cue)]
        subject = adjacent[-1] if adjacent and len(subjects) > 1 else subjects[0]
        return _interjected_speaker(ctx, subject, cue) or subject
    series = _first_of_a_series(ctx, cue)
    if series is not None:
        return series
    for child in cue.children:
        if child.dep_ == "agent":  # "it was announced by the agency"
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    if cue.dep_ == "acl" and cue.tag_ == "VBG" and cue.head.pos_ in ("NOUN", "PROPN"):
        # "a statement saying ...": the statement, or who issued it ("X issued a statement")
        noun = cue.head
        named = _named_in_of_phrase(ctx, cue)
        if named is not None:
            return named
        behind = source_behind(ctx, noun, depth) if depth < 3 else None
        if behind is not None:
            return behind
        if not ctx.names.can_report(noun):
            # "hid their profits, in many cases reporting ...", "cited polls, including
            # ones showing ...", "replaced it with language calling for ...": the subject
            # of the clause the phrase stands in reports
            verb = _clause_verb(noun)
            actor = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if actor is None or not ctx.names.can_report(actor):
                actor = _speaking_subject_before(ctx, cue)
            if actor is not None:
                return actor
        return noun
    if depth >= 3 or cue.head.i == cue.i or not ctx.same_line(cue.i, cue.head.i):
        return None
    if cue.dep_ == "pcomp" and cue.head.lower_ == "as":
        verb = cue.head.head  # "quoted X as saying", "X was quoted as saying"
        if verb.lemma_.lower() in ("quote", "cite"):
            quoted = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
            return quoted[0] if quoted else None
    if cue.dep_ == "pcomp" and cue.head.lower_ in _PREPOSITIONS_OF_SPEECH:
        return subject_of(ctx, cue.head.head, depth + 1)  # "..., before asking her"
    main = _main_speaker_past_a_relative(ctx, cue)
    if main is not None:
        return main
    if cue.dep_ == "advcl" and cue.tag_ == "VBG" and is_reported_clause(cue.head):
        # "X said the government does little, saying ...": X says it, not the government
        return subject_of(ctx, cue.head.head, depth + 1)
    if cue.dep_ == "xcomp" and cue.head.lemma_ == "be":
        return None  # "U.S. policy is not to blame": no act of speech
    if cue.dep_ == "xcomp" and cue.head.dep_ == "acomp" and cue.head.pos_ == "ADJ":
        return subject_of(ctx, cue.head.head, depth + 1)  # "voters are likely to say"
    controller = _controller(ctx, cue)
    if controller is not None:
        return controller
    if cue.dep_ == "conj" and cue.head.dep_ == "ccomp" and reports_a_clause(cue):
        # "X said that A would go and added that ...", "X fear that A has missed a chance
        # and warn that ...": the parse coordinates the second verb with the reported
        # clause, but the one adding or warning is the one who said or feared
        return subject_of(ctx, cue.head.head, depth + 1)
    if cue.dep_ in ("conj", "xcomp") or (cue.dep_ == "advcl" and cue.tag_ in ("VBG", "VB")):
        inherited = subject_of(ctx, cue.head, depth + 1)  # "..., saying", "and added"
        if inherited is not None and _embedded(cue.head) and not ctx.names.can_report(inherited):
            return _reporter_above(ctx, cue.head)
        return inherited
    return None


def _main_speaker_past_a_relative(ctx: ArticleContext, cue: Token) -> Token | None:
    """ "X was defensive about a contractor who said he was never paid, saying, “...”": a
    participle after a relative clause that already reports what its subject said belongs
    to the sentence's main clause; its subject speaks."""
    head = cue.head
    if cue.dep_ != "advcl" or cue.tag_ != "VBG" or head.dep_ != "relcl":
        return None
    if ctx.doc[cue.left_edge.i - 1].text != "," or not any(
        c.dep_ == "ccomp" for c in head.children
    ):
        return None
    root = cue.sent.root
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.i > head.i or not ctx.names.agentive(subject):
        return None
    return subject


def _speaking_subject_before(ctx: ArticleContext, cue: Token) -> Token | None:
    """The nearest subject before `cue` in its sentence that can speak."""
    for i in range(cue.i - 1, cue.sent.start - 1, -1):
        token = ctx.doc[i]
        subject = token.dep_ in ("nsubj", "nsubjpass") and not ctx.quoted(token.idx)
        if subject and ctx.names.can_report(token):
            return token
    return None


def _clause_verb(token: Token) -> Token:
    """The verb of the clause a word stands in, up through its phrases ("in many cases",
    "polls, including ones")."""
    node = token
    for _ in range(6):
        if node.head.i == node.i:
            break
        node = node.head
        if node.pos_ in ("VERB", "AUX") and node.dep_ != "prep":
            break
    return node


def _first_of_a_series(ctx: ArticleContext, cue: Token) -> Token | None:
    """ "X summed up Y as “terrible,” denounced her record and said ...": the parse makes
    the first verb of the series a complement of the second, which is left without a
    subject; the first verb's subject, outside any quotation, does both."""
    if cue.dep_ != "ROOT" or cue.tag_ not in ("VBD", "VBZ", "VBP"):
        return None
    first = next((c for c in cue.children if c.dep_ == "ccomp" and c.i < cue.i), None)
    if first is None or ctx.quoted(first.idx):
        return None
    subject = next((c for c in first.children if c.dep_ == "nsubj"), None)
    if subject is None or ctx.quoted(subject.idx) or not ctx.names.agentive(subject):
        return None
    return subject


def _embedded(verb: Token) -> bool:
    """Whether a verb stands (with what it is coordinated with) in a clause another verb
    reports or holds: "noted that [strength lags ... and asked]"."""
    node = verb
    while node.dep_ in ("conj", "xcomp") and node.head.i != node.i:
        node = node.head
    return node.dep_ == "ccomp"


def _reporter_above(ctx: ArticleContext, verb: Token) -> Token | None:
    """ "X noted that troop strength lags the target and asked whether ...": the parse
    coordinates "asked" inside what X noted, whose subject cannot ask; the one asking is
    the subject of the clause that holds it, the nearest that can speak."""
    node = verb
    for _ in range(6):
        if node.dep_ not in ("ccomp", "conj", "xcomp", "advcl") or node.head.i == node.i:
            return None
        node = node.head
        subject = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and ctx.names.agentive(subject):
            return subject
    return None


def _interjected_speaker(ctx: ArticleContext, subject: Token, cue: Token) -> Token | None:
    """ "Clinton, a top aide said, “is very confident”": the parse makes the quote's subject
    the cue's and what speaks its apposition; the words right before the cue, set off by a
    comma after it, are the speaker."""
    doc = ctx.doc
    if cue.i + 1 >= len(doc) or doc[cue.i + 1].text not in (",", "—", "–"):
        return None
    for appos in subject.children:
        if appos.dep_ == "appos" and appos.right_edge.i == cue.i - 1 and appos.i > subject.i:
            return appos if ctx.names.agentive(appos) else None
    return None


def source_of_noun(ctx: ArticleContext, noun: Token) -> Token | None:
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
        mention = ctx.names.mention_of(child) if child.dep_ == "compound" else None
        if mention is not None and mention.label in SPEAKING_LABELS:
            return child
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    if noun.dep_ == "dobj" and verb.lemma_.lower() in lexicons.words("sources/issuing_verbs"):
        return subject_of(ctx, verb)
    if noun.dep_ == "pobj" and noun.head.lower_ == "in" and verb.pos_ == "VERB":
        return subject_of(ctx, verb)  # "persisted in arguments that"
    return None


def _named_in_of_phrase(ctx: ArticleContext, cue: Token) -> Token | None:
    """ "a clip of Sen. X saying ...": the person named right before the participle in
    the of-phrase of a noun that cannot speak itself."""
    before = ctx.doc[cue.i - 1]
    if before.i == cue.head.i or ctx.names.agentive(cue.head) or not ctx.names.agentive(before):
        return None
    node = before
    while node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.pos_ == "NOUN":
        node = node.head.head
        if node.i == cue.head.i:
            return before
    return None


def _speaker_of_occasion(ctx: ArticleContext, noun: Token, depth: int) -> Token | None:
    """Who gave the speech or made the remarks "according to" names ("according to a
    speech she delivered in July", "remarks by the governor"); a document keeps
    speaking for itself."""
    if noun.lemma_.lower() not in lexicons.words("sources/speech_occasions") or depth >= 3:
        return None
    for prep in noun.children:  # "according to interviews with a dozen party leaders"
        if prep.dep_ == "prep" and prep.lower_ == "with":
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and ctx.names.agentive(obj):
                return obj
    return source_of_noun(ctx, noun) or source_behind(ctx, noun, depth)


def source_behind(ctx: ArticleContext, noun: Token, depth: int = 0) -> Token | None:
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
            if maker is not None and maker.lower_ not in RELATIVE_PRONOUNS:
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
        return subject_of(ctx, verb, depth + 1)
    at = top.dep_ == "pobj" and top.head.lower_ in _PREPOSITIONS_OF_OCCASION
    if occasion and at and verb.pos_ in ("VERB", "AUX"):
        return subject_of(ctx, verb, depth + 1)  # "said at a news conference announcing"
    return None


def _adjacent(ctx: ArticleContext, subject: Token, verb: Token) -> bool:
    """Whether a subject phrase opens after a comma and runs up to its verb, with only
    auxiliaries and adverbs between ("..., independent analyses agree"), unlike an
    apposition set off by commas ("Ban, the secretary general, vowed")."""
    left, right = subject.left_edge.i, subject.right_edge.i
    if left == 0 or subject.i > verb.i or ctx.doc[left - 1].text != ",":
        return False
    between = ctx.doc[right + 1 : verb.i]
    return not ctx.doc[right].is_punct and all(t.pos_ in ("AUX", "ADV", "PART") for t in between)


def _controller(ctx: ArticleContext, cue: Token) -> Token | None:
    """The object a non-finite cue is said of, rather than its governing verb's subject:
    "forced the banker to admit ..." (the banker admits; but "asked the court to deny" is
    the asker's request), "footage of the senator saying ..." and "the video shows her
    saying ..." (the senator, she speaks)."""
    head = cue.head
    if cue.dep_ == "xcomp" and cue.tag_ == "VB":
        if head.lemma_.lower() not in lexicons.words("sources/causing_verbs"):
            return None  # "X asked the court to deny ...": X's request
        for child in head.children:
            if child.dep_ == "dobj" and child.i < cue.i and ctx.names.agentive(child):
                return child
        return None
    if cue.tag_ != "VBG" or cue.dep_ not in ("xcomp", "advcl") or cue.i == 0:
        return None
    before = ctx.doc[cue.i - 1]  # no comma: "ended the call saying" is not "the call, saying"
    if not ctx.names.agentive(before):
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


def source_token(ctx: ArticleContext, cue: Token) -> Token | None:
    """The token naming a cue's source: its subject in the parse when that is usable,
    else the name next to the cue in the text.

    A subject inside quotation marks, in boilerplate or in another paragraph is a parse
    error ("“One of the brightest members,” Rep. X said"; a headline glued to the
    next paragraph), and so is a long all-capital word (a dateline, a section heading).
    """
    subject = subject_of(ctx, cue)
    if subject is not None and not _usable(ctx, subject, cue):
        subject = None
    return subject or _subject_before(ctx, cue) or _subject_after(ctx, cue)


def _usable(ctx: ArticleContext, token: Token, cue: Token) -> bool:
    after = ctx.doc[token.i + 1] if token.i + 1 < len(ctx.doc) else None
    labelled = after is not None and after.text == ":" and after.i < cue.i
    return (
        not labelled  # "The Latest: Trump urges ...": a heading's label is no subject
        and not ctx.quoted(token.idx)
        and not ctx.in_boilerplate(token.idx, token.idx + 1)
        and ctx.same_line(token.i, cue.i)
        and not (token.text.isupper() and len(token.text) >= 6)
    )


def _subject_before(ctx: ArticleContext, cue: Token) -> Token | None:
    """The noun right before a finite cue on the same line ("officials have said"), or
    the nearest earlier subject of the sentence for a participle ("..., saying")."""
    doc = ctx.doc
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
            subject = token.dep_ in ("nsubj", "nsubjpass") and _usable(ctx, token, cue)
            if subject and ctx.names.can_report(token):  # not "the case that this was ..."
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
        while j >= 0 and i - j < 40 and doc[j].text != closer and not has_break(doc[j].text):
            j -= 1
        i = j - 1 if j >= 0 and doc[j].text == closer else -1
    if i < 0 or not _usable(ctx, doc[i], cue):
        return None
    token = doc[i]
    return token if token.pos_ in ("NOUN", "PROPN", "PRON") else None


def _subject_after(ctx: ArticleContext, cue: Token) -> Token | None:
    """The name right after an inverted cue: "Said Ellis: ...", "...,” said Ms. Crow"."""
    doc = ctx.doc
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
    return token if _usable(ctx, token, cue) else None
