"""Fine-tune the stance classifier (attribution/stance/classify.py) on PolNeAR train attributions.

Data: the manual annotations in models/stance/annotations.jsonl (spans and labels only; the text
is re-derived from PolNeAR train here); optionally weak labels from the cue lexicon
(attribution/stance/lexicon.py) on other training attributions, down-weighted. Articles whose
attributions are held out (a fixed hash of the doc id) give no training example, manual or weak:
the held-out annotations pick the best epoch and fit the temperature of `stance_score`.

Recipe: the packaged all-MiniLM-L6-v2 encoder (embeddings frozen), mean pooling over the whole
input, the cue and the content, a linear head; input = `format_input` (the same function as
inference); weighted cross-entropy, AdamW with linear warmup and decay, batches grouped by length,
a fixed seed, one thread. shared/data/stance-dev.jsonl is never read here.
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
import math
import random
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

import torch

from attribution.corpus.brat import GoldDocument
from attribution.errors import InputError
from attribution.evaluate.scores import StanceScores, stance_scores
from attribution.resources import encoder_path, write_manifest
from attribution.stance.classify import HEAD_FILE, LABELS_FILE, StanceNetwork
from attribution.stance.inputs import MAX_TOKENS, StanceInput, encode, format_input, marker_ids
from attribution.stance.lexicon import lexicon_stance
from attribution.stance.measure import expected_calibration_error
from attribution.train.layers import through_layers
from attribution.types import STANCES

log = logging.getLogger(__name__)

THREADS = 1  # measured on two cores shared with other jobs: one thread ran a step 2x faster than two
HELDOUT_BUCKETS = 5  # one article in five (by doc-id hash) is held out
TEMPERATURES = tuple(round(0.5 + 0.05 * k, 2) for k in range(91))  # 0.5 .. 5.0

Span = tuple[int, int]


@dataclass(frozen=True)
class StanceTrainingArgs:
    seed: int = 13
    epochs: int = 5  # the best epoch on the held-out annotations is kept
    learning_rate: float = 5e-5
    batch_size: int = 16
    warmup_fraction: float = 0.1
    weight_decay: float = 0.01
    weak_per_label: int = 0  # weak examples drawn per label (0: manual labels only)
    weak_weight: float = 0.3  # a weak label counts this much of a manual one in the loss
    max_examples: int = 0  # 0 = all; a positive value keeps the first ones (smoke tests)
    frozen_layers: int = 0  # encoder layers kept as packaged (the embeddings always are)
    head_learning_rate: float = 1e-3  # the new head starts from nothing: it may move faster


@dataclass(frozen=True)
class Annotation:
    """One label of models/stance/annotations.jsonl, with how it was made."""

    item_id: str
    doc_id: str
    content_spans: tuple[Span, ...]
    cue_spans: tuple[Span, ...]
    label: str  # assertion, denial, evaluation or other (not a claim: never trained on)
    also_acceptable: tuple[str, ...]
    method: str  # "manual" or "weak"
    annotator: str
    guideline: str  # the stance.md version the annotator followed
    sample: str  # how the item was drawn (random, weak_denial, ...)


@dataclass(frozen=True)
class Example:
    input: StanceInput
    label: str
    weight: float
    doc_id: str
    method: str
    also_acceptable: tuple[str, ...] = ()  # scored right on the held-out part, never trained on


@dataclass(frozen=True)
class StanceTrainingResult:
    out: Path
    seconds: float
    metrics: dict = field(default_factory=dict)


def read_annotations(path: str | Path) -> list[Annotation]:
    path = Path(path)
    if not path.is_file():
        raise InputError(f"annotations not found: {path}")
    annotations = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        annotations.append(
            Annotation(
                item_id=r["item_id"],
                doc_id=r["doc_id"],
                content_spans=tuple((int(s), int(e)) for s, e in r["content_spans"]),
                cue_spans=tuple((int(s), int(e)) for s, e in r["cue_spans"]),
                label=r["label"],
                also_acceptable=tuple(r.get("also_acceptable", ())),
                method=r["method"],
                annotator=r["annotator"],
                guideline=r.get("guideline", ""),
                sample=r.get("sample", ""),
            )
        )
    return annotations


def cohen_kappa(pairs: Sequence[tuple[str, str]]) -> float:
    """Agreement of two annotators beyond chance: (observed - expected) / (1 - expected)."""
    n = len(pairs)
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[label] * second[label] for label in first) / (n * n)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def annotator_agreement(path: str | Path, second: str = "annotator_2") -> dict:
    """Raw agreement and Cohen's kappa on the doubly annotated items (annotator_1 and `second`)."""
    records = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    pairs = [(r["annotator_1"], r[second]) for r in records]
    claims = [(a, b) for a, b in pairs if a in STANCES and b in STANCES]
    report = {"items": len(pairs)}
    for name, subset in (("all_labels", pairs), ("both_claims", claims)):
        if subset:
            raw = sum(a == b for a, b in subset) / len(subset)
            report[name] = {"n": len(subset), "raw": round(raw, 4), "kappa": round(cohen_kappa(subset), 4)}
    return report


def is_heldout(doc_id: str) -> bool:
    """A fixed split by article, the same on every machine (no salted hash())."""
    return int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16) % HELDOUT_BUCKETS == 0


def manual_examples(annotations: Sequence[Annotation], texts: dict[str, str]) -> list[Example]:
    """Claims only: `other` items (questions, orders, withheld speech) teach no stance."""
    examples = []
    for a in annotations:
        if a.label not in STANCES:
            continue
        if a.doc_id not in texts:
            raise InputError(f"annotation {a.item_id}: article {a.doc_id} is not in the training corpus")
        item = format_input(texts[a.doc_id], a.content_spans, a.cue_spans)
        examples.append(Example(item, a.label, 1.0, a.doc_id, a.method, a.also_acceptable))
    return examples


def weak_examples(
    docs: Sequence[GoldDocument], skip: set[tuple[str, tuple[Span, ...]]], args: StanceTrainingArgs
) -> list[Example]:
    """Lexicon labels for training articles' attributions, `weak_per_label` of each label, seeded."""
    if args.weak_per_label <= 0:
        return []
    by_label: dict[str, list[Example]] = {label: [] for label in STANCES}
    for gold in docs:
        if is_heldout(gold.document.doc_id):
            continue
        for attribution in gold.attributions:
            content = tuple((s.start, s.end) for s in attribution.content)
            if (gold.document.doc_id, content) in skip:
                continue
            item = format_input(gold.document.text, content, [(s.start, s.end) for s in attribution.cue])
            label = lexicon_stance(item).label
            by_label[label].append(Example(item, label, args.weak_weight, gold.document.doc_id, "weak"))
    rng = random.Random(args.seed)
    chosen = []
    for label in STANCES:
        pool = by_label[label]
        chosen.extend(rng.sample(pool, min(args.weak_per_label, len(pool))))
    return chosen


def build_datasets(
    docs: Sequence[GoldDocument], annotations: Sequence[Annotation], args: StanceTrainingArgs
) -> tuple[list[Example], list[Example]]:
    """(train, held-out): manual examples split by article, weak ones only from training articles."""
    texts = {g.document.doc_id: g.document.text for g in docs}
    manual = manual_examples(annotations, texts)
    heldout = [e for e in manual if is_heldout(e.doc_id)]
    train = [e for e in manual if not is_heldout(e.doc_id)]
    skip = {(a.doc_id, a.content_spans) for a in annotations}
    train += weak_examples(docs, skip, args)
    if args.max_examples:
        train, heldout = train[: args.max_examples], heldout[: args.max_examples]
    return train, heldout


def length_batches(lengths: Sequence[int], batch_size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of example indices of similar length: less padding, fewer wasted cycles."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    chunk = batch_size * 8
    batches = []
    for start in range(0, len(order), chunk):
        block = sorted(order[start : start + chunk], key=lambda i: lengths[i])
        batches.extend(block[i : i + batch_size] for i in range(0, len(block), batch_size))
    rng.shuffle(batches)
    return batches


def acceptable_mask(examples: Sequence[Example]) -> torch.Tensor:
    """(n, labels) booleans: the gold label and the labels also accepted for it."""
    mask = torch.zeros((len(examples), len(STANCES)), dtype=torch.bool)
    for row, example in enumerate(examples):
        for label in (example.label, *example.also_acceptable):
            if label in STANCES:
                mask[row, STANCES.index(label)] = True
    return mask


def fit_temperature(logits: torch.Tensor, acceptable: torch.Tensor) -> float:
    """The temperature (on a fixed grid) that makes `stance_score` the likeliest chance of being right:
    the lowest negative log of the probability given to acceptable labels."""
    if len(logits) == 0:
        return 1.0

    def loss(t: float) -> float:
        probs = torch.softmax(logits / t, dim=-1)
        return -torch.log((probs * acceptable).sum(dim=-1).clamp(min=1e-12)).mean().item()

    return min((loss(t), t) for t in TEMPERATURES)[1]


def heldout_scores(logits: torch.Tensor, examples: Sequence[Example]) -> StanceScores:
    """The evaluator's stance scores (an also-acceptable label counts right) on held-out examples."""
    predicted = [STANCES[int(k)] for k in logits.argmax(dim=-1)]
    return stance_scores((p, e.label, e.also_acceptable) for p, e in zip(predicted, examples))


def heldout_report(logits: torch.Tensor, examples: Sequence[Example], temperature: float) -> dict:
    scores = heldout_scores(logits, examples)
    acceptable = acceptable_mask(examples)
    predicted = logits.argmax(dim=-1)
    right = acceptable[torch.arange(len(examples)), predicted].tolist()

    def ece(scale: float) -> float:
        return expected_calibration_error(torch.softmax(logits / scale, dim=-1).max(dim=-1).values.tolist(), right)

    return {
        "n": len(examples),
        "accuracy": scores.accuracy.value,
        "macro_f1": scores.macro_f1,
        "per_label_f1": {s.label: s.f1 for s in scores.per_label},
        "temperature": temperature,
        "ece_before_scaling": ece(1.0),
        "ece": ece(temperature),
    }


@dataclass(frozen=True)
class LowerState:
    """One example after the frozen layers: hidden states and the token ids pooling needs."""

    hidden: torch.Tensor  # (tokens, hidden size), no padding
    input_ids: torch.Tensor
    token_type_ids: torch.Tensor


def lower_states(model, tokenizer, examples: Sequence[Example], frozen: int, batch_size: int = 32) -> list[LowerState]:
    """Each example's hidden states after the frozen part (the embeddings, and `frozen` layers). It
    never changes, so it runs once instead of every epoch: time saved on two shared CPU cores."""
    model.eval()
    states = []
    with torch.no_grad():  # not inference_mode: these tensors feed layers that are trained
        for start in range(0, len(examples), batch_size):
            encoded = encode(tokenizer, [e.input for e in examples[start : start + batch_size]])
            hidden = model.encoder(**encoded, output_hidden_states=True).hidden_states[frozen]
            for row, length in enumerate(encoded["attention_mask"].sum(dim=1).tolist()):
                states.append(
                    LowerState(
                        hidden[row, :length].clone(),
                        encoded["input_ids"][row, :length].clone(),
                        encoded["token_type_ids"][row, :length].clone(),
                    )
                )
    model.train()
    return states


def upper_states(model, states: Sequence[LowerState], frozen: int) -> tuple[torch.Tensor, dict]:
    """The upper encoder layers over padded lower states: (top states, the batch's ids and mask)."""
    width = max(len(s.input_ids) for s in states)
    hidden = torch.zeros((len(states), width, states[0].hidden.shape[-1]))
    batch = {name: torch.zeros((len(states), width), dtype=torch.long) for name in ("input_ids", "token_type_ids", "attention_mask")}
    for row, state in enumerate(states):
        n = len(state.input_ids)
        hidden[row, :n] = state.hidden
        batch["input_ids"][row, :n] = state.input_ids
        batch["token_type_ids"][row, :n] = state.token_type_ids
        batch["attention_mask"][row, :n] = 1
    return through_layers(model.encoder.encoder.layer[frozen:], hidden, batch["attention_mask"]), batch


def upper_logits(model, states: Sequence[LowerState], frozen: int) -> torch.Tensor:
    """The rest of the classifier (upper layers, pooling, head) over lower states."""
    return model.classify(*upper_states(model, states, frozen))


def _heldout_logits(model, states: Sequence[LowerState], frozen: int, batch_size: int = 32) -> torch.Tensor:
    model.eval()
    with torch.no_grad():
        chunks = [upper_logits(model, states[i : i + batch_size], frozen) for i in range(0, len(states), batch_size)]
    model.train()
    return torch.cat(chunks) if chunks else torch.zeros((0, len(STANCES)))


def _train_epoch(model, batches: Sequence[Sequence[int]], train, states, frozen: int, optimizer, scheduler) -> float:
    total = 0.0
    for batch in batches:
        labels = torch.tensor([STANCES.index(train[i].label) for i in batch], dtype=torch.long)
        weights = torch.tensor([train[i].weight for i in batch])
        logits = upper_logits(model, [states[i] for i in batch], frozen)
        losses = torch.nn.functional.cross_entropy(logits, labels, reduction="none")
        loss = (losses * weights).sum() / weights.sum()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        scheduler.step()
        optimizer.zero_grad()
        total += loss.item()
    return total / max(1, len(batches))


def train_stance(
    docs: Sequence[GoldDocument],
    annotations: Sequence[Annotation],
    out: Path,
    args: StanceTrainingArgs = StanceTrainingArgs(),
    progress: Callable[[str], None] = log.info,
) -> StanceTrainingResult:
    """Train, pick the best epoch on the held-out annotations, calibrate, and save to `out`."""
    from transformers import AutoModel, AutoTokenizer, get_linear_schedule_with_warmup

    started = time.monotonic()
    torch.set_num_threads(THREADS)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    train, heldout = build_datasets(docs, annotations, args)
    progress(f"stance: {len(train)} training examples ({_counts(train)}), {len(heldout)} held out ({_counts(heldout)})")

    base = encoder_path()
    tokenizer = AutoTokenizer.from_pretrained(base, local_files_only=True)
    model = StanceNetwork(AutoModel.from_pretrained(base, local_files_only=True), len(STANCES), marker_ids(tokenizer))
    for parameter in model.encoder.embeddings.parameters():
        parameter.requires_grad = False
    for layer in model.encoder.encoder.layer[: args.frozen_layers]:
        for parameter in layer.parameters():
            parameter.requires_grad = False
    states = lower_states(model, tokenizer, train, args.frozen_layers)
    heldout_states = lower_states(model, tokenizer, heldout, args.frozen_layers)
    progress(f"stance: lower layers computed ({(time.monotonic() - started) / 60:.1f} min)")

    best: tuple[float, int, dict] | None = None
    steps = args.epochs * math.ceil(len(train) / args.batch_size)
    encoder_params = [p for p in model.encoder.parameters() if p.requires_grad]
    groups = [{"params": encoder_params}, {"params": list(model.head.parameters()), "lr": args.head_learning_rate}]
    optimizer = torch.optim.AdamW(groups, lr=args.learning_rate, weight_decay=args.weight_decay)
    scheduler = get_linear_schedule_with_warmup(optimizer, int(steps * args.warmup_fraction), steps)
    lengths = [len(s.input_ids) for s in states]
    for epoch in range(1, args.epochs + 1):
        batches = length_batches(lengths, args.batch_size, rng)
        loss = _train_epoch(model, batches, train, states, args.frozen_layers, optimizer, scheduler)
        score = heldout_scores(_heldout_logits(model, heldout_states, args.frozen_layers), heldout).macro_f1 or 0.0
        progress(f"stance: epoch {epoch}: loss {loss:.4f}, held-out macro-F1 {score:.3f} ({(time.monotonic() - started) / 60:.1f} min)")
        if best is None or score > best[0]:
            best = (score, epoch, copy.deepcopy(model.state_dict()))
    assert best is not None  # epochs >= 1
    model.load_state_dict(best[2])

    logits = _heldout_logits(model, heldout_states, args.frozen_layers)
    temperature = fit_temperature(logits, acceptable_mask(heldout))
    seconds = time.monotonic() - started
    metrics = {
        "training_seconds": round(seconds, 1),
        "best_epoch": best[1],
        "args": asdict(args),
        "data": {"train": _counts(train), "heldout": _counts(heldout), "max_tokens": MAX_TOKENS},
        "heldout": heldout_report(logits, heldout, temperature),
    }
    save_model(model, tokenizer, out, temperature, metrics)
    progress(f"stance: saved {out} in {seconds / 60:.1f} min; held-out {metrics['heldout']}")
    return StanceTrainingResult(out, seconds, metrics)


def save_model(model: StanceNetwork, tokenizer, out: Path, temperature: float, metrics: dict) -> None:
    """fp16 safetensors (encoder + head), tokenizer, labels + temperature, metrics; then the manifest."""
    from safetensors.torch import save_file

    out.mkdir(parents=True, exist_ok=True)
    model.encoder.half().save_pretrained(out, safe_serialization=True)
    save_file({name: t.detach().half().contiguous() for name, t in model.head.state_dict().items()}, out / HEAD_FILE)
    model.float()
    tokenizer.save_pretrained(out)
    meta = {
        "labels": list(STANCES),
        "temperature": temperature,
        "input": "(lexicon label : cue, sentence with the content in « ») from stance/inputs.py",
        "pooling": "mean of input, cue, content",
        "head": HEAD_FILE,
    }
    (out / LABELS_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    write_metrics(out, metrics)


def write_metrics(out: Path, metrics: dict) -> None:
    """metrics.json (merged into what is there), a stub card when none is written yet, the manifest."""
    path = out / "metrics.json"
    merged = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    merged.update(metrics)
    path.write_text(json.dumps(merged, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    card = out / "README.md"
    if not card.is_file():
        card.write_text("# stance\n\nTrained by `attribution train stance`; numbers in metrics.json.\n", encoding="utf-8")
    write_manifest(out)


def _counts(examples: Iterable[Example]) -> dict:
    counts: dict[str, int] = {}
    for e in examples:
        key = f"{e.method}:{e.label}"
        counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items()))
