"""Sentence vectors from encoder token states: all-MiniLM-L6-v2 was trained with mean pooling, and
the stance model, the conflict finder and their training all pool the same way."""

from __future__ import annotations

import torch


def mean_pool(hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """The mean of the masked tokens' states (zeros where the mask is empty)."""
    weights = mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1.0)


def sentence_embedding(hidden: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    """The L2-normalised mean of the tokens' states: MiniLM's sentence embedding."""
    return torch.nn.functional.normalize(mean_pool(hidden, attention_mask), dim=1)
