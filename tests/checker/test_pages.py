"""The page count the checker estimates (to know whether page 2 exists) against LibreOffice's own layout."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLE

import vanban
from vanban._checker.page import estimated_pages
from vanban._docx import open_docx

CORPUS = Path(__file__).parents[1] / "data" / "corpus"


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) chưa cài: chạy scripts/setup.sh --test")
def test_estimate_matches_libreoffice(tmp_path):
    """Documents of one section: ours, and three real ones of 2 and 4 pages."""
    documents = [tmp_path / "ke-hoach.docx"]
    documents[0].write_bytes(vanban.render_bytes(vanban.load(EXAMPLE)))
    for name in ("kehoach-sctlaocai-2026-4", "kehoach-thptcaolanh2-2026-1", "baocao-sctlaocai-2026-1"):
        documents.append(tmp_path / f"{name}.docx")
        shutil.copy(CORPUS / f"{name}.docx", documents[-1])
    pdfs = vanban.to_pdf(documents, tmp_path / "pdf")
    for document in documents:
        info = subprocess.run(["pdfinfo", str(pdfs[document])], capture_output=True, text=True, check=True).stdout
        pages = int(re.search(r"Pages:\s+(\d+)", info)[1])
        assert estimated_pages(open_docx(document)) == pages, document.name
