"""Every real document of tests/data/corpus read and written back: nothing lost, nothing added, the same model
read again, and the key facts right.

Shares of words are computed by the tests' own reader (tests/word_reader.py, no vanban), over the source and
the re-rendered DOCX. The key facts (tests/data/corpus_facts.json) were written by hand from the documents,
without running vanban. The two legacy .doc files need LibreOffice (they are converted once per test run).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest
from word_reader import added, docx_words, share_found

import vanban

CORPUS = Path(__file__).parent / "data" / "corpus"
FACTS = {fact["file"]: fact for fact in json.loads((CORPUS.parent / "corpus_facts.json").read_text(encoding="utf-8"))}
DOCS = sorted(p for p in CORPUS.iterdir() if p.suffix in (".docx", ".doc"))
LIBREOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@cache
def source(path: Path) -> bytes:
    """The document as DOCX bytes (a .doc converted by LibreOffice, as a clerk's own copy would be)."""
    if path.suffix == ".docx":
        return path.read_bytes()
    out = Path(f"/tmp/vanban-test-doc-{path.stem}")
    out.mkdir(exist_ok=True)
    command = [LIBREOFFICE, f"-env:UserInstallation={(out / 'profile').as_uri()}", "--headless", "--convert-to", "docx"]
    subprocess.run([*command, "--outdir", str(out), str(path)], check=True, capture_output=True, timeout=180)
    return (out / f"{path.stem}.docx").read_bytes()


@cache
def read(path: Path) -> vanban.ParseResult:
    return vanban.parse_detailed(path if path.suffix == ".doc" else source(path))


def needs(path: Path) -> None:
    if path.suffix == ".doc" and not LIBREOFFICE:
        pytest.skip("LibreOffice (soffice) chưa cài: chạy scripts/setup.sh --test")


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.stem)
def test_nothing_lost_nothing_added_same_model_again(path):
    needs(path)
    result = read(path)
    rendered = vanban.render_bytes(result.model)
    before, after = docx_words(source(path)), docx_words(rendered)
    assert share_found(before, after) >= 0.995
    assert not added(before, after), added(before, after).most_common(10)
    assert vanban.parse(rendered) == result.model
    assert not [note for note in result.notes if note.where == "cả văn bản"]  # every word placed in the model


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.stem)
def test_key_facts(path):
    needs(path)
    fact, model = FACTS[path.stem], read(path).model
    assert model.LOAI == fact["kind"]
    assert str(model.so_ky_hieu) == fact["so"]
    issued = model.ngay_ban_hanh
    day = getattr(issued, "day", None)
    month = getattr(issued, "month", None) or getattr(issued, "thang", None)
    year = getattr(issued, "year", None) or getattr(issued, "nam", None)
    assert {"year": year, "month": month, "day": day} == fact["date"]
    assert model.dia_danh == fact["place"]
    assert [*model.co_quan.chu_quan, "|", *model.co_quan.ten] == [*fact["superior"], "|", *fact["agency"]]
    if model.LOAI == "BC":
        assert str(model.ky) == fact["period"]
        assert len(model.kinh_gui) == fact["kinh_gui"]
    else:
        assert (f"{model.nam}-{model.den_nam}" if model.den_nam else str(model.nam)) == fact["period"]
    authority = re.compile(r"^(TM|KT|Q|TL|TUQ)\.\s*")  # "KT.HIỆU TRƯỞNG" is read as the decree writes it
    assert model.nguoi_ky.chuc_vu == [authority.sub(r"\1. ", line) for line in fact["signer_titles"]]
    assert bool(model.nguoi_ky.ho_ten) == fact["signer_has_name"]
    assert model.nguoi_ky.chuc_vu_sau == fact["titles_after_name"]
    assert len(model.noi_nhan.danh_sach) == fact["recipients"]
    assert model.noi_nhan.luu == fact["luu"]


def test_an_ex_officio_title_above_the_name_stays_there():
    """Ban chỉ đạo reports: TM. BAN CHỈ ĐẠO / PHÓ TRƯỞNG BAN, the signing space, then PHÓ CHỦ TỊCH UBND TỈNH above
    the name (the place the decree gives other titles): read there and printed there again."""
    from docx_xml import Docx

    model = read(CORPUS / "baocao-bcdlamdong-2025-1.docx").model
    assert model.nguoi_ky.chuc_vu_tren_ten == ["PHÓ CHỦ TỊCH UBND TỈNH"]
    lines = [line for line in Docx(vanban.render_bytes(model)).text_lines() if line.strip()]
    at = lines.index("PHÓ CHỦ TỊCH UBND TỈNH")
    assert lines[at - 1] == "PHÓ TRƯỞNG BAN" and lines[at + 1] == model.nguoi_ky.ho_ten


def test_a_doc_without_libreoffice_says_what_to_install(tmp_path):
    """A .doc needs LibreOffice once: without it, exit 2 and a Vietnamese message naming the file and the fix."""
    import os
    import sys

    env = {**os.environ, "PATH": str(tmp_path)}  # no soffice anywhere on it
    out = tmp_path / "k.yaml"
    doc = CORPUS / "kehoach-ubndlamdong-2026-4.doc"
    done = subprocess.run(
        [sys.executable, "-m", "vanban", "parse", str(doc), "-o", str(out)], capture_output=True, text=True, env=env
    )
    assert done.returncode == 2 and not out.exists()
    assert str(doc) in done.stderr and "không tìm thấy LibreOffice để đọc tệp Word 97–2003 (.doc)" in done.stderr
    assert "apt-get install" in done.stderr and "Traceback" not in done.stderr
