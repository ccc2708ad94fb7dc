"""Both ends of each measured range of the decree: the last value inside passes, the first outside fires."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from builder import make_docx

import vanban


def _patched(data: bytes, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            body = zin.read(item.filename)
            zout.writestr(item.filename, change(body) if item.filename == "word/document.xml" else body)
    return out.getvalue()


def with_margin(side: str, twips: int) -> bytes:
    def change(xml: bytes) -> bytes:
        margins = re.search(rb"<w:pgMar [^>]*>", xml)
        assert margins is not None
        edited = re.sub(rf'w:{side}="\d+"'.encode(), f'w:{side}="{twips}"'.encode(), margins[0])
        return xml.replace(margins[0], edited)

    return _patched(make_docx(), change)


@pytest.mark.parametrize(
    "side, inside, outside",
    [
        ("top", (1128, 1423), (1127, 1424)),
        ("bottom", (1128, 1423), (1127, 1424)),
        ("left", (1695, 1990), (1694, 1991)),
        ("right", (844, 1140), (843, 1141)),
    ],
)
def test_margin_ends(side, inside, outside):
    for value in inside:
        assert "ND30-PAGE-03" not in vanban.check(with_margin(side, value)).rules(), (side, value)
    for value in outside:
        assert "ND30-PAGE-03" in vanban.check(with_margin(side, value)).rules("E"), (side, value)


@pytest.mark.parametrize("inside, outside", [((539, 595, 692, 748), (538, 596, 691, 749))])
def test_first_line_indent_ends(inside, outside):
    for value in inside:
        assert "ND30-ND-02" not in vanban.check(make_docx(body_indent=value)).rules(), value
    for value in outside:
        assert "ND30-ND-02" in vanban.check(make_docx(body_indent=value)).rules("E"), value


def test_paragraph_gap_ends():
    assert "ND30-ND-03" not in vanban.check(make_docx(body_after=119)).rules()
    assert "ND30-ND-03" in vanban.check(make_docx(body_after=118)).rules("E")


def test_line_spacing_ends():
    def spaced(line: int) -> bytes:
        return _patched(
            make_docx(),
            lambda xml: re.sub(rb'w:line="\d+" w:lineRule="auto"', f'w:line="{line}" w:lineRule="auto"'.encode(), xml),
        )

    for value in (234, 366):
        assert "ND30-ND-04" not in vanban.check(spaced(value)).rules(), value
    for value in (233, 367):
        assert "ND30-ND-04" in vanban.check(spaced(value)).rules("E"), value


def test_half_sizes_inside_a_range_and_sizes_outside():
    assert "ND30-ND-01" not in vanban.check(make_docx(body_size=13.5)).rules()
    assert "ND30-ND-01" in vanban.check(make_docx(body_size=12.5)).rules("E")
    assert "ND30-QH-02" not in vanban.check(make_docx(quoc_hieu_size=12.5)).rules()
    assert "ND30-QH-02" in vanban.check(make_docx(quoc_hieu_size=13.5, right_width=6000)).rules("E")


@pytest.mark.parametrize(
    "ratio, severity", [(0.31, None), (0.54, None), (0.27, "W"), (0.58, "W"), (0.24, "E"), (0.62, "E")]
)
def test_rule_line_ends(ratio, severity):
    fired = {
        (f.rule, f.severity) for f in vanban.check(make_docx(trich_yeu_rule=ratio)).findings if f.rule == "ND30-TL-03"
    }
    assert fired == (set() if severity is None else {("ND30-TL-03", severity)}), ratio
