"""Running a transformer's upper layers over cached lower states: training computes the frozen
lower layers once, then only the layers that train run each step (stance, propositions)."""

from __future__ import annotations

import torch


def through_layers(layers, hidden: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
    """`layers` (BERT encoder layers) over `hidden`; padding (mask 0) gets no attention."""
    mask = attention_mask.to(hidden.dtype)
    additive = (1.0 - mask[:, None, None, :]) * torch.finfo(hidden.dtype).min
    for layer in layers:
        output = layer(hidden, additive)
        hidden = output[0] if isinstance(output, tuple) else output  # a tuple before transformers 5
    return hidden
