"""Article metadata read from the raw text (title, authors, dateline, published) and boilerplate.

Nothing here edits the text. Boilerplate is returned as spans so that the extractors can
skip it while every offset keeps pointing into the text as given. A web page saved as text
keeps its tags too: they, comments and elements such as <script> and <style> are marked as
boilerplate with the reason "markup".
"""

from __future__ import annotations

import html
import itertools
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from . import lexicons
from .records import Boilerplate, Metadata, PublishedFrom

_log = logging.getLogger("mppclaims")

# How far into the article a header, byline or dateline may stand.
_HEAD_CHARS = 1200


def _month_names() -> str:
    """Capitalised month names and abbreviations of the months lexicon, with an optional dot."""
    names = sorted((name.capitalize() for name in lexicons.mapping("common/months")), key=len)
    return "(?:" + "|".join(reversed(names)) + r")\.?"


_MONTHS = _month_names()
_WRITTEN_DATE = rf"(?P<month>{_MONTHS})\s+(?P<day>\d{{1,2}}),?\s+(?P<year>(?:19|20)\d\d)"
_ISO_DATE = r"(?P<iso>(?:19|20)\d\d-\d\d-\d\d)"
_NAME = r"[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|da|del|la))*"

_HEADER_STAMP = re.compile(rf"^[ \t]*(?:date|published|posted|updated)[:\s]+{_ISO_DATE}", re.I)
_BYLINE = re.compile(
    rf"^[ \t]*(?:(?:{_WRITTEN_DATE}|{_ISO_DATE})[^\n]{{0,40}}?\s)?By\s+"
    rf"(?P<authors>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)[ \t]*$",
    re.M,
)
_DATELINE = re.compile(
    rf"^[ \t]*(?P<place>[A-Z][\w.'’ ]{{1,40}}?(?:,\s*[A-Z][\w.]{{1,15}})?)"
    rf"(?:,\s*{_WRITTEN_DATE})?\s*(?:\([A-Z]+\))?\s*[—–―-]{{1,2}}",
    re.M,
)
_BARE_DATELINE = re.compile(r"^[ \t]*[A-Z][\w.&' ]{1,40}?\s*[—–―-]{1,2}[ \t]*$")
_DATE_LINE = re.compile(rf"^[ \t]*{_WRITTEN_DATE}[ \t]*$", re.I)
_STRONG_TAIL = {"blurb"}
# A line of up to this many sentences that holds boilerplate is marked whole (a caption and
# its credit); in a longer one only the sentences that match are.
_WHOLE_LINE_SENTENCES = 2
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9])")
# Reasons whose sentences are boilerplate only as a call to the reader (see `_calls_reader`).
_READER_CALLS = {"newsletter"}
_SPACE = re.compile(r"\s+")
_READER = re.compile(r"\b(?:you|your|yours|our|us)\b", re.I)
# Third-person possessives and verbs of reporting: a sentence that tells of a sign-up.
_REPORTED = re.compile(r"\b(?:its|their|his|her|said|says|told|urged|asked|according to)\b", re.I)
# An article whose boilerplate (markup aside) covers this share of its text gets a warning.
WARN_BOILERPLATE_SHARE = 0.9

# Web pages saved as text: a doctype or <html> tag near the start, or a few closing tags.
_HTML_START = re.compile(r"<!doctype\s+html|<html[\s>]", re.I)
_HTML_HEAD_CHARS = 4096
_CLOSING_TAG = re.compile(r"</[A-Za-z][\w:-]*\s*>")
_MIN_CLOSING_TAGS = 3
# A tag's attributes; quoted values may hold ">" (bounded, so a stray quote cannot run on).
_ATTRS = r"""(?:[^<>"']|"[^"]{0,2000}"|'[^']{0,2000}')*"""
_TAG = re.compile(rf"</?[A-Za-z][\w:.-]*{_ATTRS}>|<!--.*?(?:-->|\Z)|<![^<>]*>|<\?[^<>]*>", re.S)
_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title\s*>", re.S | re.I)
_META = re.compile(rf"<meta\b{_ATTRS}>", re.I)
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_ISO_START = re.compile(r"\s*((?:19|20)\d\d-\d\d-\d\d)")


@dataclass(frozen=True)
class Line:
    """A non-empty line of the article with its offsets (trailing spaces excluded)."""

    start: int
    end: int
    text: str


def lines(text: str) -> list[Line]:
    """Split into non-empty lines, keeping exact offsets."""
    found = []
    for match in re.finditer(r"[^\r\n]+", text):
        stripped = match.group().rstrip()
        if stripped.strip():
            found.append(Line(match.start(), match.start() + len(stripped), stripped))
    return found


def _month(name: str) -> int:
    return int(lexicons.mapping("common/months")[name.rstrip(".").lower()])


def _to_date(match: re.Match[str]) -> date | None:
    """The date of a match of `_WRITTEN_DATE` or `_ISO_DATE`, or None when it is no date."""
    groups = match.groupdict()
    try:
        if groups.get("iso"):
            return date.fromisoformat(groups["iso"])
        if groups.get("month"):
            return date(int(groups["year"]), _month(groups["month"]), int(groups["day"]))
    except (ValueError, KeyError):
        return None
    return None


@dataclass(frozen=True)
class Stamp:
    """A publication stamp found in the head of the article."""

    start: int
    end: int
    reason: str
    published: date | None = None
    authors: tuple[str, ...] = ()
    dateline: str | None = None


def find_stamps(text: str) -> list[Stamp]:
    """Header stamps, bylines and datelines in the first lines of the article."""
    head = text[:_HEAD_CHARS]
    stamps: list[Stamp] = []
    for line in lines(head):
        header = _HEADER_STAMP.match(line.text)
        if header:
            stamps.append(
                Stamp(
                    line.start + header.start(),
                    line.start + header.end(),
                    "header",
                    _to_date(header),
                )
            )
            continue
        byline = _BYLINE.match(line.text)
        if byline and len(line.text) < 160:
            names = re.split(r"\s*(?:,|\band\b|&)\s*", byline.group("authors"))
            stamps.append(
                Stamp(
                    line.start,
                    line.end,
                    "byline",
                    _to_date(byline),
                    authors=tuple(n.strip() for n in names if n.strip()),
                )
            )
            continue
        dateline = _DATELINE.match(line.text)
        if dateline and (dateline.group("month") or dateline.group("place").isupper()):
            place = dateline.group("place").strip()
            stamps.append(
                Stamp(
                    line.start + dateline.start(),
                    line.start + dateline.end(),
                    "dateline",
                    _to_date(dateline),
                    dateline=place,
                )
            )
        elif _BARE_DATELINE.match(line.text) and len(line.text.split()) <= 4:
            place = re.sub(r"\s*[—–―-]+\s*$", "", line.text).strip()
            stamps.append(Stamp(line.start, line.end, "dateline", None, dateline=place))
    return stamps


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    compiled = []
    for entry in lexicons.entries("metadata/boilerplate"):
        reason, _, pattern = entry.partition(":")
        compiled.append((reason.strip(), re.compile(pattern.strip(), re.I)))
    return tuple(compiled)


def _reason(line: str) -> str | None:
    found = _match(line)
    return found[0] if found else None


def _match(passage: str) -> tuple[str, re.Match[str]] | None:
    for reason, pattern in _patterns():
        match = pattern.search(passage)
        if match is not None:
            return reason, match
    return None


def _sentences(line: Line) -> list[tuple[int, int]]:
    """The sentences of a line as (start, end) offsets in the article."""
    bounds, start = [], 0
    for cut in _SENTENCE_BREAK.finditer(line.text):
        bounds.append((line.start + start, line.start + cut.start()))
        start = cut.end()
    bounds.append((line.start + start, line.end))
    return bounds


def _calls_reader(sentence: str) -> bool:
    """Whether a sign-up sentence is a call to the reader ("Sign up for our alerts") and
    not a report of one ("The county urged residents to sign up for its alerts"): it
    addresses the reader, or at least neither reports speech nor names a third party's
    channel."""
    return _READER.search(sentence) is not None or _REPORTED.search(sentence) is None


def _marked_sentences(text: str, line: Line) -> list[Boilerplate]:
    """Boilerplate in one line: the whole line when it is short, else only the sentences
    that match, so that a paragraph (or an article on one line) keeps its news."""
    sentences = _sentences(line)
    spans = []
    for start, end in sentences:
        found = _match(text[start:end])
        if found is None or found[0] in _STRONG_TAIL:
            continue
        reason = found[0]
        if reason in _READER_CALLS and not _calls_reader(text[start:end]):
            continue
        spans.append(_span(text, start, end, reason))
    if spans and len(sentences) <= _WHOLE_LINE_SENTENCES:
        return [_span(text, line.start, line.end, spans[0].reason)]
    return spans


def _span(text: str, start: int, end: int, reason: str) -> Boilerplate:
    return Boilerplate(text=text[start:end], start=start, end=end, reason=reason)


def is_markup(text: str) -> bool:
    """Whether the text is a web page saved as text (HTML or XML with tags)."""
    if _HTML_START.search(text, 0, _HTML_HEAD_CHARS):
        return True
    closing = itertools.islice(_CLOSING_TAG.finditer(text), _MIN_CLOSING_TAGS)
    return sum(1 for _ in closing) >= _MIN_CLOSING_TAGS


@cache
def _hidden_element() -> re.Pattern[str]:
    names = "|".join(re.escape(name) for name in lexicons.entries("metadata/markup_hidden"))
    return re.compile(rf"<({names})\b{_ATTRS}>.*?(?:</\1\s*>|\Z)", re.S | re.I)


def find_markup(text: str) -> list[Boilerplate]:
    """Tags, comments and non-text elements (<script>, <style>, ...) of a web page.

    Empty for text that is not markup. Neighbouring pieces with only whitespace between
    them form one span. Character references (`&rdquo;`) stay: they stand for text.
    """
    if not is_markup(text):
        return []
    pieces: list[tuple[int, int]] = []
    position = 0
    for hidden in _hidden_element().finditer(text):  # tags are looked for between them only
        pieces.extend(m.span() for m in _TAG.finditer(text, position, hidden.start()))
        pieces.append(hidden.span())
        position = hidden.end()
    pieces.extend(m.span() for m in _TAG.finditer(text, position))
    spans: list[tuple[int, int]] = []
    for start, end in pieces:
        if spans and not text[spans[-1][1] : start].strip():
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    return [_span(text, start, end, "markup") for start, end in spans]


def markup_title(text: str) -> str | None:
    """The <title> of a web page, with character references resolved."""
    match = _TITLE.search(text)
    if match is None:
        return None
    title = " ".join(html.unescape(_TAG.sub(" ", match.group(1))).split())
    return title or None


def markup_published(text: str) -> date | None:
    """The publication date a web page states in a <meta> tag (names in `markup_dates`)."""
    names = lexicons.words("metadata/markup_dates")
    for meta in _META.finditer(text):
        attributes = {
            m.group(1).lower(): next(v for v in m.groups()[1:] if v is not None)
            for m in _ATTR.finditer(meta.group())
        }
        name = attributes.get("property") or attributes.get("name") or attributes.get("itemprop")
        iso = _ISO_START.match(attributes.get("content", ""))
        if name and name.lower() in names and iso:
            try:
                return date.fromisoformat(iso.group(1))
            except ValueError:
                continue
    return None


def find_boilerplate(text: str, stamps: Sequence[Stamp] = ()) -> list[Boilerplate]:
    """Mark the passages that are not news content, by general patterns over lines.

    A teaser heading ("Editor's Pick") or a press-release tail marker ("For more
    information", "Learn more at") in the second half of the article starts a tail that
    runs to the end; everything else is marked line by line, or sentence by sentence in a
    line of several sentences, and never a whole article that stands on one line. A
    sign-up sentence counts only as a call to the reader. In a web page, the markup.
    """
    all_lines = lines(text)
    marked: list[Boilerplate] = [
        _span(text, s.start, s.end, s.reason)
        for s in stamps
        if s.reason != "dateline" or s.published
    ]
    marked.extend(find_markup(text))
    found: list[Boilerplate] = []
    half = len(text) // 2
    bare_datelines = [
        s for s in stamps if s.reason == "dateline" and s.start == _line_start(all_lines, s.start)
    ]
    for i, line in enumerate(all_lines):
        reason = _reason(line.text)
        if reason in ("teaser", *_STRONG_TAIL) and line.start >= half:
            tail_end = all_lines[-1].end
            marked.append(_span(text, line.start, tail_end, reason))
            break
        if (
            reason == "footer"
            and i + 1 < len(all_lines)
            and _DATE_LINE.match(all_lines[i + 1].text)
        ):
            marked.append(_span(text, line.start, all_lines[i + 1].end, reason))
        elif reason is not None and reason not in _STRONG_TAIL:
            found.extend(_marked_sentences(text, line))
        elif _is_caption_before_dateline(line, all_lines, i, bare_datelines):
            found.append(_span(text, line.start, line.end, "caption"))
    if len(all_lines) == 1 and any(
        b.start <= all_lines[0].start and b.end >= all_lines[0].end for b in found
    ):
        found = []  # never a whole one-line article (JSON Lines often has them)
    return _merge(marked + found)


def _line_start(all_lines: Sequence[Line], offset: int) -> int:
    for line in all_lines:
        if line.start <= offset < max(line.end, line.start + 1):
            return line.start
    return -1


def _is_caption_before_dateline(
    line: Line, all_lines: Sequence[Line], i: int, datelines: Sequence[Stamp]
) -> bool:
    """A full sentence directly above an outlet-only dateline ("CNN —") is a photo caption."""
    if i + 1 >= len(all_lines) or i > 3:
        return False
    following = all_lines[i + 1]
    bare = any(s.start == following.start and s.end == following.end for s in datelines)
    return bare and line.text.rstrip().endswith(".") and len(line.text.split()) > 12


def _merge(spans: list[Boilerplate]) -> list[Boilerplate]:
    """Sort, and fold spans contained in another into it (overlaps keep both)."""
    result: list[Boilerplate] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if result and span.end <= result[-1].end:
            continue
        result.append(span)
    return result


def boilerplate_share(text: str, boilerplate: Sequence[Boilerplate]) -> float:
    """The share of the article's visible characters (not whitespace, not markup) that its
    boilerplate other than markup covers."""

    def visible(spans: list[tuple[int, int]]) -> int:
        total, reached = 0, 0
        for start, end in sorted(spans):
            start = max(start, reached)
            if end > start:
                total += len(_SPACE.sub("", text[start:end]))
                reached = end
        return total

    markup = visible([(b.start, b.end) for b in boilerplate if b.reason == "markup"])
    shown = visible([(0, len(text))]) - markup
    marked = visible([(b.start, b.end) for b in boilerplate if b.reason != "markup"])
    return min(1.0, marked / shown) if shown > 0 else 0.0


def find_title(
    text: str, boilerplate: Sequence[Boilerplate], stamps: Sequence[Stamp]
) -> str | None:
    """The first line, when it is short, stands alone and is neither boilerplate nor a stamp."""
    all_lines = lines(text)
    if len(all_lines) < 2:
        return None
    first = all_lines[0]
    covered = any(b.start <= first.start < b.end for b in boilerplate) or any(
        s.start <= first.start < s.end for s in stamps
    )
    if covered or len(first.text) > 200 or len(first.text.split()) > 25:
        return None
    return first.text.strip()


def read_metadata(
    text: str,
    *,
    published: date | None = None,
    title: str | None = None,
    name: str | None = None,
) -> tuple[Metadata, list[Boilerplate]]:
    """Metadata and boilerplate of one article (`name`, its file or id, for messages).

    The publication date stated in the text (header, byline, dateline) wins; `published`
    (from the input or `--published`) is used when the text states none. Never today's date.
    When boilerplate covers nearly all of the article, a warning says so.
    """
    stamps = find_stamps(text)
    boilerplate = find_boilerplate(text, stamps)
    share = boilerplate_share(text, boilerplate)
    if share >= WARN_BOILERPLATE_SHARE:
        _log.warning(
            "mppclaims: %s: boilerplate covers %d%% of the article, so almost nothing in it "
            "is extracted; see the record's boilerplate list",
            name or "an article",
            round(100 * share),
        )
    markup = is_markup(text)
    stated = next((s.published for s in stamps if s.published), None)
    if stated is None and markup:
        stated = markup_published(text)
    source: PublishedFrom | None = "text" if stated else ("input" if published else None)
    authors = [a for s in stamps for a in s.authors]
    dateline = next((s.dateline for s in stamps if s.dateline), None)
    metadata = Metadata(
        title=title
        or (markup_title(text) if markup else None)
        or find_title(text, boilerplate, stamps),
        authors=list(dict.fromkeys(authors)),
        published=stated or published,
        published_from=source,
        dateline=dateline,
    )
    return metadata, boilerplate
