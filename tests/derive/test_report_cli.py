from __future__ import annotations

from conftest import EXAMPLE, ROOT
from docx_xml import Docx
from test_cli import call

import vanban

Q1 = ROOT / "examples" / "tien-do-quy-I-2024.yaml"
Q2 = ROOT / "examples" / "tien-do-quy-II-2024.csv"


def test_report_writes_docx_and_yaml(capsys, tmp_path):
    out = tmp_path / "bao-cao-quy-I.docx"
    code, stdout, _ = call(
        capsys,
        "report",
        str(EXAMPLE),
        "--ky",
        "quý I",
        "--tien-do",
        str(Q1),
        "-o",
        str(out),
        "--so",
        "7",
        "--ngay",
        "05/04/2024",
        "--nguoi-ky",
        "Nguyễn Thị Hà",
    )
    assert code == 0 and "Đã ghi" in stdout
    # with every task reported, only the judgement a person writes is left
    assert stdout.split("\n", 1)[1] == (
        "Còn 2 chỗ cần bổ sung (tô vàng trong tệp Word):\n"
        "  - đánh giá chung: [Bổ sung những kết quả nổi bật, mặt tích cực]\n"
        "  - đánh giá chung: [Bổ sung nguyên nhân của tồn tại, hạn chế]\n"
    )
    lines = Docx(out.read_bytes()).text_lines()
    assert "Số: 07/BC-SKHCN" in lines and "Lạng Sơn, ngày 05 tháng 4 năm 2024" in lines and "Nguyễn Thị Hà" in lines
    draft = vanban.load(out.with_suffix(".yaml"))
    assert draft.so_ky_hieu.so == 7 and str(draft.ky) == "quý I năm 2024"
    assert vanban.check(out).ok


def test_six_month_report_from_two_files(capsys, tmp_path):
    out = tmp_path / "bc-6-thang.docx"
    code, _, _ = call(
        capsys,
        "report",
        str(EXAMPLE),
        "--ky",
        "6 tháng đầu năm",
        "--tien-do",
        str(Q1),
        "--tien-do",
        str(Q2),
        "-o",
        str(out),
    )
    assert code == 0
    assert "- Chỉ tiêu: đạt 11/15 Doanh nghiệp, Hợp tác xã (73,3%)." in Docx(out.read_bytes()).text_lines()


def test_placeholders_are_listed(capsys, tmp_path):
    out = tmp_path / "bc.docx"
    code, stdout, _ = call(capsys, "report", str(EXAMPLE), "--ky", "quý II", "--tien-do", str(Q2), "-o", str(out))
    assert code == 0 and "chỗ cần bổ sung" in stdout and "nhiệm vụ 1: [Bổ sung tình trạng]" in stdout


def test_bad_progress_is_exit_2_and_nothing_written(capsys, tmp_path):
    progress = tmp_path / "tien-do.yaml"
    progress.write_text("ky: quý I năm 2024\nnhiem_vu:\n  12:\n    trang_thai: hoàn thành\n", encoding="utf-8")
    out = tmp_path / "bc.docx"
    code, _, stderr = call(capsys, "report", str(EXAMPLE), "--ky", "quý I", "--tien-do", str(progress), "-o", str(out))
    assert code == 2 and f"tiến độ quý I năm 2024 (tệp {progress}): không có nhiệm vụ '12'" in stderr
    assert not out.exists() and not out.with_suffix(".yaml").exists()
    code, _, stderr = call(capsys, "report", str(EXAMPLE), "--ky", "quý V", "-o", str(out))
    assert code == 2 and "kỳ báo cáo 'quý V'" in stderr and "từ 1 đến 4" in stderr and "pydantic" not in stderr


def test_report_from_a_docx_plan(capsys, tmp_path):
    source = tmp_path / "ke-hoach.docx"
    source.write_bytes(vanban.render_bytes(vanban.load(EXAMPLE)))
    out = tmp_path / "bc.docx"
    code, _, _ = call(capsys, "report", str(source), "--ky", "quý I", "--tien-do", str(Q1), "-o", str(out))
    assert code == 0 and "- Chỉ tiêu: đạt 06/15 Doanh nghiệp, Hợp tác xã (40%)." in Docx(out.read_bytes()).text_lines()


def test_request_answered_and_a_warning_for_a_late_plan(capsys, tmp_path):
    late = vanban.load(EXAMPLE).model_copy(update={"ngay_ban_hanh": __import__("datetime").date(2024, 5, 10)})
    plan = vanban.save(late, tmp_path / "ke-hoach.yaml")
    out = tmp_path / "bc.docx"
    request = "Công văn số 123/UBND-KT ngày 05/3/2024 của UBND tỉnh Lạng Sơn về việc báo cáo quý I năm 2024"
    code, _, stderr = call(capsys, "report", str(plan), "--ky", "quý I", "--theo", request, "-o", str(out))
    assert code == 0
    assert "Chú ý: kế hoạch ban hành ngày 10/5/2024, sau khi kỳ quý I năm 2024 đã kết thúc" in stderr
    opening = next(line for line in Docx(out.read_bytes()).text_lines() if line.startswith("Thực hiện"))
    assert opening.startswith(f"Thực hiện {request}; Kế hoạch số 19/KH-SKHCN ngày 10/5/2024")
    draft = vanban.load(out.with_suffix(".yaml"))
    assert draft.can_cu[0].van_ban.so_ky_hieu == "123/UBND-KT"  # the request, as a citation
