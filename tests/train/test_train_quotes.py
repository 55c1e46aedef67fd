"""Training data for the span tagger, and a two-step training run that saves a loadable folder."""

from __future__ import annotations

import re

import pytest

from attribution.corpus.brat import GoldAttribution, GoldDocument
from attribution.quotes.spans import B, I, IGNORE, O
from attribution.train.quotes import batch_labels, document_examples, layer_spans, split_heldout
from attribution.types import Document, TextSpan

WORD = re.compile(r"\w+|[^\w\s]")


class WordTokenizer:
    """Stands in for the subword tokenizer: one token per word or punctuation mark."""

    cls_token_id, sep_token_id, pad_token_id = 101, 102, 0

    def __call__(self, text, add_special_tokens=False, return_offsets_mapping=True, verbose=False):
        spans = [m.span() for m in WORD.finditer(text)]
        return {"input_ids": [1000 + i for i in range(len(spans))], "offset_mapping": spans}


def gold_doc(text: str, parts: list[tuple[list[str], str, str]]) -> GoldDocument:
    """A hand-made gold document: (content pieces, cue, source) found by text search."""

    def span(words: str) -> tuple[TextSpan, ...]:
        if not words:
            return ()
        start = text.index(words)
        return (TextSpan.of(text, start, start + len(words)),)

    attributions = tuple(
        GoldAttribution("d", f"E{n}", tuple(s for p in pieces for s in span(p)), span(cue), span(source))
        for n, (pieces, cue, source) in enumerate(parts, start=1)
    )
    return GoldDocument(Document("d", text), attributions)


def test_train_quotes_layer_spans_keep_discontinuous_pieces_apart():
    text = "“Taxes,” she said, “will rise.”"
    gold = gold_doc(text, [(["“Taxes,”", "“will rise.”"], "said", "she")])
    content, cue, source = layer_spans(gold)
    assert [text[s:e] for s, e in content] == ["“Taxes,”", "“will rise.”"]
    assert [text[s:e] for s, e in cue] == ["said"] and [text[s:e] for s, e in source] == ["she"]


@pytest.mark.parametrize("max_length", [5, 6, 9, 64])
def test_train_quotes_examples_continue_spans_across_windows(max_length):
    text = "He said the new plan is dead. Nobody agreed."
    gold = gold_doc(text, [(["the new plan is dead"], "said", "He")])
    examples = document_examples(WordTokenizer(), gold, [0, text.index("Nobody")], max_length)
    content = [labels[0] for ex in examples for labels in ex.labels]
    assert content == [O, O, B, I, I, I, I, O, O, O, O]
    assert all(len(ex.window) <= max_length - 2 for ex in examples)
    assert [o for ex in examples for o in ex.window.offsets] == [m.span() for m in WORD.finditer(text)]


def test_train_quotes_examples_without_attributions_are_all_outside():
    text = "It rained. The river rose."
    [example] = document_examples(WordTokenizer(), gold_doc(text, []), [0], 64)
    assert set(example.labels) == {(O, O, O)}


def test_train_quotes_batch_labels_ignore_special_and_padding():
    short = gold_doc("He said no.", [(["no"], "said", "He")])
    long = gold_doc("They said yes and more.", [(["yes and more"], "said", "They")])
    examples = [document_examples(WordTokenizer(), g, [0], 64)[0] for g in (short, long)]
    labels = batch_labels(examples)
    assert labels.shape == (2, 8, 3)
    assert labels[0, 0].tolist() == [IGNORE] * 3 and labels[0, 5:].eq(IGNORE).all()
    assert labels[0, 1:5, 0].tolist() == [O, O, B, O]


@pytest.mark.parametrize("fraction, held", [(0.0, 0), (0.05, 1), (0.5, 5)])
def test_train_quotes_split_heldout_is_seeded_and_disjoint(fraction, held):
    golds = [GoldDocument(Document(f"d{i}", "x"), ()) for i in range(10)]
    train, heldout = split_heldout(golds, fraction, seed=13)
    assert len(heldout) == held and len(train) + len(heldout) == 10
    assert not {g.document.doc_id for g in train} & {g.document.doc_id for g in heldout}
    assert split_heldout(golds, fraction, seed=13) == (train, heldout)


@pytest.mark.slow
def test_train_quotes_two_steps_save_a_verified_loadable_folder(tmp_path):
    from attribution.quotes.tagger import load_folder
    from attribution.resources import verify_manifest
    from attribution.train.quotes import TrainingArgs, train_quotes

    golds = [
        gold_doc("“We will win,” the mayor said on Monday. Rain fell.", [(["“We will win,”"], "said", "the mayor")]),
        gold_doc("Officials said the bridge was safe. It opened.", [(["the bridge was safe"], "said", "Officials")]),
    ]
    out = tmp_path / "quotes"
    result = train_quotes(golds, out, TrainingArgs(epochs=3, max_steps=2, max_length=32, heldout_fraction=0.0))
    assert result.steps == 2
    names = {p.name for p in out.iterdir()}
    assert {"model.safetensors", "config.json", "labels.json", "metrics.json", "MANIFEST.sha256"} <= names
    verify_manifest(out)
    tagger = load_folder(out)
    [found] = tagger.tag(["He said it was fine."], [[0]])
    assert all(isinstance(f.confidence, float) for f in found)


def _stage(learning_rate: float, init_from: str) -> dict:
    training = {"epochs": 1, "seed": 13, "max_length": 256, "learning_rate": learning_rate, "init_from": init_from}
    return {"training": training, "steps": 200, "train_seconds": 3600, "heldout": {"content_token_f1": 0.8, "cue_token_f1": 0.6, "source_token_f1": 0.7}}


def test_train_quotes_commands_rebuild_every_stage():
    from pathlib import Path

    from attribution.cli.train import train_commands

    from attribution.resources import MODELS_DIR

    metrics = {**_stage(5e-5, "/tmp/stage1"), "init": _stage(1e-4, "")}
    commands = train_commands(metrics, MODELS_DIR / "quotes")  # absolute: shown from the repo root
    assert commands == [
        "attribution train quotes --epochs 1 --seed 13 --learning-rate 0.0001 --max-length 256 --out /tmp/stage1",
        "attribution train quotes --epochs 1 --seed 13 --learning-rate 5e-05 --max-length 256 --init-from /tmp/stage1 --out models/quotes",
    ]
    assert train_commands(_stage(1e-4, ""), Path("out")) == [commands[0].replace("/tmp/stage1", "out")]


def test_train_quotes_card_lists_both_stages_and_dev_scores():
    from attribution.train.model_card import render_card
    from attribution.train.quotes_card import KNOWN_WEAKNESSES, quotes_card

    prf = {"precision": 0.8, "recall": 0.7, "f1": 0.75, "matched": 7, "predicted": 9, "gold": 10}
    dev = {
        "documents": 84, "spacy_seconds": 10.0, "tagger_seconds": 12.0, "tagger_over_spacy": 1.2,
        "scores": {"content": {"lenient": prf, "strict": prf}, "source": {"value": 0.8, "k": 4, "n": 5}, "cue": {"value": 0.6, "k": 3, "n": 5}},
    }
    metrics = {**_stage(5e-5, "/tmp/stage1"), "init": _stage(1e-4, ""), "heldout_documents": 42, "train_windows": 3593, "dev": dev}
    text = render_card(quotes_card(metrics, 45.1, KNOWN_WEAKNESSES, "cmd"))
    assert "| stage 1 | learning_rate 0.0001; 200 steps, 60 min;" in text
    assert "| stage 2 (continues the one before) | learning_rate 5e-05;" in text
    assert "| seed | 13 |" in text and "| training time, all stages | 120 min" in text
    assert "**0.750**" in text and "0.6000 (3/5)" in text and "45.1 MB" in text
