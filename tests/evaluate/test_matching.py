from __future__ import annotations

import pytest

from attribution.evaluate.matching import LENIENT, STRICT, AlnumIndex, match_spans, merge
from attribution.evaluate.scores import evaluate

# 100 alphanumeric characters spread over 200: every second character is punctuation.
DOTTED = "x." * 100


@pytest.mark.parametrize(
    "text, start, end, expected",
    [
        ('"Yes, we can!"', 0, 14, 8),
        ("a b c", 0, 5, 3),
        ("... -- '' ", 0, 10, 0),
        ("Löwe sagte", 0, 10, 9),
        ("abc", -5, 99, 3),  # offsets outside the text are clipped, never raise
        ("abc", 2, 1, 0),
    ],
)
def test_matching_counts_alnum_only(text, start, end, expected):
    assert AlnumIndex(text).count(start, end) == expected


def test_matching_ignores_quote_marks_and_punctuation():
    text = 'He said: "Yes, we can!" and left.'
    gold = [[(9, 23)]]  # with the quotation marks and "!"
    predicted = [(10, 21)]  # "Yes, we can" bare
    [match] = match_spans(AlnumIndex(text), predicted, gold, STRICT)
    assert match.share == 1.0


@pytest.mark.parametrize(
    "pred_end, threshold, matched",
    [
        (58, LENIENT, False),  # 29 of 100 alnum characters
        (60, LENIENT, True),  # exactly 30: the threshold is inclusive
        (62, LENIENT, True),  # 31
        (158, STRICT, False),  # 79
        (160, STRICT, True),  # 80
        (162, STRICT, True),  # 81
    ],
)
def test_matching_thresholds(pred_end, threshold, matched):
    matches = match_spans(AlnumIndex(DOTTED), [(0, pred_end)], [[(0, 200)]], threshold)
    assert bool(matches) is matched


def test_matching_share_is_of_the_gold_not_the_prediction():
    # The prediction is ten times the gold: it still covers all of it.
    text = "a" * 100
    [match] = match_spans(AlnumIndex(text), [(0, 100)], [[(40, 50)]], STRICT)
    assert (match.overlap, match.share) == (10, 1.0)


def test_matching_one_to_one_largest_overlap_first():
    text = "a" * 100
    gold = [[(0, 40)], [(40, 100)]]
    # p0 covers both golds; it goes to g1 (60 characters in common beat 40), so p1 can take g0.
    predicted = [(0, 100), (0, 20)]
    matches = match_spans(AlnumIndex(text), predicted, gold, LENIENT)
    assert [(m.pred, m.gold) for m in matches] == [(1, 0), (0, 1)]


def test_matching_two_predictions_for_one_gold_match_once():
    text = "a" * 100
    matches = match_spans(AlnumIndex(text), [(0, 50), (0, 90)], [[(0, 100)]], LENIENT)
    assert [(m.pred, m.gold, m.overlap) for m in matches] == [(1, 0, 90)]


def test_matching_below_threshold_pair_does_not_block():
    # 200 characters in common with g0 are only 20% of it: that pair must not take p0 from g1 (50%).
    text = "a" * 1000
    gold = [[(0, 1000)], [(150, 250)]]
    matches = match_spans(AlnumIndex(text), [(0, 200)], gold, LENIENT)
    assert [(m.pred, m.gold, m.overlap) for m in matches] == [(0, 1, 50)]


def test_matching_discontinuous_gold():
    text = "first part, he said, second part"
    gold = [[(0, 10), (21, 32)]]  # "first part" + "second part": 19 alnum characters
    index = AlnumIndex(text)
    [whole] = match_spans(index, [(0, 32)], gold, STRICT)
    assert whole.share == 1.0  # "he said" between the pieces adds nothing
    assert match_spans(index, [(21, 32)], gold, LENIENT)  # 10 of 19
    assert not match_spans(index, [(21, 32)], gold, STRICT)


def test_matching_content_without_alnum_never_matches():
    assert match_spans(AlnumIndex('"..."'), [(0, 5)], [[(0, 5)]], LENIENT) == []


@pytest.mark.parametrize(
    "spans, expected",
    [
        ([(5, 10), (0, 3)], [(0, 3), (5, 10)]),
        ([(0, 10), (5, 15)], [(0, 15)]),
        ([(0, 5), (5, 9)], [(0, 9)]),
        ([(3, 3)], []),
    ],
)
def test_matching_merge(spans, expected):
    assert merge(spans) == expected


def test_matching_different_documents_never_match(make_row, make_gold):
    gold = make_gold("a" * 50, [[(0, 50)]], doc_id="a")
    scores = evaluate([make_row("b", 0, 50)], gold)
    assert scores.lenient.matched == 0
    assert scores.ignored_rows == 1  # a document the gold does not hold is not scored at all
    assert evaluate([make_row("a", 0, 50)], gold).lenient.matched == 1
