"""Bytes to text: the encoding of an article, and whether it is text at all.

BOM-marked UTF-8/16/32, UTF-16 without a BOM, UTF-8, a legacy encoding of another script
that charset-normalizer detects, cp1252, latin-1; binary data is refused by its signature
or by its share of control characters. Nothing is changed in the text.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

# Decoded text in which a larger share of the characters are control characters is binary.
# Ordinary text has none; random bytes decoded as latin-1 have about a quarter.
MAX_CONTROL_SHARE = 0.10
# A detected encoding is trusted when more than this share of its non-ASCII letters are of a
# script other than Latin (see `_other_script`).
MIN_OTHER_SCRIPT_SHARE = 0.5
# ... and when there are at least this many of them: a few odd bytes in English text are
# no evidence of another script.
MIN_OTHER_SCRIPT_LETTERS = 10

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe\x00\x00", "utf-32"),  # or UTF-16 text starting with NUL: tried next
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or an Office document"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
)
# C0 and C1 control characters other than tab, line feed, vertical tab, form feed, return.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


class DecodeError(ValueError):
    """The bytes are not text in any encoding mppclaims accepts."""


def decode(data: bytes) -> tuple[str, str]:
    """Decode article bytes and name the encoding; raise `DecodeError` for binary data.

    BOM-marked UTF-8/16/32 first, then UTF-16 without a BOM (recognised by its NUL bytes),
    then UTF-8, then a legacy encoding of another script that charset-normalizer detects
    (cp1251, Shift-JIS, GB18030, ...), then cp1252, then latin-1 (which decodes anything).
    Trailing NUL padding is kept in the text but not counted against it.
    """
    for signature, kind in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise DecodeError(f"binary data ({kind}), not text")
    text, encoding = _decode_text(data)
    body = text.rstrip("\x00")
    if text and not body:
        raise DecodeError("binary data (only NUL bytes), not text")
    controls = len(body) - len(_CONTROL.sub("", body))
    if controls > MAX_CONTROL_SHARE * len(body):
        share = round(100 * controls / len(body))
        raise DecodeError(f"binary data, not text: {share}% of its characters are control codes")
    return text, encoding


def _decode_text(data: bytes) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                if encoding == "utf-32":
                    continue
                raise DecodeError(
                    f"not valid {encoding} although it starts with a {encoding} byte-order mark "
                    f"({exc.reason} at byte {exc.start})"
                ) from exc
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    detected = _other_script(data)
    if detected is not None:
        return detected
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _other_script(data: bytes) -> tuple[str, str] | None:
    """Text in a legacy encoding of another script (cp1251, Shift-JIS, GB18030, ...).

    charset-normalizer names the encoding. Its guesses among the Latin code pages are
    unreliable on an article's worth of text (cp1252 curly quotes come out as cp1250 or
    cp850), so a guess is taken only when its letters beyond ASCII are mostly of another
    script, and there are enough of them; Latin text stays with cp1252, else latin-1.
    """
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None
    letters = [c for c in text if ord(c) > 0x7F and c.isalpha()]
    foreign = sum(1 for c in letters if not unicodedata.name(c, "").startswith("LATIN"))
    if foreign < MIN_OTHER_SCRIPT_LETTERS or foreign <= MIN_OTHER_SCRIPT_SHARE * len(letters):
        return None
    return text, codecs.lookup(best.encoding).name  # "utf-16-be", not "utf_16_be"


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 text without a BOM: mostly Latin text has a NUL in every other byte."""
    if len(data) < 4 or len(data) % 2:
        return None
    half = len(data) // 2
    nul_even, nul_odd = data[0::2].count(0), data[1::2].count(0)
    if nul_odd >= 0.4 * half and nul_even <= 0.01 * half:
        encoding = "utf-16-le"
    elif nul_even >= 0.4 * half and nul_odd <= 0.01 * half:
        encoding = "utf-16-be"
    else:
        return None
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:
        return None
