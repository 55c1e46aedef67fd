"""The model-loading helpers: inference precision."""

import pytest
import torch

from attribution.errors import ModelError
from attribution.resources import PRECISION_ENV, inference_dtype, model_inference


@pytest.fixture
def precision(monkeypatch):
    def choose(value: str):
        monkeypatch.setenv(PRECISION_ENV, value)
        inference_dtype.cache_clear()
        return inference_dtype()

    yield choose
    inference_dtype.cache_clear()


def test_precision_fp32_is_always_float32(precision):
    assert precision("fp32") == torch.float32


def test_precision_auto_is_bfloat16_only_where_the_cpu_has_it(precision):
    native = torch.backends.mkldnn.is_available() and torch.ops.mkldnn._is_mkldnn_bf16_supported()
    assert precision("auto") == (torch.bfloat16 if native else torch.float32)


def test_precision_unknown_value_is_a_clear_error(precision):
    with pytest.raises(ModelError, match="expected 'auto' or 'fp32'"):
        precision("half")


@pytest.mark.parametrize("choice", ["auto", "fp32"])
def test_model_inference_products_follow_the_chosen_precision(precision, choice):
    dtype = precision(choice)
    layer = torch.nn.Linear(4, 2)
    with model_inference():
        out = layer(torch.ones(1, 4))
    assert out.dtype == dtype
    assert not out.requires_grad
