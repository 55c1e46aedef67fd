"""The stance of each quote: the fine-tuned MiniLM classifier shipped in models/stance/.

Predict first, in batches, then hand back one Stance per quote. `stance_score` is the model's
probability for its label after temperature scaling (fitted on held-out training annotations).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import torch

from attribution.errors import ModelError
from attribution.pooling import mean_pool
from attribution.resources import model_dir, model_inference
from attribution.stance.inputs import MarkerIds, StanceInput, marker_ids, pad, quote_input, tokenize
from attribution.stance.lexicon import lexicon_stance
from attribution.types import STANCES, Quote, Stance

MODEL_NAME = "stance"
LABELS_FILE = "labels.json"
HEAD_FILE = "head.safetensors"
BATCH_SIZE = 32
DROPOUT = 0.1
POOLS = 3  # whole input, cue, content
PAD_MULTIPLE = 16  # batch widths; see width_batches


def pooled(hidden: torch.Tensor, batch: dict, markers: MarkerIds) -> torch.Tensor:
    """Means over the whole input, the cue (first segment) and the marked content, side by side.

    all-MiniLM-L6-v2 was trained with mean pooling; pooling the cue and the content apart as well
    keeps "denied" or "false" from being averaged away in a long sentence.
    """
    ids, segments = batch["input_ids"], batch["token_type_ids"]
    real = batch["attention_mask"].bool()
    special = (ids == markers.cls) | (ids == markers.sep)
    cue = real & (segments == 0) & ~special
    depth = torch.cumsum((ids == markers.open).long() - (ids == markers.close).long(), dim=1)
    content = real & (segments == 1) & (depth > 0) & (ids != markers.open)
    return torch.cat([mean_pool(hidden, real), mean_pool(hidden, cue), mean_pool(hidden, content)], dim=-1)


class StanceNetwork(torch.nn.Module):
    """The MiniLM encoder, whole / cue / content mean pooling, and a linear head over the labels."""

    def __init__(self, encoder, labels: int, markers: MarkerIds) -> None:
        super().__init__()
        self.encoder = encoder
        self.markers = markers
        self.dropout = torch.nn.Dropout(DROPOUT)
        self.head = torch.nn.Linear(POOLS * encoder.config.hidden_size, labels)

    def forward(self, input_ids, attention_mask, token_type_ids) -> torch.Tensor:
        batch = {"input_ids": input_ids, "attention_mask": attention_mask, "token_type_ids": token_type_ids}
        return self.classify(self.encoder(**batch).last_hidden_state, batch)

    def classify(self, hidden: torch.Tensor, batch: dict) -> torch.Tensor:
        return self.head(self.dropout(pooled(hidden, batch, self.markers)))


class StanceModel:
    """The shipped classifier over `format_input` pairs, with its labels and temperature."""

    def __init__(self, folder: Path) -> None:
        from safetensors.torch import load_file
        from transformers import AutoModel, AutoTokenizer

        meta = json.loads((folder / LABELS_FILE).read_text(encoding="utf-8"))
        self.labels: tuple[str, ...] = tuple(meta["labels"])
        if set(self.labels) != set(STANCES):
            raise ModelError(f"{folder}/{LABELS_FILE} labels {self.labels} are not {STANCES}")
        self.temperature = float(meta.get("temperature", 1.0))
        self.tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
        # Weights ship in fp16 to halve the download; kept in fp32 here, inference autocasts.
        encoder = AutoModel.from_pretrained(folder, local_files_only=True, dtype=torch.float32)
        self.model = StanceNetwork(encoder, len(self.labels), marker_ids(self.tokenizer))
        head = {name: tensor.float() for name, tensor in load_file(folder / HEAD_FILE).items()}
        self.model.head.load_state_dict(head)
        self.model.eval()

    def logits(self, inputs: Sequence[StanceInput], batch_size: int = BATCH_SIZE) -> torch.Tensor:
        """Raw logits (n, labels), in input order. Batches are grouped by token count: grouped by
        characters, padding was 29% of the tokens, and the encoder's time grows with every token."""
        out = torch.zeros((len(inputs), len(self.labels)))
        if not inputs:
            return out
        encoded = tokenize(self.tokenizer, inputs)  # once: the batches below only pad
        with model_inference():
            for chunk in width_batches([len(ids) for ids in encoded["input_ids"]], batch_size):
                out[chunk] = self.model(**pad(self.tokenizer, encoded, chunk, PAD_MULTIPLE)).float()
        return out

    def predict(self, inputs: Sequence[StanceInput], batch_size: int = BATCH_SIZE) -> list[Stance]:
        if not inputs:
            return []
        probs = torch.softmax(self.logits(inputs, batch_size) / self.temperature, dim=-1)
        best = probs.argmax(dim=-1)
        return [Stance(self.labels[int(k)], float(probs[row, k])) for row, k in enumerate(best)]


def width_batches(lengths: Sequence[int], batch_size: int) -> list[list[int]]:
    """Indices batched with inputs of the same padded width only (length rounded up to
    PAD_MULTIPLE), so that every input is always computed at the width its own length gives: in
    bfloat16 an input's scores move with the width it is padded to (on PolNeAR dev a thousand of
    2,300 scores changed with the batch size when batches took their longest input's width)."""
    def width(i: int) -> int:
        return -(-lengths[i] // PAD_MULTIPLE) * PAD_MULTIPLE

    order = sorted(range(len(lengths)), key=lambda i: (width(i), i))
    batches: list[list[int]] = []
    for i in order:
        if batches and len(batches[-1]) < batch_size and width(batches[-1][0]) == width(i):
            batches[-1].append(i)
        else:
            batches.append([i])
    return batches


@lru_cache(maxsize=1)
def load_stance_model() -> StanceModel:
    """The shipped model, verified against its manifest, loaded once per process."""
    return StanceModel(model_dir(MODEL_NAME))


def lexicon_stances(docs: Sequence, quotes_per_doc: Sequence[Sequence[Quote]]) -> list[list[Stance]]:
    """classify_stances' output from the cue-lexicon baseline alone (the rules-only pipeline): no model."""
    texts = (doc.text for doc in docs)  # built once per document: Doc.text joins every token
    return [[lexicon_stance(quote_input(text, quote)) for quote in quotes] for text, quotes in zip(texts, quotes_per_doc)]


def classify_stances(docs: Sequence, quotes_per_doc: Sequence[Sequence[Quote]]) -> list[list[Stance]]:
    """One Stance per quote, per document, in the same order; all quotes go through in one batch run."""
    texts = [doc.text for doc in docs]  # built once per document: Doc.text joins every token
    inputs = [quote_input(text, quote) for text, quotes in zip(texts, quotes_per_doc) for quote in quotes]
    if not inputs:
        return [[] for _ in quotes_per_doc]
    stances = iter(load_stance_model().predict(inputs))
    return [[next(stances) for _ in quotes] for quotes in quotes_per_doc]
