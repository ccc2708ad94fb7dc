"""Rolling a plan forward. The expected changes are written out by hand from the seed text."""

from __future__ import annotations

import re

import pytest
from conftest import EXAMPLE, ROOT
from test_cli import call

import vanban
from vanban._derive import draft_report, next_year
from vanban._derive.nam_sau import _Roller
from vanban._errors import InputError
from vanban._tien_do import load_progress
from vanban.models import TienDoKy


@pytest.fixture(scope="module")
def plan():
    return vanban.load(EXAMPLE)


@pytest.fixture(scope="module")
def rolled(plan):
    return next_year(plan)


# Every place of the seed where the plan's own year 2024 stands, and nothing else.
EXPECTED_MOVES = {
    "số, ký hiệu",
    "ngày ban hành",
    "năm kế hoạch",
    "trích yếu",
    "mở đầu › 1",
    "mục đích › 1",
    "đoạn kết",
    "nhiệm vụ › 1 › thời gian",
    "nhiệm vụ › 2 › thời gian",
    "nhiệm vụ › 2 › nội dung thực hiện › 3",
    "nhiệm vụ › 3 › thời gian",
    "nhiệm vụ › 4 › thời gian",
    "nhiệm vụ › 4 › nội dung thực hiện › 1 › thời gian",
    "nhiệm vụ › 4 › nội dung thực hiện › 2 › thời gian",
    "nhiệm vụ › 5 › thời gian",
}


def test_seed_rolls_to_2025(rolled):
    new, changes = rolled
    assert {c.where for c in changes if not c.review} == EXPECTED_MOVES
    assert [(c.where, c.review) for c in changes if c.review] == [("căn cứ › 1", True)]
    assert new.nam == 2025 and new.so_ky_hieu.so is None and str(new.so_ky_hieu) == "/KH-SKHCN"
    assert new.ngay_ban_hanh.nam == 2025 and new.ngay_ban_hanh.thang is None
    assert new.trich_yeu == "Triển khai thực hiện nhiệm vụ trọng tâm của\nSở Khoa học và Công nghệ năm 2025"
    assert new.mo_dau == [
        "Sở Khoa học và Công nghệ xây dựng kế hoạch triển khai thực hiện 05 nhiệm vụ trọng tâm năm 2025, như sau:"
    ]
    assert "100% các nhiệm vụ trọng tâm năm 2025 được UBND tỉnh giao." in new.muc_dich[0]
    assert [str(t.thoi_gian) for t in new.nhiem_vu] == ["cả năm 2025"] * 5
    assert [str(a.thoi_gian) for a in new.nhiem_vu[3].hoat_dong] == ["Quý I, II năm 2025", "Tháng 12 năm 2025"]
    assert new.nhiem_vu[3].hoat_dong[1].thoi_gian.han
    assert new.nhiem_vu[1].hoat_dong[2].noi_dung.startswith("Đánh giá nghiệm thu khối lượng thực hiện năm 2025 đối với")
    assert new.ket_luan.startswith(
        "Trên đây là Kế hoạch triển khai thực hiện nhiệm vụ trọng tâm của Sở Khoa học và Công nghệ năm 2025."
    )


def test_references_that_must_stay(rolled):
    new, _ = rolled
    task1 = new.nhiem_vu[0].hoat_dong[0].noi_dung
    assert "giai đoạn 2018-2023" in task1 and "đến năm 2030" in task1
    task2 = new.nhiem_vu[1].hoat_dong[0].noi_dung
    assert "Quyết định số 2303/QĐ-UBND ngày 25/11/2021" in task2 and "giai đoạn 2021 – 2025" in task2
    assert new.co_quan == vanban.load(EXAMPLE).co_quan and new.noi_nhan.luu == "VT, KH&QLCN"


def test_framework_decision_becomes_a_placeholder(rolled):
    new, _ = rolled
    assert new.can_cu[0].noi_dung == (
        "Quyết định số [Bổ sung số]/QĐ-UBND ngày [Bổ sung ngày] của UBND tỉnh Lạng Sơn về việc phê duyệt "
        "nhiệm vụ trọng tâm năm 2025 của các cơ quan, đơn vị trên địa bàn tỉnh Lạng Sơn"
    )
    assert "2024" not in vanban.render_bytes(new).decode("latin-1")  # the whole package, every part


def test_no_plan_year_left_anywhere(rolled):
    new, _ = rolled
    dumped = str(new.model_dump(mode="json"))
    assert "2024" not in dumped


def test_two_steps_equal_one(plan):
    step, _ = next_year(plan, 2025)
    assert next_year(step, 2026)[0] == next_year(plan, 2026)[0]


def test_rolled_plan_renders_and_passes_the_checker(rolled):
    result = vanban.check(vanban.render_bytes(rolled[0]))
    assert result.ok and result.draft
    assert {f.rule for f in result.warnings} <= {"ND30-PAGE-04"}  # only the highlighted placeholder


def _year_end_report(plan):
    periods = load_progress(ROOT / "examples" / "tien-do-quy-I-2024.yaml") + load_progress(
        ROOT / "examples" / "tien-do-quy-II-2024.csv"
    )
    periods.append(
        TienDoKy.model_validate(
            {"ky": "quý III năm 2024", "nhiem_vu": {4: {"dat": {"sản phẩm": 3}, "trang_thai": "hoàn thành"}}}
        )
    )
    return draft_report(plan, "năm", periods)


def test_year_end_report_drops_done_and_carries_the_rest(plan):
    report = _year_end_report(plan)
    new, changes = next_year(plan, bao_cao=report)
    # tasks 1 and 4 are done; 2, 3 and 5 carry over with what is left of their targets
    assert [t.ten[:30] for t in new.nhiem_vu] == [plan.nhiem_vu[i].ten[:30] for i in (1, 2, 4)]
    two = new.nhiem_vu[0]
    assert two.chuyen_tiep == 2024 and [(c.so_luong, c.don_vi) for c in two.chi_tieu] == [
        (15 - 11, "Doanh nghiệp, Hợp tác xã")
    ]
    assert two.ten == "Hỗ trợ nâng cao năng suất, chất lượng sản phẩm, hàng hóa cho 04 Doanh nghiệp, Hợp tác xã."
    assert two.ket_qua.startswith("04 Doanh nghiệp, Hợp tác xã được cấp giấy chứng nhận")
    assert [(c.so_luong, c.don_vi) for c in new.nhiem_vu[1].chi_tieu] == [(3 - 1, "Dự án/ý tưởng khởi nghiệp")]
    assert [(c.so_luong, c.don_vi) for c in new.nhiem_vu[2].chi_tieu] == [(25 - 17, "mô hình")]
    assert "03 nhiệm vụ trọng tâm năm 2025" in new.mo_dau[0]
    assert any("bỏ: đã hoàn thành" in c.new for c in changes)
    from docx_xml import Docx

    assert "- Nhiệm vụ chuyển tiếp từ năm 2024." in Docx(vanban.render_bytes(new)).text_lines()


def test_keep_done_tasks(plan):
    new, _ = next_year(plan, bao_cao=_year_end_report(plan), giu_hoan_thanh=True)
    assert len(new.nhiem_vu) == 5 and new.nhiem_vu[0].chuyen_tiep is None


def test_a_draft_report_is_not_a_year_end_report(plan):
    quarter = draft_report(plan, "quý I", load_progress(ROOT / "examples" / "tien-do-quy-I-2024.yaml"))
    with pytest.raises(InputError, match="cần báo cáo năm"):
        next_year(plan, bao_cao=quarter)


@pytest.mark.parametrize(
    "old_year, sentence, expected",
    [
        # Lâm Đồng 2026 plan
        (
            2026,
            "Thời gian hoàn thành ban hành kế hoạch chậm nhất là ngày 15/01/2026.",
            "Thời gian hoàn thành ban hành kế hoạch chậm nhất là ngày 15/01/2027.",
        ),
        (
            2026,
            "Hoàn thành và đưa Trung tâm IOC vào hoạt động trong quý I năm 2026.",
            "Hoàn thành và đưa Trung tâm IOC vào hoạt động trong quý I năm 2027.",
        ),
        (
            2026,
            "Ban hành kế hoạch trong tháng 01/2026 và tổ chức thực hiện",
            "Ban hành kế hoạch trong tháng 01/2027 và tổ chức thực hiện",
        ),
        (2026, "Căn cứ Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Ủy ban Thường vụ Quốc hội", None),
        (2026, "Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030", None),
        (
            2026,
            "theo lộ trình quy định tại khoản 4 Điều 35 Nghị định số 60/2021/NĐ-CP ngày 21/6/2021 của Chính phủ",
            None,
        ),
        (2026, "Kế hoạch CCHC nhà nước giai đoạn 2026 - 2030 của tỉnh", None),
        (2026, "Tiếp tục triển khai Quyết định số 1441/QĐ-UBND ngày 25/9/2026 của Chủ tịch Ủy ban nhân dân tỉnh", None),
        # MTTQ Lương Minh 2025 plan
        (2025, "Kế hoạch số 33/KH-MTTQ-BTT, ngày 17/11/2025 của Ban Thường trực", None),
        (2025, "Kế hoạch số 06/KH-MTTW-BTT, ngày 22/7/2025 của Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", None),
        (2025, "Luật số 83/2025/QH15, ngày 24/6/2025", None),
        (2025, "bầu cử đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2026-2031", None),
        # THPT Cao Lãnh 2 2026 plan
        (2026, "Lúc 14 giờ 00 phút, ngày 28 tháng 4 năm 2026.", "Lúc 14 giờ 00 phút, ngày 28 tháng 4 năm 2027."),
        (2026, "Căn cứ Kế hoạch số 09/KH-THPTCL2 ngày 02 tháng 02 năm 2026 của Trường", None),
    ],
)
def test_real_sentences(old_year, sentence, expected):
    roller = _Roller(old_year, old_year + 1)
    assert roller.free_text(sentence, ["doan"]) == (expected or sentence)
    assert not [c for c in roller.changes if c.review]


def test_the_plan_time_running_into_the_next_year_moves_too():
    roller = _Roller(2025, 2026)
    assert (
        roller.free_text("- Thời gian hoàn thành: Quý IV/2025 và Quý I/2026", ["t"])
        == "- Thời gian hoàn thành: Quý IV/2026 và Quý I/2027"
    )
    assert [c.note for c in roller.changes if c.review] == ["năm 2026 (sau năm kế hoạch) cũng được dời: xem lại"]


def test_real_plans_roll_forward():
    """The corpus plans, read by the parser and rolled a year on (tests/data/corpus)."""
    from pathlib import Path

    corpus = Path(__file__).parents[1] / "data" / "corpus"
    lam_dong, changes = next_year(vanban.parse(corpus / "kehoach-ubndlamdong-2026-1.docx"))
    assert lam_dong.nam == 2027 and lam_dong.trich_yeu == "Cải cách hành chính nhà nước năm 2027 tỉnh Lâm Đồng"
    assert (
        str(lam_dong.can_cu[0])
        == "Căn cứ Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Ủy ban Thường vụ Quốc hội về việc sắp xếp đơn vị hành chính cấp tỉnh"
    )
    assert "giai đoạn 2021 - 2030" in str(lam_dong.can_cu[1])
    periodic = next(t for t in lam_dong.tat_ca_nhiem_vu if t.ten.startswith("Định kỳ thực hiện việc công bố danh mục"))
    assert str(periodic.thoi_gian) == "Trước ngày 31/01 năm liền kề"
    assert "Ban hành kế hoạch trong tháng 01/2027" in str([t.thoi_gian for t in lam_dong.tat_ca_nhiem_vu])
    assert any("ngày 15/01/2027" in d for d in lam_dong.to_chuc_thuc_hien[0].doan)
    mttq, _ = next_year(vanban.parse(corpus / "kehoach-mttqluongminh-2025-1.docx"))
    text = str(mttq.model_dump())
    assert "Kế hoạch số 06/KH-MTTW-BTT, ngày 22/7/2025" in text and "nhiệm kỳ 2026-2031" in text
    assert "số 85/2015/QH13, ngày 25/6/2015" in text


def test_a_school_year_is_left_for_review():
    roller = _Roller(2026, 2027)
    assert roller.free_text("Cụm 2 năm học 2025 - 2026", ["trich_yeu"]) == "Cụm 2 năm học 2025 - 2026"
    assert [c.where for c in roller.changes if c.review] == ["trích yếu"]


def test_cli_keeps_comments_and_writes_the_change_list(capsys, tmp_path):
    out, listing = tmp_path / "ke-hoach-2025.yaml", tmp_path / "thay-doi.md"
    code, stdout, _ = call(capsys, "next-year", str(EXAMPLE), "-o", str(out), "--thay-doi", str(listing))
    assert code == 0 and "Cần xem lại (1)" in stdout
    written = out.read_text(encoding="utf-8")
    assert "# GIẢ ĐỊNH: văn bản gốc thiếu dòng cơ quan chủ quản" in written and "nam: 2025" in written
    assert vanban.load(out) == next_year(vanban.load(EXAMPLE))[0]
    text = listing.read_text(encoding="utf-8")
    assert text.count("\n- **") == len(EXPECTED_MOVES) + 1
    assert re.search(r"\*\*trích yếu\*\*: «.*năm 2024» → «.*năm 2025»", text)


def test_cli_docx_output_and_refusals(capsys, tmp_path):
    out = tmp_path / "ke-hoach-2025.docx"
    code, _, _ = call(capsys, "next-year", str(EXAMPLE), "-o", str(out), "--nam", "2026")
    assert code == 0 and vanban.check(out).ok
    code, _, stderr = call(capsys, "next-year", str(EXAMPLE), "-o", str(out), "--nam", "2023")
    assert code == 2 and "phải sau năm" in stderr


def test_docx_input(capsys, tmp_path):
    source = tmp_path / "ke-hoach-2024.docx"
    source.write_bytes(vanban.render_bytes(vanban.load(EXAMPLE)))
    out = tmp_path / "ke-hoach-2025.yaml"
    code, _, _ = call(capsys, "next-year", str(source), "-o", str(out))
    assert code == 0 and vanban.load(out) == next_year(vanban.load(EXAMPLE))[0]


def test_cli_year_end_report_as_docx(capsys, tmp_path, plan):
    """The year-end report as the signed DOCX: read back by the parser, it rolls the plan as its YAML would."""
    report = _year_end_report(plan)
    source = tmp_path / "bao-cao-nam-2024.docx"
    source.write_bytes(vanban.render_bytes(report))
    out = tmp_path / "ke-hoach-2025.yaml"
    code, _, _ = call(capsys, "next-year", str(EXAMPLE), "--bao-cao", str(source), "-o", str(out))
    assert code == 0 and vanban.load(out) == next_year(plan, bao_cao=report)[0]
    code, _, stderr = call(capsys, "next-year", str(EXAMPLE), "--bao-cao", str(EXAMPLE), "-o", str(out))
    assert code == 2 and "không phải báo cáo" in stderr
