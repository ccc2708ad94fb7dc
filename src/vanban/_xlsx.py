"""Spreadsheets read safely: the package is checked before openpyxl sees it (size, compression ratio, no DTD
or entity in any XML part), sheets are read in read-only mode from their real rows (not the size their
dimension claims), within a cap of rows and columns, values only (a formula's last computed value)."""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from ._errors import InputError
from ._files import read_bytes
from .text import so

MAX_FILE = 32 * 1024 * 1024
MAX_INFLATED = 128 * 1024 * 1024
MAX_RATIO = 200
MAX_PART = 16 * 1024 * 1024  # one member inflated: a sheet of 20,000 rows × 64 cells is far smaller
MAX_ROWS = 20_000
MAX_COLUMNS = 64
_UNSAFE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def open_workbook(path: str | os.PathLike[str]) -> Any:
    """An openpyxl workbook (read-only, values only), or an :class:`InputError` saying why not."""
    import io

    source = str(path)
    data = read_bytes(path, limit=MAX_FILE, what="bảng tính")
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        infos = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError):
        raise InputError("không phải bảng tính Excel .xlsx (không đọc được như tệp nén)", source=source) from None
    total = 0
    for info in infos:
        total += info.file_size
        if total > MAX_INFLATED or (
            info.file_size > 1_048_576 and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        ):
            raise InputError("bảng tính quá lớn khi giải nén (nghi là zip bomb)", source=source)
        if info.file_size > MAX_PART:
            raise InputError(f"một phần của bảng tính quá lớn ({info.filename}): không đọc", source=source)
    for info in infos:  # every member, whatever its name says, to its end
        if _declares_entities(package, info):
            raise InputError(
                f"bảng tính có khai báo DTD/thực thể ({info.filename}): không an toàn, không đọc", source=source
            )
    from openpyxl import load_workbook

    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken workbook
        raise InputError("không đọc được bảng tính: tệp .xlsx hỏng hoặc không đúng dạng", source=source) from None


def _declares_entities(package: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether a member holds ``<!DOCTYPE`` or ``<!ENTITY`` anywhere (read in chunks, overlapping at the seams)."""
    tail = b""
    try:
        with package.open(info) as stream:
            while chunk := stream.read(1024 * 1024):
                if _UNSAFE.search(tail + chunk):
                    return True
                tail = chunk[-16:]
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError, ValueError):
        return True  # a member that cannot even be read is not read by openpyxl either
    return False


def sheet_rows(sheet: Any, source: str) -> Iterator[list[Any]]:
    """The rows of a sheet as lists of values, at most :data:`MAX_ROWS` rows of :data:`MAX_COLUMNS` cells."""
    reset = getattr(sheet, "reset_dimensions", None)
    if reset is not None:
        reset()  # read the rows that are there, not the size the sheet's dimension claims
    try:
        for number, row in enumerate(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), start=1):
            if number > MAX_ROWS:
                raise InputError(f"bảng tính có hơn {so(MAX_ROWS)} dòng", source=source)
            yield list(row)
    except InputError:
        raise
    except Exception:
        raise InputError(f"không đọc được trang '{sheet.title}': bảng tính hỏng", source=source) from None
