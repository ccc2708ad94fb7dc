"""The edits the checker's fixes make: formatting only. No text, field, symbol, bookmark, footer or
paragraph is ever removed or moved; the only change to characters is Unicode NFC, made across run
boundaries. Each function returns what it changed, for the list shown to the user."""

from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING

from .._docx import DocView, Para, W, w
from .._docx.edit import (
    PPR_ORDER,
    RPR_ORDER,
    SECT_ORDER,
    child,
    new_element,
    parse_xml,
    properties,
    set_flag,
    set_fonts,
    set_size,
)
from .._docx.values import Section
from .._nd30 import A4, FIRST_LINE, FONT, PARAGRAPH_GAP
from .core import where

if TYPE_CHECKING:
    from .core import Context, Finding

HEADER_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_SYMBOL_FONTS = ("WINGDINGS", "WEBDINGS", "SYMBOL", "MARLETT", "ZAPF")


def _text_runs(para: Para) -> list:  # type: ignore[type-arg]
    """The runs of a paragraph that hold text in an ordinary font (symbols keep their font)."""
    out = []
    for run in para.runs:
        name = (run.fonts.get("hAnsi") or run.fonts.get("ascii") or "").upper()
        if run.element is None or not run.text.strip() or run.symbol or name.startswith(_SYMBOL_FONTS):
            continue
        out.append(run)
    return out


def _touch(doc: DocView, para: Para) -> None:
    if para.element is not None:
        doc.touch(para.element)


# --- paragraphs and runs ---------------------------------------------------------------------------------
def runs(
    doc: DocView, para: Para, *, size: float | None = None, bold: bool | None = None, italic: bool | None = None
) -> str:
    done = []
    for run in _text_runs(para):
        rpr = properties(run.element, "rPr")
        if size is not None:
            set_size(rpr, size)
        if bold is not None:
            set_flag(rpr, "b", bold)
        if italic is not None:
            set_flag(rpr, "i", italic)
        small = rpr.find(w("smallCaps"))
        if small is not None and size is not None:
            rpr.remove(small)
    if size is not None:
        done.append(f"cỡ {size:g} pt")
    if bold is not None:
        done.append("in đậm" if bold else "bỏ in đậm")
    if italic is not None:
        done.append("in nghiêng" if italic else "bỏ in nghiêng")
    _touch(doc, para)
    return f"{where(para)}: {', '.join(done)}"


def align(doc: DocView, para: Para, value: str) -> str:
    assert para.element is not None
    child(properties(para.element, "pPr"), "jc", PPR_ORDER).set(w("val"), value)
    _touch(doc, para)
    return f"{where(para)}: {'căn giữa' if value == 'center' else 'căn đều hai bên'}"


def format_paragraphs(ctx: Context, found: Finding) -> list[str]:
    """The fix of a format finding: size, bold, italic or centring of its paragraphs."""
    aspect = found.value("aspect")
    changes = []
    for para in found.targets:
        if aspect == "size":
            sizes = [s for s in para.sizes - {None}]
            wanted = found.value("size")
            changes.append(runs(ctx.doc, para, size=wanted if not sizes else _nearest(sizes[0], found)))
        elif aspect == "bold":
            changes.append(runs(ctx.doc, para, bold=found.value("value")))
        elif aspect == "italic":
            changes.append(runs(ctx.doc, para, italic=found.value("value")))
        elif aspect == "center":
            changes.append(align(ctx.doc, para, "center"))
    return changes


def _nearest(current: float, found: Finding) -> float:
    """The allowed size nearest to what the paragraph has (14 stays 14 when 13–14 is allowed)."""
    allowed = [float(s) for s in str(found.expected).replace(" pt", "").split("–") if s]
    if not allowed:
        return float(found.value("size"))
    low, high = min(allowed), max(allowed)
    return min(max(current, low), high) if (low, high) != (current, current) else current


def format_applies(ctx: Context, found: Finding) -> bool:
    """Format fixes act on paragraphs of the document (not a part they cannot reach) and never change letters."""
    return found.value("aspect") in ("size", "bold", "italic", "center") and all(
        isinstance(t, Para) and t.element is not None and _text_runs(t) for t in found.targets
    )


def indent(doc: DocView, para: Para) -> str:
    assert para.element is not None
    ind = child(properties(para.element, "pPr"), "ind", PPR_ORDER)
    for name in ("hanging", "firstLineChars", "hangingChars"):
        ind.attrib.pop(w(name), "")
    ind.set(w("firstLine"), str(FIRST_LINE[0]))
    _touch(doc, para)
    return f"{where(para)}: thụt đầu dòng 1 cm"


def gap_after(doc: DocView, previous: Para, following: Para) -> str:
    assert previous.element is not None
    ppr = properties(previous.element, "pPr")
    spacing = child(ppr, "spacing", PPR_ORDER)
    spacing.set(w("after"), str(max(PARAGRAPH_GAP - following.before, 0)))
    for name in ("afterLines", "afterAutospacing"):
        spacing.attrib.pop(w(name), "")
    contextual = ppr.find(w("contextualSpacing"))
    if contextual is not None:
        contextual.set(w("val"), "0")
    _touch(doc, previous)
    return f"{where(previous)}: cách đoạn sau 6 pt"


def line_spacing(doc: DocView, para: Para) -> str:
    assert para.element is not None
    spacing = child(properties(para.element, "pPr"), "spacing", PPR_ORDER)
    spacing.set(w("line"), "276")
    spacing.set(w("lineRule"), "auto")
    _touch(doc, para)
    return f"{where(para)}: giãn dòng 1,15"


# --- fonts, colour, Unicode ---------------------------------------------------------------------------------
def fonts(doc: DocView, para: Para) -> str:
    for run in _text_runs(para):
        set_fonts(properties(run.element, "rPr"), FONT)
    _touch(doc, para)
    return f"{where(para)}: phông Times New Roman"


def style_fonts(doc: DocView) -> str:
    """Times New Roman in the document defaults and every style (symbol fonts of bullets kept)."""
    root = doc.styles.root
    if root is None:
        return "không có styles.xml"
    defaults = root.find(w("docDefaults"))
    if defaults is None:
        defaults = new_element("docDefaults")
        root.insert(0, defaults)
    set_fonts(properties(child(defaults, "rPrDefault", ["rPrDefault", "pPrDefault"]), "rPr"), FONT)
    for style in root.iter(w("style")):
        node = style.find(f"{w('rPr')}/{w('rFonts')}")
        name = (node.get(w("hAnsi")) or node.get(w("ascii")) or "") if node is not None else ""
        if node is not None and not name.upper().startswith(_SYMBOL_FONTS):
            set_fonts(style.find(w("rPr")), FONT)  # type: ignore[arg-type]
    doc.touch(root)
    return "kiểu (styles): phông Times New Roman"


def numbering_fonts(doc: DocView) -> str:
    numbering = doc.styles.numbering
    assert numbering is not None
    for level in numbering.iter(w("lvl")):
        fmt = level.find(w("numFmt"))
        node = level.find(f"{w('rPr')}/{w('rFonts')}")
        if node is None or (fmt is not None and fmt.get(w("val")) == "bullet"):
            continue
        set_fonts(level.find(w("rPr")), FONT)  # type: ignore[arg-type]
    doc.touch(numbering)
    return "đánh số tự động: phông Times New Roman"


def colour(doc: DocView, para: Para) -> str:
    for run in _text_runs(para):
        if not run.color or run.color.lower() in ("auto", "000000"):
            continue
        node = child(properties(run.element, "rPr"), "color", RPR_ORDER)  # over a style's colour too
        node.set(w("val"), "000000")
        for attribute in list(node.attrib):
            if "theme" in attribute.lower():
                del node.attrib[attribute]
    _touch(doc, para)
    return f"{where(para)}: chữ màu đen"


def nfc(doc: DocView, para: Para) -> str:
    """Unicode NFC across run boundaries: a combining mark that starts a text node joins the letter before it."""
    assert para.element is not None
    nodes = [node for node in para.element.iter(w("t")) if node.text]
    for previous, node in zip(nodes, nodes[1:], strict=False):
        text = node.text or ""
        lead = 0
        while lead < len(text) and unicodedata.combining(text[lead]):
            lead += 1
        if lead:
            previous.text = (previous.text or "") + text[:lead]
            node.text = text[lead:]
    for node in nodes:
        node.text = unicodedata.normalize("NFC", node.text or "")
    _touch(doc, para)
    return f"{where(para)}: chuẩn Unicode dựng sẵn (NFC)"


# --- page ------------------------------------------------------------------------------------------------------
def page_size(doc: DocView, section: Section) -> str:
    assert section.element is not None
    size = child(section.element, "pgSz", SECT_ORDER)
    width, height = (A4[1], A4[0]) if section.landscape else A4
    size.set(w("w"), str(width))
    size.set(w("h"), str(height))
    doc.touch(section.element)
    return f"phần {section.index + 1}: khổ A4"


def portrait(doc: DocView, section: Section) -> str:
    assert section.element is not None
    size = child(section.element, "pgSz", SECT_ORDER)
    size.set(w("w"), str(A4[0]))
    size.set(w("h"), str(A4[1]))
    size.attrib.pop(w("orient"), "")
    doc.touch(section.element)
    return f"phần {section.index + 1}: khổ dọc"


def margin(doc: DocView, section: Section, side: str, value: int) -> str:
    assert section.element is not None
    child(section.element, "pgMar", SECT_ORDER).set(w(side), str(value))
    doc.touch(section.element)
    name = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải", "gutter": "đóng gáy"}.get(side, side)
    return f"phần {section.index + 1}: lề {name} {value / 56.693:.0f} mm"


def restart_numbers(doc: DocView, section: Section) -> str:
    assert section.element is not None
    child(section.element, "pgNumType", SECT_ORDER).set(w("start"), "1")
    doc.touch(section.element)
    return f"phần {section.index + 1}: đánh số trang lại từ 1"


def _page_field_paragraph() -> object:
    rpr = f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr>'
    xml = (
        f'<w:p xmlns:w="{W}"><w:pPr><w:jc w:val="center"/></w:pPr>'
        f'<w:r>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{rpr}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        f'<w:r>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r>{rpr}<w:t>2</w:t></w:r>"
        f'<w:r>{rpr}<w:fldChar w:fldCharType="end"/></w:r></w:p>'
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
        root.replace(root[0], _page_field_paragraph())  # type: ignore[arg-type]
    doc.package.add_part(f"{folder}/{name}", root, HEADER_TYPE)
    return doc.package.relate(doc.main, "header", name)


def _reference(doc: DocView, sect: object, kind: str, rel_id: str) -> None:
    reference = new_element("headerReference", type=kind)
    reference.set(R_ID, rel_id)
    sect.insert(0, reference)  # type: ignore[attr-defined]


def page_numbers(doc: DocView, aspect: str | None) -> list[str]:
    """Add what page numbering lacks: a number in the header, no number on page 1, a start at 1, Arabic figures."""
    section = doc.sections[0]
    sect = section.element
    assert sect is not None
    default = section.headers.get("default")
    changes = []
    if aspect == "missing":
        if default is None:
            _reference(doc, sect, "default", _new_header(doc, with_number=True))
        else:
            doc.parts[default.part].append(_page_field_paragraph())  # type: ignore[arg-type]
            doc.touch(default.part)
        changes.append("thêm số trang giữa lề trên")
        aspect = "first_page"
    if aspect == "even":
        _reference(doc, sect, "even", _new_header(doc, with_number=True))
        changes.append("thêm số trang cho trang chẵn")
    if aspect == "first_page":
        child(sect, "titlePg", SECT_ORDER).attrib.pop(w("val"), "")
        if section.headers.get("first") is None or (
            default is not None and section.headers["first"].part == default.part
        ):
            _reference(doc, sect, "first", _new_header(doc, with_number=False))
        changes.append("trang 1 không hiện số trang")
    if aspect in ("start", "format", "missing", "first_page"):
        number = child(sect, "pgNumType", SECT_ORDER)
        if aspect == "start" or number.get(w("start")) not in (None, "1"):
            number.set(w("start"), "1")
            changes.append("số trang bắt đầu từ 1")
        if number.get(w("fmt")) not in (None, "decimal"):
            number.attrib.pop(w("fmt"), "")
            changes.append("số trang bằng chữ số Ả Rập")
    doc.touch(sect)
    return changes
