"""Build templates/ke_hoach.docx and templates/bao_cao.docx: plain Word files with named ND30 styles and Jinja tags.

Run ``python scripts/build_templates.py`` after changing the layout (``… OUT_DIR`` writes elsewhere). The output is
committed; a clerk may open it in Word or LibreOffice, change wording or layout, and
pass it back with ``--template``. Measurements follow ../shared/spec/nd30.md §9.3.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from vanban._metrics import text_width  # noqa: E402
from vanban._nd30 import A4, BODY_AFTER, BODY_LINE, FIRST_LINE, FONT, FORMATS, MARGIN, TIEU_NGU  # noqa: E402
from vanban._render import _footnotes_xml, build_cache  # noqa: E402

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

# Page (ND30-PAGE-01/03): the decree's numbers and vanban's choices inside them, from vanban._nd30.
PAGE_W, PAGE_H = A4
TEXT_W = PAGE_W - MARGIN["left"] - MARGIN["right"]  # 9354
LANDSCAPE_TEXT_W = PAGE_H - MARGIN["left"] - MARGIN["right"]

# Header block (spec §2, §9.2): two borderless columns, slightly into the left margin.
CELL_MARGIN = 57
HEADER_INDENT = -113
RIGHT_COL = 5250  # Quốc hiệu 12 pt bold is 5007 tw wide: one line
LEFT_COL = TEXT_W - HEADER_INDENT - RIGHT_COL
TIEU_NGU_W = text_width(TIEU_NGU, FORMATS["tieu_ngu"].size, bold=True)  # the rule under it (ND30-QH-05)
SIGN_LEFT = 3969
SIGN_RIGHT = TEXT_W - SIGN_LEFT


def _rpr(size: float | None = None, bold: bool = False, italic: bool = False) -> str:
    parts = [f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"/>']
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if italic:
        parts.append("<w:i/><w:iCs/>")
    if size:
        half = int(size * 2)
        parts.append(f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>')
    return "<w:rPr>" + "".join(parts) + "</w:rPr>"


def _ppr(
    jc: str | None = None,
    before: int = 0,
    after: int = 0,
    line: int = 240,
    first_line: int | None = None,
    keep_next: bool = False,
    border_bottom: bool = False,
    ind: tuple[int, int] | None = None,
    hanging: int = 0,
    tab: int | None = None,
) -> str:
    parts = []
    if keep_next:
        parts.append("<w:keepNext/>")
    if tab is not None:
        parts.append(f'<w:tabs><w:tab w:val="left" w:pos="{tab}"/></w:tabs>')
    if border_bottom:
        parts.append('<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>')
    parts.append(f'<w:spacing w:before="{before}" w:after="{after}" w:line="{line}" w:lineRule="auto"/>')
    if ind is not None:
        hang = f' w:hanging="{hanging}"' if hanging else ""
        parts.append(f'<w:ind w:left="{ind[0]}" w:right="{ind[1]}"{hang}/>')
    elif first_line is not None:
        parts.append(f'<w:ind w:left="0" w:right="0" w:firstLine="{first_line}"/>')
    if jc:
        parts.append(f'<w:jc w:val="{jc}"/>')
    return "<w:pPr>" + "".join(parts) + "</w:pPr>"


# (style id, name, paragraph properties, run properties); every component its own style.
BODY = dict(jc="both", after=BODY_AFTER, line=BODY_LINE, first_line=FIRST_LINE[0])
HEADING = {**BODY, "jc": "left"}
SIZE = {name: fmt.size for name, fmt in FORMATS.items()}
STYLES = [
    ("VBChuQuan", "VB Chu quan", _ppr("center"), _rpr(SIZE["chu_quan"])),
    ("VBCoQuan", "VB Co quan", _ppr("center"), _rpr(SIZE["co_quan"], bold=True)),
    ("VBKeCoQuan", "VB Ke co quan", _ppr("center", border_bottom=True, line=240), _rpr(4)),
    ("VBSoKyHieu", "VB So ky hieu", _ppr("center", before=120), _rpr(SIZE["so"])),
    ("VBQuocHieu", "VB Quoc hieu", _ppr("center"), _rpr(SIZE["quoc_hieu"], bold=True)),
    ("VBTieuNgu", "VB Tieu ngu", _ppr("center"), _rpr(SIZE["tieu_ngu"], bold=True)),
    ("VBKeTieuNgu", "VB Ke tieu ngu", _ppr("center", border_bottom=True, line=240), _rpr(4)),
    ("VBDiaDanhNgay", "VB Dia danh ngay", _ppr("center", before=120), _rpr(SIZE["ngay"], italic=True)),
    ("VBTenLoai", "VB Ten loai", _ppr("center", before=360, keep_next=True), _rpr(SIZE["ten_loai"], bold=True)),
    ("VBTrichYeu", "VB Trich yeu", _ppr("center", keep_next=True), _rpr(SIZE["trich_yeu"], bold=True)),
    ("VBKeTrichYeu", "VB Ke trich yeu", _ppr("center", after=240, border_bottom=True), _rpr(4)),
    ("VBKinhGui", "VB Kinh gui", _ppr("center", before=120, after=120), _rpr(14)),
    # several addressees: "Kính gửi:" from 3 cm, the first beside it, every dash at 5.5 cm, a wrapped line
    # under the text after the dash
    ("VBKinhGuiNhan", "VB Kinh gui nhan", _ppr("left", before=120, ind=(3289, 0), hanging=1588, tab=3119), _rpr(14)),
    ("VBKinhGuiMuc", "VB Kinh gui muc", _ppr("left", ind=(3289, 0), hanging=170), _rpr(14)),
    ("VBKinhGuiCuoi", "VB Kinh gui cuoi", _ppr("left", after=120, ind=(3289, 0), hanging=170), _rpr(14)),
    ("VBCanCu", "VB Can cu", _ppr(**BODY), _rpr(14, italic=True)),
    ("VBMoDau", "VB Mo dau", _ppr(**BODY), _rpr(14)),
    ("VBNoiDung", "VB Noi dung", _ppr(**BODY), _rpr(14)),
    # headings keep with what follows; left-aligned, so a wrapped heading is not stretched word by word
    ("VBMuc", "VB Muc", _ppr(**HEADING, keep_next=True), _rpr(14, bold=True)),
    ("VBKhoan", "VB Khoan", _ppr(**HEADING, keep_next=True), _rpr(14, bold=True)),
    ("VBDiem", "VB Diem", _ppr(**BODY, keep_next=True), _rpr(14)),
    ("VBKetLuan", "VB Ket luan", _ppr(**BODY, keep_next=True), _rpr(14)),
    ("VBNoiNhan", "VB Noi nhan", _ppr("left"), _rpr(SIZE["noi_nhan_nhan"], bold=True, italic=True)),
    # a wrapped recipient continues under its first letter, not under the dash
    ("VBNoiNhanMuc", "VB Noi nhan muc", _ppr("left", ind=(170, 0), hanging=170), _rpr(SIZE["noi_nhan"])),
    ("VBChucVu", "VB Chuc vu", _ppr("center"), _rpr(SIZE["chuc_vu"], bold=True)),
    ("VBChuKy", "VB Cho ky", _ppr("center", line=240), _rpr(14)),
    ("VBHoTen", "VB Ho ten", _ppr("center"), _rpr(SIZE["ho_ten"], bold=True)),
    ("VBSoTrang", "VB So trang", _ppr("center"), _rpr(SIZE["so_trang"])),
    ("VBPhuLuc", "VB Phu luc", _ppr("center", keep_next=True), _rpr(SIZE["phu_luc_nhan"], bold=True)),
    ("VBPhuLucTieuDe", "VB Phu luc tieu de", _ppr("center", keep_next=True), _rpr(SIZE["phu_luc_ten"], bold=True)),
    (
        "VBPhuLucGhiChu",
        "VB Phu luc ghi chu",
        _ppr("center", after=240, keep_next=True),
        _rpr(SIZE["phu_luc_kem_theo"], italic=True),
    ),
    ("VBBang", "VB Bang", _ppr("left", before=40, after=40), _rpr(12)),
    ("VBBangTieuDe", "VB Bang tieu de", _ppr("center", before=40, after=40), _rpr(12, bold=True)),
    ("VBBangSo", "VB Bang so", _ppr("center", before=40, after=40), _rpr(12)),
]


def styles_xml() -> str:
    out = [
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="{W_NS}">',
        "<w:docDefaults><w:rPrDefault>",
        # schema order: rFonts, color, sz, szCs, lang
        _rpr(14)
        .replace("/><w:sz ", '/><w:color w:val="000000"/><w:sz ', 1)
        .replace("</w:rPr>", '<w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/></w:rPr>'),
        "</w:rPrDefault><w:pPrDefault>",
        # widow and orphan control everywhere: no single line of a paragraph left alone on a page
        '<w:pPr><w:widowControl/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>',
        "</w:pPrDefault></w:docDefaults>",
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>',
        _rpr(14),
        "</w:style>",
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>',
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
        f'<w:top w:w="0" w:type="dxa"/><w:left w:w="{CELL_MARGIN}" w:type="dxa"/>'
        f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{CELL_MARGIN}" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr></w:style>",
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:semiHidden/></w:style>',
        '<w:style w:type="table" w:styleId="VBBangKe"><w:name w:val="VB Bang ke"/><w:basedOn w:val="TableNormal"/>',
        _rpr(12),
        "<w:tblPr><w:tblBorders>",
        *(
            f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
            for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        ),
        "</w:tblBorders></w:tblPr></w:style>",
    ]
    for style_id, name, ppr, rpr in STYLES:
        out.append(
            f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{style_id}"><w:name w:val="{name}"/>'
            f'<w:basedOn w:val="Normal"/><w:qFormat/>{ppr}{rpr}</w:style>'
        )
    out.append("</w:styles>")
    return "".join(out)


def run(text: str, bold: bool = False, italic: bool = False) -> str:
    rpr = ""
    if bold or italic:
        rpr = "<w:rPr>" + ("<w:b/><w:bCs/>" if bold else "") + ("<w:i/><w:iCs/>" if italic else "") + "</w:rPr>"
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(style: str, *runs: str, keep_next: bool = False) -> str:
    extra = "<w:keepNext/>" if keep_next else ""
    body = "".join(r if r.startswith("<w:r>") else run(r) for r in runs)
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{extra}</w:pPr>{body}</w:p>'


def tag(statement: str) -> str:
    """A paragraph holding only a {%p … %} tag; docxtpl removes it when rendering."""
    return f"<w:p><w:r><w:t>{{%p {escape(statement)} %}}</w:t></w:r></w:p>"


def rule(style: str, width: int, cell: int) -> str:
    side = max((cell - 2 * CELL_MARGIN - width) // 2, 0)
    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/><w:ind w:left="{side}" w:right="{side}"/></w:pPr></w:p>'


def cell(width: int, *content: str) -> str:
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{"".join(content)}</w:tc>'


def borderless_table(widths: list[int], rows: list[str], indent: int = 0) -> str:
    borders = "".join(f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return (
        f'<w:tbl><w:tblPr><w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblInd w:w="{indent}" w:type="dxa"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{CELL_MARGIN}" w:type="dxa"/><w:right w:w="{CELL_MARGIN}" w:type="dxa"/></w:tblCellMar>'
        f'<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="0"/>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"
    )


def row(*cells: str, cant_split: bool = False, header: bool = False) -> str:
    props = ("<w:cantSplit/>" if cant_split else "") + ("<w:tblHeader/>" if header else "")
    return f"<w:tr><w:trPr>{props}</w:trPr>{''.join(cells)}</w:tr>"


def header_block() -> str:
    left = cell(
        LEFT_COL,
        tag("for dong in co_quan.chu_quan"),
        para("VBChuQuan", "{{ dong }}"),
        tag("endfor"),
        tag("for dong in co_quan.ten"),
        para("VBCoQuan", "{{ dong }}"),
        tag("endfor"),
        rule("VBKeCoQuan", 1400, LEFT_COL),
    )
    right = cell(
        RIGHT_COL,
        para("VBQuocHieu", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        para("VBTieuNgu", "Độc lập - Tự do - Hạnh phúc"),
        rule("VBKeTieuNgu", TIEU_NGU_W, RIGHT_COL),
    )
    second = row(
        cell(LEFT_COL, para("VBSoKyHieu", "{{ so_ky_hieu|so_ky_hieu }}")),
        cell(RIGHT_COL, para("VBDiaDanhNgay", "{{ dia_danh }}, {{ ngay_ban_hanh|ngay_thang(bo_cuc.cho_trong) }}")),
    )
    return borderless_table([LEFT_COL, RIGHT_COL], [row(left, right), second], HEADER_INDENT)


def runs_line(style: str, line: str) -> str:
    """A paragraph printed from runs of (text, italic), as :mod:`vanban._wording` gives them; a line that leads
    into what follows ("- Nội dung thực hiện:") is kept on its page with it."""
    keep = f"{{% if {line} and {line}[-1][0].endswith(':') %}}<w:keepNext/>{{% endif %}}"
    return (
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{keep}</w:pPr>'
        f"{{% for chu, nghieng in {line} %}}<w:r>{{% if nghieng %}}<w:rPr><w:i/><w:iCs/></w:rPr>{{% endif %}}"
        '<w:t xml:space="preserve">{{ chu }}</w:t></w:r>{% endfor %}</w:p>'
    )


def free_table(expression: str, landscape: str) -> str:
    """A table kept from a document: grid, header rows repeated, merged cells (measured by the bang_in filter)."""
    cell_style = "{{ 'VBBangTieuDe' if o.dam else 'VBBang' }}"
    return (
        f"{{% with b = {expression}|bang_in({landscape}) %}}"
        '<w:tbl><w:tblPr><w:tblStyle w:val="VBBangKe"/><w:tblW w:w="{{ b.rong }}" w:type="dxa"/>'
        '<w:tblLayout w:type="fixed"/></w:tblPr>'
        '<w:tblGrid>{% for rong in b.cot %}<w:gridCol w:w="{{ rong }}"/>{% endfor %}</w:tblGrid>'
        "{% for hang in b.hang %}<w:tr><w:trPr><w:cantSplit/>{% if hang.tieu_de %}<w:tblHeader/>{% endif %}</w:trPr>"
        '{% for o in hang.o %}<w:tc><w:tcPr><w:tcW w:w="{{ o.rong }}" w:type="dxa"/>'
        '{% if o.gop != 1 %}<w:gridSpan w:val="{{ o.gop }}"/>{% endif %}'
        '{% if o.doc %}<w:vMerge w:val="{{ o.doc }}"/>{% endif %}</w:tcPr>'
        f'{{% for d in o.doan %}}<w:p><w:pPr><w:pStyle w:val="{cell_style}"/></w:pPr>'
        '<w:r><w:t xml:space="preserve">{{ d }}</w:t></w:r></w:p>{% endfor %}</w:tc>{% endfor %}</w:tr>{% endfor %}'
        "</w:tbl>{% endwith %}"
    )


def free(expression: str, style: str = "VBNoiDung", dashes: bool = False, landscape: str = "False") -> list[str]:
    """Free content (paragraphs, numbered khoản, tables) of a section or an appendix, as the phang filter lays it out."""
    return [
        tag(f"for phan in {expression}|phang({dashes})"),
        tag("if phan.loai == 'khoan'"),
        para("VBKhoan", "{{ phan.chu }}"),
        tag("elif phan.loai == 'bang'"),
        free_table("phan.bang", landscape),
        tag("elif phan.chu.endswith(':')"),  # a line leading into what follows stays on its page with it
        para(style, "{{ phan.chu }}", keep_next=True),
        tag("else"),
        para(style, "{{ phan.chu }}"),
        tag("endif"),
        tag("endfor"),
    ]


def muc(title: str) -> list[str]:
    return [tag("set ns.muc = ns.muc + 1"), para("VBMuc", "{{ ns.muc|la_ma }}. {{ " + title + " }}")]


def opening() -> list[str]:
    """Căn cứ lines (italic) and the lead-in, shared by every document type."""
    return [
        tag("set ns = namespace(muc=0, linh_vuc=0)"),
        tag("for doan in can_cu|doan_can_cu(trinh_bay_can_cu)"),
        para("VBCanCu", "{{ doan }}"),
        tag("endfor"),
        *free("mo_dau|doan_mo_dau(can_cu, trinh_bay_can_cu)", "VBMoDau"),
    ]


def others(after: str) -> list[str]:
    """Sections with no typed field of their own, kept where they stood (after a typed section)."""
    return [
        tag(f"for khac in muc_khac if khac.sau == '{after}'"),
        *muc("khac.tieu_de"),
        *free("khac.noi_dung"),
        tag("endfor"),
    ]


def printed(expression: str) -> list[str]:
    """Paragraphs printed as :mod:`vanban._wording` words them: (kind, runs of (text, italic))."""
    style = "{{ 'VBKhoan' if kieu == 'khoan' else ('VBDiem' if kieu == 'diem' else 'VBNoiDung') }}"
    return [tag(f"for kieu, dong in {expression}"), runs_line(style, "dong"), tag("endfor")]


def ke_hoach_body() -> list[str]:
    parts = [
        *opening(),
        *others("mo_dau"),
        # I. Mục đích, yêu cầu
        tag("if muc_dich or yeu_cau"),
        *muc("tieu_de.muc_dich_yeu_cau"),
        tag("if muc_dich"),
        tag("if tieu_de.muc_dich"),
        para("VBKhoan", "1. {{ tieu_de.muc_dich }}"),
        tag("endif"),
        tag("for doan in muc_dich"),
        para("VBNoiDung", "{{ doan }}"),
        tag("endfor"),
        tag("endif"),
        tag("if yeu_cau"),
        tag("if tieu_de.yeu_cau"),
        para("VBKhoan", "{{ 2 if muc_dich else 1 }}. {{ tieu_de.yeu_cau }}"),
        tag("endif"),
        tag("for doan in yeu_cau"),
        para("VBNoiDung", "{{ doan }}"),
        tag("endfor"),
        tag("endif"),
        tag("endif"),
        *others("muc_dich_yeu_cau"),
        # II. Nhiệm vụ: a flat list of tasks with their fields, or tasks grouped by area
        tag("if nhiem_vu or linh_vuc or nhiem_vu_mo_dau"),
        *muc("tieu_de.nhiem_vu"),
        tag("endif"),
        tag("for doan in nhiem_vu_mo_dau"),
        para("VBNoiDung", "{{ doan }}"),
        tag("endfor"),
        *printed("nhiem_vu|nhiem_vu_in(nhan)"),
        tag("for lv in linh_vuc"),
        *printed("lv|linh_vuc_in(loop.index, nhan)"),
        tag("endfor"),
        tag("if ghi_chu_nhiem_vu"),
        para("VBNoiDung", "{{ ghi_chu_nhiem_vu }}"),
        tag("endif"),
        *others("nhiem_vu"),
        # Kinh phí, tổ chức thực hiện
        tag("if kinh_phi"),
        *muc("tieu_de.kinh_phi"),
        *free("kinh_phi"),
        tag("endif"),
        *others("kinh_phi"),
        tag("if to_chuc_thuc_hien"),
        *muc("tieu_de.to_chuc_thuc_hien"),
        *free("to_chuc_thuc_hien"),
        tag("endif"),
        *others("to_chuc_thuc_hien"),
        tag("if ket_luan"),
        para("VBKetLuan", "{{ ket_luan }}"),
        tag("endif"),
    ]
    return parts


def bao_cao_body() -> list[str]:
    """Direction, results (per task or per field), assessment, next period's tasks, proposals (spec §8.2)."""
    return [
        *opening(),
        *others("mo_dau"),
        tag("if chi_dao"),
        *muc("tieu_de.chi_dao"),
        *free("chi_dao"),
        tag("endif"),
        *others("chi_dao"),
        tag("if tong_quan or ket_qua"),
        *muc("tieu_de.ket_qua"),
        *free("tong_quan"),
        *printed("ket_qua|ket_qua_in(ky)"),
        tag("endif"),
        *others("ket_qua"),
        tag("if ton_tai"),
        *muc("tieu_de.ton_tai"),
        *free("ton_tai", dashes=True),
        tag("endif"),
        *others("ton_tai"),
        tag("if nhiem_vu_tiep_theo"),
        *muc("tieu_de.nhiem_vu_tiep_theo"),
        *free("nhiem_vu_tiep_theo", dashes=True),
        tag("endif"),
        *others("nhiem_vu_tiep_theo"),
        tag("if de_xuat"),
        *muc("tieu_de.de_xuat"),
        *free("de_xuat", dashes=True),
        tag("endif"),
        *others("de_xuat"),
        tag("if ket_luan"),
        para("VBKetLuan", "{{ ket_luan }}"),
        tag("endif"),
    ]


def kinh_gui() -> list[str]:
    """Ô 9a: one addressee on the line; several, one a line, the first beside the label, dashes aligned
    (ND30-KG-03)."""
    return [
        tag("if kinh_gui|length == 1"),
        para("VBKinhGui", "Kính gửi: {{ kinh_gui[0] }}"),
        tag("elif kinh_gui"),
        para("VBKinhGuiNhan", run("Kính gửi:"), "<w:r><w:tab/></w:r>", run("- {{ kinh_gui[0] }};")),
        tag("for noi in kinh_gui[1:-1]"),
        para("VBKinhGuiMuc", "- {{ noi }};"),
        tag("endfor"),
        para("VBKinhGuiCuoi", "- {{ kinh_gui[-1] }}."),
        tag("endif"),
    ]


def signature_block() -> str:
    left = cell(
        SIGN_LEFT,
        para("VBNoiNhan", "Nơi nhận:"),
        tag("for nguoi in noi_nhan.danh_sach"),
        para("VBNoiNhanMuc", "- {{ nguoi }};"),
        tag("endfor"),
        tag("if noi_nhan.luu is not none"),
        para("VBNoiNhanMuc", "- Lưu: {{ noi_nhan.luu }}."),
        tag("endif"),
    )
    right = cell(
        SIGN_RIGHT,
        tag("for dong in nguoi_ky.chuc_vu"),
        para("VBChucVu", "{{ dong }}"),
        tag("endfor"),
        tag("for dong in nguoi_ky.dong_khac"),
        para("VBChuKy", "{{ dong }}"),
        tag("endfor"),
        *(para("VBChuKy") for _ in range(4)),
        tag("for dong in nguoi_ky.chuc_vu_tren_ten"),
        para("VBChucVu", "{{ dong }}"),
        tag("endfor"),
        para("VBHoTen", "{{ nguoi_ky.ho_ten or '' }}"),
        tag("for dong in nguoi_ky.chuc_vu_sau"),
        para("VBChucVu", "{{ dong }}"),
        tag("endfor"),
    )
    return borderless_table([SIGN_LEFT, SIGN_RIGHT], [row(left, right, cant_split=True)])


def sect_pr(landscape: bool = False, restart: bool = False) -> str:
    width, height = (PAGE_H, PAGE_W) if landscape else (PAGE_W, PAGE_H)
    orient = ' w:orient="landscape"' if landscape else ""
    m = MARGIN
    return (
        '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeaderDefault"/>'
        '<w:headerReference w:type="first" r:id="rIdHeaderFirst"/>'
        '<w:type w:val="nextPage"/>'
        f'<w:pgSz w:w="{width}" w:h="{height}"{orient}/>'
        f'<w:pgMar w:top="{m["top"]}" w:right="{m["right"]}" w:bottom="{m["bottom"]}" w:left="{m["left"]}" '
        f'w:header="{m["header"]}" w:footer="{m["footer"]}" w:gutter="0"/>'
        f'<w:pgNumType w:fmt="decimal" w:start="1"/>'
        "<w:titlePg/></w:sectPr>"
    )


def oriented(condition: str) -> str:
    """A section's properties, landscape when the Jinja ``condition`` holds."""
    return f"{{% if {condition} %}}{sect_pr(landscape=True)}{{% else %}}{sect_pr()}{{% endif %}}"


#: A report's Biểu 01, computed from its results when ``thong_ke`` is set.
BIEU = ", ket_qua|bieu_thong_ke(ky, so_ky_hieu, ngay_ban_hanh, co_quan.ten_goi) if thong_ke else none"


def appendix(kind: str) -> list[str]:
    """Each appendix on pages of its own (a section, numbered from 1): the task table, then any kept from a
    document read, each in the orientation it had. A section break ends the pages before it."""
    if kind == "KH":
        table, title = "phu_luc|bang_nhiem_vu", "{{ phu_luc.tieu_de }}"
        label = "{{ phu_luc.nhan or 'Phụ lục' }}"
        note = (
            "{% if phu_luc.ghi_chu %}{{ phu_luc.ghi_chu }}{% else %}"
            "{{ 'Kế hoạch'|kem_theo(so_ky_hieu, ngay_ban_hanh, co_quan.ten_goi, True) }}{% endif %}"
        )
    else:
        table, title, label = "ket_qua|bang_tong_hop", "{{ tieu_de.phu_luc }} {{ ky|viet_hoa }}", "Phụ lục"
        note = "{{ 'Báo cáo'|kem_theo(so_ky_hieu, ngay_ban_hanh, co_quan.ten_goi, True) }}"
    return [
        tag(f"for pl in phu_luc|cac_phu_luc(phu_luc_khac{BIEU if kind == 'BC' else ''})"),
        tag("if pl.trang_moi"),
        f"<w:p><w:pPr>{oriented('pl.truoc_ngang')}</w:pPr></w:p>",
        tag("endif"),
        tag("if pl.loai == 'bang_nhiem_vu'"),
        para("VBPhuLuc", label),
        para("VBPhuLucTieuDe", title),
        para("VBPhuLucGhiChu", note),
        free_table(table, "True"),
        '<w:p><w:pPr><w:pStyle w:val="VBBang"/></w:pPr></w:p>',
        tag("else"),
        tag("if pl.pl.nhan"),
        para("VBPhuLuc", "{{ pl.pl.nhan }}"),
        tag("endif"),
        tag("for dong in pl.pl.tieu_de"),
        para("VBPhuLucTieuDe", "{{ dong }}"),
        tag("endfor"),
        tag("if pl.pl.ghi_chu"),
        para("VBPhuLucGhiChu", "{{ pl.pl.ghi_chu }}"),
        tag("endif"),
        *free("pl.pl.noi_dung", landscape="pl.ngang"),
        tag("endif"),
        tag("endfor"),
    ]


TEN_LOAI = {"KH": "KẾ HOẠCH", "BC": "BÁO CÁO"}
FILES = {"KH": "ke_hoach.docx", "BC": "bao_cao.docx"}


def document_xml(kind: str) -> str:
    parts = [
        tag("for dong in dong_dau"),
        para("VBNoiDung", "{{ dong }}"),
        tag("endfor"),
        header_block(),
        para("VBTenLoai", TEN_LOAI[kind]),
        tag("for dong in trich_yeu.split('\\n')"),
        para("VBTrichYeu", "{{ dong }}"),
        tag("endfor"),
        rule("VBKeTrichYeu", 3000, TEXT_W + 2 * CELL_MARGIN),
        *(kinh_gui() if kind == "BC" else []),
        *(ke_hoach_body() if kind == "KH" else bao_cao_body()),
        signature_block(),
        # Word wants a paragraph after a table; this one is 1 pt high so it never adds a page
        '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
        '<w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>',
        tag("for dong in dong_cuoi"),
        para("VBNoiDung", "{{ dong }}"),
        tag("endfor"),
        *appendix(kind),
    ]
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>'
        + "".join(parts)
        + oriented(f"phu_luc|cuoi_ngang(phu_luc_khac{BIEU if kind == 'BC' else ''})")
        + "</w:body></w:document>"
    )


def header_xml(page_number: bool) -> str:
    content = (
        '<w:p><w:pPr><w:pStyle w:val="VBSoTrang"/></w:pPr>'
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>2</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        if page_number
        else '<w:p><w:pPr><w:pStyle w:val="VBSoTrang"/></w:pPr></w:p>'
    )
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr xmlns:w="{W_NS}" xmlns:r="{R_NS}">{content}</w:hdr>'


SETTINGS = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:settings xmlns:w="{W_NS}">'
    '<w:defaultTabStop w:val="720"/><w:autoHyphenation w:val="false"/>'
    '<w:characterSpacingControl w:val="doNotCompress"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
    '<w:themeFontLang w:val="vi-VN"/><w:decimalSymbol w:val=","/><w:listSeparator w:val=";"/></w:settings>'
)
FONT_TABLE = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:fonts xmlns:w="{W_NS}">'
    f'<w:font w:name="{FONT}"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/>'
    '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>'
)
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>'
    '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
    '<Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
    '<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)
PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>"
)
DOCUMENT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
    '<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>'
    '<Relationship Id="rIdFonts" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>'
    '<Relationship Id="rIdHeaderDefault" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header1.xml"/>'
    '<Relationship Id="rIdHeaderFirst" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" Target="header2.xml"/>'
    '<Relationship Id="rIdFootnotes" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
    "</Relationships>"
)
CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    "<dc:title>Kế hoạch (mẫu vanban, Nghị định 30/2020/NĐ-CP)</dc:title><dc:creator>vanban</dc:creator>"
    "<dc:language>vi-VN</dc:language></cp:coreProperties>"
)
APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>vanban</Application></Properties>"
)


def build(target: Path, kind: str = "KH") -> None:
    files = {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "docProps/core.xml": CORE,
        "docProps/app.xml": APP,
        "word/document.xml": document_xml(kind),
        "word/_rels/document.xml.rels": DOCUMENT_RELS,
        "word/styles.xml": styles_xml(),
        "word/settings.xml": SETTINGS,
        "word/fontTable.xml": FONT_TABLE,
        "word/header1.xml": header_xml(page_number=True),
        "word/header2.xml": header_xml(page_number=False),
        "word/footnotes.xml": _footnotes_xml([]).decode("utf-8"),  # Word's separators; a document's notes replace it
    }
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in files.items():
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(info, content.encode("utf-8"))


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "templates"
    for code, name in FILES.items():
        build(folder / name, code)
        print(folder / name)
        for path in build_cache(folder / name):  # the compiled form the package loads instead of compiling
            print(path)
