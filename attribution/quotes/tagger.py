"""The fine-tuned span tagger: MiniLM with three BIO layers (content, cue, source) over subwords.

`tag_documents` windows each parsed document over whole sentences, runs the encoder on each
document's windows batched by length, and decodes the tags into linked attributions with exact
character offsets. The model folder (models/quotes) is verified against its manifest and loaded
once per process.
"""

from __future__ import annotations

import json
import logging
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import torch
from torch import nn

from attribution.errors import ModelError
from attribution.quotes.spans import LAYERS, TAGS, B, I, TaggedAttribution, decode_layer, link
from attribution.quotes.windows import Window, make_windows
from attribution.resources import model_dir, model_inference

log = logging.getLogger(__name__)

MODEL_NAME = "quotes"
WEIGHTS = "model.safetensors"
LABELS = "labels.json"
# Inference batches hold at most this many positions (padding included), grouped by length.
BATCH_TOKENS = 8192

__all__ = ["TaggedAttribution", "SpanTagger", "TaggerModel", "load_tagger", "tag_documents"]


class TaggerModel(nn.Module):
    """A BERT-style encoder with one linear head giving len(LAYERS) x len(TAGS) logits per token."""

    def __init__(self, encoder: nn.Module, dropout: float = 0.1):
        super().__init__()
        self.encoder = encoder
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(encoder.config.hidden_size, len(LAYERS) * len(TAGS))

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        logits = self.head(self.dropout(hidden))
        return logits.view(*input_ids.shape, len(LAYERS), len(TAGS))


def batch_inputs(windows: Sequence[Window], cls_id: int, sep_id: int, pad_id: int) -> tuple[torch.Tensor, torch.Tensor]:
    """[CLS] window [SEP], right-padded to the longest window: (input_ids, attention_mask)."""
    width = max(len(w) for w in windows) + 2
    ids = torch.full((len(windows), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(windows), width), dtype=torch.long)
    for row, window in enumerate(windows):
        n = len(window) + 2
        ids[row, :n] = torch.tensor([cls_id, *window.input_ids, sep_id])
        mask[row, :n] = 1
    return ids, mask


def length_batches(lengths: Sequence[int], batch_tokens: int, max_batch: int = 64) -> list[list[int]]:
    """Indices grouped by similar length so that little padding is computed; shortest first."""
    order = sorted(range(len(lengths)), key=lambda i: lengths[i])
    batches: list[list[int]] = []
    for i in order:
        width = lengths[i] + 2
        if batches and len(batches[-1]) < max_batch and width * (len(batches[-1]) + 1) <= batch_tokens:
            batches[-1].append(i)
        else:
            batches.append([i])
    return batches


@dataclass
class SpanTagger:
    """A loaded tagger: model, tokenizer and the window length it was trained with."""

    model: TaggerModel
    tokenizer: object
    max_length: int
    version: str
    quantized: bool = False

    def predict_windows(self, windows: Sequence[Window]) -> list[torch.Tensor]:
        """Per window, probabilities of shape (tokens, layers, tags), special tokens dropped.
        Call it inside `model_inference` (see `tag`)."""
        tok = self.tokenizer
        probs: list[torch.Tensor | None] = [None] * len(windows)
        for batch in length_batches([len(w) for w in windows], BATCH_TOKENS):
            ids, mask = batch_inputs([windows[i] for i in batch], tok.cls_token_id, tok.sep_token_id, tok.pad_token_id)
            out = self.model(ids, mask).float().softmax(-1)
            for row, i in enumerate(batch):
                probs[i] = out[row, 1 : len(windows[i]) + 1]
        return probs

    def tag(self, texts: Sequence[str], sentence_starts: Sequence[Sequence[int]]) -> list[list[TaggedAttribution]]:
        """Attributions per text, given each text's sentence start offsets.

        Each text's windows are batched on their own: in bfloat16 a window's probabilities move
        with the windows batched beside it (on PolNeAR dev, batching across documents changed a
        few of 2,300 rows with the batch size), and a document's rows must not depend on its
        neighbours in the input, the batch size or the engine. It costs about 8% of tagging time."""
        results = []
        with model_inference(autocast=not self.quantized):  # once: autocast keeps its bfloat16 weights while open
            for text, starts in zip(texts, sentence_starts):
                windows = make_windows(self.tokenizer, text, starts, self.max_length)
                results.append(decode_document(text, starts, windows, self.predict_windows(windows) if windows else []))
        return results


def decode_document(
    text: str, sentence_starts: Sequence[int], windows: Sequence[Window], probs: Sequence[torch.Tensor]
) -> list[TaggedAttribution]:
    """Join the windows back into one token sequence, so spans crossing a window edge stay whole."""
    if not windows:
        return []
    offsets = [o for w in windows for o in w.offsets]
    joined = torch.cat(list(probs))
    layers = [decode_layer(text, joined[:, k, B].tolist(), joined[:, k, I].tolist(), offsets) for k in range(len(LAYERS))]
    return link(text, *layers, sentence_starts)


def load_encoder_model(folder: Path) -> TaggerModel:
    """Build the model from a saved folder's config.json and fp16 safetensors (kept in float32 for CPU)."""
    from safetensors.torch import load_file
    from transformers import AutoConfig, AutoModel

    config = AutoConfig.from_pretrained(folder, local_files_only=True)
    model = TaggerModel(AutoModel.from_config(config, add_pooling_layer=False))
    state = {k: v.float() for k, v in load_file(folder / WEIGHTS).items()}
    model.load_state_dict(state)
    return model.eval()


def read_labels(folder: Path) -> dict:
    labels = json.loads((folder / LABELS).read_text(encoding="utf-8"))
    if tuple(labels["layers"]) != LAYERS or tuple(labels["tags"]) != TAGS:
        raise ModelError(f"{folder / LABELS} has labels {labels['layers']}/{labels['tags']}, expected {LAYERS}/{TAGS}")
    return labels


def load_folder(folder: Path, quantize: bool = False) -> SpanTagger:
    """Load a tagger from a folder (already verified); int8 dynamic quantisation of Linear layers if asked."""
    from transformers import AutoTokenizer

    labels = read_labels(folder)
    model = load_encoder_model(folder)
    if quantize:  # measured: 2x faster but it costs content and source accuracy, so it is off by default
        with warnings.catch_warnings():  # torch.ao.quantization is deprecated (torchao replaces it)
            warnings.simplefilter("ignore")
            model = torch.ao.quantization.quantize_dynamic(model, {nn.Linear}, dtype=torch.qint8)
    tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
    log.info("loaded the quote tagger %s from %s (int8: %s)", labels.get("version", ""), folder, quantize)
    return SpanTagger(model, tokenizer, int(labels["max_length"]), str(labels.get("version", "")), quantize)


@lru_cache(maxsize=None)
def load_tagger(quantize: bool = False) -> SpanTagger:
    """The shipped tagger, checked against models/quotes/MANIFEST.sha256, loaded once per process."""
    return load_folder(model_dir(MODEL_NAME), quantize=quantize)


def sentence_starts_of(doc) -> list[int]:
    """Sentence start offsets of a spaCy Doc; the whole text is one sentence when it has no parse."""
    if doc.has_annotation("SENT_START"):
        return [sent.start_char for sent in doc.sents]
    return [0]


def tag_documents(docs: Sequence, quantize: bool = False) -> list[list[TaggedAttribution]]:
    """For each parsed spaCy Doc, the attributions the tagger finds, in text order."""
    if not docs:
        return []
    tagger = load_tagger(quantize)
    return tagger.tag([doc.text for doc in docs], [sentence_starts_of(doc) for doc in docs])
