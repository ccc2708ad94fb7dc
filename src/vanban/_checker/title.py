"""Spec §3.5–§3.6: tên loại, trích yếu and its rule, Kính gửi (ND30-TL, ND30-KG)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .._metrics import text_width
from .._parts import best_rule, clean, column_width, is_upper
from . import edits
from .core import Context, Finding, finding, format_findings, rule, rule_line_finding, snippet


def _format_fix(rule_object: object) -> None:
    rule_object.fixer(applies=edits.format_applies)(lambda ctx, found: edits.format_paragraphs(ctx, found))  # type: ignore[attr-defined]


@rule("ND30-TL-01", "E", "Tên loại", "Tên loại in hoa, 13–14 pt, đứng, đậm, căn giữa", "PL I-I.II.5.b")
def ten_loai(ctx: Context) -> Iterator[Finding]:
    parts = ctx.parts
    if parts.ten_loai is None:
        if parts.quoc_hieu is not None and not any(clean(p.text).startswith("V/v") for p in parts.left):
            yield finding(
                "ND30-TL-01",
                "không tìm thấy tên loại văn bản (KẾ HOẠCH, BÁO CÁO, …)",
                None,
                "KẾ HOẠCH / BÁO CÁO / …",
                "không có",
                at="sau phần đầu trang 1",
            )
        return
    yield from format_findings(
        parts.ten_loai,
        ctx.format_of("ten_loai"),
        "Tên loại",
        dict.fromkeys(("size", "bold", "italic", "caps", "center"), "ND30-TL-01"),
    )


_format_fix(ten_loai)


@rule(
    "ND30-TL-02",
    "E",
    "Trích yếu",
    "Trích yếu ngay dưới tên loại: chữ thường, 13–14 pt, đứng, đậm, căn giữa, không 'V/v'",
    "PL I-I.II.5.a,b",
)
def trich_yeu(ctx: Context) -> Iterator[Finding]:
    parts = ctx.parts
    if parts.ten_loai is None:
        return
    if not parts.trich_yeu:
        yield finding(
            "ND30-TL-02",
            "không tìm thấy trích yếu dưới tên loại",
            parts.ten_loai,
            "một dòng trích yếu, đậm, căn giữa",
            "không có",
        )
        return
    for para in parts.trich_yeu:
        yield from format_findings(
            para,
            ctx.format_of("trich_yeu"),
            "Trích yếu",
            dict.fromkeys(("size", "bold", "italic", "center"), "ND30-TL-02"),
        )
    if clean(parts.trich_yeu[0].text).startswith("V/v"):
        yield finding(
            "ND30-TL-02",
            "trích yếu của văn bản có tên loại không ghi 'V/v'",
            parts.trich_yeu[0],
            "không có V/v",
            "V/v …",
        )
    if all(is_upper(p.text) for p in parts.trich_yeu):
        yield finding(
            "ND30-TL-02", "trích yếu viết chữ thường (chỉ hoa chữ đầu)", parts.trich_yeu[0], "chữ thường", "IN HOA"
        )


_format_fix(trich_yeu)


@rule("ND30-TL-03", "E", "Trích yếu", "Đường kẻ liền dưới trích yếu, dài 1/3–1/2 dòng chữ", "PL I-I.II.5.b")
def trich_yeu_rule(ctx: Context) -> Iterator[Finding]:
    parts = ctx.parts
    if not parts.trich_yeu or not parts.formatted:
        return
    longest = max(parts.trich_yeu, key=lambda p: text_width(clean(p.text), p.size or 14, True))
    length = min(
        text_width(clean(longest.text), longest.size or 14, True),
        column_width(ctx.doc, longest) - longest.ind_left - longest.ind_right,
    )
    line = best_rule(parts.rule_trich_yeu, length)
    found = list(
        rule_line_finding(
            "ND30-TL-03",
            line.length if line else None,
            length,
            "trích yếu",
            parts.trich_yeu[-1],
            full=False,
            drawn=line is not None,
        )
    )
    if line is not None and not line.solid:
        found.insert(
            0,
            finding(
                "ND30-TL-03", "đường kẻ dưới trích yếu phải là nét liền", parts.trich_yeu[-1], "nét liền", "nét đứt"
            ),
        )
    for item in found:
        yield (
            item
            if len(parts.trich_yeu) == 1 or item.message.startswith("thiếu")
            else Finding(item.rule, "W", item.message, item.component, item.where, item.expected, item.actual)
        )


@rule("ND30-TL-04", "E", "Trích yếu", "Công văn: 'V/v …' dưới số, 12–13 pt, đứng, không đậm, căn giữa", "PL I-I.II.5.b")
def cong_van(ctx: Context) -> Iterator[Finding]:
    if ctx.parts.ten_loai is not None:
        return
    for para in ctx.parts.left:
        if clean(para.text).startswith("V/v"):
            from .._nd30 import Format

            fmt = Format((13.0, 12.0), bold=False, italic=False, center=True)
            yield from format_findings(
                para, fmt, "Trích yếu công văn", dict.fromkeys(("size", "bold", "italic", "center"), "ND30-TL-04")
            )


_format_fix(cong_van)


# --- Kính gửi --------------------------------------------------------------------------------------------
_UPWARD = re.compile(
    r"\((?:để\s+)?b/c\)|\(để báo cáo\)|kính báo cáo|\bbáo cáo\s+(?:Bộ|Ủy ban|UBND|Tỉnh ủy|Sở|Cục|Thủ tướng|Chính phủ|Ban)\b",
    re.IGNORECASE,
)


def _upward(ctx: Context) -> bool:
    """Whether a report is sent up: a recipient marked (b/c), or 'kính báo cáo' / 'báo cáo <cấp trên>' in it."""
    texts = [clean(p.text) for p in ctx.parts.noi_nhan] + [clean(p.text) for p in ctx.parts.body[-3:]]
    texts += [clean(p.text) for p in ctx.parts.body[:3]]
    return any(_UPWARD.search(text) for text in texts)


@rule("ND30-KG-01", "E", "Kính gửi", "Báo cáo gửi cấp trên có 'Kính gửi'; kế hoạch không dùng", "PL I-I.II.9.b,d")
def kinh_gui(ctx: Context) -> Iterator[Finding]:
    parts = ctx.parts
    if not parts.kinh_gui:
        if parts.kind == "BC":
            if _upward(ctx):
                yield finding(
                    "ND30-KG-01", "báo cáo gửi cấp trên phải có 'Kính gửi:'", parts.ten_loai, "Kính gửi: …", "không có"
                )
            else:
                yield finding(
                    "ND30-KG-01",
                    "báo cáo không có 'Kính gửi:' (cần khi gửi cấp trên)",
                    parts.ten_loai,
                    "Kính gửi: …",
                    "không có",
                    severity="I",
                )
        return
    if parts.kind == "KH":
        yield finding(
            "ND30-KG-01", "kế hoạch không dùng 'Kính gửi'", parts.kinh_gui[0], "không có", "Kính gửi", severity="W"
        )


@rule("ND30-KG-02", "E", "Kính gửi", "'Kính gửi:' có dấu hai chấm, 13–14 pt, đứng", "PL I-I.II.9.d")
def kinh_gui_format(ctx: Context) -> Iterator[Finding]:
    lines = ctx.parts.kinh_gui
    if not lines:
        return
    if not clean(lines[0].text).startswith("Kính gửi:"):
        yield finding(
            "ND30-KG-02", "phải viết 'Kính gửi:' có dấu hai chấm", lines[0], "Kính gửi:", snippet(lines[0], 12)
        )
    for para in lines:
        yield from format_findings(
            para, ctx.format_of("kinh_gui"), "Kính gửi", {"size": "ND30-KG-02", "italic": "ND30-KG-02"}
        )


_format_fix(kinh_gui_format)


@rule(
    "ND30-KG-03",
    "E",
    "Kính gửi",
    "Nhiều nơi: mỗi nơi một dòng bắt đầu '-', kết thúc ';', nơi cuối '.'",
    "PL I-I.II.9.d",
)
def kinh_gui_list(ctx: Context) -> Iterator[Finding]:
    lines = ctx.parts.kinh_gui
    beside = re.sub(r"^Kính gửi\s*:?\s*", "", clean(lines[0].text)) if lines else ""
    items = [(p, clean(p.text)) for p in lines[1:] if clean(p.text)]
    if items and beside:  # the first addressee beside the label
        items.insert(0, (lines[0], beside))
    for index, (para, item) in enumerate(items):
        end = "." if index == len(items) - 1 else ";"
        if not item.startswith("-") or not item.endswith(end):
            yield finding(
                "ND30-KG-03", f"mỗi nơi nhận một dòng, bắt đầu '-' và kết thúc '{end}'", para, f"- …{end}", item
            )
