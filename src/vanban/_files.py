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


def read_text(path: str | os.PathLike[str]) -> str:
    """A UTF-8 text file (a BOM is allowed), with a Vietnamese error naming it when it cannot be read."""
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError("không tìm thấy tệp", source=str(path)) from None
    except IsADirectoryError:
        raise InputError("đây là thư mục, không phải tệp", source=str(path)) from None
    except UnicodeDecodeError:
        raise InputError("tệp phải lưu dạng văn bản UTF-8", source=str(path)) from None
    except OSError as exc:
        raise InputError(f"không đọc được tệp: {exc.strerror}", source=str(path)) from None
