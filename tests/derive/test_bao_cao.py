"""Report drafts from a plan and progress data. Expected sentences are written here by hand, or computed from
the raw files with plain YAML/CSV reading, never by the code under test."""

from __future__ import annotations

import csv
import re
import warnings
from pathlib import Path

import pytest
from conftest import EXAMPLE, ROOT
from docx_xml import Docx
from ruamel.yaml import YAML

import vanban
from vanban._derive import draft_report
from vanban._errors import InputError
from vanban._tien_do import load_progress
from vanban.models import KyBaoCao, ThoiGian, TienDoKy

Q1 = ROOT / "examples" / "tien-do-quy-I-2024.yaml"
Q2 = ROOT / "examples" / "tien-do-quy-II-2024.csv"


def raw_plan() -> dict:
    return YAML(typ="safe").load(EXAMPLE.read_text(encoding="utf-8"))


def raw_q1() -> dict:
    return YAML(typ="safe").load(Q1.read_text(encoding="utf-8"))


def raw_q2() -> list[dict]:
    with Q2.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def padded(number: float) -> str:
    return f"{int(number):02d}" if 0 < number < 10 else str(int(number))


def percent(ratio: float) -> str:
    value = round(ratio * 100, 1)
    return (f"{value:.1f}".rstrip("0").rstrip(".")).replace(".", ",") + "%"


def lines_of(report: vanban.BaoCao) -> list[str]:
    return [" ".join(line.split()) for line in Docx(vanban.render_bytes(report)).text_lines()]


def section(lines: list[str], heading: str) -> list[str]:
    """The lines under the roman-numbered heading that starts with ``heading`` (up to the next one)."""
    start = next(i for i, line in enumerate(lines) if re.match(rf"^[IVX]+\. {re.escape(heading)}", line))
    end = next(
        (i for i, line in enumerate(lines[start + 1 :], start + 1) if re.match(r"^[IVX]+\. |Trên đây", line)),
        len(lines),
    )
    return lines[start + 1 : end]


def plan_of(count: int, **extra: object) -> vanban.KeHoach:
    """A plan with ``count`` numbered tasks, each with one target of 10 hồ sơ, written here by hand."""
    data = {
        "co_quan": {"chu_quan": "UBND TỈNH AN GIANG", "ten": "SỞ NỘI VỤ", "viet_tat": "SNV", "ten_goi": "Sở Nội vụ"},
        "so_ky_hieu": {"so": 7, "ky_hieu": "KH-SNV"},
        "dia_danh": "An Giang",
        "ngay_ban_hanh": "15/01/2025",
        "trich_yeu": "Cải cách hành chính năm 2025",
        "nam": 2025,
        "muc_dich": ["Sở Nội vụ nâng cao hiệu quả cải cách hành chính."],
        "nhiem_vu": [
            {
                "ten": f"Nhiệm vụ số {n} về cải cách",
                "chu_tri": "Phòng Cải cách hành chính",
                "thoi_gian": "Cả năm 2025",
                "chi_tieu": [{"so_luong": 10, "don_vi": "hồ sơ"}],
            }
            for n in range(1, count + 1)
        ],
        "nguoi_ky": {"chuc_vu": ["GIÁM ĐỐC"], "ho_ten": "Trần Văn Bình"},
        "noi_nhan": {"danh_sach": [{"ten": "UBND tỉnh", "muc_dich": "b/c"}], "luu": "VT"},
    }
    data.update(extra)
    return vanban.KeHoach.model_validate(data)


@pytest.fixture(scope="module")
def plan():
    return vanban.load(EXAMPLE)


@pytest.fixture(scope="module")
def q1_report(plan):
    return draft_report(plan, "quý I", load_progress(Q1))


@pytest.fixture(scope="module")
def q1_lines(q1_report):
    return lines_of(q1_report)


# --- the outline of a real periodic report --------------------------------------------------------------
def test_outline_of_a_real_report(q1_report, q1_lines):
    headings = [line for line in q1_lines if re.match(r"^[IVX]+\. ", line)]
    assert headings == [
        "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
        "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ QUÝ I NĂM 2024",
        "III. ĐÁNH GIÁ CHUNG",
        "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ II NĂM 2024",
        "V. ĐỀ XUẤT, KIẾN NGHỊ",
    ]
    title = q1_lines[q1_lines.index("BÁO CÁO") + 1 : q1_lines.index("BÁO CÁO") + 3]
    assert title == [
        "Kết quả thực hiện Kế hoạch số 19/KH-SKHCN ngày 31/01/2024",
        "của Sở Khoa học và Công nghệ quý I năm 2024",
    ]
    assert "Kính gửi: Ủy ban nhân dân tỉnh Lạng Sơn" in q1_lines
    opening = next(line for line in q1_lines if line.startswith("Thực hiện"))
    assert opening == (
        "Thực hiện Kế hoạch số 19/KH-SKHCN ngày 31/01/2024 của Sở Khoa học và Công nghệ về triển khai thực hiện "
        "nhiệm vụ trọng tâm của Sở Khoa học và Công nghệ năm 2024, Sở Khoa học và Công nghệ báo cáo kết quả thực "
        "hiện kế hoạch quý I năm 2024 như sau:"
    )
    assert section(q1_lines, "ĐÁNH GIÁ CHUNG") == [
        "1. Mặt tích cực",
        "[Bổ sung những kết quả nổi bật, mặt tích cực]",
        "2. Tồn tại, hạn chế",
        "Nhiệm vụ 3: " + raw_q1()["nhiem_vu"][3]["kho_khan"],
        "3. Nguyên nhân",
        "[Bổ sung nguyên nhân của tồn tại, hạn chế]",
    ]
    assert "Trên đây là báo cáo kết quả thực hiện kế hoạch quý I năm 2024 của Sở Khoa học và Công nghệ./." in q1_lines
    # the signer's name comes from the plan
    assert q1_lines[q1_lines.index("GIÁM ĐỐC") + 5] == raw_plan()["nguoi_ky"]["ho_ten"]


def test_direction_comes_from_the_progress_data(q1_lines):
    assert section(q1_lines, "CÔNG TÁC CHỈ ĐẠO") == raw_q1()["chi_dao"]


def test_overall_figures_in_prose_and_the_annex_referred_to(q1_lines):
    statuses = [entry["trang_thai"] for entry in raw_q1()["nhiem_vu"].values()]
    assert len(statuses) == 5  # every task of the plan has a status
    results = section(q1_lines, "KẾT QUẢ")
    assert results[:2] == [
        "Kế hoạch có 05 nhiệm vụ, trong đó: 01 hoàn thành, 03 đang thực hiện, 01 chậm tiến độ; "
        "đã hoàn thành 01/05 nhiệm vụ (đạt 20%).",
        "Kết quả từng nhiệm vụ nêu dưới đây; số liệu chi tiết tại Phụ lục và Biểu 01 kèm theo báo cáo.",
    ]
    # Biểu 01: the statistics annex, counted here from the raw file
    start = q1_lines.index("Biểu 01")
    assert q1_lines[start + 1 : start + 3] == ["THỐNG KÊ KẾT QUẢ THỰC HIỆN NHIỆM VỤ", "QUÝ I NĂM 2024"]
    cells = q1_lines[start + 2 :]
    expected = [
        ("Số nhiệm vụ của kế hoạch", "05"),
        ("Số nhiệm vụ đã có số liệu về tình trạng, trong đó:", "05"),
        ("- Hoàn thành", padded(statuses.count("hoàn thành"))),
        ("- Đang thực hiện", padded(statuses.count("đang thực hiện"))),
        ("- Chậm tiến độ", padded(statuses.count("chậm tiến độ"))),
        ("- Chưa triển khai", "0"),
        ("Tỷ lệ hoàn thành (trên số nhiệm vụ có số liệu)", "20%"),
    ]
    for name, figure in expected:
        at = cells.index(name)
        assert cells[at + 2] == figure, name


def test_quarter_figures_are_right(q1_lines):
    tasks, progress = raw_plan()["nhiem_vu"], raw_q1()["nhiem_vu"]
    for number, task in enumerate(tasks, start=1):
        for target in task.get("chi_tieu", []):
            entry = progress[number]["dat"]
            achieved = entry if isinstance(entry, (int, float)) else entry[target["don_vi"]]
            expected = f"- Chỉ tiêu: đạt {padded(achieved)}/{padded(target['so_luong'])} {target['don_vi']} ({percent(achieved / target['so_luong'])})."
            assert expected in q1_lines
    assert "- Chỉ tiêu: đạt 06/15 Doanh nghiệp, Hợp tác xã (40%)." in q1_lines


def test_next_period_only_what_is_due_or_unfinished(q1_report, q1_lines):
    # task 1 is finished; task 4's activity is timed "Quý I, II": due in quý II; 2, 3, 5 run all year
    assert section(q1_lines, "PHƯƠNG HƯỚNG") == [
        "- Nhiệm vụ 4: Hỗ trợ nộp đơn đăng ký nhãn hiệu tập thể, nhãn hiệu chứng nhận (quý I, II năm 2024).",
        "- Tiếp tục thực hiện các nhiệm vụ chưa hoàn thành của kế hoạch: nhiệm vụ 2, 3, 5 (chi tiết tại Phụ lục).",
    ]
    assert section(q1_lines, "ĐỀ XUẤT") == ["- Nhiệm vụ 3: " + raw_q1()["nhiem_vu"][3]["de_xuat"]]


def test_the_draft_passes_the_checker(plan):
    for period, files in (("quý I", [Q1]), ("6 tháng đầu năm", [Q1, Q2]), ("năm", [Q1, Q2])):
        report = draft_report(plan, period, [p for f in files for p in load_progress(f)])
        result = vanban.check(vanban.render_bytes(report))
        assert result.kind == "BC" and result.ok, (period, result.findings)
        assert {f.rule for f in result.warnings} <= {"ND30-PAGE-04"}  # only the yellow [Bổ sung …]


# --- no invented fact -----------------------------------------------------------------------------------
def test_no_data_states_no_figure_and_no_status(plan):
    report = draft_report(plan, "năm")
    lines = lines_of(report)
    results = section(lines, "KẾT QUẢ")
    assert results[0] == (
        "Kế hoạch có 05 nhiệm vụ; chưa có số liệu về tình trạng của nhiệm vụ nào trong năm 2024: "
        "[Bổ sung kết quả thực hiện các nhiệm vụ]."
    )
    assert results[1] == "Kết quả từng nhiệm vụ nêu dưới đây; số liệu chi tiết tại Phụ lục và Biểu 01 kèm theo báo cáo."
    text = " ".join(lines)
    assert "%" not in " ".join(results) and "hoàn thành 0" not in text and "đạt 0" not in text
    assert "Chuyển tiếp" not in text and "Tiếp tục thực hiện" not in text
    assert results.count("- Tình trạng: [Bổ sung tình trạng].") == 5
    assert "- Chỉ tiêu: [Bổ sung số đạt được] / 15 Doanh nghiệp, Hợp tác xã." in results
    assert section(lines, "PHƯƠNG HƯỚNG") == [
        "- [Bổ sung phương hướng cho các nhiệm vụ chưa có số liệu đến hết năm 2024: 1, 2, 3, 4, 5]"
    ]
    statistics = lines[lines.index("Biểu 01") :]
    for row in ("- Hoàn thành", "- Đang thực hiện", "- Chậm tiến độ", "- Chưa triển khai"):
        assert statistics[statistics.index(row) + 2] == "[Bổ sung]"  # no count where nothing is known
    rate = statistics.index("Tỷ lệ hoàn thành (trên số nhiệm vụ có số liệu)")
    assert statistics[rate + 2] == "[Bổ sung]"
    assert "nhiệm vụ 1: [Bổ sung tình trạng]" in report.placeholders()


def test_three_of_forty_tasks_reported():
    plan = plan_of(40)
    progress = TienDoKy.model_validate(
        {
            "ky": "quý I năm 2025",
            "nhiem_vu": {
                "7": {"trang_thai": "hoàn thành", "dat": 10},
                "12": {"trang_thai": "hoàn thành", "dat": 10},
                "30": {"trang_thai": "đang thực hiện", "dat": 4},
            },
        }
    )
    report = draft_report(plan, "quý I", [progress])
    lines = lines_of(report)
    results = section(lines, "KẾT QUẢ")
    missing = ", ".join(str(n) for n in range(1, 41) if n not in (7, 12, 30))
    assert results[:3] == [
        "Kế hoạch có 40 nhiệm vụ; 03/40 nhiệm vụ đã có số liệu, trong đó: 02 hoàn thành, 01 đang thực hiện; "
        "hoàn thành 02/03 nhiệm vụ có số liệu (đạt 66,67%).",
        f"37 nhiệm vụ chưa có số liệu về tình trạng: [Bổ sung tình trạng các nhiệm vụ {missing}].",
        "Kết quả từng nhiệm vụ nêu dưới đây; số liệu chi tiết tại Phụ lục và Biểu 01 kèm theo báo cáo.",
    ]
    assert "2,5%" not in " ".join(lines) and "5%" not in results[0]
    # section IV: the one unfinished task with data, by name of its identity; the others wait for data
    assert section(lines, "PHƯƠNG HƯỚNG") == [
        "- Tiếp tục thực hiện các nhiệm vụ chưa hoàn thành của kế hoạch: nhiệm vụ 30 (chi tiết tại Phụ lục).",
        f"- [Bổ sung phương hướng cho các nhiệm vụ chưa có số liệu đến hết quý I năm 2025: {missing}]",
    ]
    assert "- Chỉ tiêu: đạt 04/10 hồ sơ (40%)." in results


def test_six_months_from_quarter_two_only(plan):
    report = draft_report(plan, "6 tháng đầu năm", load_progress(Q2))
    lines = lines_of(report)
    results = section(lines, "KẾT QUẢ")
    assert "Chưa có số liệu quý I năm 2024; số liệu cộng dồn chưa gồm kỳ này." in results
    assert not any("theo kỳ gần nhất" in line for line in results)  # quý II is the end: the statuses are current
    row = next(r for r in raw_q2() if r["nhiem_vu"] == "2")
    assert f"- Kết quả: Quý II năm 2024: {row['ket_qua']}" in results
    assert "- Chỉ tiêu: đạt 05/15 Doanh nghiệp, Hợp tác xã (33,3%; chưa có số liệu quý I năm 2024)." in results
    # task 1 is not in the quý II file: no status is made up for it
    first = results.index(next(line for line in results if line.startswith("1. Nhiệm vụ 1:")))
    assert results[first + 1] == "- Tình trạng: [Bổ sung tình trạng]."


def test_six_months_label_each_quarter_and_add_up(plan):
    report = draft_report(plan, "6 tháng đầu năm", load_progress(Q1) + load_progress(Q2))
    q1 = raw_q1()["nhiem_vu"]
    q2 = {int(row["nhiem_vu"]): row for row in raw_q2()}
    lines = section(lines_of(report), "KẾT QUẢ")
    two = lines.index(next(line for line in lines if line.startswith("2. Nhiệm vụ 2:")))
    assert lines[two + 1 : two + 5] == [
        "- Tình trạng: đang thực hiện.",  # the latest status (quý II)
        f"- Kết quả: Quý I năm 2024: {q1[2]['ket_qua']}",
        f"Quý II năm 2024: {q2[2]['ket_qua']}",
        f"- Chỉ tiêu: đạt {q1[2]['dat'] + int(q2[2]['dat'])}/15 Doanh nghiệp, Hợp tác xã ({percent(11 / 15)}).",
    ]
    assert report.trich_yeu.endswith("6 tháng đầu năm 2024")
    assert lines[0].startswith("Kế hoạch có 05 nhiệm vụ, trong đó: 01 hoàn thành, 04 đang thực hiện;")


def test_annual_report_says_whether_each_target_was_reached(plan):
    q3 = {"ky": "quý III năm 2024", "nhiem_vu": {2: {"dat": 4, "trang_thai": "hoàn thành"}, 5: {"dat": 0}}}
    q4 = {"ky": "quý IV năm 2024", "nhiem_vu": {5: {"dat": 0}}}
    later = [TienDoKy.model_validate(q3), TienDoKy.model_validate(q4)]
    report = draft_report(plan, "năm 2024", load_progress(Q1) + load_progress(Q2) + later)
    lines = lines_of(report)
    # reached with quý IV unknown is still reached: figures only add up
    assert (
        "- Chỉ tiêu: đạt 15/15 Doanh nghiệp, Hợp tác xã (100%; chưa có số liệu quý IV năm 2024); đạt chỉ tiêu." in lines
    )
    assert "- Chỉ tiêu: đạt 17/25 mô hình (68%); chưa đạt chỉ tiêu." in lines
    assert (
        report.trich_yeu
        == "Kết quả thực hiện Kế hoạch số 19/KH-SKHCN ngày 31/01/2024\ncủa Sở Khoa học và Công nghệ năm 2024"
    )
    ahead = section(lines, "PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2025")
    assert any(line.startswith("- Tiếp tục thực hiện nhiệm vụ 5:") and "(còn 08 mô hình)" in line for line in ahead)
    assert not any("nhiệm vụ 2:" in line or "nhiệm vụ 1:" in line for line in ahead)


def test_annual_with_quarters_missing_gives_no_verdict(plan):
    report = draft_report(plan, "năm 2024", load_progress(Q1) + load_progress(Q2))
    lines = lines_of(report)
    assert "Chưa có số liệu quý III, quý IV năm 2024; số liệu cộng dồn chưa gồm các kỳ này." in lines
    assert (
        "04 nhiệm vụ chưa có số liệu đủ các kỳ; tình trạng của các nhiệm vụ này là theo kỳ gần nhất có số liệu."
        in lines
    )
    assert "- Chỉ tiêu: đạt 11/15 Doanh nghiệp, Hợp tác xã (73,3%; chưa có số liệu quý III, quý IV năm 2024)." in lines
    assert "- Tình trạng: đang thực hiện (chưa có số liệu quý III, quý IV năm 2024)." in lines
    assert not any("đạt chỉ tiêu" in line for line in lines)
    # no carry-over is claimed for tasks whose year-end status is unknown (task 1, done in quý I, stays done)
    assert section(lines, "PHƯƠNG HƯỚNG") == [
        "- [Bổ sung phương hướng cho các nhiệm vụ chưa có số liệu đến hết năm 2024: 2, 3, 4, 5]"
    ]
    appendix = lines[lines.index("Phụ lục") :]
    assert "11 (chưa có số liệu quý III, quý IV năm 2024)" in appendix
    statistics = lines[lines.index("Biểu 01") :]
    known = statistics.index("Số nhiệm vụ đã có số liệu về tình trạng, trong đó:")
    assert statistics[known + 3] == "04 nhiệm vụ chưa đủ số liệu các kỳ"


# --- the period belongs to the plan's year ----------------------------------------------------------------
def test_plan_issued_in_december_for_next_year(tmp_path):
    plan = plan_of(3, ngay_ban_hanh="20/12/2024")
    read = vanban.parse(vanban.render_bytes(plan))  # read from Word: its year is the one its title names
    assert read.nam == 2025
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        report = draft_report(read, "quý I")
    assert str(report.ky) == "quý I năm 2025"
    assert report.trich_yeu == "Kết quả thực hiện Kế hoạch số 07/KH-SNV ngày 20/12/2024\ncủa Sở Nội vụ quý I năm 2025"
    assert "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ QUÝ II NĂM 2025" in lines_of(report)


def test_plan_issued_after_the_period_warns():
    plan = plan_of(2, ngay_ban_hanh="10/05/2025")
    with pytest.warns(
        vanban.ReportWarning, match="kế hoạch ban hành ngày 10/5/2025, sau khi kỳ quý I năm 2025 đã kết thúc"
    ):
        draft_report(plan, "quý I")


def test_period_outside_the_plan_warns():
    """Plans run past their year (an election in March); the clerk is warned, not stopped."""
    with pytest.warns(vanban.ReportWarning, match=r"kỳ quý I năm 2026 ngoài năm của kế hoạch \(2025\)"):
        report = draft_report(plan_of(2), "quý I năm 2026")
    assert str(report.ky) == "quý I năm 2026"


def test_progress_for_another_period_is_an_error_naming_the_file(plan):
    with pytest.raises(InputError, match=re.escape(f"tiến độ quý II năm 2024 (tệp {Q2}) không thuộc quý I năm 2024")):
        draft_report(plan, "quý I", load_progress(Q2))


# --- fields, identities, the request answered ---------------------------------------------------------------
def test_results_by_field_for_a_plan_with_areas():
    plan = plan_of(0)
    plan = plan.model_copy(
        update={
            "nhiem_vu": [],
            "linh_vuc": [
                vanban.LinhVuc(ten="Cải cách thể chế", nhiem_vu=[vanban.NhiemVu(ten="Rà soát văn bản")]),
                vanban.LinhVuc(
                    ten="Cải cách thủ tục hành chính",
                    nhiem_vu=[vanban.NhiemVu(ten="Công bố thủ tục"), vanban.NhiemVu(ten="Số hóa hồ sơ")],
                ),
            ],
        }
    )
    progress = TienDoKy.model_validate(
        {"ky": "quý I năm 2025", "nhiem_vu": {"2.2": {"trang_thai": "hoàn thành", "ket_qua": "Số hóa 1.200 hồ sơ."}}}
    )
    report = draft_report(plan, "quý I", [progress])
    results = section(lines_of(report), "KẾT QUẢ")
    at = results.index("1. Cải cách thể chế")
    assert results[at:] == [
        "1. Cải cách thể chế",
        "1.1. Rà soát văn bản",
        "- Tình trạng: [Bổ sung tình trạng].",
        "- Kết quả: [Bổ sung kết quả thực hiện]",
        "2. Cải cách thủ tục hành chính",
        "2.1. Công bố thủ tục",
        "- Tình trạng: [Bổ sung tình trạng].",
        "- Kết quả: [Bổ sung kết quả thực hiện]",
        "2.2. Số hóa hồ sơ",
        "- Tình trạng: hoàn thành.",
        "- Kết quả: Số hóa 1.200 hồ sơ.",
    ]
    again = vanban.parse_detailed(vanban.render_bytes(report))
    assert again.model == report and not again.notes


def test_progress_keyed_by_the_appendix_identity():
    plan = plan_of(0)
    table = vanban.PhuLuc(
        tieu_de="DANH MỤC NHIỆM VỤ",
        nhom=[
            vanban.NhomNhiemVu(ten="Nhiệm vụ chung", nhiem_vu=[vanban.NhiemVu(ten="Tuyên truyền")]),
            vanban.NhomNhiemVu(ten="Nhiệm vụ riêng", nhiem_vu=[vanban.NhiemVu(ten="Kiểm tra")]),
        ],
    )
    plan = plan.model_copy(update={"nhiem_vu": [], "phu_luc": table})
    progress = TienDoKy.model_validate({"ky": "quý I năm 2025", "nhiem_vu": {"PL-2": {"trang_thai": "hoàn thành"}}})
    report = draft_report(plan, "quý I", [progress])
    assert [(r.ma, r.linh_vuc, r.trang_thai) for r in report.ket_qua] == [
        ("PL-1", "Nhiệm vụ chung", None),
        ("PL-2", "Nhiệm vụ riêng", "hoan_thanh"),
    ]
    results = section(lines_of(report), "KẾT QUẢ")
    assert "2.1. Nhiệm vụ PL-2: Kiểm tra" in results
    with pytest.raises(InputError, match=r"không có nhiệm vụ 'PL-3' \(kế hoạch có 02 nhiệm vụ: PL-1, PL-2\)"):
        draft_report(plan, "quý I", [TienDoKy.model_validate({"ky": "quý I năm 2025", "nhiem_vu": {"PL-3": {}}})])


def test_the_request_answered_is_cited_first(plan):
    request = "Công văn số 123/UBND-KT ngày 05/3/2024 của UBND tỉnh Lạng Sơn về việc báo cáo quý I năm 2024"
    report = draft_report(plan, "quý I", load_progress(Q1), theo=request)
    opening = next(line for line in lines_of(report) if line.startswith("Thực hiện"))
    assert opening.startswith(f"Thực hiện {request}; Kế hoạch số 19/KH-SKHCN ngày 31/01/2024 của Sở Khoa học")


def test_several_addressees_beside_the_label(plan):
    report = draft_report(plan, "quý I", load_progress(Q1), kinh_gui=["UBND tỉnh", "Bộ Khoa học và Công nghệ"])
    doc = Docx(vanban.render_bytes(report))
    lines = doc.text_lines()
    first = next(i for i, line in enumerate(lines) if line.startswith("Kính gửi:"))
    assert [" ".join(x.split()) for x in lines[first : first + 2]] == [
        "Kính gửi: - Ủy ban nhân dân tỉnh Lạng Sơn;",
        "- Bộ Khoa học và Công nghệ.",
    ]
    result = vanban.check(vanban.render_bytes(report))
    assert result.ok and not [f for f in result.findings if f.rule.startswith("ND30-KG")], result.findings


def test_signer_without_a_name_gets_a_placeholder():
    plan = plan_of(1, nguoi_ky={"chuc_vu": ["GIÁM ĐỐC"]})
    report = draft_report(plan, "quý I")
    lines = lines_of(report)
    assert lines[lines.index("GIÁM ĐỐC") + 5] == "[Bổ sung họ tên]"


# --- progress that does not fit, numbers read the Vietnamese way --------------------------------------------
@pytest.mark.parametrize(
    "entry, message",
    [
        ({9: {"trang_thai": "hoàn thành"}}, "không có nhiệm vụ '9' (kế hoạch có 05 nhiệm vụ: 1, 2, 3, 4, 5)"),
        ({2: {"dat": {"Hợp tác xã kiểu mới": 3}}}, "nhiệm vụ 2 không có chỉ tiêu 'Hợp tác xã kiểu mới'"),
        ({1: {"dat": 3}}, "nhiệm vụ 1 không có chỉ tiêu '1' (chỉ tiêu của nhiệm vụ: không có chỉ tiêu nào)"),
    ],
)
def test_progress_that_does_not_fit_the_plan(plan, entry, message):
    with pytest.raises(InputError, match=re.escape(message)):
        draft_report(plan, "quý I", [TienDoKy.model_validate({"ky": "quý I năm 2024", "nhiem_vu": entry})])


def test_progress_error_names_the_file(plan, tmp_path):
    path = tmp_path / "tien-do.yaml"
    path.write_text("ky: quý I năm 2024\nnhiem_vu:\n  9:\n    trang_thai: hoàn thành\n", encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(f"tiến độ quý I năm 2024 (tệp {path})")):
        draft_report(plan, "quý I", load_progress(path))


def test_bad_status_is_named():
    with pytest.raises(ValueError, match="tình trạng 'xong rồi' không hợp lệ"):
        TienDoKy.model_validate({"ky": "quý I năm 2024", "nhiem_vu": {1: {"trang_thai": "xong rồi"}}})


def test_overlapping_periods_are_refused(plan):
    six = TienDoKy.model_validate({"ky": "6 tháng đầu năm 2024", "nhiem_vu": {2: {"dat": 11}}})
    with pytest.raises(InputError, match="trùng tháng"):
        draft_report(plan, "năm", load_progress(Q1) + [six])


def _thousands_plan() -> vanban.KeHoach:
    plan = plan_of(3)
    tasks = [
        task.model_copy(update={"chi_tieu": [vanban.ChiTieu(so_luong=amount, don_vi="lượt")]})
        for task, amount in zip(plan.nhiem_vu, (2000, 20000, 4_000_000), strict=True)
    ]
    return plan.model_copy(update={"nhiem_vu": tasks})


THOUSANDS = [["Kỳ", "Nhiệm vụ", "Đạt"], ["quý I năm 2025", "1", "1.000"], ["quý I năm 2025", "2", "12.500"]]
THOUSANDS.append(["quý I năm 2025", "3", "2.000.000"])
THOUSANDS_SAID = [
    "- Chỉ tiêu: đạt 1.000/2.000 lượt (50%).",
    "- Chỉ tiêu: đạt 12.500/20.000 lượt (62,5%).",
    "- Chỉ tiêu: đạt 2.000.000/4.000.000 lượt (50%).",
]


def test_thousands_in_csv_xlsx_and_yaml(tmp_path):
    from openpyxl import Workbook

    csv_path = tmp_path / "tien-do.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(THOUSANDS)
    book = Workbook()
    for row in THOUSANDS:
        book.active.append(row)  # typed as text, as a clerk's cells often are
    xlsx_path = tmp_path / "tien-do.xlsx"
    book.save(xlsx_path)
    yaml_path = tmp_path / "tien-do.yaml"
    yaml_path.write_text(
        "ky: quý I năm 2025\nnhiem_vu:\n  1: {dat: 1.000}\n  2: {dat: 12.500}\n  3: {dat: '2.000.000'}\n",
        encoding="utf-8",
    )
    plan = _thousands_plan()
    for path in (csv_path, xlsx_path, yaml_path):
        lines = lines_of(draft_report(plan, "quý I", load_progress(path)))
        for sentence in THOUSANDS_SAID:
            assert sentence in lines, (path.suffix, sentence)


def test_numbers_excel_stores_as_numbers_are_taken_as_they_are(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Kỳ", "Nhiệm vụ", "Đạt"])
    book.active.append(["quý I năm 2025", 1, 1000])
    book.active.append(["quý I năm 2025", 2, 12.5])
    path = tmp_path / "tien-do.xlsx"
    book.save(path)
    [period] = load_progress(path)
    assert period.nhiem_vu["1"].dat == {"1": 1000} and period.nhiem_vu["2"].dat == {"1": 12.5}


@pytest.mark.parametrize(
    "content, message",
    [
        ("ky: quý I năm 2024\nnhiem_vu:\n  2:\n    dat: -3\n", "dòng 4, nhiệm vụ 2, dat: số đạt được -3 âm"),
        (
            "ky: quý I năm 2024\nnhiem_vu:\n  2:\n    trang_thai: xong rồi\n",
            "nhiem_vu.2.trang_thai (dòng 4): tình trạng",
        ),
        ("ky: quý I năm 2024\nnhiem_vu:\n  2: {dat: 3}\n  '2': {dat: 4}\n", "dòng 4, nhiệm vụ '2' ghi hai lần"),
        ("ky: quý I năm 2024\nnhiem_vu:\n  2: {dat: 0x10}\n", "số đạt được '0x10' không phải là số"),
        ("ky: ''\nnhiem_vu:\n  2: {dat: 3}\n", "thiếu 'ky'"),
    ],
)
def test_bad_yaml_progress_names_file_and_line(tmp_path, content, message):
    path = tmp_path / "tien-do.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(message)) as caught:
        load_progress(path)
    assert str(path) in str(caught.value)


def test_a_yaml_key_is_read_as_written(tmp_path):
    """``1.10:`` unquoted is the float 1.1 to YAML; it is task 1.10 to a clerk."""
    path = tmp_path / "td.yaml"
    path.write_text(
        "ky: quý I năm 2025\nnhiem_vu:\n  1.10: {trang_thai: hoàn thành}\n  1.2: {trang_thai: đang thực hiện}\n",
        encoding="utf-8",
    )
    [period] = load_progress(path)
    assert period.nhiem_vu["1.10"].trang_thai == "hoan_thanh" and period.nhiem_vu["1.2"].trang_thai == "dang_thuc_hien"
    assert "1.1" not in period.nhiem_vu


def test_an_excel_number_as_task_identity_is_refused(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Kỳ", "Mã", "Đạt"])
    book.active.append(["quý I năm 2025", 1.1, 3])
    book.save(tmp_path / "td.xlsx")
    with pytest.raises(InputError, match=r"dòng 2: mã nhiệm vụ 1.1 là một số .*Văn bản \(Text\)"):
        load_progress(tmp_path / "td.xlsx")


def test_a_title_row_above_the_header(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["BẢNG TIẾN ĐỘ QUÝ I NĂM 2025"])
    book.active.append(["Kỳ", "Mã", "Đạt"])
    book.active.append(["quý I năm 2025", "2", 3])
    book.save(tmp_path / "td.xlsx")
    [period] = load_progress(tmp_path / "td.xlsx")
    assert period.nhiem_vu["2"].dat == {"1": 3}


def test_ambiguous_number_names_file_row_and_column(tmp_path):
    path = tmp_path / "tien-do.csv"
    path.write_text("ky,nhiem_vu,dat\nquý I năm 2025,1,1.000\nquý I năm 2025,2,1.5\n", encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(f"{path}: dòng 3, cột C (dat): số đạt được '1.5' không rõ")):
        load_progress(path)
    yaml_path = tmp_path / "tien-do.yaml"
    yaml_path.write_text("ky: quý I năm 2025\nnhiem_vu:\n  1:\n    dat: 1.5\n", encoding="utf-8")
    with pytest.raises(
        InputError, match=re.escape(f"{yaml_path}: dòng 4, nhiệm vụ 1, dat: số đạt được '1.5' không rõ")
    ):
        load_progress(yaml_path)


def _as_rows(progress: dict) -> list[list[object]]:
    rows = [["Kỳ", "Nhiệm vụ", "Chỉ tiêu", "Đạt", "Tình trạng", "Kết quả", "Khó khăn", "Đề xuất", "Chỉ đạo"]]
    rows += [[progress["ky"], "", "", "", "", "", "", "", line] for line in progress.get("chi_dao", [])]
    for number, entry in progress["nhiem_vu"].items():
        achieved = entry.get("dat")
        targets = achieved.items() if isinstance(achieved, dict) else [("", achieved)]
        for index, (unit, value) in enumerate(targets):
            first = index == 0
            rows.append(
                [
                    progress["ky"],
                    number,
                    unit,
                    value,
                    entry["trang_thai"] if first else "",
                    entry.get("ket_qua", "") if first else "",
                    entry.get("kho_khan", "") if first else "",
                    entry.get("de_xuat", "") if first else "",
                    "",
                ]
            )
    return rows


def test_yaml_csv_and_xlsx_give_the_same_report(plan, tmp_path):
    from openpyxl import Workbook

    rows = _as_rows(raw_q1())
    csv_path = tmp_path / "tien-do.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["" if v is None else v for v in row] for row in rows])
    book = Workbook()
    for row in rows:
        book.active.append(row)
    xlsx_path = tmp_path / "tien-do.xlsx"
    book.save(xlsx_path)
    reports = [draft_report(plan, "quý I", load_progress(path)) for path in (Q1, csv_path, xlsx_path)]
    assert reports[0] == reports[1] == reports[2]
    assert reports[1].chi_dao == raw_q1()["chi_dao"]


@pytest.mark.parametrize(
    "content, message",
    [
        ("nhiem_vu,dat\nmot tram,3\n", "dòng 2: mã nhiệm vụ 'mot tram' không hợp lệ"),
        ("nhiem_vu,dat\n2,ba\n", "dòng 2, cột B (dat): số đạt được 'ba' không phải là số"),
        ("nhiem_vu,dat\n\n2,1.5\n", "dòng 3, cột B (dat): số đạt được '1.5' không rõ"),
        ("nhiem_vu,dat\n2,inf\n", "dòng 2, cột B (dat): số đạt được 'inf' không phải là số"),
        ("nhiem_vu,dat\n2,nan\n", "dòng 2, cột B (dat): số đạt được 'nan' không phải là số"),
        ("nhiem_vu,dat\n2,1e999\n", "dòng 2, cột B (dat): số đạt được '1e999' không phải là số"),
        ("nhiem_vu,dat\n2," + "9" * 400 + "\n", "quá lớn"),
        ("nhiem_vu,dat\ninf,3\n", "dòng 2: mã nhiệm vụ 'inf' không hợp lệ"),
        ('nhiem_vu,ket_qua\n2,"' + "x" * 140_000 + '"\n', "dòng 2: CSV hỏng hoặc có ô quá dài"),
        ("nhiem_vu,so_sanh\n2,3\n", "dòng 1: cột 'so_sanh' không hiểu"),
        ("nhiem_vu,dat,dat\n2,3,4\n", "dòng 1: cột 'dat' ghi hai lần"),
        ("dat\n3\n", "thiếu cột 'nhiem_vu'"),
        ("nhiem_vu,dat\n2,-3\n", "dòng 2, cột B (dat): số đạt được -3 âm"),
        ("nhiem_vu,trang_thai\n2,TRUE\n", "dòng 2, cột B (trang_thai): tình trạng 'TRUE' không hợp lệ"),
        ("nhiem_vu,dat\n2,5\n2,6\n", "dòng 3: nhiệm vụ 2 đã có số đạt được ở dòng 2"),
        ("nhiem_vu,trang_thai\n2,hoàn thành\n2,chậm tiến độ\n", "dòng 3: nhiệm vụ 2 có hai tình trạng khác nhau"),
        ("ky,nhiem_vu,dat\n,,5\n", "dòng 2: có số liệu nhưng thiếu mã nhiệm vụ"),
        ("ky,nhiem_vu,dat\ntháng 13,2,5\n", "dòng 2, cột A (ky): kỳ báo cáo 'tháng 13'"),
    ],
)
def test_bad_csv_names_the_line(tmp_path, content, message):
    path = tmp_path / "tien-do.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=re.escape(message)):
        load_progress(path, KyBaoCao.model_validate("quý I năm 2024"))


@pytest.mark.parametrize(
    "written, expected",
    [
        ("quý I năm 2024", "quý I năm 2024"),
        ("Quý II/2024", "quý II năm 2024"),
        ("6 tháng đầu năm 2024", "6 tháng đầu năm 2024"),
        ("9 tháng năm 2024", "9 tháng năm 2024"),
        ("tháng 3/2024", "tháng 3 năm 2024"),
        ("năm 2024", "năm 2024"),
    ],
)
def test_periods(written, expected):
    assert str(KyBaoCao.model_validate(written)) == expected


def test_report_yaml_round_trip(q1_report, tmp_path):
    path = vanban.save(q1_report, tmp_path / "bc.yaml")
    assert vanban.load(path) == q1_report


def test_sections_correspond_to_the_real_quarter_report(q1_lines):
    """The real quý I report of Lâm Đồng: I. chỉ đạo, điều hành; II. kết quả; III. đánh giá chung (mặt tích cực;
    tồn tại, hạn chế, nguyên nhân); IV. phương hướng for quý II; the draft follows it section for section."""
    real = [
        " ".join(line.split())
        for line in Docx(
            (Path(__file__).parents[1] / "data" / "corpus" / "baocao-ubndlamdong-2026-1.docx").read_bytes()
        ).text_lines()
    ]
    real_headings = [line for line in real if re.match(r"^[IVX]+\. ", line)]
    ours = [line for line in q1_lines if re.match(r"^[IVX]+\. ", line)]
    for words in ("CHỈ ĐẠO, ĐIỀU HÀNH", "KẾT QUẢ THỰC HIỆN", "ĐÁNH GIÁ CHUNG", "PHƯƠNG HƯỚNG, NHIỆM VỤ"):
        assert [i for i, h in enumerate(real_headings) if words in h] == [i for i, h in enumerate(ours) if words in h]
    assert "1. Mặt tích cực" in real and "1. Mặt tích cực" in q1_lines
    assert any(line.startswith("Trên đây là báo cáo") and line.endswith("./.") for line in q1_lines)


def test_whole_numbers_are_saved_without_a_decimal_point(q1_report, tmp_path):
    """Progress sums come out as floats; the saved YAML a clerk edits says ``dat: 6``, not ``dat: 6.0``."""
    vanban.save(q1_report, tmp_path / "bc.yaml")
    saved = (tmp_path / "bc.yaml").read_text(encoding="utf-8")
    assert "dat: 6\n" in saved and ".0\n" not in saved
    assert vanban.load(tmp_path / "bc.yaml") == q1_report


def test_plan_without_number_tasks_or_superior():
    """A plan read from a draft: no number, tasks kept as prose, no recipient 'để báo cáo', Lưu without VT."""
    plan = plan_of(
        0,
        so_ky_hieu={"ky_hieu": "KH-SNV"},
        noi_nhan={"danh_sach": [{"ten": "Các phòng thuộc Sở"}], "luu": "CCHC"},
    )
    report = draft_report(plan, "quý I")
    lines = lines_of(report)
    assert "Kính gửi: [Bổ sung nơi được kính gửi]" in lines
    opening = next(line for line in lines if line.startswith("Thực hiện"))
    assert opening.startswith("Thực hiện Kế hoạch số [Bổ sung số, ngày của kế hoạch] của Sở Nội vụ về cải cách")
    assert section(lines, "KẾT QUẢ") == ["[Bổ sung kết quả thực hiện các nội dung của kế hoạch trong quý I năm 2025]"]
    assert "Kế hoạch có 0" not in " ".join(lines) and "Biểu 01" not in lines and "Phụ lục" not in lines
    assert lines[lines.index("Nơi nhận:") + 1 : lines.index("Nơi nhận:") + 4] == [
        "- Như trên;",
        "- Các phòng thuộc Sở;",
        "- Lưu: VT, CCHC.",
    ]
    assert vanban.check(vanban.render_bytes(report)).ok
    again = vanban.parse_detailed(vanban.render_bytes(report))
    assert again.model == report


def test_recipients_for_reporting_and_no_body_twice():
    plan = plan_of(
        1,
        noi_nhan={
            "danh_sach": ["Thường trực Đảng ủy (Báo cáo)", "Ủy ban bầu cử xã (để báo cáo)", "UBND tỉnh", "Các phòng"],
            "luu": "VT, VP",
        },
    )
    report = draft_report(plan, "quý I")
    assert report.kinh_gui == ["Thường trực Đảng ủy", "Ủy ban bầu cử xã"]
    assert [str(r) for r in report.noi_nhan.danh_sach] == ["Như trên", "UBND tỉnh", "Các phòng"]
    named = draft_report(plan, "quý I", kinh_gui=["UBND tỉnh"])
    assert named.kinh_gui == ["Ủy ban nhân dân tỉnh An Giang"]
    assert [str(r) for r in named.noi_nhan.danh_sach] == ["Như trên", "Các phòng"]  # addressed: not copied again


def test_agency_named_from_its_header_when_the_text_does_not_name_it():
    plan = plan_of(1, co_quan={"chu_quan": "UBND TỈNH ĐỒNG THÁP", "ten": "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "viet_tat": "SGDĐT"})
    report = draft_report(plan, "quý I")
    assert report.mo_dau == ["Sở Giáo dục và Đào tạo báo cáo kết quả thực hiện kế hoạch quý I năm 2025 như sau:"]
    assert report.trinh_bay_can_cu == "gop_mo_dau"
    unknown = plan_of(1, co_quan={"ten": "BAN CHỈ ĐẠO 35", "viet_tat": "BCĐ"})
    assert draft_report(unknown, "quý I").mo_dau == [
        "[Bổ sung tên cơ quan] báo cáo kết quả thực hiện kế hoạch quý I năm 2025 như sau:"
    ]


def test_a_field_without_tasks_gets_a_line_and_numbers_stay_from_one():
    plan = plan_of(0).model_copy(
        update={
            "nhiem_vu": [],
            "linh_vuc": [
                vanban.LinhVuc(ten="Nội dung tuyên truyền xuyên suốt", doan=["Tuyên truyền thường xuyên."]),
                vanban.LinhVuc(ten="Nội dung theo đợt", nhiem_vu=[vanban.NhiemVu(ten="Đợt 1")]),
            ],
        }
    )
    report = draft_report(plan, "quý I")
    results = section(lines_of(report), "KẾT QUẢ")
    assert "Nội dung tuyên truyền xuyên suốt: [Bổ sung kết quả thực hiện]." in results
    assert results[results.index("1. Nội dung theo đợt") + 1] == "1.1. Nhiệm vụ 2.1: Đợt 1"
    assert vanban.check(vanban.render_bytes(report)).ok


def test_six_months_with_quarter_one_only_leaves_direction_to_the_clerk(plan):
    report = draft_report(plan, "6 tháng đầu năm", load_progress(Q1))
    lines = lines_of(report)
    assert "- Tình trạng: đang thực hiện (chưa có số liệu quý II năm 2024)." in lines
    assert section(lines, "PHƯƠNG HƯỚNG") == [
        "- [Bổ sung phương hướng cho các nhiệm vụ chưa có số liệu đến hết 6 tháng đầu năm 2024: 2, 3, 4, 5]"
    ]


def test_an_implausible_figure_is_warned_about(plan):
    huge = TienDoKy.model_validate({"ky": "quý I năm 2024", "nhiem_vu": {2: {"dat": 1000}}})
    with pytest.warns(vanban.ReportWarning, match="nhiệm vụ 2: số đạt được 1.000 gấp hơn 10 lần chỉ tiêu 15"):
        draft_report(plan, "quý I", [huge])


@pytest.mark.parametrize(
    "ten, spoken",
    [
        ("Phòng Tài nguyên và Môi trường", "Phòng Tài nguyên và Môi trường"),  # typed as a sentence names it
        ("SỞ CÔNG THƯƠNG", "Sở Công Thương"),
        ("PHÒNG NỘI VỤ", None),  # in capitals, a district office's name cannot be guessed
    ],
)
def test_the_report_names_the_agency_as_its_plan_writes_it(ten, spoken):
    plan = plan_of(2, co_quan={"chu_quan": "UBND HUYỆN A", "ten": ten, "viet_tat": "X"})
    report = draft_report(plan, "quý I năm 2025")
    if spoken is None:
        assert "[Bổ sung tên cơ quan]" in report.trich_yeu
    else:
        assert f"của {spoken} quý I năm 2025" in report.trich_yeu and "[Bổ sung tên cơ quan]" not in report.trich_yeu


def test_a_task_set_for_later_quarters_is_not_asked_for_and_comes_next_when_due():
    plan = plan_of(2)
    tasks = [
        plan.nhiem_vu[0],
        plan.nhiem_vu[1].model_copy(update={"thoi_gian": ThoiGian.model_validate("Quý III, IV năm 2025")}),
    ]
    plan = plan.model_copy(update={"nhiem_vu": tasks})
    report = draft_report(plan, "quý II năm 2025")
    ahead = " ".join(report.nhiem_vu_tiep_theo)
    assert "nhiệm vụ 2: Nhiệm vụ số 2 về cải cách" in ahead  # due in quý III: the next period's work
    asked = [line for line in report.nhiem_vu_tiep_theo if line.startswith("[Bổ sung phương hướng")]
    assert asked and asked[0].endswith(": 1]")  # only task 1 lacks figures; task 2 has not begun
