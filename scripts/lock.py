"""Regenerate requirements.lock: resolve attribution[test] in a fresh venv, pin every package by version and sha256.

    python3 scripts/lock.py      # needs the package registries; takes a few minutes
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HEADER = """\
# Every package attribution installs, pinned by version and sha256 (pip --require-hashes).
# Made by `python3 scripts/lock.py` from a fresh venv on Python 3.11, linux x86_64 (the project's machines).
# torch 2.13.0+cpu is the CPU build pip takes from the machine's local wheel folder.
"""


def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        venv, wheels = Path(tmp) / "venv", Path(tmp) / "wheels"
        run(sys.executable, "-m", "venv", str(venv))
        pip = str(venv / "bin" / "pip")
        run(pip, "install", "-q", "torch==2.13.0")  # first: any other torch spec pulls a CUDA build
        run(pip, "install", "-q", "-e", f"{ROOT}[test]")
        pins = [line for line in run(pip, "freeze", "--all", "--exclude-editable").splitlines() if "==" in line and not line.startswith("pip==")]
        frozen = Path(tmp) / "frozen.txt"
        frozen.write_text("\n".join(pins) + "\n")
        run(pip, "download", "-q", "--no-deps", "-r", str(frozen), "-d", str(wheels))
        run(pip, "install", "-q", "packaging")
        lines = [HEADER]
        for pin in sorted(pins, key=str.lower):
            name = pin.split("==")[0]
            lines.append(pin + " \\\n" + " \\\n".join(f"    --hash=sha256:{h}" for h in _hashes(venv, wheels, name)))
    (ROOT / "requirements.lock").write_text("\n".join(lines) + "\n")


def _hashes(venv: Path, wheels: Path, name: str) -> list[str]:
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
