"""Build an ND30-compliant plan (or report) with python-docx, independently of vanban's template.

``make_docx(**changes)`` returns the bytes of a correct document; each keyword changes one
thing so that a test can break exactly one rule.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor, Twips

FONT = "Times New Roman"
CENTER, BOTH, LEFT = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY, WD_ALIGN_PARAGRAPH.LEFT


@dataclass
class Spec:
    kind: str = "KH"
    page: tuple[float, float] = (210, 297)
    landscape: bool = False
    margins: dict[str, float] = field(default_factory=lambda: {"top": 20, "bottom": 20, "left": 30, "right": 15})
    chu_quan: str = "UBND TỈNH LẠNG SƠN"
    chu_quan_bold: bool = False
    chu_quan_size: float = 13
    co_quan: str = "SỞ NỘI VỤ"
    co_quan_bold: bool = True
    co_quan_rule: float = 0.4  # of the name's width; 0 for none
    quoc_hieu: str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    quoc_hieu_size: float = 12
    quoc_hieu_bold: bool = True
    right_width: int = 5250
    blank_between_qh_tn: bool = False
    tieu_ngu: str = "Độc lập - Tự do - Hạnh phúc"
    tieu_ngu_size: float = 13
    tieu_ngu_rule: float = 1.0  # of the Tiêu ngữ width; 0 for none
    so: str = "Số: 05/KH-SNV"
    so_size: float = 13
    so_align: WD_ALIGN_PARAGRAPH = CENTER
    ngay: str = "Lạng Sơn, ngày 05 tháng 3 năm 2024"
    ngay_italic: bool = True
    ten_loai: str = "KẾ HOẠCH"
    ten_loai_bold: bool = True
    trich_yeu: str = "Cải cách hành chính năm 2024"
    trich_yeu_bold: bool = True
    trich_yeu_rule: float = 0.4
    kinh_gui: list[str] = field(default_factory=list)
    can_cu_italic: bool = True
    body_size: float = 14
    body_align: WD_ALIGN_PARAGRAPH = BOTH
    body_indent: float = 567
    body_after: float = 120
    body_line: float = 1.15
    odd_size_paragraph: bool = False
    headings: list[str] = field(
        default_factory=lambda: [
            "I. MỤC ĐÍCH, YÊU CẦU",
            "1. Mục đích",
            "a) Nội dung",
            "b) Yêu cầu",
            "2. Yêu cầu",
            "II. TỔ CHỨC THỰC HIỆN",
        ]
    )
    diem_bold: bool = False
    heading_bold: bool = True
    closing: str = "Trên đây là Kế hoạch cải cách hành chính năm 2024 của Sở Nội vụ./."
    font: str = FONT
    body_text: str = "Triển khai đồng bộ các nhiệm vụ, bảo đảm tiến độ, chất lượng và hiệu quả."
    colour: str | None = None
    noi_nhan_label: str = "Nơi nhận:"
    noi_nhan_label_italic: bool = True
    noi_nhan_items: list[str] = field(
        default_factory=lambda: ["- UBND tỉnh (b/c);", "- Các phòng thuộc Sở;", "- Lưu: VT, VP."]
    )
    noi_nhan_size: float = 11
    chuc_vu: list[str] = field(default_factory=lambda: ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"])
    chuc_vu_bold: bool = True
    ho_ten: str = "Nguyễn Văn A"
    ho_ten_bold: bool = True
    signature_extra: str | None = None
    swap_signature: bool = False
    page_field: str = "header"  # header, footer, none
    page_field_size: float = 14
    page_prefix: str = ""
    title_page: bool = True
    appendix: str | None = None  # None, "section" (own section, restarts), "same" (no section), "no-restart"
    appendix_label: str = "Phụ lục"
    appendix_table: bool = True
    appendix_title_bold: bool = True
    appendix_note_italic: bool = True
    appendix_reference: bool = True  # the body says the appendix is attached (ND30-PL-01)
    body_extra: list[str] = field(default_factory=list)  # more body paragraphs, after the opening
    khoan_bold: bool = True
    page_header_extra: str | None = None  # a line of text in the header of later pages
    swap_header: bool = False  # Quốc hiệu on the left, the agency on the right
    blank_between_agency: bool = False
    chuc_vu_sau: list[str] = field(default_factory=list)  # titles written after the signer's name
    mark: str | None = None  # an urgency or circulation mark under the Số line
    mark_bold: bool = True
    cong_van: str | None = None  # a công văn's "V/v …" under the Số line (no tên loại then)
    motto_one_paragraph: bool = False  # Quốc hiệu and Tiêu ngữ in one paragraph, split by a line break
    part_headings: bool = False  # centred "Phần thứ nhất" / title above the mục
    trich_yeu_in_table: bool = False
    trich_yeu_rule_in_next: bool = False  # the rule drawn as a shape anchored in the first body paragraph
    invisible_shape: bool = False  # an invisible zero-width shape beside the agency's rule
    east_asian_theme: bool = False  # docDefaults' East Asian slot left to theme Calibri
    footer_text_with_page: str | None = None  # a footer line holding a PAGE field among its words
    symbol_run: bool = False  # a Wingdings check box in the body
    split_combining: bool = False  # a combining mark at the start of a run


def _fonts(run, spec: Spec, size: float, bold: bool = False, italic: bool = False) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), spec.font)
    if spec.colour:
        run.font.color.rgb = RGBColor.from_string(spec.colour)


def _para(
    container,
    spec: Spec,
    text: str,
    size: float,
    *,
    bold=False,
    italic=False,
    align=CENTER,
    first_line=None,
    after=0.0,
    line=1.0,
):
    para = container.add_paragraph()
    para.alignment = align
    fmt = para.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Twips(after)
    fmt.line_spacing = line
    if first_line is not None:
        fmt.first_line_indent = Twips(first_line)
    if text:
        _fonts(para.add_run(text), spec, size, bold, italic)
    return para


def _rule(container, length_twips: int, available: int) -> None:
    para = container.add_paragraph()
    side = max((available - length_twips) // 2, 0)
    fmt = para.paragraph_format
    fmt.left_indent, fmt.right_indent = Twips(side), Twips(side)
    fmt.space_after = Pt(0)
    ppr = para._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.insert(0, borders) if ppr.find(qn("w:pStyle")) is None else ppr.insert(1, borders)


def _shape(paragraph, length_twips: int, visible: bool) -> None:
    """A horizontal DrawingML line anchored in ``paragraph`` (``visible=False``: drawn with no line)."""
    emu = length_twips * 635
    outline = (
        "<a:ln><a:noFill/></a:ln>"
        if not visible
        else '<a:ln w="9525"><a:solidFill><a:srgbClr val="000000"/></a:solidFill></a:ln>'
    )
    xml = (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
        ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
        ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0"'
        ' layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        '<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>-60000</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{emu}" cy="0"/><wp:wrapNone/><wp:docPr id="{900 + length_twips % 90}" name="Line"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f'<wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{emu}" cy="0"/></a:xfrm>'
        f'<a:prstGeom prst="line"><a:avLst/></a:prstGeom>{outline}</wps:spPr><wps:bodyPr/></wps:wsp>'
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>"
    )
    from docx.oxml import parse_xml

    paragraph._p.append(parse_xml(xml))


def _width(text: str, size: float) -> int:
    """Bold Times New Roman width of one line, in twips."""
    from vanban._metrics import text_width

    return text_width(text, size, bold=True)


def _borderless(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    tbl_pr.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), "57")
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    tbl_pr.append(margins)


def _cell(table, row: int, column: int, width: int):
    table.columns[column].width = Twips(width)
    cell = table.cell(row, column)
    cell.width = Twips(width)
    cell._tc.remove(cell.paragraphs[0]._p)
    return cell


def _page_field(paragraph, spec: Spec) -> None:
    if spec.page_prefix:
        _fonts(paragraph.add_run(spec.page_prefix), spec, spec.page_field_size)
    for kind in ("begin", None, "separate", "end"):
        run = paragraph.add_run()
        _fonts(run, spec, spec.page_field_size)
        if kind is None:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = " PAGE "
            run._r.append(instr)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        if kind == "separate":
            _fonts(paragraph.add_run("2"), spec, spec.page_field_size)


def make_docx(**changes) -> bytes:
    spec = Spec(**changes)
    doc = Document()
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = defaults.find(qn("w:rFonts"))
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)
    section = doc.sections[0]
    width, height = Mm(spec.page[0]), Mm(spec.page[1])
    if spec.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    section.page_width, section.page_height = width, height
    section.top_margin, section.bottom_margin = Mm(spec.margins["top"]), Mm(spec.margins["bottom"])
    section.left_margin, section.right_margin = Mm(spec.margins["left"]), Mm(spec.margins["right"])
    section.header_distance = Mm(10)
    text_width = int((width - section.left_margin - section.right_margin) / 635)

    # header block
    left_width = text_width - spec.right_width
    table = doc.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    _borderless(table)
    sides = (1, 0) if spec.swap_header else (0, 1)
    left, right = _cell(table, 0, sides[0], left_width), _cell(table, 0, sides[1], spec.right_width)
    if spec.chu_quan:
        _para(left, spec, spec.chu_quan, spec.chu_quan_size, bold=spec.chu_quan_bold)
    if spec.blank_between_agency:
        _para(left, spec, "", 13)
    _para(left, spec, spec.co_quan, 13, bold=spec.co_quan_bold)
    if spec.co_quan_rule:
        _rule(left, int(_width(spec.co_quan, 13) * spec.co_quan_rule), left_width - 114)
    if spec.invisible_shape:  # as long as the name, but with no line: nothing is drawn
        _shape(left.paragraphs[-1], int(_width(spec.co_quan, 13) * 0.95), visible=False)
    if spec.motto_one_paragraph:
        motto = _para(right, spec, spec.quoc_hieu, spec.quoc_hieu_size, bold=spec.quoc_hieu_bold)
        run = motto.add_run()
        run.add_break()
        _fonts(run, spec, spec.tieu_ngu_size, bold=True)
        _fonts(motto.add_run(spec.tieu_ngu), spec, spec.tieu_ngu_size, bold=True)
    else:
        _para(right, spec, spec.quoc_hieu, spec.quoc_hieu_size, bold=spec.quoc_hieu_bold)
        if spec.blank_between_qh_tn:
            _para(right, spec, "", 12)
        _para(right, spec, spec.tieu_ngu, spec.tieu_ngu_size, bold=True)
    if spec.tieu_ngu_rule:
        _rule(right, int(_width(spec.tieu_ngu, spec.tieu_ngu_size) * spec.tieu_ngu_rule), spec.right_width - 114)
    number_cell, date_cell = _cell(table, 1, sides[0], left_width), _cell(table, 1, sides[1], spec.right_width)
    _para(number_cell, spec, spec.so, spec.so_size, align=spec.so_align)
    if spec.cong_van:
        _para(number_cell, spec, spec.cong_van, 13, bold=True)
    if spec.mark:
        _para(number_cell, spec, spec.mark, 13, bold=spec.mark_bold)
    _para(date_cell, spec, spec.ngay, 14, italic=spec.ngay_italic)

    # title
    if spec.ten_loai:
        _para(doc, spec, spec.ten_loai, 14, bold=spec.ten_loai_bold)
        if spec.trich_yeu_in_table:
            box = doc.add_table(rows=1, cols=1)
            _borderless(box)
            cell = _cell(box, 0, 0, text_width)
            _para(cell, spec, spec.trich_yeu, 14, bold=spec.trich_yeu_bold)
        else:
            _para(doc, spec, spec.trich_yeu, 14, bold=spec.trich_yeu_bold)
        if spec.trich_yeu_rule and not spec.trich_yeu_rule_in_next:
            _rule(doc, int(_width(spec.trich_yeu, 14) * spec.trich_yeu_rule), text_width)
    for index, line in enumerate(spec.kinh_gui):
        _para(doc, spec, line, 14, align=CENTER if index == 0 and len(spec.kinh_gui) == 1 else LEFT, after=0)

    def body(text: str, *, bold=False, italic=False, size=None) -> None:
        _para(
            doc,
            spec,
            text,
            size or spec.body_size,
            bold=bold,
            italic=italic,
            align=spec.body_align,
            first_line=spec.body_indent,
            after=spec.body_after,
            line=spec.body_line,
        )

    body("Căn cứ Quyết định số 145/QĐ-UBND ngày 20/01/2024 của UBND tỉnh Lạng Sơn;", italic=spec.can_cu_italic)
    if spec.trich_yeu_rule_in_next:
        _shape(doc.paragraphs[-1], int(_width(spec.trich_yeu, 14) * spec.trich_yeu_rule), visible=True)
    if spec.symbol_run:
        check_box = doc.paragraphs[-1].add_run("\uf0fe")
        check_box.font.name = "Wingdings"
    if spec.split_combining:
        para = doc.paragraphs[-1]
        _fonts(para.add_run(" Tổ chức đo"), spec, spec.body_size, italic=spec.can_cu_italic)
        _fonts(para.add_run("\u0302\u0300ng bộ."), spec, spec.body_size, italic=spec.can_cu_italic)
    if spec.part_headings:
        _para(doc, spec, "Phần thứ nhất", 14, bold=True, after=120)
        _para(doc, spec, "KẾT QUẢ THỰC HIỆN", 14, bold=True, after=120)
    body("Sở Nội vụ ban hành Kế hoạch cải cách hành chính năm 2024 như sau:")
    for extra in spec.body_extra:
        body(extra)
    if spec.appendix and spec.appendix_reference:
        body("Phân công thực hiện nhiệm vụ chi tiết tại Phụ lục kèm theo.")
    for heading in spec.headings:
        level_bold = (
            spec.heading_bold if heading[0] in "IVX" else (heading[0].isdigit() and spec.khoan_bold) or spec.diem_bold
        )
        body(heading, bold=level_bold)
        for _ in range(2):
            body(spec.body_text)
    if spec.odd_size_paragraph:
        body(spec.body_text, size=13)
    body(spec.closing)

    # signature and recipients
    signature = doc.add_table(rows=1, cols=2)
    signature.autofit = False
    _borderless(signature)
    row = signature.rows[0]._tr
    row_pr = row.get_or_add_trPr()
    row_pr.append(OxmlElement("w:cantSplit"))
    columns = (1, 0) if spec.swap_signature else (0, 1)
    recipients, signer = _cell(signature, 0, columns[0], 3969), _cell(signature, 0, columns[1], text_width - 3969)
    _para(recipients, spec, spec.noi_nhan_label, 12, bold=True, italic=spec.noi_nhan_label_italic, align=LEFT)
    for item in spec.noi_nhan_items:
        _para(recipients, spec, item, spec.noi_nhan_size, align=LEFT)
    for line in spec.chuc_vu:
        _para(signer, spec, line, 14, bold=spec.chuc_vu_bold)
    if spec.signature_extra:
        _para(signer, spec, spec.signature_extra, 12, italic=True)
    for _ in range(3):
        _para(signer, spec, "", 14)
    _para(signer, spec, spec.ho_ten, 14, bold=spec.ho_ten_bold)
    for line in spec.chuc_vu_sau:
        _para(signer, spec, line, 14, bold=True)

    # page numbers: from page 2, centred in the header
    section.different_first_page_header_footer = spec.title_page
    if spec.page_field != "none":
        part = section.header if spec.page_field == "header" else section.footer
        paragraph = part.paragraphs[0]
        paragraph.alignment = CENTER
        _page_field(paragraph, spec)
    if spec.title_page:
        section.first_page_header.paragraphs[0].text = ""
    if spec.page_header_extra:
        _para(section.header, spec, spec.page_header_extra, 13, bold=True)
    if spec.footer_text_with_page:
        footer = section.footer.paragraphs[0]
        footer.alignment = CENTER
        _fonts(footer.add_run(spec.footer_text_with_page), spec, 12)
        _page_field(footer, spec)
        _fonts(footer.add_run(" – MẬT"), spec, 12)
    if spec.east_asian_theme:
        fonts.set(qn("w:eastAsiaTheme"), "minorEastAsia")
        fonts.attrib.pop(qn("w:eastAsia"), None)

    if spec.appendix:
        if spec.appendix == "same":
            doc.add_paragraph()
        else:
            new = doc.add_section()
            new.orientation = WD_ORIENT.LANDSCAPE
            new.page_width, new.page_height = Mm(297), Mm(210)
            new.different_first_page_header_footer = spec.title_page
            if spec.appendix == "section":
                number = OxmlElement("w:pgNumType")
                number.set(qn("w:start"), "1")
                new._sectPr.append(number)
        _para(doc, spec, spec.appendix_label, 14, bold=True)
        _para(doc, spec, "PHÂN CÔNG THỰC HIỆN NHIỆM VỤ", 14, bold=spec.appendix_title_bold)
        _para(
            doc,
            spec,
            "(Kèm theo Kế hoạch số 05/KH-SNV ngày 05 tháng 3 năm 2024 của Sở Nội vụ)",
            14,
            italic=spec.appendix_note_italic,
            after=240,
        )
        if spec.appendix_table:
            grid = doc.add_table(rows=2, cols=3)
            grid.style = "Table Grid"
            for column, text in enumerate(("TT", "Nhiệm vụ", "Chủ trì")):
                _fonts(grid.cell(0, column).paragraphs[0].add_run(text), spec, 12, bold=True)
            for column, text in enumerate(("1", "Rà soát thủ tục", "Văn phòng")):
                _fonts(grid.cell(1, column).paragraphs[0].add_run(text), spec, 12)
        else:
            _para(doc, spec, "Danh sách nhiệm vụ được giao trong năm.", 14, align=BOTH, first_line=567, after=120)

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
