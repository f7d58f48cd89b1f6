"""Named entities and the fullest name the article gives for each referent.

A mention's `canonical` is found from the other mentions of the same article:
a surname resolves to the nearest full name that ends in it ("Seeborg" -> "Richard Seeborg"),
an acronym to the name whose initials it spells or that it follows in parentheses
("ACLU" -> "American Civil Liberties Union"), and a shorter organisation name to the longer
one that contains it ("Homeland Security" -> "Department of Homeland Security").
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

from spacy.tokens import Span

from .. import lexicons
from ..lines import next_break
from ..records import Entity

if TYPE_CHECKING:
    from ..context import ArticleContext

NAMED_LABELS = frozenset(
    {
        "PERSON",
        "NORP",
        "FAC",
        "ORG",
        "GPE",
        "LOC",
        "PRODUCT",
        "EVENT",
        "WORK_OF_ART",
        "LAW",
        "LANGUAGE",
    }
)
# Labels of names that can speak: people, bodies, groups, places standing for governments.
SPEAKING_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_SURNAME_MISLABELS = frozenset({"ORG", "NORP", "PRODUCT", "WORK_OF_ART", "FAC", "EVENT"})
_SHORTENED_LABELS = frozenset({"ORG", "FAC", "LAW", "EVENT", "PRODUCT", "WORK_OF_ART"})
_CONNECTORS = frozenset({"of", "and", "the", "for", "on", "in", "at", "to", "&", "de", "la"})
_STRAY = " '\"‘’“”-–—―()[]"  # quotation marks and dashes the model leaves on a span
_POSSESSIVE = re.compile(r"\s*['’]s?$")
_WORD_BEFORE = re.compile(r"(\w+\.?)\s+$")
_Key = TypeVar("_Key", bound=Hashable)


def normalise_name(text: str, label: str = "") -> str:
    """A mention's text as a name: no leading article or honorific, no possessive."""
    name = " ".join(text.split()).strip(_STRAY)
    name = re.sub(r"^(?:the|The|THE)\s+", "", name)
    if label == "PERSON":
        titles = lexicons.words("people/person_titles")
        words = name.split()
        while len(words) > 1 and words[0].lower().rstrip(".") in titles:
            words.pop(0)
        name = " ".join(words)
    return _POSSESSIVE.sub("", name)


def _words(name: str, person: bool = False) -> list[str]:
    words = re.findall(r"[\w.'’-]+", name)
    if not person:
        return words
    titles = lexicons.words("people/person_titles")
    while len(words) > 1 and words[0].lower().rstrip(".") in titles:
        words.pop(0)  # only titles that lead: "Larry King" keeps his surname
    return words


def _acronym(name: str) -> str:
    return name.replace(".", "").replace(" ", "") if _is_acronym(name) else ""


def _is_acronym(name: str) -> bool:
    bare = name.replace(".", "")
    return 2 <= len(bare) <= 7 and bare.isalpha() and bare.isupper() and " " not in name


def _initials(name: str) -> str:
    return "".join(
        w[0] for w in _words(name) if w.lower() not in _CONNECTORS and w[0].isalpha()
    ).upper()


@dataclass(frozen=True)
class Mention:
    """One entity mention: its offsets, label and normalised name."""

    start: int
    end: int
    label: str
    name: str
    gender: str | None = None  # what a title or a given name tells ("Mr. Obama": male)

    @cached_property
    def key(self) -> tuple[str, ...]:
        """The lower-cased words of the name (honorifics dropped for people)."""
        return tuple(w.lower() for w in _words(self.name, person=self.label == "PERSON"))

    @cached_property
    def initials(self) -> str:
        """Initials of the name's content words: "ACLU" for American Civil Liberties Union."""
        return _initials(self.name)

    @cached_property
    def content(self) -> frozenset[str]:
        """The name's words without connectors ("of", "the", "and" ...)."""
        return frozenset(w for w in self.key if w not in _CONNECTORS)

    @cached_property
    def acronym(self) -> str:
        """The name as an acronym without dots ("US" for "U.S."), or "" if it is none."""
        return _acronym(self.name)


def _contiguous(short: Sequence[str], long: Sequence[str]) -> bool:
    n = len(short)
    return any(tuple(long[i : i + n]) == tuple(short) for i in range(len(long) - n + 1))


def _person_compatible(short: Mention, long: Mention) -> bool:
    """`long` can name the same person as `short`: same surname, and a multi-word name
    only grows inside ("Loretta Lynch" -> "Loretta E. Lynch"), never by a leading word,
    which in headlines is often an adjective the small model took for a name."""
    s, lg = short.key, long.key
    if not s or len(s) >= len(lg) or s[-1] != lg[-1] or not set(s) <= set(lg):
        return False
    return len(s) == 1 or s[0] == lg[0]


def _genders_agree(a: Mention, b: Mention) -> bool:
    return a.gender is None or b.gender is None or a.gender == b.gender


def _same_person_form(a: Mention, b: Mention) -> bool:
    """Two multi-word names of one person: one's words contain the other's, same surname."""
    ka, kb = set(a.key), set(b.key)
    return a.key[-1] == b.key[-1] and (ka <= kb or kb <= ka)


def _org_compatible(short: Mention, long: Mention) -> bool:
    s, lg = short.key, long.key
    # places are not shortened forms of each other: "Mexico" is not "New Mexico"
    if short.label not in _SHORTENED_LABELS or short.label != long.label:
        return False
    if not s or len(s) >= len(lg):
        return False
    content_s = [w for w in s if w not in _CONNECTORS]
    if not content_s:
        return False
    if len(content_s) == 1 and len(s) == 1:  # a single word must be the head of the longer name
        return lg[-1] == s[0] and s[0][:1].isalpha()
    return _contiguous(s, lg)


def _same_words(a: Mention, b: Mention) -> bool:
    return a.label == b.label and len(a.content) > 1 and a.content == b.content


class _Group:
    """Mentions in text order, with their starts for binary search."""

    def __init__(self, items: list[Mention]) -> None:
        self.items = items
        self.starts = [m.start for m in items]

    def nearest(self, mention: Mention) -> Mention | None:
        """The last mention before `mention`, else the first other one after it."""
        i = bisect.bisect_left(self.starts, mention.start)
        if i > 0:
            return self.items[i - 1]
        others = (m for m in self.items[:2] if m.start != mention.start)
        return next(others, None)

    def best(self) -> Mention | None:
        """The longest name, the earliest of equals: the fullest spelling of a name."""
        return max(self.items, key=lambda m: (len(m.name), -m.start), default=None)


class EntityIndex:
    """Canonical names of an article's entity mentions, computed once per article.

    Mentions are grouped by the words that can link them (initials, words of a name,
    content words, surnames), and each group is filtered once per distinct name, so an
    article with thousands of mentions is indexed in about linear time.
    """

    def __init__(
        self,
        mentions: Iterable[Mention],
        links: Iterable[tuple[int, int]] = (),
        headline_end: int = 0,
    ):
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self._starts = [m.start for m in self.mentions]
        self._by_start = {m.start: m for m in self.mentions}
        self._links = dict(links)
        self._headline_end = headline_end
        # a name listing several bodies ("X, Y and Z") is no single referent's full name
        targets = [m for m in self.mentions if "," not in m.name]
        self._by_initials = _grouped((m.initials, m) for m in targets if m.label != "PERSON")
        self._by_word = _grouped(((m.label, w), m) for m in targets for w in dict.fromkeys(m.key))
        self._by_content = _grouped(((m.label, m.content), m) for m in targets)
        full_names = [m for m in self.mentions if m.label == "PERSON" and len(m.key) > 1]
        # headline words are often adjectives tagged as names: use them only as a last resort
        self._full_names = [m for m in full_names if m.start >= headline_end] or full_names
        self._by_surname = _grouped((m.key[-1], m) for m in self._full_names)
        self._name_counts = Counter(m.key for m in self._full_names)
        self._surname_gender = _surname_genders(self.mentions)
        self._memo: dict[tuple[object, ...], _Group] = {}
        self._canonical: dict[int, str] = {}
        for mention in self.mentions:
            self._canonical[mention.start] = self._resolve(mention, depth=0)
        # the same name refers to the same referent: "CBP" later on means what "(CBP)" meant
        resolved = {
            name: _Group(group)
            for name, group in _grouped(
                (m.name, m) for m in self.mentions if self._canonical[m.start] != m.name
            ).items()
        }
        for mention in self.mentions:
            twins = resolved.get(mention.name)
            if twins is None or self._canonical[mention.start] != mention.name:
                continue
            nearest = twins.nearest(mention)
            if nearest is not None:
                self._canonical[mention.start] = self._canonical[nearest.start]

    def _filtered(
        self,
        key: tuple[object, ...],
        mention: Mention,
        group: list[Mention],
        keep: _Test,
        headline_rule: bool = True,
    ) -> _Group:
        """`group`'s mentions that pass `keep` against `mention`, computed once per name
        (mentions of one name pass the same ones). With `headline_rule`, a headline span
        is the full name only of other headline mentions."""
        in_headline = mention.start < self._headline_end
        memo_key = (*key, mention.label, mention.name, in_headline or not headline_rule)
        found = self._memo.get(memo_key)
        if found is None:
            usable = group
            if headline_rule and not in_headline:
                usable = [m for m in group if m.start >= self._headline_end]
            found = _Group([m for m in usable if keep(mention, m)])
            self._memo[memo_key] = found
        return found

    def _longer_form(self, mention: Mention) -> Mention | None:
        if mention.start in self._links:
            return self._by_start.get(self._links[mention.start])
        acronym = mention.acronym
        if acronym:
            group = self._by_initials.get(acronym, [])
            spelled = self._filtered(("initials",), mention, group, _any).nearest(mention)
            if spelled is not None:
                return spelled
        if mention.key:
            group = self._by_word.get((mention.label, mention.key[0]), [])
            contained = self._filtered(("contained",), mention, group, _org_compatible)
            if contained.items:
                return contained.nearest(mention)
        # "Justice Department" / "Department of Justice": the longer spelling, else the first
        group = self._by_content.get((mention.label, mention.content), [])
        best = self._filtered(("same",), mention, group, _same_words).best()
        return best if best is not None and best.start != mention.start else None

    def _person_name(self, mention: Mention) -> str:
        """The best-attested full name of the person a PERSON mention refers to.

        A surname picks the nearest full name ending in it; among the spellings of that
        person's name, the most frequent wins (then the longest), so one mis-tagged span
        ("Crooked Hillary Clinton") does not become the canonical name.
        """
        if not mention.key:
            return mention.name
        surname = self._by_surname.get(mention.key[-1], [])
        if len(mention.key) > 1:
            anchor = mention
        else:
            gender = mention.gender or self._surname_gender.get(mention.key)
            gendered = replace(mention, gender=gender)
            candidates = self._filtered(
                ("person", gender), gendered, surname, _person_candidate, headline_rule=False
            )
            nearest = candidates.nearest(mention)
            if nearest is None:
                return mention.name
            anchor = self._story_actor(candidates.items, nearest)
        family = self._filtered(
            ("family",), anchor, surname, _same_person_form, headline_rule=False
        ).items or [anchor]
        best = max(
            family, key=lambda m: (self._name_counts[m.key], len(m.key), len(m.name), -m.start)
        )
        return best.name

    def _story_actor(self, candidates: list[Mention], nearest: Mention) -> Mention:
        """Of two people who share a surname (spouses, relatives), the one the article names
        in full more often is the one a bare surname means; on a tie, the nearest."""
        counts = self._name_counts
        best = max(candidates, key=lambda m: counts[m.key], default=nearest)
        if counts[best.key] > counts[nearest.key] and not _same_person_form(best, nearest):
            return best
        return nearest

    def _resolve(self, mention: Mention, depth: int) -> str:
        if mention.label == "PERSON" and mention.start not in self._links:
            return self._person_name(mention)
        longer = self._longer_form(mention)
        if longer is None or depth > 4:
            return mention.name
        return self._resolve(longer, depth + 1)

    def canonical(self, start: int) -> str | None:
        """The canonical name of the mention starting at `start`, if there is one."""
        return self._canonical.get(start)

    def mention_at(self, start: int, end: int) -> Mention | None:
        """The first mention overlapping [start, end), if any (mentions do not overlap
        each other)."""
        i = bisect.bisect_right(self._starts, start) - 1
        for mention in self.mentions[max(i, 0) : max(i, 0) + 2]:
            if mention.start < end and start < mention.end:
                return mention
        return None

    def canonical_for(self, start: int, end: int) -> str | None:
        """The canonical name of the mention overlapping [start, end), if any."""
        mention = self.mention_at(start, end)
        return self._canonical[mention.start] if mention else None


_Test = Callable[[Mention, Mention], bool]


def _any(short: Mention, long: Mention) -> bool:
    return True


def _person_candidate(short: Mention, long: Mention) -> bool:
    return _person_compatible(short, long) and _genders_agree(short, long)


def _grouped(pairs: Iterable[tuple[_Key, Mention]]) -> dict[_Key, list[Mention]]:
    """Mentions by key, each list in text order (mentions come sorted by start)."""
    groups: dict[_Key, list[Mention]] = {}
    for key, mention in pairs:
        groups.setdefault(key, []).append(mention)
    return groups


def _surname_genders(mentions: Sequence[Mention]) -> dict[tuple[str, ...], str]:
    """The gender that the titled mentions of a bare surname agree on ("Mr. Obama" ...
    "Mr. Obama"), which its untitled mentions ("President Obama") then share; none where
    they disagree ("Mr. Clinton", "Mrs. Clinton")."""
    seen: dict[tuple[str, ...], set[str]] = {}
    for m in mentions:
        if m.label == "PERSON" and len(m.key) == 1 and m.gender:
            seen.setdefault(m.key, set()).add(m.gender)
    return {key: next(iter(found)) for key, found in seen.items() if len(found) == 1}


def mention_gender(text: str, start: int, end: int) -> str | None:
    """The gender a person mention tells: a gendered title just before it or leading it
    ("Mr. Obama", "Mrs. Clinton"; "Sen." tells none), else a common given name followed by
    a surname ("Michelle Obama")."""
    genders = lexicons.mapping("people/gendered_words")
    before = _WORD_BEFORE.search(text, max(0, start - 16), start)
    if before is not None and before.group(1).lower().rstrip(".") in genders:
        return genders[before.group(1).lower().rstrip(".")]
    words = re.findall(r"[\w'’-]+", text[start:end])
    leading = lexicons.words("people/person_titles").union(genders)
    while words and words[0].lower() in leading:
        if words[0].lower() in genders:
            return genders[words[0].lower()]
        words.pop(0)
    if len(words) > 1:
        return lexicons.mapping("people/first_names").get(words[0].lower())
    return None


def _spells(acronym: str, name: str) -> bool:
    """Whether the acronym's letters are initials of the name's words, in order."""
    initials = iter(w[0].upper() for w in re.findall(r"[\w'’-]+", name))
    return all(letter in initials for letter in acronym.replace(".", "").upper())


def _parenthesis_links(text: str, spans: Sequence[Span]) -> list[tuple[int, int]]:
    """Acronyms introduced right after a name: "Customs and Border Protection (CBP)"."""
    links = []
    for first, second in itertools.pairwise(spans):
        between = text[first.end_char : second.start_char]
        if (
            re.fullmatch(r"['’]?s?\s*\(|,\s+or\s+", between)
            and _is_acronym(second.text)
            and _spells(second.text, first.text)
        ):
            links.append((second.start_char, first.start_char))
    return links


def entity_index(ctx: ArticleContext) -> EntityIndex:
    """Index the named entities of the article's Doc that are outside boilerplate."""
    doc = ctx.doc
    trimmed = (_without_spaces(ent) for ent in doc.ents if ent.label_ in NAMED_LABELS)
    spans = [
        ent
        for ent in trimmed
        if any(c.isalnum() for c in ent.text)  # not a name: "🇸", half a flag emoji
        and not ctx.in_boilerplate(ent.start_char, ent.end_char)
    ]
    mentions = [
        Mention(
            s.start_char,
            s.end_char,
            s.label_,
            normalise_name(s.text, s.label_),
            mention_gender(ctx.text, s.start_char, s.end_char),
        )
        for s in spans
    ]
    text = ctx.text.lstrip()
    first_line = text[: next_break(text, 0)]
    headline_end = ctx.text.find(first_line) + len(first_line) if len(first_line) <= 200 else 0
    return EntityIndex(
        _relabel_surnames(mentions), _parenthesis_links(ctx.text, spans), headline_end
    )


def _without_spaces(ent: Span) -> Span:
    """The entity without the line breaks the recogniser sometimes takes in at its ends
    (a headline's name followed by its blank line)."""
    start, end = ent.start, ent.end
    while start < end and ent.doc[start].is_space:
        start += 1
    while end > start and ent.doc[end - 1].is_space:
        end -= 1
    if (start, end) == (ent.start, ent.end):
        return ent
    return Span(ent.doc, start, end, label=ent.label)


def _relabel_surnames(mentions: list[Mention]) -> list[Mention]:
    """A lone word that is the surname of a person named in the article is that person.

    The small model often tags a bare surname ("Seeborg said") as ORG or GPE.
    """
    surnames = {m.key[-1] for m in mentions if m.label == "PERSON" and len(m.key) > 1}
    return [
        replace(m, label="PERSON")
        if m.label in _SURNAME_MISLABELS
        and len(m.key) == 1
        and m.key[0] in surnames
        and not _is_acronym(m.name)
        else m
        for m in mentions
    ]


def extract_entities(ctx: ArticleContext) -> list[Entity]:
    """The article's named entities (not dates or numbers) with their canonical names.

    Reads the entity index of `ctx.names` (filled before this step)."""
    index = ctx.names.index
    return [
        Entity(
            text=ctx.text[m.start : m.end],
            start=m.start,
            end=m.end,
            label=m.label,
            canonical=index.canonical(m.start) or m.name,
        )
        for m in index.mentions
    ]
