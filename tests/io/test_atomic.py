"""attribution.io.atomic: a file is replaced whole or left untouched."""

from __future__ import annotations

import os

import pytest

from attribution.io.atomic import atomic_output


def test_atomic_output_replaces_on_success(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")
    with atomic_output(target) as handle:
        handle.write("a,b\r\n")
        assert target.read_text(encoding="utf-8") == "old"  # not visible before the end
    assert target.read_bytes() == b"a,b\r\n"  # newline="" keeps CRLF
    assert os.listdir(tmp_path) == ["out.csv"]


@pytest.mark.parametrize("existing", [None, "old"])
def test_atomic_output_interrupted_leaves_no_half_file(tmp_path, existing):
    target = tmp_path / "out.csv"
    if existing is not None:
        target.write_text(existing, encoding="utf-8")
    with pytest.raises(KeyboardInterrupt):
        with atomic_output(target) as handle:
            handle.write("half")
            raise KeyboardInterrupt
    assert os.listdir(tmp_path) == ([] if existing is None else ["out.csv"])
    if existing is not None:
        assert target.read_text(encoding="utf-8") == existing


def test_atomic_output_respects_umask(tmp_path):
    old = os.umask(0o022)
    try:
        with atomic_output(tmp_path / "out.csv") as handle:
            handle.write("x")
    finally:
        os.umask(old)
    assert (tmp_path / "out.csv").stat().st_mode & 0o777 == 0o644
