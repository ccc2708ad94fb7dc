"""Spec §5.7 and §8.3: appendices (ND30-PL) and what plans and reports need (ND30-KH, ND30-BC)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .._docx import Para
from .._parts import clean, is_upper, key
from . import edits
from .core import Context, Finding, finding, format_findings, rule, snippet

_LABEL = re.compile(r"^PHỤ LỤC(?:\s+(?P<n>[IVXLC]+|\d+))?\b")


def _labels(ctx: Context) -> list[Para]:
    return [p for p in ctx.parts.appendix if _LABEL.match(key(p.text)) and len(clean(p.text).split()) <= 4]


def _format_fix(rule_object: object) -> None:
    rule_object.fixer(applies=edits.format_applies)(lambda ctx, found: edits.format_paragraphs(ctx, found))  # type: ignore[attr-defined]


@rule("ND30-PL-01", "E", "Phụ lục", "Nội dung dẫn tới phụ lục; từ hai phụ lục đánh số La Mã", "PL I-I.III.1.a")
def appendix_reference(ctx: Context) -> Iterator[Finding]:
    labels = _labels(ctx)
    if not labels:
        return
    body = " ".join(clean(p.text).lower() for p in ctx.parts.body)
    if "phụ lục" not in body and "biểu" not in body and "kèm theo" not in body:
        yield finding(
            "ND30-PL-01", "nội dung văn bản không nhắc tới phụ lục", labels[0], "… (Phụ lục kèm theo)", "không nhắc"
        )
    numbers = [_LABEL.match(key(p.text))["n"] for p in labels]  # type: ignore[index]
    if len(labels) > 1 and not all(n and re.fullmatch(r"[IVXLC]+", n) for n in numbers):
        yield finding(
            "ND30-PL-01",
            "từ hai phụ lục trở lên đánh số La Mã (Phụ lục I, Phụ lục II)",
            labels[0],
            "Phụ lục I, II, …",
            ", ".join(clean(p.text) for p in labels[:3]),
        )


@rule("ND30-PL-02", "E", "Phụ lục", "'Phụ lục …' một dòng, căn giữa, chữ thường, 14 pt, đứng, đậm", "PL I-I.III.1.b")
def appendix_label(ctx: Context) -> Iterator[Finding]:
    for para in _labels(ctx):
        text = clean(para.text)
        if is_upper(text):
            yield finding("ND30-PL-02", "chữ 'Phụ lục' viết thường (chỉ hoa chữ P)", para, "Phụ lục", text)
        yield from format_findings(
            para,
            ctx.format_of("phu_luc_nhan"),
            "Phụ lục",
            dict.fromkeys(("size", "bold", "italic", "center"), "ND30-PL-02"),
        )


_format_fix(appendix_label)


def _after_label(ctx: Context, label: Para) -> list[Para]:
    position = ctx.parts.appendix.index(label)
    return [p for p in ctx.parts.appendix[position + 1 : position + 5] if clean(p.text)]


@rule("ND30-PL-03", "E", "Phụ lục", "Tên phụ lục căn giữa, IN HOA, 13–14 pt, đứng, đậm", "PL I-I.III.1")
def appendix_title(ctx: Context) -> Iterator[Finding]:
    for label in _labels(ctx):
        rest = _after_label(ctx, label)
        if rest and not clean(rest[0].text).startswith("("):
            rules = dict.fromkeys(("size", "bold", "italic", "caps", "center"), "ND30-PL-03")
            yield from format_findings(rest[0], ctx.format_of("phu_luc_ten"), "Tên phụ lục", rules)


_format_fix(appendix_title)


@rule(
    "ND30-PL-04", "E", "Phụ lục", "Dòng '(Kèm theo …)' căn giữa dưới tên phụ lục, 13–14 pt, nghiêng", "PL I-I.III.1.c"
)
def appendix_note(ctx: Context) -> Iterator[Finding]:
    for label in _labels(ctx):
        rest = _after_label(ctx, label)
        if rest and not clean(rest[0].text).startswith("("):
            rest = rest[1:]
        if rest and clean(rest[0].text).startswith("("):
            rules = dict.fromkeys(("size", "bold", "italic", "center"), "ND30-PL-04")
            yield from format_findings(rest[0], ctx.format_of("phu_luc_kem_theo"), "Dòng kèm theo của phụ lục", rules)


_format_fix(appendix_note)


@rule("ND30-PL-06", "W", "Phụ lục", "Phụ lục bắt đầu ở trang mới", "C")
def appendix_new_page(ctx: Context) -> Iterator[Finding]:
    labels = _labels(ctx)
    if labels and labels[0].section == 0 and not labels[0].page_break:
        yield finding(
            "ND30-PL-06",
            "phụ lục nên bắt đầu ở trang mới (ngắt trang hoặc ngắt phần)",
            labels[0],
            "trang mới",
            "liền văn bản",
        )


@rule("ND30-KH-01", "E", "Số, ký hiệu", "Kế hoạch: tên loại KẾ HOẠCH, ký hiệu bắt đầu KH-", "PL I-I.II.3.b")
def plan_code(ctx: Context) -> Iterator[Finding]:
    yield from _type_code(ctx, "KH", "ND30-KH-01")


@rule("ND30-BC-01", "E", "Số, ký hiệu", "Báo cáo: tên loại BÁO CÁO, ký hiệu bắt đầu BC-", "PL I-I.II.3.b")
def report_code(ctx: Context) -> Iterator[Finding]:
    yield from _type_code(ctx, "BC", "ND30-BC-01")


def _type_code(ctx: Context, kind: str, rule_id: str) -> Iterator[Finding]:
    para = ctx.parts.so
    if ctx.parts.kind != kind or para is None:
        return
    match = re.match(r"^S[ốỐ]\s*[:.]?\s*[^/]*/\s*(?P<ky_hieu>.*)$", clean(para.text), re.IGNORECASE)
    groups = [g for g in re.split(r"\s*-\s*", match["ky_hieu"]) if g] if match else []
    if groups and groups[0] != kind:
        yield finding(
            rule_id,
            f"ký hiệu phải bắt đầu bằng {kind}- cho đúng tên loại",
            para,
            f"{kind}-…",
            match["ky_hieu"] if match else "",
        )


@rule("ND30-KH-03", "I", "Nội dung", "Kế hoạch có mục TỔ CHỨC THỰC HIỆN", "C")
def organisation(ctx: Context) -> Iterator[Finding]:
    parts = ctx.parts
    if parts.kind == "KH" and not any("TỔ CHỨC THỰC HIỆN" in key(p.full_text) for p in parts.body):
        yield finding(
            "ND30-KH-03", "kế hoạch chưa có mục TỔ CHỨC THỰC HIỆN", parts.ten_loai, "TỔ CHỨC THỰC HIỆN", "không có"
        )


@rule("ND30-BC-03", "I", "Trích yếu", "Trích yếu báo cáo nêu kỳ báo cáo", "C")
def report_period(ctx: Context) -> Iterator[Finding]:
    parts = ctx.parts
    if parts.kind == "BC" and parts.trich_yeu:
        summary = " ".join(clean(p.text) for p in parts.trich_yeu).lower()
        if not re.search(r"tháng|quý|năm|định kỳ|\b(19|20)\d{2}\b", summary):
            yield finding(
                "ND30-BC-03",
                "trích yếu báo cáo nên nêu kỳ báo cáo",
                parts.trich_yeu[0],
                "tháng/quý/6 tháng/năm …",
                snippet(parts.trich_yeu[0]),
            )
