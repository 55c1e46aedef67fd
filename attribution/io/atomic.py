"""Write a file all at once or not at all: a temp file beside the target, renamed on success."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path
from typing import Iterator, TextIO


@contextlib.contextmanager
def atomic_output(path: str | Path) -> Iterator[TextIO]:
    """A UTF-8 text handle (newline="") whose content replaces `path` only if the block ends normally.

    The temp file sits in the same folder so the rename stays on one file system (atomic on POSIX);
    an interrupted or failed run removes it and leaves any earlier `path` untouched.
    """
    target = Path(path)
    temp = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        # Mode "x" creates the file with the usual permissions (umask), unlike tempfile's 0600.
        with open(temp, "x", encoding="utf-8", newline="") as handle:
            yield handle
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
