"""Packaging, the public surface, import weight, and template/model drift."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

import vanban
from vanban._render import bundled_template
from vanban.models import BaoCao, KeHoach

PUBLIC = [
    "Bang",
    "BaoCao",
    "BatchResult",
    "CanCu",
    "Change",
    "CheckProfile",
    "CheckResult",
    "ChiTieu",
    "ChiTieuDat",
    "CoQuan",
    "DocxError",
    "DongViec",
    "Finding",
    "FixResult",
    "FontWarning",
    "HoatDong",
    "InputError",
    "KeHoach",
    "KetQuaNhiemVu",
    "Khoan",
    "KyBaoCao",
    "LinhVuc",
    "MergeResult",
    "MucKhac",
    "MucKhacBaoCao",
    "NgayDuThao",
    "NguoiKy",
    "NguoiNhan",
    "NhanTruong",
    "NhiemVu",
    "NhomNhiemVu",
    "NoiNhan",
    "OBang",
    "ParseNote",
    "ParseResult",
    "PhuLuc",
    "PhuLucVanBan",
    "RenderError",
    "ReportWarning",
    "RuleStatus",
    "SoKyHieu",
    "Template",
    "TemplateError",
    "ThoiGian",
    "TienDoKy",
    "TienDoNhiemVu",
    "TieuDeBaoCao",
    "TieuDeKeHoach",
    "VanBan",
    "VanBanDanChieu",
    "VanbanError",
    "VanbanWarning",
    "WriteError",
    "__version__",
    "annotate",
    "changes_json",
    "changes_markdown",
    "check",
    "draft_report",
    "fix",
    "json_schema",
    "list_rules",
    "load",
    "load_bao_cao",
    "load_ke_hoach",
    "load_profile",
    "load_progress",
    "merge_progress",
    "next_year",
    "parse",
    "parse_detailed",
    "progress_forms",
    "render",
    "render_batch",
    "render_bytes",
    "save",
    "template_docx",
    "to_pdf",
    "to_yaml",
    "validate",
    "write_all",
]


def test_public_names_are_pinned_and_sorted():
    assert vanban.__all__ == PUBLIC == sorted(PUBLIC)
    for name in PUBLIC:
        assert getattr(vanban, name) is not None


def test_import_is_light():
    heavy = "('docx', 'docxtpl', 'lxml', 'jinja2', 'ruamel')"
    code = f"import sys, vanban; vanban.KeHoach; vanban.load; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_help_does_not_load_the_models():
    code = (
        "import sys\nfrom vanban._cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('pydantic', 'docx', 'jinja2') if m in sys.modules), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "Cách dùng" in done.stdout and done.stderr.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("code, model, core", [("KH", KeHoach, "nhiem_vu"), ("BC", BaoCao, "ket_qua")])
def test_template_variables_are_model_fields(code, model, core):
    """Drift: every variable a bundled template reads is a field of its model, or the header's column widths the
    renderer measures for each document (bo_cuc)."""
    used = bundled_template(code).variables()
    assert used <= {*model.model_fields, "bo_cuc"}, used - set(model.model_fields)
    for name in ("co_quan", "so_ky_hieu", "trich_yeu", "noi_nhan", "nguoi_ky", "phu_luc", core):
        assert name in used


@pytest.mark.parametrize("code", ["KH", "BC"])
def test_every_filter_the_template_uses_exists(code):
    import re

    source = bundled_template(code).source_xml
    used = set(re.findall(r"\|\s*(\w+)", source))
    assert used <= set(bundled_template(code).env.filters), used - set(bundled_template(code).env.filters)


needs_build = pytest.mark.skipif(
    subprocess.run([sys.executable, "-c", "import build, hatchling"], capture_output=True).returncode != 0,
    reason="the 'build' and 'hatchling' packages are not installed (pip install -e '.[test]')",
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built offline with the build backend already installed."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    return next(out.glob("vanban-*.whl"))


@needs_build
def test_wheel_ships_the_templates(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "vanban/templates/ke_hoach.docx" in names and "vanban/templates/bao_cao.docx" in names
    assert "vanban/py.typed" in names and "vanban/_cli/__init__.py" in names
    assert not [n for n in names if n.startswith(("tests/", "examples/"))]
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)


@needs_build
def test_installed_wheel_works_from_any_folder(wheel, tmp_path):
    """Installed from the wheel (not this source tree), the documented commands work in an unrelated folder."""
    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    work = tmp_path / "thư mục làm việc"
    shutil.copytree(ROOT / "examples", work / "examples")
    deps = [p for p in sys.path if p.endswith("site-packages")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), *deps]), "PYTHONUTF8": "1"}

    def run(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "vanban", *args], cwd=work, env=env, capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, (args, done.stderr)
        return done.stdout

    where = subprocess.run(
        [sys.executable, "-c", "import vanban; print(vanban.__file__)"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    ).stdout
    assert where.startswith(str(site))
    run("render", "examples/ke-hoach-19-KH-SKHCN-2024.yaml", "-o", "ke-hoach-19.docx")
    run("report", "examples/ke-hoach-19-KH-SKHCN-2024.yaml", "--ky", "quý I", "--tien-do",
        "examples/tien-do-quy-I-2024.yaml", "-o", "bao-cao-quy-I.docx")  # fmt: skip
    run("next-year", "examples/ke-hoach-19-KH-SKHCN-2024.yaml", "-o", "ke-hoach-2025.yaml", "--thay-doi", "thay-doi.md")
    run("parse", "ke-hoach-19.docx", "-o", "doc-lai.yaml")
    run("check", "ke-hoach-19.docx")  # exit 0: no error of the decree in what vanban makes
    run("tien-do", "mau", "examples/ke-hoach-19-KH-SKHCN-2024.yaml", "--ky", "quý II", "--out-dir", "bieu-mau")
    run("mau", "bao-cao", "-o", "mau-bao-cao.docx")
    run("schema", "ke-hoach")
    for made in ("ke-hoach-19.docx", "bao-cao-quy-I.docx", "ke-hoach-2025.yaml", "doc-lai.yaml", "mau-bao-cao.docx"):
        assert (work / made).stat().st_size > 0, made
    assert len(list((work / "bieu-mau").glob("*.xlsx"))) == 3


@pytest.mark.parametrize("name", ["ke_hoach.docx", "bao_cao.docx"])
def test_bundled_template_is_what_the_build_script_makes(tmp_path, name):
    """templates/*.docx are generated: change scripts/build_templates.py, then rerun it."""
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_templates.py"), str(tmp_path)], check=True, capture_output=True
    )
    committed = zipfile.ZipFile(ROOT / "templates" / name)
    fresh = zipfile.ZipFile(tmp_path / name)
    assert committed.namelist() == fresh.namelist()
    for part in fresh.namelist():
        assert committed.read(part) == fresh.read(part), part
