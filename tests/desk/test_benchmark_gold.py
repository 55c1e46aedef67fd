"""The conflict benchmarks' gold files are well formed: every quote is found once in its article,
every proposition has a required quote on each side, and proposition quotes are labelled claims."""

import json
from pathlib import Path

import pytest

from attribution.types import SPEAKER_TYPES, STANCES

ROOT = Path(__file__).resolve().parents[2] / "benchmarks"
FOLDERS = ["conflicts", "conflicts-design-1", "conflicts-design-2", "conflicts-heldout"]


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def texts_of(folder: Path) -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in folder.glob("*.txt")}


@pytest.mark.parametrize("name", FOLDERS)
def test_benchmark_claims_are_unique_substrings_with_valid_labels(name):
    folder = ROOT / name
    texts = texts_of(folder)
    for claim in read_jsonl(folder / "claims.gold.jsonl"):
        assert texts[claim["doc_id"]].count(claim["quote"]) == 1, claim
        assert claim["stance"] in STANCES, claim
        assert claim["speaker_type"] in SPEAKER_TYPES, claim


@pytest.mark.parametrize("name", FOLDERS)
def test_benchmark_propositions_have_both_sides_of_labelled_claims(name):
    folder = ROOT / name
    texts = texts_of(folder)
    claims = {(c["doc_id"], c["quote"]) for c in read_jsonl(folder / "claims.gold.jsonl")}
    for proposition in read_jsonl(folder / "set.conflicts.jsonl"):
        for side in ("asserting", "denying"):
            quotes = proposition[side]
            assert any(not q.get("optional") for q in quotes), (proposition["proposition_id"], side)
            for quote in quotes:
                assert texts[quote["doc_id"]].count(quote["quote"]) == 1, quote
                assert (quote["doc_id"], quote["quote"]) in claims, quote
