"""Packaging, the public surface, import weight, and template/model drift."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT

import vanban
from vanban.models import KeHoach
from vanban.renderer import bundled_template

PUBLIC = [
    "CanCu",
    "CheckResult",
    "ChiTieu",
    "CoQuan",
    "Finding",
    "HoatDong",
    "InputError",
    "KeHoach",
    "Khoan",
    "LinhVuc",
    "NgayDuThao",
    "NguoiKy",
    "NguoiNhan",
    "NhiemVu",
    "NoiNhan",
    "PhuLuc",
    "RenderError",
    "SoKyHieu",
    "Template",
    "TemplateError",
    "ThoiGian",
    "VanBanDanChieu",
    "VanbanError",
    "__version__",
    "check",
    "json_schema",
    "load",
    "render",
    "render_bytes",
    "save",
    "validate",
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


def test_template_variables_are_model_fields():
    """Drift: every variable the bundled template reads is a field of KeHoach."""
    used = bundled_template("KH").variables()
    assert used, "the template reads no variable at all?"
    assert used <= set(KeHoach.model_fields), used - set(KeHoach.model_fields)
    for core in ("co_quan", "so_ky_hieu", "trich_yeu", "nhiem_vu", "noi_nhan", "nguoi_ky", "phu_luc"):
        assert core in used


def test_every_filter_the_template_uses_exists():
    import re

    source = bundled_template("KH").source_xml
    used = set(re.findall(r"\|\s*(\w+)", source))
    env = bundled_template("KH").env
    assert used <= set(env.filters), used - set(env.filters)


@pytest.mark.skipif(
    subprocess.run([sys.executable, "-c", "import build"], capture_output=True).returncode != 0,
    reason="the 'build' package is not installed (pip install -e '.[test]')",
)
def test_wheel_ships_the_templates(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next(Path(tmp_path).glob("vanban-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "vanban/templates/ke_hoach.docx" in names
    assert "vanban/py.typed" in names and "vanban/cli.py" in names
    assert not [n for n in names if n.startswith(("tests/", "examples/"))]


def test_bundled_template_is_what_the_build_script_makes(tmp_path):
    """templates/ke_hoach.docx is generated: change scripts/build_templates.py, then rerun it."""
    built = tmp_path / "ke_hoach.docx"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_templates.py"), str(built)], check=True, capture_output=True
    )
    committed = zipfile.ZipFile(ROOT / "templates" / "ke_hoach.docx")
    fresh = zipfile.ZipFile(built)
    assert committed.namelist() == fresh.namelist()
    for name in fresh.namelist():
        assert committed.read(name) == fresh.read(name), name
