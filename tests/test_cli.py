from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import EXAMPLE
from docx_xml import Docx

from vanban._cli import main


def run(*args: str) -> tuple[int, str, str]:
    """The CLI in its own process, as a clerk runs it."""
    done = subprocess.run(
        [sys.executable, "-m", "vanban", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "120"},
    )
    return done.returncode, done.stdout, done.stderr


def call(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as done:
        main(list(args))
    out = capsys.readouterr()
    return done.value.code, out.out, out.err


def broken_example(tmp_path, old: str, new: str):
    text = EXAMPLE.read_text(encoding="utf-8")
    path = tmp_path / "kh.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_render_example(tmp_path, capsys):
    out = tmp_path / "kh.docx"
    code, stdout, _ = call(capsys, "render", str(EXAMPLE), "-o", str(out))
    assert code == 0 and "Đã ghi" in stdout
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in Docx(out.read_bytes()).text_lines()


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("dia_danh: Lạng Sơn", "dia_danh: [Lạng Sơn", "dòng"),
        ("dia_danh: Lạng Sơn", "dia_danh: Lạng Sơn\nmuc_tieu_sai: x", "muc_tieu_sai (dòng 12)"),
        ("so_ky_hieu: 19/KH-SKHCN", "so_ky_hieu: 19/KH-SK HCN", "so_ky_hieu"),
        ("ngay_ban_hanh: 2024-01-31", "ngay_ban_hanh: 31/02/2024", "ngày 31/02/2024 không tồn tại"),
        ("ngay_ban_hanh: 2024-01-31", "ngay_ban_hanh: 2024-02-31", "dòng 12: ngày '2024-02-31' không tồn tại"),
    ],
)
def test_bad_input_is_a_short_vietnamese_error(tmp_path, capsys, old, new, expected):
    out = tmp_path / "kh.docx"
    code, stdout, stderr = call(capsys, "render", str(broken_example(tmp_path, old, new)), "-o", str(out))
    assert code == 2
    assert expected in stderr and "Lỗi:" in stderr
    assert "Traceback" not in stderr and len(stderr.splitlines()) <= 4
    assert not out.exists()
    assert not list(tmp_path.glob("*.docx*")) and not list(tmp_path.glob(".*tmp*"))


def test_failure_keeps_an_existing_output(tmp_path, capsys):
    out = tmp_path / "kh.docx"
    out.write_bytes(b"old")
    code, _, _ = call(capsys, "render", str(broken_example(tmp_path, "nam: 2024", "nam: hai")), "-o", str(out))
    assert code == 2 and out.read_bytes() == b"old"


def test_usage_errors_are_vietnamese(capsys):
    code, _, stderr = call(capsys, "render", str(EXAMPLE))
    assert code == 2 and "cần -o" in stderr
    code, _, stderr = call(capsys, "report", str(EXAMPLE), "-o", "x.docx")
    assert code == 2 and "thiếu: --ky" in stderr and "xem: vanban report --help" in stderr
    code, _, stderr = call(capsys, "render", "x.yaml", "--khong-co")
    assert code == 2 and "không hiểu: --khong-co" in stderr


def test_debug_shows_the_traceback(tmp_path):
    code, _, stderr = run("--debug", "render", "khong-co.yaml", "-o", str(tmp_path / "x.docx"))
    assert code != 0 and "Traceback" in stderr and "InputError" in stderr


def test_help_and_version():
    code, stdout, _ = run("--help")
    assert code == 0 and "render" in stdout and "Nghị định 30/2020/NĐ-CP" in stdout
    code, stdout, _ = run("render", "--help")
    assert code == 0 and "--template" in stdout
    code, stdout, _ = run("--version")
    assert code == 0 and stdout.startswith("vanban ")


def test_schema_command(tmp_path, capsys):
    code, stdout, _ = call(capsys, "schema", "ke-hoach")
    assert code == 0 and '"so_ky_hieu"' in stdout
    code, _, stderr = call(capsys, "schema", "cong-van")
    assert code == 2 and "không có loại" in stderr


def test_output_must_be_docx(tmp_path, capsys):
    code, _, stderr = call(capsys, "render", str(EXAMPLE), "-o", str(tmp_path / "kh.pdf"))
    assert code == 2 and ".docx" in stderr


ENGLISH = (
    "usage:",
    "Usage",
    "show this help",
    "Show this message",
    "options:",
    "positional arguments",
    "Did you mean",
    "<list",
    "Path]",
)


@pytest.mark.parametrize("command", ["", "render", "report", "next-year", "parse", "check", "pdf", "schema"])
def test_help_is_vietnamese(capsys, command):
    code, stdout, _ = call(capsys, *([command] if command else []), "--help")
    assert code == 0 and "Cách dùng: vanban" in stdout and "hiện hướng dẫn này rồi thoát" in stdout
    assert not [word for word in ENGLISH if word in stdout], stdout


def test_old_option_names_work_and_say_the_new_one(tmp_path, capsys):
    out = tmp_path / "bc.docx"
    progress = str(EXAMPLE.parent / "tien-do-quy-I-2024.yaml")
    code, _, stderr = call(capsys, "report", str(EXAMPLE), "--ky", "quý I", "--progress", progress, "-o", str(out))
    assert code == 0 and "'--progress' đã đổi thành '--tien-do'" in stderr
    assert "đạt 06/15" in "\n".join(Docx(out.read_bytes()).text_lines())


def test_console_that_cannot_show_vietnamese(tmp_path):
    """A Windows console in cp1252: the output is UTF-8, never an encoding error."""
    done = subprocess.run(
        [sys.executable, "-m", "vanban", "render", str(EXAMPLE), "-o", str(tmp_path / "Kế hoạch đầu năm.docx")],
        capture_output=True,
        env={**os.environ, "PYTHONIOENCODING": "cp1252"},
    )
    assert done.returncode == 0, done.stderr
    assert "Đã ghi" in done.stdout.decode("utf-8") and (tmp_path / "Kế hoạch đầu năm.docx").is_file()


def test_a_bundled_template_exported_for_word_renders_the_same(capsys, tmp_path):
    template = tmp_path / "mau-ke-hoach.docx"
    code, stdout, _ = call(capsys, "mau", "ke-hoach", "-o", str(template))
    assert code == 0 and "--template" in stdout
    from docx_xml import Docx

    bundled = tmp_path / "a.docx"
    custom = tmp_path / "b.docx"
    assert call(capsys, "render", str(EXAMPLE), "-o", str(bundled))[0] == 0
    assert call(capsys, "render", str(EXAMPLE), "-o", str(custom), "--template", str(template))[0] == 0
    assert Docx(custom.read_bytes()).text_lines() == Docx(bundled.read_bytes()).text_lines()
    code, _, stderr = call(capsys, "mau", "ke-hoach", "-o", str(template))
    assert code == 2 and "không ghi đè" in stderr
    code, _, stderr = call(capsys, "mau", "bieu-mau", "-o", str(tmp_path / "x.docx"))
    assert code == 2 and "bieu-mau" in stderr and not (tmp_path / "x.docx").exists()


def test_the_check_after_a_fix_is_named_by_the_fixed_file(capsys, tmp_path, example_docx):
    source, fixed = tmp_path / "goc.docx", tmp_path / "da-sua.docx"
    source.write_bytes(example_docx)
    code, out, _ = call(capsys, "check", str(source), "--fix", "-o", str(fixed))
    assert code == 0 and f"{fixed} —" in out and "<bytes>" not in out
