"""Load and save document models as YAML or JSON, and export their JSON Schema.

YAML goes through ruamel.yaml's round-trip mode: saving over an existing file keeps
the user's comments, key order and quoting wherever the values did not change.
"""

from __future__ import annotations

import functools
import io
import json
import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ._errors import InputError
from ._files import read_text
from .models import MODELS, SoKyHieu, VanBan

PathLike = str | os.PathLike[str]

KINDS: dict[str, str] = {"ke-hoach": "KH", "kh": "KH", "bao-cao": "BC", "bc": "BC"}

_MESSAGES = {
    "missing": "thiếu trường bắt buộc",
    "extra_forbidden": "trường không có trong mô hình (gõ sai tên?)",
    "string_type": "cần một chuỗi văn bản",
    "list_type": "cần một danh sách",
    "dict_type": "cần một nhóm trường (mapping)",
    "model_type": "cần một nhóm trường (mapping)",
    "int_type": "cần một số nguyên",
    "int_parsing": "cần một số nguyên",
    "int_from_float": "cần một số nguyên",
    "float_parsing": "cần một số",
    "bool_parsing": "cần true hoặc false",
    "date_parsing": "ngày sai dạng; cần dd/mm/yyyy",
    "date_from_datetime_parsing": "ngày sai dạng; cần dd/mm/yyyy",
    "date_type": "cần một ngày dd/mm/yyyy",
    "too_short": "không được để trống",
    "string_too_short": "không được để trống",
}


@functools.cache
def _yaml() -> Any:
    """The round-trip YAML reader/writer: keeps comments and knows every value's line."""
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import RoundTripConstructor

    class Constructor(RoundTripConstructor):
        def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
            try:
                return super().construct_yaml_timestamp(node, values)
            except ValueError:
                raise InputError(f"dòng {node.start_mark.line + 1}: ngày '{node.value}' không tồn tại") from None

    Constructor.add_constructor("tag:yaml.org,2002:timestamp", Constructor.construct_yaml_timestamp)
    yaml = YAML()
    yaml.Constructor = Constructor
    yaml.width = 4096
    yaml.allow_unicode = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


@functools.cache
def _fast_yaml() -> Any:
    """The C-accelerated safe reader (ruamel.yaml.clib): several times faster, no line numbers."""
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=False)


def read_data(path: PathLike, *, round_trip: bool = True) -> Any:
    """The raw data of a YAML or JSON file, with a Vietnamese error naming the line.

    ``round_trip=False`` reads faster but without comments and line numbers; any problem
    while reading that way is read again the slow way, for an exact message.
    """
    path = Path(path)
    raw = read_text(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        try:
            return json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"dòng {exc.lineno}, cột {exc.colno}: JSON sai cú pháp ({exc.msg})", source=str(path)
            ) from None
    if suffix not in (".yaml", ".yml"):
        raise InputError("chỉ đọc được tệp .yaml, .yml hoặc .json", source=str(path))
    from ruamel.yaml.error import MarkedYAMLError

    if not round_trip:
        try:
            return _fast_yaml().load(raw)
        except Exception:  # noqa: BLE001 - the round-trip reader below explains what is wrong
            pass
    try:
        return _yaml().load(raw)
    except InputError as exc:
        exc.source = str(path)
        raise
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"dòng {mark.line + 1}, cột {mark.column + 1}: " if mark else ""
        raise InputError(f"{where}YAML sai cú pháp ({exc.problem or exc.context})", source=str(path)) from None


def _line_of(data: Any, loc: tuple[Any, ...]) -> int | None:
    """1-based line of the deepest part of ``loc`` found in ruamel's round-trip data."""
    line = None
    node = data
    for key in loc:
        lc = getattr(node, "lc", None)
        try:
            if isinstance(node, dict) and key in node:
                line = lc.key(key)[0] + 1 if lc else line
                node = node[key]
            elif isinstance(node, list) and isinstance(key, int) and key < len(node):
                line = lc.item(key)[0] + 1 if lc else line
                node = node[key]
            else:
                break
        except (KeyError, TypeError, AttributeError):
            break
    return line


def describe_error(error: Any, data: Any) -> str:
    loc = tuple(part for part in error["loc"] if not (isinstance(part, str) and part[0].isupper() or "[" in str(part)))
    path = ".".join(str(part) for part in loc) or "(gốc)"
    message = _MESSAGES.get(error["type"])
    if message is None:
        message = str(error["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if error["type"] == "literal_error":
        message = f"giá trị không hợp lệ; {error['msg'].replace('Input should be', 'chỉ nhận')}"
    line = _line_of(data, loc)
    where = f"{path} (dòng {line})" if line else path
    return f"{where}: {message}"


def validate(data: Any, source: str | None = None) -> VanBan:
    """Build the model a document's data describes, chosen by the type code of its ký hiệu."""
    if not isinstance(data, dict):
        raise InputError("nội dung tệp phải là một nhóm trường (co_quan, so_ky_hieu, …)", source=source)
    raw_number = data.get("so_ky_hieu")
    if raw_number is None:
        raise InputError("thiếu trường 'so_ky_hieu' (ví dụ: 19/KH-SKHCN)", source=source)
    try:
        code = SoKyHieu.model_validate(raw_number).loai
    except ValidationError as exc:
        details = [describe_error({**e, "loc": ("so_ky_hieu", *e["loc"])}, data) for e in exc.errors()]
        raise InputError("số, ký hiệu sai", source=source, details=details) from None
    model = MODELS.get(code)
    if model is None:
        known = ", ".join(MODELS)
        raise InputError(f"chưa hỗ trợ loại văn bản '{code}' (ký hiệu {raw_number}); hiện có: {known}", source=source)
    try:
        return model.model_validate(_plain(data))
    except ValidationError as exc:
        details = [describe_error(e, data) for e in exc.errors()]
        count = len(details)
        raise InputError(f"{count} lỗi dữ liệu", source=source, details=details) from None


def _plain(data: Any) -> Any:
    """ruamel's commented containers as plain dicts and lists (pydantic wants plain types)."""
    if isinstance(data, dict):
        return {str(key): _plain(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_plain(value) for value in data]
    if isinstance(data, str):
        return str(data)
    return data


def load(path: PathLike) -> VanBan:
    """Read a plan (or another supported document) from a YAML or JSON file."""
    try:
        return validate(read_data(path, round_trip=False), source=str(path))
    except InputError:
        # read again keeping line numbers, so that the message names the line
        return validate(read_data(path), source=str(path))


def to_data(model: VanBan) -> dict[str, Any]:
    """The model as plain data: short text forms, defaults left out."""
    return model.model_dump(mode="json", exclude_defaults=True)


def _merge(old: Any, before: Any, full: Any, minimal: Any) -> Any:
    """Write the new values into the user's data ``old`` so that what did not change keeps its
    comments, quoting and short forms.

    ``before`` is what ``old`` means (the full dump of the model it loads to); ``full`` and
    ``minimal`` are the new model's dumps with and without defaults.
    """
    if before == full:
        return old
    if isinstance(old, dict) and isinstance(full, dict):
        before = before if isinstance(before, dict) else {}
        minimal = minimal if isinstance(minimal, dict) else {}
        for key in list(old):
            if key not in full or (key not in minimal and before.get(key) != full[key]):
                del old[key]
        for key, value in full.items():
            if key in old:
                old[key] = _merge(old[key], before.get(key), value, minimal.get(key))
            elif key in minimal:
                old[key] = minimal[key]
        return old
    if isinstance(old, list) and isinstance(full, list):
        before = before if isinstance(before, list) else []
        minimal = minimal if isinstance(minimal, list) else full
        for index, value in enumerate(full):
            if index < len(old):
                was = before[index] if index < len(before) else None
                old[index] = _merge(old[index], was, value, minimal[index])
            else:
                old.append(minimal[index])
        del old[len(full) :]
        return old
    return full if minimal is None else minimal


def dumps_yaml(model: VanBan, keep: Any = None) -> str:
    """YAML text of ``model``; ``keep`` is earlier round-trip data whose comments should survive."""
    yaml = _yaml()
    minimal = to_data(model)
    data = minimal
    if isinstance(keep, dict):
        try:
            before = type(model).model_validate(_plain(keep)).model_dump(mode="json")
        except ValidationError:
            before = None
        data = _merge(keep, before, model.model_dump(mode="json"), minimal)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def save(model: VanBan, path: PathLike, keep_comments_from: PathLike | None = None) -> Path:
    """Write ``model`` as YAML or JSON (by suffix).

    Saving YAML over an existing file (or with ``keep_comments_from``) keeps that file's
    comments. The file is replaced in one step, never left half-written.
    """
    from ._files import write_atomic

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        content = json.dumps(to_data(model), ensure_ascii=False, indent=2) + "\n"
    elif suffix in (".yaml", ".yml"):
        origin = Path(keep_comments_from) if keep_comments_from else path
        keep = read_data(origin) if origin.is_file() and origin.suffix.lower() in (".yaml", ".yml") else None
        content = dumps_yaml(model, keep)
    else:
        raise InputError("chỉ ghi được tệp .yaml, .yml hoặc .json", source=str(path))
    return write_atomic(path, content.encode("utf-8"))


def json_schema(kind: str = "ke-hoach") -> dict[str, Any]:
    """JSON Schema of a document kind (``ke-hoach``), for editors that validate YAML/JSON."""
    code = KINDS.get(kind.lower(), kind)
    model = MODELS.get(code)
    if model is None:
        raise InputError(f"không có loại '{kind}'; chọn một trong: {', '.join(sorted(k for k in KINDS if '-' in k))}")
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"vanban {kind}"
    return schema
