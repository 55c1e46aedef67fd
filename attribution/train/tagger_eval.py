"""Measure the span tagger alone on a gold set, with the project's scorer, and time it beside spaCy.

Used after training to fill `metrics.json` and the model card. Measuring only: nothing here
chooses a checkpoint or a threshold, so scoring on PolNeAR dev does not tune on it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Sequence

from attribution.corpus.brat import GoldDocument
from attribution.evaluate.gold import gold_from_polnear
from attribution.evaluate.report import scores_to_dict
from attribution.evaluate.scores import Scores, evaluate
from attribution.parse import parse_texts
from attribution.pipeline import make_attribution
from attribution.quotes.detect import detect_quotes
from attribution.quotes.spans import TaggedAttribution
from attribution.quotes.tagger import SpanTagger, sentence_starts_of
from attribution.types import Attribution, Quote, Speaker, Stance

NO_STANCE = Stance("", 0.0)


@dataclass(frozen=True)
class TaggerMeasurement:
    scores: Scores
    documents: int
    spacy_seconds: float  # the spaCy pipeline alone over the documents
    tagger_seconds: float  # the tagger over the parsed documents (windows, encoder, decoding)

    def as_dict(self) -> dict:
        return {
            "documents": self.documents,
            "spacy_seconds": round(self.spacy_seconds, 2),
            "tagger_seconds": round(self.tagger_seconds, 2),
            "tagger_over_spacy": round(self.tagger_seconds / self.spacy_seconds, 3) if self.spacy_seconds else None,
            "scores": scores_to_dict(self.scores),
        }


def tagged_rows(doc_id: str, tagged: Sequence[TaggedAttribution]) -> list[Attribution]:
    """Score-ready rows: content from its first piece to its last (the scorer takes one span per row)."""
    rows = []
    for number, t in enumerate(sorted(tagged, key=lambda a: (a.start, a.end)), start=1):
        rows.append(
            Attribution(
                doc_id=doc_id,
                quote_id=f"q{number:03d}",
                quote_type="",
                quote_text="",
                quote_start=t.start,
                quote_end=t.end,
                cue=t.cue.text if t.cue else "",
                cue_start=t.cue.start if t.cue else None,
                cue_end=t.cue.end if t.cue else None,
                speaker="",
                speaker_type="",
                speaker_role="",
                speaker_mention=t.source.text if t.source else "",
                mention_start=t.source.start if t.source else None,
                mention_end=t.source.end if t.source else None,
                stance="",
                stance_score=0.0,
            )
        )
    return rows


def quote_rows(doc_id: str, text: str, quotes: Sequence[Quote]) -> list[Attribution]:
    """Score-ready rows of the detector's quotes (no speakers or stances: the scorer needs offsets)."""
    return [
        make_attribution(doc_id, f"q{number:03d}", text, quote, Speaker("", "none", "", quote.source_mention), NO_STANCE, "")
        for number, quote in enumerate(quotes, start=1)
    ]


def measure_detector(golds: Sequence[GoldDocument]) -> dict:
    """The whole quote detector (rules and tagger, quotes/detect.py) on a gold set, timed beside spaCy."""
    texts = [g.document.text for g in golds]
    began = time.perf_counter()
    docs = list(parse_texts(texts, batch_size=16))
    parsed = time.perf_counter()
    quotes = detect_quotes(docs)
    detected = time.perf_counter()
    rows = [row for gold, found in zip(golds, quotes) for row in quote_rows(gold.document.doc_id, gold.document.text, found)]
    return {
        "documents": len(golds),
        "spacy_seconds": round(parsed - began, 2),
        "detector_seconds": round(detected - parsed, 2),
        "scores": scores_to_dict(evaluate(rows, gold_from_polnear(golds))),
    }


def measure_tagger(tagger: SpanTagger, golds: Sequence[GoldDocument], nlp) -> TaggerMeasurement:
    """Parse the gold texts with `nlp`, tag them, and score the tagger's rows against the gold."""
    texts = [g.document.text for g in golds]
    began = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    parsed = time.perf_counter()
    tagged = tagger.tag(texts, [sentence_starts_of(doc) for doc in docs])
    tagged_at = time.perf_counter()
    rows = [row for gold, found in zip(golds, tagged) for row in tagged_rows(gold.document.doc_id, found)]
    scores = evaluate(rows, gold_from_polnear(golds))
    return TaggerMeasurement(scores, len(golds), parsed - began, tagged_at - parsed)
