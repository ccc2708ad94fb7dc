"""Writing files so that a failure never leaves half a file behind."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import InputError


def write_atomic(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise InputError(f"không ghi được '{path}': {exc.strerror}") from None
    return path
