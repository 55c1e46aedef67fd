"""Shared fixtures. Data from ../shared is read in place and never copied into the repo."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DIR = Path(os.environ.get("ATTRIBUTION_SHARED", REPO_ROOT.parent / "shared"))
SEEDS_DIR = REPO_ROOT / "seeds"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS_DIR


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED_DIR.is_dir():
        pytest.skip(f"shared data not found at {SHARED_DIR} (set ATTRIBUTION_SHARED to its path)")
    return SHARED_DIR


@pytest.fixture(scope="session")
def polnear_dev(shared_dir: Path) -> Path:
    path = shared_dir / "data" / "polnear" / "dev"
    if not path.is_dir():
        pytest.skip(f"PolNeAR dev not found at {path}")
    return path


@pytest.fixture(scope="session")
def nlp():
    from attribution.resources import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def parse(nlp):
    """Parse a small text with the real spaCy pipeline: parse("He said so.") -> Doc."""
    return nlp
