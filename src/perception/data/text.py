"""Text normalization, what counts as a text, and PII redaction, shared by ingest and serving."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import phonenumbers

PII_TOKENS: dict[str, str] = {
    "url": "<URL>",
    "email": "<EMAIL>",
    "handle": "<USER>",
    "phone": "<PHONE>",
    "card": "<CARD>",
}

# Features strip these: they mark where PII was, and carry no affect of their own.
REDACTION_RE = re.compile("|".join(re.escape(token) for token in PII_TOKENS.values()))

_WHITESPACE = re.compile(r"\s+")
# Invisible characters that carry no meaning in a short text but can make two equal-looking
# texts differ (zero-width space, word joiner, BOM, soft hyphen) or reorder what a reader sees
# (bidi embeddings, overrides and isolates: "Trojan Source"). ZWJ and ZWNJ stay: emoji
# sequences and Indic scripts need them.
_INVISIBLE = frozenset(
    "\u00ad\u061c\u200b\u200e\u200f\u2060\ufeff"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)


def normalize_text(text: str) -> str:
    """NFC, control and invisible format characters dropped (tabs/newlines become spaces),
    whitespace collapsed."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(
        " " if ch in "\t\n\r\x0b\x0c" else ch
        for ch in text
        if ch in "\t\n\r\x0b\x0c"
        or (unicodedata.category(ch) != "Cc" and ch not in _INVISIBLE)
    )
    return _WHITESPACE.sub(" ", text).strip()


def _visible(ch: str) -> bool:
    # Letters, digits, punctuation and symbols (emoji are symbols). Not: spaces, combining
    # marks on their own, format characters (ZWJ, ZWNJ), private use, unassigned.
    return unicodedata.category(ch)[0] in "LNPS"


def is_text(text: str) -> bool:
    """A text has at least one letter, digit, punctuation mark or symbol (emoji included).

    "!" and "😭" are texts; a string of zero-width joiners, combining marks or bidi controls is
    not, even though it is non-empty.
    """
    return any(_visible(ch) for ch in text)


def dedup_key(text: str) -> str:
    """A looser key than exact text: case and punctuation differences still count as one text.

    Split uses it so that near-identical texts never straddle train and test. A text with no
    word characters ("!", "?\"", "🙏🙏") keys on its visible characters, so every text has a
    non-empty key and punctuation-only texts do not all collapse into one "" key.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    words = re.findall(r"\w+", folded)
    if words:
        return " ".join(words)
    return "".join(ch for ch in folded if _visible(ch))


def word_count(text: str) -> int:
    return len(text.split())


# --------------------------------------------------------------------------------------------
# PII: find spans, then replace them. Each finder yields (start, end) spans; earlier finders
# win where spans overlap (a URL may contain an @handle or digits, an email contains a domain).


@dataclass(frozen=True)
class PiiSpan:
    start: int
    end: int
    kind: str


_URL_CHARS = r"[^\s<>\"'`{}|\\^]"
_SCHEME_URL = re.compile(
    rf"\b(?:(?:https?|ftps?|sftp|file)://|mailto:|www\d{{0,3}}\.){_URL_CHARS}+", re.IGNORECASE)
# Without a scheme, a dotted name counts as a URL when it has a path (bit.ly/xyz,
# example.com/profile/jane) or ends in one of a few TLDs that are rarely anything else.
# "tired.me" or "so.in" in chat is more often a missing space than a web address.
_BARE_TLDS = frozenset(
    {"com", "org", "net", "edu", "gov", "io", "info", "biz", "app", "dev", "xyz", "ly"})
_BARE_DOMAIN = re.compile(
    rf"(?<![\w@.\-/:])(?:[a-z0-9](?:[a-z0-9-]{{0,61}}[a-z0-9])?\.)+(?P<tld>[a-z]{{2,24}})"
    rf"(?P<path>/{_URL_CHARS}*)?(?![\w@-])",
    re.IGNORECASE,
)
# The local part and domain may be non-ASCII (RFC 6531): josé@correo.es, 用户@例子.广告.
_EMAIL = re.compile(
    r"(?<![\w.+%'-])[\w.+%'-]+@(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+[^\W\d_]{2,}(?![\w-])"
)
_HANDLE = re.compile(r"(?<![\w@<])@[A-Za-z0-9_]{2,30}\b")
_CARD = re.compile(r"(?<![\w.,])\d(?:[ -]?\d){12,18}(?![\w]|[.,]\d)")
# Numbers too short or too unstructured to be a phone number never reach phonenumbers (fast
# path: most texts have no digits at all).
_DIGIT_RUN = re.compile(r"\d(?:[\s().\-/]{0,3}\d){6,}")
# Regions whose national formats are recognised without a +country code: the corpus is
# English and Hinglish, so US and Indian numbers, plus the UK. Numbers with a + prefix are
# recognised for every country regardless.
PHONE_REGIONS: tuple[str, ...] = ("US", "IN", "GB")
_TRAILING = ".,;:!?'\""


def _trim_url(text: str, start: int, end: int) -> int:
    """Drop sentence punctuation after a URL; keep a closing parenthesis that has its pair."""
    while end > start:
        ch = text[end - 1]
        if ch in _TRAILING or (ch == ")" and text.count("(", start, end) < text.count(
                ")", start, end)):
            end -= 1
        else:
            break
    return end


def _urls(text: str) -> Iterator[tuple[int, int]]:
    for m in _SCHEME_URL.finditer(text):
        yield m.start(), _trim_url(text, m.start(), m.end())


def _bare_urls(text: str) -> Iterator[tuple[int, int]]:
    for m in _BARE_DOMAIN.finditer(text):
        if m.group("path") or m.group("tld").lower() in _BARE_TLDS:
            yield m.start(), _trim_url(text, m.start(), m.end())


def _emails(text: str) -> Iterator[tuple[int, int]]:
    for m in _EMAIL.finditer(text):
        yield m.span()


def _handles(text: str) -> Iterator[tuple[int, int]]:
    for m in _HANDLE.finditer(text):
        yield m.span()


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _cards(text: str) -> Iterator[tuple[int, int]]:
    for m in _CARD.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if 13 <= len(digits) <= 19 and luhn_valid(digits):
            yield m.span()


def _phones(text: str) -> Iterator[tuple[int, int]]:
    if not _DIGIT_RUN.search(text):
        return
    for region in PHONE_REGIONS:
        # VALID: the number must be assignable in its country's numbering plan, which is what
        # keeps ZIP+4 codes, dates, prices and scores out.
        for m in phonenumbers.PhoneNumberMatcher(text, region,
                                                 leniency=phonenumbers.Leniency.VALID):
            yield m.start, m.end


_FINDERS = (
    ("url", _urls),
    ("email", _emails),
    ("url", _bare_urls),
    ("card", _cards),
    ("phone", _phones),
    ("handle", _handles),
)


def find_pii(text: str) -> list[PiiSpan]:
    """Non-overlapping PII spans in `text`, in order."""
    spans: list[PiiSpan] = []
    for kind, finder in _FINDERS:
        for start, end in finder(text):
            if end <= start or any(s.start < end and start < s.end for s in spans):
                continue
            # <http://x.org>: the angle brackets delimit the URL (RFC 3986, appendix C) and go
            # with it, or the text would read "<<URL>>".
            if kind in ("url", "email") and start > 0 and text[start - 1] == "<" \
                    and text[end:end + 1] == ">":
                start, end = start - 1, end + 1
            spans.append(PiiSpan(start, end, kind))
    return sorted(spans, key=lambda s: s.start)


def redact_pii(text: str) -> tuple[str, Counter[str]]:
    """Replace URLs, emails, card numbers, phone numbers and @handles by redaction tokens;
    count each kind."""
    counts: Counter[str] = Counter()
    parts: list[str] = []
    pos = 0
    for span in find_pii(text):
        parts += [text[pos:span.start], PII_TOKENS[span.kind]]
        pos = span.end
        counts[span.kind] += 1
    parts.append(text[pos:])
    return "".join(parts), counts


def contact_key(value: str) -> str | None:
    """The canonical form of `value` if it contains an email address or phone number (for
    hashing contact-like user ids), else None. The same contact written two ways gives the
    same key: emails casefolded, phone numbers in E.164."""
    value = value.strip()
    kinds = {s.kind for s in find_pii(value)}
    if not kinds & {"email", "phone"}:
        return None
    for region in PHONE_REGIONS:
        try:
            number = phonenumbers.parse(value, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    return value.casefold()
