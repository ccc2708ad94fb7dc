"""Batch rendering and PDF export."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from conftest import EXAMPLE
from docx_xml import Docx
from test_cli import call

import vanban
from vanban._batch import render_batch
from vanban._errors import RenderError

HAS_LIBREOFFICE = bool(shutil.which("soffice") and shutil.which("pdftotext") and shutil.which("pdfinfo"))
needs_libreoffice = pytest.mark.skipif(
    not HAS_LIBREOFFICE, reason="LibreOffice (soffice) hoặc poppler-utils chưa cài: chạy scripts/setup.sh --test"
)


@pytest.fixture()
def folder(tmp_path):
    source = tmp_path / "ke-hoach"
    source.mkdir()
    text = EXAMPLE.read_text(encoding="utf-8")
    for number in range(1, 21):
        (source / f"don-vi-{number:02d}.yaml").write_text(
            text.replace("so_ky_hieu: 19/", f"so_ky_hieu: {number}/"), encoding="utf-8"
        )
    (source / "hong-cu-phap.yaml").write_text("co_quan: [\n", encoding="utf-8")
    (source / "sai-ky-hieu.yaml").write_text(
        text.replace("so_ky_hieu: 19/KH-SKHCN", "so_ky_hieu: 19/CV-SKHCN"), encoding="utf-8"
    )
    (source / "ghi-chu.txt").write_text("không phải kế hoạch", encoding="utf-8")
    return source


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_folder_with_two_broken_files(capsys, folder, tmp_path, jobs):
    out = tmp_path / "ra"
    code, stdout, stderr = call(capsys, "render", str(folder), "--out-dir", str(out), "-j", jobs)
    assert code == 1 and "Xong: 20/22" in stdout and "lỗi: 2" in stdout
    assert "hong-cu-phap.yaml" in stderr and "YAML sai cú pháp" in stderr
    assert "sai-ky-hieu.yaml" in stderr and "'CV'" in stderr
    written = sorted(p.name for p in out.iterdir())
    assert written == [f"don-vi-{n:02d}.docx" for n in range(1, 21)]  # nothing for the broken ones, no temporary files
    assert "Số: 07/KH-SKHCN" in Docx((out / "don-vi-07.docx").read_bytes()).text_lines()


def test_glob_and_results_in_order(folder, tmp_path):
    results = render_batch(sorted(folder.glob("don-vi-0*.yaml")), tmp_path / "ra", jobs=2)
    assert [r.source.rsplit("/", 1)[-1] for r in results] == [f"don-vi-{n:02d}.yaml" for n in range(1, 10)]
    assert all(r.ok and r.output.is_file() for r in results)


def test_models_and_duplicate_names(tmp_path):
    plan = vanban.load(EXAMPLE)
    results = render_batch([plan, plan], tmp_path / "ra")
    assert [r.ok for r in results] == [True, True] and results[0].output != results[1].output
    results = render_batch([EXAMPLE, EXAMPLE.parent / "x" / EXAMPLE.name], tmp_path / "ra2")
    assert results[0].ok and "trùng tên" in results[1].error


def test_missing_libreoffice_is_a_clear_message(monkeypatch, tmp_path):
    from vanban import _pdf as pdf

    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    for variable in pdf._WINDOWS_PLACES:
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setattr(pdf.Path, "is_file", lambda self: self.name == "a.docx")
    with pytest.raises(RenderError, match="apt-get install libreoffice-writer-nogui"):
        pdf.to_pdf([tmp_path / "a.docx"], tmp_path)


def test_libreoffice_is_found_where_windows_installs_it(monkeypatch, tmp_path):
    """No soffice on PATH (the usual case on Windows): Program Files\\LibreOffice\\program\\soffice.exe."""
    from vanban import _pdf as pdf

    program = tmp_path / "Program Files" / "LibreOffice" / "program" / "soffice.exe"
    program.parent.mkdir(parents=True)
    program.write_bytes(b"")
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    for variable in pdf._WINDOWS_PLACES:
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("ProgramFiles", str(tmp_path / "Program Files"))
    assert pdf.soffice() == str(program)


@needs_libreoffice
def test_one_libreoffice_run_for_the_whole_batch(monkeypatch, tmp_path):
    from vanban import _pdf as pdf

    calls = []
    real = pdf.subprocess.Popen

    def counting(*args, **kwargs):
        calls.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(pdf.subprocess, "Popen", counting)
    results = render_batch([EXAMPLE, EXAMPLE.with_name("tien-do-quy-I-2024.yaml")], tmp_path, pdf=True)
    assert len(calls) == 1
    assert results[0].ok and results[0].pdf.is_file()
    assert not results[1].ok  # progress data is not a document; it fails alone


@needs_libreoffice
def test_pdf_of_the_example(capsys, tmp_path):
    out = tmp_path / "ke-hoach-19.docx"
    code, stdout, _ = call(capsys, "render", str(EXAMPLE), "-o", str(out), "--pdf")
    pdf_path = out.with_suffix(".pdf")
    assert code == 0 and pdf_path.is_file()
    info = subprocess.run(["pdfinfo", str(pdf_path)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))

    def page(number: int) -> list[str]:
        text = subprocess.run(
            ["pdftotext", "-layout", "-f", str(number), "-l", str(number), str(pdf_path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return [line.strip() for line in text.splitlines() if line.strip()]

    assert not page(1)[0].isdigit() and page(2)[0] == "2"
    whole = " ".join(
        subprocess.run(["pdftotext", str(pdf_path), "-"], capture_output=True, text=True, check=True).stdout.split()
    )
    for line in Docx(out.read_bytes()).text_lines():
        words = " ".join(line.split())
        if words:
            assert words[:40] in whole or all(w in whole for w in words.split()[:6]), words
    assert pages >= 3


@needs_libreoffice
def test_pdf_command(capsys, tmp_path):
    source = tmp_path / "kh.docx"
    source.write_bytes(vanban.render_bytes(vanban.load(EXAMPLE)))
    code, stdout, _ = call(capsys, "pdf", str(source), "--out-dir", str(tmp_path / "pdf"))
    assert code == 0 and (tmp_path / "pdf" / "kh.pdf").is_file()
    code, _, stderr = call(capsys, "pdf", str(tmp_path / "khong-co.docx"))
    assert code == 2 and "không tìm thấy" in stderr


def test_a_stopped_batch_removes_only_its_own_temporary_files(tmp_path):
    from vanban._batch import _remove_temporaries

    mine = [tmp_path / ".a.docx.k2j_x9.tmp", tmp_path / ".b c.docx.zz1.tmp"]
    others = [tmp_path / ".khac.docx.abc.tmp", tmp_path / "a.docx", tmp_path / ".a.docx.k2j_x9.tmp.bak"]
    for path in [*mine, *others]:
        path.write_bytes(b"")
    _remove_temporaries([str(tmp_path / "a.docx"), str(tmp_path / "b c.docx"), str(tmp_path / "d.docx")])
    assert [path.exists() for path in mine] == [False, False]
    assert all(path.exists() for path in others)


@pytest.mark.skipif(
    __import__("multiprocessing").get_start_method() != "fork", reason="workers inherit only where processes fork"
)
def test_a_custom_template_is_compiled_once_for_all_workers(monkeypatch, tmp_path):
    import os

    from vanban import _render

    template = tmp_path / "mau.docx"
    template.write_bytes(vanban.template_docx("ke-hoach"))
    compiled = tmp_path / "compiled.txt"
    original = _render.Template.__init__

    def counting(self, *args, **kwargs):
        with compiled.open("a") as log:  # the workers write here too: they are forks of this process
            log.write(f"{os.getpid()}\n")
        original(self, *args, **kwargs)

    monkeypatch.setattr(_render.Template, "__init__", counting)
    sources = []
    for number in range(6):
        sources.append(tmp_path / f"kh-{number}.yaml")
        shutil.copy(EXAMPLE, sources[-1])
    results = render_batch(sources, tmp_path / "ra", template=template, jobs=2)
    assert all(result.ok for result in results)
    assert compiled.read_text().split() == [str(os.getpid())]
