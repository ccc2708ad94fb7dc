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
) -> str:
    parts = []
    if keep_next:
        parts.append("<w:keepNext/>")
    if border_bottom:
        parts.append('<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>')
    parts.append(f'<w:spacing w:before="{before}" w:after="{after}" w:line="{line}" w:lineRule="auto"/>')
    if ind is not None:
        parts.append(f'<w:ind w:left="{ind[0]}" w:right="{ind[1]}"/>')
    elif first_line is not None:
        parts.append(f'<w:ind w:left="0" w:right="0" w:firstLine="{first_line}"/>')
    if jc:
        parts.append(f'<w:jc w:val="{jc}"/>')
    return "<w:pPr>" + "".join(parts) + "</w:pPr>"


# (style id, name, paragraph properties, run properties); every component its own style.
BODY = dict(jc="both", after=BODY_AFTER, line=BODY_LINE, first_line=FIRST_LINE[0])
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
    ("VBKinhGuiNhan", "VB Kinh gui nhan", _ppr("left", before=120, ind=(1701, 0)), _rpr(14)),
    ("VBKinhGuiMuc", "VB Kinh gui muc", _ppr("left", ind=(2835, 0)), _rpr(14)),
    ("VBCanCu", "VB Can cu", _ppr(**BODY), _rpr(14, italic=True)),
    ("VBMoDau", "VB Mo dau", _ppr(**BODY), _rpr(14)),
    ("VBNoiDung", "VB Noi dung", _ppr(**BODY), _rpr(14)),
    ("VBMuc", "VB Muc", _ppr(**BODY, keep_next=True), _rpr(14, bold=True)),
    ("VBKhoan", "VB Khoan", _ppr(**BODY, keep_next=True), _rpr(14, bold=True)),
    ("VBDiem", "VB Diem", _ppr(**BODY, keep_next=True), _rpr(14)),
    ("VBKetLuan", "VB Ket luan", _ppr(**BODY, keep_next=True), _rpr(14)),
    ("VBNoiNhan", "VB Noi nhan", _ppr("left"), _rpr(SIZE["noi_nhan_nhan"], bold=True, italic=True)),
    ("VBNoiNhanMuc", "VB Noi nhan muc", _ppr("left"), _rpr(SIZE["noi_nhan"])),
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
        '<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>',
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
        cell(RIGHT_COL, para("VBDiaDanhNgay", "{{ dia_danh }}, {{ ngay_ban_hanh|ngay_thang }}")),
    )
    return borderless_table([LEFT_COL, RIGHT_COL], [row(left, right), second], HEADER_INDENT)


def label(name: str, value: str | None) -> str:
    """``- *Nhãn:* giá trị`` with the label in italics, as plans write a task's fields."""
    runs = [run("- "), run(name + ":", italic=True)]
    if value:
        runs.append(run(" " + value))
    return para("VBNoiDung", *runs)


def khoan_list(field: str) -> list[str]:
    """Paragraphs and titled khoản (numbered 1., 2., …) of a free section."""
    return [
        tag("set ns.khoan = 0"),
        tag(f"for muc in {field}"),
        tag("if muc is string"),
        para("VBNoiDung", "{{ muc }}"),
        tag("else"),
        tag("set ns.khoan = ns.khoan + 1"),
        para("VBKhoan", "{{ ns.khoan }}. {{ muc.tieu_de }}"),
        tag("for doan in muc.doan"),
        para("VBNoiDung", "{{ doan }}"),
        tag("endfor"),
        tag("endif"),
        tag("endfor"),
    ]


def muc(title: str) -> list[str]:
    return [tag("set ns.muc = ns.muc + 1"), para("VBMuc", "{{ ns.muc|la_ma }}. {{ " + title + " }}")]


def opening() -> list[str]:
    """Căn cứ lines (italic) and the lead-in paragraphs, shared by every document type."""
    return [
        tag("set ns = namespace(muc=0, khoan=0, linh_vuc=0)"),
        tag("for doan in can_cu|doan_can_cu(trinh_bay_can_cu)"),
        para("VBCanCu", "{{ doan }}"),
        tag("endfor"),
        tag("for doan in mo_dau|doan_mo_dau(can_cu, trinh_bay_can_cu)"),
        para("VBMoDau", "{{ doan }}"),
        tag("endfor"),
    ]


def others(after: str) -> list[str]:
    """Sections with no typed field of their own, kept where they stood (after a typed section)."""
    return [
        tag(f"for khac in muc_khac if khac.sau == '{after}'"),
        *muc("khac.tieu_de"),
        *khoan_list("khac.noi_dung"),
        tag("endfor"),
    ]


def task_details() -> list[str]:
    """The labelled lines of a task ``nv`` (chủ trì, phối hợp, thời gian, nội dung, kết quả)."""
    return [
        tag("if nv.chuyen_tiep"),
        para("VBNoiDung", "- Nhiệm vụ chuyển tiếp từ năm {{ nv.chuyen_tiep }}."),
        tag("endif"),
        tag("if nv.chu_tri"),
        label("{{ nhan.chu_tri }}", "{{ nv.chu_tri }}"),
        tag("endif"),
        tag("if nv.phoi_hop"),
        label("{{ nhan.phoi_hop }}", "{{ nv.phoi_hop|join('; ') }}"),
        tag("endif"),
        tag("if nv.thoi_gian"),
        label("{{ nv.thoi_gian.nhan if nv.thoi_gian.han else nhan.thoi_gian }}", "{{ nv.thoi_gian }}"),
        tag("endif"),
        tag("if nv.hoat_dong"),
        label("{{ nhan.hoat_dong }}", None),
        tag("for hd in nv.hoat_dong"),
        '<w:p><w:pPr><w:pStyle w:val="VBNoiDung"/></w:pPr>'
        + run("+ {{ hd.noi_dung }}{% if hd.thoi_gian %} ")
        + run("{{ hd.thoi_gian.nhan }}:", italic=True)
        + run(" {{ hd.thoi_gian }}{{ '.' if loop.last else ';' }}{% endif %}")
        + "</w:p>",
        tag("endfor"),
        tag("endif"),
        tag("if nv.ket_qua"),
        label("{{ nhan.ket_qua }}", "{{ nv.ket_qua }}"),
        tag("endif"),
    ]


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
        tag("for nv in nhiem_vu"),
        para(
            "VBKhoan",
            "{{ loop.index }}. {% if nhan.nhiem_vu %}{{ nhan.nhiem_vu }} {{ loop.index }}: {% endif %}{{ nv.ten }}",
        ),
        *task_details(),
        tag("endfor"),
        tag("for lv in linh_vuc"),
        para("VBKhoan", "{{ loop.index }}. {{ lv.ten }}"),
        tag("if lv.muc_tieu"),
        para("VBDiem", "a) Mục tiêu"),
        tag("for mt in lv.muc_tieu"),
        para("VBNoiDung", "- {{ mt }}"),
        tag("endfor"),
        tag("endif"),
        tag("if lv.nhiem_vu|co_chi_tiet"),
        tag("set ns.linh_vuc = loop.index"),
        tag("for nv in lv.nhiem_vu"),
        para("VBKhoan", "{{ ns.linh_vuc }}.{{ loop.index }}. {{ nv.ten }}"),
        *task_details(),
        tag("endfor"),
        tag("elif lv.nhiem_vu"),
        para("VBDiem", "{{ 'b' if lv.muc_tieu else 'a' }}) Nhiệm vụ"),
        tag("for nv in lv.nhiem_vu"),
        para("VBNoiDung", "- {{ nv.ten }}"),
        tag("endfor"),
        tag("endif"),
        tag("for doan in lv.doan"),
        para("VBNoiDung", "{{ doan }}"),
        tag("endfor"),
        tag("endfor"),
        tag("if ghi_chu_nhiem_vu"),
        para("VBNoiDung", "{{ ghi_chu_nhiem_vu }}"),
        tag("endif"),
        *others("nhiem_vu"),
        # Kinh phí, tổ chức thực hiện
        tag("if kinh_phi"),
        *muc("tieu_de.kinh_phi"),
        *khoan_list("kinh_phi"),
        tag("endif"),
        *others("kinh_phi"),
        tag("if to_chuc_thuc_hien"),
        *muc("tieu_de.to_chuc_thuc_hien"),
        *khoan_list("to_chuc_thuc_hien"),
        tag("endif"),
        *others("to_chuc_thuc_hien"),
        tag("if ket_luan"),
        para("VBKetLuan", "{{ ket_luan }}"),
        tag("endif"),
    ]
    return parts


def bao_cao_body() -> list[str]:
    """I. results per task, II. shortcomings, III. next period's tasks, IV. proposals (spec §8.2)."""
    return [
        *opening(),
        *others("mo_dau"),
        tag("if tong_quan or ket_qua"),
        *muc("tieu_de.ket_qua"),
        tag("for doan in tong_quan"),
        para("VBNoiDung", "{{ doan }}"),
        tag("endfor"),
        tag("for kq in ket_qua"),
        para("VBKhoan", "{{ loop.index }}. Nhiệm vụ {{ kq.so }}: {{ kq.ten }}"),
        tag("for dong in kq|dong_ket_qua(ky)"),
        para("VBNoiDung", "{{ dong }}"),
        tag("endfor"),
        tag("endfor"),
        tag("endif"),
        *others("ket_qua"),
        tag("if ton_tai"),
        *muc("tieu_de.ton_tai"),
        tag("for doan in ton_tai"),
        para("VBNoiDung", "{{ doan|gach_dau_dong }}"),
        tag("endfor"),
        tag("endif"),
        *others("ton_tai"),
        tag("if nhiem_vu_tiep_theo"),
        *muc("tieu_de.nhiem_vu_tiep_theo"),
        tag("for doan in nhiem_vu_tiep_theo"),
        para("VBNoiDung", "{{ doan|gach_dau_dong }}"),
        tag("endfor"),
        tag("endif"),
        *others("nhiem_vu_tiep_theo"),
        tag("if de_xuat"),
        *muc("tieu_de.de_xuat"),
        tag("for doan in de_xuat"),
        para("VBNoiDung", "{{ doan|gach_dau_dong }}"),
        tag("endfor"),
        tag("endif"),
        *others("de_xuat"),
        tag("if ket_luan"),
        para("VBKetLuan", "{{ ket_luan }}"),
        tag("endif"),
    ]


def kinh_gui() -> list[str]:
    """Ô 9a: one addressee on the line; several, one a line under the colon (ND30-KG-03)."""
    return [
        tag("if kinh_gui|length == 1"),
        para("VBKinhGui", "Kính gửi: {{ kinh_gui[0] }}"),
        tag("elif kinh_gui"),
        para("VBKinhGuiNhan", "Kính gửi:"),
        tag("for noi in kinh_gui"),
        para("VBKinhGuiMuc", "- {{ noi }}{{ '.' if loop.last else ';' }}"),
        tag("endfor"),
        tag("endif"),
    ]


def signature_block() -> str:
    left = cell(
        SIGN_LEFT,
        para("VBNoiNhan", "Nơi nhận:"),
        tag("for nguoi in noi_nhan.danh_sach"),
        para("VBNoiNhanMuc", "- {{ nguoi }};"),
        tag("endfor"),
        para("VBNoiNhanMuc", "- Lưu: {{ noi_nhan.luu }}."),
    )
    right = cell(
        SIGN_RIGHT,
        tag("for dong in nguoi_ky.chuc_vu"),
        para("VBChucVu", "{{ dong }}"),
        tag("endfor"),
        *(para("VBChuKy") for _ in range(4)),
        para("VBHoTen", "{{ nguoi_ky.ho_ten or '' }}"),
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


KH_COLUMNS = [
    ("TT", 700, "{{ ns.nhom|la_ma }}", "{{ loop.index }}"),
    ("Nhiệm vụ", 4200, "{{ nhom.ten }}", "{{ nv.ten }}"),
    ("Sản phẩm", 2700, "", "{{ nv.ket_qua or '' }}"),
    ("Thời gian hoàn thành", 2000, "", "{{ nv.thoi_gian or '' }}"),
    ("Chủ trì", 1700, "", "{{ nv.chu_tri or '' }}"),
    ("Phối hợp", 1700, "", "{{ nv.phoi_hop|join('; ') }}"),
]
KH_COLUMNS.append(
    ("Theo dõi, đôn đốc", LANDSCAPE_TEXT_W - sum(c[1] for c in KH_COLUMNS), "", "{{ nv.theo_doi or '' }}")
)
BC_COLUMNS = [
    ("TT", 700, "", "{{ kq.so }}"),
    ("Nhiệm vụ", 5000, "", "{{ kq.ten }}"),
    ("Chủ trì", 2300, "", "{{ kq.chu_tri or '' }}"),
    ("Chỉ tiêu", 2200, "", "{{ kq.chi_tieu|cot_chi_tieu('ke_hoach') }}"),
    ("Đạt được", 1300, "", "{{ kq.chi_tieu|cot_chi_tieu('dat') }}"),
    ("Tỷ lệ", 1000, "", "{{ kq.chi_tieu|cot_chi_tieu('ty_le') }}"),
]
BC_COLUMNS.append(("Tình trạng", LANDSCAPE_TEXT_W - sum(c[1] for c in BC_COLUMNS), "", "{{ kq.ten_trang_thai }}"))


def _loop_row(statement: str) -> str:
    return f"<w:tr><w:tc><w:p><w:r><w:t>{{%tr {statement} %}}</w:t></w:r></w:p></w:tc></w:tr>"


def _table(columns: list[tuple[str, int, str, str]], rows: str) -> str:
    widths = [c[1] for c in columns]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    head = row(*(cell(w, para("VBBangTieuDe", name)) for name, w, _, _ in columns), header=True, cant_split=True)
    return (
        f'<w:tbl><w:tblPr><w:tblStyle w:val="VBBangKe"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        '<w:tblLayout w:type="fixed"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>{head}{rows}</w:tbl>"
    )


def _data_row(columns: list[tuple[str, int, str, str]]) -> str:
    return row(
        *(cell(w, para("VBBangSo" if i == 0 else "VBBang", text)) for i, (_, w, _, text) in enumerate(columns)),
        cant_split=True,
    )


def appendix(kind: str) -> list[str]:
    """The appendix in a landscape section of its own, numbered from 1, header row repeated."""
    if kind == "KH":
        group = row(*(cell(w, para("VBBangTieuDe", text)) for _, w, text, _ in KH_COLUMNS), cant_split=True)
        rows = (
            _loop_row("set ns.nhom = 0")
            + _loop_row("for nhom in phu_luc.nhom")
            + _loop_row("set ns.nhom = ns.nhom + 1")
            + group
            + _loop_row("for nv in nhom.nhiem_vu")
            + _data_row(KH_COLUMNS)
            + _loop_row("endfor")
            + _loop_row("endfor")
        )
        table, title = _table(KH_COLUMNS, rows), "{{ phu_luc.tieu_de }}"
        note = (
            "{% if phu_luc.ghi_chu %}{{ phu_luc.ghi_chu }}{% else %}(Kèm theo Kế hoạch số "
            "{{ so_ky_hieu|so_van_ban }} {{ ngay_ban_hanh|ngay_thang }}){% endif %}"
        )
    else:
        rows = _loop_row("for kq in ket_qua") + _data_row(BC_COLUMNS) + _loop_row("endfor")
        table, title = _table(BC_COLUMNS, rows), "{{ tieu_de.phu_luc }} {{ ky|viet_hoa }}"
        note = "(Kèm theo Báo cáo số {{ so_ky_hieu|so_van_ban }} {{ ngay_ban_hanh|ngay_thang }})"
    ours = [
        para("VBPhuLuc", "Phụ lục"),
        para("VBPhuLucTieuDe", title),
        para("VBPhuLucGhiChu", note),
        tag("set ns.nhom = 0"),
        table,
        '<w:p><w:pPr><w:pStyle w:val="VBBang"/></w:pPr></w:p>',
    ]
    # ends the main section (portrait); the appendix section starts on a new page
    section_break = f"<w:p><w:pPr>{sect_pr()}</w:pPr></w:p>"
    if kind == "KH":
        return [tag("if phu_luc"), section_break, *ours, tag("endif")]
    # a report read from an existing document keeps that document's own appendix, line by line
    return [
        tag("if phu_luc or phu_luc_khac"),
        section_break,
        tag("if phu_luc"),
        *ours,
        tag("endif"),
        tag("for phan, dong in phu_luc_khac|dong_phu_luc"),
        tag("if phan == 'nhan'"),
        para("VBPhuLuc", "{{ dong }}"),
        tag("elif phan == 'ten'"),
        para("VBPhuLucTieuDe", "{{ dong }}"),
        tag("elif phan == 'ghi_chu'"),
        para("VBPhuLucGhiChu", "{{ dong }}"),
        tag("else"),
        para("VBBang", "{{ dong }}"),
        tag("endif"),
        tag("endfor"),
        tag("endif"),
    ]


TEN_LOAI = {"KH": "KẾ HOẠCH", "BC": "BÁO CÁO"}
FILES = {"KH": "ke_hoach.docx", "BC": "bao_cao.docx"}


def document_xml(kind: str) -> str:
    parts = [
        header_block(),
        para("VBTenLoai", TEN_LOAI[kind]),
        tag("for dong in trich_yeu.splitlines()"),
        para("VBTrichYeu", "{{ dong }}"),
        tag("endfor"),
        rule("VBKeTrichYeu", 3000, TEXT_W + 2 * CELL_MARGIN),
        *(kinh_gui() if kind == "BC" else []),
        *(ke_hoach_body() if kind == "KH" else bao_cao_body()),
        signature_block(),
        # Word wants a paragraph after a table; this one is 1 pt high so it never adds a page
        '<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="20" w:lineRule="exact"/>'
        '<w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>',
        *appendix(kind),
    ]
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>'
        + "".join(parts)
        + sect_pr()
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
