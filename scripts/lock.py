"""Regenerate the hash-pinned locks (pip --require-hashes):

requirements.lock        attribution[test], resolved in a fresh venv, every package pinned by version and sha256;
requirements-spark.lock  the [spark] extra's packages that requirements.lock lacks (pyspark, py4j, pyarrow),
                         resolved with requirements.lock's versions as constraints so both install into one venv;
requirements-bench.lock  likewise for the [bench] extra (textacy, the quote benchmark's baseline).
(requirements-pip.lock, the pip that installs them, is kept by hand: one pinned wheel and its sha256.)

    python3 scripts/lock.py               # all three; needs the package registries; takes a few minutes
    python3 scripts/lock.py --spark-only  # requirements-spark.lock alone, against the current requirements.lock
    python3 scripts/lock.py --bench-only  # requirements-bench.lock alone, likewise
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = """\
# Every package attribution installs, pinned by version and sha256 (pip --require-hashes).
# Made by `python3 scripts/lock.py` from a fresh venv on Python 3.11, linux x86_64 (the project's machines).
# torch 2.13.0+cpu is the CPU build pip takes from the machine's local wheel folder.
"""
SPARK_HEADER = """\
# The Spark engine's packages (the [spark] extra) on top of requirements.lock, pinned by version and sha256.
# Made by `python3 scripts/lock.py` with requirements.lock's versions as constraints, on Python 3.11, linux x86_64.
# Install after requirements.lock: pip install --require-hashes --no-deps --no-build-isolation -r requirements-spark.lock
# (pyspark is only an sdist: --no-build-isolation builds it with the setuptools pinned in requirements.lock).
"""
BENCH_HEADER = """\
# The quote benchmark's baseline (the [bench] extra: textacy) on top of requirements.lock, pinned by version and sha256.
# Made by `python3 scripts/lock.py` with requirements.lock's versions as constraints, on Python 3.11, linux x86_64.
# Install after requirements.lock: pip install --require-hashes --no-deps -r requirements-bench.lock
"""


def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Regenerate requirements.lock and the extras' locks.")
    parser.add_argument("--spark-only", action="store_true", help="regenerate requirements-spark.lock alone")
    parser.add_argument("--bench-only", action="store_true", help="regenerate requirements-bench.lock alone")
    args = parser.parse_args(argv)
    if not (args.spark_only or args.bench_only):
        lock_main()
    if not args.bench_only:
        lock_extra("spark", ROOT / "requirements-spark.lock", SPARK_HEADER)
    if not args.spark_only:
        lock_extra("bench", ROOT / "requirements-bench.lock", BENCH_HEADER)


def lock_main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        venv = Path(tmp) / "venv"
        run(sys.executable, "-m", "venv", str(venv))
        pip = str(venv / "bin" / "pip")
        run(pip, "install", "-q", "torch==2.13.0")  # first: any other torch spec pulls a CUDA build
        run(pip, "install", "-q", "-e", f"{ROOT}[test]")
        pins = [line for line in run(pip, "freeze", "--all", "--exclude-editable").splitlines() if "==" in line and not line.startswith("pip==")]
        _write_lock(ROOT / "requirements.lock", HEADER, pins, Path(tmp) / "wheels")


def lock_extra(extra: str, lock: Path, header: str) -> None:
    """Lock an extra's packages that requirements.lock lacks, resolved with its versions as constraints."""
    from packaging.utils import canonicalize_name

    wanted = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"][extra]
    locked = {canonicalize_name(pin.split("==")[0]): pin for pin in _pins_of(ROOT / "requirements.lock")}
    with tempfile.TemporaryDirectory() as tmp:
        constraints, report = Path(tmp) / "constraints.txt", Path(tmp) / "report.json"
        constraints.write_text("\n".join(locked.values()) + "\n")
        # A dry run resolves without installing; --ignore-installed so that packages this Python has still count.
        run(sys.executable, "-m", "pip", "install", "-q", "--dry-run", "--ignore-installed", "--report", str(report), "-c", str(constraints), *wanted)
        resolved = [item["metadata"] for item in json.loads(report.read_text())["install"]]
        pins = [f"{m['name']}=={m['version']}" for m in resolved if canonicalize_name(m["name"]) not in locked]
        _write_lock(lock, header, pins, Path(tmp) / "wheels")


def _pins_of(lock: Path) -> list[str]:
    return [line.split()[0] for line in lock.read_text().splitlines() if "==" in line and not line.startswith(("#", " "))]


def _write_lock(lock: Path, header: str, pins: list[str], wheels: Path) -> None:
    """Download the pinned files for this platform and write `lock` with their sha256."""
    frozen = wheels.parent / f"{lock.stem}.txt"
    frozen.write_text("\n".join(pins) + "\n")
    run(sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-r", str(frozen), "-d", str(wheels))
    lines = [header]
    for pin in sorted(pins, key=str.lower):
        name = pin.split("==")[0]
        lines.append(pin + " \\\n" + " \\\n".join(f"    --hash=sha256:{h}" for h in _hashes(wheels, name)))
    lock.write_text("\n".join(lines) + "\n")


def _hashes(wheels: Path, name: str) -> list[str]:
    """sha256 of the downloaded files whose canonical project name is `name`."""
    from packaging.utils import canonicalize_name, parse_sdist_filename, parse_wheel_filename

    found = []
    for path in sorted(wheels.iterdir()):
        parse = parse_wheel_filename if path.suffix == ".whl" else parse_sdist_filename
        if canonicalize_name(parse(path.name)[0]) == canonicalize_name(name):
            found.append(hashlib.sha256(path.read_bytes()).hexdigest())
    if not found:
        raise SystemExit(f"no downloaded file for {name}")
    return found


if __name__ == "__main__":
    main()
