from __future__ import annotations

import json

import pytest

from attribution.errors import EvaluationFormatError, InputError, UnsupportedFormatError
from attribution.evaluate.gold import locate_near, read_gold_jsonl
from attribution.evaluate.load import load_gold
from attribution.evaluate.negatives import find_all
from attribution.types import TextSpan

PARAGRAPHS = 'He argued, "one two three."\nHe added, "four five."'


@pytest.mark.parametrize(
    "text, words, content, expected",
    [
        ("Smith said the plan works.", "said", (11, 25), 6),
        ("The man said: he is right.", "he", (14, 25), 14),  # whole words: not the "he" in "The"
        ("The man said: he is right.", "He", (14, 25), 14),  # any case when the exact case is absent
        ("He said it. he said it.", "he", (9, 10), 12),  # exact case first
        (PARAGRAPHS, "He", (12, 26), 0),  # same paragraph beats nearer across a line break
        (PARAGRAPHS, "He", (39, 49), 28),
        ("Smith said x.", "told", (11, 12), None),
        ("said " + "x" * 500 + " end", "said", (505, 509), None),  # beyond the window
        ("Smith said x.", "", (11, 12), None),
    ],
)
def test_gold_locate_near(text, words, content, expected):
    found = locate_near(text, words, (TextSpan.of(text, *content),))
    assert (found.start if found else None) == expected
    if found:
        assert found.text.lower() == words.lower()


@pytest.mark.parametrize(
    "text, needle, starts",
    [("a title, a title", "a title", [0, 9]), ("aaa", "aa", [0]), ("abc", "x", []), ("abc", "", [])],
)
def test_gold_find_all_negatives(text, needle, starts):
    assert [s.start for s in find_all(text, needle)] == starts


def test_gold_seed_loads_with_labels_cues_and_negatives(seeds_dir):
    gold = load_gold(seeds_dir / "duma-ratifies-dprk-treaty.gold.jsonl")
    [doc] = gold.docs
    assert len(doc.quotes) == 15 and len(doc.negatives) == 3
    for quote in doc.quotes:
        assert quote.labels is not None and quote.required is not None and quote.quote_type
        assert [s.text for s in quote.cue] == [quote.cue_text]
        assert [s.text for s in quote.source] == [quote.source_text]
        assert all(doc.text[s.start : s.end] == s.text for s in quote.content + quote.cue + quote.source)
    assert all(n.spans for n in doc.negatives)


def _seed_folder(tmp_path, record, text="He said hello there."):
    (tmp_path / "d.txt").write_text(text, encoding="utf-8")
    path = tmp_path / "d.gold.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


GOOD = {
    "doc_id": "d", "quote_id": "q01", "char_start": 8, "char_end": 19, "quote_text": "hello there", "stance": "assertion"
}


@pytest.mark.parametrize(
    "record, error",
    [
        (GOOD | {"quote_text": "hello world"}, EvaluationFormatError),
        (GOOD | {"char_end": 99}, EvaluationFormatError),
        (GOOD | {"doc_id": "other"}, InputError),  # no other.txt beside the gold
        ({k: v for k, v in GOOD.items() if k != "char_start"}, EvaluationFormatError),
        # a hand-written claim names its content by a substring that must occur once
        ({"doc_id": "d", "quote": "e", "stance": "assertion"}, EvaluationFormatError),
        ({"doc_id": "d", "quote": "goodbye", "stance": "assertion"}, EvaluationFormatError),
        ({"doc_id": "d", "stance": "assertion"}, EvaluationFormatError),
    ],
)
def test_gold_seed_jsonl_errors(tmp_path, record, error):
    with pytest.raises(error):
        read_gold_jsonl(_seed_folder(tmp_path, record))


def test_gold_seed_jsonl_good_record(tmp_path):
    [quote] = read_gold_jsonl(_seed_folder(tmp_path, GOOD | {"cue": "said", "speaker_mention": "He"})).quotes
    found = (quote.content[0].text, quote.cue[0].start, quote.source[0].start, quote.required)
    assert found == ("hello there", 3, 0, True)


def test_gold_claims_by_quote_substring(tmp_path):
    """The benchmark sets' claims.gold.jsonl: content by unique substring, ids by line."""
    record = {"doc_id": "d", "quote": "hello there", "cue": "said", "speaker": "Ann Lee", "speaker_type": "person", "stance": "denial"}
    [quote] = read_gold_jsonl(_seed_folder(tmp_path, record)).quotes
    assert (quote.gold_id, quote.content[0].start, quote.content[0].text, quote.labels.speaker_name) == ("line1", 8, "hello there", "Ann Lee")


def test_gold_load_missing_path(tmp_path):
    with pytest.raises(InputError, match="not found"):
        load_gold(tmp_path / "missing")


def test_gold_load_empty_folder(tmp_path):
    with pytest.raises(InputError, match="neither"):
        load_gold(tmp_path)


def test_gold_load_unknown_suffix_is_unsupported(tmp_path):
    (tmp_path / "gold.txt").write_text("x")
    with pytest.raises(UnsupportedFormatError):
        load_gold(tmp_path / "gold.txt")


def test_gold_polnear_dev_counts(polnear_dev):
    gold = load_gold(polnear_dev)
    quotes = list(gold.quotes)
    assert (len(gold.docs), len(quotes)) == (84, 2192)
    assert any(len(q.content) > 1 for q in quotes)  # discontinuous content is kept in pieces
    assert all(q.labels is None and q.required is None for q in quotes)


def test_gold_polnear_dev_labels_join(polnear_dev, shared_dir):
    labels = shared_dir / "data" / "stance-dev.jsonl"
    if not labels.is_file():
        pytest.skip(f"labels not found at {labels}")
    gold = load_gold(polnear_dev, labels=labels)
    n_records = sum(1 for line in labels.open(encoding="utf-8") if line.strip())
    assert sum(q.labels is not None for q in gold.quotes) == n_records
