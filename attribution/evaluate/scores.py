"""Score predicted attribution rows against gold: `evaluate(pred_rows, gold) -> Scores`.

Content is matched per document (see matching.py). Everything else is scored on the lenient
matches: source and cue (do the predicted offsets overlap a gold span), and where the gold carries
labels, speaker name, type and role and stance. Every number keeps its counts beside it.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

from attribution.evaluate.gold import GoldDoc, GoldQuote, GoldSet
from attribution.evaluate.matching import LENIENT, STRICT, AlnumIndex, match_spans
from attribution.evaluate.names import name_correct, normalise_name, role_correct, type_correct
from attribution.types import QUOTE_TYPES, STANCES, Attribution, TextSpan

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Ratio:
    """k right out of n; `value` is None when there was nothing to count."""

    k: int
    n: int

    @property
    def value(self) -> float | None:
        return self.k / self.n if self.n else None


@dataclass(frozen=True)
class PRF:
    """Precision over predicted rows, recall over gold attributions (0.0 when a side is empty)."""

    matched: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class LabelScore:
    label: str
    tp: int
    fp: int
    fn: int

    @property
    def support(self) -> int:
        return self.tp + self.fn

    @property
    def f1(self) -> float | None:
        """None when the label is neither in the gold nor predicted: it then stays out of the macro mean."""
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else None


@dataclass(frozen=True)
class StanceScores:
    accuracy: Ratio
    per_label: tuple[LabelScore, ...]

    @property
    def macro_f1(self) -> float | None:
        """Mean F1 over the labels that occur in the gold or the predictions."""
        values = [s.f1 for s in self.per_label if s.f1 is not None]
        return sum(values) / len(values) if values else None


@dataclass(frozen=True)
class QuoteTypeScores:
    quote_type: str
    recall: Ratio  # gold quotes of this type matched (lenient); n = 0 where the gold gives no types
    precision: Ratio  # predicted rows of this type matched (lenient)


@dataclass(frozen=True)
class Scores:
    documents: int
    lenient: PRF
    strict: PRF
    source: Ratio  # over matched pairs whose gold names a source
    cue: Ratio  # over matched pairs whose gold has a cue
    speaker_name: Ratio  # the rest: over matched pairs whose gold carries labels
    speaker_type: Ratio
    speaker_role: Ratio
    stance: StanceScores  # gold `other` left out
    required: Ratio | None  # seed gold: required quotes found (lenient); None for gold without the notion
    negatives: Ratio | None  # negatives reported, of all negatives (lower is better); None if none given
    by_quote_type: tuple[QuoteTypeScores, ...]
    ignored_rows: int  # predicted rows for documents the gold does not hold: not scored


@dataclass(frozen=True)
class _DocOutcome:
    pairs: tuple[tuple[Attribution, GoldQuote], ...]  # lenient matches
    strict_matches: int
    negatives_reported: int


def evaluate(pred_rows: Iterable[Attribution], gold: GoldSet) -> Scores:
    """Score predicted rows against the gold. Rows for documents absent from the gold are ignored."""
    rows_by_doc: dict[str, list[Attribution]] = defaultdict(list)
    for row in pred_rows:
        rows_by_doc[row.doc_id].append(row)
    gold_ids = {doc.doc_id for doc in gold.docs}
    ignored = sum(len(rows) for doc_id, rows in rows_by_doc.items() if doc_id not in gold_ids)
    if ignored:
        log.warning("%d predicted rows belong to documents the gold does not hold; they are not scored", ignored)
    outcomes = [_evaluate_doc(doc, rows_by_doc.get(doc.doc_id, [])) for doc in gold.docs]
    pairs = [pair for outcome in outcomes for pair in outcome.pairs]
    predicted = [row for doc in gold.docs for row in rows_by_doc.get(doc.doc_id, [])]
    quotes = list(gold.quotes)
    labelled = [(row, quote.labels) for row, quote in pairs if quote.labels is not None]
    n_negatives = sum(len(doc.negatives) for doc in gold.docs)
    required = [quote for quote in quotes if quote.required]
    matched_gold = {id(quote) for _, quote in pairs}
    return Scores(
        documents=len(gold.docs),
        lenient=PRF(len(pairs), len(predicted), len(quotes)),
        strict=PRF(sum(o.strict_matches for o in outcomes), len(predicted), len(quotes)),
        source=_tally(_source_right(row, quote) for row, quote in pairs),
        cue=_tally(_cue_right(row, quote) for row, quote in pairs),
        speaker_name=_tally(name_correct(row.speaker, lb.speaker_name, lb.speaker_aliases) for row, lb in labelled),
        speaker_type=_tally(type_correct(row.speaker_type, lb.speaker_type) for row, lb in labelled),
        speaker_role=_tally(role_correct(row.speaker_role, lb.speaker_role) for row, lb in labelled),
        stance=stance_scores((row.stance, lb.stance, lb.stance_also_acceptable) for row, lb in labelled),
        required=(
            Ratio(sum(id(q) in matched_gold for q in required), len(required))
            if any(q.required is not None for q in quotes)
            else None
        ),
        negatives=Ratio(sum(o.negatives_reported for o in outcomes), n_negatives) if n_negatives else None,
        by_quote_type=_by_quote_type(pairs, predicted, quotes),
        ignored_rows=ignored,
    )


def _evaluate_doc(doc: GoldDoc, rows: Sequence[Attribution]) -> _DocOutcome:
    # Sorted so that the result does not depend on the order of the predictions file.
    rows = sorted(rows, key=lambda r: (r.quote_start, r.quote_end, r.quote_id))
    index = AlnumIndex(doc.text)
    predicted = [(r.quote_start, r.quote_end) for r in rows]
    gold = [quote.content_key for quote in doc.quotes]
    lenient = match_spans(index, predicted, gold, LENIENT)
    strict = match_spans(index, predicted, gold, STRICT)
    matched_rows = {m.pred for m in lenient}
    unmatched = tuple(r for i, r in enumerate(rows) if i not in matched_rows)
    return _DocOutcome(
        pairs=tuple((rows[m.pred], doc.quotes[m.gold]) for m in lenient),
        strict_matches=len(strict),
        negatives_reported=sum(_reported(index, negative.spans, unmatched) for negative in doc.negatives),
    )


def _reported(index: AlnumIndex, spans: Sequence[TextSpan], unmatched: Sequence[Attribution]) -> bool:
    """A negative is reported when a prediction that matched no gold covers >= LENIENT of it.

    Only unmatched predictions count: a negative may lie inside a real quote (a treaty's title in
    quotation marks within a reported claim), and finding that claim is not reporting the title.
    """
    for span in spans:
        size = index.size([(span.start, span.end)])
        for row in unmatched:
            common = index.overlap([(row.quote_start, row.quote_end)], [(span.start, span.end)])
            if size and common / size >= LENIENT:
                return True
    return False


def _source_right(row: Attribution, quote: GoldQuote) -> bool | None:
    return _span_right(row.mention_start, row.mention_end, row.speaker_mention, quote.source, quote.source_text)


def _cue_right(row: Attribution, quote: GoldQuote) -> bool | None:
    return _span_right(row.cue_start, row.cue_end, row.cue, quote.cue, quote.cue_text)


def _span_right(
    start: int | None, end: int | None, words: str, gold: Sequence[TextSpan], gold_words: str
) -> bool | None:
    """Does the predicted span overlap a gold span (by any character, so a ":" cue counts)?

    Where the gold has words but no offsets (a seed cue not found in the text), compare the
    normalised words instead. None when the gold has neither: the pair is not counted.
    """
    if gold:
        return start is not None and end is not None and any(start < g.end and g.start < end for g in gold)
    if gold_words:
        return normalise_name(words) == normalise_name(gold_words)
    return None


def _tally(checks: Iterable[bool | None]) -> Ratio:
    counted = [check for check in checks if check is not None]
    return Ratio(sum(counted), len(counted))


def stance_scores(items: Iterable[tuple[str, str, Sequence[str]]]) -> StanceScores:
    """Accuracy and per-label counts from (predicted, gold, also_acceptable) triples.

    Gold labels outside STANCES (`other`) are left out. A prediction equal to an also-acceptable
    label is right and, for F1, counts as if the gold label were that one.
    """
    right = total = 0
    tp: dict[str, int] = defaultdict(int)
    fp: dict[str, int] = defaultdict(int)
    fn: dict[str, int] = defaultdict(int)
    for predicted, gold, also in items:
        predicted, gold = predicted.strip().lower(), gold.strip().lower()
        if gold not in STANCES:
            continue
        effective = predicted if predicted in {a.strip().lower() for a in also} else gold
        total += 1
        if predicted == effective:
            right += 1
            tp[effective] += 1
        else:
            fn[effective] += 1
            fp[predicted] += 1
    per_label = tuple(LabelScore(label, tp[label], fp[label], fn[label]) for label in STANCES)
    return StanceScores(Ratio(right, total), per_label)


def _by_quote_type(
    pairs: Sequence[tuple[Attribution, GoldQuote]], predicted: Sequence[Attribution], quotes: Sequence[GoldQuote]
) -> tuple[QuoteTypeScores, ...]:
    gold_types = [q.quote_type for q in quotes]
    predicted_types = [r.quote_type for r in predicted]
    return tuple(
        QuoteTypeScores(
            t,
            recall=Ratio(sum(q.quote_type == t for _, q in pairs), gold_types.count(t)),
            precision=Ratio(sum(r.quote_type == t for r, _ in pairs), predicted_types.count(t)),
        )
        for t in QUOTE_TYPES
        if t in gold_types or t in predicted_types
    )
