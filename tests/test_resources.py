"""The model-loading helpers: inference precision."""

import pytest
import torch

from attribution.errors import ModelError
from attribution.resources import PRECISION_ENV, inference_dtype, model_inference


@pytest.fixture
def precision(monkeypatch):
    """Choose ATTRIBUTION_PRECISION and whether the CPU has bfloat16; returns inference_dtype()."""

    def choose(value: str, native: bool = True):
        monkeypatch.setenv(PRECISION_ENV, value)
        monkeypatch.setattr("attribution.resources.cpu_has_bfloat16", lambda: native)
        inference_dtype.cache_clear()
        return inference_dtype()

    yield choose
    inference_dtype.cache_clear()


@pytest.mark.parametrize(
    "value, native, expected",
    [
        ("auto", True, torch.bfloat16),
        ("", True, torch.bfloat16),  # set but empty: the default
        ("AUTO", True, torch.bfloat16),
        ("auto", False, torch.float32),  # emulated bfloat16 would be slow
        ("fp32", True, torch.float32),
        ("fp32", False, torch.float32),
    ],
)
def test_precision_follows_the_setting_and_the_cpu(precision, value, native, expected):
    assert precision(value, native) == expected


def test_precision_unknown_value_is_a_clear_error(precision):
    with pytest.raises(ModelError, match="expected 'auto' or 'fp32'"):
        precision("half")


@pytest.mark.parametrize("choice", ["auto", "fp32"])
def test_model_inference_products_follow_the_chosen_precision(precision, choice):
    dtype = precision(choice)
    layer = torch.nn.Linear(4, 2)
    with model_inference():
        out = layer(torch.ones(1, 4))
    with model_inference(autocast=False):  # int8 kernels take float32 only
        plain = layer(torch.ones(1, 4))
    assert (out.dtype, plain.dtype) == (dtype, torch.float32)
    assert not out.requires_grad


@pytest.mark.parametrize("choice, suffix", [("auto", True), ("fp32", False)])
def test_model_version_says_when_rows_were_computed_in_bfloat16(precision, choice, suffix):
    from attribution.pipeline import current_model_version
    from attribution.resources import has_model

    if not has_model("quotes"):
        pytest.skip("models/quotes is not built (attribution train quotes)")
    precision(choice)
    assert current_model_version().endswith("+bf16") == suffix
