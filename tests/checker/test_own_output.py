"""vanban's own output passes its own checker, also after LibreOffice saves it again."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from conftest import EXAMPLE
from test_render_data import grouped_plan

import vanban
from vanban._docx import open_docx
from vanban._parts import find

EXAMPLES = {"seed": lambda: vanban.load(EXAMPLE), "grouped-draft": grouped_plan}


@pytest.mark.parametrize("name", EXAMPLES)
def test_rendered_examples_have_no_error_or_warning(name):
    result = vanban.check(vanban.render_bytes(EXAMPLES[name]()))
    assert not [f for f in result.findings if f.severity in ("E", "W")], result.findings
    assert result.kind == "KH"


def test_our_named_styles_are_recognised(example_docx):
    parts = find(open_docx(example_docx))
    assert parts.quoc_hieu.style_id == "VBQuocHieu" and parts.ten_loai.style_id == "VBTenLoai"
    assert [p.style_id for p in parts.trich_yeu] == ["VBTrichYeu", "VBTrichYeu"]
    assert parts.noi_nhan_label.style_id == "VBNoiNhan"


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) chưa cài: chạy scripts/setup.sh --test")
@pytest.mark.parametrize("name", EXAMPLES)
def test_still_passes_after_libreoffice_saves_it(name, tmp_path):
    source = tmp_path / "in.docx"
    source.write_bytes(vanban.render_bytes(EXAMPLES[name]()))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(tmp_path / "out"),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    resaved = tmp_path / "out" / "in.docx"
    result = vanban.check(resaved)
    assert result.kind == "KH"
    assert not [f for f in result.findings if f.severity in ("E", "W")], result.findings
    parts = find(open_docx(resaved))
    assert parts.quoc_hieu and parts.tieu_ngu and parts.so and parts.ngay and parts.noi_nhan_label and parts.chuc_vu
