"""Load and save document models as YAML or JSON, and export their JSON Schema.

Files vanban writes start with its header line and carry their format (``dinh_dang``) and kind
(``loai: ke_hoach`` / ``bao_cao``); files without them (vanban 0.1) are read by the ký hiệu's type
code. Every input is bounded before any object is built: size, nesting depth, alias expansion,
control characters. Saving YAML over an existing file keeps the user's comments, key order and
quoting wherever the values did not change (ruamel.yaml round-trip mode).
"""

from __future__ import annotations

import functools
import io
import json
import math
import os
import re
from pathlib import Path
from typing import Any, TypeVar, overload

from . import text
from ._errors import InputError
from ._files import HEADER, read_text, write_atomic, written_by_vanban
from .models import BaoCao, KeHoach, SoKyHieu, VanBan
from .models._common import SoDaViet
from .models._errors import field_path

PathLike = str | os.PathLike[str]
M = TypeVar("M", bound=VanBan)

#: The format vanban writes; files of format 1 (vanban 0.1, no ``dinh_dang``) load too.
DINH_DANG = 2
MAX_YAML = 8 * 1024 * 1024
MAX_DEPTH = 100
MAX_NODES = 200_000  # scalars, lists and mappings after aliases are expanded
#: Document kinds: the ``loai`` of a file, the type code of its ký hiệu, the model.
KINDS: dict[str, type[VanBan]] = {"ke_hoach": KeHoach, "bao_cao": BaoCao}
_ALIASES = {
    "ke-hoach": "ke_hoach",
    "kh": "ke_hoach",
    "kế hoạch": "ke_hoach",
    "bao-cao": "bao_cao",
    "bc": "bao_cao",
    "báo cáo": "bao_cao",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ANCHOR = re.compile(r"(?:^|[\s\[{,:])&[^\s,\[\]{}]+", re.MULTILINE)  # tried only where a '&' is
_DIRECTIVE = re.compile(r"^%YAML", re.MULTILINE)
_DEEP_INDENT = re.compile(r"^[ \t?:-]{400,}", re.MULTILINE)


def kind_of(model: VanBan | type[VanBan]) -> str:
    """``ke_hoach`` or ``bao_cao``."""
    cls = model if isinstance(model, type) else type(model)
    return next(name for name, known in KINDS.items() if issubclass(cls, known))


def _shown(value: Any) -> str:
    """A value as an error message quotes it: short, and never failing (an int of 20,000 digits has no text)."""
    if isinstance(value, int) and value.bit_length() > 200:
        return "(số quá dài)"
    shown = str(value)
    return shown if len(shown) <= 60 else f"{shown[:57]}…"


def _kind(value: Any, source: str | None) -> type[VanBan]:
    name = _ALIASES.get(_shown(value).strip().lower(), _shown(value).strip().lower())
    if name not in KINDS:
        raise InputError(f"loai: '{_shown(value)}' không hợp lệ; chỉ nhận ke_hoach hoặc bao_cao", source=source)
    return KINDS[name]


def _round_trip() -> Any:
    """A round-trip YAML reader/writer: keeps comments and knows every value's line."""
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


_yaml = functools.cache(_round_trip)  # one for the process; a file with a %YAML directive gets its own (it stays set)


_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_SCALARS = {f"tag:yaml.org,2002:{kind}" for kind in ("int", "float", "bool", "null", "timestamp")}
#: Above this size a file's nodes are counted (by libyaml's events) before any reader builds them.
COUNT_ABOVE = 256 * 1024


@functools.cache
def _fast_loader() -> Any:
    """The fastest reader of plain data: PyYAML on libyaml, reading YAML 1.2's implicit types exactly as ruamel.yaml
    does (its table: only true/false are booleans, 010 is ten, 1_000 a thousand), keys as text. A key written twice or
    a merge key is an error here, so the file is read again by the round-trip reader, which names the line."""
    import yaml
    from ruamel.yaml.resolver import implicit_resolvers

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    first_characters: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for versions, tag, pattern, first in implicit_resolvers:
        if (1, 2) in versions and tag.rsplit(":", 1)[-1] in ("bool", "float", "int", "null", "timestamp", "merge"):
            plain = re.compile(pattern.pattern, pattern.flags)  # ruamel's lazy wrapper costs at every match
            for character in first:
                first_characters.setdefault(character, []).append((tag, plain))

    class Loader(base):  # type: ignore[misc,valid-type]
        def resolve(self, kind: Any, value: str, implicit: tuple[bool, bool]) -> str:
            if kind is yaml.ScalarNode:
                if implicit[0]:  # plain, not quoted: typed by its first character and its form
                    for tag, pattern in first_characters.get(value[:1], ()):
                        if pattern.match(value):
                            return tag
                return _STR
            return _SEQ if kind is yaml.SequenceNode else _MAP

        def construct_yaml_int(self, node: Any) -> int:
            written = self.construct_scalar(node).replace("_", "")
            if len(written) > 100:  # no field holds such a number; ruamel's reader says so with the line
                raise ValueError("number too long")
            sign = -1 if written[0] == "-" else 1
            digits = written.lstrip("+-")
            bases = {"0b": 2, "0x": 16, "0o": 8}
            if digits[:2] in bases:
                return sign * int(digits[2:], bases[digits[:2]])
            return sign * int(digits)

        def construct_yaml_float(self, node: Any) -> float:
            return SoDaViet(super().construct_yaml_float(node), node.value)  # 1.500 read as written, by the model

        def build(self, node: Any) -> Any:
            """Plain data from the composed nodes, without PyYAML's bookkeeping of shared and recursive nodes. Only
            YAML's core types: any other tag (!!set, !!omap, a tag that does not fit its node) is left to ruamel."""
            if isinstance(node, yaml.ScalarNode):
                if node.tag == _STR:
                    return node.value
                if node.tag not in _SCALARS:
                    raise yaml.constructor.ConstructorError(None, None, "tag", node.start_mark)
                return self.construct_object(node)
            if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
                return [self.build(item) for item in node.value]
            if not (isinstance(node, yaml.MappingNode) and node.tag == _MAP):
                raise yaml.constructor.ConstructorError(None, None, "tag", node.start_mark)
            mapping: dict[str, Any] = {}
            for key_node, value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise yaml.constructor.ConstructorError(None, None, "merge key", key_node.start_mark)
                key = self.build(key_node)
                key = key if isinstance(key, str) else str(key)
                if key in mapping:
                    raise yaml.constructor.ConstructorError(None, None, "found duplicate key", key_node.start_mark)
                mapping[key] = self.build(value_node)
            return mapping

    Loader.add_constructor("tag:yaml.org,2002:int", Loader.construct_yaml_int)
    Loader.add_constructor("tag:yaml.org,2002:float", Loader.construct_yaml_float)
    return Loader


def _load_fast(raw: str) -> Any:
    loader = _fast_loader()(raw)
    try:
        node = loader.get_single_node()
        return None if node is None else loader.build(node)
    finally:
        loader.dispose()


def _bounded(raw: str, source: str) -> None:
    """Refuse what could make a YAML reader crash or blow up, before it builds anything."""
    if bad := _CONTROL.search(raw):
        line = raw.count("\n", 0, bad.start()) + 1
        raise InputError(
            f"dòng {line}: có ký tự điều khiển {bad.group()!r} (tệp hỏng hoặc không phải văn bản)", source=source
        )
    depth = deepest = 0
    if "[" in raw or "{" in raw:
        for bracket in re.finditer(r"[\[\]{}]", raw):
            depth = depth + 1 if bracket.group() in "[{" else max(depth - 1, 0)
            deepest = max(deepest, depth)
    if deepest > MAX_DEPTH or _DEEP_INDENT.search(raw):
        raise InputError(f"dữ liệu lồng nhau quá sâu (tối đa {MAX_DEPTH} tầng)", source=source)
    if len(raw) > COUNT_ABOVE:
        _count_nodes(raw, source)
    if any(_ANCHOR.match(raw, max(at - 1, 0)) for at in _positions(raw, "&")):
        import yaml

        try:
            root = yaml.compose(raw, Loader=_fast_loader())  # nodes only: an alias shares its anchor's node
        except (yaml.YAMLError, ValueError, RecursionError):
            return  # not YAML: the reader says where
        _check_expansion(root, source)


def _count_nodes(raw: str, source: str) -> None:
    """Refuse a large file with more nodes than any document has, counting libyaml's events (nothing is built)."""
    import yaml

    count = 0
    try:
        for event in yaml.parse(raw, Loader=_fast_loader()):
            if isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent, yaml.AliasEvent)):
                count += 1
                if count > MAX_NODES:
                    raise InputError(f"dữ liệu có quá nhiều phần tử (hơn {text.so(MAX_NODES)})", source=source)
    except yaml.YAMLError:
        return  # not YAML: the reader says where


def _positions(raw: str, character: str) -> list[int]:
    found, at = [], raw.find(character)
    while at != -1:
        found.append(at)
        at = raw.find(character, at + 1)
    return found


def _check_expansion(root: Any, source: str) -> None:
    """Count the nodes a document has once its aliases are expanded (each shared node counted once per use)."""
    sizes: dict[int, int] = {}
    characters: dict[int, int] = {}  # of text, once every alias is expanded
    opened: set[int] = set()  # being counted: met again below itself, it contains itself
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if node is None or id(node) in sizes:
            continue
        children = _children(node)
        if done or not children:
            sizes[id(node)] = 1 + sum(sizes.get(id(child), 1) for child in children)
            characters[id(node)] = (
                sum(characters.get(id(child), 0) for child in children) if children else len(str(node.value))
            )
            opened.discard(id(node))
            if sizes[id(node)] > MAX_NODES or characters[id(node)] > MAX_YAML:
                limit = f"{text.so(MAX_NODES)} phần tử" if sizes[id(node)] > MAX_NODES else f"{MAX_YAML >> 20} MB chữ"
                raise InputError(f"dữ liệu quá lớn khi mở rộng bí danh YAML (hơn {limit})", source=source)
        else:
            if id(node) in opened:
                line = node.start_mark.line + 1 if getattr(node, "start_mark", None) else None
                where = f"dòng {line}: " if line else ""
                raise InputError(f"{where}bí danh YAML trỏ về chính phần chứa nó (dữ liệu vô tận)", source=source)
            opened.add(id(node))
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in sizes)


def _children(node: Any) -> list[Any]:
    value = getattr(node, "value", None)
    if not isinstance(value, list):
        return []
    return [part for item in value for part in (item if isinstance(item, tuple) else (item,))]


#: Largest file read a second time, keeping line numbers, to name the line of an error (that read is slow).
SLOW_REREAD = 256 * 1024


def read_data(path: PathLike, *, round_trip: bool = True) -> Any:
    """The raw data of a YAML or JSON file, with a Vietnamese error naming the line.

    ``round_trip=False`` reads faster but without comments and line numbers; any problem
    while reading that way is read again the slow way, for an exact message.
    """
    path = Path(path)
    source = str(path)
    suffix = path.suffix.lower()
    if suffix not in (".yaml", ".yml", ".json"):
        raise InputError("chỉ đọc được tệp .yaml, .yml hoặc .json", source=source)
    raw = read_text(path, limit=MAX_YAML)
    if suffix == ".json":
        return _json(raw, source)
    _bounded(raw, source)
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    if (not round_trip or len(raw) > 1024 * 1024) and not _DIRECTIVE.search(raw):  # %YAML 1.1: ruamel's rules
        from yaml import YAMLError as PyYAMLError

        try:
            return _load_fast(raw)
        except (PyYAMLError, ValueError, RecursionError) as exc:
            if "integer string conversion" in str(exc):
                raise InputError("có số quá dài (hơn 4.300 chữ số)", source=source) from None
            if len(raw) > 1024 * 1024:  # too large to read again slowly: libyaml's own mark gives the line
                mark = getattr(exc, "problem_mark", None)
                where = f"dòng {mark.line + 1}, cột {mark.column + 1}: " if mark is not None else ""
                hint = _yaml_hint(exc) if hasattr(exc, "problem") else ""
                raise InputError(f"{where}YAML sai cú pháp{hint}", source=source) from None
    try:
        return (_round_trip() if _DIRECTIVE.search(raw) else _yaml()).load(raw)
    except InputError as exc:
        exc.source = source
        raise
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"dòng {mark.line + 1}, cột {mark.column + 1}: " if mark else ""
        raise InputError(f"{where}YAML sai cú pháp{_yaml_hint(exc)}", source=source) from None
    except (YAMLError, ValueError, RecursionError) as exc:
        if "integer string conversion" in str(exc):
            raise InputError("có số quá dài (hơn 4.300 chữ số)", source=source) from None
        raise InputError("YAML sai cú pháp", source=source) from None
    except Exception:  # ruamel's own slips on odd input (an IndexError for '-_'): still a file that is not YAML
        raise InputError("YAML sai cú pháp", source=source) from None


_YAML_HINTS = (
    ("duplicate key", "một trường được viết hai lần"),
    ("mapping values are not allowed", "dấu ':' đặt sai chỗ (chuỗi có ':' cần để trong ngoặc kép)"),
    ("could not find expected ':'", "thiếu dấu ':' sau tên trường"),
    ("found character '\\t'", "có ký tự TAB: YAML chỉ dùng dấu cách để thụt dòng"),
    ("found undefined alias", "dùng bí danh (*…) chưa được đặt"),
    ("expected <block end>", "thụt dòng không đều"),
    ("while scanning a quoted scalar", "thiếu dấu ngoặc kép đóng"),
)


def _yaml_hint(exc: Any) -> str:
    """What the YAML reader's English message means, in a few Vietnamese words."""
    said = f"{exc.problem or ''} {exc.context or ''}"
    for english, vietnamese in _YAML_HINTS:
        if english in said:
            return f": {vietnamese}"
    return ""


def _json(raw: str, source: str) -> Any:
    depth = deepest = 0
    for bracket in re.finditer(r"[\[\]{}]", raw):
        depth = depth + 1 if bracket.group() in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    if deepest > MAX_DEPTH:
        raise InputError(f"dữ liệu lồng nhau quá sâu (tối đa {MAX_DEPTH} tầng)", source=source)
    try:
        return json.loads(raw, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        why = next((words for start, words in _JSON_WHY if exc.msg.startswith(start)), "")
        where = f"dòng {exc.lineno}, cột {exc.colno}"
        raise InputError(f"{where}: JSON sai cú pháp{f' ({why})' if why else ''}", source=source) from None
    except ValueError as exc:
        if "digits" in str(exc):
            raise InputError("có số quá dài (hơn 4.300 chữ số)", source=source) from None
        raise InputError(f"JSON: {exc}", source=source) from None


#: Python's JSON messages (their wording and position differ between versions), in Vietnamese.
_JSON_WHY = (
    ("Illegal trailing comma", "dấu phẩy thừa"),
    ("Expecting property name", "thiếu tên trường trong ngoặc kép, hoặc dấu phẩy thừa"),
    ("Expecting value", "thiếu giá trị, hoặc dấu phẩy thừa"),
    ("Expecting ',' delimiter", "thiếu dấu phẩy"),
    ("Expecting ':' delimiter", "thiếu dấu hai chấm"),
    ("Unterminated string", "chuỗi chưa đóng ngoặc kép"),
    ("Extra data", "thừa dữ liệu sau khi đã hết"),
)


def _no_constant(name: str) -> Any:
    raise ValueError(f"không nhận giá trị '{name}' (cần một số hữu hạn)")


def _line_of(data: Any, loc: tuple[Any, ...]) -> int | None:
    """1-based line of the deepest part of ``loc`` found in ruamel's round-trip data."""
    line = None
    node = data
    for key in loc:
        lc = getattr(node, "lc", None)
        try:
            if isinstance(node, dict) and key not in node and isinstance(key, str) and key.isdigit():
                key = int(key)  # a key written 2 in the file, read as "2"
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
    """One pydantic error as ``path (dòng N): message``, the line found in ``data`` when it has them."""
    from .models._errors import describe

    return describe(error, lambda loc: _line_of(data, loc))


def _guess(data: dict[str, Any]) -> type[VanBan] | None:
    """The kind the fields say, whatever the ký hiệu says."""
    plan = {"nam", "nhiem_vu", "linh_vuc", "muc_dich", "yeu_cau", "to_chuc_thuc_hien"} & data.keys()
    report = {"ky", "ket_qua", "ton_tai", "de_xuat", "kinh_gui"} & data.keys()
    if plan and not report:
        return KeHoach
    if report and not plan:
        return BaoCao
    return None


def validate(data: Any, source: str | None = None, kind: type[M] | None = None, *, plain: bool = False) -> VanBan:
    """Build the model a document's data describes: by its ``loai`` when given, else by its ký hiệu's type code.
    ``plain``: the data is the fast reader's own (plain types, text keys) and may be used as it is."""
    if not isinstance(data, dict):
        raise InputError("nội dung tệp phải là một nhóm trường (co_quan, so_ky_hieu, …)", source=source)
    if not (plain and type(data) is dict):  # the round-trip reader's containers and scalars are made plain
        data = _plain(data)
    version = data.pop("dinh_dang", 1)
    if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version <= DINH_DANG:
        raise InputError(
            f"dinh_dang: tệp định dạng '{_shown(version)}' của một phiên bản vanban khác; bản này đọc định dạng 1 đến "
            f"{DINH_DANG}",
            source=source,
        )
    said = data.pop("loai", None)
    model: type[VanBan] | None = _kind(said, source) if said is not None else None
    raw_number = data.get("so_ky_hieu")
    if model is None:
        if raw_number is None:
            raise InputError(
                "thiếu trường 'loai' (ke_hoach hoặc bao_cao) hoặc 'so_ky_hieu' (ví dụ: 19/KH-SKHCN)", source=source
            )
        try:
            code = SoKyHieu.model_validate(raw_number).loai
        except InputError as exc:
            raise InputError("so_ky_hieu: số, ký hiệu sai", source=source, details=exc.details) from None
        model = {known.LOAI: known for known in KINDS.values()}.get(code)
        guess = _guess(data)
        if guess is not None and model is not guess:
            which = "kế hoạch" if guess is KeHoach else "báo cáo"
            raise InputError(
                f"so_ky_hieu: ký hiệu '{raw_number}' có mã loại '{code}', nhưng các trường là của {which}; "
                f"sửa ký hiệu thành {guess.LOAI}-… (nếu văn bản thật ghi như vậy: thêm dòng 'loai: {kind_of(guess)}')",
                source=source,
            )
        if model is None:
            known = ", ".join(k.LOAI for k in KINDS.values())
            raise InputError(
                f"chưa hỗ trợ loại văn bản '{code}' (ký hiệu {raw_number}); hiện có: {known}", source=source
            )
    if kind is not None and not issubclass(model, kind):
        raise InputError(f"tệp là {model.TEN_LOAI.lower()}, không phải {kind.TEN_LOAI.lower()}", source=source)
    try:
        return model.model_validate(data)
    except InputError as exc:
        exc.source = source
        raise


def _plain(data: Any, depth: int = 0) -> Any:
    """ruamel's commented containers as plain dicts and lists (pydantic wants plain types)."""
    if isinstance(data, dict):
        return {str(key): _plain(value, depth + 1) for key, value in data.items()}
    if isinstance(data, (list, set, frozenset)) or type(data).__name__ == "CommentedSet":  # !!set keeps its order
        return [_plain(value, depth + 1) for value in data]
    if isinstance(data, str):
        return str(data)
    if type(data).__name__ == "TaggedScalar":  # '!!str 010' read by the round-trip reader
        return str(data.value)
    if type(data).__name__ == "ScalarFloat" and (written := float_as_written(data)) is not None:
        return SoDaViet(data, written)
    return data


def float_as_written(value: Any) -> str | None:
    """The text of a float ruamel's round-trip reader read (``1.000``, ``12.500``, ``1.10``), from what it kept."""
    width, point = getattr(value, "_width", None), getattr(value, "_prec", None)
    if getattr(value, "_exp", None) is None and width and point is not None and math.isfinite(value):
        return f"{float(value):.{max(width - point - 1, 0)}f}"
    return None


def _validate_file(path: PathLike, data: Any, kind: type[M] | None, plain: bool = False) -> VanBan:
    try:
        return validate(data, str(path), kind, plain=plain)
    except InputError as exc:
        if exc.details and hasattr(data, "lc"):
            exc.details = [_with_line(detail, data) for detail in exc.details]
        raise


def _with_line(detail: str, data: Any) -> str:
    """Add the YAML line to a detail ``path: message`` (paths counted from 1)."""
    path, sep, message = detail.partition(": ")
    if not sep or "(dòng" in path:
        return detail
    loc = tuple(int(part) - 1 if part.isdigit() else part for part in path.split("."))
    line = _line_of(data, field_path(loc))
    return f"{path} (dòng {line}): {message}" if line else detail


@overload
def load(path: PathLike) -> KeHoach | BaoCao: ...
@overload
def load(path: PathLike, kind: type[M]) -> M: ...
def load(path: PathLike, kind: type[VanBan] | None = None) -> VanBan:
    """Read a plan or a report from a YAML or JSON file; ``load(path, KeHoach)`` also checks the kind."""
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"load: cần đường dẫn tệp, không phải {type(path).__name__}")
    try:
        return _validate_file(path, read_data(path, round_trip=False), kind, plain=True)
    except InputError as exc:
        if not exc.details or Path(path).suffix.lower() == ".json" or os.path.getsize(path) > SLOW_REREAD:
            raise
    # read again keeping line numbers, so that the message names the line
    return _validate_file(path, read_data(path), kind)


def load_ke_hoach(path: PathLike) -> KeHoach:
    """A plan from a YAML or JSON file (an :class:`InputError` if the file holds a report)."""
    return load(path, KeHoach)


def load_bao_cao(path: PathLike) -> BaoCao:
    """A report from a YAML or JSON file (an :class:`InputError` if the file holds a plan)."""
    return load(path, BaoCao)


def to_data(model: VanBan) -> dict[str, Any]:
    """The model as plain data, as files hold it: format, kind, then the fields (defaults left out)."""
    return {"dinh_dang": DINH_DANG, "loai": kind_of(model), **model.model_dump(mode="json", exclude_defaults=True)}


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


def _header(model: VanBan) -> str:
    what = "kế hoạch" if isinstance(model, KeHoach) else "báo cáo"
    return f"{HEADER} {_version()} — {what}, định dạng {DINH_DANG}. Sửa rồi xuất Word: vanban render TỆP.yaml -o TỆP.docx\n"


def _version() -> str:
    from . import __version__

    return __version__


def to_yaml(model: VanBan, keep_comments_from: PathLike | None = None) -> str:
    """YAML text of ``model``, starting with vanban's header line; the comments of the YAML file
    ``keep_comments_from`` survive where the values did not change."""
    if not isinstance(model, VanBan):
        raise TypeError(f"to_yaml: cần KeHoach hoặc BaoCao, không phải {type(model).__name__}")
    keep = None
    origin = Path(keep_comments_from) if keep_comments_from is not None else None
    if origin is not None and origin.is_file() and origin.suffix.lower() in (".yaml", ".yml"):
        try:
            keep = read_data(origin)
        except InputError:
            keep = None  # an unreadable old file is replaced, not merged
    # a file of the user's keeps its own first lines; only what vanban wrote carries vanban's header
    header = keep is None or (origin is not None and written_by_vanban(origin))
    return _to_yaml(model, keep, header)


def _to_yaml(model: VanBan, keep: Any, header: bool = True) -> str:
    yaml = _yaml()
    minimal = to_data(model)
    data: Any = minimal
    if isinstance(keep, dict):
        try:
            old = validate(keep)
            before: Any = {"dinh_dang": DINH_DANG, "loai": kind_of(old), **old.model_dump(mode="json")}
        except InputError:
            before = None
        full = {"dinh_dang": DINH_DANG, "loai": minimal["loai"], **model.model_dump(mode="json")}
        data = _merge(keep, before, full, minimal)
        if hasattr(data, "insert"):  # the format and the kind lead the file
            for position, key in enumerate(("dinh_dang", "loai")):
                data.insert(position, key, data.pop(key))
    out = io.StringIO()
    yaml.dump(data, out)
    text = out.getvalue()
    lines = text.splitlines(keepends=True)
    while lines and lines[0].startswith(HEADER):
        lines.pop(0)
    return (_header(model) if header else "") + "".join(lines)


def save(model: VanBan, path: PathLike, keep_comments_from: PathLike | None = None) -> Path:
    """Write ``model`` as YAML or JSON (by suffix).

    Saving YAML over an existing file (or with ``keep_comments_from``) keeps that file's
    comments. The file is replaced in one step, never left half-written.
    """
    if not isinstance(model, VanBan):
        raise TypeError(f"save: cần KeHoach hoặc BaoCao, không phải {type(model).__name__}")
    still_valid(model)
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        content = json.dumps(to_data(model), ensure_ascii=False, indent=2) + "\n"
    elif suffix in (".yaml", ".yml"):
        content = to_yaml(model, keep_comments_from if keep_comments_from is not None else path)
    else:
        raise InputError("chỉ ghi được tệp .yaml, .yml hoặc .json", source=str(path))
    return write_atomic(path, content.encode("utf-8"))


def still_valid(model: VanBan) -> None:
    """An :class:`InputError` naming the field if the model was changed in place into something invalid (an item
    appended to a list is not checked by pydantic)."""
    try:
        type(model).model_validate(model.model_dump(warnings=False))
    except InputError as exc:
        raise InputError(
            "mô hình đã bị sửa thành dữ liệu không hợp lệ (sửa bằng phép gán hoặc tạo lại)", details=exc.details
        ) from None
    except Exception:  # a value pydantic cannot even serialise
        raise InputError("mô hình đã bị sửa thành dữ liệu không hợp lệ (sửa bằng phép gán hoặc tạo lại)") from None


def json_schema(kind: str = "ke_hoach") -> dict[str, Any]:
    """JSON Schema of a document kind (``ke_hoach`` or ``bao_cao``), for editors that validate YAML/JSON."""
    if not isinstance(kind, str):
        raise InputError(f"json_schema: loại cần là 'ke_hoach' hoặc 'bao_cao', không phải {kind!r}")
    name = _ALIASES.get(kind.lower(), kind.lower())
    model = KINDS.get(name)
    if model is None:
        raise InputError(f"không có loại '{kind}'; chọn một trong: {', '.join(KINDS)}")
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = f"vanban {name}"
    schema["properties"] = {
        "dinh_dang": {"const": DINH_DANG, "description": "Định dạng tệp của vanban."},
        "loai": {"const": name, "description": "Loại văn bản."},
        **schema["properties"],
    }
    return schema
