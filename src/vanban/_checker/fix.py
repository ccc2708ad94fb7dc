"""Safe fixes: formatting that can be set right without changing what the document says.

Page size and margins, fonts (all four slots, no theme fonts), black text, NFC, sizes,
bold/italic and centring of the recognised components, body paragraph layout, date
padding and page numbering. The input is never touched: the fixed copy is returned as bytes.
"""

from __future__ import annotations

import os
import re
import unicodedata
from typing import IO, Any

from .._deprecated import renamed_keywords
from .._docx import DocView, Para, W, open_docx, twips, w
from .._docx.edit import (
    PPR_ORDER,
    SECT_ORDER,
    child,
    new_element,
    parse_xml,
    properties,
    replace_text,
    set_flag,
    set_fonts,
    set_size,
)
from .._parts import Components, clean, find
from ..text import legacy_encoding
from . import CheckResult, check
from .rules import A4, MARGINS, heading_kind, is_can_cu, is_note, prose_of

FONT = "Times New Roman"
DEFAULT_MARGINS = {"top": 1134, "bottom": 1134, "left": 1701, "right": 851}
HEADER_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


@renamed_keywords(draft="du_thao")
def fix(
    source: str | os.PathLike[str] | bytes | IO[bytes], *, du_thao: bool | None = None
) -> tuple[bytes, CheckResult]:
    """The fixed document as bytes, and the check of the fixed document."""
    doc = open_docx(source)
    parts = find(doc)
    _pages(doc)
    _fonts_and_text(doc)
    _components(doc, parts)
    _body(doc, parts)
    _page_numbers(doc, parts)
    data = doc.to_bytes()
    return data, check(data, du_thao=du_thao)


# --- page --------------------------------------------------------------------------------------
def _pages(doc: DocView) -> None:
    for section in doc.sections:
        sect = section.element
        if sect is None:
            continue
        landscape = section.landscape and section.has_table and section.index > 0
        size = child(sect, "pgSz", SECT_ORDER)
        width, height = (A4[1], A4[0]) if landscape else A4
        if size.get(w("w")) != str(width) or size.get(w("h")) != str(height):
            wrong_size = abs(twips(size.get(w("w"))) - width) > 20 or abs(twips(size.get(w("h"))) - height) > 20
            if wrong_size:
                size.set(w("w"), str(width))
                size.set(w("h"), str(height))
        if landscape:
            size.set(w("orient"), "landscape")
        else:
            size.attrib.pop(w("orient"), None)
        margin = child(sect, "pgMar", SECT_ORDER)
        for side, (low, high) in MARGINS.items():
            value = twips(margin.get(w(side)))
            if not low - 6 <= abs(value) <= high + 6:
                margin.set(w(side), str(DEFAULT_MARGINS[side]))
        for key, default in (("header", "567"), ("footer", "567"), ("gutter", "0")):
            if key == "gutter" or margin.get(w(key)) is None:
                margin.set(w(key), default)
        doc.touch(sect)


# --- fonts, colour, Unicode ---------------------------------------------------------------------
def _fonts_and_text(doc: DocView) -> None:
    if doc.styles.root is not None:
        defaults = doc.styles.root.find(w("docDefaults"))
        if defaults is None:
            defaults = new_element("docDefaults")
            doc.styles.root.insert(0, defaults)
        rpr_default = child(defaults, "rPrDefault", ["rPrDefault", "pPrDefault"])
        set_fonts(properties(rpr_default, "rPr"), FONT)
        for style in doc.styles.root.iter(w("style")):
            rpr = style.find(w("rPr"))
            if rpr is not None:
                _font_and_colour(rpr)
        doc.touch(doc.styles.root)
    if doc.styles.numbering is not None:
        for level in doc.styles.numbering.iter(w("lvl")):
            fmt = level.find(w("numFmt"))
            rpr = level.find(w("rPr"))
            if rpr is not None and not (fmt is not None and fmt.get(w("val")) == "bullet"):
                _font_and_colour(rpr)
        doc.touch(doc.styles.numbering)
    for name in _text_parts(doc):
        root = doc.parts[name]
        for run in root.iter(w("r")):
            text = "".join(t.text or "" for t in run.iter(w("t")))
            rpr = run.find(w("rPr"))
            if legacy_encoding(text):
                continue  # re-encoding TCVN3/VNI text is not a formatting fix
            if rpr is not None:
                _font_and_colour(rpr)
        for node in root.iter(w("t")):
            if node.text and not unicodedata.is_normalized("NFC", node.text):
                node.text = unicodedata.normalize("NFC", node.text)
        doc.touch(name)


def _text_parts(doc: DocView) -> list[str]:
    names = [doc.main]
    for section in doc.sections:
        for part in list(section.headers.values()) + list(section.footers.values()):
            if part.part not in names:
                names.append(part.part)
    return [name for name in names if name in doc.parts]


def _font_and_colour(rpr: Any) -> None:
    fonts = rpr.find(w("rFonts"))
    if fonts is not None:
        set_fonts(rpr, FONT)
    colour = rpr.find(w("color"))
    if colour is not None and (colour.get(w("val")) or "").lower() not in ("auto", "000000"):
        colour.set(w("val"), "000000")
        for attribute in list(colour.attrib):
            if "theme" in attribute.lower():
                del colour.attrib[attribute]


# --- components ----------------------------------------------------------------------------------
def _runs(
    doc: DocView, para: Para, *, size: tuple[float, ...], bold: bool | None, italic: bool | None, center: bool
) -> None:
    """Give every run of a component the size, bold and italic the decree asks for."""
    current = para.size
    chosen = current if current in size else size[-1] if current and current > size[-1] else size[0]
    for run in para.runs:
        if run.element is None or not run.text.strip():
            continue
        rpr = properties(run.element, "rPr")
        set_size(rpr, chosen)
        if bold is not None:
            set_flag(rpr, "b", bold)
        if italic is not None:
            set_flag(rpr, "i", italic)
        child_caps = rpr.find(w("smallCaps"))
        if child_caps is not None:
            rpr.remove(child_caps)
    if center:
        ppr = properties(para.element, "pPr")
        child(ppr, "jc", PPR_ORDER).set(w("val"), "center")
        if para.text.startswith(("   ", "\t")):
            replace_text(doc, para, r"^[ \t\u00a0]+", "")
    doc.touch(para.element)


_DATE_FIX = re.compile(r"ngày(\s*)(\d{1,2})(\s+)tháng(\s*)(\d{1,2})(\s+)năm")


def _components(doc: DocView, parts: Components) -> None:
    plan = [
        ([parts.quoc_hieu], (12, 13), True, False, True),
        ([parts.tieu_ngu], (13, 14), True, False, True),
        (parts.chu_quan, (12, 13), False, False, True),
        (parts.co_quan, (12, 13), True, False, True),
        ([parts.so], (13,), False, False, True),
        ([parts.ngay], (13, 14), False, True, True),
        ([parts.ten_loai], (13, 14), True, False, True),
        (parts.trich_yeu, (13, 14), True, False, True),
        (parts.kinh_gui, (13, 14), None, False, False),
        (parts.chuc_vu, (13, 14), True, False, True),
        ([parts.ho_ten], (13, 14), True, False, True),
        ([parts.noi_nhan_label], (12,), True, True, False),
        (parts.noi_nhan, (11,), False, False, False),
    ]
    for paragraphs, size, bold, italic, center in plan:
        for para in paragraphs:
            if para is not None and para.runs:
                _runs(doc, para, size=size, bold=bold, italic=italic, center=center)
    if parts.ngay is not None:

        def pad(match: re.Match[str]) -> str:
            day, month = int(match[2]), int(match[5])
            month_text = f"{month:02d}" if month < 3 else str(month)
            return f"ngày{match[1] or ' '}{day:02d}{match[3]}tháng{match[4] or ' '}{month_text}{match[6]}năm"

        replace_text(doc, parts.ngay, _DATE_FIX.pattern, pad)


# --- body ------------------------------------------------------------------------------------------
def _body(doc: DocView, parts: Components) -> None:
    prose = prose_of(parts)
    previous = None
    for para in prose:
        ppr = properties(para.element, "pPr")
        heading = heading_kind(para)
        if not is_note(para):
            sizes = para.sizes - {None}
            if sizes - {13, 14, 13.5}:
                _runs(doc, para, size=(13, 14), bold=None, italic=None, center=False)
            if heading is None:
                child(ppr, "jc", PPR_ORDER).set(w("val"), "both")
                if para.hanging or not (abs(para.first_line - 567) <= 28 or abs(para.first_line - 720) <= 28):
                    ind = child(ppr, "ind", PPR_ORDER)
                    for key in ("hanging", "firstLineChars", "hangingChars"):
                        ind.attrib.pop(w(key), None)
                    ind.set(w("firstLine"), "567")
            if heading == "muc" and not para.bold:
                _runs(doc, para, size=(13, 14), bold=True, italic=None, center=False)
            if is_can_cu(para) and not para.italic:
                _runs(doc, para, size=(13, 14), bold=None, italic=True, center=False)
        auto_line = para.line_rule == "auto" and para.line is not None and not 234 <= para.line <= 366
        exact_line = (
            para.line_rule == "exact"
            and para.line is not None
            and not 0.9 <= para.line / ((para.size or 14) * 23) <= 1.55
        )
        if auto_line or exact_line:
            spacing = child(ppr, "spacing", PPR_ORDER)
            spacing.set(w("line"), "276")
            spacing.set(w("lineRule"), "auto")
        if previous is not None:
            gap = previous.after + para.before
            same_style = previous.contextual and para.contextual and previous.style_id == para.style_id
            if gap < 119 or same_style:
                spacing = child(properties(previous.element, "pPr"), "spacing", PPR_ORDER)
                spacing.set(w("after"), str(max(120 - para.before, 0)))
                for key in ("afterLines", "afterAutospacing"):
                    spacing.attrib.pop(w(key), None)
                contextual = properties(previous.element, "pPr").find(w("contextualSpacing"))
                if contextual is not None:
                    contextual.set(w("val"), "0")
        previous = para
        doc.touch(para.element)


# --- page numbers ----------------------------------------------------------------------------------
def _page_field_paragraph() -> Any:
    xml = (
        f'<w:p xmlns:w="{W}"><w:pPr><w:jc w:val="center"/></w:pPr>'
        '<w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:rPr><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:rPr><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:t>2</w:t></w:r>'
        '<w:r><w:rPr><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )
    return parse_xml(xml.encode())


def _new_header(doc: DocView, with_number: bool) -> str:
    folder = doc.main.rsplit("/", 1)[0]
    number = 1
    while f"{folder}/header{number}.xml" in doc.package.names or f"{folder}/header{number}.xml" in doc.parts:
        number += 1
    name = f"header{number}.xml"
    root = parse_xml(f'<w:hdr xmlns:w="{W}"><w:p><w:pPr><w:jc w:val="center"/></w:pPr></w:p></w:hdr>'.encode())
    if with_number:
        root.replace(root[0], _page_field_paragraph())
    doc.package.add_part(f"{folder}/{name}", root, HEADER_TYPE)
    return doc.package.relate(doc.main, "header", name)


def _reference(doc: DocView, sect: Any, kind: str, rel_id: str) -> None:
    for ref in sect.findall(w("headerReference")):
        if ref.get(w("type"), "default") == kind:
            sect.remove(ref)
    ref = new_element("headerReference", type=kind)
    ref.set(R_ID, rel_id)
    sect.insert(0, ref)


def _has_page_field(root: Any) -> bool:
    instructions = [n.text or "" for n in root.iter(w("instrText"))]
    instructions += [n.get(w("instr"), "") for n in root.iter(w("fldSimple"))]
    return any(re.match(r"\s*PAGE\b", text) for text in instructions)


def _remove_page_fields(root: Any) -> bool:
    removed = False
    for para in list(root.iter(w("p"))):
        if _has_page_field(para):
            para.getparent().remove(para)
            removed = True
    if removed and root.find(w("p")) is None:
        root.append(new_element("p"))
    return removed


def _page_numbers(doc: DocView, parts: Components) -> None:
    if not doc.sections or doc.sections[0].element is None:
        return
    first_section = doc.sections[0]
    sect = first_section.element
    child(sect, "titlePg", SECT_ORDER).attrib.pop(w("val"), None)
    default = first_section.headers.get("default")
    if default is None:
        _reference(doc, sect, "default", _new_header(doc, with_number=True))
    else:
        root = doc.parts[default.part]
        if not _has_page_field(root):
            root.append(_page_field_paragraph())
        for para in default.page_fields:
            _runs(doc, para, size=(13, 14), bold=False, italic=False, center=False)
            child(properties(para.element, "pPr"), "jc", PPR_ORDER).set(w("val"), "center")
        doc.touch(default.part)
    first = first_section.headers.get("first")
    if first is None or (first.part == (default.part if default else None)):
        _reference(doc, sect, "first", _new_header(doc, with_number=False))
    elif _remove_page_fields(doc.parts[first.part]):
        doc.touch(first.part)
    if doc.even_and_odd_headers:
        even = first_section.headers.get("even")
        if even is None:
            _reference(doc, sect, "even", _new_header(doc, with_number=True))
        elif not _has_page_field(doc.parts[even.part]):
            doc.parts[even.part].append(_page_field_paragraph())
            doc.touch(even.part)
    for section in doc.sections:
        for footer in section.footers.values():
            if _remove_page_fields(doc.parts[footer.part]):
                doc.touch(footer.part)
    number = child(sect, "pgNumType", SECT_ORDER)
    number.set(w("start"), "1")
    number.attrib.pop(w("fmt"), None)
    appendix = [p for p in parts.appendix if clean(p.text).upper().startswith("PHỤ LỤC")]
    if appendix and appendix[0].section > 0:
        section = doc.sections[min(appendix[0].section, len(doc.sections) - 1)]
        if section.element is not None:
            child(section.element, "pgNumType", SECT_ORDER).set(w("start"), "1")
    doc.touch(sect)
