"""The whole pipeline on seeds/ against its gold file, scored by our own evaluator."""

from __future__ import annotations

import pytest

import attribution
from attribution.evaluate import evaluate, load_gold
from attribution.ingest import read_documents
from attribution.types import Document

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seed_scores(seeds_dir):
    documents = [d for d in read_documents([str(seeds_dir)]) if isinstance(d, Document)]
    rows = attribution.extract(documents)
    return rows, evaluate(rows, load_gold(seeds_dir))


def test_end_to_end_seed_finds_required_quotes(seed_scores):
    _, scores = seed_scores
    assert scores.required.k >= 11 and scores.required.n == 12


def test_end_to_end_seed_reports_no_negatives(seed_scores):
    _, scores = seed_scores
    assert scores.negatives.k == 0 and scores.negatives.n == 3


def test_end_to_end_seed_speakers_right(seed_scores):
    _, scores = seed_scores
    assert scores.speaker_name.k >= 10


@pytest.mark.parametrize(
    "speaker, role",
    [("Leonid Slutsky", "Chairman of the Russian State Duma Committee on International Affairs"),
     ("Andrey Rudenko", "Deputy Foreign Minister"),
     ("Lloyd Austin", "U.S. Secretary of Defense")],
)
def test_end_to_end_seed_roles(seed_scores, speaker, role):
    rows, _ = seed_scores
    assert {r.speaker_role for r in rows if r.speaker == speaker} == {role}


def test_end_to_end_dataframe_has_spec_columns_first():
    df = attribution.extract_dataframe('"We will fight on," the senator said.')
    assert list(df.columns[: len(attribution.SPEC_COLUMNS)]) == list(attribution.SPEC_COLUMNS)
    assert len(df) == 1 and df.loc[0, "quote_text"] == "We will fight on,"
