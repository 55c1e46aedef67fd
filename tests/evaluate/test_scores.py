from __future__ import annotations

from dataclasses import replace

import pytest

from attribution.evaluate.load import load_gold
from attribution.evaluate.scores import Ratio, evaluate, stance_scores
from attribution.types import Attribution


def test_scores_stance_macro_f1_with_also_acceptable_and_other():
    items = [
        ("assertion", "assertion", ()),  # right
        ("evaluation", "assertion", ("evaluation",)),  # right: counts as an evaluation
        ("denial", "evaluation", ()),  # wrong
        ("assertion", "other", ()),  # not a claim: left out
        ("assertion", "denial", ()),  # wrong
    ]
    scores = stance_scores(items)
    assert scores.accuracy == Ratio(2, 4)
    per_label = {s.label: (s.tp, s.fp, s.fn) for s in scores.per_label}
    assert per_label == {"assertion": (1, 1, 0), "denial": (0, 1, 1), "evaluation": (1, 0, 1)}
    # F1: assertion 2/3, evaluation 2/3, denial 0.
    assert scores.macro_f1 == pytest.approx((2 / 3 + 2 / 3 + 0) / 3)


def test_scores_stance_macro_f1_skips_labels_never_seen():
    scores = stance_scores([("assertion", "assertion", ()), ("Assertion ", "assertion", ())])
    assert (scores.accuracy, scores.macro_f1) == (Ratio(2, 2), 1.0)


def test_scores_stance_nothing_to_count():
    scores = stance_scores([("assertion", "other", ())])
    assert (scores.accuracy.value, scores.macro_f1) == (None, None)


def test_scores_source_cue_and_labels_on_matched_pairs(make_row, make_gold, labels):
    text = "Smith said that taxes rise. Jones said that taxes fall."
    gold = make_gold(
        text,
        [[(16, 26)], [(44, 54)]],
        sources=[[(0, 5)], [(28, 33)]],
        cues=[[(6, 10)], [(34, 38)]],
        labels=[labels(name="John Smith", aliases=("Smith",), role="senator"), labels(stance="other", name="Jones")],
    )
    rows = [
        make_row("a", 16, 26, speaker="Smith", speaker_type="person", speaker_role="Senator",
                 mention_start=0, mention_end=5, cue_start=6, cue_end=10, stance="assertion"),
        make_row("a", 44, 54, speaker="Jonas", speaker_type="organization", speaker_role="",
                 mention_start=0, mention_end=5, cue_start=None, cue_end=None, stance="denial"),
        make_row("a", 0, 4),  # matches nothing
    ]
    scores = evaluate(rows, gold)
    assert (scores.lenient.matched, scores.lenient.predicted, scores.lenient.gold) == (2, 3, 2)
    assert scores.source == Ratio(1, 2)  # the second points at Smith
    assert scores.cue == Ratio(1, 2)  # the second has no cue offsets
    assert scores.speaker_name == Ratio(1, 2)
    assert scores.speaker_type == Ratio(1, 2)
    assert scores.speaker_role == Ratio(2, 2)
    assert scores.stance.accuracy == Ratio(1, 1)  # Jones's `other` is left out
    assert scores.required is None and scores.negatives is None


def test_scores_unlabelled_gold_counts_no_labels(make_row, make_gold):
    scores = evaluate([make_row("a", 0, 10, speaker="X")], make_gold("a" * 10, [[(0, 10)]]))
    assert scores.speaker_name == Ratio(0, 0) and scores.stance.accuracy == Ratio(0, 0)
    assert scores.source == Ratio(0, 0)  # no gold source: not counted


def _perfect_rows(gold) -> list[Attribution]:
    rows = []
    for quote in gold.quotes:
        content, cue, source, lb = quote.content[0], quote.cue[0], quote.source[0], quote.labels
        rows.append(
            Attribution(
                doc_id=quote.doc_id, quote_id=quote.gold_id, quote_type=quote.quote_type, quote_text=content.text,
                quote_start=content.start, quote_end=content.end, cue=cue.text, cue_start=cue.start, cue_end=cue.end,
                speaker=lb.speaker_name, speaker_type=lb.speaker_type, speaker_role=lb.speaker_role,
                speaker_mention=source.text, mention_start=source.start, mention_end=source.end,
                stance=lb.stance, stance_score=1.0,
            )
        )
    return rows


def test_scores_seed_perfect_predictions_score_one(seeds_dir):
    gold = load_gold(seeds_dir)
    scores = evaluate(_perfect_rows(gold), gold)
    n = len(list(gold.quotes))
    assert (scores.lenient.f1, scores.strict.f1, scores.lenient.matched) == (1.0, 1.0, n)
    for ratio in (scores.source, scores.cue, scores.speaker_name, scores.speaker_type, scores.speaker_role):
        assert ratio == Ratio(n, n)
    assert (scores.stance.accuracy.value, scores.stance.macro_f1) == (1.0, 1.0)
    assert scores.required.value == 1.0 and scores.required.n == sum(bool(q.required) for q in gold.quotes)
    assert scores.negatives == Ratio(0, 3)
    recall_by_type = {t.quote_type: t.recall.value for t in scores.by_quote_type}
    assert recall_by_type == {"direct": 1.0, "indirect": 1.0, "mixed": 1.0}


def test_scores_seed_empty_predictions_score_zero(seeds_dir):
    gold = load_gold(seeds_dir)
    scores = evaluate([], gold)
    assert (scores.lenient.precision, scores.lenient.recall, scores.lenient.f1, scores.strict.f1) == (0, 0, 0, 0)
    assert scores.required.k == 0 and scores.required.n > 0
    assert scores.source.n == 0 and scores.stance.macro_f1 is None


def test_scores_seed_negatives_reported_only_by_unmatched_rows(seeds_dir):
    gold = load_gold(seeds_dir)
    [doc] = gold.docs
    title, passive, _ = doc.negatives
    rows = _perfect_rows(gold)  # the first quote contains the treaty's title: that is no report of it
    title_row = replace(rows[0], quote_start=title.spans[0].start, quote_end=title.spans[0].end)
    passive_row = replace(rows[0], quote_start=passive.spans[0].start, quote_end=passive.spans[0].start + 10)
    assert evaluate(rows + [title_row], gold).negatives == Ratio(1, 3)
    assert evaluate(rows + [passive_row], gold).negatives == Ratio(0, 3)  # under 30% of the negative
