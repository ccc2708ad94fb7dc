"""Report drafts from the seed plan and progress data. Expected figures are computed here from the
raw files (plain YAML/CSV reading), not by the code under test."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from conftest import EXAMPLE, ROOT
from docx_xml import Docx
from ruamel.yaml import YAML

import vanban
from vanban._derive import draft_report
from vanban._errors import InputError
from vanban._tien_do import load_progress
from vanban.models import KyBaoCao, TienDoKy

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


@pytest.fixture(scope="module")
def plan():
    return vanban.load(EXAMPLE)


@pytest.fixture(scope="module")
def q1_report(plan):
    return draft_report(plan, "quý I", load_progress(Q1))


@pytest.fixture(scope="module")
def q1_lines(q1_report):
    return [" ".join(line.split()) for line in Docx(vanban.render_bytes(q1_report)).text_lines()]


def test_quarter_figures_are_right(q1_lines):
    tasks, progress = raw_plan()["nhiem_vu"], raw_q1()["nhiem_vu"]
    for number, task in enumerate(tasks, start=1):
        for target in task.get("chi_tieu", []):
            entry = progress[number]["dat"]
            achieved = entry if isinstance(entry, (int, float)) else entry[target["don_vi"]]
            expected = f"- Chỉ tiêu: đạt {padded(achieved)}/{padded(target['so_luong'])} {target['don_vi']} ({percent(achieved / target['so_luong'])})."
            assert expected in q1_lines
    assert "- Chỉ tiêu: đạt 06/15 Doanh nghiệp, Hợp tác xã (40%)." in q1_lines


def test_summary_counts_statuses(q1_lines):
    statuses = [entry["trang_thai"] for entry in raw_q1()["nhiem_vu"].values()]
    order = ["hoàn thành", "đang thực hiện", "chậm tiến độ", "chưa triển khai"]
    parts = [f"{statuses.count(s):02d} {s}" for s in order if statuses.count(s)]
    expected = f"Trong {len(statuses):02d} nhiệm vụ: {', '.join(parts)}"
    assert any(line.startswith(expected) for line in q1_lines)
    assert any(
        line.startswith("Trong 05 nhiệm vụ: 01 hoàn thành, 03 đang thực hiện, 01 chậm tiến độ") for line in q1_lines
    )


def test_report_passes_the_checker_and_has_the_conventional_sections(q1_report, q1_lines):
    result = vanban.check(vanban.render_bytes(q1_report))
    assert result.kind == "BC" and result.ok and not result.warnings, result.findings
    headings = [line for line in q1_lines if re.match(r"^[IVX]+\. ", line)]
    assert headings == [
        "I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ QUÝ I NĂM 2024",
        "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "III. NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM QUÝ II NĂM 2024",
        "IV. ĐỀ XUẤT, KIẾN NGHỊ",
    ]
    assert (
        q1_report.trich_yeu
        == "Kết quả thực hiện Kế hoạch số 19/KH-SKHCN quý I và phương hướng, nhiệm vụ quý II năm 2024"
    )
    opening = next(line for line in q1_lines if line.startswith("Thực hiện"))
    assert opening.startswith(
        "Thực hiện Kế hoạch số 19/KH-SKHCN ngày 31/01/2024 của Sở Khoa học và Công nghệ về triển khai"
    )
    assert "Kính gửi: UBND tỉnh" in q1_lines
    assert "Phụ lục" in q1_lines
    assert not q1_report.placeholders()


def test_next_quarter_takes_the_schedule_and_unfinished_work(q1_report):
    lines = q1_report.nhiem_vu_tiep_theo
    # task 1 finished; task 4's activity is timed "Quý I, II": it belongs to quý II
    assert not [line for line in lines if "Nhiệm vụ 1:" in line]
    assert "Nhiệm vụ 4: Hỗ trợ nộp đơn đăng ký nhãn hiệu tập thể, nhãn hiệu chứng nhận (Quý I, II năm 2024)." in lines
    assert any(line.startswith("Tiếp tục thực hiện Nhiệm vụ 3:") for line in lines)


def test_missing_progress_gives_listed_placeholders(plan):
    partial = [TienDoKy.model_validate({"ky": "quý I năm 2024", "nhiem_vu": {2: {"trang_thai": "đang thực hiện"}}})]
    report = draft_report(plan, "quý I", partial)
    missing = report.placeholders()
    assert "nhiệm vụ 1: [Bổ sung tình trạng]" in missing
    assert "nhiệm vụ 2: [Bổ sung số đạt được] (Doanh nghiệp, Hợp tác xã)" in missing
    assert "tồn tại, hạn chế: [Bổ sung tồn tại, hạn chế và nguyên nhân]" in missing
    doc = Docx(vanban.render_bytes(report))
    highlighted = [text for p in doc.paragraphs() for text, props in p.runs if "[Bổ sung" in text]
    assert highlighted and all(t.startswith("[Bổ sung") and t.endswith("]") for t in highlighted)
    highlights = doc.document.findall(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}highlight")
    assert len(highlights) >= len(highlighted)
    assert not re.search(
        r"\d+/15 Doanh nghiệp", " ".join(doc.text_lines()).replace("/15 Doanh nghiệp, Hợp tác xã (", "")
    )


@pytest.mark.parametrize(
    "entry, message",
    [
        ({9: {"trang_thai": "hoàn thành"}}, "không có nhiệm vụ số 9"),
        ({2: {"dat": {"Hợp tác xã kiểu mới": 3}}}, "nhiệm vụ số 2 không có chỉ tiêu 'Hợp tác xã kiểu mới'"),
        ({1: {"dat": 3}}, "nhiệm vụ số 1 không có chỉ tiêu '1'"),
    ],
)
def test_progress_that_does_not_fit_the_plan(plan, entry, message):
    with pytest.raises(InputError, match=re.escape(message)):
        draft_report(plan, "quý I", [TienDoKy.model_validate({"ky": "quý I năm 2024", "nhiem_vu": entry})])


def test_bad_status_is_named():
    with pytest.raises(ValueError, match="tình trạng 'xong rồi' không hợp lệ"):
        TienDoKy.model_validate({"ky": "quý I năm 2024", "nhiem_vu": {1: {"trang_thai": "xong rồi"}}})


def test_six_months_add_up_two_quarters(plan):
    report = draft_report(plan, "6 tháng đầu năm", load_progress(Q1) + load_progress(Q2))
    q1 = raw_q1()["nhiem_vu"]
    q2 = {int(row["nhiem_vu"]): float(row["dat"]) for row in raw_q2()}
    task = next(r for r in report.ket_qua if r.so == 2)
    assert task.chi_tieu[0].dat == q1[2]["dat"] + q2[2] == 11
    assert str(task.chi_tieu[0]) == f"đạt 11/15 Doanh nghiệp, Hợp tác xã ({percent(11 / 15)})"
    five = next(r for r in report.ket_qua if r.so == 5)
    assert five.chi_tieu[0].dat == q1[5]["dat"] + q2[5]
    assert report.trich_yeu.endswith("6 tháng đầu năm và phương hướng, nhiệm vụ 6 tháng cuối năm 2024")
    assert next(r for r in report.ket_qua if r.so == 3).trang_thai == "dang_thuc_hien"  # the latest status
    assert report.tong_quan[0].startswith("Trong 05 nhiệm vụ: 01 hoàn thành, 04 đang thực hiện")


def test_annual_report_says_whether_each_target_was_reached(plan):
    q3 = TienDoKy.model_validate({"ky": "quý III năm 2024", "nhiem_vu": {2: {"dat": 4, "trang_thai": "hoàn thành"}}})
    report = draft_report(plan, "năm 2024", load_progress(Q1) + load_progress(Q2) + [q3])
    lines = [" ".join(line.split()) for line in Docx(vanban.render_bytes(report)).text_lines()]
    assert "- Chỉ tiêu: đạt 15/15 Doanh nghiệp, Hợp tác xã (100%); đạt chỉ tiêu." in lines
    assert "- Chỉ tiêu: đạt 17/25 mô hình (68%); chưa đạt chỉ tiêu." in lines
    assert report.trich_yeu == "Kết quả thực hiện Kế hoạch số 19/KH-SKHCN năm 2024"
    carried = [line for line in report.nhiem_vu_tiep_theo if line.startswith("Chuyển tiếp sang năm 2025")]
    assert any("Nhiệm vụ 5" in line and "còn 08 mô hình" in line for line in carried)


def test_overlapping_periods_are_refused(plan):
    six = TienDoKy.model_validate({"ky": "6 tháng đầu năm 2024", "nhiem_vu": {2: {"dat": 11}}})
    with pytest.raises(InputError, match="trùng tháng"):
        draft_report(plan, "năm", load_progress(Q1) + [six])


def _as_rows(progress: dict) -> list[list[object]]:
    rows = [["Kỳ", "Nhiệm vụ", "Chỉ tiêu", "Đạt", "Tình trạng", "Kết quả", "Khó khăn", "Đề xuất"]]
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


@pytest.mark.parametrize(
    "content, message",
    [
        ("nhiem_vu,dat\nmot,3\n", "dòng 2: số nhiệm vụ 'mot'"),
        ("nhiem_vu,dat\n2,ba\n", "dòng 2, cột B (dat): số đạt được 'ba' không phải là số"),
        ("nhiem_vu,dat\n\n2,1.5\n", "dòng 3, cột B (dat): số đạt được '1.5' không rõ"),
        ("nhiem_vu,dat\n2,inf\n", "dòng 2, cột B (dat): số đạt được 'inf' không phải là số"),
        ("nhiem_vu,dat\n2,nan\n", "dòng 2, cột B (dat): số đạt được 'nan' không phải là số"),
        ("nhiem_vu,dat\n2,1e999\n", "dòng 2, cột B (dat): số đạt được '1e999' không phải là số"),
        ("nhiem_vu,dat\n2," + "9" * 400 + "\n", "quá lớn"),
        ("nhiem_vu,dat\ninf,3\n", "dòng 2: số nhiệm vụ 'inf'"),
        ('nhiem_vu,ket_qua\n2,"' + "x" * 140_000 + '"\n', "dòng 2: CSV hỏng hoặc có ô quá dài"),
        ("nhiem_vu,so_sanh\n2,3\n", "cột không hiểu: so_sanh"),
        ("dat\n3\n", "thiếu cột 'nhiem_vu'"),
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


def test_several_addressees(plan):
    report = draft_report(plan, "quý I", load_progress(Q1), kinh_gui=["UBND tỉnh Lạng Sơn", "Bộ Khoa học và Công nghệ"])
    lines = Docx(vanban.render_bytes(report)).text_lines()
    assert ["Kính gửi:", "- UBND tỉnh Lạng Sơn;", "- Bộ Khoa học và Công nghệ."] == lines[
        lines.index("Kính gửi:") : lines.index("Kính gửi:") + 3
    ]
    result = vanban.check(vanban.render_bytes(report))
    assert result.ok and not result.warnings, result.findings


def test_sections_correspond_to_the_real_draft_report(q1_lines):
    """The real quý I report of Lâm Đồng (tests/data/corpus) reports results, shortcomings and the next quarter."""
    real = [
        " ".join(line.split())
        for line in Docx(
            (Path(__file__).parents[1] / "data" / "corpus" / "baocao-ubndlamdong-2026-1.docx").read_bytes()
        ).text_lines()
    ]
    real_headings = [line for line in real if re.match(r"^[IVX]+\. ", line)]
    assert any("KẾT QUẢ THỰC HIỆN" in h for h in real_headings)
    assert any(line.startswith("2. Những tồn tại, hạn chế, nguyên nhân") for line in real)
    assert any("QUÝ II NĂM 2026" in h for h in real_headings)
    ours = [line for line in q1_lines if re.match(r"^[IVX]+\. ", line)]
    assert "KẾT QUẢ THỰC HIỆN" in ours[0] and "TỒN TẠI, HẠN CHẾ" in ours[1] and "QUÝ II NĂM 2024" in ours[2]
    assert any(line.startswith("Trên đây là báo cáo") and line.endswith("./.") for line in real)
    assert q1_lines[[i for i, line in enumerate(q1_lines) if line.startswith("Trên đây là báo cáo")][0]].endswith("./.")


def test_whole_numbers_are_saved_without_a_decimal_point(q1_report, tmp_path):
    """Progress sums come out as floats; the saved YAML a clerk edits says ``dat: 6``, not ``dat: 6.0``."""
    vanban.save(q1_report, tmp_path / "bc.yaml")
    saved = (tmp_path / "bc.yaml").read_text(encoding="utf-8")
    assert "dat: 6\n" in saved and ".0\n" not in saved
    assert vanban.load(tmp_path / "bc.yaml") == q1_report
