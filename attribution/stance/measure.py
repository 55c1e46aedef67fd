"""Stance scores on labelled attributions (shared/data/stance-dev.jsonl): MEASURING ONLY.

Each labelled item's input is built from its gold cue and content spans with `format_input`, so
the stance classifier is scored apart from quote detection. The model and the cue-lexicon
baseline are scored in the same run, with the evaluator's `stance_scores` (gold `other` left
out, an also-acceptable label counted right).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from attribution.errors import InputError
from attribution.evaluate.scores import StanceScores, stance_scores
from attribution.resources import verify_manifest
from attribution.stance.inputs import StanceInput, format_input
from attribution.stance.lexicon import lexicon_stance
from attribution.types import STANCES, Stance

Classifier = Callable[[Sequence[StanceInput]], list[Stance]]
ECE_BINS = 10


@dataclass(frozen=True)
class LabelledInput:
    item_id: str
    input: StanceInput
    stance: str  # gold: assertion, denial, evaluation or other
    also_acceptable: tuple[str, ...]


@dataclass(frozen=True)
class StanceMeasurement:
    name: str
    scores: StanceScores
    predictions: tuple[Stance, ...]  # in item order, `other` items included
    seconds: float  # time to classify every item


def read_labelled_inputs(labels_path: str | Path, text_dir: str | Path) -> list[LabelledInput]:
    """Items of a labels file (doc_id, content_spans, cue_spans, stance) with their model inputs."""
    labels_path, text_dir = Path(labels_path), Path(text_dir)
    if not labels_path.is_file():
        raise InputError(f"labels file not found: {labels_path}")
    texts: dict[str, str] = {}
    items = []
    for number, line in enumerate(labels_path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        record = json.loads(line)
        doc_id = record["doc_id"]
        if doc_id not in texts:
            text_path = text_dir / f"{doc_id}.txt"
            if not text_path.is_file():
                raise InputError(f"{labels_path}:{number}: no text for {doc_id} in {text_dir}")
            texts[doc_id] = text_path.read_text(encoding="utf-8")
        item = format_input(texts[doc_id], record["content_spans"], record.get("cue_spans") or [])
        also = tuple(record.get("stance_also_acceptable") or ())
        items.append(LabelledInput(str(record.get("item_id", number)), item, record["stance"], also))
    return items


def lexicon_classifier(inputs: Sequence[StanceInput]) -> list[Stance]:
    return [lexicon_stance(item) for item in inputs]


def measure(items: Sequence[LabelledInput], classifiers: dict[str, Classifier]) -> list[StanceMeasurement]:
    """Score every classifier on the same items."""
    inputs = [item.input for item in items]
    results = []
    for name, classify in classifiers.items():
        started = time.monotonic()
        predictions = tuple(classify(inputs))
        seconds = time.monotonic() - started
        scores = stance_scores((p.label, item.stance, item.also_acceptable) for p, item in zip(predictions, items))
        results.append(StanceMeasurement(name, scores, predictions, seconds))
    return results


def scores_dict(scores: StanceScores) -> dict:
    return {
        "n": scores.accuracy.n,
        "accuracy": scores.accuracy.value,
        "macro_f1": scores.macro_f1,
        "per_label": {s.label: {"f1": s.f1, "support": s.support, "tp": s.tp, "fp": s.fp, "fn": s.fn} for s in scores.per_label},
    }


def format_measurements(results: Sequence[StanceMeasurement]) -> str:
    """A small terminal table: one row per classifier."""
    lines = [f"{'classifier':<10} {'n':>4} {'accuracy':>9} {'macro-F1':>9}  F1 per label"]
    for result in results:
        s = result.scores
        per_label = "  ".join(f"{x.label}={x.f1:.3f}" if x.f1 is not None else f"{x.label}=-" for x in s.per_label)
        lines.append(f"{result.name:<10} {s.accuracy.n:>4} {s.accuracy.value or 0:>9.3f} {s.macro_f1 or 0:>9.3f}  {per_label}")
    return "\n".join(lines)


def expected_calibration_error(confidences: Sequence[float], right: Sequence[bool], bins: int = ECE_BINS) -> float:
    """Mean |accuracy - confidence| over equal-width confidence bins, weighted by bin size."""
    if not confidences:
        return 0.0
    error = 0.0
    for k in range(bins):
        members = [i for i, c in enumerate(confidences) if k / bins < c <= (k + 1) / bins]
        if members:
            accuracy = sum(right[i] for i in members) / len(members)
            confidence = sum(confidences[i] for i in members) / len(members)
            error += len(members) / len(confidences) * abs(accuracy - confidence)
    return error


def calibration(items: Sequence[LabelledInput], predictions: Sequence[Stance]) -> float:
    """ECE of `stance_score` on the claims (gold `other` left out; also-acceptable counts right)."""
    pairs = [(p, item) for p, item in zip(predictions, items) if item.stance in STANCES]
    right = [p.label == item.stance or p.label in item.also_acceptable for p, item in pairs]
    return expected_calibration_error([p.score for p, _ in pairs], right)


def measure_model_and_baseline(folder: Path, labels_path: Path, text_dir: Path) -> tuple[str, dict]:
    """The model in `folder` (manifest checked) and the lexicon baseline on the same labelled items."""
    from attribution.stance.classify import StanceModel

    verify_manifest(folder)
    model = StanceModel(folder)
    items = read_labelled_inputs(labels_path, text_dir)
    results = measure(items, {"model": model.predict, "lexicon": lexicon_classifier})
    scores = {
        r.name: {**scores_dict(r.scores), "ece": calibration(items, r.predictions), "seconds": round(r.seconds, 3)}
        for r in results
    }
    scores["labels"] = labels_path.name
    scores["items"] = len(items)
    speed = len(items) / max(results[0].seconds, 1e-9)
    table = format_measurements(results) + f"\nmodel: ECE {scores['model']['ece']:.3f}, {speed:.0f} items/s"
    return table, scores
