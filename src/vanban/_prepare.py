"""Read a Word template with docxtpl and python-docx and make it Jinja sources: docxtpl's clean-up of the tags
split across runs, the rules under the agency and the trích yếu sized from the text above them, the header table's
columns sized per document. Used for custom templates, and for vanban's own when their cache does not fit."""

from __future__ import annotations

import io
from typing import Any

from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from lxml import etree

from ._compiled import Header, Part, Prepared
from ._errors import TemplateError

# A rule line under a text: which text it measures (Jinja expression) and in which style.
_RULES = {
    "VBKeCoQuan": ("co_quan.ten", "VBCoQuan"),
    "VBKeTrichYeu": ("trich_yeu.split('\\n')", "VBTrichYeu"),
}


def _style_font(docx: Any, style_id: str) -> tuple[float, bool]:
    for style in docx.styles:
        if style.style_id == style_id:
            size = style.font.size.pt if style.font.size else 14.0
            return size, bool(style.font.bold)
    return 14.0, False


def _cell_margin(docx: Any) -> int:
    styles = docx.styles.element
    for side in styles.iter(qn("w:tblCellMar")):
        left = side.find(qn("w:left"))
        if left is not None:
            return int(left.get(qn("w:w"), 108))
    return 108


def _available_width(paragraph: Any, docx: Any) -> int:
    """Width a rule paragraph can span: its table cell, or the text width of the page."""
    cell = next(paragraph.iterancestors(qn("w:tc")), None)
    if cell is not None:
        width = cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
        if width is not None:
            return int(width.get(qn("w:w"))) - 2 * _cell_margin(docx)
    section = docx.sections[-1]
    return int((section.page_width - section.left_margin - section.right_margin) / 635)


def _prepare_rules(docx: Any) -> dict[str, tuple[int, float, bool]]:
    """Turn each rule paragraph's indent into a Jinja expression measured on the text above it; returns the
    room (width, size, bold) the text of each rule's component has, for line breaking."""
    room: dict[str, tuple[int, float, bool]] = {}
    body = docx.element.body
    for paragraph in body.iter(qn("w:p")):
        style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if style is None or style.get(qn("w:val")) not in _RULES:
            continue
        source, text_style = _RULES[style.get(qn("w:val"))]
        size, bold = _style_font(docx, text_style)
        available = _available_width(paragraph, docx)
        ppr = paragraph.find(qn("w:pPr"))
        ind = ppr.find(qn("w:ind"))
        if ind is None:
            ind = etree.SubElement(ppr, qn("w:ind"))
        expression = f"{{{{ {source}|ke({available}, {size}, {int(bold)}) }}}}"
        ind.set(qn("w:left"), expression)
        ind.set(qn("w:right"), expression)
        room[text_style] = (available, size, bold)
    if "VBCoQuan" in room:
        width = room["VBCoQuan"][0]
        room["VBChuQuan"] = (width, *_style_font(docx, "VBChuQuan"))
    return room


def _style_of(paragraph: Any) -> str | None:
    style = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return style.get(qn("w:val")) if style is not None else None


def _prepare_header(docx: Any) -> Header | None:
    """Make the header table's column widths Jinja expressions (``bo_cuc.trai``, ``bo_cuc.phai``), with the rules
    under the agency and the Tiêu ngữ and the size of the date following them; None if there is no such table."""
    body = docx.element.body
    anchor = next((p for p in body.iter(qn("w:p")) if _style_of(p) == "VBQuocHieu"), None)
    table = next(anchor.iterancestors(qn("w:tbl")), None) if anchor is not None else None
    if table is None:
        return None
    grid = table.findall(f"{qn('w:tblGrid')}/{qn('w:gridCol')}")
    if len(grid) != 2:
        return None
    left, right = (int(column.get(qn("w:w"))) for column in grid)
    margin = _cell_margin(docx)
    names = ("{{ bo_cuc.trai }}", "{{ bo_cuc.phai }}")
    for column, name in zip(grid, names, strict=True):
        column.set(qn("w:w"), name)
    for row in table.findall(qn("w:tr")):
        for cell, name in zip(row.findall(qn("w:tc")), names, strict=False):
            width = cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}")
            if width is not None:
                width.set(qn("w:w"), name)
    date_size, _ = _style_font(docx, "VBDiaDanhNgay")
    for paragraph in table.iter(qn("w:p")):
        style = _style_of(paragraph)
        ind = paragraph.find(f"{qn('w:pPr')}/{qn('w:ind')}")
        if style == "VBKeCoQuan" and ind is not None:
            size, bold = _style_font(docx, "VBCoQuan")
            expression = f"{{{{ co_quan.ten|ke(bo_cuc.trai - {2 * margin}, {size}, {int(bold)}) }}}}"
            ind.set(qn("w:left"), expression)
            ind.set(qn("w:right"), expression)
        elif style == "VBKeTieuNgu" and ind is not None:
            rule = right - 2 * margin - 2 * int(ind.get(qn("w:left"), "0"))
            expression = f"{{{{ [(bo_cuc.phai - {2 * margin} - {rule}) // 2, 0]|max }}}}"
            ind.set(qn("w:left"), expression)
            ind.set(qn("w:right"), expression)
        elif style == "VBDiaDanhNgay":
            for run in paragraph.findall(qn("w:r")):
                rpr = run.find(qn("w:rPr"))
                if rpr is None:
                    rpr = etree.Element(qn("w:rPr"))
                    run.insert(0, rpr)
                for tag in ("w:sz", "w:szCs"):
                    etree.SubElement(rpr, qn(tag)).set(qn("w:val"), "{{ bo_cuc.co_ngay }}")
    return Header(left, right, margin, date_size)


def prepare(data: bytes, name: str) -> Prepared:
    """The Jinja sources of the template in ``data`` (its body, its headers and footers) and its layout facts."""
    try:
        base = DocxTemplate(io.BytesIO(data))
        base.init_docx()
    except Exception:  # python-docx raises many kinds for a bad package
        raise TemplateError(f"tệp mẫu '{name}' không phải tài liệu Word (.docx) hợp lệ") from None
    room = _prepare_rules(base.docx)
    header = _prepare_header(base.docx)
    body = base.patch_xml(base.get_xml())
    parts = []
    for uri in (base.HEADER_URI, base.FOOTER_URI):
        for key, part in base.get_headers_footers(uri):
            xml = base.get_part_xml(part)
            member = str(part.partname).lstrip("/")
            parts.append(Part(key, member, base.patch_xml(xml), base.get_headers_footers_encoding(xml)))
    return Prepared(room, header, body, parts)
