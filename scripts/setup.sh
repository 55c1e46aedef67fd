#!/usr/bin/env bash
# Create .venv and install attribution with every dependency pinned by version and sha256
# (requirements.lock, made by scripts/lock.py). Safe to rerun.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
pip=(.venv/bin/pip --quiet --disable-pip-version-check)
"${pip[@]}" install --require-hashes -r requirements-pip.lock
"${pip[@]}" install --require-hashes -r requirements.lock
"${pip[@]}" install --no-deps --no-build-isolation -e .
