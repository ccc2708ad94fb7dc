"""The rendered example as LibreOffice lays it out: what a clerk sees on paper.

Needs LibreOffice and poppler-utils (``scripts/setup.sh --test`` installs them).
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

pytestmark = pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext") and shutil.which("pdfinfo")),
    reason="LibreOffice (soffice) hoặc poppler-utils chưa cài: chạy scripts/setup.sh --test",
)


@pytest.fixture(scope="module")
def pdf(example_docx, tmp_path_factory):
    folder = tmp_path_factory.mktemp("pdf")
    source = folder / "ke-hoach.docx"
    source.write_bytes(example_docx)
    profile = folder / "profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return folder / "ke-hoach.pdf"


def page_text(pdf, page: int) -> list[str]:
    out = subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [line.strip() for line in out.splitlines() if line.strip()]


def test_a4_and_pages(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "(A4)" in info
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert 2 <= pages <= 6


def test_first_page_header_lines_stay_whole(pdf):
    lines = page_text(pdf, 1)
    assert any("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in line for line in lines)
    assert any("SỞ KHOA HỌC VÀ CÔNG NGHỆ" in line for line in lines)
    assert any("Số: 19/KH-SKHCN" in line and "Lạng Sơn, ngày 31 tháng 01 năm 2024" in line for line in lines)


def test_page_numbers_from_page_two(pdf):
    assert not page_text(pdf, 1)[0].isdigit()
    assert page_text(pdf, 2)[0] == "2"
    assert page_text(pdf, 3)[0] == "3"


def test_signature_and_recipients_side_by_side(pdf):
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    last = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    lines = page_text(pdf, last)
    label = next(line for line in lines if line.startswith("Nơi nhận:"))
    assert "GIÁM ĐỐC" in label
    assert any(line.startswith("- Lưu: VT, KH&QLCN.") for line in lines)
