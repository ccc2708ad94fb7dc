"""For every rule: a document that breaks exactly that rule, and the rule (only that one) fires."""

from __future__ import annotations

import pytest
from builder import make_docx

import vanban

HEADINGS = ["I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "a) Nội dung", "b) Yêu cầu", "2. Yêu cầu", "II. TỔ CHỨC THỰC HIỆN"]
REPORT = {
    "ten_loai": "BÁO CÁO",
    "so": "Số: 05/BC-SNV",
    "trich_yeu": "Kết quả công tác quý I năm 2024",
    "closing": "Trên đây là báo cáo của Sở Nội vụ./.",
}


def test_a_correct_document_passes():
    result = vanban.check(make_docx())
    assert result.findings == [] and result.ok and result.kind == "KH" and not result.draft


CASES = [
    # page
    ("ND30-PAGE-01", "E", {"page": (216, 279)}),
    ("ND30-PAGE-02", "E", {"landscape": True}),
    ("ND30-PAGE-02", "W", {"appendix": "section", "appendix_table": False}),
    ("ND30-PAGE-03", "E", {"margins": {"top": 20, "bottom": 20, "left": 25, "right": 15}}),
    ("ND30-PAGE-04", "E", {"font": "Arial"}),
    ("ND30-PAGE-04", "E", {"font": ".VnTime"}),
    ("ND30-PAGE-04", "E", {"body_text": "Céng hßa x· héi chñ nghÜa ViÖt Nam, ®éc lËp tù do"}),
    ("ND30-PAGE-04", "E", {"colour": "FF0000"}),
    (
        "ND30-PAGE-04",
        "W",
        {"body_text": "Tri\u1ec3n khai \u0111o\u0302\u0300ng bo\u0323\u0302 ca\u0301c nhie\u0323\u0302m vu\u0323."},
    ),
    ("ND30-PAGE-05", "E", {"page_field": "none"}),
    # few paragraphs, but long ones: two pages, so page 2 needs its number
    (
        "ND30-PAGE-05",
        "E",
        {"page_field": "none", "headings": ["I. NỘI DUNG"], "body_text": "Triển khai đồng bộ. " * 150},
    ),
    ("ND30-PAGE-05", "E", {"page_field": "footer"}),
    ("ND30-PAGE-05", "E", {"title_page": False}),
    ("ND30-PAGE-05", "E", {"page_field_size": 12}),
    ("ND30-PAGE-07", "W", {"page_prefix": "Trang "}),
    ("ND30-PAGE-06", "E", {"appendix": "no-restart"}),
    ("ND30-LAYOUT-03", "E", {"swap_signature": True}),
    ("ND30-LAYOUT-04", "E", {"right_width": 4500}),
    ("ND30-LAYOUT-01", "E", {"page_header_extra": "SỞ NỘI VỤ"}),
    ("ND30-LAYOUT-02", "E", {"swap_header": True}),
    ("ND30-LAYOUT-05", "E", {"ngay": "Thành phố Hồ Chí Minh, ngày 29 tháng 12 năm 2024"}),
    ("ND30-LAYOUT-06", "W", {"co_quan": "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"}),
    # Quốc hiệu, Tiêu ngữ
    ("ND30-QH-01", "E", {"quoc_hieu": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT  NAM Ạ"}),
    ("ND30-QH-02", "E", {"quoc_hieu_bold": False}),
    ("ND30-QH-02", "E", {"quoc_hieu_size": 14, "right_width": 6300}),
    ("ND30-QH-03", "E", {"tieu_ngu": "Độc lập – Tự do – Hạnh phúc"}),
    ("ND30-QH-04", "E", {"tieu_ngu_size": 12}),
    ("ND30-QH-05", "E", {"tieu_ngu_rule": 0}),
    ("ND30-QH-05", "E", {"tieu_ngu_rule": 0.5}),
    ("ND30-QH-05", "W", {"tieu_ngu_rule": 0.8}),
    ("ND30-QH-06", "E", {"blank_between_qh_tn": True}),
    # agency
    ("ND30-CQ-03", "E", {"chu_quan_size": 14}),
    ("ND30-CQ-03", "E", {"chu_quan": "UBND tỉnh Lạng Sơn"}),
    ("ND30-CQ-04", "E", {"co_quan_bold": False, "chu_quan": "", "co_quan": "BAN QUẢN LÝ DỰ ÁN"}),
    ("ND30-CQ-01", "W", {"chu_quan": "", "co_quan": "UBND TỈNH LẠNG SƠN", "so": "Số: 05/KH-UBND"}),
    ("ND30-CQ-02", "W", {"chu_quan": ""}),
    ("ND30-CQ-06", "E", {"blank_between_agency": True}),
    ("ND30-CQ-05", "E", {"co_quan_rule": 0}),
    ("ND30-CQ-05", "E", {"co_quan_rule": 0.9}),
    ("ND30-CQ-05", "W", {"co_quan_rule": 0.57}),
    # số, ký hiệu
    ("ND30-SO-01", "E", {"so": "Số 05/KH-SNV"}),
    ("ND30-SO-01", "E", {"so_size": 14}),
    ("ND30-SO-02", "E", {"so": "Số: 5/KH-SNV"}),
    ("ND30-SO-03", "E", {"so": "Số: 05/KH - SNV"}),
    ("ND30-SO-05", "E", {"so": "Số: 05/KH-CV"}),
    ("ND30-SO-07", "W", {"so": "Số: 05/KH-SNV-VP"}),
    ("ND30-SO-08", "E", {"so_align": __import__("builder").LEFT}),
    ("ND30-KH-01", "E", {"so": "Số: 05/BC-SNV"}),
    # date
    ("ND30-DD-01", "E", {"ngay": "Lạng Sơn, ngày năm tháng ba năm 2024"}),
    ("ND30-DD-02", "E", {"ngay": "Lạng Sơn, ngày 05 tháng 03 năm 2024"}),
    ("ND30-DD-02", "E", {"ngay": "Lạng Sơn, ngày 5 tháng 3 năm 2024"}),
    ("ND30-DD-03", "E", {"ngay_italic": False}),
    # title
    ("ND30-TL-01", "E", {"ten_loai_bold": False}),
    ("ND30-TL-02", "E", {"trich_yeu_bold": False}),
    ("ND30-TL-03", "E", {"trich_yeu_rule": 0}),
    ("ND30-TL-03", "W", {"trich_yeu_rule": 0.28}),
    ("ND30-KG-01", "E", {**REPORT, "noi_nhan_items": ["- UBND tỉnh (b/c);", "- Lưu: VT, VP."]}),
    (
        "ND30-KG-02",
        "E",
        {
            **REPORT,
            "kinh_gui": ["Kính gửi Ủy ban nhân dân tỉnh Lạng Sơn"],
            "noi_nhan_items": ["- Như trên;", "- Lưu: VT, VP."],
        },
    ),
    (
        "ND30-KG-03",
        "E",
        {
            **REPORT,
            "kinh_gui": ["Kính gửi:", "- Ủy ban nhân dân tỉnh;", "- Bộ Nội vụ"],
            "noi_nhan_items": ["- Như trên;", "- Lưu: VT, VP."],
        },
    ),
    (
        "ND30-BC-02",
        "E",
        {
            **REPORT,
            "kinh_gui": ["Kính gửi: Ủy ban nhân dân tỉnh Lạng Sơn"],
            "noi_nhan_items": ["- UBND tỉnh;", "- Lưu: VT, VP."],
        },
    ),
    ("ND30-TL-04", "E", {"ten_loai": "", "so": "Số: 05/SNV-VP", "cong_van": "V/v triển khai cải cách hành chính"}),
    (
        "ND30-KG-01",
        "W",
        {"kinh_gui": ["Kính gửi: Ủy ban nhân dân tỉnh Lạng Sơn"], "noi_nhan_items": ["- Như trên;", "- Lưu: VT, VP."]},
    ),
    # body
    ("ND30-ND-01", "E", {"body_size": 12}),
    ("ND30-ND-01", "E", {"body_align": __import__("builder").LEFT}),
    ("ND30-ND-02", "E", {"body_indent": 0}),
    ("ND30-ND-03", "E", {"body_after": 0}),
    ("ND30-ND-04", "E", {"body_line": 2.0}),
    ("ND30-ND-05", "W", {"odd_size_paragraph": True}),
    ("ND30-ND-06", "W", {"closing": "Trên đây là Kế hoạch cải cách hành chính năm 2024 của Sở Nội vụ."}),
    ("ND30-CC-01", "W", {"can_cu_italic": False}),
    (
        "ND30-ND-07",
        "W",
        {"body_extra": ["Thực hiện Kế hoạch số 12/KH-UBND của UBND tỉnh, Sở Nội vụ tổ chức thực hiện."]},
    ),
    ("ND30-VH-05", "E", {"body_extra": ["Học tập kinh nghiệm của thành phố Hồ Chí Minh trong cải cách hành chính."]}),
    ("ND30-VH-12", "W", {"body_extra": ["Thực hiện theo quyết định số 145/QĐ-UBND ngày 20/01/2024 của UBND tỉnh."]}),
    (
        "ND30-VH-13",
        "W",
        {"body_extra": ["Thực hiện theo quy định tại Khoản 2, điều 5 của Quyết định số 145/QĐ-UBND ngày 20/01/2024."]},
    ),
    ("ND30-HD-01", "E", {"headings": ["Phần I", *HEADINGS]}),
    ("ND30-HD-03", "E", {"khoan_bold": False}),
    (
        "ND30-HD-05",
        "W",
        {
            "headings": [
                "I. MỤC ĐÍCH, YÊU CẦU",
                "1. Mục đích",
                "a. Nội dung",
                "b. Yêu cầu",
                "2. Yêu cầu",
                "II. TỔ CHỨC THỰC HIỆN",
            ]
        },
    ),
    ("ND30-HD-02", "E", {"headings": ["I. Mục đích, yêu cầu", *HEADINGS[1:]]}),
    (
        "ND30-HD-08",
        "E",
        {
            "headings": [
                "I. MỤC ĐÍCH, YÊU CẦU",
                "1. Mục đích",
                "a) Nội dung",
                "c) Yêu cầu",
                "2. Yêu cầu",
                "II. TỔ CHỨC THỰC HIỆN",
            ]
        },
    ),
    (
        "ND30-HD-09",
        "E",
        {
            "headings": [
                "I. MỤC ĐÍCH, YÊU CẦU",
                "1. Mục đích",
                "a) Nội dung",
                "b) Yêu cầu",
                "3. Yêu cầu",
                "II. TỔ CHỨC THỰC HIỆN",
            ]
        },
    ),
    ("ND30-HD-09", "E", {"headings": [*HEADINGS[:-1], "III. TỔ CHỨC THỰC HIỆN"]}),
    ("ND30-HD-10", "W", {"diem_bold": True}),
    # signature
    ("ND30-CK-01", "E", {"chuc_vu": ["KT.GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]}),
    ("ND30-CK-02", "E", {"chuc_vu_bold": False}),
    ("ND30-CK-03", "E", {"ho_ten_bold": False}),
    ("ND30-CK-04", "W", {"ho_ten": "TS. Nguyễn Văn A"}),
    ("ND30-CK-03", "W", {"chuc_vu_sau": ["GIÁM ĐỐC SỞ NỘI VỤ"]}),
    ("ND30-CK-08", "W", {"signature_extra": "(Chữ ký của người có thẩm quyền, dấu)"}),
    # recipients
    ("ND30-NN-01", "E", {"noi_nhan_label_italic": False}),
    ("ND30-NN-01", "E", {"noi_nhan_label": "Nơi nhận"}),
    ("ND30-NN-02", "E", {"noi_nhan_size": 12}),
    ("ND30-NN-03", "E", {"noi_nhan_items": ["- UBND tỉnh (b/c);", "Các phòng thuộc Sở;", "- Lưu: VT, VP."]}),
    ("ND30-NN-03", "E", {"noi_nhan_items": ["- UBND tỉnh (b/c)", "- Các phòng thuộc Sở;", "- Lưu: VT, VP."]}),
    ("ND30-NN-04", "E", {"noi_nhan_items": ["- UBND tỉnh (b/c);", "- Lưu: VT, VP"]}),
    ("ND30-NN-04", "E", {"noi_nhan_items": ["- UBND tỉnh (b/c);", "- Các phòng thuộc Sở."]}),
    ("ND30-NN-04", "W", {"noi_nhan_items": ["- UBND tỉnh (b/c);", "- Lưu: VT."]}),
    ("ND30-NN-07", "W", {"noi_nhan_items": ["- UBND tỉnh (b/c);", "- Như mục II;", "- Lưu: VT, VP."]}),
    ("ND30-MAT-02", "E", {"mark": "KHẨN", "mark_bold": False}),
    ("ND30-MAT-03", "E", {"mark": "LƯU HÀNH NỘI BỘ", "mark_bold": False}),
    ("ND30-PL-01", "E", {"appendix": "section", "appendix_reference": False}),
    # appendix
    ("ND30-PL-02", "E", {"appendix": "section", "appendix_label": "PHỤ LỤC"}),
    ("ND30-PL-03", "E", {"appendix": "section", "appendix_title_bold": False}),
    ("ND30-PL-04", "E", {"appendix": "section", "appendix_note_italic": False}),
    # other types of document
    (
        "ND30-SO-04",
        "E",
        {"ten_loai": "TỜ TRÌNH", "trich_yeu": "Đề nghị phê duyệt kế hoạch năm 2024", "headings": HEADINGS[:-1]},
    ),
    (
        "ND30-NN-05",
        "E",
        {
            "ten_loai": "TỜ TRÌNH",
            "so": "Số: 05/TTr-SNV",
            "trich_yeu": "Đề nghị phê duyệt kế hoạch năm 2024",
            "headings": HEADINGS[:-1],
            "kinh_gui": ["Kính gửi: Ủy ban nhân dân tỉnh Lạng Sơn"],
        },
    ),
    # report
    (
        "ND30-BC-01",
        "E",
        {**REPORT, "so": "Số: 05/KH-SNV", "noi_nhan_items": ["- Các phòng thuộc Sở;", "- Lưu: VT, VP."]},
    ),
    (
        "ND30-BC-02",
        "E",
        {
            "ten_loai": "BÁO CÁO",
            "so": "Số: 05/BC-SNV",
            "trich_yeu": "Kết quả cải cách hành chính quý I năm 2024",
            "kinh_gui": ["Kính gửi:", "- Ủy ban nhân dân tỉnh;", "- Bộ Nội vụ."],
        },
    ),
    (
        "ND30-KG-02",
        "E",
        {
            "ten_loai": "BÁO CÁO",
            "so": "Số: 05/BC-SNV",
            "trich_yeu": "Kết quả cải cách hành chính quý I năm 2024",
            "kinh_gui": ["Kính gửi Ủy ban nhân dân tỉnh Lạng Sơn"],
            "noi_nhan_items": ["- Như trên;", "- Lưu: VT, VP."],
        },
    ),
    (
        "ND30-KG-03",
        "E",
        {
            "ten_loai": "BÁO CÁO",
            "so": "Số: 05/BC-SNV",
            "trich_yeu": "Kết quả cải cách hành chính quý I năm 2024",
            "kinh_gui": ["Kính gửi:", "- Ủy ban nhân dân tỉnh", "- Bộ Nội vụ."],
            "noi_nhan_items": ["- Như trên;", "- Lưu: VT, VP."],
        },
    ),
    (
        "ND30-KG-03",
        "E",
        {
            **REPORT,
            "kinh_gui": ["Kính gửi:\t- Ủy ban nhân dân tỉnh", "- Bộ Nội vụ."],  # the first, beside the label
            "noi_nhan_items": ["- Như trên;", "- Lưu: VT, VP."],
        },
    ),
]


@pytest.mark.parametrize("rule, severity, changes", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule_fires_alone(rule, severity, changes):
    result = vanban.check(make_docx(**changes))
    fired = {(f.rule, f.severity) for f in result.findings if f.severity in ("E", "W")}
    assert fired == {(rule, severity)}, [(f.rule, f.severity, f.message, f.where) for f in result.findings]
    assert result.ok == (severity != "E")


INFO_CASES = [
    ({"so": "Số:      /KH-SNV"}, "ND30-SO-09"),
    ({"ngay": "Lạng Sơn, ngày      tháng 3 năm 2024"}, "ND30-DD-06"),
    (
        {"headings": ["I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "a) Nội dung", "b) Yêu cầu", "2. Yêu cầu"]},
        "ND30-KH-03",
    ),
    (
        {**REPORT, "trich_yeu": "Kết quả công tác", "noi_nhan_items": ["- Các phòng thuộc Sở;", "- Lưu: VT, VP."]},
        "ND30-BC-03",
    ),
    (
        {
            "headings": [
                "I. MỤC ĐÍCH, YÊU CẦU",
                "1. Mục đích",
                "1.1. Nội dung",
                "1.2. Yêu cầu",
                "2. Yêu cầu",
                "II. TỔ CHỨC THỰC HIỆN",
            ]
        },
        "ND30-HD-11",
    ),
    ({**REPORT, "noi_nhan_items": ["- Các phòng thuộc Sở;", "- Lưu: VT, VP."]}, "ND30-KG-01"),
    # 16 short paragraphs, one page (LibreOffice agrees): no page number is needed yet
    (
        {
            "page_field": "none",
            "body_text": "Triển khai.",
            "headings": ["I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "2. Yêu cầu", "II. TỔ CHỨC THỰC HIỆN"],
        },
        "ND30-PAGE-05",
    ),
]


@pytest.mark.parametrize("changes, info", INFO_CASES)
def test_information_only(changes, info):
    result = vanban.check(make_docx(**changes))
    assert result.ok and not result.warnings
    assert info in result.rules("I")


def test_draft_blanks_are_information_but_errors_in_final_mode():
    data = make_docx(so="Số:      /KH-SNV", ngay="Lạng Sơn, ngày      tháng 3 năm 2024")
    draft = vanban.check(data)
    assert draft.draft and draft.ok and draft.rules("I") >= {"ND30-SO-09", "ND30-DD-06"}
    final = vanban.check(data, du_thao=False)
    assert final.rules("E") == {"ND30-SO-09", "ND30-DD-06"}


def test_appendix_in_the_body_section():
    """An appendix without a section of its own: no page numbering of its own (E), no new page (W)."""
    result = vanban.check(make_docx(appendix="same"))
    assert {(f.rule, f.severity) for f in result.findings if f.severity != "I"} == {
        ("ND30-PAGE-06", "E"),
        ("ND30-PL-06", "W"),
    }


def test_every_registered_rule_has_a_case():
    from vanban._checker.core import RULES

    covered = {case[0] for case in CASES} | {case[1] for case in INFO_CASES} | {"ND30-PL-06"}  # PL-06: below
    assert set(RULES) <= covered, sorted(set(RULES) - covered)


@pytest.mark.parametrize(
    "changes",
    [
        {"motto_one_paragraph": True},
        {"part_headings": True},
        {"trich_yeu_rule_in_next": True},
        {"trich_yeu_in_table": True},
        {"headings": [*HEADINGS[:-1], "II. KIẾN NGHỊ, ĐỀ XUẤT: Không."]},
        {"invisible_shape": True},
        {"east_asian_theme": True},
        {"symbol_run": True},
        {
            **REPORT,
            "kinh_gui": ["Kính gửi:\t- Ủy ban nhân dân tỉnh;", "- Bộ Nội vụ."],
            "noi_nhan_items": ["- Như trên;", "- Lưu: VT, VP."],
        },
    ],
    ids=[
        "motto-one-paragraph",
        "part-headings",
        "rule-in-next-paragraph",
        "trich-yeu-in-table",
        "heading-with-content",
        "invisible-shape",
        "east-asian-theme",
        "symbol",
        "addressee-beside-label",
    ],
)
def test_real_layouts_are_not_false_alarms(changes):
    """Layouts seen in real documents that the decree allows: nothing to report."""
    result = vanban.check(make_docx(**changes))
    assert [f for f in result.findings if f.severity in ("E", "W")] == []


def test_an_invisible_shape_is_not_a_rule():
    missing = vanban.check(make_docx(co_quan_rule=0, invisible_shape=True))
    assert [(f.rule, f.message) for f in missing.findings] == [("ND30-CQ-05", "thiếu đường kẻ dưới cơ quan ban hành")]


def test_misses_that_are_now_found():
    assert "ND30-HD-02" in vanban.check(make_docx(headings=["I.MỤC ĐÍCH, YÊU CẦU", *HEADINGS[1:]])).rules("E")
    assert "ND30-CK-03" in vanban.check(make_docx(chuc_vu_sau=["CHỦ TỊCH UBND XÃ"])).rules("W")
    upward = {**REPORT, "noi_nhan_items": ["- UBND tỉnh (b/c);", "- Lưu: VT, VP."]}
    assert "ND30-KG-01" in vanban.check(make_docx(**upward)).rules("E")


def test_fix_keeps_a_footer_with_words_around_its_page_number():
    from docx_xml import Docx

    data = make_docx(page_field="none", footer_text_with_page="Văn bản lưu hành nội bộ – Trang ")
    fixed = vanban.fix(data)
    footers = [text for _, text in Docx(fixed.data).part_texts("footer")]
    assert any("Văn bản lưu hành nội bộ" in text and "MẬT" in text for text in footers)
    footer_finding = [f for f in fixed.before.findings if f.rule == "ND30-PAGE-05" and "chân trang" in f.message]
    assert footer_finding and not footer_finding[0].fixable
    assert fixed.fixed == len(fixed.before.findings) - len(fixed.after.findings)


def test_fix_leaves_symbols_in_their_font_and_composes_across_runs():
    from docx_xml import Docx

    fixed = vanban.fix(make_docx(symbol_run=True, split_combining=True, font="Arial"))
    document = Docx(fixed.data)
    fonts = document.run_fonts()
    assert ("\uf0fe", "Wingdings") in fonts and all(
        font == "Times New Roman" for text, font in fonts if text != "\uf0fe"
    )
    assert any("Tổ chức đồng bộ." in line for line in document.text_lines())  # NFC across the two runs
    assert "ND30-PAGE-04" not in fixed.after.rules()
