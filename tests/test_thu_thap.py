"""Progress collection: forms out to each lead unit, replies filled as a unit would (openpyxl, LibreOffice),
merged back, and the quarter's report drafted from them. Expected values are written here by hand."""

from __future__ import annotations

import io
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLE
from docx_xml import Docx
from openpyxl import Workbook, load_workbook
from test_cli import call

import vanban
from vanban._errors import InputError
from vanban._thu_thap import COT_BIEU_MAU, TONG_HOP, lead_units

HEADER = [
    "STT",
    "Nhiệm vụ",
    "Chỉ tiêu",
    "Đơn vị tính",
    "Tình trạng",
    "Kết quả thực hiện",
    "Số đạt được",
    "Văn bản đã ban hành",
    "Khó khăn, vướng mắc",
    "Đề xuất",
]
PLANNING = "Phòng Kế hoạch và Quản lý chuyên ngành"  # tasks 1, 2 of the seed
TECH = "Phòng Quản lý công nghệ và Đổi mới sáng tạo"  # tasks 3, 4
SCIENCE = "Phòng Quản lý khoa học"  # task 5


@pytest.fixture(scope="module")
def plan():
    return vanban.load(EXAMPLE)


@pytest.fixture
def forms(plan, tmp_path):
    made = vanban.progress_forms(plan, "quý II", han_nop="05/07/2024", gui_ve="Phòng Kế hoạch, kh@skhcn.gov.vn")
    folder = tmp_path / "bieu-mau"
    folder.mkdir()
    for name, data in made.items():
        (folder / name).write_bytes(data)
    return folder


def rows_of(path: Path, sheet: str = "Nhiệm vụ") -> list[tuple]:
    return list(load_workbook(path)[sheet].iter_rows(values_only=True))


def fill(
    path: Path, values: dict[tuple[int, str], object], extra: list[list[object]] = (), to: Path | None = None
) -> Path:
    """Fill cells by (row, column title) as a unit's clerk would, add rows, save (under another name)."""
    book = load_workbook(path)
    sheet = book["Nhiệm vụ"]
    for (row, title), value in values.items():
        sheet.cell(row=row, column=HEADER.index(title) + 1, value=value)
    for row in extra:
        sheet.append(row)
    target = to or path
    book.save(target)
    if to is not None:
        path.unlink()
    return target


def test_one_form_per_lead_unit_with_its_tasks_and_locked_targets(forms):
    assert sorted(p.name for p in forms.iterdir()) == sorted(f"{u}.xlsx" for u in (PLANNING, TECH, SCIENCE))
    assert COT_BIEU_MAU == HEADER
    rows = rows_of(forms / f"{PLANNING}.xlsx")
    assert list(rows[0]) == HEADER
    assert [(r[0], r[2], r[3]) for r in rows[1:]] == [("1", None, None), ("2", 15, "Doanh nghiệp, Hợp tác xã")]
    assert rows[2][1].startswith("Hỗ trợ nâng cao năng suất, chất lượng sản phẩm, hàng hóa cho 15 Doanh nghiệp")
    book = load_workbook(forms / f"{PLANNING}.xlsx")
    sheet = book["Nhiệm vụ"]
    assert sheet.protection.sheet
    assert sheet["A3"].protection.locked and sheet["C3"].protection.locked and sheet["D3"].protection.locked
    assert not sheet["E3"].protection.locked and not sheet["G3"].protection.locked and not sheet["F3"].protection.locked
    assert sheet["G2"].protection.locked  # task 1 has no target: no figure to give
    kinds = {(v.type, str(v.sqref)) for v in sheet.data_validations.dataValidation}
    assert kinds == {("list", "E2:E3"), ("decimal", "G2:G3")}
    status = next(v for v in sheet.data_validations.dataValidation if v.type == "list")
    assert status.formula1 == '"hoàn thành,đang thực hiện,chậm tiến độ,chưa triển khai"'
    assert book["vanban"].sheet_state == "veryHidden"
    guide = [c for (c,) in book["Hướng dẫn"].iter_rows(values_only=True, max_col=1) if c]
    assert guide[0] == "BIỂU MẪU BÁO CÁO TIẾN ĐỘ QUÝ II NĂM 2024"
    assert f"Đơn vị: {PLANNING}" in guide and "Hạn gửi: 05/07/2024" in guide
    assert "Gửi về: Phòng Kế hoạch, kh@skhcn.gov.vn" in guide
    assert [r[0] for r in rows_of(forms / f"{TECH}.xlsx")[1:]] == ["3", "4"]
    assert [r[0] for r in rows_of(forms / f"{SCIENCE}.xlsx")[1:]] == ["5"]


def test_two_units_reply_one_does_not(plan, forms):
    first = fill(
        forms / f"{PLANNING}.xlsx",
        {
            (2, "Tình trạng"): "hoàn thành",
            (2, "Kết quả thực hiện"): "Báo cáo TFP đã được Hội đồng thông qua.",
            (3, "Tình trạng"): "đang thực hiện",
            (3, "Kết quả thực hiện"): "05 Doanh nghiệp được cấp giấy chứng nhận.",
            (3, "Số đạt được"): 5,
            (3, "Văn bản đã ban hành"): "Công văn số 45/SKHCN-KH ngày 02/4/2024 đôn đốc các dự án.",
        },
        extra=[[None] * 10, ["2", None, None, None, None, "Thêm 01 hợp tác xã đăng ký.", None, None, None, None]],
        to=forms / "phong KH - da dien.xlsx",  # renamed by the unit
    )
    second = fill(
        forms / f"{TECH}.xlsx",
        {
            (2, "Tình trạng"): "hoàn thành",  # done, and no result written
            (3, "Tình trạng"): "đang thực hiện",
            (3, "Số đạt được"): "7",  # more than the target of 5
            (3, "Khó khăn, vướng mắc"): "Thẩm định đơn kéo dài.",
        },
    )
    found = vanban.merge_progress([second, first, forms / f"{SCIENCE}.xlsx"], plan)
    assert found.units == [PLANNING, TECH, SCIENCE]
    assert found.replied == [PLANNING, TECH] and found.missing_units == [] and found.empty_units == [SCIENCE]
    progress = found.progress
    assert str(progress.ky) == "quý II năm 2024"
    assert progress.nhiem_vu["2"].dat == {"Doanh nghiệp, Hợp tác xã": 5}
    assert progress.nhiem_vu["2"].ket_qua == [
        "05 Doanh nghiệp được cấp giấy chứng nhận.",
        "Thêm 01 hợp tác xã đăng ký.",
    ]
    assert progress.nhiem_vu["1"].trang_thai == "hoan_thanh" and progress.nhiem_vu["4"].dat == {"sản phẩm": 7}
    assert progress.chi_dao == [f"{PLANNING}: Công văn số 45/SKHCN-KH ngày 02/4/2024 đôn đốc các dự án."]
    assert found.contradictions == [
        f"{TECH}, nhiệm vụ 3: ghi 'hoàn thành' nhưng không ghi kết quả thực hiện",
        f"{TECH}, nhiệm vụ 4: số đạt được 7 lớn hơn chỉ tiêu cả năm 5 sản phẩm",
    ]
    assert found.missing_figures == [
        "nhiệm vụ 3: chưa có số đạt được (Dự án/ý tưởng khởi nghiệp)",
        "nhiệm vụ 5: chưa có tình trạng",
        "nhiệm vụ 5: chưa có số đạt được (mô hình)",
    ]
    # the quý II report drafted from the merged progress
    report = vanban.draft_report(plan, "quý II", [progress])
    lines = [" ".join(line.split()) for line in Docx(vanban.render_bytes(report)).text_lines()]
    assert "- Chỉ tiêu: đạt 05/15 Doanh nghiệp, Hợp tác xã (33,3%)." in lines
    assert f"{PLANNING}: Công văn số 45/SKHCN-KH ngày 02/4/2024 đôn đốc các dự án." in lines
    assert "- Chỉ tiêu: [Bổ sung số đạt được] / 25 mô hình." in lines


def test_a_missing_unit_is_named(plan, forms):
    found = vanban.merge_progress([forms / f"{SCIENCE}.xlsx"], plan)
    assert found.missing_units == [PLANNING, TECH]


def test_one_workbook_with_a_sheet_per_unit(plan, tmp_path):
    [(name, data)] = vanban.progress_forms(plan, "quý II", mot_tep=True).items()
    assert name == "Biểu mẫu tiến độ quý II năm 2024.xlsx"
    path = tmp_path / name
    path.write_bytes(data)
    book = load_workbook(path)
    titles = [s.title for s in book.worksheets if s.sheet_state == "visible"]
    assert titles == [
        "Hướng dẫn",
        "Phòng Kế hoạch và Quản lý chuyê",
        "Phòng Quản lý công nghệ và Đổi",
        "Phòng Quản lý khoa học",
    ]
    book["Phòng Quản lý khoa học"]["E2"] = "đang thực hiện"
    book["Phòng Quản lý khoa học"]["G2"] = 9
    book.save(path)
    found = vanban.merge_progress([path], plan)
    assert found.progress.nhiem_vu["5"].dat == {"mô hình": 9}
    assert found.replied == [SCIENCE] and found.empty_units == [PLANNING, TECH] and found.missing_units == []


@pytest.mark.skipif(
    shutil.which("soffice") is None or not Path("/usr/lib/libreoffice/program/libsclo.so").exists(),
    reason="cần LibreOffice Calc",
)
def test_a_form_saved_by_libreoffice_still_merges(plan, forms, tmp_path):
    filled = fill(forms / f"{SCIENCE}.xlsx", {(2, "Tình trạng"): "đang thực hiện", (2, "Số đạt được"): 9})
    out = tmp_path / "lo"
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "xlsx",
         "--outdir", str(out), str(filled)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    found = vanban.merge_progress([out / filled.name], plan)
    assert found.progress.nhiem_vu["5"].dat == {"mô hình": 9} and found.replied == [SCIENCE]


# --- hostile replies ---------------------------------------------------------------------------------------
def test_a_form_of_another_plan_or_period_is_refused(plan, forms, tmp_path):
    other = plan.model_copy(update={"trich_yeu": "Kế hoạch khác năm 2024"})
    (tmp_path / "khac.xlsx").write_bytes(next(iter(vanban.progress_forms(other, "quý II").values())))
    with pytest.raises(InputError, match=r"khac\.xlsx: biểu mẫu của kế hoạch khác"):
        vanban.merge_progress([forms / f"{SCIENCE}.xlsx", tmp_path / "khac.xlsx"], plan)
    (tmp_path / "quy3.xlsx").write_bytes(vanban.progress_forms(plan, "quý III")[f"{SCIENCE}.xlsx"])
    with pytest.raises(InputError, match=r"quy3\.xlsx: biểu mẫu của quý III năm 2024, không phải quý II năm 2024"):
        vanban.merge_progress([forms / f"{SCIENCE}.xlsx", tmp_path / "quy3.xlsx"])


def test_a_spreadsheet_that_is_no_form(tmp_path):
    book = Workbook()
    book.active.append(HEADER)
    book.save(tmp_path / "tu-lam.xlsx")
    with pytest.raises(InputError, match="không phải biểu mẫu tiến độ do vanban lập"):
        vanban.merge_progress([tmp_path / "tu-lam.xlsx"])


def test_formulas_are_read_as_their_value_or_as_no_figure(plan, forms):
    book = load_workbook(forms / f"{SCIENCE}.xlsx")
    book["Nhiệm vụ"]["G2"] = "=4+5"  # never computed: no cached value
    book["Nhiệm vụ"]["E2"] = "đang thực hiện"
    book.save(forms / f"{SCIENCE}.xlsx")
    found = vanban.merge_progress([forms / f"{SCIENCE}.xlsx"], plan)
    assert found.progress.nhiem_vu["5"].dat == {}
    assert "nhiệm vụ 5: chưa có số đạt được (mô hình)" in found.missing_figures


def _rewrite(path: Path, change) -> None:
    """Rewrite the members of an .xlsx through ``change(name, data) -> data``."""
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, change(info.filename, source.read(info)))
    path.write_bytes(out.getvalue())


def test_a_sheet_claiming_a_million_rows_is_read_by_its_real_rows(plan, forms):
    import re

    path = forms / f"{SCIENCE}.xlsx"
    fill(path, {(2, "Tình trạng"): "đang thực hiện"})
    _rewrite(
        path,
        lambda name, data: (
            re.sub(rb'<dimension ref="[^"]+"', b'<dimension ref="A1:XFD1048576"', data)
            if name.startswith("xl/worksheets/")
            else data
        ),
    )
    started = time.monotonic()
    found = vanban.merge_progress([path], plan)
    assert time.monotonic() - started < 5
    assert found.progress.nhiem_vu["5"].trang_thai == "dang_thuc_hien"


def test_a_zip_bomb_is_refused_quickly(plan, forms):
    path = forms / f"{SCIENCE}.xlsx"
    _rewrite(path, lambda name, data: data + b" " * 60_000_000 if name == "xl/worksheets/sheet2.xml" else data)
    started = time.monotonic()
    with pytest.raises(InputError, match="zip bomb|quá lớn"):
        vanban.merge_progress([path], plan)
    assert time.monotonic() - started < 5


# --- units, names -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "written, units",
    [
        ("Phòng Kế hoạch và Quản lý chuyên ngành", ["Phòng Kế hoạch và Quản lý chuyên ngành"]),
        ("Sở Lao động, Thương binh và Xã hội", ["Sở Lao động, Thương binh và Xã hội"]),
        ("Phòng Tổ chức cán bộ; Văn phòng Sở.", ["Phòng Tổ chức cán bộ", "Văn phòng Sở"]),
        ("Sở Nội vụ, Sở Tài chính và UBND các xã, phường", ["Sở Nội vụ", "Sở Tài chính", "UBND các xã, phường"]),
        ("", []),
    ],
)
def test_lead_units(written, units):
    assert lead_units(written) == units


def test_unit_names_become_safe_unique_file_names(plan):
    tasks = [
        vanban.NhiemVu(ten="Việc một", chu_tri="Phòng Tài chính/Kế toán"),
        vanban.NhiemVu(ten="Việc hai", chu_tri='Tổ "Đặc biệt": A?'),
        vanban.NhiemVu(ten="Việc ba"),
        vanban.NhiemVu(ten="Việc bốn", chu_tri="Phòng Tài chính-Kế toán"),
    ]
    small = plan.model_copy(update={"nhiem_vu": tasks})
    names = sorted(vanban.progress_forms(small, "quý I"))
    assert names == sorted(
        [
            "Phòng Tài chính-Kế toán.xlsx",
            "Phòng Tài chính-Kế toán (2).xlsx",
            "Tổ -Đặc biệt-- A.xlsx",
            f"{TONG_HOP}.xlsx",
        ]
    )


def test_only_tasks_due_by_the_period(plan):
    # task 4's last activity is in December, but its first is in quý I: it is due; a task of quý IV only is not
    late = vanban.NhiemVu(ten="Tổng kết", chu_tri="Văn phòng Sở", thoi_gian="Quý IV năm 2024")
    bigger = plan.model_copy(update={"nhiem_vu": [*plan.nhiem_vu, late]})
    assert "Văn phòng Sở.xlsx" not in vanban.progress_forms(bigger, "quý II")
    assert "Văn phòng Sở.xlsx" in vanban.progress_forms(bigger, "quý IV")


# --- the command line: the whole quarter in three commands ------------------------------------------------
def test_the_quarter_in_three_commands(capsys, tmp_path):
    forms = tmp_path / "bieu-mau"
    code, stdout, _ = call(capsys, "tien-do", "mau", str(EXAMPLE), "--ky", "quý II", "--out-dir", str(forms))
    assert code == 0 and "Đã lập 3 biểu mẫu quý II năm 2024" in stdout
    fill(forms / f"{SCIENCE}.xlsx", {(2, "Tình trạng"): "đang thực hiện", (2, "Số đạt được"): "1.000"})
    code, _, stderr = call(capsys, "tien-do", "mau", str(EXAMPLE), "--ky", "quý II", "--out-dir", str(forms))
    assert code == 2 and "không ghi đè biểu mẫu có thể đã điền" in stderr  # a filled form is never replaced
    progress = tmp_path / "tien-do-quy-II.yaml"
    code, stdout, _ = call(capsys, "tien-do", "gop", str(forms), "-o", str(progress), "--ke-hoach", str(EXAMPLE))
    assert code == 0
    assert "Đã gộp 3 tệp, 1/3 đơn vị có số liệu, 1 nhiệm vụ" in stdout
    assert f"Đơn vị gửi nhưng chưa điền:\n  - {PLANNING}\n  - {TECH}\n" in stdout
    assert f"{SCIENCE}, nhiệm vụ 5: số đạt được 1.000 lớn hơn chỉ tiêu cả năm 25 mô hình" in stdout
    report = tmp_path / "bc.docx"
    code, _, _ = call(capsys, "report", str(EXAMPLE), "--ky", "quý II", "--tien-do", str(progress), "-o", str(report))
    assert code == 0
    assert "- Chỉ tiêu: đạt 1.000/25 mô hình (4.000%)." in Docx(report.read_bytes()).text_lines()


def test_merge_errors_are_exit_2_naming_the_file(capsys, tmp_path):
    bad = tmp_path / "hong.xlsx"
    bad.write_bytes(b"not a zip")
    out = tmp_path / "td.yaml"
    code, _, stderr = call(capsys, "tien-do", "gop", str(bad), "-o", str(out))
    assert code == 2 and str(bad) in stderr and "Traceback" not in stderr and not out.exists()


def test_a_unit_written_in_two_casings_gets_one_form(plan):
    tasks = [
        vanban.NhiemVu(ten="Việc một", chu_tri="các sở, ban, ngành"),
        vanban.NhiemVu(ten="Việc hai", chu_tri="Các sở, ban, ngành"),
    ]
    forms = vanban.progress_forms(plan.model_copy(update={"nhiem_vu": tasks}), "quý I")
    assert list(forms) == ["Các sở, ban, ngành.xlsx"]
