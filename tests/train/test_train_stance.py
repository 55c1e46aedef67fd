"""`train_stance`: a smoke run on a handful of examples, and the pieces it is built from."""

from __future__ import annotations

import json

import pytest
import torch

from attribution.corpus.brat import GoldAttribution, GoldDocument
from attribution.resources import verify_manifest
from attribution.stance.classify import StanceModel
from attribution.stance.measure import expected_calibration_error
from attribution.train.stance import (
    Annotation,
    StanceTrainingArgs,
    build_datasets,
    fit_temperature,
    is_heldout,
    train_stance,
)
from attribution.types import Document, TextSpan

SENTENCES = [
    ("The ministry denied the reports.", "the reports", "denied", "denial"),
    ("He said the claims were false.", "the claims were false", "said", "denial"),
    ("She praised the new law.", "the new law", "praised", "evaluation"),
    ("He said the deal was a disaster.", "the deal was a disaster", "said", "evaluation"),
    ("Police said two men were arrested.", "two men were arrested", "said", "assertion"),
    ("The firm said sales rose.", "sales rose", "said", "assertion"),
    ("Did he ask whether it rained?", "whether it rained", "ask", "other"),
]


def corpus() -> tuple[list[GoldDocument], list[Annotation]]:
    """One article per sentence, with doc ids chosen so that some fall in the held-out bucket."""
    docs, annotations = [], []
    ids = [f"doc{k}" for k in range(60)]
    held = [d for d in ids if is_heldout(d)][:3]
    kept = [d for d in ids if not is_heldout(d)]
    for n, (text, content, cue, label) in enumerate(SENTENCES * 2):
        doc_id = held[n] if n < len(held) else kept[n]
        c, k = text.index(content), text.index(cue)
        gold = GoldAttribution(doc_id, "E1", (TextSpan.of(text, c, c + len(content)),), (TextSpan.of(text, k, k + len(cue)),), ())
        docs.append(GoldDocument(Document(doc_id, text), (gold,)))
        annotations.append(
            Annotation(f"t{n}", doc_id, ((c, c + len(content)),), ((k, k + len(cue)),), label, (), "manual", "test", "v", "random")
        )
    return docs, annotations


def test_train_stance_split_by_article_and_other_left_out():
    docs, annotations = corpus()
    train, heldout = build_datasets(docs, annotations, StanceTrainingArgs(weak_per_label=2))
    assert {e.doc_id for e in train}.isdisjoint({e.doc_id for e in heldout})
    assert all(is_heldout(e.doc_id) for e in heldout)
    assert "other" not in {e.label for e in train + heldout}
    weak = [e for e in train if e.method == "weak"]
    assert all(e.weight < 1 for e in weak)
    # weak labels never come from annotated attributions
    assert not {(e.doc_id, e.input.content) for e in weak} & {(e.doc_id, e.input.content) for e in train if e.method == "manual"}


@pytest.mark.parametrize(
    ("confidences", "right", "expected"),
    [([0.9, 0.9], [True, True], 0.1), ([1.0, 1.0], [True, False], 0.5), ([], [], 0.0), ([0.55], [True], 0.45)],
)
def test_train_stance_expected_calibration_error(confidences, right, expected):
    assert expected_calibration_error(confidences, right) == pytest.approx(expected)


def one_hot(labels: list[int]) -> torch.Tensor:
    return torch.nn.functional.one_hot(torch.tensor(labels), 3).bool()


def test_train_stance_temperature_softens_overconfidence():
    logits = torch.tensor([[8.0, 0.0, 0.0], [8.0, 0.0, 0.0], [0.0, 8.0, 0.0], [0.0, 8.0, 0.0]])
    assert fit_temperature(logits, one_hot([0, 1, 1, 0])) > 2.0  # half wrong at near-certainty
    assert fit_temperature(logits, one_hot([0, 0, 1, 1])) == pytest.approx(0.5)  # all right: sharpen
    either = one_hot([0, 1, 1, 0]) | one_hot([1, 0, 0, 1])  # an also-acceptable label is right too
    assert fit_temperature(logits, either) == pytest.approx(0.5)


@pytest.mark.slow
def test_train_stance_smoke(tmp_path):
    docs, annotations = corpus()
    out = tmp_path / "stance"
    result = train_stance(docs, annotations, out, StanceTrainingArgs(epochs=1, batch_size=4), progress=lambda _: None)
    verify_manifest(out)
    assert {"config.json", "model.safetensors", "labels.json", "metrics.json", "README.md", "MANIFEST.sha256"} <= {p.name for p in out.iterdir()}
    assert json.loads((out / "labels.json").read_text())["labels"] == ["assertion", "denial", "evaluation"]
    assert result.metrics["heldout"]["n"] >= 1
    model = StanceModel(out)
    assert next(model.model.parameters()).dtype == torch.float32
    train, _ = build_datasets(docs, annotations, StanceTrainingArgs())
    (stance,) = model.predict([train[0].input])
    assert stance.label in ("assertion", "denial", "evaluation")


def test_train_stance_cli_defaults_are_the_recipe():
    """`attribution train stance` with no options must rebuild the shipped model's recipe."""
    import inspect

    from attribution.cli.train import stance_command

    defaults = {name: p.default for name, p in inspect.signature(stance_command).parameters.items()}
    recipe = StanceTrainingArgs()
    assert (defaults["seed"], defaults["epochs"], defaults["weak_per_label"]) == (recipe.seed, recipe.epochs, recipe.weak_per_label)


def test_train_stance_agreement(tmp_path):
    from attribution.train.stance import annotator_agreement, cohen_kappa

    assert cohen_kappa([("a", "a"), ("b", "b")]) == pytest.approx(1.0)
    assert cohen_kappa([("a", "b"), ("b", "a")]) == pytest.approx(-1.0)
    path = tmp_path / "agreement.jsonl"
    rows = [("assertion", "assertion"), ("denial", "denial"), ("other", "assertion"), ("evaluation", "assertion")]
    path.write_text("\n".join(json.dumps({"annotator_1": a, "annotator_2": b}) for a, b in rows))
    report = annotator_agreement(path)
    assert report["all_labels"]["raw"] == pytest.approx(0.5)
    assert report["both_claims"]["n"] == 3
    third = tmp_path / "agreement-annotator-3.jsonl"
    third.write_text("\n".join(json.dumps({"annotator_1": a, "annotator_3": a}) for a, _ in rows))
    assert annotator_agreement(third, second="annotator_3")["all_labels"]["kappa"] == pytest.approx(1.0)


def test_shipped_label_files_hold_spans_and_labels_but_no_article_text():
    """PolNeAR text must stay in ../shared: the label files ship offsets, ids and labels only."""
    from attribution.resources import MODELS_DIR
    from attribution.types import STANCES

    def strings(value):
        if isinstance(value, str):
            yield value
        elif isinstance(value, (list, tuple)):
            for item in value:
                yield from strings(item)

    names = {"item_id", "doc_id", "ann_id", "label", "method", "annotator", "guideline", "sample", "round_3_annotator"}
    labels = {"annotator_1", "annotator_2", "annotator_3", "round_3", "also_acceptable", "annotator_1_also"}
    labels |= {"annotator_3_also", "round_3_also"}
    for path in sorted((MODELS_DIR / "stance").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for key, value in json.loads(line).items():
                for text in strings(value):
                    assert key in names | labels and len(text) <= 80, (path.name, key)
                    if key in labels:
                        assert text in (*STANCES, "other"), (path.name, key, text)
