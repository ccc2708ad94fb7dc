"""The six real documents (tests/data/corpus, copied from ../shared/corpus/docx): findings checked by
hand against each document as LibreOffice shows it, then pinned here."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus_findings import EXPECTED

import vanban
from vanban import fix
from vanban._docx import open_docx
from vanban._parts import clean, find

CORPUS = Path(__file__).parents[1] / "data" / "corpus"


def documents():
    return sorted(CORPUS.glob("*.docx"))


@pytest.mark.parametrize("path", documents(), ids=lambda p: p.stem)
def test_findings_are_pinned(path):
    result = vanban.check(path)
    fired = [(f.rule, f.severity, f.count, f.where.split(":")[0]) for f in result.findings if f.severity in ("E", "W")]
    assert sorted(fired) == sorted(EXPECTED[path.stem]), set(fired) ^ set(EXPECTED[path.stem])


@pytest.mark.parametrize(
    "name, kind, draft, superior, agency, signer",
    [
        (
            "baocao-sctlaocai-2026-1",
            "BC",
            True,
            ["UBND TỈNH LÀO CAI"],
            ["SỞ CÔNG THƯƠNG"],
            ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
        ),
        (
            "baocao-ubndlamdong-2026-1",
            "BC",
            True,
            [],
            ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG"],
            ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        ),
        (
            "kehoach-mttqluongminh-2025-1",
            "KH",
            False,
            ["ỦY BAN MTTQ VIỆT NAM", "XÃ LƯƠNG MINH"],
            ["BAN THƯỜNG TRỰC"],
            ["TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH"],
        ),
        ("kehoach-sctlaocai-2026-4", "KH", True, ["UBND TỈNH LÀO CAI"], ["SỞ CÔNG THƯƠNG"], ["GIÁM ĐỐC"]),
        (
            "kehoach-thptcaolanh2-2026-1",
            "KH",
            False,
            ["SỞ GDĐT TỈNH ĐỒNG THÁP"],
            ["TRƯỜNG THPT CAO LÃNH 2"],
            ["KT.HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG"],
        ),
        (
            "kehoach-ubndlamdong-2026-1",
            "KH",
            True,
            [],
            ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG"],
            ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        ),
    ],
)
def test_components_are_found(name, kind, draft, superior, agency, signer):
    parts = find(open_docx(CORPUS / f"{name}.docx"))
    assert parts.kind == kind and parts.draft == draft
    assert [clean(p.text) for p in parts.chu_quan] == superior
    assert [clean(p.text) for p in parts.co_quan] == agency
    assert [clean(p.text) for p in parts.chuc_vu] == signer
    assert parts.quoc_hieu and parts.tieu_ngu and parts.so and parts.ngay and parts.trich_yeu
    assert clean(parts.noi_nhan[-1].text).startswith("- Lưu")


def test_report_with_two_addressees():
    parts = find(open_docx(CORPUS / "baocao-sctlaocai-2026-1.docx"))
    assert [clean(p.text) for p in parts.kinh_gui][0] == "Kính gửi:"
    assert len(parts.kinh_gui) == 3


def part_texts(data: bytes) -> dict[str, str]:
    """The text of every XML part that holds text (body, headers, footers, notes), NFC: the tests' own reader."""
    import io
    import unicodedata
    import zipfile

    from lxml import etree

    texts = {}
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if name.startswith("word/") and name.endswith(".xml") and not name.startswith("word/_rels"):
                root = etree.fromstring(package.read(name), etree.XMLParser(resolve_entities=False))
                nodes = root.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")
                texts[name] = unicodedata.normalize("NFC", "".join(node.text or "" for node in nodes))
    return texts


@pytest.mark.parametrize("path", documents(), ids=lambda p: p.stem)
def test_fix_changes_no_word_and_leaves_nothing_fixable(path):
    original = path.read_bytes()
    fixed = fix(path)
    assert path.read_bytes() == original  # the input is never touched
    assert not [f for f in fixed.after.findings if f.fixable], [
        (f.rule, f.message) for f in fixed.after.findings if f.fixable
    ]
    before, after = part_texts(original), part_texts(fixed.data)
    for name, text in before.items():
        assert after[name] == text, name  # no character of any part changed (NFC aside)
    for name in set(after) - set(before):  # a part fix added: a header with a page number and nothing else
        assert name.startswith("word/header") and after[name] in ("", "2"), (name, after[name])
    fixed_rules = {f.rule for f in fixed.before.findings if f.fixable}
    assert not fixed_rules & {f.rule for f in fixed.after.findings if f.fixable}
    assert fixed.fixed >= len([f for f in fixed.before.findings if f.fixable]) - len(fixed.after.findings)


def test_every_fixable_finding_is_removed_by_its_fix():
    """A rule that calls a finding fixable must make it go away (on every corpus document and the test builder's cases)."""
    from builder import make_docx
    from test_rules import CASES

    sources = [path.read_bytes() for path in documents()] + [make_docx(**changes) for _, _, changes in CASES]
    for data in sources:
        fixed = fix(data)
        claimed = {(f.rule, f.message) for f in fixed.before.findings if f.fixable}
        left = {(f.rule, f.message) for f in fixed.after.findings}
        assert not claimed & left, claimed & left
