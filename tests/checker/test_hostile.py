"""Hostile or broken input: a clear error (or a result) in bounded time and memory, never a crash."""

from __future__ import annotations

import io
import zipfile

import pytest
from builder import make_docx

import vanban
from vanban._docx import DocxError, open_docx


def repack(
    data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None, stored: bool = False
) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, (replace or {}).get(item.filename, source.read(item.filename)))
        for name, content in (add or {}).items():
            target.writestr(name, content, compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
    return out.getvalue()


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "rỗng"),
        (b"This is plain text, not a Word file at all.", "không phải tệp Word"),
        (make_docx()[:3000], "không phải tệp Word"),
        (make_docx()[:-200], "không phải tệp Word"),
    ],
    ids=["empty", "not-a-zip", "truncated-head", "truncated-tail"],
)
def test_unreadable_files(data, message):
    with pytest.raises(DocxError, match=message):
        vanban.check(data)


def test_a_zip_that_is_not_a_word_document():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("hello.txt", "xin chào")
    with pytest.raises(DocxError, match="không phải tài liệu Word"):
        vanban.check(out.getvalue())


def test_zip_bomb_is_refused_without_inflating_it():
    bomb = (
        b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        + b"<w:p/>" * 40_000_000
        + b"</w:body></w:document>"
    )
    data = repack(make_docx(), replace={"word/document.xml": bomb})
    assert len(data) < 2_000_000
    with pytest.raises(DocxError, match="zip bomb"):
        vanban.check(data)


def test_external_entity_is_never_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("BÍ MẬT", encoding="utf-8")
    original = zipfile.ZipFile(io.BytesIO(make_docx())).read("word/document.xml").decode()
    declaration = original[: original.index("?>") + 2]
    evil = original.replace(
        declaration, f'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'
    ).replace("Sở Nội vụ ban hành", "&x; Sở Nội vụ ban hành")
    assert "<!DOCTYPE" in evil and "&x;" in evil
    with pytest.raises(DocxError, match="DTD"):
        vanban.check(repack(make_docx(), replace={"word/document.xml": evil.encode()}))


def test_external_relationships_are_not_followed():
    data = make_docx()
    rels = zipfile.ZipFile(io.BytesIO(data)).read("word/_rels/document.xml.rels").decode()
    rels = rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" '
        'Target="http://example.invalid/header.xml" TargetMode="External"/></Relationships>',
    )
    result = vanban.check(repack(data, replace={"word/_rels/document.xml.rels": rels.encode()}))
    assert result.ok


def test_fifty_megabytes_of_pictures_still_gets_a_result():
    import os

    picture = os.urandom(50 * 1024 * 1024)
    data = repack(make_docx(), add={"word/media/big.bin": picture}, stored=True)
    assert len(data) > 50 * 1024 * 1024
    result = vanban.check(data)
    assert result.ok


def test_oversized_text_part_is_a_clear_error():
    body = b"<w:p><w:r><w:t>" + b"x" * (33 * 1024 * 1024) + b"</w:t></w:r></w:p>"
    document = (
        b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        + body
        + b"</w:body></w:document>"
    )
    with pytest.raises(DocxError, match="quá lớn"):
        open_docx(repack(make_docx(), replace={"word/document.xml": document}))


def test_file_object_and_path(tmp_path):
    path = tmp_path / "kh.docx"
    path.write_bytes(make_docx())
    with path.open("rb") as handle:
        assert vanban.check(handle).ok
    assert vanban.check(str(path)).ok
    with pytest.raises(DocxError, match="không tìm thấy"):
        vanban.check(tmp_path / "khong-co.docx")


def test_damaged_documents_never_crash():
    """Real documents with random parts of their XML removed or garbled: a result or a clear error."""
    import random
    from pathlib import Path

    from lxml import etree

    corpus = sorted((Path(__file__).parents[1] / "data" / "corpus").glob("*.docx"))
    chance = random.Random(30)
    for _ in range(30):
        source = zipfile.ZipFile(chance.choice(corpus))
        document = etree.fromstring(source.read("word/document.xml"))
        elements = list(document.iter())
        for _ in range(chance.randint(1, 40)):
            element = chance.choice(elements)
            parent = element.getparent()
            if parent is not None and chance.random() < 0.7:
                parent.remove(element)
            elif element.attrib:
                element.set(chance.choice(list(element.attrib)), chance.choice(["", "x", "-5", "99999999", "nan"]))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as target:
            for item in source.infolist():
                target.writestr(
                    item,
                    etree.tostring(document) if item.filename == "word/document.xml" else source.read(item.filename),
                )
        damaged = out.getvalue()
        for action in (vanban.check, vanban.parse):
            try:
                action(damaged)
            except vanban.InputError:
                pass


def test_the_inflated_bytes_of_a_whole_document_are_counted(monkeypatch):
    """Parts each under the cap, together over it: the running count stops the reading."""
    from vanban._docx import package

    data = repack(make_docx(), add={f"word/extra{n}.xml": b"<x>" + b" " * 300_000 + b"</x>" for n in range(4)})
    monkeypatch.setattr(package, "MAX_TOTAL", 1_000_000)
    doc = open_docx(data)
    with pytest.raises(DocxError, match="zip bomb"):
        for n in range(4):
            doc.package.read(f"word/extra{n}.xml")
    monkeypatch.setattr(package, "MAX_TOTAL", 10_000_000)
    assert len(open_docx(data).package.read("word/extra0.xml")) == 300_007
