from __future__ import annotations

import json

import pytest
from builder import make_docx
from test_cli import call

import vanban


@pytest.fixture()
def good(tmp_path):
    path = tmp_path / "dung.docx"
    path.write_bytes(make_docx())
    return path


@pytest.fixture()
def bad(tmp_path):
    path = tmp_path / "sai.docx"
    path.write_bytes(
        make_docx(
            margins={"top": 20, "bottom": 20, "left": 25, "right": 15},
            ngay="Lạng Sơn, ngày 5 tháng 03 năm 2024",
            page_field="none",
        )
    )
    return path


def test_exit_codes(capsys, good, bad, tmp_path):
    code, out, _ = call(capsys, "check", str(good))
    assert code == 0 and "Đạt thể thức" in out
    code, out, _ = call(capsys, "check", str(good), str(bad))
    assert code == 1 and "ND30-PAGE-03" in out and "ND30-DD-02" in out and "Không đạt" in out
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"not a zip")
    code, _, err = call(capsys, "check", str(good), str(broken))
    assert code == 2 and "không phải tệp Word" in err


def test_json(capsys, bad):
    code, out, _ = call(capsys, "check", "--format", "json", str(bad))
    report = json.loads(out)
    assert code == 1 and report["ok"] is False
    assert {f["rule"] for f in report["findings"]} == {"ND30-PAGE-03", "ND30-DD-02", "ND30-PAGE-05"}
    assert all({"rule", "severity", "message", "where", "expected", "actual"} <= set(f) for f in report["findings"])


def test_fix_writes_a_copy_and_rechecks(capsys, bad, tmp_path):
    before = bad.read_bytes()
    out = tmp_path / "da-sua.docx"
    code, stdout, _ = call(capsys, "check", "--fix", "-o", str(out), str(bad))
    assert code == 1 and "Đã sửa 2 lỗi" in stdout and "lề trái 30 mm" in stdout and "thêm số trang" in stdout
    assert bad.read_bytes() == before
    fixed = vanban.check(out)
    # the margin and the page number are formatting, fixed; the date's digits are words: never changed
    assert fixed.rules() == {"ND30-DD-02"} and not any(f.fixable for f in fixed.findings)
    from docx_xml import Docx

    date = next(
        line for line in Docx(out.read_bytes()).text_lines() if "tháng" in line and "năm" in line and "Lạng Sơn" in line
    )
    assert date == "Lạng Sơn, ngày 5 tháng 03 năm 2024"


def test_fix_never_overwrites_the_input(capsys, bad):
    before = bad.read_bytes()
    code, _, err = call(capsys, "check", "--fix", "-o", str(bad), str(bad))
    assert code == 2 and "không ghi đè" in err and bad.read_bytes() == before
    code, _, err = call(capsys, "check", "--fix", str(bad))
    assert code == 2 and "-o" in err
