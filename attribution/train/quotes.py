"""Fine-tune the span tagger (attribution/quotes/tagger.py) on PolNeAR train.

Recipe: all-MiniLM-L6-v2 encoder, windows of whole sentences (the same `make_windows` as
inference), three BIO layers with a summed cross-entropy, AdamW with linear warmup and decay,
batches grouped by length, a fixed seed. A few training articles are held out to pick the best
epoch; PolNeAR dev is never seen here.
"""

from __future__ import annotations

import json
import logging
import random
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Sequence

import torch

from attribution.corpus.brat import GoldDocument
from attribution.quotes.spans import IGNORE, LAYERS, TAGS, tag_spans
from attribution.quotes.tagger import LABELS, WEIGHTS, TaggerModel, batch_inputs, length_batches, load_encoder_model
from attribution.quotes.windows import Window, make_windows
from attribution.resources import encoder_path, load_nlp, sha256_file, write_manifest

log = logging.getLogger(__name__)

THREADS = 2  # the training machines have two cores
# What metrics.json keeps of the stage a continued run started from.
INIT_KEYS = ("training", "steps", "train_seconds", "heldout", "init")


@dataclass(frozen=True)
class TrainingArgs:
    epochs: int = 1
    seed: int = 13
    max_length: int = 256
    batch_tokens: int = 4096
    learning_rate: float = 1e-4
    warmup_fraction: float = 0.1
    weight_decay: float = 0.01
    heldout_fraction: float = 0.05
    max_steps: int = 0  # 0 = no limit; a positive value stops early (smoke tests, timing)
    evals_per_epoch: int = 2
    init_from: str = ""  # a saved tagger folder to continue from ("" = the pretrained encoder)


@dataclass(frozen=True)
class Example:
    """One window with its gold tags: labels[i] holds token i's tag in each layer."""

    window: Window
    labels: tuple[tuple[int, ...], ...]


@dataclass
class TrainingResult:
    out: Path
    steps: int
    seconds: float
    heldout: dict = field(default_factory=dict)
    train_windows: int = 0
    heldout_documents: int = 0


def sentence_starts(texts: Sequence[str]) -> list[list[int]]:
    """Sentence starts from the same spaCy parse the pipeline uses (only the parser is needed)."""
    nlp = load_nlp()
    keep = {"tok2vec", "parser"}
    with nlp.select_pipes(enable=[name for name in nlp.pipe_names if name in keep]):
        return [[s.start_char for s in doc.sents] for doc in nlp.pipe(texts, batch_size=32)]


def layer_spans(gold: GoldDocument) -> list[list[tuple[int, int]]]:
    """Gold character spans of each layer; discontinuous content gives one span per piece."""
    spans: list[list[tuple[int, int]]] = [[] for _ in LAYERS]
    for attribution in gold.attributions:
        for k, pieces in enumerate((attribution.content, attribution.cue, attribution.source)):
            spans[k].extend((p.start, p.end) for p in pieces)
    return spans


def document_examples(tokenizer, gold: GoldDocument, starts: Sequence[int], max_length: int) -> list[Example]:
    """Tags are laid over the whole document, then cut with the windows, so spans crossing a window edge
    continue with I in the next window exactly as inference joins them."""
    windows = make_windows(tokenizer, gold.document.text, starts, max_length)
    offsets = [o for w in windows for o in w.offsets]
    layers = [tag_spans(offsets, spans) for spans in layer_spans(gold)]
    examples, cursor = [], 0
    for window in windows:
        n = len(window)
        labels = tuple(tuple(layer[i] for layer in layers) for i in range(cursor, cursor + n))
        examples.append(Example(window, labels))
        cursor += n
    return examples


def build_examples(tokenizer, golds: Sequence[GoldDocument], max_length: int) -> list[Example]:
    starts = sentence_starts([g.document.text for g in golds])
    return [ex for gold, s in zip(golds, starts) for ex in document_examples(tokenizer, gold, s, max_length)]


def split_heldout(golds: Sequence[GoldDocument], fraction: float, seed: int) -> tuple[list, list]:
    """A seeded choice of whole articles held out of training (for picking the best checkpoint)."""
    order = list(golds)
    random.Random(seed).shuffle(order)
    n = max(1, round(len(order) * fraction)) if fraction > 0 and len(order) > 1 else 0
    return order[n:], order[:n]


def batch_labels(examples: Sequence[Example]) -> torch.Tensor:
    """(batch, width, layers) labels aligned with `batch_inputs`; special tokens and padding IGNORE."""
    width = max(len(e.window) for e in examples) + 2
    labels = torch.full((len(examples), width, len(LAYERS)), IGNORE, dtype=torch.long)
    for row, example in enumerate(examples):
        labels[row, 1 : len(example.window) + 1] = torch.tensor(example.labels, dtype=torch.long)
    return labels


def tagging_loss(logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
    """Cross-entropy over every layer's tags, summed over layers, averaged over real tokens."""
    return torch.nn.functional.cross_entropy(logits.reshape(-1, len(TAGS)), labels.reshape(-1), ignore_index=IGNORE) * len(LAYERS)


class Batcher:
    def __init__(self, tokenizer, examples: Sequence[Example], batch_tokens: int):
        self.tokenizer = tokenizer
        self.examples = examples
        self.batches = length_batches([len(e.window) for e in examples], batch_tokens, max_batch=32)

    def tensors(self, batch: Sequence[int]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        chosen = [self.examples[i] for i in batch]
        tok = self.tokenizer
        ids, mask = batch_inputs([e.window for e in chosen], tok.cls_token_id, tok.sep_token_id, tok.pad_token_id)
        return ids, mask, batch_labels(chosen)


def evaluate_tags(model: TaggerModel, batcher: Batcher) -> dict:
    """Held-out loss and, per layer, token-level F1 of the span tags (B and I against O)."""
    model.eval()
    counts = torch.zeros(len(LAYERS), 3)  # true positives, predicted, gold
    total_loss, n = 0.0, 0
    with torch.inference_mode():
        for batch in batcher.batches:
            ids, mask, labels = batcher.tensors(batch)
            logits = model(ids, mask)
            total_loss += tagging_loss(logits, labels).item() * len(batch)
            n += len(batch)
            predicted, real = logits.argmax(-1), labels != IGNORE
            for k in range(len(LAYERS)):
                p, g = (predicted[..., k] != 0) & real[..., k], (labels[..., k] > 0) & real[..., k]
                counts[k] += torch.tensor([(p & g & (predicted[..., k] == labels[..., k])).sum(), p.sum(), g.sum()])
    model.train()
    scores = {"loss": round(total_loss / max(n, 1), 4)}
    for k, layer in enumerate(LAYERS):
        tp, pred, gold = counts[k].tolist()
        scores[f"{layer}_token_f1"] = round(2 * tp / (pred + gold), 4) if pred + gold else 0.0
    scores["mean_token_f1"] = round(sum(scores[f"{layer}_token_f1"] for layer in LAYERS) / len(LAYERS), 4)
    return scores


def make_optimizer(model: TaggerModel, args: TrainingArgs, total_steps: int):
    # The word-embedding table is half the parameters and barely moves in a short fine-tune:
    # freezing it saves time and keeps rare words as the pretrained encoder knew them.
    model.encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    decay, no_decay = [], []
    for name, param in model.named_parameters():
        if param.requires_grad:
            (no_decay if param.ndim == 1 else decay).append(param)
    optimizer = torch.optim.AdamW(
        [{"params": decay, "weight_decay": args.weight_decay}, {"params": no_decay, "weight_decay": 0.0}],
        lr=args.learning_rate,
    )
    warmup = max(1, int(total_steps * args.warmup_fraction))

    def schedule(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return max(0.0, (total_steps - step) / max(1, total_steps - warmup))

    return optimizer, torch.optim.lr_scheduler.LambdaLR(optimizer, schedule)


def train_quotes(
    golds: Sequence[GoldDocument],
    out: Path,
    args: TrainingArgs = TrainingArgs(),
    progress: Callable[[str], None] = log.info,
) -> TrainingResult:
    """Train on `golds` (minus a held-out few), save the best checkpoint to `out`, return the summary."""
    from transformers import AutoModel, AutoTokenizer

    began = time.monotonic()
    torch.set_num_threads(THREADS)
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    tokenizer = AutoTokenizer.from_pretrained(encoder_path(), local_files_only=True)
    tokenizer.model_max_length = 1 << 30  # we window ourselves; silence the length warning
    train_docs, heldout_docs = split_heldout(golds, args.heldout_fraction, args.seed)
    train = Batcher(tokenizer, build_examples(tokenizer, train_docs, args.max_length), args.batch_tokens)
    heldout = Batcher(tokenizer, build_examples(tokenizer, heldout_docs, args.max_length), args.batch_tokens * 2)
    progress(f"{len(train.examples)} training windows in {len(train.batches)} batches, {len(heldout_docs)} held-out articles")

    if args.init_from:
        model = load_encoder_model(Path(args.init_from)).train()
    else:
        model = TaggerModel(AutoModel.from_pretrained(encoder_path(), local_files_only=True, add_pooling_layer=False))
    total_steps = args.epochs * len(train.batches)
    if args.max_steps:
        total_steps = min(total_steps, args.max_steps)
    optimizer, scheduler = make_optimizer(model, args, total_steps)
    eval_every = max(1, len(train.batches) // max(1, args.evals_per_epoch))
    best: tuple[float, dict, dict] | None = None
    rng = random.Random(args.seed)
    model.train()
    step = 0
    while step < total_steps:
        order = list(train.batches)
        rng.shuffle(order)
        for batch in order:
            ids, mask, labels = train.tensors(batch)
            loss = tagging_loss(model(ids, mask), labels)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad(set_to_none=True)
            step += 1
            if step % 20 == 0:
                progress(f"step {step}/{total_steps} loss {loss.item():.4f} {time.monotonic() - began:.0f}s")
            if step % eval_every == 0 or step == total_steps:
                best = _keep_best(model, heldout, best, step, progress)
            if step >= total_steps:
                break
    _, state, scores = best if best else (0.0, model.state_dict(), {})
    model.load_state_dict(state)
    seconds = time.monotonic() - began
    result = TrainingResult(out, step, seconds, scores, len(train.examples), len(heldout_docs))
    save_model(model, tokenizer, out, args, result)
    return result


def _keep_best(model, heldout: Batcher, best, step: int, progress) -> tuple[float, dict, dict]:
    if not heldout.examples:
        return (0.0, {k: v.detach().clone() for k, v in model.state_dict().items()}, {"step": step})
    scores = {"step": step, **evaluate_tags(model, heldout)}
    progress(f"held-out at step {step}: {scores}")
    if best is None or scores["mean_token_f1"] > best[0]:
        return (scores["mean_token_f1"], {k: v.detach().clone() for k, v in model.state_dict().items()}, scores)
    return best


def save_model(model: TaggerModel, tokenizer, out: Path, args: TrainingArgs, result: TrainingResult) -> None:
    """Weights in fp16 safetensors, config, tokenizer, labels and metrics, then the manifest."""
    from safetensors.torch import save_file

    out.mkdir(parents=True, exist_ok=True)
    state = {k: v.detach().to(torch.float16).contiguous() for k, v in model.state_dict().items()}
    save_file(state, out / WEIGHTS, metadata={"format": "pt"})
    model.encoder.config.save_pretrained(out)
    tokenizer.save_pretrained(out)
    labels = {
        "layers": list(LAYERS),
        "tags": list(TAGS),
        "max_length": args.max_length,
        "version": f"quotes-{sha256_file(out / WEIGHTS)[:12]}",  # traceable to the exact weights
    }
    (out / LABELS).write_text(json.dumps(labels, indent=2) + "\n", encoding="utf-8")
    metrics = {
        "training": asdict(args),
        "steps": result.steps,
        "train_seconds": round(result.seconds),
        "train_windows": result.train_windows,
        "heldout_documents": result.heldout_documents,
        "heldout": result.heldout,
    }
    earlier = Path(args.init_from) / "metrics.json" if args.init_from else None
    if earlier is not None and earlier.is_file():  # the stage this run continued from
        metrics["init"] = {k: v for k, v in json.loads(earlier.read_text(encoding="utf-8")).items() if k in INIT_KEYS}
    (out / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    write_manifest(out)


def record_measurement(out: Path, measured: dict, name: str) -> None:
    """Add a measurement (e.g. PolNeAR dev, or dev with int8 weights) to metrics.json and re-sign the folder."""
    path = out / "metrics.json"
    metrics = json.loads(path.read_text(encoding="utf-8"))
    metrics[name] = measured
    path.write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    write_manifest(out)

