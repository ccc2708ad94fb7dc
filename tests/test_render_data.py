"""Rendering data that is not the seed: hard characters, empty fields, other plan shapes, other templates."""

from __future__ import annotations

import io
import unicodedata
import zipfile

import pytest
from docx_xml import Docx, q

import vanban
from vanban._errors import TemplateError
from vanban._render import Template, bundled_template
from vanban.text import BLANK

HARD = "Sở KH&CN <Đề án> \"A\" 'B' Đ đ – 100% & 5 < 6 > 4"


def plan(**changes):
    data = {
        "co_quan": {"chu_quan": ["Ủy ban nhân dân", "tỉnh Lâm Đồng"], "ten": "Sở Nội vụ", "viet_tat": "SNV"},
        "so_ky_hieu": "/KH-SNV",
        "dia_danh": "Lâm Đồng",
        "ngay_ban_hanh": {"nam": 2025, "thang": 12},
        "nam": 2026,
        "trich_yeu": "Cải cách hành chính năm 2026",
        "nguoi_ky": {"chuc_vu": ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]},
        "noi_nhan": {"luu": "VT, VP"},
    }
    data.update(changes)
    return vanban.KeHoach.model_validate(data)


def lines(model, template=None) -> list[str]:
    return Docx(vanban.render_bytes(model, template)).text_lines()


def test_hard_characters_survive():
    nfd = unicodedata.normalize("NFD", "Nghiệm thu kết quả Đề tài")
    long_line = "Triển khai " * 400
    model = plan(
        trich_yeu=HARD,
        mo_dau=[HARD, nfd, long_line],
        nhiem_vu=[{"ten": HARD, "chu_tri": HARD, "phoi_hop": ["A & B", "<C>"], "ket_qua": HARD}],
        noi_nhan={"danh_sach": [f"{HARD} (b/c)"], "luu": "VT, KH&QLCN (02b)"},
    )
    text = lines(model)
    assert text.count(HARD) == 2  # trích yếu and the opening paragraph
    assert unicodedata.normalize("NFC", nfd) in text
    assert " ".join(long_line.split()) in text
    assert f"1. Nhiệm vụ 1: {HARD}" in text
    assert f"- Bộ phận chủ trì tham mưu: {HARD}" in text
    assert "- Bộ phận phối hợp: A & B; <C>" in text
    assert f"- {HARD} (b/c);" in text
    assert "- Lưu: VT, KH&QLCN (02b)." in text


def test_empty_optional_fields_leave_no_trace():
    text = lines(plan())
    assert "KẾ HOẠCH" in text
    assert not [line for line in text if line.startswith(("I.", "II.", "- Bộ phận", "None"))]
    assert "None" not in " ".join(text)


def test_draft_blanks():
    text = lines(plan())
    assert f"Số: {BLANK}/KH-SNV" in text
    assert f"Lâm Đồng, ngày {BLANK} tháng 12 năm 2025" in text
    assert ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"] == [t for t in text if "GIÁM ĐỐC" in t]


def grouped_plan():
    return plan(
        can_cu=[
            {
                "dan_nhap": "Căn cứ",
                "van_ban": {
                    "loai": "Nghị quyết",
                    "so_ky_hieu": "76/NQ-CP",
                    "ngay": "15/07/2021",
                    "co_quan": "Chính phủ",
                    "trich_yeu": "ban hành Chương trình tổng thể",
                },
            },
            {
                "dan_nhap": "Căn cứ",
                "van_ban": {
                    "loai": "Chỉ thị",
                    "so_ky_hieu": "23/CT-TTg",
                    "ngay": "02/09/2021",
                    "co_quan": "Thủ tướng Chính phủ",
                },
            },
        ],
        mo_dau=["Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:"],
        linh_vuc=[
            {
                "ten": "Cải cách thể chế",
                "muc_tieu": ["100% văn bản được kiểm tra theo quy định."],
                "nhiem_vu": ["Thường xuyên kiểm tra, rà soát văn bản."],
            },
            {"ten": "Công tác chỉ đạo, điều hành", "doan": ["a) Quán triệt đến cán bộ.", "b) Bố trí nguồn lực."]},
        ],
        ghi_chu_nhiem_vu="(Phân công nhiệm vụ theo Phụ lục đính kèm)",
        to_chuc_thuc_hien=[
            {"tieu_de": "Công tác triển khai", "doan": ["a) Các sở xây dựng kế hoạch."]},
            {"tieu_de": "Kinh phí thực hiện", "doan": ["Từ ngân sách nhà nước./."]},
        ],
        phu_luc={
            "tieu_de": "PHÂN CÔNG THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026",
            "nhom": [
                {
                    "ten": "Cải cách thể chế",
                    "nhiem_vu": [
                        {
                            "ten": "Kiểm tra văn bản",
                            "ket_qua": "Kết quả kiểm tra",
                            "thoi_gian": "Thường xuyên trong năm",
                            "chu_tri": "Sở Tư pháp",
                            "phoi_hop": ["Các sở"],
                            "theo_doi": "Sở Tư pháp",
                        }
                    ],
                },
                {
                    "ten": "Cải cách thủ tục hành chính",
                    "nhiem_vu": [
                        {"ten": "Công bố thủ tục", "chu_tri": "Các sở, ban, ngành"},
                        {"ten": "Một cửa", "thoi_gian": "Quý IV/2026"},
                    ],
                },
            ],
        },
    )


def test_grouped_plan_with_appendix():
    doc = Docx(vanban.render_bytes(grouped_plan()))
    text = [line for line in doc.text_lines() if line]
    assert text[text.index("KẾ HOẠCH") + 2 :][:3] == [
        "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể;",
        "Căn cứ Chỉ thị số 23/CT-TTg ngày 02/9/2021 của Thủ tướng Chính phủ;",
        "Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:",
    ]
    for expected in [
        "I. NỘI DUNG THỰC HIỆN",
        "1. Cải cách thể chế",
        "a) Mục tiêu",
        "- 100% văn bản được kiểm tra theo quy định.",
        "b) Nhiệm vụ",
        "- Thường xuyên kiểm tra, rà soát văn bản.",
        "2. Công tác chỉ đạo, điều hành",
        "a) Quán triệt đến cán bộ.",
        "(Phân công nhiệm vụ theo Phụ lục đính kèm)",
        "II. TỔ CHỨC THỰC HIỆN",
        "1. Công tác triển khai",
        "2. Kinh phí thực hiện",
        "Phụ lục",
        "PHÂN CÔNG THỰC HIỆN NHIỆM VỤ CẢI CÁCH HÀNH CHÍNH NĂM 2026",
        f"(Kèm theo Kế hoạch số {BLANK}/KH-SNV ngày {BLANK} tháng 12 năm 2025 của Sở Nội vụ)",  # ten_goi from \"Sở Nội vụ\"
    ]:
        assert expected in text
    # the appendix is its own section: landscape, numbered from 1, header row repeated
    sections = list(doc.document.iter(q("sectPr")))
    assert len(sections) == 2
    main, appendix = sections
    assert main.find(q("pgSz")).get(q("orient")) is None
    assert appendix.find(q("pgSz")).get(q("orient")) == "landscape"
    assert int(appendix.find(q("pgSz")).get(q("w"))) > int(appendix.find(q("pgSz")).get(q("h")))
    assert appendix.find(q("pgNumType")).get(q("start")) == "1"
    table = doc.document.findall(f"{q('body')}/{q('tbl')}")[-1]
    rows = table.findall(q("tr"))
    assert rows[0].find(f"{q('trPr')}/{q('tblHeader')}") is not None
    cells = [[("".join(tc.itertext())) for tc in row.findall(q("tc"))] for row in rows]
    assert cells[1][:2] == ["I", "Cải cách thể chế"]
    assert cells[2] == [
        "1",
        "Kiểm tra văn bản",
        "Kết quả kiểm tra",
        "Thường xuyên trong năm",
        "Sở Tư pháp",
        "Các sở",
        "Sở Tư pháp",
    ]
    assert cells[3][:2] == ["II", "Cải cách thủ tục hành chính"]
    assert cells[5][:4] == ["2", "Một cửa", "", "Quý IV năm 2026"]


def edited_template(path, old: bytes, new: bytes):
    """A copy of the bundled plan template with one piece of its document.xml replaced."""
    with zipfile.ZipFile(io.BytesIO(bundled_template("KH")._bytes)) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            if item.filename == "word/document.xml":
                assert old in content
                content = content.replace(old, new)
            dst.writestr(item, content)
    return path


def test_custom_template_is_sandboxed(tmp_path):
    evil = edited_template(
        tmp_path / "evil.docx", b"{{ dia_danh }}", b"{{ dia_danh.__class__.__mro__[1].__subclasses__() }}"
    )
    with pytest.raises(TemplateError, match="evil.docx"):
        vanban.render_bytes(plan(), evil)


def test_custom_template_renders(tmp_path, example_plan):
    changed = edited_template(tmp_path / "mau.docx", "KẾ HOẠCH".encode(), "KẾ HOẠCH (DỰ THẢO)".encode())
    assert "KẾ HOẠCH (DỰ THẢO)" in lines(example_plan, changed)
    assert "KẾ HOẠCH (DỰ THẢO)" in lines(example_plan, Template(changed))


def test_template_with_unknown_variable(tmp_path, example_plan):
    bad = edited_template(tmp_path / "bad.docx", b"{{ dia_danh }}", b"{{ dia_diem }}")
    with pytest.raises(TemplateError, match="dia_diem"):
        vanban.render_bytes(example_plan, bad)


@pytest.mark.parametrize("content", [b"", b"not a zip", b"PK\x03\x04broken"])
def test_template_that_is_not_a_docx(tmp_path, content, example_plan):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(content)
    with pytest.raises(TemplateError, match="không phải tài liệu Word"):
        vanban.render_bytes(example_plan, bad)


def test_a_long_agency_line_is_broken_where_a_person_breaks_it():
    """One line written, too wide for the header column: printed on two lines, broken before the level word (a
    line break in its paragraph); read back as the one line that was written."""
    from docx_xml import Docx

    long_name = plan(
        co_quan={
            "chu_quan": "Ủy ban nhân dân tỉnh Lâm Đồng",
            "ten": "Sở Nông nghiệp và Môi trường",
            "viet_tat": "SNNMT",
        }
    )
    lines = Docx(vanban.render_bytes(long_name)).text_lines()
    assert lines[:4] == ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "SỞ NÔNG NGHIỆP", "VÀ MÔI TRƯỜNG"]
    read = vanban.parse(vanban.render_bytes(long_name))
    assert read.co_quan.chu_quan == ["ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"]
    assert read.co_quan.ten == ["SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"]
    assert not vanban.check(vanban.render_bytes(long_name)).rules("E", "W") & {
        "ND30-LAYOUT-06",
        "ND30-CQ-04",
        "ND30-CQ-05",
    }
