"""Score conflicting pairs against gold propositions (`*.conflicts.jsonl` in a folder).

Two gold layouts are read. The seed's: {"doc_id", "conflict_id", "proposition", "asserting": [quote
ids], "denying": [quote ids]}, the ids resolved through `<doc_id>.gold.jsonl` beside it. The
multi-article set's: {"proposition_id", "proposition", "asserting": [{"doc_id", "quote",
"optional"?}], "denying": [...]}, each quote a unique substring of its article.

A predicted claim matches a gold quote of its document when their overlap, counted in
alphanumeric characters, covers at least 30% of the gold quote (the lenient rule of
shared/README.md). Gold pairs are every required asserting x required denying quote of a
proposition. A predicted pair is right when it matches a gold pair; it is left out of precision
when it only matches through an optional quote; it is an "agreeing pair" when both sides are on
the same side of a proposition.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from attribution.conflicts import Conflict, ConflictSettings, find_conflicts
from attribution.evaluate.gold import quote_offsets, read_jsonl
from attribution.errors import EvaluationFormatError
from attribution.ingest import read_documents
from attribution.types import Attribution, Document

MATCH_SHARE = 0.3
GOLD_CONFLICTS = "*.conflicts.jsonl"
GOLD_CLAIMS = "*.gold.jsonl"


@dataclass(frozen=True)
class QuoteRef:
    doc_id: str
    start: int
    end: int
    optional: bool = False


@dataclass(frozen=True)
class GoldProposition:
    proposition_id: str
    label: str
    asserting: tuple[QuoteRef, ...]
    denying: tuple[QuoteRef, ...]

    def gold_pairs(self) -> set[tuple[QuoteRef, QuoteRef]]:
        return {(a, d) for a in self.asserting if not a.optional for d in self.denying if not d.optional}


@dataclass(frozen=True)
class ConflictScores:
    predicted: int  # pairs reported
    correct: int  # reported pairs that match a gold pair (a duplicate of one counts too)
    ignored: int  # reported pairs that match only through an optional gold quote
    agreeing: int  # reported pairs whose two claims agree (same side of a proposition)
    gold_pairs: int
    found_pairs: int  # distinct gold pairs reported
    gold_propositions: int
    found_propositions: int  # propositions with at least one of their pairs reported

    @property
    def precision(self) -> float:
        counted = self.predicted - self.ignored
        return self.correct / counted if counted else 1.0

    @property
    def recall(self) -> float:
        return self.found_pairs / self.gold_pairs if self.gold_pairs else 1.0

    @property
    def proposition_recall(self) -> float:
        return self.found_propositions / self.gold_propositions if self.gold_propositions else 1.0

    def as_dict(self) -> dict:
        scores = asdict(self)
        scores.update(precision=round(self.precision, 4), recall=round(self.recall, 4),
                      proposition_recall=round(self.proposition_recall, 4))  # fmt: skip
        return scores


@dataclass(frozen=True)
class ConflictEvaluation:
    scores: ConflictScores
    conflicts: tuple[Conflict, ...]


def evaluate_folder(folder: Path, claims: str = "pipeline", settings: ConflictSettings = ConflictSettings()) -> ConflictEvaluation:
    """Find conflicts among the folder's articles (*.txt) and score them against its gold.

    `claims` says where the claims come from: "pipeline" (extracted from the text, end to end)
    or "gold" (the hand-labelled claims in *.gold.jsonl, to score the conflict finder alone).
    """
    documents = [d for d in read_documents(sorted(folder.glob("*.txt"))) if isinstance(d, Document)]
    texts = {d.doc_id: d.text for d in documents}
    if claims == "gold":
        rows = [row for path in sorted(folder.glob(GOLD_CLAIMS)) for row in read_gold_claims(path, texts)]
    else:
        import attribution

        rows = attribution.extract(documents)
    propositions = [p for path in sorted(folder.glob(GOLD_CONFLICTS)) for p in read_gold_propositions(path, texts)]
    if not propositions:
        raise EvaluationFormatError(f"{folder}: no {GOLD_CONFLICTS} gold file")
    conflicts = find_conflicts(rows, documents, settings)
    return ConflictEvaluation(score_conflicts(conflicts, propositions, texts), tuple(conflicts))


def score_conflicts(conflicts: Iterable[Conflict], propositions: Sequence[GoldProposition], texts: Mapping[str, str]) -> ConflictScores:
    refs = [(p, +1, r) for p in propositions for r in p.asserting] + [(p, -1, r) for p in propositions for r in p.denying]
    predicted = correct = ignored = agreeing = 0
    found: set[tuple[str, QuoteRef, QuoteRef]] = set()
    for conflict in conflicts:
        predicted += 1
        verdict, pair = _judge(conflict, refs, texts)
        correct += verdict == "correct"
        ignored += verdict == "ignored"
        agreeing += verdict == "agreeing"
        if pair is not None:
            found.add(pair)
    gold = {(p.proposition_id, a, d) for p in propositions for a, d in p.gold_pairs()}
    found &= gold
    with_pairs = {p.proposition_id for p in propositions if p.gold_pairs()}
    return ConflictScores(
        predicted, correct, ignored, agreeing, len(gold), len(found),
        len(with_pairs), len({pid for pid, _, _ in found}),
    )  # fmt: skip


def _judge(conflict: Conflict, refs, texts: Mapping[str, str]):
    """("correct" | "ignored" | "agreeing" | "wrong", the gold pair matched or None)."""
    sides_a = [(p, s, r) for p, s, r in refs if _matches(conflict.a, r, texts)]
    sides_b = [(p, s, r) for p, s, r in refs if _matches(conflict.b, r, texts)]
    agreeing = False
    for prop_a, side_a, ref_a in sides_a:
        for prop_b, side_b, ref_b in sides_b:
            if prop_a.proposition_id != prop_b.proposition_id:
                continue
            if side_a == side_b:
                agreeing = True
                continue
            if ref_a.optional or ref_b.optional:
                return "ignored", None
            asserting, denying = (ref_a, ref_b) if side_a > 0 else (ref_b, ref_a)
            return "correct", (prop_a.proposition_id, asserting, denying)
    return ("agreeing" if agreeing else "wrong"), None


def _matches(attribution: Attribution, ref: QuoteRef, texts: Mapping[str, str]) -> bool:
    if attribution.doc_id != ref.doc_id:
        return False
    text = texts[ref.doc_id]
    gold = _alnum(text[ref.start : ref.end])
    shared = _alnum(text[max(ref.start, attribution.quote_start) : min(ref.end, attribution.quote_end)])
    return gold > 0 and shared / gold >= MATCH_SHARE


def _alnum(text: str) -> int:
    return sum(ch.isalnum() for ch in text)


# ---- reading gold ------------------------------------------------------------------------


def read_gold_propositions(path: Path, texts: Mapping[str, str]) -> list[GoldProposition]:
    propositions = []
    for number, record in _records(path):
        if isinstance(record.get("doc_id"), str):
            propositions.append(_seed_proposition(path, number, record, texts))
        else:
            propositions.append(_set_proposition(path, number, record, texts))
    return propositions


def _seed_proposition(path: Path, number: int, record: dict, texts: Mapping[str, str]) -> GoldProposition:
    doc_id = record["doc_id"]
    gold_file = path.parent / f"{doc_id}.gold.jsonl"
    spans = {r["quote_id"]: (r["char_start"], r["char_end"]) for _, r in _records(gold_file)}
    try:
        refs = {side: tuple(QuoteRef(doc_id, *spans[q]) for q in record[side]) for side in ("asserting", "denying")}
    except KeyError as exc:
        raise EvaluationFormatError(f"{path}:{number}: quote {exc} is not in {gold_file.name}") from exc
    return GoldProposition(record.get("conflict_id", f"line{number}"), record.get("proposition", ""), refs["asserting"], refs["denying"])


def _set_proposition(path: Path, number: int, record: dict, texts: Mapping[str, str]) -> GoldProposition:
    refs = {side: tuple(_locate(path, number, item, texts) for item in record.get(side, ())) for side in ("asserting", "denying")}
    return GoldProposition(record.get("proposition_id", f"line{number}"), record.get("proposition", ""), refs["asserting"], refs["denying"])


def _locate(path: Path, number: int, item: dict, texts: Mapping[str, str]) -> QuoteRef:
    doc_id = item.get("doc_id")
    if doc_id not in texts:
        raise EvaluationFormatError(f"{path}:{number}: no document {doc_id!r} beside it")
    start, end = quote_offsets({"doc_id": doc_id, "quote": item.get("quote")}, texts[doc_id], f"{path}:{number}")
    return QuoteRef(doc_id, start, end, bool(item.get("optional", False)))


def read_gold_claims(path: Path, texts: Mapping[str, str]) -> list[Attribution]:
    """Hand-labelled claims as attribution rows: to score the conflict finder apart from extraction.

    Rows give their content as offsets (char_start, char_end) or as a unique substring (quote).
    """
    rows = []
    for number, record in _records(path):
        doc_id = record.get("doc_id")
        if doc_id not in texts:
            raise EvaluationFormatError(f"{path}:{number}: no document {doc_id!r} beside it")
        start, end = quote_offsets(record, texts[doc_id], f"{path}:{number}")
        rows.append(_gold_row(record, doc_id, texts[doc_id], start, end))
    return _numbered(rows)


def _gold_row(record: dict, doc_id: str, text: str, start: int, end: int) -> Attribution:
    return Attribution(
        doc_id=doc_id, quote_id="", quote_type=record.get("quote_type", "indirect"),
        quote_text=text[start:end], quote_start=start, quote_end=end,
        cue=record.get("cue", ""), cue_start=None, cue_end=None,
        speaker=record.get("speaker", ""), speaker_type=record.get("speaker_type", "none"),
        speaker_role=record.get("speaker_role", ""), speaker_mention=record.get("speaker_mention", ""),
        mention_start=None, mention_end=None, stance=record.get("stance", "assertion"), stance_score=1.0,
        model_version="gold",
    )  # fmt: skip


def _numbered(rows: list[Attribution]) -> list[Attribution]:
    """Quote ids q001, q002, ... in text order per document, as the pipeline gives them."""
    numbered, counters = [], {}
    for row in sorted(rows, key=lambda r: (r.doc_id, r.quote_start, r.quote_end)):
        counters[row.doc_id] = counters.get(row.doc_id, 0) + 1
        numbered.append(replace(row, quote_id=f"q{counters[row.doc_id]:03d}"))
    return numbered


def _records(path: Path) -> Iterable[tuple[int, dict]]:
    try:
        yield from read_jsonl(path)
    except OSError as exc:
        raise EvaluationFormatError(f"{path}: {exc.strerror or exc}") from exc
