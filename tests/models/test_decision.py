from __future__ import annotations

import numpy as np
import pytest

from perception.models.decision import choose_threshold, decide, event_probability


def test_threshold_is_the_highest_meeting_the_sensitivity_target() -> None:
    scores = np.array([0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05])
    crisis = np.array([1, 1, 0, 1, 0, 1, 0, 0, 1, 0], dtype=bool)
    # 5 crises: 80 % sensitivity needs 4 of them flagged -> the 4th highest crisis score.
    assert choose_threshold(scores, crisis, 0.8) == 0.4
    assert choose_threshold(scores, crisis, 1.0) == 0.1
    assert choose_threshold(scores, crisis, 0.2) == 0.9
    for target in (0.2, 0.6, 0.8, 1.0):
        t = choose_threshold(scores, crisis, target)
        assert (scores[crisis] >= t).mean() >= target
        # Any higher candidate misses the target.
        higher = scores[scores > t]
        assert all((scores[crisis] >= h).mean() < target for h in higher)


def test_threshold_needs_crises() -> None:
    with pytest.raises(ValueError, match="no event"):
        choose_threshold(np.array([0.1, 0.2]), np.array([False, False]), 0.95)


def test_decision_flags_then_picks_the_most_likely_type() -> None:
    probs = np.array([[0.7, 0.2, 0.1], [0.95, 0.01, 0.04], [0.2, 0.3, 0.5]])
    np.testing.assert_allclose(event_probability(probs), [0.3, 0.05, 0.8])
    # Row 0: "none" is most likely, but 1 - P(none) = 0.3 passes the 0.25 threshold.
    np.testing.assert_array_equal(decide(probs, 0.25), [1, 0, 2])


def test_a_confidence_margin_lowers_the_threshold_until_the_bound_meets_the_target() -> None:
    from perception.models.decision import sensitivity_lower_bound, wilson_interval

    rng = np.random.default_rng(3)
    scores = rng.random(2000)
    is_event = rng.random(2000) < scores
    plain = choose_threshold(scores, is_event, 0.9)
    margin = choose_threshold(scores, is_event, 0.9, confidence=0.9)
    events = np.sort(scores[is_event])
    assert margin < plain
    hits = int((events >= margin).sum())
    assert sensitivity_lower_bound(hits, len(events), 0.9) >= 0.9
    # One event fewer would put the bound below the target: the highest such threshold.
    above = events[events > margin]
    assert sensitivity_lower_bound(len(above), len(events), 0.9) < 0.9
    lo, hi = wilson_interval(95, 100, 0.95)
    assert 0.88 < lo < 0.95 < hi < 0.99
    # Too few events for the bound to reach the target: every event is caught.
    assert choose_threshold(np.array([0.2, 0.9, 0.5]), np.array([1, 1, 0], bool), 0.95,
                            confidence=0.9) == 0.2


def test_decision_margin_is_the_distance_to_changing_the_answer() -> None:
    from perception.models.decision import decide, decision_margin

    probs = np.array([[0.70, 0.20, 0.10],    # below 0.5: margin 0.2 to the threshold
                      [0.10, 0.46, 0.44],    # flagged, classes 0.02 apart: the tie is closer
                      [0.20, 0.75, 0.05]])   # flagged, threshold 0.3 away, classes 0.7 apart
    margin = decision_margin(probs, 0.5)
    assert np.allclose(margin, [0.2, 0.02, 0.3])
    # Moving a row by less than its margin never changes its decision.
    nudged = probs + np.array([[-0.09, 0.09, 0.0], [0.0, -0.009, 0.009], [0.14, -0.14, 0.0]])
    assert (decide(nudged, 0.5) == decide(probs, 0.5)).all()


def test_slice_targets_lower_the_threshold_to_the_weakest_slice() -> None:
    from perception.models.decision import slice_thresholds, threshold_for

    # Ten English events scored high, five Hinglish ones lower: overall 0.8 is met by the
    # English ones alone (12 of 15 at 0.55), the Hinglish slice then has 2 of 5.
    scores = np.array([0.95, 0.9, 0.9, 0.85, 0.8, 0.8, 0.75, 0.7, 0.65, 0.6,
                       0.58, 0.55, 0.4, 0.3, 0.2, 0.5, 0.1])
    is_event = np.array([True] * 15 + [False] * 2)
    lang = np.array(["en"] * 10 + ["hi"] * 5 + ["en", "hi"])
    assert threshold_for("sensitivity", scores, is_event, 0.8) == (0.55, "overall")
    per_level = slice_thresholds(scores, is_event, {"lang": lang}, 0.8)
    assert per_level == {"lang=en": 0.7, "lang=hi": 0.3}
    threshold, bound = threshold_for("sensitivity", scores, is_event, 0.8,
                                     slices={"lang": lang}, slice_sensitivity=0.8)
    assert (threshold, bound) == (0.3, "lang=hi")
    for level in ("en", "hi"):
        rows = is_event & (lang == level)
        assert (scores[rows] >= threshold).mean() >= 0.8
    # A slice target every level already meets leaves the overall threshold.
    assert threshold_for("sensitivity", scores, is_event, 0.8, slices={"lang": lang},
                         slice_sensitivity=0.2) == (0.55, "overall")
    # Levels with no events set nothing.
    assert "lang=x" not in slice_thresholds(scores, is_event, {"lang": np.where(
        is_event, lang, "x")}, 0.8)
    assert threshold_for("f1", scores, is_event, 0.8)[1] == "f1"


def _targets(is_event: np.ndarray, slices: dict[str, np.ndarray], overall: float,
             per_level: float) -> dict[str, tuple[np.ndarray, float]]:
    out = {"overall": (np.ones(len(is_event), bool), overall)}
    for column, levels in slices.items():
        for level in sorted(set(levels.tolist())):
            out[f"{column}={level}"] = (levels == level, per_level)
    return out


def test_a_threshold_per_language_flags_fewer_rows_and_meets_every_target() -> None:
    from perception.models.decision import level_thresholds, threshold_for

    # English events score high and so do some English non-events; Hinglish events score
    # low. One threshold must sit at Hinglish's level and flags every English non-event.
    scores = np.array([0.95, 0.9, 0.85, 0.8, 0.6, 0.5, 0.45,   # en: events, then non-events
                       0.4, 0.35, 0.3, 0.25, 0.1])              # hi: events, then a non-event
    is_event = np.array([True] * 4 + [False] * 3 + [True] * 4 + [False])
    lang = np.array(["en"] * 7 + ["hi"] * 5)
    one, _ = threshold_for("sensitivity", scores, is_event, 1.0)
    assert one == 0.25
    assert (scores[~is_event] >= one).sum() == 3
    per = level_thresholds(scores, is_event, lang, _targets(is_event, {"lang": lang}, 1.0, 1.0))
    assert per == {"en": 0.8, "hi": 0.25}
    flagged = scores >= np.where(lang == "en", per["en"], per["hi"])
    assert flagged[is_event].all() and not flagged[~is_event].any()


def test_one_level_chooses_what_one_threshold_with_slice_targets_chooses() -> None:
    from perception.models.decision import level_thresholds, threshold_for

    rng = np.random.default_rng(11)
    for _ in range(20):
        n = 300
        scores = rng.random(n)
        is_event = rng.random(n) < scores ** 2
        length = rng.choice(["short", "medium", "long"], n)
        single, _ = threshold_for("sensitivity", scores, is_event, 0.9, 0.8,
                                  slices={"length_bucket": length}, slice_sensitivity=0.85)
        per = level_thresholds(scores, is_event, np.full(n, "en"),
                               _targets(is_event, {"length_bucket": length}, 0.9, 0.85), 0.8)
        assert per == {"en": single}


def test_per_level_thresholds_are_the_best_feasible_choice() -> None:
    from perception.models.decision import level_thresholds, sensitivity_lower_bound

    rng = np.random.default_rng(5)
    n = 120
    lang = rng.choice(["en", "hi"], n)
    length = rng.choice(["short", "long"], n)
    scores = np.clip(rng.random(n) - 0.2 * (lang == "hi"), 0, 1)
    is_event = rng.random(n) < scores
    targets = _targets(is_event, {"lang": lang, "length_bucket": length}, 0.9, 0.8)
    per = level_thresholds(scores, is_event, lang, targets, 0.6)

    def judged(t_en: float, t_hi: float) -> tuple[bool, int]:
        flagged = scores >= np.where(lang == "en", t_en, t_hi)
        ok = all(sensitivity_lower_bound(int((flagged & rows & is_event).sum()),
                                         int((rows & is_event).sum()), 0.6) >= target - 1e-12
                 for rows, target in targets.values())
        return ok, int((flagged & ~is_event).sum())

    ok, false_flags = judged(per["en"], per["hi"])
    assert ok
    tried = 0
    for t_en in np.unique(scores[is_event & (lang == "en")]):
        for t_hi in np.unique(scores[is_event & (lang == "hi")]):
            other_ok, other_ff = judged(t_en, t_hi)
            tried += other_ok
            assert not other_ok or other_ff >= false_flags
    assert tried > 1


def test_each_row_is_judged_at_its_level_and_an_unknown_level_at_the_lowest() -> None:
    from perception.models.decision import decide, row_thresholds

    by = {"lang": {"en": 0.7, "hi": 0.2}}
    context = {"lang": ["en", "hi", "fr", None]}
    np.testing.assert_allclose(row_thresholds(0.2, by, context, 4), [0.7, 0.2, 0.2, 0.2])
    np.testing.assert_allclose(row_thresholds(0.2, None, context, 4), [0.2] * 4)
    probs = np.array([[0.5, 0.5, 0.0]] * 4)
    np.testing.assert_array_equal(decide(probs, row_thresholds(0.2, by, context, 4)),
                                  [0, 1, 1, 1])
