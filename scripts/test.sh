#!/usr/bin/env bash
# Set everything up and run the test suite (what CI runs).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The Spark engine's test needs pyspark and pyarrow, kept out of the main install (pyspark is a ~450 MB sdist,
# built with the setuptools of requirements.lock; pip caches the wheel, so a rerun takes seconds).
.venv/bin/pip --quiet --disable-pip-version-check install --require-hashes --no-deps --no-build-isolation -r requirements-spark.lock
# The quote benchmark's baseline (textacy) for its test; seven small wheels, also hash-pinned.
.venv/bin/pip --quiet --disable-pip-version-check install --require-hashes --no-deps -r requirements-bench.lock
# The review page is tested in a real headless browser; without chromium that test skips.
if ! command -v chromium >/dev/null 2>&1; then
  (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) \
    || echo "chromium could not be installed: the browser test will be skipped"
fi
.venv/bin/python -m pytest -q "$@"
