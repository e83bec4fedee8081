"""Text normalization and PII redaction, shared by ingest and (later) serving."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

PII_TOKENS: dict[str, str] = {
    "url": "<URL>",
    "email": "<EMAIL>",
    "handle": "<USER>",
    "phone": "<PHONE>",
}

# Features strip these: they mark where PII was, and carry no affect of their own.
REDACTION_RE = re.compile("|".join(re.escape(token) for token in PII_TOKENS.values()))

# Order matters: URLs can contain '@' and digits, emails contain '@', so those go first.
_PII_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("url", re.compile(r"\b(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)),
    ("email", re.compile(r"\b[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+\b")),
    ("handle", re.compile(r"(?<![\w@<])@[A-Za-z0-9_]{2,30}\b")),
    # 8+ digits, optionally with a country code and separators; shorter numbers are
    # times, counts and amounts, which carry meaning and are not identifying.
    ("phone", re.compile(r"(?<![\w<])\+?\d(?:[\s().-]?\d){7,14}(?!\w)")),
)
_WHITESPACE = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """NFC, control characters dropped (tabs/newlines become spaces), whitespace collapsed."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(
        " " if ch in "\t\n\r\x0b\x0c" else ch
        for ch in text
        if ch in "\t\n\r\x0b\x0c" or unicodedata.category(ch) != "Cc"
    )
    return _WHITESPACE.sub(" ", text).strip()


def redact_pii(text: str) -> tuple[str, Counter[str]]:
    """Replace emails, phone numbers, URLs and @handles by redaction tokens; count each kind."""
    counts: Counter[str] = Counter()
    for kind, pattern in _PII_PATTERNS:
        text, n = pattern.subn(PII_TOKENS[kind], text)
        if n:
            counts[kind] += n
    return text, counts


def dedup_key(text: str) -> str:
    """A looser key than exact text: case and punctuation differences still count as one text.

    Split uses it so that near-identical texts never straddle train and test.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(re.findall(r"\w+", folded))


def word_count(text: str) -> int:
    return len(text.split())
