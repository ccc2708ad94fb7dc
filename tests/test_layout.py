"""Layout as a clerk sees it: every one of the 34 provinces and cities (2025 names) with long department names and
the longest place names, rendered, converted by LibreOffice and read back from the PDF. The names and the phrases
that must stay on one line are written here by hand."""

from __future__ import annotations

import re
import shutil
import subprocess
import warnings
from datetime import date
from pathlib import Path

import pytest
from conftest import EXAMPLE

import vanban

# (superior body as the header writes it, place name of the date line): the 6 cities and 28 provinces of 2025
UNITS = [
    ("UBND THÀNH PHỐ HÀ NỘI", "Hà Nội"),
    ("UBND THÀNH PHỐ HUẾ", "Huế"),
    ("UBND THÀNH PHỐ HẢI PHÒNG", "Hải Phòng"),
    ("ỦY BAN NHÂN DÂN THÀNH PHỐ ĐÀ NẴNG", "Đà Nẵng"),
    ("UBND THÀNH PHỐ HỒ CHÍ MINH", "Thành phố Hồ Chí Minh"),
    ("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", "Thành phố Hồ Chí Minh"),
    ("UBND THÀNH PHỐ CẦN THƠ", "Cần Thơ"),
    ("UBND TỈNH TUYÊN QUANG", "Tuyên Quang"),
    ("ỦY BAN NHÂN DÂN TỈNH CAO BẰNG", "Cao Bằng"),
    ("UBND TỈNH LAI CHÂU", "Lai Châu"),
    ("UBND TỈNH LÀO CAI", "Lào Cai"),
    ("ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN", "Thái Nguyên"),
    ("UBND TỈNH ĐIỆN BIÊN", "Điện Biên"),
    ("UBND TỈNH LẠNG SƠN", "Lạng Sơn"),
    ("UBND TỈNH SƠN LA", "Sơn La"),
    ("ỦY BAN NHÂN DÂN TỈNH PHÚ THỌ", "Phú Thọ"),
    ("UBND TỈNH BẮC NINH", "Bắc Ninh"),
    ("UBND TỈNH QUẢNG NINH", "Quảng Ninh"),
    ("UBND TỈNH HƯNG YÊN", "Hưng Yên"),
    ("UBND TỈNH NINH BÌNH", "Ninh Bình"),
    ("ỦY BAN NHÂN DÂN TỈNH THANH HÓA", "Thanh Hóa"),
    ("UBND TỈNH NGHỆ AN", "Nghệ An"),
    ("UBND TỈNH HÀ TĨNH", "Hà Tĩnh"),
    ("UBND TỈNH QUẢNG TRỊ", "Quảng Trị"),
    ("UBND TỈNH QUẢNG NGÃI", "Quảng Ngãi"),
    ("UBND TỈNH GIA LAI", "Gia Lai"),
    ("ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA", "Khánh Hòa"),
    ("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", "Lâm Đồng"),
    ("UBND TỈNH ĐẮK LẮK", "Đắk Lắk"),
    ("UBND TỈNH ĐỒNG NAI", "Đồng Nai"),
    ("UBND TỈNH TÂY NINH", "Tây Ninh"),
    ("UBND TỈNH VĨNH LONG", "Vĩnh Long"),
    ("UBND TỈNH ĐỒNG THÁP", "Đồng Tháp"),
    ("UBND TỈNH CÀ MAU", "Cà Mau"),
    ("ỦY BAN NHÂN DÂN TỈNH AN GIANG", "An Giang"),
]
# departments, each with the phrases a person never breaks
DEPARTMENTS = {
    "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG": ["NÔNG NGHIỆP", "MÔI TRƯỜNG"],
    "SỞ KHOA HỌC VÀ CÔNG NGHỆ": ["KHOA HỌC", "CÔNG NGHỆ"],
    "BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP": ["QUẢN LÝ", "KHU CÔNG NGHIỆP"],
    "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH": ["VĂN HÓA", "THỂ THAO", "DU LỊCH"],
    "SỞ GIÁO DỤC VÀ ĐÀO TẠO": ["GIÁO DỤC", "ĐÀO TẠO"],
    "HỘI ĐỒNG QUẢN LÝ QUỸ BẢO VỆ VÀ PHÁT TRIỂN RỪNG": ["QUẢN LÝ", "BẢO VỆ", "PHÁT TRIỂN RỪNG"],
}
LEVELS = ("TỈNH", "THÀNH PHỐ")

needs_pdf = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None, reason="cần LibreOffice và poppler-utils"
)


def _lines(pdf: Path) -> list[tuple[float, float, float, str]]:
    """Page 1's lines as (left, right, top, text), read by poppler's own layout analysis."""
    xml = subprocess.run(
        ["pdftotext", "-bbox-layout", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    out = []
    pattern = r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>(.*?)</line>'
    for line in re.finditer(pattern, xml, re.S):
        words = re.findall(r"<word[^>]*>([^<]*)</word>", line[4])
        out.append((float(line[1]), float(line[3]), float(line[2]), " ".join(words)))
    return out


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tinh")
    plan = vanban.load(EXAMPLE)
    made = []
    for number, (superior, place) in enumerate(UNITS):
        department = list(DEPARTMENTS)[number % len(DEPARTMENTS)]
        issued = date(2024, 12, 29) if number % 2 == 0 else vanban.NgayDuThao(nam=2025)
        agency = plan.co_quan.model_copy(update={"chu_quan": [superior], "ten": [department]})
        document = plan.model_copy(update={"co_quan": agency, "dia_danh": place, "ngay_ban_hanh": issued})
        path = folder / f"{number:02d}.docx"
        vanban.render(document, path)
        made.append((path, superior, department, place, issued))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", vanban.FontWarning)  # Liberation Serif here, metric-identical
        converted = vanban.to_pdf([path for path, *_ in made], folder)
    return [(converted[path], *rest) for path, *rest in made]


@needs_pdf
def test_no_header_or_date_line_wraps_in_any_province(pdfs):
    for pdf, superior, department, place, issued in pdfs:
        lines = _lines(pdf)
        title = next(y for _, _, y, text in lines if text == "KẾ HOẠCH")
        header = [line for line in lines if line[2] < title]
        right_edge = next(x for x, _, _, text in header if text.startswith("CỘNG HÒA"))
        number_y = next(y for _, _, y, text in header if text.startswith("Số:"))
        left = [text for _, x_max, y, text in header if x_max <= right_edge and y < number_y]
        where = f"{pdf.name} ({superior} / {department})"
        assert " ".join(left) == f"{superior} {department}", where  # nothing split inside a word, nothing lost
        for phrase in DEPARTMENTS[department]:
            assert any(phrase in line for line in left), (where, phrase)
        level = next(word for word in LEVELS if f" {word} " in f" {superior} ")
        place_name = superior[superior.index(level) :]
        assert any(place_name in line for line in left), (where, "the place name after the level word stays whole")
        rows: dict[int, list[tuple[float, str]]] = {}  # poppler cuts a line at a draft's wide blanks: join again
        for x, x_max, y, text in header:
            if x_max > right_edge:
                rows.setdefault(round(y), []).append((x, text))
        right = [" ".join(text for _, text in sorted(row)) for _, row in sorted(rows.items())]
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right and "Độc lập - Tự do - Hạnh phúc" in right, where
        date_line = next(text for text in right if text.startswith(f"{place},"))
        expected = "ngày 29 tháng 12 năm 2024" if isinstance(issued, date) else "năm 2025"
        assert date_line.endswith(expected), (where, date_line)


@needs_pdf
def test_the_checker_agrees_with_the_pictures(pdfs):
    for pdf, *_ in pdfs:
        result = vanban.check(pdf.with_suffix(".docx"))
        assert not [f for f in result.findings if f.rule in ("ND30-LAYOUT-04", "ND30-LAYOUT-05", "ND30-LAYOUT-06")]


@needs_pdf
def test_a_pdf_in_another_font_is_named(tmp_path):
    from vanban._pdf import pdf_fonts

    source = tmp_path / "kh.docx"
    vanban.render(vanban.load(EXAMPLE), source)
    with pytest.warns(vanban.FontWarning) as caught:
        made = vanban.to_pdf([source], tmp_path)[source]
    fonts = pdf_fonts(made.read_bytes())
    if any("times" in font.lower() for font in fonts):
        pytest.skip("this machine has Times New Roman")
    message = str(caught[0].message)
    assert all(font in message for font in fonts) and "thay cho Times New Roman" in message and "fc-cache" in message


def test_the_fonts_a_pdf_names():
    from vanban._pdf import pdf_fonts

    data = b"%PDF-1.4 1 0 obj <</Type/Font/BaseFont/ABCDEF+TimesNewRomanPS-BoldMT>> /BaseFont /Arial,Bold"
    assert pdf_fonts(data) == ["TimesNewRomanPS-BoldMT", "Arial,Bold"]


# --- the pieces, measured in the Word file -------------------------------------------------------------------
def _header_widths(data: bytes) -> tuple[list[int], list[str]]:
    from docx_xml import Docx, q

    doc = Docx(data)
    table = doc.document.find(f"{q('body')}/{q('tbl')}")
    widths = [int(c.get(q("w"))) for c in table.findall(f"{q('tblGrid')}/{q('gridCol')}")]
    date_runs = [r for r in table.iter(q("r")) if "ngày" in "".join(t.text or "" for t in r.iter(q("t")))]
    sizes = [r.find(f"{q('rPr')}/{q('sz')}").get(q("val")) for r in date_runs]
    return widths, sizes


def _variant(**changes: object) -> vanban.KeHoach:
    plan = vanban.load(EXAMPLE)
    agency = {k: changes.pop(k) for k in ("chu_quan", "ten") if k in changes}
    return plan.model_copy(update={"co_quan": plan.co_quan.model_copy(update=agency), **changes})


def test_the_right_column_grows_for_a_long_date_and_the_date_shrinks_only_when_it_must():
    from vanban._metrics import text_width

    normal, normal_sizes = _header_widths(vanban.render_bytes(_variant()))
    assert normal == [4217, 5250] and normal_sizes == ["28"]  # the template's columns, date at 14 pt
    long_place = _variant(dia_danh="Thành phố Hồ Chí Minh", ngay_ban_hanh=date(2024, 12, 29))
    widths, sizes = _header_widths(vanban.render_bytes(long_place))
    assert sum(widths) == 9467 and widths[1] > 5250
    date_line = "Thành phố Hồ Chí Minh, ngày 29 tháng 12 năm 2024"
    assert text_width(date_line, int(sizes[0]) / 2, italic=True) <= widths[1] - 2 * 57
    # the left column keeps the superior's place name on one line
    assert widths[0] - 2 * 57 >= text_width("THÀNH PHỐ HỒ CHÍ MINH", 13)
    assert sizes == ["26"]  # 14 pt cannot fit beside the left column's minimum: 13 pt, which the decree allows


def test_a_draft_date_keeps_its_blanks_unless_the_place_needs_the_room():
    from docx_xml import Docx

    lines = Docx(vanban.render_bytes(_variant(ngay_ban_hanh=vanban.NgayDuThao(nam=2025)))).text_lines()
    assert "Lạng Sơn, ngày " + "\u00a0" * 6 + " tháng " + "\u00a0" * 6 + " năm 2025" in lines
    far = _variant(dia_danh="Thành phố Hồ Chí Minh", ngay_ban_hanh=vanban.NgayDuThao(nam=2025))
    lines = Docx(vanban.render_bytes(far)).text_lines()
    date_line = next(line for line in lines if line.startswith("Thành phố Hồ Chí Minh, ngày"))
    assert date_line.count("\u00a0") < 12 and date_line.endswith("năm 2025")
    assert vanban.parse(vanban.render_bytes(far)).ngay_ban_hanh == vanban.NgayDuThao(nam=2025)


def test_long_names_break_where_a_person_would_and_read_back_whole():
    from docx_xml import Docx

    plan = _variant(chu_quan=["UBND TỈNH QUẢNG TRỊ"], ten=["HỘI ĐỒNG QUẢN LÝ QUỸ BẢO VỆ VÀ PHÁT TRIỂN RỪNG"])
    data = vanban.render_bytes(plan)
    lines = Docx(data).text_lines()
    assert lines[:3] == ["UBND TỈNH QUẢNG TRỊ", "HỘI ĐỒNG QUẢN LÝ QUỸ", "BẢO VỆ VÀ PHÁT TRIỂN RỪNG"]  # not BẢO / VỆ
    read = vanban.parse(data).co_quan
    assert (read.chu_quan, read.ten) == (plan.co_quan.chu_quan, plan.co_quan.ten)


def test_trich_yeu_broken_before_a_phrase_and_read_back_as_written():
    from docx_xml import Docx

    summary = (
        "Triển khai thực hiện nhiệm vụ trọng tâm của Sở Khoa học và Công nghệ tỉnh Lạng Sơn về phát triển thị "
        "trường khoa học và công nghệ năm 2024"
    )
    data = vanban.render_bytes(_variant(trich_yeu=summary))
    lines = [line for line in Docx(data).text_lines() if line]
    at = lines.index("KẾ HOẠCH") + 1
    assert lines[at : at + 3] == [
        "Triển khai thực hiện nhiệm vụ trọng tâm",
        "của Sở Khoa học và Công nghệ tỉnh Lạng Sơn",
        "về phát triển thị trường khoa học và công nghệ năm 2024",
    ]
    assert vanban.parse(data).trich_yeu == summary  # the breaks are the renderer's, not the document's words
    own = "Dòng thứ nhất\nDòng thứ hai"
    assert vanban.parse(vanban.render_bytes(_variant(trich_yeu=own))).trich_yeu == own


def test_styles_keep_headings_with_what_follows_and_control_widows():
    from docx_xml import Docx, q

    doc = Docx(vanban.render_bytes(vanban.load(EXAMPLE)))
    defaults = doc.styles.find(f"{q('docDefaults')}/{q('pPrDefault')}/{q('pPr')}")
    assert defaults.find(q("widowControl")) is not None
    for style_id in ("VBMuc", "VBKhoan"):
        style = next(s for s in doc.styles.findall(q("style")) if s.get(q("styleId")) == style_id)
        ppr = style.find(q("pPr"))
        assert ppr.find(q("keepNext")) is not None and ppr.find(q("jc")).get(q("val")) == "left"
    recipient = next(s for s in doc.styles.findall(q("style")) if s.get(q("styleId")) == "VBNoiNhanMuc")
    indent = recipient.find(f"{q('pPr')}/{q('ind')}")
    assert int(indent.get(q("hanging"))) > 0 and indent.get(q("hanging")) == indent.get(q("left"))


def test_appendix_reference_names_the_issuer_and_fields_say_b_nhiem_vu():
    from docx_xml import Docx

    table = vanban.PhuLuc(
        tieu_de="DANH MỤC NHIỆM VỤ NĂM 2024",
        nhom=[
            vanban.NhomNhiemVu(ten="Nhiệm vụ chung", nhiem_vu=[vanban.NhiemVu(ten="Tuyên truyền", chu_tri="Văn phòng")])
        ],
    )
    areas = [
        vanban.LinhVuc(
            ten="Cải cách thể chế",
            muc_tieu=["100% văn bản được rà soát."],
            nhiem_vu=[vanban.NhiemVu(ten="Rà soát văn bản", chu_tri="Sở Tư pháp")],
        )
    ]
    plan = _variant(nhiem_vu=[], linh_vuc=areas, phu_luc=table)
    data = vanban.render_bytes(plan)
    lines = Docx(data).text_lines()
    assert "(Kèm theo Kế hoạch số 19/KH-SKHCN ngày 31 tháng 01 năm 2024 của Sở Khoa học và Công nghệ)" in lines
    at = lines.index("1. Cải cách thể chế")
    assert lines[at : at + 5] == [
        "1. Cải cách thể chế",
        "a) Mục tiêu",
        "- 100% văn bản được rà soát.",
        "b) Nhiệm vụ",
        "1.1. Rà soát văn bản",
    ]
    again = vanban.parse_detailed(data)
    assert again.model == plan and not [n for n in again.notes if n.guess]
