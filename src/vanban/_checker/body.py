"""Spec §4 and §7: the body (ND30-ND), căn cứ (ND30-CC), headings (ND30-HD) and the capitalisation rules a
checker can test reliably (ND30-VH-05, 12, 13)."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from .._docx import Para
from .._nd30 import (
    DIEM_ORDER,
    FIRST_LINE,
    GAP_TOLERANCE,
    INDENT_TOLERANCE,
    LINE_AUTO,
    LINE_EXACT_ERROR,
    LINE_HEIGHT,
    LINE_TOLERANCE,
    PARAGRAPH_GAP,
    allowed_sizes,
)
from .._parts import HEADINGS, Components, clean, is_upper
from ..text import la_ma, tu_la_ma
from . import edits
from .core import Context, Finding, Severity, finding, grouped, heading_title, pt, rule, snippet


def heading_kind(para: Para) -> str | None:
    return _kind_of(para.full_text)


@functools.lru_cache(maxsize=65536)
def _kind_of(full_text: str) -> str | None:
    text = clean(full_text)
    for name in ("phan", "muc", "khoan_con", "khoan", "diem"):
        if HEADINGS[name].match(text):
            return name
    return None


def prose_of(parts: Components) -> list[Para]:
    """Paragraphs of running text: in the body, not in a table, not empty (worked out once per document)."""
    if parts.prose is None:
        parts.prose = [
            p for p in parts.body if p.table is None and p.place == "body" and clean(p.text) and not p.sect_pr
        ]
    return parts.prose


def is_note(para: Para) -> bool:
    """A centred note in brackets, such as (Phân công nhiệm vụ theo Phụ lục đính kèm)."""
    text = clean(para.text)
    return text.startswith("(") and text.endswith((")", ").", ");")) and para.jc == "center"


def is_can_cu(para: Para) -> bool:
    return bool(re.match(r"^Căn cứ\b", clean(para.text))) and not clean(para.text).endswith(":")


def _part_headings(prose: list[Para]) -> set[int]:
    """Centred part headings ("Phần thứ nhất", "PHẦN I") and the centred title line under each."""
    out: set[int] = set()
    for index, para in enumerate(prose):
        if heading_kind(para) == "phan" and para.jc == "center":
            out.add(id(para))
            following = prose[index + 1] if index + 1 < len(prose) else None
            if following is not None and following.jc == "center" and is_upper(following.text):
                out.add(id(following))
    return out


def _running(ctx: Context) -> list[Para]:
    """Body paragraphs the body's format applies to: not headings of mục or phần, not centred notes."""
    prose = prose_of(ctx.parts)
    parts = _part_headings(prose)
    return [p for p in prose if heading_kind(p) not in ("muc", "phan") and not is_note(p) and id(p) not in parts]


def _report(
    items: list[Para],
    rule_id: str,
    message: str,
    expected: str,
    actual: object,
    severity: Severity | None = None,
    **data: Any,
) -> Iterator[Finding]:
    if items:
        count = f"{len(items)} đoạn: " if len(items) > 1 else ""
        yield finding(
            rule_id,
            f"{count}{message}",
            items[0],
            expected,
            actual,
            severity=severity,
            targets=items,
            count=len(items),
            **data,
        )


# --- ND30-ND ----------------------------------------------------------------------------------------------
@rule("ND30-ND-01", "E", "Nội dung", "Nội dung: chữ thường, 13–14 pt, đứng, căn đều hai bên", "PL I-I.II.6.e")
def body_format(ctx: Context) -> Iterator[Finding]:
    prose = prose_of(ctx.parts)
    if not prose:
        if ctx.parts.ten_loai is not None:
            yield finding("ND30-ND-01", "không tìm thấy nội dung văn bản", ctx.parts.ten_loai, "nội dung", "không có")
        return
    if not ctx.parts.formatted:
        return
    allowed = allowed_sizes(ctx.format_of("noi_dung"))
    parts = _part_headings(prose)
    sized = [p for p in prose if (p.sizes - {None}) - allowed and not is_note(p) and id(p) not in parts]
    yield from _report(
        sized,
        "ND30-ND-01",
        "cỡ chữ nội dung phải 13–14 pt",
        "13–14 pt",
        ", ".join(pt(s) for s in sorted(s for s in sized[0].sizes if s is not None)) if sized else "",
        aspect="size",
        size=14.0,
    )
    plain = [p for p in _running(ctx) if heading_kind(p) is None]
    yield from _report(
        [p for p in plain if p.jc != "both"],
        "ND30-ND-01",
        "nội dung phải căn đều hai bên",
        "căn đều hai bên",
        (plain and next((p.jc for p in plain if p.jc != "both"), None)) or "căn trái",
        aspect="justify",
    )
    leaning = [
        p for p in plain if p.italic and not is_can_cu(p) and not clean(p.text).startswith("(") and not _label(p)
    ]
    yield from _report(
        leaning,
        "ND30-ND-01",
        "đoạn nội dung in nghiêng toàn bộ",
        "chữ đứng",
        "nghiêng",
        severity="W",
        aspect="italic_note",
    )


def _body_fix_applies(ctx: Context, found: Finding) -> bool:
    return found.value("aspect") in ("size", "justify") and all(
        edits._text_runs(p) or found.value("aspect") == "justify" for p in found.targets
    )


@body_format.fixer(applies=_body_fix_applies)
def _fix_body_format(ctx: Context, found: Finding) -> list[str]:
    if found.value("aspect") == "justify":
        return [edits.align(ctx.doc, p, "both") for p in found.targets]
    allowed = allowed_sizes(ctx.format_of("noi_dung"))
    return [
        edits.runs(ctx.doc, p, size=max(min(max(p.sizes - {None}), max(allowed)), min(allowed))) for p in found.targets
    ]


def _label(para: Para) -> bool:
    """A short line ending with a colon: a label over what follows ("- Nội dung thực hiện:")."""
    text = clean(para.text)
    return text.endswith(":") and len(text.split()) <= 12


def _indent_ok(para: Para) -> bool:
    if para.hanging == 0 and para.first_line == 0 and para.text.startswith("\t"):
        return True  # indented with a tab: 1.27 cm at Word's default tab stops
    return para.hanging == 0 and any(abs(para.first_line - value) <= INDENT_TOLERANCE for value in FIRST_LINE)


@rule("ND30-ND-02", "E", "Nội dung", "Thụt đầu dòng 1 cm hoặc 1,27 cm", "PL I-I.II.6.e")
def first_line(ctx: Context) -> Iterator[Finding]:
    if not ctx.parts.formatted:
        return
    bad = [p for p in _running(ctx) if heading_kind(p) is None and not _indent_ok(p)]
    if bad:
        shown = f"treo {bad[0].hanging / 567:.2f} cm" if bad[0].hanging else f"{bad[0].first_line / 567:.2f} cm"
        yield from _report(bad, "ND30-ND-02", "thụt đầu dòng phải 1 cm hoặc 1,27 cm", "1 cm hoặc 1,27 cm", shown)


@first_line.fixer()
def _fix_first_line(ctx: Context, found: Finding) -> list[str]:
    return [edits.indent(ctx.doc, p) for p in found.targets]


def _gap(before: Para, after: Para) -> int:
    if before.contextual and after.contextual and before.style_id == after.style_id:
        return 0
    return before.after + after.before


@rule("ND30-ND-03", "E", "Nội dung", "Khoảng cách giữa các đoạn từ 6 pt", "PL I-I.II.6.e")
def paragraph_gap(ctx: Context) -> Iterator[Finding]:
    if not ctx.parts.formatted:
        return
    prose = prose_of(ctx.parts)
    pairs = [(a, b) for a, b in zip(prose, prose[1:], strict=False) if _gap(a, b) < PARAGRAPH_GAP - GAP_TOLERANCE]
    if pairs:
        count = f"{len(pairs)} đoạn: " if len(pairs) > 1 else ""
        yield finding(
            "ND30-ND-03",
            f"{count}khoảng cách giữa các đoạn phải từ 6 pt",
            pairs[0][1],
            "≥ 6 pt",
            f"{_gap(*pairs[0]) / 20:g} pt",
            targets=[pair for pair in pairs],
            count=len(pairs),
        )


@paragraph_gap.fixer()
def _fix_gap(ctx: Context, found: Finding) -> list[str]:
    return [edits.gap_after(ctx.doc, before, after) for before, after in found.targets]


def _line_fault(para: Para) -> tuple[str, str] | None:
    if para.line is None:
        return None
    if para.line_rule == "auto":
        if not LINE_AUTO[0] - LINE_TOLERANCE <= para.line <= LINE_AUTO[1] + LINE_TOLERANCE:
            return "E", f"{para.line / 240:.2f} dòng"
        return None
    ratio = para.line / ((para.size or 14) * 20 * LINE_HEIGHT)
    if para.line_rule == "atLeast" and ratio < 1.0:
        return None  # "at least" a smaller height is simply single spacing
    if not LINE_EXACT_ERROR[0] <= ratio <= LINE_EXACT_ERROR[1]:
        return "E", f"{para.line / 20:g} pt ({para.line_rule})"
    if ratio < 1.0:
        return "W", f"{para.line / 20:g} pt ({para.line_rule})"
    return None


@rule("ND30-ND-04", "E", "Nội dung", "Giãn dòng từ một dòng đến 1,5 dòng", "PL I-I.II.6.e")
def line_spacing(ctx: Context) -> Iterator[Finding]:
    if not ctx.parts.formatted:
        return
    faults = [(p, _line_fault(p)) for p in prose_of(ctx.parts)]
    for severity in ("E", "W"):
        chosen = [(p, fault) for p, fault in faults if fault and fault[0] == severity]
        if chosen:
            count = f"{len(chosen)} đoạn: " if len(chosen) > 1 else ""
            yield finding(
                "ND30-ND-04",
                f"{count}giãn dòng phải từ một dòng đến 1,5 dòng",
                chosen[0][0],
                "1–1,5 dòng",
                chosen[0][1][1],
                severity=severity,
                targets=[p for p, _ in chosen],
                count=len(chosen),
            )


@line_spacing.fixer()
def _fix_line_spacing(ctx: Context, found: Finding) -> list[str]:
    return [edits.line_spacing(ctx.doc, p) for p in found.targets]


@rule("ND30-ND-05", "W", "Nội dung", "Một cỡ chữ trong toàn bộ nội dung", "C")
def one_size(ctx: Context) -> Iterator[Finding]:
    plain = _running(ctx)
    sizes = {p.size for p in plain if p.size}
    if len(sizes) > 1 and ctx.parts.formatted:
        yield finding(
            "ND30-ND-05", "nội dung dùng nhiều cỡ chữ", plain[0], "một cỡ chữ", ", ".join(pt(s) for s in sorted(sizes))
        )


@rule("ND30-ND-06", "W", "Nội dung", "Nội dung kết thúc bằng './.'", "T")
def closing_mark(ctx: Context) -> Iterator[Finding]:
    prose = prose_of(ctx.parts)
    if prose and not clean(prose[-1].text).endswith("./."):
        yield finding("ND30-ND-06", "nội dung nên kết thúc bằng './.'", prose[-1], "…./.", clean(prose[-1].text)[-12:])


_CITED = re.compile(
    r"\b(Quyết định|Nghị định|Thông tư|Chỉ thị|Kế hoạch|Nghị quyết|Công văn|Hướng dẫn|Thông báo|Báo cáo)\s+số\s+(\d[\w.]*/[\w/&.Đđ-]+)"
)


@rule(
    "ND30-ND-07",
    "W",
    "Nội dung",
    "Lần dẫn đầu tiên ghi đủ loại, số, ngày, cơ quan ban hành, trích yếu",
    "PL I-I.II.6.b",
)
def first_citation(ctx: Context) -> Iterator[Finding]:
    seen: set[str] = set()
    missing = []
    for para in prose_of(ctx.parts):  # the body (ô 6): a trích yếu names documents in short
        text = clean(para.text)
        for match in _CITED.finditer(text):
            number = match[2].rstrip(".,;")
            if number in seen:
                continue
            seen.add(number)
            after = text[match.end() : match.end() + 90]
            before = text[max(match.start() - 60, 0) : match.start()]
            dated = re.search(r"\bngày\b", after) or re.search(r"\b[Nn]gày\s+\d{1,2}[/-]\d{1,2}[/-]\d{4}", before)
            if not dated and not re.match(r"^\s*\(", after):
                missing.append(
                    finding(
                        "ND30-ND-07",
                        "lần đầu dẫn văn bản chưa ghi ngày ban hành",
                        para,
                        f"{match[1]} số {number} ngày … của …",
                        snippet(para, 60),
                    )
                )
    yield from grouped(missing)


@rule("ND30-CC-01", "W", "Căn cứ", "Căn cứ in nghiêng, mỗi căn cứ một dòng", "PL I-I.II.6.a")
def can_cu(ctx: Context) -> Iterator[Finding]:
    if not ctx.parts.formatted:
        return
    lines = []
    for para in prose_of(ctx.parts)[:20]:
        if heading_kind(para):
            break
        if is_can_cu(para):
            lines.append(para)
    upright = [p for p in lines if not p.italic]
    severity: Severity = "W" if ctx.parts.kind in ("KH", "BC", None) else "E"
    yield from _report(
        upright, "ND30-CC-01", "căn cứ nên in nghiêng", "nghiêng", "đứng", severity, aspect="italic", value=True
    )


can_cu.fixer(applies=edits.format_applies)(lambda ctx, found: edits.format_paragraphs(ctx, found))


# --- headings ----------------------------------------------------------------------------------------------
@rule("ND30-HD-01", "E", "Đề mục", "'Phần I' một dòng, căn giữa, đậm; tên phần dòng dưới, IN HOA", "PL I-I.II.6.c")
def part_heading(ctx: Context) -> Iterator[Finding]:
    for para in prose_of(ctx.parts):
        if heading_kind(para) == "phan" and ctx.parts.formatted and not para.bold:
            yield finding("ND30-HD-01", "tên phần phải in đậm", para, "đậm", "không đậm", aspect="bold", value=True)


part_heading.fixer(applies=edits.format_applies)(lambda ctx, found: edits.format_paragraphs(ctx, found))


@rule("ND30-HD-02", "E", "Đề mục", "Mục: số La Mã, dấu chấm, dấu cách, tên mục IN HOA, đậm", "PL I-I.II.6.c")
def muc(ctx: Context) -> Iterator[Finding]:
    for para in prose_of(ctx.parts):
        if heading_kind(para) != "muc":
            continue
        text = clean(para.full_text)
        match = HEADINGS["muc"].match(text)
        assert match is not None
        if not re.match(r"^[IVXLC]+\. ", text):
            yield finding(
                "ND30-HD-02",
                "sau số La Mã của mục phải có dấu cách",
                para,
                f"{match['n']}. {match['t'][:20]}",
                text[:24],
            )
        title = heading_title(match["t"])
        if not is_upper(title):
            yield finding("ND30-HD-02", "tên mục phải IN HOA", para, "IN HOA", snippet(para, 30))
        if ctx.parts.formatted and not para.bold:
            yield finding("ND30-HD-02", "tên mục phải in đậm", para, "đậm", "không đậm", aspect="bold", value=True)


muc.fixer(applies=edits.format_applies)(lambda ctx, found: edits.format_paragraphs(ctx, found))


def _titled_khoan(prose: list[Para], index: int) -> bool:
    """A khoản with a title of its own line: short, no closing punctuation, something written under it."""
    text = clean(prose[index].full_text)
    match = HEADINGS["khoan"].match(text)
    if match is None or HEADINGS["khoan_con"].match(text):
        return False
    title = match["t"]
    if len(title.split()) > 12 or title.endswith((".", ";", ":", ",")) or ":" in title:
        return False
    following = prose[index + 1] if index + 1 < len(prose) else None
    return following is not None and heading_kind(following) not in ("khoan", "muc", "phan")


@rule("ND30-HD-03", "E", "Đề mục", "Khoản có tên riêng một dòng thì in đậm", "PL I-I.II.6.c")
def titled_khoan(ctx: Context) -> Iterator[Finding]:
    if not ctx.parts.formatted:
        return
    prose = prose_of(ctx.parts)
    plain = [p for i, p in enumerate(prose) if _titled_khoan(prose, i) and not p.any_bold]
    yield from _report(
        plain, "ND30-HD-03", "khoản có tên riêng phải in đậm", "đậm", "không đậm", aspect="bold", value=True
    )


titled_khoan.fixer(applies=edits.format_applies)(lambda ctx, found: edits.format_paragraphs(ctx, found))


@rule("ND30-HD-05", "W", "Đề mục", "Điểm viết chữ cái thường và dấu ')': a), b)", "PL I-I.II.6.d")
def diem_form(ctx: Context) -> Iterator[Finding]:
    dotted = [
        p for p in prose_of(ctx.parts) if re.match(r"^[a-zđ]\.\s", clean(p.full_text)) and heading_kind(p) == "diem"
    ]
    yield from _report(
        dotted,
        "ND30-HD-05",
        "điểm viết 'a)' (chữ cái và dấu ngoặc đơn), không phải 'a.'",
        "a)",
        clean(dotted[0].full_text)[:3] if dotted else "",
    )


@rule("ND30-HD-08", "E", "Đề mục", "Điểm theo thứ tự chữ cái tiếng Việt: a, b, c, d, đ, e, g, …", "PL I-I.II.6.đ")
def diem_order(ctx: Context) -> Iterator[Finding]:
    current: str | None = None
    for para in prose_of(ctx.parts):
        kind = heading_kind(para)
        if kind in ("muc", "khoan", "khoan_con", "phan"):
            current = None
        elif kind == "diem":
            match = HEADINGS["diem"].match(clean(para.full_text))
            assert match is not None
            letter = match["n"]
            wanted = DIEM_ORDER[DIEM_ORDER.index(current) + 1] if current in DIEM_ORDER[:-1] else "a"
            if letter != wanted:
                yield finding(
                    "ND30-HD-08",
                    "điểm phải theo thứ tự chữ cái tiếng Việt (a, b, c, d, đ, e, g, …)",
                    para,
                    f"{wanted})",
                    f"{letter})",
                )
            current = letter


@rule("ND30-HD-09", "E", "Đề mục", "Khoản đánh số lại từ 1 trong mỗi mục; mục La Mã liên tiếp", "PL I-I.II.6.đ")
def numbering(ctx: Context) -> Iterator[Finding]:
    roman = khoan = 0
    for para in prose_of(ctx.parts):
        text = clean(para.full_text)
        kind = heading_kind(para)
        if kind == "phan":
            roman = khoan = 0
        elif kind == "muc":
            match = HEADINGS["muc"].match(text)
            assert match is not None
            expected = la_ma(roman + 1)
            if match["n"] != expected:
                yield finding("ND30-HD-09", "số mục La Mã phải liên tiếp", para, f"{expected}.", f"{match['n']}.")
            try:
                roman = tu_la_ma(match["n"])
            except ValueError:
                roman += 1
            khoan = 0
        elif kind == "khoan":
            match = HEADINGS["khoan"].match(text)
            assert match is not None
            number = int(match["n"])
            if number != khoan + 1 and not (khoan == 0 and number == 1):
                yield finding(
                    "ND30-HD-09",
                    "số khoản phải liên tiếp và bắt đầu lại từ 1 trong mỗi mục",
                    para,
                    f"{khoan + 1}.",
                    f"{number}.",
                )
            khoan = number


@rule("ND30-HD-10", "W", "Đề mục", "Điểm a), b) để chữ đứng, không đậm", "PL I-I.II.6.d")
def diem_style(ctx: Context) -> Iterator[Finding]:
    if not ctx.parts.formatted:
        return
    styled = [p for p in prose_of(ctx.parts) if heading_kind(p) == "diem" and (p.bold or p.italic)]
    if styled:
        yield from _report(
            styled,
            "ND30-HD-10",
            "điểm a), b) nên để chữ đứng, không đậm",
            "đứng, thường",
            "đậm" if styled[0].bold else "nghiêng",
        )


@rule("ND30-HD-11", "I", "Đề mục", "Đánh số thập phân (1.1., 1.1.1.) không có trong Nghị định", "C")
def decimal_numbering(ctx: Context) -> Iterator[Finding]:
    decimal = [p for p in prose_of(ctx.parts) if heading_kind(p) == "khoan_con"]
    yield from _report(
        decimal,
        "ND30-HD-11",
        "đề mục đánh số thập phân (1.1.), Nghị định 30 không quy định",
        "1., a), -",
        clean(decimal[0].full_text)[:8] if decimal else "",
    )


# --- capitalisation (PL II) --------------------------------------------------------------------------------------
_SPECIAL = {"thành phố Hồ Chí Minh": "Thành phố Hồ Chí Minh", "thủ đô Hà Nội": "Thủ đô Hà Nội"}
_NAMED = re.compile(
    r"(?<![\w.])(luật|nghị định|nghị quyết|quyết định|thông tư|chỉ thị|kế hoạch|báo cáo|công văn|tờ trình)\s+số\s+\d"
)
_PART_LOWER = re.compile(r"(?<=[\w,;] )(điều|chương|mục|phần)\s+(\d+|[IVXLC]+)\b")
_PART_UPPER = re.compile(r"(?<=[\w,;] )(Khoản|Điểm)\s+(\d+|[a-zđ])\b")


def _body_texts(ctx: Context) -> Iterator[tuple[Para, str]]:
    for para in [*ctx.parts.trich_yeu, *prose_of(ctx.parts)]:
        yield para, clean(para.text)


@rule("ND30-VH-05", "E", "Viết hoa", "Viết hoa cố định: Thủ đô Hà Nội, Thành phố Hồ Chí Minh", "PL II")
def fixed_names(ctx: Context) -> Iterator[Finding]:
    found = []
    for para, text in _body_texts(ctx):
        for wrong, right in _SPECIAL.items():
            if wrong in text:
                found.append(finding("ND30-VH-05", f"viết hoa '{right}'", para, right, wrong))
    yield from grouped(found)


@rule("ND30-VH-12", "W", "Viết hoa", "Tên loại văn bản cụ thể viết hoa chữ đầu: Kế hoạch số 19/KH-…", "PL II")
def named_documents(ctx: Context) -> Iterator[Finding]:
    found = []
    for para, text in _body_texts(ctx):
        for match in _NAMED.finditer(text):
            found.append(
                finding(
                    "ND30-VH-12",
                    "tên loại văn bản có số cụ thể phải viết hoa chữ đầu",
                    para,
                    match[1].capitalize(),
                    match[0],
                )
            )
    yield from grouped(found)


@rule(
    "ND30-VH-13",
    "W",
    "Viết hoa",
    "Dẫn phần của văn bản: Phần, Chương, Mục, Điều viết hoa; khoản, điểm viết thường",
    "PL II",
)
def cited_parts(ctx: Context) -> Iterator[Finding]:
    found = []
    for para, text in _body_texts(ctx):
        for match in _PART_LOWER.finditer(text):
            found.append(
                finding(
                    "ND30-VH-13",
                    f"'{match[1].capitalize()}' khi dẫn phần của văn bản phải viết hoa",
                    para,
                    match[1].capitalize(),
                    match[0],
                )
            )
        for match in _PART_UPPER.finditer(text):
            found.append(
                finding(
                    "ND30-VH-13",
                    f"'{match[1].lower()}' khi dẫn phần của văn bản viết thường",
                    para,
                    match[1].lower(),
                    match[0],
                )
            )
    yield from grouped(found)
