"""Findings written into a copy of the document as Word comments at their place (python-docx comments):
the clerk sees each fault where it is, in Word or LibreOffice. Nothing else of the document changes."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from docx import Document
from docx.oxml.ns import qn

from .body import DocView
from .values import Para


def annotate_findings(doc: DocView, findings: Iterable[Any], source: bytes) -> bytes:
    """``source`` (the bytes ``doc`` was read from) with one comment per finding, on its first paragraph
    (findings of the page, with no paragraph, go on the first paragraph of the document)."""
    order = {id(element): index for index, element in enumerate(doc.document.iter(qn("w:p")))}
    document = Document(io.BytesIO(source))
    paragraphs = list(document.element.body.iter(qn("w:p")))
    from docx.text.paragraph import Paragraph

    def runs_at(para: Para | None) -> list[Any]:
        index = order.get(id(para.element)) if para is not None and para.element is not None else None
        element = paragraphs[index] if index is not None and index < len(paragraphs) else None
        if element is None:
            element = next((p for p in paragraphs if p.findall(qn("w:r"))), paragraphs[0])
        paragraph = Paragraph(element, document.part)
        runs = [run for run in paragraph.runs if run.text.strip()] or paragraph.runs
        return runs or [paragraph.add_run("")]

    for found in findings:
        target = next(
            (t for t in found.targets if isinstance(t, Para) and t.place in ("body", "table", "textbox")), None
        )
        text = f"{found.rule} ({found.severity}): {found.message}"
        if found.expected or found.actual:
            text += f"\nCần: {found.expected}. Đang: {found.actual}."
        runs = runs_at(target)
        document.add_comment(runs, text=text, author="vanban", initials="VB")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
