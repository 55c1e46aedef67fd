"""Find and read the gold a path points at: a BRAT folder, a seeds folder or a *.gold.jsonl file.

Beside each `X.gold.jsonl` an `X.negatives.jsonl` is picked up when present; a labels file and an
explicit negatives file are added on top.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from attribution.errors import InputError, UnsupportedFormatError
from attribution.evaluate.gold import GoldSet, read_brat_gold, read_gold_jsonl
from attribution.evaluate.labels import attach_labels, read_labels
from attribution.evaluate.negatives import attach_negatives

GOLD_SUFFIX = ".gold.jsonl"
NEGATIVES_SUFFIX = ".negatives.jsonl"


def load_gold(path: str | Path, labels: str | Path | None = None, negatives: str | Path | None = None) -> GoldSet:
    path = Path(path)
    if not path.exists():
        raise InputError(f"gold not found: {path}")
    if path.is_dir() and (path / "attributions").is_dir():
        gold = read_brat_gold(path)
    elif path.is_dir():
        gold_files = sorted(path.glob(f"*{GOLD_SUFFIX}"))
        if not gold_files:
            raise InputError(f"{path} holds neither attributions/ + text/ (BRAT) nor *{GOLD_SUFFIX} files")
        gold = _merge([_read_seed_gold(f) for f in gold_files], str(path))
    elif path.name.endswith(".jsonl"):
        gold = _read_seed_gold(path)
    else:
        raise UnsupportedFormatError(f"{path}: gold must be a BRAT folder, a seeds folder or a *{GOLD_SUFFIX} file")
    if labels is not None:
        gold = attach_labels(gold, read_labels(labels))
    if negatives is not None:
        gold = attach_negatives(gold, negatives)
    return gold


def _read_seed_gold(path: Path) -> GoldSet:
    gold = read_gold_jsonl(path)
    stem = path.name[: -len(GOLD_SUFFIX)] if path.name.endswith(GOLD_SUFFIX) else path.stem
    beside = path.with_name(stem + NEGATIVES_SUFFIX)
    return attach_negatives(gold, beside) if beside.is_file() else gold


def _merge(sets: list[GoldSet], name: str) -> GoldSet:
    docs = sorted((doc for gold in sets for doc in gold.docs), key=lambda d: d.doc_id)
    ids = [doc.doc_id for doc in docs]
    duplicated = sorted({i for i in ids if ids.count(i) > 1})
    if duplicated:
        raise InputError(f"{name}: documents in more than one gold file: {', '.join(duplicated)}")
    return replace(sets[0], docs=tuple(docs), name=name)
