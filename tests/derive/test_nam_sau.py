"""Rolling a plan forward. The expected changes are written out by hand from the seed text."""

from __future__ import annotations

import re

import pytest
from conftest import EXAMPLE, ROOT
from test_cli import call
from word_reader import tokens

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
    "nhiệm vụ 1 › thời gian",
    "nhiệm vụ 2 › thời gian",
    "nhiệm vụ 2 › nội dung thực hiện › 3",
    "nhiệm vụ 3 › thời gian",
    "nhiệm vụ 4 › thời gian",
    "nhiệm vụ 4 › nội dung thực hiện › 1 › thời gian",
    "nhiệm vụ 4 › nội dung thực hiện › 2 › thời gian",
    "nhiệm vụ 5 › thời gian",
}
# Every year-bearing phrase of the seed that stays, written out by hand: (place, the phrase).
EXPECTED_KEPT = {
    ("nhiệm vụ 1 › nội dung thực hiện › 1", "2018-2023"),
    ("nhiệm vụ 1 › nội dung thực hiện › 1", "đến năm 2030"),
    ("nhiệm vụ 2 › nội dung thực hiện › 1", "Quyết định số 2303/QĐ-UBND ngày 25/11/2021"),
}
# For a person: the framework decision of 2024, the targets of 2024 (tasks 2, 3, 4, 5) and a one-off study (task 1).
EXPECTED_REVIEW = [
    "căn cứ › 1",
    "nhiệm vụ 1",
    "nhiệm vụ 2",
    "nhiệm vụ 3",
    "nhiệm vụ 4",
    "nhiệm vụ 5",
]


def test_seed_rolls_to_2025(rolled):
    new, changes = rolled
    assert {c.where for c in changes if c.verdict == "doi"} == EXPECTED_MOVES
    kept = {(c.where, c.old) for c in changes if c.verdict == "giu"}
    for where, phrase in EXPECTED_KEPT:
        assert any(w == where and phrase in old for w, old in kept), (where, phrase)
    assert sorted({c.where for c in changes if c.verdict == "xem"}) == EXPECTED_REVIEW
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
    election = vanban.parse(corpus / "kehoach-mttqluongminh-2025-1.docx")
    with pytest.raises(InputError, match="một lần"):  # an election is not a yearly plan
        next_year(election)
    mttq, changes = next_year(election, 2026)  # asked for explicitly: rolled, every move flagged
    text = str(mttq.model_dump())
    assert "Kế hoạch số 06/KH-MTTW-BTT, ngày 22/7/2025" in text and "nhiệm kỳ 2026-2031" in text
    assert "số 85/2015/QH13, ngày 25/6/2015" in text
    assert not [c for c in changes if c.verdict == "doi" and c.where != "năm kế hoạch" and "2025" in c.old]


def test_a_school_year_moves_when_it_is_the_plans_own():
    own = _Roller(2025, 2026)
    assert own.free_text("Cụm 2 năm học 2025 - 2026", ["trich_yeu"]) == "Cụm 2 năm học 2026 - 2027"
    assert [(c.verdict, c.reason) for c in own.changes] == [("doi", "năm học của chính kế hoạch")]
    other = _Roller(2026, 2027)
    assert other.free_text("Cụm 2 năm học 2025 - 2026", ["trich_yeu"]) == "Cụm 2 năm học 2025 - 2026"
    assert [c.verdict for c in other.changes] == ["giu"]


def test_cli_keeps_comments_and_writes_the_change_list(capsys, tmp_path):
    out, listing = tmp_path / "ke-hoach-2025.yaml", tmp_path / "thay-doi.md"
    code, stdout, _ = call(capsys, "next-year", str(EXAMPLE), "-o", str(out), "--thay-doi", str(listing))
    assert code == 0 and f"## Đã dời ({len(EXPECTED_MOVES)})" in stdout
    assert f"## Cần xem lại ({len(EXPECTED_REVIEW)})" in stdout and "## Giữ nguyên (3)" in stdout
    written = out.read_text(encoding="utf-8")
    assert "# GIẢ ĐỊNH: văn bản gốc thiếu dòng cơ quan chủ quản" in written and "nam: 2025" in written
    assert vanban.load(out) == next_year(vanban.load(EXAMPLE))[0]
    text = listing.read_text(encoding="utf-8")
    moved = text.split("## Đã dời")[1].split("## ")[0]
    assert moved.count("\n- **") == len(EXPECTED_MOVES)
    assert re.search(r"\*\*trích yếu\*\*: «.*năm 2024» → «.*năm 2025» — năm của chính kế hoạch", text)
    as_json = tmp_path / "thay-doi.json"
    code, _, _ = call(capsys, "next-year", str(EXAMPLE), "-o", str(tmp_path / "k.yaml"), "--thay-doi", str(as_json))
    import json

    payload = json.loads(as_json.read_text(encoding="utf-8"))
    assert payload["nam_cu"] == 2024 and payload["nam_moi"] == 2025
    verdicts = [entry["verdict"] for entry in payload["thay_doi"]]
    assert verdicts.count("doi") == len(EXPECTED_MOVES) and verdicts.count("giu") == 3
    assert {"where", "old", "new", "verdict", "reason"} == set(payload["thay_doi"][0])


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


# --- citations never roll; the plan's framework is replaced whole ----------------------------------------
@pytest.mark.parametrize(
    "old_year, sentence",
    [
        (2024, "Căn cứ Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ ngày 27/11/2024;"),
        (2025, "Luật Tổ chức chính quyền địa phương (được sửa đổi, bổ sung năm 2025) quy định rõ"),
        (2025, "Thực hiện Chỉ thị 46-CT/TW ngày 16/5/2025 của Ban Bí thư về tăng cường lãnh đạo"),
        (2025, "theo Luật số 83/2025/QH15 của Quốc hội khóa XV, kỳ họp thứ 9 năm 2025"),
        (2026, "Công văn số 112/CV-CTTNHH ngày 29/3/2026 của Công ty TNHH Hòa Phát về việc đề nghị kiểm tra"),
        (2026, "THỰC HIỆN NGHỊ QUYẾT SỐ 57-NQ/TW NGÀY 22/12/2024 CỦA BỘ CHÍNH TRỊ"),
        (2024, "Năm 2023 đã hoàn thành 12 mô hình; giai đoạn 2021 - 2025 phấn đấu 60 mô hình"),
    ],
)
def test_a_citation_or_another_period_never_moves(old_year, sentence):
    roller = _Roller(old_year, old_year + 1)
    assert roller.free_text(sentence, ["doan"]) == sentence
    assert not [c for c in roller.changes if c.verdict == "doi"]
    assert all(c.reason for c in roller.changes)


def test_the_parent_plan_is_replaced_whole_never_half_moved():
    roller = _Roller(2026, 2027)
    sentence = (
        "Thực hiện Kế hoạch số 9669/KH-UBND ngày 24/12/2025 của UBND tỉnh về cải cách hành chính nhà nước năm 2026, "
        "UBND tỉnh ban hành Kế hoạch kiểm tra công tác cải cách hành chính năm 2026 như sau:"
    )
    rolled = roller.free_text(sentence, ["mo_dau", 0])
    assert rolled == (
        "Thực hiện Kế hoạch số [Bổ sung số]/KH-UBND ngày [Bổ sung ngày] của UBND tỉnh về cải cách hành chính nhà nước "
        "năm 2027, UBND tỉnh ban hành Kế hoạch kiểm tra công tác cải cách hành chính năm 2027 như sau:"
    )
    assert "9669" not in rolled and "24/12/2025" not in rolled
    framework = [c for c in roller.changes if c.verdict == "xem"]
    assert len(framework) == 1 and "9669" in framework[0].old and "văn bản khung" in framework[0].reason
    assert [c.verdict for c in roller.changes if "như sau" in c.old or "ban hành Kế hoạch" in c.old] == ["doi"]


def test_headings_in_capitals_and_weekdays_follow_the_plan_year():
    roller = _Roller(2026, 2027)
    assert roller.free_text("II. NHIỆM VỤ TRỌNG TÂM TRONG NĂM 2026", ["muc"]) == "II. NHIỆM VỤ TRỌNG TÂM TRONG NĂM 2027"
    text = "Kiểm tra tại Công ty A: 8 giờ 00, ngày 29/4/2026 (Thứ Tư)."
    assert roller.free_text(text, ["lich"]) == "Kiểm tra tại Công ty A: 8 giờ 00, ngày 29/4/2027 (Thứ Năm)."
    assert any(c.old == "Thứ Tư" and c.new == "Thứ Năm" for c in roller.changes)
    before = _Roller(2026, 2027)
    assert before.free_text("Thứ Tư, ngày 29/4/2026", ["lich"]) == "Thứ Tư, ngày 29/4/2027"
    assert [c.old for c in before.changes if c.verdict == "xem"] == [
        "Thứ Tư"
    ]  # written before the date: a person looks


# --- plans that are not yearly ------------------------------------------------------------------------------
def test_a_plan_that_is_not_yearly_is_not_rolled_unless_asked(plan):
    multi = plan.model_copy(update={"trich_yeu": "Phát triển khoa học giai đoạn 2024 - 2028", "den_nam": 2028})
    with pytest.raises(InputError, match="nhiều năm"):
        next_year(multi)
    no_year = plan.model_copy(update={"trich_yeu": "Triển khai thực hiện nhiệm vụ trọng tâm của Sở"})
    with pytest.raises(InputError, match="không ghi năm"):
        next_year(no_year)
    event = plan.model_copy(update={"trich_yeu": "Tổ chức Đại hội Thi đua yêu nước năm 2024"})
    with pytest.raises(InputError, match="một lần"):
        next_year(event)
    rolled, changes = next_year(event, 2025)
    assert rolled.nam == 2025
    assert not [c for c in changes if c.verdict == "doi"]  # every date moved is for a person to check
    assert sum(c.verdict == "xem" and "không theo năm" in c.reason for c in changes) >= len(EXPECTED_MOVES)


# --- tasks: identity, grouped and appendix plans, year-end report --------------------------------------------
def _grouped(plan):
    """Two areas of tasks, written by hand: 1.1 and 1.2 in the first, 2.1 in the second."""
    return plan.model_copy(
        update={
            "nhiem_vu": [],
            "linh_vuc": [
                vanban.LinhVuc(
                    ten="Khoa học",
                    nhiem_vu=[
                        vanban.NhiemVu(
                            ten="Hỗ trợ 10 doanh nghiệp",
                            chu_tri="Phòng A",
                            ket_qua="10 doanh nghiệp được hỗ trợ",
                            chi_tieu=[{"so_luong": 10, "don_vi": "doanh nghiệp"}],
                        ),
                        vanban.NhiemVu(ten="Tập huấn", chu_tri="Phòng B", thoi_gian="Quý II năm 2024"),
                    ],
                ),
                vanban.LinhVuc(ten="Công nghệ", nhiem_vu=[vanban.NhiemVu(ten="Đánh giá công nghệ", chu_tri="Phòng C")]),
            ],
        }
    )


def _year_end(results):
    from vanban.models import BaoCao

    return BaoCao.model_validate(
        {
            "co_quan": {"ten": "SỞ KHOA HỌC VÀ CÔNG NGHỆ", "viet_tat": "SKHCN"},
            "so_ky_hieu": "/BC-SKHCN",
            "dia_danh": "Lạng Sơn",
            "trich_yeu": "Kết quả thực hiện kế hoạch năm 2024",
            "ky": "năm 2024",
            "nguoi_ky": {"chuc_vu": ["GIÁM ĐỐC"]},
            "noi_nhan": {"luu": "VT"},
            "ket_qua": results,
        }
    )


def test_a_grouped_plan_and_its_year_end_report(plan):
    grouped = _grouped(plan)
    assert [ma for ma, _ in grouped.cac_nhiem_vu()] == ["1.1", "1.2", "2.1"]
    report = _year_end(
        [
            {
                "so": 1,
                "ma": "1.1",
                "ten": "Hỗ trợ 10 doanh nghiệp",
                "trang_thai": "đang thực hiện",
                "chi_tieu": [{"so_luong": 10, "don_vi": "doanh nghiệp", "dat": 6}],
            },
            {"so": 2, "ma": "1.2", "ten": "Tập huấn", "trang_thai": "hoàn thành"},
            {"so": 3, "ma": "2.1", "ten": "Đánh giá công nghệ", "trang_thai": "chưa triển khai"},
        ]
    )
    new, changes = next_year(grouped, bao_cao=report)
    assert [[t.ten for t in area.nhiem_vu] for area in new.linh_vuc] == [
        ["Hỗ trợ 04 doanh nghiệp"],
        ["Đánh giá công nghệ"],
    ]
    assert [(ma, t.chuyen_tiep) for ma, t in new.cac_nhiem_vu()] == [("1.1", 2024), ("2.1", 2024)]
    assert new.linh_vuc[0].nhiem_vu[0].chi_tieu[0].so_luong == 4
    assert any(c.where == "nhiệm vụ 1.2" and "bỏ: đã hoàn thành" in c.new for c in changes)
    # a report without identities counts tasks across the groups: the same decisions
    by_place = _year_end(
        [
            {"so": n, "ten": t, "trang_thai": s}
            for n, t, s in (
                (1, "Hỗ trợ 10 doanh nghiệp", "đang thực hiện"),
                (2, "Tập huấn", "hoàn thành"),
                (3, "Đánh giá công nghệ", "đang thực hiện"),
            )
        ]
    )
    again, _ = next_year(grouped, bao_cao=by_place)
    assert [ma for ma, _ in again.cac_nhiem_vu()] == ["1.1", "2.1"]


def test_an_appendix_plan_keeps_identities_and_names_new_places(plan):
    from test_render_data import grouped_plan

    table_plan = grouped_plan().model_copy(update={"trich_yeu": "Cải cách hành chính năm 2026", "nam": 2026})
    assert [ma for ma, _ in table_plan.cac_nhiem_vu()] == ["PL-1", "PL-2", "PL-3"]
    report = _year_end([{"so": 2, "ten": "Công bố thủ tục", "trang_thai": "hoàn thành"}]).model_copy(
        update={"ky": vanban.KyBaoCao(loai="nam", nam=2026)}
    )
    new, changes = next_year(table_plan, bao_cao=report)
    assert [(ma, t.ten) for ma, t in new.cac_nhiem_vu()] == [("PL-1", "Kiểm tra văn bản"), ("PL-3", "Một cửa")]
    assert str(new.phu_luc.nhom[1].nhiem_vu[0].thoi_gian) == "Quý IV năm 2027"
    assert any(c.where.startswith("nhiệm vụ PL-3 (nay là 1)") for c in changes)  # second group, numbered from 1
    assert any(c.where == "nhiệm vụ PL-1" and "không nói về" in c.reason for c in changes)
    rolled_again, _ = next_year(new)  # identities stay once written
    assert [ma for ma, _ in rolled_again.cac_nhiem_vu()] == ["PL-1", "PL-3"]


# --- every real plan: what must stay stays (listed by hand, tests/data/corpus_references.json) ----------------
REFERENCES = __import__("json").loads((ROOT / "tests" / "data" / "corpus_references.json").read_text(encoding="utf-8"))


def _rolled_text(model) -> str:
    """What the rolled plan prints, as one line of single spaces (the reader of tests/docx_xml.py)."""
    import unicodedata

    from docx_xml import Docx

    document = Docx(vanban.render_bytes(model))
    notes = [text for _, text in document.part_texts("footnotes")]
    return unicodedata.normalize("NFC", " ".join(" ".join([*document.text_lines(), *notes]).split()))


def _within(part: list[str], whole: list[str]) -> bool:
    """Whether the words of ``part`` stand in ``whole`` one after another (punctuation and spacing aside)."""
    size = len(part)
    return any(whole[i : i + size] == part for i in range(len(whole) - size + 1))


def _plain(value: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFC", " ".join(value.split()))


@pytest.mark.parametrize("stem", sorted(REFERENCES), ids=str)
def test_a_real_plan_rolls_without_touching_a_citation(stem):
    from pathlib import Path

    from vanban._derive.nam_sau import not_yearly

    expected = REFERENCES[stem]
    corpus = Path(__file__).parents[1] / "data" / "corpus"
    source = corpus / f"{stem}.docx" if (corpus / f"{stem}.docx").exists() else corpus / f"{stem}.doc"
    if source.suffix == ".doc" and not __import__("shutil").which("soffice"):
        pytest.skip("LibreOffice (soffice) chưa cài")
    plan = vanban.parse(source)
    yearly = expected["kind"] == "yearly"
    assert (not_yearly(plan) is None) == yearly
    new, changes = next_year(plan) if yearly else next_year(plan, plan.nam + 1)
    rolled = _rolled_text(new)
    words = tokens(rolled)
    for phrase in expected["stay"]:
        assert _within(tokens(phrase), words), phrase
    for cited in expected["framework"]:
        number = re.search(r"(\d+/[\w-]+)", cited)
        assert not _within(tokens(cited), words) and number and number.group(1) not in rolled, cited
        assert "[Bổ sung số]" in rolled
    for phrase in expected["move"]:
        moved = re.sub(r"(?:19|20)\d{2}", lambda m: str(int(m.group(0)) + 1), _plain(phrase))
        assert _within(tokens(moved), words), phrase
    if not yearly:
        assert not [c for c in changes if c.verdict == "doi" and c.where not in ("năm kế hoạch", "số, ký hiệu")]


def test_the_appendix_title_of_next_years_plan_is_in_capitals(plan):
    table = vanban.PhuLuc(
        tieu_de="Danh mục nhiệm vụ năm 2024",
        nhom=[vanban.NhomNhiemVu(ten="Nhiệm vụ chung", nhiem_vu=[vanban.NhiemVu(ten="Tuyên truyền")])],
    )
    new, changes = vanban.next_year(plan.model_copy(update={"phu_luc": table}))
    assert new.phu_luc.tieu_de == "DANH MỤC NHIỆM VỤ NĂM 2025"
    capitals = [c for c in changes if c.where == "tên phụ lục"]
    assert capitals and capitals[-1].new == "DANH MỤC NHIỆM VỤ NĂM 2025" and "ND30-PL-03" in capitals[-1].reason
