"""How much of the stance error is the model's, and how much extraction's, on TRAIN claims the
stance model never learnt from (never dev):

    .venv/bin/python scripts/stance_end_to_end.py [--train-dir ../shared/data/polnear/train]

The claims are our manual stance labels (models/stance/annotations*.jsonl) in the articles that
training holds out (one in five, by doc-id hash) and all of round 3 (labelled, never trained on);
`other` items are left out. Each claim is classified twice: from its gold cue and content spans,
as `attribution train stance --evaluate-only` does on dev, and end to end, by the row of
`attribution.extract` over its article whose content overlaps it most (at least 30% of its
letters and digits: the evaluator's lenient match). An also-acceptable label counts as right.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import attribution  # noqa: E402
from attribution.evaluate.matching import LENIENT, AlnumIndex  # noqa: E402
from attribution.stance.classify import StanceModel  # noqa: E402
from attribution.stance.inputs import format_input  # noqa: E402
from attribution.train.stance import is_heldout  # noqa: E402
from attribution.types import Document  # noqa: E402

STANCE_DIR = REPO / "models" / "stance"


def claims() -> list[dict]:
    trained_rounds = [json.loads(line) for line in (STANCE_DIR / "annotations.jsonl").read_text().splitlines() if line.strip()]
    round_3 = [json.loads(line) for line in (STANCE_DIR / "annotations-round-3.jsonl").read_text().splitlines() if line.strip()]
    unseen = [item for item in trained_rounds if is_heldout(item["doc_id"])] + round_3
    return [item for item in unseen if item["label"] != "other"]


def best_row(letters: AlnumIndex, item: dict, rows) -> object | None:
    """The row whose content overlaps the claim's most, if it matches leniently, as `attribution evaluate` counts."""
    gold = letters.size(item["content_spans"])
    overlap, row = max(((letters.overlap(item["content_spans"], [(r.quote_start, r.quote_end)]), r) for r in rows), default=(0, None), key=lambda pair: pair[0])
    return row if gold and overlap >= LENIENT * gold else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--train-dir", type=Path, default=REPO.parent / "shared" / "data" / "polnear" / "train")
    args = parser.parse_args()
    items = claims()
    texts = {doc_id: (args.train_dir / "text" / f"{doc_id}.txt").read_text(encoding="utf-8") for doc_id in {i["doc_id"] for i in items}}
    letters = {doc_id: AlnumIndex(text) for doc_id, text in texts.items()}
    model = StanceModel(STANCE_DIR)
    from_gold = model.predict([format_input(texts[i["doc_id"]], i["content_spans"], i["cue_spans"]) for i in items])
    rows = defaultdict(list)
    for row in attribution.extract([Document(doc_id, text) for doc_id, text in sorted(texts.items())]):
        rows[row.doc_id].append(row)
    outcome = Counter()
    for item, gold_span in zip(items, from_gold):
        accepted = {item["label"], *item.get("also_acceptable", ())}
        found = best_row(letters[item["doc_id"]], item, rows[item["doc_id"]])
        outcome["from gold spans, right"] += gold_span.label in accepted
        if found is None:
            outcome["not found end to end"] += 1
            continue
        outcome[f"found: gold spans {'right' if gold_span.label in accepted else 'wrong'}, end to end {'right' if found.stance in accepted else 'wrong'}"] += 1
    print(f"{len(items)} claims in {len(texts)} TRAIN articles the stance model never learnt from")
    for key in sorted(outcome):
        print(f"  {key:<52} {outcome[key]:>4}")


if __name__ == "__main__":
    main()
