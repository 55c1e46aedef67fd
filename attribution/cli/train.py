"""`attribution train ...`: fine-tune the shipped models. One command per model."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Annotated

import typer

from attribution.corpus.brat import read_polnear
from attribution.resources import MODELS_DIR

train_app = typer.Typer(help="Fine-tune the shipped models on their training data.", no_args_is_help=True)

DEFAULT_POLNEAR_TRAIN = Path(__file__).resolve().parents[3] / "shared" / "data" / "polnear" / "train"


@train_app.command("quotes")
def quotes_command(
    train_dir: Annotated[Path, typer.Option("--train-dir", help="PolNeAR train folder (text/ and attributions/).")] = DEFAULT_POLNEAR_TRAIN,
    dev_dir: Annotated[Path, typer.Option("--dev-dir", help="PolNeAR dev, only measured after training (skipped if absent).")] = DEFAULT_POLNEAR_TRAIN.parent / "dev",
    out: Annotated[Path, typer.Option("--out", help="Where to write the model folder.")] = MODELS_DIR / "quotes",
    epochs: Annotated[int, typer.Option("--epochs", min=1)] = 1,
    seed: Annotated[int, typer.Option("--seed")] = 13,
    max_length: Annotated[int, typer.Option("--max-length", min=16, max=512, help="Window length in subwords.")] = 256,
    learning_rate: Annotated[float, typer.Option("--learning-rate")] = 1e-4,
    max_steps: Annotated[int, typer.Option("--max-steps", min=0, help="Stop after this many steps (0: no limit).")] = 0,
    init_from: Annotated[str, typer.Option("--init-from", help="Continue from a saved tagger folder instead of the base encoder.")] = "",
    evaluate_only: Annotated[bool, typer.Option("--evaluate-only", help="Only measure the model in --out on --dev-dir and rewrite its card.")] = False,
) -> None:
    """Fine-tune the quote span tagger (content / cue / source) on PolNeAR train, then measure it on dev."""
    from attribution.train.quotes import TrainingArgs, train_quotes

    if evaluate_only:
        if not (dev_dir / "attributions").is_dir():
            raise typer.BadParameter(f"{dev_dir} has no attributions/ folder", param_hint="--dev-dir")
        measure_quotes_model(out, dev_dir)
        return
    if not (train_dir / "attributions").is_dir():
        raise typer.BadParameter(f"{train_dir} has no attributions/ folder", param_hint="--train-dir")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    args = TrainingArgs(
        epochs=epochs, seed=seed, max_length=max_length, learning_rate=learning_rate, max_steps=max_steps, init_from=init_from
    )
    result = train_quotes(read_polnear(train_dir), out, args, progress=typer.echo)
    typer.echo(f"saved {result.out} after {result.steps} steps in {result.seconds / 60:.1f} min; held-out {result.heldout}")
    if (dev_dir / "attributions").is_dir():
        measure_quotes_model(out, dev_dir)


def measure_quotes_model(out: Path, dev_dir: Path) -> None:
    """Score the saved tagger on dev (fp32 and int8 weights), record it and write the model card."""
    from attribution.quotes.tagger import MODEL_NAME, WEIGHTS, load_folder
    from attribution.resources import load_nlp, model_dir, write_manifest
    from attribution.train.model_card import write_card
    from attribution.train.quotes import record_measurement
    from attribution.train.quotes_card import KNOWN_WEAKNESSES, quotes_card
    from attribution.train.tagger_eval import measure_detector, measure_tagger

    golds = read_polnear(dev_dir)
    for name, quantize in (("dev", False), ("dev_int8", True)):
        measured = measure_tagger(load_folder(out, quantize=quantize), golds, load_nlp()).as_dict()
        measured["precision"] = "int8" if quantize else precision_name()
        record_measurement(out, measured, name)
        content = measured["scores"]["content"]
        typer.echo(f"{name}: content F1 lenient {content['lenient']['f1']:.3f} strict {content['strict']['f1']:.3f}; "
                   f"tagger {measured['tagger_seconds']} s, spaCy {measured['spacy_seconds']} s")
    if out.resolve() == model_dir(MODEL_NAME).resolve():  # the detector loads the shipped tagger
        measured = measure_detector(golds) | {"precision": precision_name()}
        record_measurement(out, measured, "dev_detector")
        content = measured["scores"]["content"]
        typer.echo(f"dev_detector (rules + tagger): content F1 lenient {content['lenient']['f1']:.3f} strict "
                   f"{content['strict']['f1']:.3f}; detector {measured['detector_seconds']} s, spaCy {measured['spacy_seconds']} s")
    metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
    reproduce = "\n".join(train_commands(metrics, out))
    weights_mb = (out / WEIGHTS).stat().st_size / 1e6
    write_card(out, quotes_card(metrics, weights_mb, KNOWN_WEAKNESSES, reproduce))
    write_manifest(out)  # the card is part of the signed folder


def precision_name() -> str:
    """The precision the models run in here: "bfloat16" or "float32" (ATTRIBUTION_PRECISION)."""
    from attribution.resources import inference_dtype

    return str(inference_dtype()).removeprefix("torch.")


def train_commands(metrics: dict, out: Path) -> list[str]:
    """The `attribution train quotes` commands that rebuild a model, earliest stage first."""
    training = metrics["training"]
    command = (
        f"attribution train quotes --epochs {training['epochs']} --seed {training['seed']} "
        f"--learning-rate {training['learning_rate']} --max-length {training['max_length']}"
    )
    out = repo_relative(out)
    if "init" in metrics:
        earlier = Path(training["init_from"])
        return [*train_commands(metrics["init"], earlier), f"{command} --init-from {earlier} --out {out}"]
    return [f"{command} --out {out}"]


def repo_relative(path: Path) -> Path:
    """models/quotes rather than this checkout's absolute path, so the card reads the same anywhere."""
    try:
        return path.resolve().relative_to(MODELS_DIR.resolve().parent)
    except ValueError:
        return path


DEFAULT_STANCE_LABELS = DEFAULT_POLNEAR_TRAIN.parents[1] / "stance-dev.jsonl"
DEFAULT_POLNEAR_DEV = DEFAULT_POLNEAR_TRAIN.parent / "dev"


@train_app.command("stance")
def stance_command(
    train_dir: Annotated[Path, typer.Option("--train-dir", help="PolNeAR train folder (text/ and attributions/).")] = DEFAULT_POLNEAR_TRAIN,
    annotations: Annotated[Path, typer.Option("--annotations", help="Manual stance labels (spans, no text).")] = MODELS_DIR / "stance" / "annotations.jsonl",
    out: Annotated[Path, typer.Option("--out", help="Where to write the model folder.")] = MODELS_DIR / "stance",
    seed: Annotated[int, typer.Option("--seed")] = 13,
    epochs: Annotated[int, typer.Option("--epochs", min=1)] = 5,
    weak_per_label: Annotated[int, typer.Option("--weak-per-label", min=0, help="Weak (lexicon) labels drawn per label.")] = 0,
    max_examples: Annotated[int, typer.Option("--max-examples", min=0, help="Keep only this many examples (0: all).")] = 0,
    dev_labels: Annotated[Path, typer.Option("--dev-labels", help="Labels measured after training (never trained on).")] = DEFAULT_STANCE_LABELS,
    dev_dir: Annotated[Path, typer.Option("--dev-dir", help="PolNeAR dev folder holding the labelled articles' text/.")] = DEFAULT_POLNEAR_DEV,
    evaluate_only: Annotated[bool, typer.Option("--evaluate-only", help="Only measure the model in --out and the lexicon baseline.")] = False,
) -> None:
    """Fine-tune the stance classifier on manual (+ weak) labels, then measure it beside the lexicon baseline."""
    from attribution.stance.measure import measure_model_and_baseline
    from attribution.train.stance import StanceTrainingArgs, annotator_agreement, read_annotations, train_stance, write_metrics

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    if not evaluate_only:
        if not (train_dir / "attributions").is_dir():
            raise typer.BadParameter(f"{train_dir} has no attributions/ folder", param_hint="--train-dir")
        args = StanceTrainingArgs(seed=seed, epochs=epochs, weak_per_label=weak_per_label, max_examples=max_examples)
        train_stance(read_polnear(train_dir), read_annotations(annotations), out, args, progress=typer.echo)
        agreement = annotations.parent / "agreement.jsonl"  # the doubly annotated subset, if shipped
        if agreement.is_file():
            write_metrics(out, {"agreement": annotator_agreement(agreement)})
    if not dev_labels.is_file():
        typer.echo(f"no dev labels at {dev_labels}: not measured")
        return
    table, scores = measure_model_and_baseline(out, dev_labels, dev_dir / "text")
    typer.echo(table)
    if not evaluate_only:
        write_metrics(out, {"dev": scores})


@train_app.command("propositions")
def propositions_command(
    claim_sets: Annotated[Path, typer.Option("--claim-sets", help="Topics of close propositions, each asserted and denied (JSONL).")] = MODELS_DIR / "propositions" / "claim-sets.jsonl",
    out: Annotated[Path, typer.Option("--out", help="Where to write the trained layers.")] = MODELS_DIR / "propositions",
    seed: Annotated[int, typer.Option("--seed")] = 13,
    epochs: Annotated[int, typer.Option("--epochs", min=1)] = 8,
    trained_layers: Annotated[int, typer.Option("--trained-layers", min=1, max=6, help="How many top encoder layers train.")] = 4,
) -> None:
    """Fine-tune the conflict finder's sentence encoder to tell propositions apart (measure it with
    `attribution evaluate-conflicts`)."""
    from attribution.train.propositions import PropositionTrainingArgs, read_claim_sentences, train_propositions, training_claims

    if not claim_sets.is_file():
        raise typer.BadParameter(f"{claim_sets} is not a file", param_hint="--claim-sets")
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    claims = training_claims(read_claim_sentences(claim_sets))
    args = PropositionTrainingArgs(seed=seed, epochs=epochs, trained_layers=trained_layers)
    train_propositions(claims, out, args, progress=typer.echo)
