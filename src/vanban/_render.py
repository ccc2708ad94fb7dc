"""Render a document model into DOCX through a docxtpl Word template.

The template is parsed and compiled once (:class:`Template`); each render only runs
the compiled Jinja code and writes the package. Jinja uses StrictUndefined and
autoescaping, so a missing variable fails loudly and ``KH&QLCN`` survives whole.
"""

from __future__ import annotations

import functools
import gc
import io
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import CodeType
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from . import _compiled, text
from . import _wording as wording
from ._errors import InputError, RenderError, TemplateError
from ._files import read_bytes, write_atomic
from ._metrics import rendered_width, text_width
from ._nd30 import FORMATS, QUOC_HIEU, RULE_RATIO, TIEU_NGU
from ._skeleton import Skeleton
from ._templates import template_path
from .models import Bang, OBang, PhuLucVanBan, VanBan

PathLike = str | os.PathLike[str]
MAX_TEMPLATE = 32 * 1024 * 1024
DOCUMENT = "word/document.xml"
FOOTNOTES = "word/footnotes.xml"


def numbered(xml: str) -> str:
    """A template's XML with each paragraph on a line of its own, so Jinja's errors name a line."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", xml)


def _static(source: str) -> bool:
    """A part with no Jinja in it (a header with the page number only): the same in every document."""
    return "{{" not in source and "{%" not in source and "{#" not in source


def build_cache(path: Path) -> list[Path]:
    """Prepare and compile a bundled template and save the result beside it (``scripts/build_templates.py``)."""
    from ._prepare import prepare

    data = path.read_bytes()
    prepared = prepare(data, str(path))
    env = jinja_env()
    return _compiled.save(path, data, prepared, [env.compile(numbered(s), raw=True) for s in prepared.sources()])


def _ke(lines: Iterable[str], available: int, size: float, bold: bool) -> int:
    """Left and right indent that centre a rule of 0.4 × the longest line."""
    longest = max((text_width(part, size, bold) for line in lines for part in line.split(SOFT_BREAK)), default=0)
    length = min(longest, available) * RULE_RATIO
    return max(int((available - length) / 2), 0)


_PLACEHOLDER_RUN = re.compile(
    r"<w:r>(<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)?<w:t xml:space=\"preserve\">([^<]*\[Bổ sung[^<]*)</w:t></w:r>"
)


def _highlight_placeholders(xml: str) -> str:
    """Mark each ``[Bổ sung …]`` left for the clerk with a yellow highlight, so it cannot be missed."""

    def split(match: re.Match[str]) -> str:
        props = match[1] or ""
        marked = (
            props.replace("</w:rPr>", '<w:highlight w:val="yellow"/></w:rPr>')
            if props
            else '<w:rPr><w:highlight w:val="yellow"/></w:rPr>'
        )
        pieces = re.split(r"(\[Bổ sung[^\]]*\])", match[2])
        runs = []
        for piece in pieces:
            if piece:
                chosen = marked if piece.startswith("[Bổ sung") else props
                runs.append(f'<w:r>{chosen}<w:t xml:space="preserve">{piece}</w:t></w:r>')
        return "".join(runs)

    return _PLACEHOLDER_RUN.sub(split, xml) if "[Bổ sung" in xml else xml


_FOOTNOTE_RUN = re.compile(
    r"<w:r>(<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)?<w:t xml:space=\"preserve\">([^<]*\[\^\d+\][^<]*)</w:t></w:r>"
)
_MARK = re.compile(r"\[\^(\d+)\]")
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _footnote_marks(xml: str, count: int) -> str:
    """Each ``[^n]`` mark in the text, for a footnote the model has, as Word's footnote reference n."""

    def split(match: re.Match[str]) -> str:
        props = match[1] or ""
        runs = []
        for number, piece in enumerate(_MARK.split(match[2])):
            if number % 2 == 0:
                if piece:
                    runs.append(f'<w:r>{props}<w:t xml:space="preserve">{piece}</w:t></w:r>')
            elif 1 <= int(piece) <= count:
                runs.append(
                    f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{int(piece)}"/></w:r>'
                )
            else:
                runs.append(f'<w:r>{props}<w:t xml:space="preserve">[^{piece}]</w:t></w:r>')
        return "".join(runs)

    return _FOOTNOTE_RUN.sub(split, xml) if count and "[^" in xml else xml


def _footnotes_xml(notes: list[str]) -> bytes:
    """The footnotes part: Word's two separators, then each note (12 pt, justified)."""
    from xml.sax.saxutils import escape

    separators = "".join(
        f'<w:footnote w:type="{kind}" w:id="{number}"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
        f'w:lineRule="auto"/></w:pPr><w:r><w:{kind}/></w:r></w:p></w:footnote>'
        for number, kind in ((-1, "separator"), (0, "continuationSeparator"))
    )
    bodies = "".join(
        f'<w:footnote w:id="{number}"><w:p><w:pPr><w:jc w:val="both"/></w:pPr>'
        '<w:r><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="24"/></w:rPr><w:footnoteRef/></w:r>'
        f'<w:r><w:rPr><w:sz w:val="24"/></w:rPr><w:t xml:space="preserve"> {escape(note)}</w:t></w:r></w:p></w:footnote>'
        for number, note in enumerate(notes, 1)
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W_NS}">'
        f"{separators}{bodies}</w:footnotes>"
    ).encode()


def _add_footnotes(docx: Any, blob: bytes) -> None:
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    main = docx.part
    for rel in main.rels.values():
        if rel.reltype == RELATIONSHIP_TYPE.FOOTNOTES and not rel.is_external:
            rel.target_part._blob = blob  # a template made in Word has its own (empty) footnotes part
            return
    part = Part(PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, blob, main.package)
    main.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)


def _bang_in(table: Bang, ngang: bool = False) -> dict[str, Any]:
    """A table as the template prints it: grid widths fitted to the page, each cell's width and merges."""
    columns = max(table.so_cot, 1)
    widths = wording.vua_trang(table.do_rong, columns, ngang)
    grid: list[list[OBang | None]] = []
    for given in table.hang:
        line: list[OBang | None] = []
        for start in given:
            line += [start, *([None] * (start.gop_cot - 1))]
        grid.append(line + [OBang() for _ in range(columns - len(line))])
    rows = []
    for number, row in enumerate(grid):
        cells, column = [], 0
        while column < columns:
            cell = row[column] or OBang()
            span = min(cell.gop_cot, columns - column)
            below = grid[number + 1][column] if number + 1 < len(grid) else None
            merge = "continue" if cell.noi_tren else ("restart" if below is not None and below.noi_tren else "")
            cells.append(
                {
                    "rong": sum(widths[column : column + span]),
                    "gop": span,
                    "doc": merge,
                    "doan": cell.doan or [""],
                    "dam": cell.dam or number < table.hang_tieu_de,
                }
            )
            column += span
        rows.append({"tieu_de": number < table.hang_tieu_de, "o": cells})
    return {"cot": widths, "rong": sum(widths), "hang": rows}


def _cac_phu_luc(phu_luc: Any, khac: list[PhuLucVanBan], bieu: PhuLucVanBan | None = None) -> list[dict[str, Any]]:
    """The appendices in order (the task table, a report's Biểu 01, the others), each with the orientation of
    the pages before it (its section break)."""
    found: list[dict[str, Any]] = []
    if phu_luc:
        found.append({"loai": "bang_nhiem_vu", "pl": phu_luc, "ngang": True})
    found += [{"loai": "khac", "pl": item, "ngang": item.ngang} for item in [*([bieu] if bieu else []), *khac]]
    before = False
    for number, item in enumerate(found):
        item["trang_moi"] = number == 0 or item["loai"] != "khac" or item["pl"].trang_moi or item["ngang"] != before
        item["truoc_ngang"], before = before, item["ngang"]
    return found


def _cuoi_ngang(phu_luc: Any, khac: list[PhuLucVanBan], bieu: PhuLucVanBan | None = None) -> bool:
    """Whether the last pages (the last appendix) are landscape."""
    found = _cac_phu_luc(phu_luc, khac, bieu)
    return bool(found) and found[-1]["ngang"]


FILTERS: dict[str, Callable[..., Any]] = {
    "bang_in": _bang_in,
    "cac_phu_luc": _cac_phu_luc,
    "bang_nhiem_vu": wording.bang_nhiem_vu,
    "bang_tong_hop": wording.bang_tong_hop,
    "bieu_thong_ke": wording.bieu_thong_ke,
    "kem_theo": wording.kem_theo,
    "cuoi_ngang": _cuoi_ngang,
    "ket_qua_in": wording.ket_qua_in,
    "linh_vuc_in": wording.linh_vuc_in,
    "nhiem_vu_in": wording.nhiem_vu_in,
    "doan_can_cu": wording.doan_can_cu,
    "doan_mo_dau": wording.doan_mo_dau,
    "gach_dau_dong": wording.gach_dau_dong,
    "ke": _ke,
    "la_ma": text.la_ma,
    "ngay_thang": wording.ngay_thang,
    "phang": wording.phang,
    "so": text.so,
    "so_ky_hieu": wording.so_ky_hieu,
    "so_van_ban": wording.so_van_ban,
    "ti_le": text.ti_le,
    "viet_hoa": lambda value: text.viet_hoa(str(value)),
}


#: Bounds for a template that does not ship with vanban (a clerk's or anyone's): time, loop steps, output.
LIMITS = {"seconds": 8.0, "steps": 5_000_000, "output": 64 * 1024 * 1024, "text": 1_000_000}
_WIDE = re.compile(r"\{[^{}]*?[:.](?:[^{}]*?\D)?(\d{5,})")  # a str.format width or precision of 10000 or more


class _Budget:
    """What one render of an untrusted template may still spend."""

    def __init__(self) -> None:
        self.deadline = time.monotonic() + LIMITS["seconds"]
        self.steps = 0

    def spend(self, steps: int = 1) -> None:
        self.steps += steps
        if self.steps > LIMITS["steps"]:
            raise TemplateError(f"tệp mẫu lặp quá {text.so(LIMITS['steps'])} bước: dừng")
        if self.steps % 1024 == 0 and time.monotonic() > self.deadline:
            raise TemplateError(f"tệp mẫu chạy quá {LIMITS['seconds']:g} giây: dừng")


class _Sandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox (no attribute of ``_``, no change to the model's lists and dicts) that also
    bounds time, loop steps and the size of strings a template builds."""

    intercepted_binops = frozenset({"*", "+", "**"})

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self.budget = _Budget()
        self.globals["_vong_lap"] = self.bounded
        self.globals["_noi"] = self.joined
        self.globals.pop("lipsum", None)  # its sizes are not bounded; no document needs it
        for name in ("center", "indent", "replace", "wordwrap", "format", "truncate", "join", "string"):
            if name in self.filters:
                self.filters[name] = self._sized(self.filters[name], name)

    def _sized(self, function: Callable[..., Any], name: str) -> Callable[..., Any]:
        """A string filter that may not build a string longer than the limit (checked before it runs)."""
        size = LIMITS["text"]
        skip = 1 if getattr(function, "jinja_pass_arg", None) is not None else 0  # the context Jinja passes first

        def bounded(*args: Any, **kwargs: Any) -> Any:
            self.budget.spend()
            given = args[skip:]
            numbers = [a for a in [*given[1:], *kwargs.values()] if isinstance(a, int) and not isinstance(a, bool)]
            if any(abs(n) > size for n in numbers):
                raise TemplateError(f"tệp mẫu dùng bộ lọc {name} với số quá lớn")
            value = given[0] if given else ""
            if name == "replace" and len(given) > 2 and isinstance(value, str):
                old, new = str(given[1]), str(given[2])
                grows = (value.count(old) if old else len(value) + 1) * max(len(new) - len(old), 0)
                if len(value) + grows > size:
                    raise TemplateError("tệp mẫu tạo chuỗi quá dài")
            if name == "format" and isinstance(value, str) and _WIDE.search(value):
                raise TemplateError("tệp mẫu định dạng chuỗi quá rộng")
            result = function(*args, **kwargs)
            if isinstance(result, str) and len(result) > size:
                raise TemplateError("tệp mẫu tạo chuỗi quá dài")
            return result

        if getattr(function, "jinja_pass_arg", None) is not None:
            bounded.jinja_pass_arg = function.jinja_pass_arg  # type: ignore[attr-defined]
        return bounded

    def joined(self, *pieces: Any) -> str:
        """``a ~ b``: the pieces as one string, within the string limit."""
        self.budget.spend()
        total = sum(len(p) if isinstance(p, str) else 0 for p in pieces)
        if total > LIMITS["text"]:
            raise TemplateError("tệp mẫu tạo chuỗi quá dài")
        return "".join(str(piece) for piece in pieces)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """``"…".format(…)``: refused when it asks for a width or precision that builds a huge string."""
        wrapped = super().wrap_str_format(value)
        if wrapped is not None and _WIDE.search(str(getattr(value, "__self__", ""))):
            raise TemplateError("tệp mẫu định dạng chuỗi quá rộng")
        return wrapped

    def bounded(self, iterable: Any) -> Iterator[Any]:
        for item in iterable:
            self.budget.spend()
            yield item

    def call(self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        self.budget.spend()
        return super().call(__context, __obj, *args, **kwargs)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        self.budget.spend()
        size = LIMITS["text"]
        if operator == "**" and (not isinstance(right, int) or abs(right) > 64):
            raise TemplateError("tệp mẫu tính lũy thừa quá lớn")
        if (
            operator == "*"
            and isinstance(left, (str, list, tuple))
            and isinstance(right, int)
            and len(left) * right > size
        ):
            raise TemplateError("tệp mẫu tạo chuỗi quá dài")
        if (
            operator == "*"
            and isinstance(right, (str, list, tuple))
            and isinstance(left, int)
            and len(right) * left > size
        ):
            raise TemplateError("tệp mẫu tạo chuỗi quá dài")
        result = super().call_binop(context, operator, left, right)
        if isinstance(result, (str, list, tuple)) and len(result) > size:
            raise TemplateError("tệp mẫu tạo chuỗi quá dài")
        return result


def jinja_env(sandboxed: bool = False) -> jinja2.Environment:
    """The one Jinja environment rendering uses (also used by the template drift test)."""
    cls = _Sandbox if sandboxed else jinja2.Environment
    env = cls(autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters.update(FILTERS)
    return env


def _bound_loops(env: jinja2.Environment, source: str) -> jinja2.nodes.Template:
    """The parsed template with every ``for`` loop stepping through the sandbox's budget."""
    from jinja2 import nodes

    tree = env.parse(source)
    for loop in tree.find_all(nodes.For):
        loop.iter = nodes.Call(nodes.Name("_vong_lap", "load"), [loop.iter], [], None, None)
    for concat in list(tree.find_all(nodes.Concat)):  # "a ~ b" joined within the string limit
        concat.nodes = [nodes.Call(nodes.Name("_noi", "load"), list(concat.nodes), [], None, None)]
    return tree


SOFT_BREAK = wording.SOFT_BREAK

#: The left header column keeps room for the longest place name of a superior body on one line.
MIN_LEFT = 3600
#: Extra room for the difference between measured and rendered widths (about 1 %).
SLACK = 60


def _layout(model: VanBan, header: _compiled.Header) -> dict[str, int]:
    """Column widths for this document's header: the right one wide enough for the Quốc hiệu, the Tiêu ngữ and
    the place-and-date line on one line each (ND30-LAYOUT-04/05), the left one for the agency's words that cannot
    be broken (a place name after its level word). The date goes to 13 pt, then a draft's blanks get shorter,
    only as far as a long place name needs."""
    total = header.left + header.right
    fixed = max(
        text_width(QUOC_HIEU, FORMATS["quoc_hieu"].size, bold=True),
        text_width(TIEU_NGU, FORMATS["tieu_ngu"].size, bold=True),
    )
    whole = [
        (part, FORMATS[kind].size, kind == "co_quan")
        for kind, lines in (("chu_quan", model.co_quan.chu_quan), ("co_quan", model.co_quan.ten))
        for line in lines
        for part in [*line.split(), *_place_names(line)]
    ]
    unbreakable = max((text_width(part, size, bold) for part, size, bold in whole), default=0)
    widest = total - max(MIN_LEFT, unbreakable + 2 * header.margin + SLACK)
    choices = [(size, blanks) for size in sorted(FORMATS["ngay"].sizes, reverse=True) for blanks in (6, 4, 3)]
    for size, blanks in choices:
        line = f"{model.dia_danh}, {wording.ngay_thang(model.ngay_ban_hanh, blanks)}"
        need = max(fixed, rendered_width(line, size, italic=True)) + 2 * header.margin + SLACK
        if need <= widest or (size, blanks) == choices[-1]:
            break
    right = min(max(header.right, need), widest)
    return {"trai": total - right, "phai": right, "co_ngay": round(size * 2), "cho_trong": blanks}


def _place_names(line: str) -> list[str]:
    """The place name a line ends with, from its level word (``TỈNH LÂM ĐỒNG``): never broken."""
    words = line.split()
    return [
        " ".join(words[i:])
        for i in range(len(words))
        if any(f"{' '.join(words[i:])} ".startswith(f"{level} ") for level in text.CAP_HANH_CHINH)
    ][:1]


@functools.lru_cache(maxsize=1024)
def _fit(value: str, width: int, size: float, bold: bool) -> str:
    """One line of an agency's name broken to fit ``width`` (soft breaks between the pieces)."""
    return SOFT_BREAK.join(text.ngat_dong(value, lambda s: text_width(s, size, bold) <= width))


def _agency_lines(co_quan: Any, room: dict[str, tuple[int, float, bool]]) -> Any:
    """The agency's lines as they fit the header column, broken where a person breaks them (ND30-LAYOUT-06)."""

    def lines(values: list[str], style: str) -> list[str]:
        return [_fit(value, *room[style]) for value in values]

    return co_quan.model_copy(
        update={"chu_quan": lines(co_quan.chu_quan, "VBChuQuan"), "ten": lines(co_quan.ten, "VBCoQuan")}
    )


class Template:
    """A Word template compiled once; :meth:`render` fills it with one model.

    A template runs in Jinja's immutable sandbox with bounds on time, loop steps and output (it cannot
    reach Python, change the model or run for ever); only vanban's own templates are compiled with
    ``sandboxed=False``.
    """

    def __init__(self, source: PathLike | bytes, *, sandboxed: bool = True) -> None:
        if isinstance(source, bytes):
            self.name = "<bytes>"
            self._bytes = source
        else:
            self.name = str(source)
            try:
                self._bytes = read_bytes(source, limit=MAX_TEMPLATE, what="tệp mẫu")
            except InputError as exc:
                raise TemplateError(f"không đọc được tệp mẫu '{source}': {exc.args[0]}") from None
        self.env = jinja_env(sandboxed)
        if sandboxed:
            from ._docx.package import Package

            try:
                Package(self._bytes, self.name).verify()
            except InputError as exc:
                raise TemplateError(
                    f"tệp mẫu '{self.name}' không phải tài liệu Word (.docx) dùng được: {exc.args[0]}"
                ) from None
        self._skeleton: Skeleton | None = None
        self._around = (b"", b"")
        from ._prepare import prepare

        self._setup(prepare(self._bytes, self.name))

    @classmethod
    def bundled(cls, path: Path) -> Template:
        """vanban's own template: compiled from the cache built with the package when it fits these bytes, and
        written by copying its parts and splicing in the filled ones (no python-docx)."""
        self = cls.__new__(cls)
        self.name = str(path)
        self._bytes = path.read_bytes()
        self.env = jinja_env()
        cached = _compiled.load(path, self._bytes)
        if cached is None:
            from ._prepare import prepare

            self._setup(prepare(self._bytes, self.name))
        else:
            prepared, python, codes = cached
            self._setup(prepared, codes or [compile(code, "<template>", "exec") for code in python])
        skeleton = Skeleton(self._bytes)
        self._around = (b"", b"")
        self._skeleton = skeleton if {DOCUMENT, FOOTNOTES} <= set(skeleton.names()) else None
        if self._skeleton is not None:
            # a part with no Jinja (the page-number header) is the same in every document: its bytes are copied
            self._headers = [(part, compiled) for part, compiled in self._headers if not _static(part.source)]
            document = skeleton.read(DOCUMENT)
            start, end = document.index(b">", document.index(b"<w:body")) + 1, document.rindex(b"</w:body>")
            self._around = (document[:start], document[end:])
        return self

    def _setup(self, prepared: _compiled.Prepared, codes: list[CodeType] | None = None) -> None:
        self._room = prepared.room
        self._header = prepared.header
        self.source_xml = prepared.body
        compiled = [
            self._compile(source, codes[number] if codes else None) for number, source in enumerate(prepared.sources())
        ]
        self._body = compiled[0]
        self._headers = list(zip(prepared.parts, compiled[1:], strict=True))

    def _compile(self, xml: str, code: CodeType | None = None) -> jinja2.Template:
        if code is not None:
            return self.env.template_class.from_code(self.env, code, self.env.make_globals(None), None)
        source = numbered(xml)
        try:
            if isinstance(self.env, _Sandbox):
                code = self.env.compile(_bound_loops(self.env, source))
                return self.env.template_class.from_code(self.env, code, self.env.make_globals(None), None)
            return self.env.from_string(source)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(f"tệp mẫu '{self.name}' có thẻ Jinja sai cú pháp (dòng {exc.lineno})") from None

    def variables(self) -> set[str]:
        """Names the template reads from the context (for the drift test)."""
        from jinja2 import meta

        names = meta.find_undeclared_variables(self.env.parse(self.source_xml))
        return names - set(self.env.globals)

    def context(self, model: VanBan) -> dict[str, Any]:
        """What the template's Jinja code reads: the model's fields, with the agency's lines and the trích yếu
        broken to fit and the header's column widths (``bo_cuc``) measured for this document."""
        context: dict[str, Any] = {name: getattr(model, name) for name in type(model).model_fields}
        room = self._room
        if self._header is not None:
            context["bo_cuc"] = layout = _layout(model, self._header)
            width = layout["trai"] - 2 * self._header.margin
            room = {
                **room,
                **{style: (width, *room[style][1:]) for style in ("VBCoQuan", "VBChuQuan") if style in room},
            }
        if "VBCoQuan" in room:
            context["co_quan"] = _agency_lines(model.co_quan, room)
        if "VBTrichYeu" in room:
            width, size, bold = room["VBTrichYeu"]
            context["trich_yeu"] = "\n".join(
                SOFT_BREAK.join(text.ngat_trich_yeu(line, lambda s: text_width(s, size, bold) <= width))
                for line in model.trich_yeu.split("\n")
            )
        return context

    def render(self, model: VanBan) -> bytes:
        """The DOCX bytes of ``model`` rendered into this template."""
        context = self.context(model)
        if isinstance(self.env, _Sandbox):
            self.env.budget = _Budget()
        collecting = gc.isenabled()
        gc.disable()  # filling makes many short-lived objects; a collection midway walks them all (superlinear)
        try:
            body = _footnote_marks(self._fill(self._body, context), len(model.chu_thich))
            headers = [(part, self._fill(compiled, context).encode(part.encoding)) for part, compiled in self._headers]
        except jinja2.UndefinedError as exc:
            from ._io import still_valid

            still_valid(model)  # a model changed in place into bad data is the cause, not the template
            missing = re.search(r"'([^']+)' (?:is undefined|has no attribute '([^']+)')", exc.message or "")
            name = (missing[2] or missing[1]) if missing else "?"
            raise TemplateError(f"tệp mẫu '{self.name}' dùng biến không có trong mô hình: '{name}'") from None
        except TemplateError as exc:
            raise TemplateError(f"tệp mẫu '{self.name}': {exc}") from None
        except SecurityError:
            raise TemplateError(f"tệp mẫu '{self.name}' làm việc không an toàn (truy cập bị cấm), đã chặn") from None
        except (
            jinja2.TemplateError,
            RecursionError,
            OverflowError,
            MemoryError,
            TypeError,
            ValueError,
            AttributeError,
        ) as exc:
            from ._io import still_valid

            still_valid(model)
            raise TemplateError(f"tệp mẫu '{self.name}' lỗi khi điền dữ liệu ({type(exc).__name__})") from None
        finally:
            if collecting:
                gc.enable()
        footnotes = _footnotes_xml(model.chu_thich) if model.chu_thich and "<w:footnoteReference" in body else None
        if self._skeleton is not None:
            before, after = self._around
            inside = body[body.index(">") + 1 : body.rindex("</w:body>")]  # its namespaces are the root's
            replaced = {DOCUMENT: before + inside.encode("utf-8") + after}
            replaced.update((part.member, xml) for part, xml in headers)
            if footnotes:
                replaced[FOOTNOTES] = footnotes
            return self._skeleton.write(replaced)
        return self._through_docx(body, headers, footnotes)

    def _through_docx(self, body: str, headers: list[tuple[_compiled.Part, bytes]], footnotes: bytes | None) -> bytes:
        """The filled parts put into the template by docxtpl and python-docx, with docxtpl's fixes of tables
        whose rows a template changed and of picture ids: for templates that are not vanban's own."""
        from docxtpl import DocxTemplate
        from lxml import etree

        document = DocxTemplate(io.BytesIO(self._bytes))
        document.render_init()
        try:
            tree = document.fix_tables(body)
        except etree.XMLSyntaxError as exc:
            raise RenderError(f"kết quả điền mẫu không phải XML hợp lệ: {exc}") from None
        document.fix_docpr_ids(tree)
        document.map_tree(tree)
        for part, xml in headers:
            document.map_headers_footers_xml(part.key, xml)
        if footnotes:
            _add_footnotes(document.docx, footnotes)
        out = io.BytesIO()
        document.docx.save(out)
        return out.getvalue()

    def _fill(self, compiled: jinja2.Template, context: dict[str, Any]) -> str:
        if isinstance(self.env, _Sandbox):
            pieces, size = [], 0
            for piece in compiled.generate(context):
                size += len(piece)
                if size > LIMITS["output"]:
                    raise TemplateError(f"kết quả điền mẫu quá {LIMITS['output'] // 1_048_576} MB")
                pieces.append(piece)
            xml = "".join(pieces)
        else:
            xml = compiled.render(context)
        xml = xml.replace("\n<w:p", "<w:p")  # undo numbered() (a line break between tags means nothing in Word)
        if SOFT_BREAK in xml:
            xml = xml.replace(SOFT_BREAK, '</w:t><w:br/><w:t xml:space="preserve">')
        return _highlight_placeholders(xml)


_BUNDLED: dict[str, Template] = {}


def bundled_template(code: str) -> Template:
    """The bundled template for a type code, compiled on first use."""
    if code not in _BUNDLED:
        _BUNDLED[code] = Template.bundled(template_path(code))
    return _BUNDLED[code]


def render_bytes(model: VanBan, template: PathLike | Template | None = None) -> bytes:
    """Render ``model`` to DOCX bytes; ``template`` is a path (run sandboxed) or a :class:`Template`."""
    if not isinstance(model, VanBan):
        raise TypeError(f"render: cần KeHoach hoặc BaoCao, không phải {type(model).__name__}")
    if template is None:
        chosen = bundled_template(model.LOAI)
    elif isinstance(template, Template):
        chosen = template
    else:
        chosen = Template(template)
    return chosen.render(model)


def render(model: VanBan, path: PathLike, template: PathLike | Template | None = None) -> Path:
    """Render ``model`` to a DOCX file at ``path``; nothing is left behind if it fails."""
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"render: path cần đường dẫn tệp, không phải {type(path).__name__}")
    return write_atomic(path, render_bytes(model, template))
