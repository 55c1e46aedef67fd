"""The pieces of `attribution train propositions`: data, split, loss, scores, the shipped layers."""

import json

import pytest
import torch

from attribution import resources
from attribution.conflicts import CENTER_KEY, PROPOSITION_WEIGHTS, embed
from attribution.errors import InputError, ModelError
from attribution.resources import load_proposition_encoder, model_dir, write_manifest
from attribution.train.propositions import (
    ClaimSentence,
    PropositionEncoder,
    TrainingClaim,
    _auc,
    proposition_scores,
    read_claim_sentences,
    split_topics,
    supervised_contrastive_loss,
    training_claims,
)


def write_lines(path, items):
    path.write_text("\n".join(json.dumps(i) if isinstance(i, dict) else i for i in items) + "\n", encoding="utf-8")
    return path


def test_claim_sentences_are_read_with_whitespace_normalised(tmp_path):
    path = write_lines(tmp_path / "sets.jsonl", [
        {"topic": "t1", "proposition": "leak", "side": "deny", "sentence": "No gas\n leaked,  he said."},
        "",
    ])  # fmt: skip
    assert read_claim_sentences(path) == [ClaimSentence("t1", "leak", "deny", "No gas leaked, he said.")]


@pytest.mark.parametrize("line", [
    '{"topic": "t1", "proposition": "leak", "side": "maybe", "sentence": "x"}',
    '{"topic": "t1", "proposition": "leak", "sentence": "x"}',
    "not json",
])  # fmt: skip
def test_a_bad_claim_sentence_names_its_line(tmp_path, line):
    path = write_lines(tmp_path / "sets.jsonl", [{"topic": "t", "proposition": "p", "side": "assert", "sentence": "s"}, line])
    with pytest.raises(InputError, match="sets.jsonl:2"):
        read_claim_sentences(path)


def claim(topic, proposition, text="x"):
    return TrainingClaim(text, topic, proposition, "assert")


def test_held_out_topics_are_whole_and_fixed_by_the_seed():
    claims = [claim(f"t{t}", f"p{p}") for t in range(20) for p in range(3)]
    train, heldout = split_topics(claims, 0.15, seed=13)
    assert {c.topic for c in train}.isdisjoint({c.topic for c in heldout})
    assert len({c.topic for c in heldout}) == 3 and len(train) + len(heldout) == len(claims)
    assert split_topics(claims, 0.15, seed=13) == (train, heldout)


def test_the_loss_is_lower_when_claims_of_one_proposition_are_closest():
    labels = [0, 0, 1, 1]
    together = torch.nn.functional.normalize(torch.tensor([[1.0, 0.1], [1.0, 0.0], [0.0, 1.0], [0.1, 1.0]]), dim=1)
    crossed = together[[0, 2, 1, 3]]
    assert supervised_contrastive_loss(together, labels, 0.1) < supervised_contrastive_loss(crossed, labels, 0.1)


def test_auc_counts_ties_as_half():
    assert _auc([0.9, 0.8], [0.1, 0.2]) == 1.0
    assert _auc([0.1], [0.9]) == 0.0
    assert _auc([0.5], [0.5]) == 0.5


def test_scores_compare_claims_within_a_topic_only():
    claims = [claim("t1", "a"), claim("t1", "a"), claim("t1", "b"), claim("t2", "c")]
    vectors = torch.nn.functional.normalize(torch.tensor([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [1.0, 0.0]]), dim=1)
    scores = proposition_scores(vectors, claims)
    assert scores["auc"] == 1.0
    assert scores["nearest_same_proposition"] == round(2 / 3, 4)  # claim b's nearest in t1 states a; t2's one claim has none


def test_training_claims_are_the_finders_claims_labelled_by_their_sentence():
    sentences = [
        ClaimSentence("t1", "leak", "assert", '"Chlorine gas leaked from the plant on Tuesday," the fire chief said.'),
        ClaimSentence("t1", "reopen", "deny", "The mayor denied that the plant would reopen next week."),
    ]
    claims = training_claims(sentences)
    assert [(c.proposition, c.side) for c in claims] == [("leak", "assert"), ("reopen", "deny")]
    assert "reopen" in claims[1].text and "denied" not in claims[1].text


def test_the_upper_layers_over_lower_states_give_the_whole_encoders_embedding():
    encoder = PropositionEncoder(trained_layers=2)
    encoder.model.eval()
    texts = ["The plant will reopen next week.", "No chlorine escaped from the site, officials insisted."]
    with torch.no_grad():
        split = encoder.upper(*encoder.lower(texts))
        batch = encoder.tokenizer(texts, padding=True, return_tensors="pt")
        hidden = encoder.model(**batch).last_hidden_state
    mask = batch["attention_mask"].unsqueeze(-1).float()
    whole = torch.nn.functional.normalize((hidden * mask).sum(1) / mask.sum(1), dim=1)
    assert torch.allclose(split, whole, atol=1e-5)


def test_the_shipped_layers_differ_from_the_packaged_ones_and_only_the_top_ones_ship():
    config = json.loads((model_dir("propositions") / "config.json").read_text())
    _, model, center = load_proposition_encoder()
    packaged = PropositionEncoder(trained_layers=6 - config["first_trained_layer"]).model
    tuned, base = model.state_dict(), packaged.state_dict()
    trained = [n for n in tuned if n.startswith(f"encoder.layer.{config['first_trained_layer']}.")]
    assert trained and not torch.equal(tuned[trained[0]], base[trained[0]])
    assert torch.equal(tuned["encoder.layer.0.attention.self.query.weight"], base["encoder.layer.0.attention.self.query.weight"])
    assert center.shape == (model.config.hidden_size,)


def test_the_shipped_encoder_ranks_a_restatement_above_another_fact_of_the_same_story():
    leak, restated, reopening, unrelated = embed([
        "chlorine gas leaked from the plant on Tuesday",
        "no gas escaped from the factory on Tuesday",
        "the plant will reopen next week",
        "the budget deficit narrowed last year",
    ])  # fmt: skip
    assert leak @ restated > leak @ reopening
    assert abs(leak @ unrelated) < 0.3  # centred: unrelated claims are not alike


def test_a_proposition_model_without_its_center_is_refused(tmp_path, monkeypatch):
    from safetensors.torch import load_file, save_file

    folder = tmp_path / "propositions"
    folder.mkdir()
    layers = load_file(model_dir("propositions") / PROPOSITION_WEIGHTS)
    layers.pop(CENTER_KEY)
    save_file(layers, folder / PROPOSITION_WEIGHTS)
    write_manifest(folder)
    monkeypatch.setattr(resources, "MODELS_DIR", tmp_path)
    resources.load_proposition_encoder.cache_clear()
    try:
        with pytest.raises(ModelError, match="center"):
            resources.load_proposition_encoder()
    finally:
        resources.load_proposition_encoder.cache_clear()


def test_the_train_command_refuses_a_missing_claim_sets_file(tmp_path):
    from typer.testing import CliRunner

    from attribution.cli.main import app

    result = CliRunner().invoke(app, ["train", "propositions", "--claim-sets", str(tmp_path / "none.jsonl"), "--out", str(tmp_path / "m")])
    assert result.exit_code == 2 and "none.jsonl" in result.output
    assert not (tmp_path / "m").exists()
