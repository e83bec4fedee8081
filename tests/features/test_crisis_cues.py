from __future__ import annotations

import copy
import re
import time

import numpy as np
import pandas as pd
import pytest
import yaml

from perception.data.schema import CRISIS_TYPES
from perception.features import crisis_cues as cc
from perception.features.crisis_cues import (
    CATEGORIES,
    CUE_COLUMNS,
    CUE_TYPES,
    LEXICON,
    LEXICON_VERSION,
    Cue,
    LexiconError,
    cue_features,
    explain,
    load_lexicon,
    parse_lexicon,
    safety_net,
    text_cues,
)
from perception.features.sentences import sentence_spans

# --- the data file -------------------------------------------------------------------------


def raw_lexicon() -> dict:
    return yaml.safe_load(cc.lexicon_text())


def test_lexicon_file_validates() -> None:
    raw = raw_lexicon()
    lex = parse_lexicon(raw)
    assert LEXICON_VERSION == raw["version"] == lex.version
    assert re.fullmatch(r"\d+\.\d+\.\d+", LEXICON_VERSION)
    assert tuple(raw["categories"]) == CATEGORIES
    ids = [p["id"] for c in raw["categories"].values() for p in c["patterns"]]
    ids += [s["id"] for s in raw["suppressors"]]
    assert len(ids) == len(set(ids)), "pattern and suppressor ids are unique"
    assert set(CUE_TYPES) == set(CRISIS_TYPES) - {"none"}
    for p in lex.patterns:
        assert p.category in CATEGORIES
        assert p.crisis_type in (*CUE_TYPES, None)
        assert p.lang in ("en", "hinglish", "any")
        assert isinstance(p.regex, re.Pattern)
        assert p.regex.search("") is None
    # Every crisis type and both languages are covered; timing carries no type of its own.
    assert {p.crisis_type for p in lex.patterns} >= set(CUE_TYPES)
    for cat in CATEGORIES:
        langs = {p.lang for p in lex.patterns if p.category == cat}
        assert langs & {"en", "any"} and langs & {"hinglish", "any"}, cat
    assert all(p.crisis_type is None for p in lex.patterns if p.category == "timing")
    assert {s.kind for s in lex.suppressors} == {"negation", "idiom", "context"}
    assert "kill_myself" in cc.EXPLICIT_PATTERNS


@pytest.mark.parametrize("mutate, message", [
    (lambda r: r["categories"]["method"]["patterns"].append(
        dict(r["categories"]["plan"]["patterns"][0])), "duplicate id"),
    (lambda r: r["categories"]["method"]["patterns"][0].update(pattern=r"\b(?:pills"),
     "does not compile"),
    (lambda r: r["categories"]["method"]["patterns"][0].update(crisis_type="sadness"),
     "crisis_type"),
    (lambda r: r["categories"]["method"]["patterns"][0].update(lang="fr"), "lang"),
    (lambda r: r["categories"]["method"]["patterns"][0].update(pattern=r"\bPills\b"),
     "lower case"),
    (lambda r: r["categories"]["method"]["patterns"][0].update(pattern=r"\b{NOPE}\b"),
     "unknown spelling"),
    (lambda r: r["categories"]["method"]["patterns"][0].update(pattern=r"(?:x)?"),
     "empty string"),
    (lambda r: r["categories"].update(grief=r["categories"].pop("panic")), "categories"),
    (lambda r: r["suppressors"][0].update(scope="nearby"), "scope"),
    (lambda r: r["suppressors"][0].update(applies_to=["nonsense"]), "applies_to"),
    (lambda r: r.update(version="v1"), "version"),
    (lambda r: r["categories"]["method"]["patterns"][0].update(colour="red"), "unknown"),
])
def test_malformed_lexicon_is_rejected(mutate, message: str) -> None:
    raw = copy.deepcopy(raw_lexicon())
    mutate(raw)
    with pytest.raises(LexiconError, match=message):
        parse_lexicon(raw)


def test_load_lexicon_from_text_matches_the_packaged_file() -> None:
    lex = load_lexicon(cc.lexicon_text())
    assert [p.id for p in lex.patterns] == [p.id for p in LEXICON.patterns]


# --- cues ------------------------------------------------------------------------------------


def active(text: str) -> list[Cue]:
    return [c for sc in text_cues(text) for c in sc.active]


def suppressed(text: str) -> list[Cue]:
    return [c for sc in text_cues(text) for c in sc.cues if c.suppressed_by]


@pytest.mark.parametrize("text, category", [
    # English
    ("I want to kill myself", "active_ideation"),
    ("honestly i just wanna kms", "active_ideation"),
    ("I've been thinking about suicide a lot lately", "active_ideation"),
    ("sometimes I think about unaliving myself", "active_ideation"),
    ("I keep wishing I was dead", "passive_ideation"),
    ("everyone would be better off without me", "passive_ideation"),
    ("I'm such a burden to my family", "passive_ideation"),
    ("I don't want to wake up tomorrow", "passive_ideation"),
    ("there's no point in living anymore", "passive_ideation"),
    ("i dont want to be here anymore", "passive_ideation"),
    ("I bought a rope today", "method"),
    ("thinking of taking a whole bottle of sleeping pills", "method"),
    ("neend ki saari goliyan kha lungi", "method"),
    ("I want to step in front of a train", "method"),
    ("gonna slit my wrists", "method"),
    ("I'm going to jump off the bridge", "plan"),
    ("already wrote the note", "plan"),
    ("I've been giving away my things to my friends", "plan"),
    ("looked up how many pills it takes to die", "plan"),
    ("after everyone falls asleep", "timing"),
    ("this is my last message", "farewell"),
    ("please take care of my dog when I'm gone", "farewell"),
    ("I cut myself again last night", "self_harm"),
    ("relapsed on cutting after 3 months", "self_harm"),
    ("I burned myself with a lighter on purpose", "self_harm"),
    ("I drink every night to forget", "substance"),
    ("took way too many xanax and mixed them with vodka", "substance"),
    ("blacked out drunk again", "substance"),
    ("I can't breathe, my heart is pounding", "panic"),
    ("I think I'm dying, my chest is so tight", "panic"),
    ("the voices keep telling me things", "psychotic"),
    ("I can hear them talking about me through the walls", "psychotic"),
    ("I deserve to die", "passive_ideation"),
    ("every night I pray I won't wake up", "passive_ideation"),
    ("if I died tomorrow nobody would care", "passive_ideation"),
    ("I'm being watched, there are cameras in my room", "psychotic"),
    ("they are putting thoughts in my head", "psychotic"),
    # Hinglish, in the usual spelling variants
    ("mujhe jeena nahi hai ab", "passive_ideation"),
    ("mjhe jeena ni h", "passive_ideation"),
    ("jeene ka mann nahi karta yaar", "passive_ideation"),
    ("kaash main mar jaun", "passive_ideation"),
    ("main sabpe bojh hoon", "passive_ideation"),
    ("khudkushi karne ka soch raha hoon", "active_ideation"),
    ("suicide kar lunga main", "active_ideation"),
    ("sab khtm kr dungi", "plan"),
    ("sab khatam kar dunga", "plan"),
    ("aaj raat phaansi laga lunga", "method"),
    ("zehar kha lungi", "method"),
    ("chhat se kood jaungi", "method"),
    ("nasein kaat lunga", "method"),
    ("aaj raat", "timing"),
    ("ek ghante mein", "timing"),
    ("alvida dosto", "farewell"),
    ("khud ko hurt kar rahi hoon phir se", "self_harm"),
    ("daaru ke bina neend nahi aati", "substance"),
    ("saans nahi aa rahi, bahut ghabrahat ho rahi hai", "panic"),
    ("awaazein aa rahi hain sar mein", "psychotic"),
    ("koi mera peecha kar raha hai", "psychotic"),
])
def test_positive_cues(text: str, category: str) -> None:
    cats = {c.category for c in active(text)}
    assert category in cats, (text, cats)


def test_cue_offsets_and_types() -> None:
    text = "Fine day. But honestly I WANT TO KILL MYSELF. Bye."
    (cue,) = [c for c in active(text) if c.pattern_id == "kill_myself"]
    assert text[cue.start:cue.end] == "KILL MYSELF"
    assert cue.category == "active_ideation" and cue.crisis_type == "immediate_harm"
    # Curly apostrophes read as straight ones, offsets unchanged.
    curly = "I\u2019m going to jump off the bridge"
    spans = {c.pattern_id: curly[c.start:c.end] for c in active(curly)}
    assert spans["intent_to_act"] == "I\u2019m going to"
    assert spans["jump_en"] == "jump off the bridge"


def test_sentences_come_from_the_shared_segmenter() -> None:
    text = "Went to the market. I have the pills ready for tonight! Then called my aunt."
    got = [(s.index, s.start, s.end) for s in text_cues(text)]
    assert got == [(i, s.start, s.end) for i, s in enumerate(sentence_spans(text))]
    assert [bool(s.active) for s in text_cues(text)] == [False, True, False]
    # A curly quote after the full stop: the lexicon reads it as "'" but splits as given.
    quoted = "He said \u201cfine.\u2019 I have the pills ready for tonight"
    assert [(s.start, s.end) for s in text_cues(quoted)] == [
        (s.start, s.end) for s in sentence_spans(quoted)]
    assert text_cues("") == [] and text_cues(None) == []  # type: ignore[arg-type]


@pytest.mark.parametrize("text, suppressor", [
    ("I would never kill myself", "negation_en"),
    ("I'm not suicidal, just tired", "negation_en"),
    ("I don't want to die, I want to live", "negation_en"),
    ("Im not going to kill myself, dont worry", "negation_en"),
    ("main khudkushi kabhi nahi karungi", "negation_hi_after"),
    ("main kabhi suicide nahi karunga", "negation_hi_after"),
    ("I want to die of embarrassment lol", "idiom_dying_of"),
    ("I'm ready to die on this hill", "idiom_dying_of"),
    ("killing myself at the gym every morning", "idiom_effort"),
    ("I could literally sleep forever this weekend", "idiom_dead_thing"),
    ("we ran 5 kms today", "idiom_not_literal"),
    ("career suicide to post that", "idiom_not_literal"),
    ("garmi se mar jaunga aaj toh", "idiom_hinglish"),
    ("tere liye jaan de dunga", "idiom_hinglish"),
    ("ye gaana zeher hai bhai", "idiom_hinglish"),
    ("the film where he jumps off the bridge", "context_fiction"),
    ("this song is about suicide, it's so sad", "context_fiction"),
    ("my friend overdosed on her meds", "context_third_person"),
    ("I used to cut myself years ago, I'm doing much better now", "context_past"),
    ("clean for 6 months from cutting myself", "context_recovery"),
    ("suicide prevention week starts at college", "context_helper"),
    ("the pharmacy has my pills ready", "context_routine_use"),
    ("got some rat poison for the mice", "context_routine_use"),
    ("burned myself on the stove making chai", "context_accidental"),
    ("heart racing before the match", "context_panic_benign"),
    ("laughing so hard I can't breathe", "context_panic_benign"),
    ("getting followed by bots on insta", "context_psychotic_benign"),
])
def test_suppressed_cues_are_reported_not_dropped(text: str, suppressor: str) -> None:
    assert suppressor in {c.suppressed_by for c in suppressed(text)}, text_cues(text)
    assert not safety_net(text)


def test_negation_does_not_reach_past_a_contrast_or_an_unrelated_word() -> None:
    assert "kill_myself" in {c.pattern_id for c in active(
        "I don't want to kill myself but I think I will")}
    assert "want_to_die" in {c.pattern_id for c in active("I'm not okay I want to die")}
    assert "burden" in {c.pattern_id for c in active(
        "no one would say it but I'm a burden")}


@pytest.mark.parametrize("text", [
    "this exam is killing me",
    "took my BP pills after dinner",
    "cut the onions for dinner",
    "I'm going to the gym tonight",
    "I'm going to kill it at the interview tonight",
    "mar gaya hasi se yaar",
    "could kill for a coffee rn",
    "my phone is dead lol",
    "bored to death in this lecture",
    "I'm dying to see you",
    "traffic mein phansi hui hoon, ek ghante mein pahunchungi",
])
def test_everyday_sentences_have_no_active_method_plan_or_ideation(text: str) -> None:
    cats = {c.category for c in active(text)}
    assert not cats & {"method", "plan", "active_ideation", "passive_ideation", "farewell"}, cats


# --- safety net ------------------------------------------------------------------------------


@pytest.mark.parametrize("text, reason", [
    ("I have the pills ready for in an hour tbh", "method+timing"),
    ("Sach mein pills jama kar li hain, sab khatam kar dunga, zeher le aaya hoon",
     "method+plan"),
    ("wrote the note, tonight is the night", "plan+timing"),
    ("going to jump off the bridge after work", "method+plan"),
    ("Went to the market and bought rice. I have the pills ready for tonight. "
     "Then I called my aunt about the wedding.", "method+timing"),
    ("I want to kill myself", "explicit:kill_myself"),
    ("kms fr", "explicit:kms"),
    ("I feel suicidal again", "explicit:feel_suicidal"),
    ("I have been saving up my pills for weeks", "explicit:means_stockpile"),
    ("I'm going to take all my sleeping pills when everyone is asleep", "plan+timing"),
    ("Goodbye everyone, please take care of my cat when I'm gone", "farewell+farewell"),
    ("I just want to die tonight", "ideation+timing"),
    ("I'm standing on the edge of the roof right now", "method+timing"),
    ("aaj raat phaansi laga lunga", "method+timing"),
    ("main building se kood jaunga ek ghante mein", "method+plan"),
    ("sab khatam kar dungi aaj raat", "plan+timing"),
    ("suicide kar lunga main", "explicit:suicide_hi"),
    ("khud ko maar dalunga", "explicit:khud_ko_maar"),
    ("apni jaan le lunga", "explicit:jaan_de_dunga"),
    ("alvida dosto, mere jaane ke baad maa ka khayal rakhna", "farewell+farewell"),
    ("I took 30 paracetamol an hour ago", "explicit:overdose_taken"),
    ("maine saari goliyan kha li", "explicit:overdose_taken"),
    ("my plan is to overdose on my insulin", "method+plan"),
    ("nobody will miss me when i'm gone, goodbye", "farewell+ideation"),
    ("main aaj raat zeher kha lungi", "method+timing"),
    ("I\u2019m going to hang myself in my room tonight", "explicit:hang_myself"),
])
def test_safety_net_fires(text: str, reason: str) -> None:
    assert reason in safety_net(text)


@pytest.mark.parametrize("text", [
    "this exam is killing me",
    "took my BP pills after dinner",
    "the film where he jumps off the bridge",
    "heart racing before the match",
    "cut the onions for dinner",
    "I'm going to finish this report tonight and then sleep",
    "I'll take my meds after dinner tonight",
    "Took 2 paracetamol for my headache, going to sleep in an hour",
    "we are going to jump into the pool tonight!!",
    "gonna cut my hair tonight, wish me luck",
    "I'm dead tired after work, going to bed right now",
    "this traffic is killing me, reaching in 20 minutes",
    "I wrote the letter to my grandma tonight",
    "giving away my old clothes to charity this weekend",
    "my battery is dead, will text you in an hour",
    "I'm going to take all the pictures tonight",
    "Going to end it here tonight, goodnight stream!",
    "I'll be jumping off the diving board tonight",
    "That overdose of sugar tonight lol",
    "I want it to end, this meeting tonight is so long",
    "I almost killed myself on the stairs lol",
    "I would never kill myself",
    "main khudkushi kabhi nahi karungi",
    "tere liye jaan de dunga",
    "kal subah exam hai, aaj raat padhai karunga",
    "main ye kaam khatam kar dunga aaj raat",
    "chhat pe chalte hain aaj raat, taare dekhne",
    "usne khudkushi kar li thi 2 saal pehle",
    "",
    # Everyday sentences with a time in them: a time alone is never a reason.
    "Said my goodbyes at the farewell party tonight",
    "This is my last message tonight, going offline",
    "I'll take a sleeping pill tonight, can't sleep again",
    "neend ki goli kha lungi aaj raat",
    "kal subah train le lunga",
    "I can't do this anymore, quitting my job tonight",
    "standing on the train tonight, so crowded",
    "Gonna drink a lot at the party tonight lol",
    "We are going to cut the cake at midnight",
    "I'm going to end this chapter tonight and start a new one",
    "I'm giving away free tickets to the concert tonight",
    "My heart is racing, I just got engaged!!",
    "Main kal subah nikal jaunga Delhi ke liye",
    "Bhai ye movie toh zeher hai, must watch",
    "Watching a documentary about overdoses tonight",
    "I took my meds today like the doctor said",
])
def test_safety_net_stays_quiet(text: str) -> None:
    assert safety_net(text) == []


def test_safety_net_needs_both_halves_in_one_sentence() -> None:
    assert safety_net("I bought a rope. Tonight I will see my friends.") == []
    assert safety_net("I bought a rope tonight.") == ["method+timing"]


def test_reasons_never_carry_the_users_words() -> None:
    texts = ["I have the pills ready for in an hour tbh", "I want to kill myself tonight",
             "Goodbye everyone, please take care of my cat when I'm gone"]
    for text in texts:
        reasons = safety_net(text)
        assert reasons
        for r in reasons:
            assert re.fullmatch(r"explicit:[a-z0-9_]+|[a-z_]+\+[a-z_]+", r)
            assert r.split(":")[-1] in cc.EXPLICIT_PATTERNS or "+" in r


def test_explain_has_offsets_and_names_only() -> None:
    text = "Nice lunch today. I have the pills ready for tonight."
    out = explain(text)
    assert [e["sentence"] for e in out] == [1]
    (e,) = out
    assert set(e) == {"sentence", "start", "end", "cues"}
    assert text[e["start"]:e["end"]] == "I have the pills ready for tonight."
    assert {c["pattern_id"] for c in e["cues"]} == {"means_ready", "tonight"}
    for c in e["cues"]:
        assert set(c) == {"category", "crisis_type", "pattern_id"}
    assert explain("I would never kill myself") == []


# --- features --------------------------------------------------------------------------------


def test_columns_order_dtypes_and_index() -> None:
    assert len(CUE_COLUMNS) == len(set(CUE_COLUMNS))
    assert all(c.startswith("crisis_") for c in CUE_COLUMNS)
    assert list(CUE_COLUMNS[:len(CATEGORIES)]) == [f"crisis_cat_{c}" for c in CATEGORIES]
    df = cue_features(["I want to kill myself", "mujhe jeena nahi hai", "", "hello"])
    assert list(df.columns) == list(CUE_COLUMNS)
    assert (df.dtypes == np.float64).all()
    assert isinstance(df.index, pd.RangeIndex) and len(df) == 4
    assert not df.isna().any().any()
    assert (df.iloc[2:] == 0).all().all()
    empty = cue_features([])
    assert list(empty.columns) == list(CUE_COLUMNS) and len(empty) == 0
    assert (empty.dtypes == np.float64).all()


def test_feature_values() -> None:
    df = cue_features([
        "I have the pills ready for tonight. I'm fine otherwise.",
        "I would never kill myself",
        "hello there",
    ]).set_axis(["plan", "negated", "plain"])
    row = df.loc["plan"]
    assert row["crisis_cat_method"] == 1 and row["crisis_cat_timing"] == 1
    assert row["crisis_type_immediate_harm"] == 1
    assert row["crisis_explicit"] == 1 and row["crisis_cue_sentences"] == 1
    assert row["crisis_cue_sentence_share"] == 0.5
    neg = df.loc["negated"]
    assert neg["crisis_suppressed"] == 1 and neg["crisis_explicit"] == 0
    assert neg["crisis_cat_active_ideation"] == 0
    assert (df.loc["plain"] == 0).all()


def test_embedded_sentence_counts_as_much_as_alone() -> None:
    crisis = "I have the pills ready and I will take all my sleeping pills tonight."
    filler = ("Work was long and the bus was late again. We talked about the trip to the "
              "hills and what to cook on Sunday. My sister sent photos of her new puppy. ")
    # Chat without punctuation: the segmenter cuts 40-word windows overlapping by 10 words,
    # so a cue sentence of up to 11 words always sits whole in one window.
    short = "i have the pills ready for tonight"
    chat = ("so the day went by slowly and we just sat around talking about nothing much at "
            "all really and then had tea and biscuits and watched the rain ")
    df = cue_features([crisis, filler * 3 + crisis + " " + filler, filler * 5 + crisis,
                       short, chat * 3 + short + " " + chat])
    rows = [df.iloc[i] for i in range(len(df))]
    maxed = [c for c in CUE_COLUMNS if c.startswith(("crisis_cat_", "crisis_type_"))]
    maxed.append("crisis_explicit")
    for alone, embedded in ((rows[0], rows[1]), (rows[0], rows[2]), (rows[3], rows[4])):
        pd.testing.assert_series_equal(embedded[maxed], alone[maxed], check_names=False)
        assert alone["crisis_explicit"] == 1
        assert embedded["crisis_cue_sentence_share"] < alone["crisis_cue_sentence_share"] == 1
    assert rows[0]["crisis_cat_method"] == 1 and rows[0]["crisis_cat_plan"] == 1
    assert safety_net(filler * 3 + crisis + " " + filler) == safety_net(crisis)


def test_features_are_deterministic_and_independent_of_the_batch() -> None:
    texts = ["I want to kill myself", "aaj raat phaansi laga lunga", "nice day",
             "I'm not suicidal", "heart pounding, can't breathe, panic attack"]
    a = cue_features(texts)
    cc._sentence.cache_clear()
    b = cue_features(texts)
    pd.testing.assert_frame_equal(a, b)
    single = pd.concat([cue_features([t]) for t in reversed(texts)], ignore_index=True)
    pd.testing.assert_frame_equal(single.iloc[::-1].reset_index(drop=True), a)


def test_prefilter_never_changes_a_result() -> None:
    """The needles are derived from each pattern; skipping a pattern whose needles are absent
    must give exactly what running every pattern gives."""
    texts = [
        "I have the pills ready for in an hour tbh", "wrote the note, tonight is the night",
        "Sach mein pills jama kar li hain, sab khatam kar dunga, zeher le aaya hoon",
        "I keep wishing I was dead", "kaash main mar jaun", "I cut myself again",
        "can't stop using", "saans nahi aa rahi", "koi mera peecha kar raha hai",
        "the voices keep telling me to hurt myself", "hello there, lovely weather",
        "I'm going to take all my sleeping pills when everyone is asleep",
        "main building se kood jaunga ek ghante mein", "we ran 5 kms today",
    ]
    assert all(p.needles is None or p.needles for p in LEXICON.patterns)
    assert sum(p.needles is not None for p in LEXICON.patterns) > 0.8 * len(LEXICON.patterns)
    for text in texts:
        for s in sentence_spans(cc._prepare(text)):
            assert cc._sentence.__wrapped__(s.text, True) == cc._sentence.__wrapped__(
                s.text, False), s.text


def test_fast_enough_for_thousands_of_texts() -> None:
    rng = np.random.default_rng(0)
    words = ["i", "you", "we", "the", "a", "to", "and", "of", "my", "me", "so", "just",
             "really", "today", "work", "home", "friend", "exam", "tired", "happy", "sad",
             "love", "feel", "think", "going", "want", "night", "day", "yaar", "kya", "hai",
             "nahi", "main", "mujhe", "accha", "kal", "aaj", "ghar", "pills", "tonight", "heart"]
    texts = [" ".join(rng.choice(words, size=30)) + f" {i}." for i in range(1000)]
    cc._sentence.cache_clear()
    start = time.perf_counter()
    cue_features(texts)
    # ~0.3 s on one core; generous for a shared machine.
    assert time.perf_counter() - start < 5.0
