"""Pydantic's validation errors as one Vietnamese :class:`InputError`: each field by its path, counted
from 1 as the document counts (``nhiem_vu.1.ten`` is the first task), the most telling reason first."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from .._errors import InputError

MESSAGES = {
    "missing": "thiếu trường bắt buộc",
    "extra_forbidden": "trường không có trong mô hình (gõ sai tên?)",
    "string_type": "cần một chuỗi văn bản",
    "list_type": "cần một danh sách",
    "dict_type": "cần một nhóm trường (mapping)",
    "model_type": "cần một nhóm trường (mapping)",
    "model_attributes_type": "cần một nhóm trường (mapping)",
    "int_type": "cần một số nguyên",
    "int_parsing": "cần một số nguyên",
    "int_from_float": "cần một số nguyên",
    "int_parsing_size": "số quá lớn",
    "float_type": "cần một số",
    "float_parsing": "cần một số",
    "finite_number": "cần một số hữu hạn (không nhận inf, nan)",
    "bool_type": "cần true hoặc false",
    "bool_parsing": "cần true hoặc false",
    "date_parsing": "ngày sai dạng; cần dd/mm/yyyy",
    "date_from_datetime_parsing": "ngày sai dạng; cần dd/mm/yyyy",
    "date_type": "cần một ngày dd/mm/yyyy",
    "too_short": "không được để trống",
    "string_too_short": "không được để trống",
    "string_too_long": "quá dài",
    "too_long": "quá nhiều phần tử",
    "greater_than_equal": "phải từ {ge} trở lên",
    "less_than_equal": "phải từ {le} trở xuống",
    "greater_than": "phải lớn hơn {gt}",
    "less_than": "phải nhỏ hơn {lt}",
    "frozen_instance": "không sửa được",
    "date_from_datetime_inexact": "cần một ngày, không kèm giờ (dd/mm/yyyy)",
    "date_from_datetime_inexact_time": "cần một ngày, không kèm giờ (dd/mm/yyyy)",
    "datetime_from_date_parsing": "ngày sai dạng; cần dd/mm/yyyy",
    "date_past": "ngày không hợp lệ",
    "date_future": "ngày không hợp lệ",
    "string_unicode": "chuỗi có ký tự Unicode hỏng",
    "string_pattern_mismatch": "sai dạng",
    "union_tag_invalid": "loại không hợp lệ",
    "union_tag_not_found": "thiếu trường cho biết loại",
    "is_instance_of": "sai kiểu dữ liệu",
    "callable_type": "sai kiểu dữ liệu",
    "enum": "giá trị không hợp lệ",
    "json_invalid": "JSON sai cú pháp",
    "value_error": "giá trị không hợp lệ",
    "none_required": "phải để trống",
}
#: The longest message of one field (a message that echoes a huge value is cut).
MAX_MESSAGE = 300

_TYPE_TAGS = frozenset({"", "date", "int", "float", "str", "bool", "none", "datetime", "dict", "list"})
LineOf = Callable[[tuple[Any, ...]], int | None]


def field_path(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """The part of pydantic's location that names fields and items (not validator or union names)."""
    return tuple(
        part
        for part in loc
        if not (isinstance(part, str) and (part[:1].isupper() or "[" in part or part in _TYPE_TAGS))
    )


def shown_path(loc: tuple[Any, ...]) -> str:
    """``('nhiem_vu', 0, 'ten')`` → ``nhiem_vu.1.ten``: items counted from 1, as the document counts them."""
    return ".".join(str(part + 1) if isinstance(part, int) else str(part) for part in loc) or "(gốc)"


def describe(error: Any, line_of: LineOf | None = None) -> str:
    """One error as ``path (dòng N): message``."""
    loc = field_path(tuple(error["loc"]))
    message = MESSAGES.get(error["type"])
    if message is not None and "{" in message:
        message = message.format(**(error.get("ctx") or {}))
    if message is None or error["type"] in ("value_error", "assertion_error"):
        message = str(error["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
        if not re.search(r"[À-ỹđĐ]", message):  # a library's English, not one of vanban's own messages
            message = MESSAGES.get(error["type"], "giá trị không hợp lệ")
    if len(message) > MAX_MESSAGE:
        message = message[:MAX_MESSAGE] + "…"
    if error["type"] == "literal_error":
        allowed = str((error.get("ctx") or {}).get("expected", "")).replace(" or ", ", ")
        message = f"giá trị không hợp lệ; chỉ nhận: {allowed}"
    if not loc and re.match(r"^[a-z_]+(\.[a-z_0-9]+)*: ", message):
        return message  # a check of the whole model that names its field itself
    line = line_of(loc) if line_of else None
    where = shown_path(loc) + (f" (dòng {line})" if line else "")
    return f"{where}: {message}"


def _rank(error: Any) -> int:
    """Our own explanations first (they name the cause), then wrong values, then missing fields."""
    return {"value_error": 0, "assertion_error": 0, "missing": 2, "extra_forbidden": 2}.get(error["type"], 1)


def input_error(
    exc: ValidationError, *, source: str | None = None, line_of: LineOf | None = None, what: str = "dữ liệu"
) -> InputError:
    """A pydantic ValidationError as the InputError vanban raises for bad data."""
    errors = sorted(exc.errors(include_url=False), key=_rank)
    details = [describe(error, line_of) for error in errors]
    return InputError(
        f"{len(details)} lỗi {what}" if len(details) > 1 else f"lỗi {what}", source=source, details=details
    )
