"""The six real documents (tests/data/corpus, copied from ../shared/corpus/docx): findings checked by
hand against each document as LibreOffice shows it, then pinned here."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx_xml import Docx

import vanban
from vanban._checker.fix import fix
from vanban._docx import open_docx
from vanban._parts import clean, find

CORPUS = Path(__file__).parents[1] / "data" / "corpus"

# (rule, severity) of every E and W finding, as a clerk would agree with them.
EXPECTED = {
    "baocao-sctlaocai-2026-1": {
        ("ND30-PAGE-04", "W"),  # East Asian font slot left to the theme
        ("ND30-CQ-05", "W"),  # agency rule 60 % of the name
        ("ND30-TL-03", "W"),  # trích yếu rule 28 % of the longest line
    },
    "baocao-ubndlamdong-2026-1": {
        ("ND30-PAGE-01", "E"),  # statistics annexes on US Letter
        ("ND30-PAGE-03", "E"),  # bottom margin 17.5 mm; annex margins
        ("ND30-PAGE-04", "E"),  # VNI-Times in the header, blue text
        ("ND30-PAGE-04", "W"),  # Calibri/SimSun in East Asian slots, shading, NFD
        ("ND30-PAGE-05", "E"),  # page number 12 pt
        ("ND30-PAGE-06", "E"),  # the appendix goes on counting pages
        ("ND30-QH-02", "W"),  # Quốc hiệu centred with spaces
        ("ND30-ND-02", "E"),  # a body paragraph with no first-line indent
        ("ND30-PL-02", "E"),  # "PHỤ LỤC" in capitals
    },
    "kehoach-mttqluongminh-2025-1": {
        ("ND30-PAGE-04", "E"),  # red text
        ("ND30-PAGE-04", "W"),  # "Times New Roman Bold" font names, shading, NFD
        ("ND30-PAGE-05", "E"),  # page number in the footer
        ("ND30-LAYOUT-04", "E"),  # right column too narrow for the Quốc hiệu at 13 pt
        ("ND30-CQ-05", "E"),  # agency rule 93 % of the name
        ("ND30-SO-01", "E"),  # Số at 14 pt
        ("ND30-SO-07", "W"),  # KH-MTTQ-BTT: third group
        ("ND30-TL-03", "E"),  # no rule under the trích yếu
        ("ND30-CC-01", "W"),  # căn cứ upright
        ("ND30-HD-09", "E"),  # III.: khoản 3 then 5
        ("ND30-CK-02", "E"),  # TM. BAN THƯỜNG TRỰC not bold
        ("ND30-NN-02", "E"),  # recipients at 12 pt
        ("ND30-NN-04", "E"),  # "- Lưu: MTTQ" without VT and full stop
    },
    "kehoach-sctlaocai-2026-4": {
        ("ND30-PAGE-04", "E"),  # red text
        ("ND30-PAGE-04", "W"),  # NFD
        ("ND30-QH-03", "E"),  # en dash in the Tiêu ngữ
        ("ND30-CQ-03", "E"),  # superior at 14 pt
        ("ND30-CQ-04", "E"),  # agency at 14 pt
        ("ND30-ND-03", "E"),  # 0 pt after the paragraph before "Trên đây"
    },
    "kehoach-thptcaolanh2-2026-1": {
        ("ND30-PAGE-03", "E"),  # left margin 25 mm
        ("ND30-PAGE-04", "E"),  # hyperlink colour
        ("ND30-PAGE-04", "W"),  # theme/Calibri East Asian slots, NFD
        ("ND30-PAGE-05", "E"),  # no page numbers
        ("ND30-CQ-05", "W"),
        ("ND30-TL-03", "W"),
        ("ND30-CC-01", "W"),
        ("ND30-ND-02", "E"),
        ("ND30-CK-01", "E"),  # "KT.HIỆU TRƯỞNG" without a space
        ("ND30-NN-02", "E"),  # recipients at 12 pt
    },
    "kehoach-ubndlamdong-2026-1": {
        ("ND30-PAGE-06", "E"),  # the landscape appendix goes on counting pages
        ("ND30-PL-02", "E"),
        ("ND30-CC-01", "W"),
        ("ND30-NN-04", "E"),  # "- Lưu: VT, NC.Châu" without the full stop
    },
}


def documents():
    return sorted(CORPUS / f"{name}.docx" for name in EXPECTED)


@pytest.mark.parametrize("path", documents(), ids=lambda p: p.stem)
def test_report_is_pinned(path):
    result = vanban.check(path)
    fired = {(f.rule, f.severity) for f in result.findings if f.severity in ("E", "W")}
    assert fired == EXPECTED[path.stem], sorted(fired ^ EXPECTED[path.stem])


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


def _text(data: bytes) -> list[str]:
    return [" ".join(line.split()) for line in Docx(data).text_lines() if line.strip()]


@pytest.mark.parametrize("path", documents(), ids=lambda p: p.stem)
def test_fix_leaves_nothing_fixable_and_the_same_text(path):
    original = path.read_bytes()
    fixed, result = fix(path)
    assert path.read_bytes() == original  # the input is never touched
    assert not [f for f in result.findings if f.fixable], [(f.rule, f.message) for f in result.findings if f.fixable]
    before = vanban.check(path)
    assert len(result.errors) < len(before.errors) or not before.errors

    def same(lines: list[str]) -> list[str]:
        import re
        import unicodedata

        out = []
        for line in lines:
            line = unicodedata.normalize("NFC", line)
            line = re.sub(r"ngày (\d{1,2}) tháng (\d{1,2})", lambda m: f"ngày {int(m[1])} tháng {int(m[2])}", line)
            out.append(line)
        return out

    assert same(_text(fixed)) == same(_text(original))
