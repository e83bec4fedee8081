"""Crisis lexicon cues: a feature group and a recall-first safety net.

The cues are regular expressions in the versioned data file ``crisis_lexicon.yaml`` (next to
this module; see ``docs/crisis_lexicon.md``): categories (method, plan, timing, farewell,
active and passive ideation, self-harm, substance, panic, psychotic), each pattern with an id,
a language and the crisis type it points to, plus suppressors (negation, idioms, fiction,
third person, past, recovery, helper, medical, accidental, benign context). A suppressed cue is
kept and reported with ``suppressed_by``; ``Cue.active`` cues are the rest.

Everything is per sentence, split by the project's one segmenter
(``perception.features.sentences.sentence_spans``), so a crisis sentence inside a long text
gives the same cue counts as alone, and a combination only counts inside one sentence.

* ``text_cues(text)``: one ``SentenceCues`` per sentence, every cue with offsets in the text.
* ``cue_features(texts)``: ``CUE_COLUMNS`` (float64), one row per text:
  ``crisis_cat_<category>`` and ``crisis_type_<type>``: the most active cues of that category /
  crisis type in any one sentence; ``crisis_cue_sentences``: sentences with an active cue;
  ``crisis_explicit``: 1 if the safety net fires; ``crisis_suppressed``: suppressed cues;
  ``crisis_cue_sentence_share``: sentences with an active cue / sentences.
* ``safety_net(text)``: why the lexicon alone asks for review (``"method+timing"``,
  ``"explicit:kill_myself"``, ...), never the user's words; empty when it does not.
* ``explain(text)``: the sentences with active cues, as offsets and pattern ids.

Patterns are compiled once at import; results per sentence are cached by sentence text.
"""

from __future__ import annotations

import importlib.resources
import re
import re._constants as _C  # the prefilter reads the parsed pattern (Python 3.11 is pinned)
import re._parser as _parser
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd
import yaml

from perception.data.schema import CRISIS_TYPES
from perception.errors import FeatureError
from perception.features.sentences import sentence_spans

LEXICON_FILE = "crisis_lexicon.yaml"
CATEGORIES: tuple[str, ...] = (
    "method", "plan", "timing", "farewell", "active_ideation", "passive_ideation",
    "self_harm", "substance", "panic", "psychotic",
)  # fmt: skip
CUE_TYPES: tuple[str, ...] = tuple(t for t in CRISIS_TYPES if t != "none")
LANGS: tuple[str, ...] = ("en", "hinglish", "any")
SCOPES: tuple[str, ...] = ("before", "after", "overlap", "sentence")
SUPPRESSOR_KINDS: tuple[str, ...] = ("negation", "idiom", "context")
# Pairs of categories that, active in one sentence, set the safety net. "ideation" stands for
# either ideation category; a pair of one category needs two different patterns of it. Reason
# strings are "a+b" in this order.
COMBINATIONS: tuple[tuple[str, str], ...] = (
    ("method", "plan"), ("method", "timing"), ("plan", "timing"),
    ("farewell", "method"), ("farewell", "plan"), ("farewell", "timing"),
    ("ideation", "method"), ("ideation", "timing"), ("farewell", "ideation"),
    ("farewell", "farewell"),
)  # fmt: skip
_IDEATION = frozenset({"active_ideation", "passive_ideation"})

CUE_COLUMNS: tuple[str, ...] = (
    *(f"crisis_cat_{c}" for c in CATEGORIES),
    *(f"crisis_type_{t}" for t in CUE_TYPES),
    "crisis_cue_sentences", "crisis_explicit", "crisis_suppressed", "crisis_cue_sentence_share",
)  # fmt: skip

# Texts are matched lower-cased (ASCII A-Z only, so lengths and offsets do not change) and
# patterns are written in lower case, which is twice as fast as IGNORECASE.
_FLAGS = re.VERBOSE
_SPELLING_REF = re.compile(r"\{([A-Z][A-Z_]*)\}")
_ID = re.compile(r"[a-z][a-z0-9_]*\Z")
_PREPARE = str.maketrans({**{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)},
                          "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'"})


class LexiconError(FeatureError, ValueError):
    """The lexicon file is malformed: the message names the entry."""


@dataclass(frozen=True)
class Pattern:
    id: str
    category: str
    crisis_type: str | None
    lang: str
    explicit: bool
    regex: re.Pattern[str]
    needles: frozenset[str] | None  # one of these is in any sentence it matches; None: no filter


@dataclass(frozen=True)
class Suppressor:
    id: str
    kind: str
    scope: str
    lang: str
    applies_to: frozenset[str] | None  # None: every cue
    spare_explicit: bool
    regex: re.Pattern[str]
    unless: re.Pattern[str] | None
    unless_after: re.Pattern[str] | None

    def applies(self, p: Pattern) -> bool:
        if self.spare_explicit and p.explicit:
            return False
        return self.applies_to is None or not self.applies_to.isdisjoint(
            (p.category, p.crisis_type, p.id))


@dataclass(frozen=True)
class Lexicon:
    version: str
    patterns: tuple[Pattern, ...]
    suppressors: tuple[Suppressor, ...]


@dataclass(frozen=True)
class Cue:
    category: str
    crisis_type: str | None
    pattern_id: str
    start: int
    end: int
    suppressed_by: str | None = None

    @property
    def active(self) -> bool:
        return self.suppressed_by is None


@dataclass
class SentenceCues:
    index: int
    start: int
    end: int
    cues: list[Cue]

    @property
    def active(self) -> list[Cue]:
        return [c for c in self.cues if c.suppressed_by is None]


# --- loading and validation -------------------------------------------------------------


def _keys(entry: Any, where: str, required: set[str], optional: set[str]) -> dict[str, Any]:
    if not isinstance(entry, Mapping):
        raise LexiconError(f"{where}: expected a mapping, got {type(entry).__name__}")
    missing = required - set(entry)
    unknown = set(entry) - required - optional
    if missing or unknown:
        raise LexiconError(f"{where}: missing {sorted(missing)}, unknown {sorted(unknown)}")
    return dict(entry)


def _compile(source: Any, spellings: Mapping[str, str], where: str) -> re.Pattern[str]:
    if not isinstance(source, str) or not source.strip():
        raise LexiconError(f"{where}: the pattern must be a non-empty string")

    def expand(m: re.Match[str]) -> str:
        if m.group(1) not in spellings:
            raise LexiconError(f"{where}: unknown spelling {{{m.group(1)}}}")
        return spellings[m.group(1)]

    expanded = _SPELLING_REF.sub(expand, source)
    # Texts are lower-cased before matching, so an upper-case letter could never match.
    if re.search(r"[A-Z]", re.sub(r"\\.|\(\?P[<=]", "", expanded)):
        raise LexiconError(f"{where}: write patterns in lower case (texts are lower-cased)")
    try:
        regex = re.compile(expanded, _FLAGS)
    except re.error as e:
        raise LexiconError(f"{where}: does not compile: {e}") from e
    return regex


def _necessary(seq: Any) -> frozenset[str] | None:
    """Strings of which any match of the parsed pattern `seq` must contain one (or None when
    the analysis finds none): the prefilter that skips a pattern when none is in the sentence.
    Sound by construction: a sequence needs what any one of its parts needs, a branch what
    one of its alternatives needs, a repeat what its body needs only if it repeats at least
    once; a lookahead's strings are in the sentence too."""
    candidates: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in seq:
        if op is _C.LITERAL:
            run.append(chr(av))
            continue
        if run:
            candidates.append(frozenset({"".join(run)}))
            run = []
        found: frozenset[str] | None = None
        if op is _C.SUBPATTERN:
            found = _necessary(av[3])
        elif op is _C.ATOMIC_GROUP:
            found = _necessary(av)
        elif op is _C.BRANCH:
            parts = [_necessary(alt) for alt in av[1]]
            if all(part is not None for part in parts):
                found = frozenset().union(*parts)  # type: ignore[arg-type]
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT) and av[0] >= 1:
            found = _necessary(av[2])
        elif op is _C.ASSERT:
            found = _necessary(av[1])
        if found:
            candidates.append(found)
    if run:
        candidates.append(frozenset({"".join(run)}))
    # Drop a string that contains another of the set: the shorter one is present anyway.
    candidates = [frozenset(x for x in c if not any(y != x and y in x for y in c))
                  for c in candidates if c and all(c)]
    if not candidates:
        return None
    return max(candidates, key=lambda c: (min(min(map(len, c)), 5), -len(c)))


def _needles(regex: re.Pattern[str]) -> frozenset[str] | None:
    try:
        return _necessary(_parser.parse(regex.pattern, regex.flags).data)
    except Exception:  # a parser internals change must not break matching: no prefilter
        return None


def _bool(entry: Mapping[str, Any], key: str, where: str) -> bool:
    value = entry.get(key, False)
    if not isinstance(value, bool):
        raise LexiconError(f"{where}: {key} must be true or false")
    return value


def _choice(value: Any, allowed: Iterable[Any], what: str, where: str) -> Any:
    allowed = tuple(allowed)
    if value not in allowed:
        raise LexiconError(f"{where}: {what} {value!r} is not one of {list(allowed)}")
    return value


def parse_lexicon(raw: Any) -> Lexicon:
    """Validate the parsed YAML and compile it: every pattern compiles, ids are unique and
    well-formed, categories are exactly ``CATEGORIES``, crisis types are among ``CUE_TYPES``,
    every crisis type has a pattern, suppressors name known scopes and targets."""
    top = _keys(raw, "lexicon", {"version", "about", "spellings", "categories", "suppressors"},
                set())
    version = top["version"]
    if not isinstance(version, str) or not re.fullmatch(r"\d+\.\d+\.\d+", version):
        raise LexiconError(f"version: expected 'MAJOR.MINOR.PATCH', got {version!r}")
    spellings = top["spellings"]
    if not isinstance(spellings, Mapping) or not all(
            isinstance(k, str) and _SPELLING_REF.fullmatch("{" + k + "}") and isinstance(v, str)
            for k, v in spellings.items()):
        raise LexiconError("spellings: expected UPPER_CASE names mapped to pattern strings")
    for name, value in spellings.items():
        _compile(value, {}, f"spellings.{name}")
    categories = top["categories"]
    if not isinstance(categories, Mapping) or tuple(categories) != CATEGORIES:
        got = list(categories) if isinstance(categories, Mapping) else categories
        raise LexiconError(f"categories: expected exactly {list(CATEGORIES)} in this order, "
                           f"got {got}")

    seen: set[str] = set()

    def new_id(value: Any, where: str) -> str:
        if not isinstance(value, str) or not _ID.match(value):
            raise LexiconError(f"{where}: id {value!r} must be snake_case")
        if value in seen:
            raise LexiconError(f"{where}: duplicate id {value!r}")
        seen.add(value)
        return value

    patterns: list[Pattern] = []
    for cat, body in categories.items():
        where = f"categories.{cat}"
        body = _keys(body, where, {"description", "crisis_type", "patterns"}, set())
        default_type = body["crisis_type"]
        _choice(default_type, (*CUE_TYPES, None), "crisis_type", where)
        if not isinstance(body["patterns"], list) or not body["patterns"]:
            raise LexiconError(f"{where}.patterns: expected a non-empty list")
        for i, entry in enumerate(body["patterns"]):
            pwhere = f"{where}.patterns[{i}]"
            entry = _keys(entry, pwhere, {"id", "lang", "pattern"},
                          {"crisis_type", "explicit", "note"})
            pid = new_id(entry["id"], pwhere)
            pwhere = f"{where}.{pid}"
            ctype = entry.get("crisis_type", default_type)
            _choice(ctype, (*CUE_TYPES, None), "crisis_type", pwhere)
            regex = _compile(entry["pattern"], spellings, pwhere)
            if regex.search("") is not None:
                raise LexiconError(f"{pwhere}: the pattern matches the empty string")
            patterns.append(Pattern(pid, cat, ctype, _choice(entry["lang"], LANGS, "lang", pwhere),
                                    _bool(entry, "explicit", pwhere), regex, _needles(regex)))
    missing_types = set(CUE_TYPES) - {p.crisis_type for p in patterns}
    if missing_types:
        raise LexiconError(f"categories: no pattern for crisis types {sorted(missing_types)}")

    targets = {*CATEGORIES, *CUE_TYPES, *seen}
    suppressors: list[Suppressor] = []
    if not isinstance(top["suppressors"], list):
        raise LexiconError("suppressors: expected a list")
    for i, entry in enumerate(top["suppressors"]):
        where = f"suppressors[{i}]"
        entry = _keys(entry, where, {"id", "kind", "scope", "lang", "applies_to", "pattern"},
                      {"spare_explicit", "unless", "unless_after", "note"})
        sid = new_id(entry["id"], where)
        where = f"suppressors.{sid}"
        scope = _choice(entry["scope"], SCOPES, "scope", where)
        applies = entry["applies_to"]
        if applies == "all":
            applies_to = None
        elif isinstance(applies, list) and applies and all(a in targets for a in applies):
            applies_to = frozenset(applies)
        else:
            raise LexiconError(f"{where}: applies_to must be 'all' or a list of categories, "
                               f"crisis types and pattern ids, got {applies!r}")
        body = f"(?:{entry['pattern']})" if isinstance(entry["pattern"], str) else None
        # Anchor where the scope says, so an author cannot forget to.
        source = {"before": f"{body}\\s*\\Z", "after": f"\\s*{body}"}.get(scope, body)
        regex = _compile(source, spellings, where)
        unless = (_compile(entry["unless"], spellings, f"{where}.unless")
                  if "unless" in entry else None)
        unless_after = (_compile(entry["unless_after"], spellings, f"{where}.unless_after")
                        if "unless_after" in entry else None)
        suppressors.append(Suppressor(
            sid, _choice(entry["kind"], SUPPRESSOR_KINDS, "kind", where), scope,
            _choice(entry["lang"], LANGS, "lang", where), applies_to,
            _bool(entry, "spare_explicit", where), regex, unless, unless_after))
    return Lexicon(version, tuple(patterns), tuple(suppressors))


def lexicon_text() -> str:
    return (importlib.resources.files("perception.features") / LEXICON_FILE).read_text(
        encoding="utf-8")


def load_lexicon(text: str | None = None) -> Lexicon:
    """The lexicon from YAML text (default: the packaged file), validated and compiled."""
    return parse_lexicon(yaml.safe_load(lexicon_text() if text is None else text))


LEXICON: Lexicon = load_lexicon()
LEXICON_VERSION: str = LEXICON.version
EXPLICIT_PATTERNS: frozenset[str] = frozenset(p.id for p in LEXICON.patterns if p.explicit)


# --- matching ---------------------------------------------------------------------------


def _suppressor_for(sup_hits: dict[str, Any], s: str, p: Pattern, a: int, b: int) -> str | None:
    for sup in LEXICON.suppressors:
        if not sup.applies(p):
            continue
        if sup.scope == "before":
            hit = sup.regex.search(s, 0, a) is not None
        elif sup.scope == "after":
            hit = sup.regex.match(s, b) is not None
        elif sup.scope == "overlap":
            spans = sup_hits.get(sup.id)
            if spans is None:
                spans = sup_hits[sup.id] = [m.span() for m in sup.regex.finditer(s)]
            hit = any(x < b and a < y for x, y in spans)
        else:
            found = sup_hits.get(sup.id)
            if found is None:
                found = sup_hits[sup.id] = sup.regex.search(s) is not None
            hit = found
        if not hit:
            continue
        if sup.unless is not None and sup.unless.search(s):
            continue
        if sup.unless_after is not None and sup.unless_after.search(s, b):
            continue
        return sup.id
    return None


@lru_cache(maxsize=65536)
def _sentence(s: str, prefilter: bool = True) -> tuple[tuple[Pattern, int, int, str | None], ...]:
    """Cues of one (prepared) sentence, offsets relative to it, in pattern order then
    position."""
    found: list[tuple[Pattern, int, int]] = []
    for p in LEXICON.patterns:
        if prefilter and p.needles is not None and not any(n in s for n in p.needles):
            continue
        for m in p.regex.finditer(s):
            a, b = m.span("cue") if "cue" in p.regex.groupindex else m.span()
            if a < b:
                found.append((p, a, b))
    if not found:
        return ()
    sup_hits: dict[str, Any] = {}
    return tuple((p, a, b, _suppressor_for(sup_hits, s, p, a, b)) for p, a, b in found)


def _prepare(text: Any) -> str:
    return text.translate(_PREPARE) if isinstance(text, str) else ""


def text_cues(text: str) -> list[SentenceCues]:
    """One entry per sentence of ``sentence_spans(text)``, with every cue (suppressed ones
    too) at offsets into ``text``."""
    if not isinstance(text, str):
        return []
    # Segment the text as given (the same sentences as everywhere else in the project); match
    # on the prepared copy, whose offsets are the same.
    prepared = _prepare(text)
    out = []
    for i, sent in enumerate(sentence_spans(text)):
        cues = [Cue(p.category, p.crisis_type, p.id, sent.start + a, sent.start + b, by)
                for p, a, b, by in _sentence(prepared[sent.start:sent.end])]
        out.append(SentenceCues(i, sent.start, sent.end, cues))
    return out


def _reasons(active: Sequence[Cue]) -> list[str]:
    reasons = [f"explicit:{c.pattern_id}" for c in active if c.pattern_id in EXPLICIT_PATTERNS]
    ids: dict[str, set[str]] = {}
    for c in active:
        ids.setdefault(c.category, set()).add(c.pattern_id)
        if c.category in _IDEATION:
            ids.setdefault("ideation", set()).add(c.pattern_id)
    # A pair of one category ("farewell+farewell") needs two different patterns.
    reasons += [f"{x}+{y}" for x, y in COMBINATIONS
                if x in ids and y in ids and (x != y or len(ids[x]) > 1)]
    return reasons


def _net(sentences: Sequence[SentenceCues]) -> list[str]:
    out: dict[str, None] = {}
    for sc in sentences:
        for r in _reasons(sc.active):
            out.setdefault(r)
    return list(out)


def safety_net(text: str) -> list[str]:
    """Machine-readable reasons (never the text's words) when one sentence holds an active
    explicit self-directed cue or an explicit combination (``COMBINATIONS``); empty
    otherwise. Recall first: any reason means review, whatever the model says."""
    return _net(text_cues(text))


def explain(text: str) -> list[dict[str, Any]]:
    """The sentences with active cues: index, offsets and the cues' names, no text."""
    return [{"sentence": sc.index, "start": sc.start, "end": sc.end,
             "cues": [{"category": c.category, "crisis_type": c.crisis_type,
                       "pattern_id": c.pattern_id} for c in active]}
            for sc in text_cues(text) if (active := sc.active)]


_COL = {c: i for i, c in enumerate(CUE_COLUMNS)}


def _row(text: str) -> np.ndarray:
    row = np.zeros(len(CUE_COLUMNS), dtype=np.float64)
    sentences = text_cues(text)
    suppressed: set[tuple[str, int, int]] = set()
    with_cue = 0
    for sc in sentences:
        active = sc.active
        suppressed.update((c.pattern_id, c.start, c.end) for c in sc.cues if c.suppressed_by)
        if not active:
            continue
        with_cue += 1
        counts: dict[str, int] = {}
        for c in active:
            counts[f"crisis_cat_{c.category}"] = counts.get(f"crisis_cat_{c.category}", 0) + 1
            if c.crisis_type is not None:
                key = f"crisis_type_{c.crisis_type}"
                counts[key] = counts.get(key, 0) + 1
        for key, n in counts.items():
            row[_COL[key]] = max(row[_COL[key]], n)
    row[_COL["crisis_cue_sentences"]] = with_cue
    row[_COL["crisis_explicit"]] = float(bool(_net(sentences)))
    row[_COL["crisis_suppressed"]] = len(suppressed)
    row[_COL["crisis_cue_sentence_share"]] = with_cue / len(sentences) if sentences else 0.0
    return row


def cue_features(texts: Sequence[str]) -> pd.DataFrame:
    """One row per text (RangeIndex, no id), columns ``CUE_COLUMNS``, all float64."""
    data = np.zeros((len(texts), len(CUE_COLUMNS)), dtype=np.float64)
    for i, text in enumerate(texts):
        data[i] = _row(text)
    return pd.DataFrame(data, columns=list(CUE_COLUMNS))
