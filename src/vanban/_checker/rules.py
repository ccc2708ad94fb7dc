"""The rules of ../shared/spec/nd30.md that can be tested on a DOCX.

Each rule is a function ``(Context) -> Iterator[Finding]``; its docstring names the
clause. ``RULES`` lists them in report order. Paragraph-level rules report one finding
per kind of fault with the count and the first place, so a long document stays readable.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from .._docx import DocView, Line, Para, Table
from .._metrics import text_width
from .._parts import HEADINGS, QUOC_HIEU, TIEU_NGU, Components, clean, column_width, is_upper, key
from ..text import la_ma, legacy_encoding
from . import Finding

FONT = "Times New Roman"
A4 = (11906, 16838)


@dataclass
class Context:
    doc: DocView
    parts: Components
    draft: bool


def snippet(para: Para | None, length: int = 48) -> str:
    if para is None:
        return ""
    text = clean(para.full_text)
    return text if len(text) <= length else text[: length - 1] + "…"


def where(para: Para | None) -> str:
    if para is None:
        return ""
    place = {"table": "bảng", "textbox": "hộp văn bản", "header": "đầu trang", "footer": "chân trang"}.get(para.place)
    suffix = f" ({place})" if place else ""
    return f"đoạn {para.index + 1}{suffix}: «{snippet(para)}»"


def finding(
    rule: str,
    severity: str,
    message: str,
    component: str,
    para: Para | None = None,
    expected: object = "",
    actual: object = "",
    fixable: bool = False,
    at: str = "",
) -> Finding:
    return Finding(rule, severity, message, component, at or where(para), str(expected), str(actual), fixable)  # type: ignore[arg-type]


def pt(size: float | None) -> str:
    if size is None:
        return "không rõ"
    return f"{size:g} pt"


def _format(
    para: Para,
    component: str,
    rule: str,
    sizes: tuple[float, ...],
    *,
    bold: bool | None,
    italic: bool | None = False,
    caps: bool | None = None,
    center: bool = False,
) -> Iterator[Finding]:
    """Size, bold, italic, case and centring of one component paragraph."""
    actual = para.sizes - {None}
    if actual and not actual <= set(sizes):
        wanted = f"{min(sizes):g}–{max(sizes):g}" if len(sizes) > 1 else f"{sizes[0]:g}"
        yield finding(
            rule,
            "E",
            f"{component}: cỡ chữ phải {wanted} pt",
            component,
            para,
            f"{wanted} pt",
            ", ".join(pt(s) for s in sorted(actual)),
            fixable=True,
        )
    if bold is True and not para.bold:
        yield finding(rule, "E", f"{component}: phải in đậm", component, para, "đậm", "không đậm", fixable=True)
    if bold is False and para.any_bold:
        yield finding(rule, "E", f"{component}: không in đậm", component, para, "không đậm", "đậm", fixable=True)
    if italic is True and not para.italic:
        yield finding(rule, "E", f"{component}: phải in nghiêng", component, para, "nghiêng", "đứng", fixable=True)
    if italic is False and para.any_italic:
        yield finding(
            rule,
            "E",
            f"{component}: phải để chữ đứng (không nghiêng)",
            component,
            para,
            "đứng",
            "nghiêng",
            fixable=True,
        )
    if caps is True:
        if any(run.small_caps for run in para.visible_runs):
            yield finding(
                rule,
                "E",
                f"{component}: phải in hoa thật, không dùng chữ hoa nhỏ (small caps)",
                component,
                para,
                "IN HOA",
                "small caps",
            )
        elif not is_upper(para.text):
            shown = (
                "chữ thường đổi thành hoa bằng định dạng" if all(r.caps for r in para.visible_runs) else "có chữ thường"
            )
            severity = "W" if all(r.caps for r in para.visible_runs) else "E"
            yield finding(rule, severity, f"{component}: phải in hoa", component, para, "IN HOA", shown)
    if center and para.jc not in ("center",):
        if para.text.startswith(("   ", "\t")):
            yield finding(
                rule,
                "W",
                f"{component}: căn giữa bằng dấu cách/tab, nên dùng căn giữa",
                component,
                para,
                "căn giữa",
                "dấu cách",
                fixable=True,
            )
        else:
            yield finding(
                rule,
                "E",
                f"{component}: phải căn giữa",
                component,
                para,
                "căn giữa",
                para.jc or "căn trái",
                fixable=True,
            )


def _line_length(ctx: Context, para: Para, default_size: float) -> int:
    """Width of a (bold) text line; a line longer than its column wraps, so the column width caps it."""
    length = text_width(clean(para.text), para.size or default_size, True)
    return min(length, column_width(ctx.doc, para) - para.ind_left - para.ind_right)


def _grouped(findings: Iterable[Finding]) -> Iterator[Finding]:
    """One finding per kind of fault in a list of lines, with the count and the first place."""
    groups: dict[tuple[str, str, str], list[Finding]] = {}
    for item in findings:
        groups.setdefault((item.rule, item.severity, item.message), []).append(item)
    for (_, _, message), items in groups.items():
        first = items[0]
        prefix = f"{len(items)} dòng — " if len(items) > 1 else ""
        yield Finding(
            first.rule,
            first.severity,
            prefix + message,
            first.component,
            first.where,
            first.expected,
            first.actual,
            first.fixable,
        )


def _rule_line(
    lines: list[Line], text_length: int, rule: str, component: str, para: Para | None, *, full: bool
) -> Iterator[Finding]:
    """A solid rule under a component: the Tiêu ngữ's length (full) or 1/3–1/2 of the text."""
    name, component = component, component[0].upper() + component[1:]
    if not lines:
        yield finding(rule, "E", f"thiếu đường kẻ dưới {name}", component, para, "đường kẻ liền", "không có")
        return
    line = max(lines, key=lambda item: item.length or 0)
    if not line.solid:
        yield finding(rule, "E", f"đường kẻ dưới {name} phải là nét liền", component, para, "nét liền", "nét đứt")
    if not line.length or not text_length:
        return
    ratio = line.length / text_length
    if full:
        warn, error, wanted = (0.90, 1.10), (0.75, 1.25), "bằng độ dài Tiêu ngữ"
    else:
        warn, error, wanted = (0.30, 0.55), (0.25, 0.60), "từ 1/3 đến 1/2 độ dài dòng chữ"
    if not error[0] <= ratio <= error[1]:
        severity = "E"
    elif not warn[0] <= ratio <= warn[1]:
        severity = "W"
    else:
        return
    yield finding(
        rule,
        severity,
        f"đường kẻ dưới {name} dài chưa đúng ({wanted})",
        component,
        para,
        wanted,
        f"{ratio:.0%} độ dài chữ ({line.length / 567:.1f} cm)",
    )


# --- 1. Page -------------------------------------------------------------------------------
def _by_sections(findings: list[Finding]) -> Iterator[Finding]:
    """The same fault in several sections, reported once with the list of sections."""
    groups: dict[tuple[str, str, str, str], list[Finding]] = {}
    for item in findings:
        groups.setdefault((item.rule, item.severity, item.message, item.actual), []).append(item)
    for items in groups.values():
        first = items[0]
        numbers = ", ".join(item.where.rsplit(" ", 1)[-1] for item in items)
        where = f"phần (section) {numbers}" if first.where.startswith("phần") else first.where
        yield Finding(
            first.rule,
            first.severity,
            first.message,
            first.component,
            where,
            first.expected,
            first.actual,
            first.fixable,
        )


def page_size(ctx: Context) -> Iterator[Finding]:
    """ND30-PAGE-01 (A4) and ND30-PAGE-02 (portrait; landscape only for tables)."""
    yield from _by_sections(list(_page_size(ctx)))


def _page_size(ctx: Context) -> Iterator[Finding]:
    for section in ctx.doc.sections:
        at = f"phần (section) {section.index + 1}"
        if section.width is None or section.height is None:
            yield finding(
                "ND30-PAGE-01",
                "E",
                "không khai báo khổ giấy",
                "Trang",
                expected="A4 210 × 297 mm",
                actual="không rõ",
                fixable=True,
                at=at,
            )
            continue
        short, long_ = sorted((section.width, section.height))
        if abs(short - A4[0]) > 20 or abs(long_ - A4[1]) > 20:
            yield finding(
                "ND30-PAGE-01",
                "E",
                "khổ giấy phải là A4",
                "Trang",
                expected="A4 210 × 297 mm",
                actual=f"{short / 56.693:.0f} × {long_ / 56.693:.0f} mm",
                fixable=True,
                at=at,
            )
        if section.landscape:
            if section.index == 0:
                yield finding(
                    "ND30-PAGE-02",
                    "E",
                    "trang đầu văn bản phải khổ dọc",
                    "Trang",
                    expected="dọc",
                    actual="ngang",
                    fixable=True,
                    at=at,
                )
            elif not section.has_table:
                yield finding(
                    "ND30-PAGE-02",
                    "W",
                    "trang ngang chỉ dùng cho bảng, mà phần này không có bảng",
                    "Trang",
                    expected="dọc",
                    actual="ngang",
                    at=at,
                )


MARGINS = {"top": (1134, 1417), "bottom": (1134, 1417), "left": (1701, 1984), "right": (850, 1134)}
MARGIN_NAMES = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}


def _margins_ok(margins: dict[str, int], mapping: dict[str, str]) -> list[str]:
    wrong = []
    for side, (low, high) in MARGINS.items():
        value = margins.get(mapping[side])
        if value is None or not low - 6 <= value <= high + 6:
            wrong.append(side)
    return wrong


def page_margins(ctx: Context) -> Iterator[Finding]:
    """ND30-PAGE-03: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm."""
    yield from _by_sections(list(_page_margins(ctx)))


def _page_margins(ctx: Context) -> Iterator[Finding]:
    for section in ctx.doc.sections:
        margins = section.margins
        wrong = _margins_ok(margins, {s: s for s in MARGINS})
        if wrong and section.landscape:
            # a landscape page turned from portrait: the binding margin is at the top
            rotated = _margins_ok(margins, {"left": "top", "right": "bottom", "top": "left", "bottom": "right"})
            wrong = [] if not rotated else wrong
        for side in wrong:
            low, high = MARGINS[side]
            value = margins.get(side)
            yield finding(
                "ND30-PAGE-03", "E", f"lề {MARGIN_NAMES[side]} ngoài khoảng cho phép", "Trang",
                expected=f"{low / 56.693:.0f}–{high / 56.693:.0f} mm",
                actual="không khai báo" if value is None else f"{value / 56.693:.1f} mm",
                fixable=True, at=f"phần (section) {section.index + 1}",
            )  # fmt: skip
        if margins.get("gutter"):
            yield finding(
                "ND30-PAGE-03",
                "W",
                "có lề đóng gáy (gutter)",
                "Trang",
                expected="0",
                actual=f"{margins['gutter'] / 56.693:.1f} mm",
                fixable=True,
                at=f"phần (section) {section.index + 1}",
            )


def _all_paragraphs(doc: DocView) -> list[Para]:
    seen: list[Para] = list(doc.paragraphs)
    for section in doc.sections:
        for part in list(section.headers.values()) + list(section.footers.values()):
            seen.extend(part.paragraphs)
    unique = {id(p): p for p in seen}
    return list(unique.values())


def fonts_and_text(ctx: Context) -> Iterator[Finding]:
    """ND30-PAGE-04: Times New Roman in every slot of every run, black, Unicode (no TCVN3/VNI, NFC)."""
    wrong: dict[tuple[str, bool], tuple[int, Para]] = {}
    legacy: dict[str, tuple[int, Para]] = {}
    colours: dict[str, tuple[int, Para]] = {}
    shaded: list[Para] = []
    decomposed: list[Para] = []
    encoded: dict[str, tuple[int, Para]] = {}
    for para in _all_paragraphs(ctx.doc):
        for run in para.visible_runs:
            for slot, name in run.fonts.items():
                if name is None or name == FONT:
                    continue
                if name.startswith((".Vn", "VNI", "VN-", ".VN")):
                    count, first = legacy.get(name, (0, para))
                    legacy[name] = (count + 1, first)
                else:
                    latin = slot in ("ascii", "hAnsi")
                    count, first = wrong.get((name, latin), (0, para))
                    wrong[(name, latin)] = (count + 1, first)
            if run.color and run.color.lower() not in ("auto", "000000"):
                count, first = colours.get(run.color, (0, para))
                colours[run.color] = (count + 1, first)
            if run.highlight and (not shaded or shaded[-1] is not para):
                shaded.append(para)
        if not unicodedata.is_normalized("NFC", para.text):
            decomposed.append(para)
        kind = legacy_encoding(para.text)
        if kind:
            count, first = encoded.get(kind, (0, para))
            encoded[kind] = (count + 1, first)
    for name, (count, para) in legacy.items():
        yield finding(
            "ND30-PAGE-04",
            "E",
            f"phông cũ '{name}' (TCVN3/VNI) ở {count} lượt chữ; phải dùng Times New Roman Unicode",
            "Phông chữ",
            para,
            FONT,
            name,
            fixable=True,
        )
    for (name, latin), (count, para) in wrong.items():
        if not latin and (name, True) in wrong:
            continue  # already reported for the Latin slots
        shown = name.replace("(theme ", "theo theme (")
        if latin:
            severity = "W" if name.startswith(FONT) else "E"
            message = f"phông '{shown}' ở {count} lượt chữ; phải là Times New Roman"
        else:
            severity = "W"
            message = (
                f"phông '{shown}' ở ô phông Đông Á/phức hợp của {count} lượt chữ; nên đặt cả bốn ô là Times New Roman"
            )
        yield finding("ND30-PAGE-04", severity, message, "Phông chữ", para, FONT, name, fixable=True)
    for kind, (count, para) in encoded.items():
        yield finding(
            "ND30-PAGE-04",
            "E",
            f"{count} đoạn có chữ mã {kind} cũ (không phải Unicode TCVN 6909:2001)",
            "Phông chữ",
            para,
            "Unicode",
            kind,
        )
    for colour, (count, para) in colours.items():
        yield finding(
            "ND30-PAGE-04",
            "E",
            f"chữ màu {colour} ở {count} đoạn; chữ phải màu đen",
            "Phông chữ",
            para,
            "đen",
            colour,
            fixable=True,
        )
    if shaded:
        yield finding(
            "ND30-PAGE-04",
            "W",
            f"{len(shaded)} đoạn có tô nền/đánh dấu màu",
            "Phông chữ",
            shaded[0],
            "không tô nền",
            "có tô nền",
        )
    if decomposed:
        yield finding(
            "ND30-PAGE-04",
            "W",
            f"{len(decomposed)} đoạn dùng Unicode tổ hợp (NFD), nên dựng sẵn (NFC)",
            "Phông chữ",
            decomposed[0],
            "NFC",
            "NFD",
            fixable=True,
        )
    for num_font in _numbering_fonts(ctx.doc):
        yield finding(
            "ND30-PAGE-04",
            "E",
            f"ký hiệu đánh số tự động dùng phông '{num_font}'",
            "Phông chữ",
            expected=FONT,
            actual=num_font,
            fixable=True,
            at="numbering.xml",
        )


def _numbering_fonts(doc: DocView) -> set[str]:
    used = {p.label for p in doc.paragraphs if p.label}
    if doc.styles.numbering is None or not used:
        return set()
    from .._docx import w

    fonts = set()
    for level in doc.styles.numbering.iter(w("lvl")):
        fmt = level.find(w("numFmt"))
        if fmt is not None and fmt.get(w("val")) == "bullet":
            continue  # a bullet is a symbol, drawn from its symbol font
        node = level.find(f"{w('rPr')}/{w('rFonts')}")
        if node is None:
            continue
        for slot in ("ascii", "hAnsi"):
            name = node.get(w(slot))
            if name and name != FONT:
                fonts.add(name)
    return fonts


def estimated_pages(doc: DocView) -> int:
    """Pages of the first section, estimated from text widths (Times New Roman metrics), spacing and page breaks."""
    section = doc.sections[0] if doc.sections else None
    if section is None or not section.width or not section.height:
        return 1
    margins = section.margins
    height = section.height - margins.get("top", 1134) - margins.get("bottom", 1134)
    width = section.width - margins.get("left", 1701) - margins.get("right", 1134)
    if height <= 0 or width <= 0:
        return 1
    pages, used = 1, 0
    for block in doc.blocks():
        if block.section != 0:
            break
        if isinstance(block, Table):
            used += sum(_row_height(row, width) for row in block.rows)
        else:
            if block.page_break and used:
                pages, used = pages + 1, 0
            used += _para_height(block, width)
        if used > height:
            full, used = divmod(used, height)
            pages += full
    return pages


def _row_height(row: list, width: int) -> int:
    cells = max(len(row), 1)
    return max((sum(_para_height(p, cell.width or width // cells) for p in cell.paragraphs) for cell in row), default=0)


def _para_height(para: Para, width: int) -> int:
    """Twips a paragraph takes: its wrapped lines at its line spacing, and the space before and after it."""
    size = para.size or 14
    room = max(width - para.ind_left - para.ind_right, 720)
    lines = 0
    for piece in para.text.split("\n"):
        needed = text_width(piece, size, bold=para.bold) + para.first_line
        lines += max(1, -(-needed // room))
    single = size * 20 * 1.15  # Times New Roman's line height is about 1.15 × its size
    if para.line and para.line_rule == "exact":
        line = para.line
    elif para.line and para.line_rule == "atLeast":
        line = max(para.line, single)
    else:
        line = single * (para.line or 240) / 240
    return int(lines * line) + para.before + para.after


def page_numbers(ctx: Context) -> Iterator[Finding]:
    """ND30-PAGE-05 (from page 2, centred in the header, 13–14 pt, upright) and PAGE-07 (no decoration)."""
    section = ctx.doc.sections[0]
    default = section.headers.get("default")
    first = section.headers.get("first")
    fields = default.page_fields if default else []
    footer_fields = [p for f in section.footers.values() for p in f.page_fields]
    long_document = estimated_pages(ctx.doc) > 1
    if ctx.doc.even_and_odd_headers:
        even = section.headers.get("even")
        if not (even and even.page_fields):
            yield finding(
                "ND30-PAGE-05",
                "E",
                "trang chẵn không có số trang (đầu trang chẵn thiếu trường PAGE)",
                "Số trang",
                expected="số trang ở mọi trang từ trang 2",
                actual="thiếu ở trang chẵn",
                fixable=True,
                at="đầu trang chẵn",
            )
    if not fields:
        if footer_fields:
            yield finding(
                "ND30-PAGE-05",
                "E",
                "số trang đặt ở chân trang; phải ở giữa lề trên (đầu trang)",
                "Số trang",
                footer_fields[0],
                "đầu trang, giữa",
                "chân trang",
                fixable=True,
            )
        elif long_document or any(s.headers for s in ctx.doc.sections):
            severity = "E" if long_document else "I"
            yield finding(
                "ND30-PAGE-05",
                severity,
                "không có số trang (trường PAGE ở đầu trang)",
                "Số trang",
                expected="số trang từ trang 2, giữa lề trên",
                actual="không có",
                fixable=True,
                at="đầu trang",
            )
        return
    if not section.title_page:
        yield finding(
            "ND30-PAGE-05",
            "E",
            "trang 1 đang hiện số trang; số trang chỉ hiện từ trang 2",
            "Số trang",
            fields[0],
            "không số ở trang 1",
            "có số ở trang 1",
            fixable=True,
        )
    elif first is not None and first.page_fields:
        yield finding(
            "ND30-PAGE-05",
            "E",
            "đầu trang của trang 1 có số trang",
            "Số trang",
            first.page_fields[0],
            "không số ở trang 1",
            "có số ở trang 1",
            fixable=True,
        )
    para = fields[0]
    yield from _format(para, "Số trang", "ND30-PAGE-05", (13, 14, 13.5), bold=False, italic=False, center=True)
    if section.page_start not in (None, 1):
        yield finding(
            "ND30-PAGE-05", "E", "số trang phải bắt đầu từ 1", "Số trang", para, "1", section.page_start, fixable=True
        )
    if section.page_format not in (None, "decimal"):
        yield finding(
            "ND30-PAGE-05",
            "E",
            "số trang phải là chữ số Ả Rập",
            "Số trang",
            para,
            "1, 2, 3",
            section.page_format,
            fixable=True,
        )
    decoration = clean(default.text) if default else ""
    if re.search(r"[^\d\s]", decoration):
        yield finding("ND30-PAGE-07", "W", "số trang có thêm chữ hoặc dấu trang trí", "Số trang", para, "2", decoration)


def appendix_numbering(ctx: Context) -> Iterator[Finding]:
    """ND30-PAGE-06 / ND30-PL-05 (appendix numbered on its own) and ND30-PL-06 (starts a new page)."""
    appendix = [p for p in ctx.parts.appendix if key(p.text).startswith("PHỤ LỤC")]
    if not appendix:
        return
    start = appendix[0]
    section = ctx.doc.sections[min(start.section, len(ctx.doc.sections) - 1)]
    if start.section == 0:
        yield finding(
            "ND30-PAGE-06",
            "E",
            "phụ lục không nằm trong phần (section) riêng nên không đánh số trang riêng",
            "Phụ lục",
            start,
            "phần riêng, đánh số từ 1",
            "chung với văn bản",
        )
        yield finding(
            "ND30-PL-06",
            "W",
            "phụ lục nên bắt đầu ở trang mới (ngắt phần)",
            "Phụ lục",
            start,
            "trang mới",
            "liền văn bản",
        )
    elif section.page_start != 1:
        yield finding(
            "ND30-PAGE-06",
            "E",
            "phụ lục phải đánh số trang riêng, bắt đầu từ 1",
            "Phụ lục",
            start,
            "bắt đầu từ 1",
            "nối tiếp văn bản",
            fixable=True,
        )


# --- 2/3. Header block ----------------------------------------------------------------------
def quoc_hieu(ctx: Context) -> Iterator[Finding]:
    """ND30-QH-01..06 and ND30-LAYOUT-04: Quốc hiệu, Tiêu ngữ and the rule under it."""
    parts = ctx.parts
    qh, tn = parts.quoc_hieu, parts.tieu_ngu
    if qh is None:
        yield finding(
            "ND30-QH-01",
            "E",
            "không tìm thấy Quốc hiệu",
            "Quốc hiệu",
            expected=QUOC_HIEU,
            actual="không có",
            at="trang 1",
        )
        return
    text = key(qh.text)
    if text != QUOC_HIEU:
        yield finding("ND30-QH-01", "E", "Quốc hiệu sai chữ", "Quốc hiệu", qh, QUOC_HIEU, clean(qh.text))
    yield from _format(qh, "Quốc hiệu", "ND30-QH-02", (12, 13, 12.5), bold=True, caps=True, center=True)
    if qh.cell_width and qh.size:
        needed = text_width(QUOC_HIEU, qh.size, True) + qh.ind_left + qh.ind_right
        if needed > qh.cell_width + 20:
            yield finding(
                "ND30-LAYOUT-04",
                "E",
                "cột phải quá hẹp: Quốc hiệu bị xuống dòng",
                "Quốc hiệu",
                qh,
                f"≥ {needed / 567:.2f} cm",
                f"{qh.cell_width / 567:.2f} cm",
                fixable=False,
            )
    if tn is None:
        yield finding("ND30-QH-03", "E", "không tìm thấy Tiêu ngữ dưới Quốc hiệu", "Tiêu ngữ", qh, TIEU_NGU, "không có")
        return
    if clean(tn.text) != TIEU_NGU:
        detail = (
            "dùng gạch ngang dài (– —) thay cho dấu gạch nối '-'"
            if re.search(f"[{''.join(chr(c) for c in (0x2013, 0x2014))}]", tn.text)
            else "sai chữ, dấu hoặc khoảng trắng"
        )
        yield finding("ND30-QH-03", "E", f"Tiêu ngữ {detail}", "Tiêu ngữ", tn, TIEU_NGU, clean(tn.text))
    yield from _format(tn, "Tiêu ngữ", "ND30-QH-04", (13, 14, 13.5), bold=True, center=True)
    if parts.right and qh in parts.right and tn in parts.right:
        between = parts.right[parts.right.index(qh) + 1 : parts.right.index(tn)]
        if between:
            yield finding(
                "ND30-QH-06",
                "E",
                "có dòng trống giữa Quốc hiệu và Tiêu ngữ",
                "Tiêu ngữ",
                tn,
                "liền nhau",
                f"{len(between)} dòng trống",
            )
    width = text_width(TIEU_NGU, tn.size or 13, True)
    yield from _rule_line(parts.rule_tieu_ngu, width, "ND30-QH-05", "Tiêu ngữ", tn, full=True)


def co_quan(ctx: Context) -> Iterator[Finding]:
    """ND30-CQ-03..05: the superior agency, the issuing agency and the rule under it."""
    parts = ctx.parts
    if parts.quoc_hieu is None:
        return
    if not parts.co_quan:
        yield finding(
            "ND30-CQ-04",
            "E",
            "không tìm thấy tên cơ quan ban hành",
            "Cơ quan ban hành",
            expected="tên cơ quan, in hoa, đậm",
            actual="không có",
            at="trang 1, bên trái",
        )
        return
    for para in parts.chu_quan:
        yield from _format(para, "Cơ quan chủ quản", "ND30-CQ-03", (12, 13, 12.5), bold=False, caps=True, center=True)
    for para in parts.co_quan:
        yield from _format(para, "Cơ quan ban hành", "ND30-CQ-04", (12, 13, 12.5), bold=True, caps=True, center=True)
    longest = max(parts.co_quan, key=lambda p: text_width(clean(p.text), p.size or 13, True))
    length = _line_length(ctx, longest, 13)
    found = list(
        _rule_line(parts.rule_co_quan, length, "ND30-CQ-05", "cơ quan ban hành", parts.co_quan[-1], full=False)
    )
    if len(parts.co_quan) > 1:
        found = [
            f
            if f.message.startswith("thiếu")
            else Finding(f.rule, "W", f.message, f.component, f.where, f.expected, f.actual)
            for f in found
        ]
    yield from found


_GROUP_RE = re.compile(r"^[A-ZĐ0-9][A-Za-zĐđ0-9&.]*$")


def so_ky_hieu(ctx: Context) -> Iterator[Finding]:
    """ND30-SO-01..09: ``Số: 19/KH-SKHCN``, the type code, padding and draft blanks."""
    para = ctx.parts.so
    if para is None:
        if ctx.parts.quoc_hieu is not None:
            yield finding(
                "ND30-SO-01",
                "E",
                "không tìm thấy số, ký hiệu (Số: …)",
                "Số, ký hiệu",
                expected="Số: 01/KH-…",
                actual="không có",
                at="trang 1, bên trái",
            )
        return
    text = clean(para.text)
    if not text.startswith("Số:"):
        yield finding(
            "ND30-SO-01",
            "E",
            "phải viết 'Số:' (chữ thường, có dấu hai chấm)",
            "Số, ký hiệu",
            para,
            "Số:",
            text.split("/")[0],
            fixable=True,
        )
    match = re.match(r"^S[ốỐ]\s*[:.]?\s*(?P<so>[^/]*?)\s*/\s*(?P<ky_hieu>.*)$", text, re.IGNORECASE)
    yield from _format(para, "Số, ký hiệu", "ND30-SO-01", (13,), bold=False, center=False)
    if para.jc != "center":
        yield finding(
            "ND30-SO-08",
            "E",
            "số, ký hiệu phải căn giữa dưới tên cơ quan",
            "Số, ký hiệu",
            para,
            "căn giữa",
            para.jc or "trái",
            fixable=True,
        )
    if not match:
        yield finding(
            "ND30-SO-03", "E", "số và ký hiệu phải cách nhau bằng '/'", "Số, ký hiệu", para, "Số: 19/KH-SKHCN", text
        )
        return
    number, ky_hieu = match["so"].strip(" _.…"), match["ky_hieu"].strip()
    if not number:
        severity = "I" if ctx.draft else "E"
        yield finding(
            "ND30-SO-09",
            severity,
            "dự thảo: số để trống cho văn thư ghi" if ctx.draft else "chưa có số văn bản",
            "Số, ký hiệu",
            para,
            "số",
            "để trống",
        )
    elif not number.isdigit():
        yield finding("ND30-SO-02", "E", "số văn bản phải là chữ số Ả Rập", "Số, ký hiệu", para, "01, 02, …", number)
    elif int(number) < 10 and not number.startswith("0"):
        yield finding(
            "ND30-SO-02",
            "E",
            "số nhỏ hơn 10 phải thêm số 0 phía trước",
            "Số, ký hiệu",
            para,
            f"0{number}",
            number,
            fixable=True,
        )
    if re.search(r"\s", ky_hieu) or re.search(r"/\s", text):
        yield finding(
            "ND30-SO-03", "E", "ký hiệu không được có dấu cách", "Số, ký hiệu", para, ky_hieu.replace(" ", ""), ky_hieu
        )
    groups = [g for g in re.split(r"\s*-\s*", ky_hieu) if g]
    if any(not _GROUP_RE.match(g) for g in groups) or len(groups) < 2:
        yield finding(
            "ND30-SO-03",
            "E",
            "ký hiệu phải gồm các nhóm chữ viết tắt nối bằng '-'",
            "Số, ký hiệu",
            para,
            "KH-SKHCN",
            ky_hieu,
        )
    if "CV" in groups:
        yield finding(
            "ND30-SO-05",
            "E",
            "'CV' không phải chữ viết tắt loại văn bản theo Nghị định 30",
            "Số, ký hiệu",
            para,
            "cơ quan-đơn vị soạn thảo",
            ky_hieu,
        )
    kind = ctx.parts.kind
    if kind and groups:
        rule = {"KH": "ND30-KH-01", "BC": "ND30-BC-01"}.get(kind, "ND30-SO-04")
        if groups[0] != kind:
            yield finding(
                rule,
                "E",
                f"ký hiệu phải bắt đầu bằng {kind}- cho đúng tên loại",
                "Số, ký hiệu",
                para,
                f"{kind}-…",
                ky_hieu,
            )
        elif len(groups) > 2:
            yield finding(
                "ND30-SO-07",
                "W",
                "ký hiệu có nhóm thứ ba, Nghị định 30 không quy định",
                "Số, ký hiệu",
                para,
                f"{kind}-<cơ quan>",
                ky_hieu,
            )


_DATE_STRICT = re.compile(r"^(?P<place>[^,]+), ngày (?P<d>\S+) tháng (?P<m>\S+) năm (?P<y>\d{4})$")


def dia_danh_ngay(ctx: Context) -> Iterator[Finding]:
    """ND30-DD-01..03, 06: ``Lạng Sơn, ngày 05 tháng 3 năm 2024`` in italics; blanks in a draft."""
    para = ctx.parts.ngay
    if para is None:
        if ctx.parts.quoc_hieu is not None:
            yield finding(
                "ND30-DD-01",
                "E",
                "không tìm thấy địa danh và ngày ban hành",
                "Địa danh, ngày",
                expected="<Địa danh>, ngày … tháng … năm …",
                actual="không có",
                at="trang 1, bên phải",
            )
        return
    text = clean(para.text)
    yield from _format(para, "Địa danh, ngày", "ND30-DD-03", (13, 14, 13.5), bold=False, italic=True, center=True)
    blank = re.match(r"^(?P<place>[^,]+), ngày\s*(?P<d>\d*)\s*tháng\s*(?P<m>\d*)\s*năm\s*(?P<y>\d{4})$", text)
    if blank and (not blank["d"] or not blank["m"]):
        severity = "I" if ctx.draft else "E"
        yield finding(
            "ND30-DD-06",
            severity,
            "dự thảo: ngày tháng để trống" if ctx.draft else "ngày ban hành còn để trống",
            "Địa danh, ngày",
            para,
            "ngày, tháng",
            "để trống",
        )
        return
    match = _DATE_STRICT.match(text)
    if not match:
        yield finding(
            "ND30-DD-01",
            "E",
            "phải ghi đủ '<Địa danh>, ngày … tháng … năm …' bằng chữ số Ả Rập",
            "Địa danh, ngày",
            para,
            "Lạng Sơn, ngày 05 tháng 3 năm 2024",
            text,
        )
        return
    day, month = match["d"], match["m"]
    if not (day.isdigit() and month.isdigit()):
        yield finding(
            "ND30-DD-01", "E", "ngày, tháng phải là chữ số Ả Rập", "Địa danh, ngày", para, "05, 3", f"{day}, {month}"
        )
        return
    good_day = f"{int(day):02d}"
    good_month = f"{int(month):02d}" if int(month) < 3 else str(int(month))
    if not 1 <= int(day) <= 31 or not 1 <= int(month) <= 12:
        yield finding(
            "ND30-DD-01",
            "E",
            "ngày hoặc tháng không tồn tại",
            "Địa danh, ngày",
            para,
            "ngày 01–31, tháng 1–12",
            f"{day}/{month}",
        )
    elif day != good_day or month != good_month:
        yield finding(
            "ND30-DD-02",
            "E",
            "ngày dưới 10 và tháng 1, 2 thêm số 0; tháng 3–12 không thêm",
            "Địa danh, ngày",
            para,
            f"ngày {good_day} tháng {good_month}",
            f"ngày {day} tháng {month}",
            fixable=True,
        )
    place = match["place"]
    if not all(word[:1].isupper() or not word[:1].isalpha() for word in place.split()):
        yield finding(
            "ND30-DD-03",
            "W",
            "chữ cái đầu mỗi âm tiết của địa danh phải viết hoa",
            "Địa danh, ngày",
            para,
            place.title(),
            place,
        )


def ten_loai_trich_yeu(ctx: Context) -> Iterator[Finding]:
    """ND30-TL-01..03: tên loại, trích yếu and the rule under them."""
    parts = ctx.parts
    if parts.ten_loai is None:
        if parts.quoc_hieu is not None and not any(clean(p.text).startswith("V/v") for p in parts.left):
            yield finding(
                "ND30-TL-01",
                "E",
                "không tìm thấy tên loại văn bản (KẾ HOẠCH, BÁO CÁO, …)",
                "Tên loại",
                expected="KẾ HOẠCH / BÁO CÁO / …",
                actual="không có",
                at="sau phần đầu trang 1",
            )
        return
    yield from _format(parts.ten_loai, "Tên loại", "ND30-TL-01", (13, 14, 13.5), bold=True, caps=True, center=True)
    if not parts.trich_yeu:
        yield finding(
            "ND30-TL-02",
            "E",
            "không tìm thấy trích yếu dưới tên loại",
            "Trích yếu",
            parts.ten_loai,
            "một dòng trích yếu, đậm, căn giữa",
            "không có",
        )
        return
    for para in parts.trich_yeu:
        yield from _format(para, "Trích yếu", "ND30-TL-02", (13, 14, 13.5), bold=True, center=True)
    if clean(parts.trich_yeu[0].text).startswith("V/v"):
        yield finding(
            "ND30-TL-02",
            "E",
            "trích yếu của văn bản có tên loại không ghi 'V/v'",
            "Trích yếu",
            parts.trich_yeu[0],
            "không có V/v",
            "V/v …",
        )
    if all(is_upper(p.text) for p in parts.trich_yeu):
        yield finding(
            "ND30-TL-02",
            "E",
            "trích yếu viết chữ thường (chỉ hoa chữ đầu)",
            "Trích yếu",
            parts.trich_yeu[0],
            "chữ thường",
            "IN HOA",
        )
    longest = max(parts.trich_yeu, key=lambda p: text_width(clean(p.text), p.size or 14, True))
    length = _line_length(ctx, longest, 14)
    found = list(_rule_line(parts.rule_trich_yeu, length, "ND30-TL-03", "trích yếu", parts.trich_yeu[-1], full=False))
    if len(parts.trich_yeu) > 1:
        found = [
            f
            if f.message.startswith("thiếu")
            else Finding(f.rule, "W", f.message, f.component, f.where, f.expected, f.actual)
            for f in found
        ]
    yield from found


def kinh_gui(ctx: Context) -> Iterator[Finding]:
    """ND30-KG-01..04 / ND30-BC-02: Kính gửi of a report; not on a plan."""
    parts = ctx.parts
    lines = parts.kinh_gui
    if not lines:
        if parts.kind == "BC":
            yield finding(
                "ND30-KG-01",
                "I",
                "báo cáo không có 'Kính gửi:' (cần khi gửi cấp trên)",
                "Kính gửi",
                parts.ten_loai,
                "Kính gửi: …",
                "không có",
            )
        return
    if parts.kind == "KH":
        yield finding("ND30-KG-01", "W", "kế hoạch không dùng 'Kính gửi'", "Kính gửi", lines[0], "không có", "Kính gửi")
    first = lines[0]
    if not clean(first.text).startswith("Kính gửi:"):
        yield finding(
            "ND30-KG-02",
            "E",
            "phải viết 'Kính gửi:' có dấu hai chấm",
            "Kính gửi",
            first,
            "Kính gửi:",
            snippet(first, 12),
        )
    for para in lines:
        yield from _format(para, "Kính gửi", "ND30-KG-02", (13, 14, 13.5), bold=None, italic=False)
    items = [clean(p.text) for p in lines[1:]]
    if items:
        for index, item in enumerate(items):
            end = "." if index == len(items) - 1 else ";"
            if not item.startswith("-") or not item.endswith(end):
                yield finding(
                    "ND30-KG-03",
                    "E",
                    f"mỗi nơi nhận một dòng, bắt đầu '-' và kết thúc '{end}'",
                    "Kính gửi",
                    lines[index + 1],
                    f"- …{end}",
                    item,
                )
    first_recipient = clean(parts.noi_nhan[0].text) if parts.noi_nhan else ""
    if parts.noi_nhan and not first_recipient.startswith("- Như trên"):
        rule = "ND30-BC-02" if parts.kind == "BC" else "ND30-NN-05"
        yield finding(
            rule,
            "E",
            "có 'Kính gửi' thì dòng đầu nơi nhận là '- Như trên;'",
            "Nơi nhận",
            parts.noi_nhan[0],
            "- Như trên;",
            first_recipient,
        )


# --- 4. Body ----------------------------------------------------------------------------------
_HEADING_RES = {name: HEADINGS[name] for name in ("muc", "khoan", "khoan_con", "diem", "phan")}
DIEM_ORDER = "a b c d đ e g h i k l m n o p q r s t u v x y".split()


def heading_kind(para: Para) -> str | None:
    text = clean(para.full_text)
    for name, pattern in _HEADING_RES.items():
        if pattern.match(text):
            return name
    return None


def prose_of(parts: Components) -> list[Para]:
    return [p for p in parts.body if p.table is None and p.place == "body" and clean(p.text) and not p.sect_pr]


def _report(
    items: list[Para],
    rule: str,
    severity: str,
    message: str,
    expected: str,
    actual: Callable[[Para], object],
    fixable: bool = False,
) -> Iterator[Finding]:
    if items:
        count = f"{len(items)} đoạn: " if len(items) > 1 else ""
        yield finding(
            rule, severity, f"{count}{message}", "Nội dung", items[0], expected, actual(items[0]), fixable=fixable
        )


def noi_dung(ctx: Context) -> Iterator[Finding]:
    """ND30-ND-01..06: body size, justification, first-line indent, spacing, line spacing, ending."""
    prose = prose_of(ctx.parts)
    if not prose:
        if ctx.parts.ten_loai is not None:
            yield finding(
                "ND30-ND-01",
                "E",
                "không tìm thấy nội dung văn bản",
                "Nội dung",
                ctx.parts.ten_loai,
                "nội dung",
                "không có",
            )
        return
    plain = [p for p in prose if heading_kind(p) not in ("muc", "phan") and not is_note(p)]
    yield from _report(
        [p for p in prose if (p.sizes - {None}) - {13, 14, 13.5}],
        "ND30-ND-01",
        "E",
        "cỡ chữ nội dung phải 13–14 pt",
        "13–14 pt",
        lambda p: ", ".join(pt(s) for s in sorted(p.sizes - {None})),
        fixable=True,
    )
    yield from _report(
        [p for p in plain if p.jc not in ("both",) and heading_kind(p) is None],
        "ND30-ND-01",
        "E",
        "nội dung phải căn đều hai bên",
        "căn đều hai bên",
        lambda p: p.jc or "căn trái",
        fixable=True,
    )
    yield from _report(
        [
            p
            for p in plain
            if p.italic and not is_can_cu(p) and heading_kind(p) is None and not clean(p.text).startswith("(")
        ],
        "ND30-ND-01",
        "W",
        "đoạn nội dung in nghiêng toàn bộ",
        "chữ đứng",
        lambda p: "nghiêng",
    )
    bad_indent = [
        p
        for p in plain
        if heading_kind(p) is None
        and not (p.hanging == 0 and (abs(p.first_line - 567) <= 28 or abs(p.first_line - 720) <= 28))
    ]
    yield from _report(
        bad_indent,
        "ND30-ND-02",
        "E",
        "thụt đầu dòng phải 1 cm hoặc 1,27 cm",
        "1 cm hoặc 1,27 cm",
        lambda p: f"treo {p.hanging / 567:.2f} cm" if p.hanging else f"{p.first_line / 567:.2f} cm",
        fixable=True,
    )
    tight = []
    for before, after in zip(prose, prose[1:], strict=False):
        gap = before.after + after.before
        if before.contextual and after.contextual and before.style_id == after.style_id:
            gap = 0
        if gap < 119:
            tight.append(after)
    yield from _report(
        tight,
        "ND30-ND-03",
        "E",
        "khoảng cách giữa các đoạn phải từ 6 pt",
        "≥ 6 pt",
        lambda p: "nhỏ hơn 6 pt",
        fixable=True,
    )
    spacing = []
    for p in prose:
        size = p.size or 14
        if p.line is None:
            continue
        if p.line_rule == "auto":
            if not 240 - 6 <= p.line <= 360 + 6:
                spacing.append((p, "E", f"{p.line / 240:.2f} dòng"))
        else:
            single = size * 20 * 1.15
            ratio = p.line / single
            if p.line_rule == "atLeast" and ratio < 1.0:
                continue  # "at least" a smaller height is simply single spacing
            if ratio < 0.90 or ratio > 1.55:
                spacing.append((p, "E", f"{p.line / 20:g} pt ({p.line_rule})"))
            elif ratio < 1.0:
                spacing.append((p, "W", f"{p.line / 20:g} pt ({p.line_rule})"))
    for severity in ("E", "W"):
        chosen = [p for p, s, _ in spacing if s == severity]
        yield from _report(
            chosen,
            "ND30-ND-04",
            severity,
            "giãn dòng phải từ một dòng đến 1,5 dòng",
            "1–1,5 dòng",
            lambda p: next(a for q, _, a in spacing if q is p),
            fixable=True,
        )
    sizes = {p.size for p in plain if p.size}
    if len(sizes) > 1:
        yield finding(
            "ND30-ND-05",
            "W",
            "nội dung dùng nhiều cỡ chữ",
            "Nội dung",
            plain[0],
            "một cỡ chữ",
            ", ".join(pt(s) for s in sorted(sizes)),
        )
    last = prose[-1]
    if not clean(last.text).endswith("./."):
        yield finding(
            "ND30-ND-06", "W", "nội dung nên kết thúc bằng './.'", "Nội dung", last, "…./.", clean(last.text)[-12:]
        )


def is_note(para: Para) -> bool:
    """A centred note in brackets, such as (Phân công nhiệm vụ theo Phụ lục đính kèm)."""
    text = clean(para.text)
    return text.startswith("(") and text.endswith(")") and para.jc == "center"


def is_can_cu(para: Para) -> bool:
    return bool(re.match(r"^Căn cứ\b", clean(para.text))) and not clean(para.text).endswith(":")


def can_cu(ctx: Context) -> Iterator[Finding]:
    """ND30-CC-01: căn cứ lines in italics (W for plans and reports)."""
    lines = []
    for para in prose_of(ctx.parts)[:20]:
        if heading_kind(para):
            break
        if is_can_cu(para):
            lines.append(para)
    upright = [p for p in lines if not p.italic]
    severity = "W" if ctx.parts.kind in ("KH", "BC", None) else "E"
    yield from _report(
        upright, "ND30-CC-01", severity, "căn cứ nên in nghiêng", "nghiêng", lambda p: "đứng", fixable=True
    )


def headings(ctx: Context) -> Iterator[Finding]:
    """ND30-HD-02/03/05/08/09/10: mục I. IN HOA đậm, khoản 1. numbering, điểm a) letters in order."""
    prose = prose_of(ctx.parts)
    roman = 0
    khoan = 0
    diem: str | None = None
    for para in prose:
        text = clean(para.full_text)
        kind = heading_kind(para)
        if kind == "muc":
            number = _HEADING_RES["muc"].match(text)["n"]
            expected = la_ma(roman + 1)
            if number != expected:
                yield finding(
                    "ND30-HD-09", "E", "số mục La Mã phải liên tiếp", "Đề mục", para, f"{expected}.", f"{number}."
                )
            try:
                from ..text import tu_la_ma

                roman = tu_la_ma(number)
            except ValueError:
                roman += 1
            khoan, diem = 0, None
            title = text.split(".", 1)[1]
            if not is_upper(title):
                yield finding("ND30-HD-02", "E", "tên mục phải IN HOA", "Đề mục", para, "IN HOA", snippet(para, 30))
            if not para.bold:
                yield finding(
                    "ND30-HD-02", "E", "tên mục phải in đậm", "Đề mục", para, "đậm", "không đậm", fixable=True
                )
        elif kind == "khoan" and not re.match(r"^\d+\.\d", text):
            number = int(_HEADING_RES["khoan"].match(text)["n"])
            if number != khoan + 1 and not (khoan == 0 and number == 1):
                yield finding(
                    "ND30-HD-09",
                    "E",
                    "số khoản phải liên tiếp và bắt đầu lại từ 1 trong mỗi mục",
                    "Đề mục",
                    para,
                    f"{khoan + 1}.",
                    f"{number}.",
                )
            khoan, diem = number, None
        elif kind == "diem":
            letter = _HEADING_RES["diem"].match(text)["n"]
            wanted = DIEM_ORDER[DIEM_ORDER.index(diem) + 1] if diem in DIEM_ORDER[:-1] else "a"
            if letter != wanted:
                yield finding(
                    "ND30-HD-08",
                    "E",
                    "điểm phải theo thứ tự chữ cái tiếng Việt (a, b, c, d, đ, e, g, …)",
                    "Đề mục",
                    para,
                    f"{wanted})",
                    f"{letter})",
                )
            diem = letter
            if para.bold or para.italic:
                yield finding(
                    "ND30-HD-10",
                    "W",
                    "điểm a), b) nên để chữ đứng, không đậm",
                    "Đề mục",
                    para,
                    "đứng, thường",
                    "đậm" if para.bold else "nghiêng",
                )


# --- 5. Signature and recipients ---------------------------------------------------------------
_ACADEMIC_RE = re.compile(r"^(GS|PGS|TS|ThS|TSKH|BS|KS|CN)\.", re.IGNORECASE)


def chu_ky(ctx: Context) -> Iterator[Finding]:
    """ND30-CK-01..04, 08 and ND30-LAYOUT-03: quyền hạn, chức vụ, họ tên, in the right block."""
    parts = ctx.parts
    if not parts.chuc_vu:
        if parts.ten_loai is not None or parts.noi_nhan_label is not None:
            yield finding(
                "ND30-CK-02",
                "E",
                "không tìm thấy chức vụ người ký",
                "Chữ ký",
                parts.noi_nhan_label,
                "GIÁM ĐỐC / KT. GIÁM ĐỐC …",
                "không có",
                at="" if parts.noi_nhan_label else "cuối văn bản",
            )
        return
    for para in parts.chuc_vu:
        text = clean(para.text)
        match = re.match(r"^(TM|KT|Q|TL|TUQ)\s*\.(\s*)(\S)", text, re.IGNORECASE)
        if match and (match[1] not in ("TM", "KT", "Q", "TL", "TUQ") or match[2] != " "):
            yield finding(
                "ND30-CK-01",
                "E",
                "quyền hạn phải viết 'TM. ', 'KT. ', 'Q. ', 'TL. ', 'TUQ. ' (hoa, dấu chấm, dấu cách)",
                "Chữ ký",
                para,
                f"{match[1].upper()}. …",
                text[: len(match[0]) + 6],
            )
        yield from _format(para, "Chức vụ người ký", "ND30-CK-02", (13, 14, 13.5), bold=True, caps=True, center=True)
    if parts.ho_ten is None:
        yield finding(
            "ND30-CK-03",
            "I" if ctx.draft else "W",
            "chưa có họ tên người ký",
            "Chữ ký",
            parts.chuc_vu[-1],
            "Họ và tên",
            "không có",
        )
    else:
        yield from _format(parts.ho_ten, "Họ tên người ký", "ND30-CK-03", (13, 14, 13.5), bold=True, center=True)
        if _ACADEMIC_RE.match(clean(parts.ho_ten.text)):
            yield finding(
                "ND30-CK-04",
                "W",
                "không ghi học hàm, học vị trước họ tên người ký",
                "Chữ ký",
                parts.ho_ten,
                "Họ và tên",
                snippet(parts.ho_ten, 20),
            )
    for para in parts.signature_other:
        if re.match(r"^\((Chữ ký|Ký|ký),?", clean(para.text)):
            yield finding(
                "ND30-CK-08",
                "W",
                "còn dòng hướng dẫn của mẫu trong văn bản",
                "Chữ ký",
                para,
                "xóa dòng hướng dẫn",
                snippet(para),
            )
    if parts.signature is not None and parts.noi_nhan_label is not None and parts.noi_nhan_label.table:
        sign_cell = parts.chuc_vu[0].table[2] if parts.chuc_vu[0].table else None
        if sign_cell is not None and sign_cell < parts.noi_nhan_label.table[2]:
            yield finding(
                "ND30-LAYOUT-03",
                "E",
                "chữ ký phải ở bên phải, nơi nhận bên trái",
                "Chữ ký",
                parts.chuc_vu[0],
                "chữ ký bên phải",
                "bên trái",
            )


def noi_nhan(ctx: Context) -> Iterator[Finding]:
    """ND30-NN-01..04: ``Nơi nhận:`` 12 pt bold italic; items 11 pt; last item ``- Lưu: VT, ….``."""
    parts = ctx.parts
    label = parts.noi_nhan_label
    if label is None:
        if parts.ten_loai is not None:
            yield finding(
                "ND30-NN-01",
                "E",
                "không tìm thấy 'Nơi nhận:'",
                "Nơi nhận",
                expected="Nơi nhận:",
                actual="không có",
                at="cuối văn bản",
            )
        return
    if clean(label.text) != "Nơi nhận:":
        yield finding(
            "ND30-NN-01",
            "E",
            "phải ghi 'Nơi nhận:' (có dấu hai chấm)",
            "Nơi nhận",
            label,
            "Nơi nhận:",
            clean(label.text),
        )
    yield from _format(label, "Nhãn 'Nơi nhận'", "ND30-NN-01", (12,), bold=True, italic=True)
    items = parts.noi_nhan
    if not items:
        yield finding(
            "ND30-NN-04", "E", "nơi nhận không có dòng nào", "Nơi nhận", label, "- …; - Lưu: VT, ….", "không có"
        )
        return
    yield from _grouped(
        f for para in items for f in _format(para, "Nơi nhận", "ND30-NN-02", (11,), bold=False, italic=False)
    )
    texts = [clean(p.text) for p in items]
    for index, (para, text) in enumerate(zip(items[:-1], texts[:-1], strict=False)):
        starts_item = text.startswith("-")
        continues = index > 0 and not texts[index - 1].endswith(";")
        if not starts_item and not continues:
            yield finding("ND30-NN-03", "E", "mỗi nơi nhận bắt đầu bằng '-'", "Nơi nhận", para, "- …;", text)
        elif starts_item and not text.endswith(";") and texts[index + 1].startswith("-"):
            yield finding("ND30-NN-03", "E", "mỗi nơi nhận kết thúc bằng ';'", "Nơi nhận", para, "- …;", text)
    last = texts[-1]
    if not re.match(r"^- Lưu: VT(, .+)?\.$", last):
        message = "dòng cuối phải là '- Lưu: VT, <đơn vị soạn thảo>.'"
        if last.startswith("- Lưu") and not last.endswith("."):
            message = "dòng Lưu phải kết thúc bằng dấu chấm"
        yield finding("ND30-NN-04", "E", message, "Nơi nhận", items[-1], "- Lưu: VT, <đơn vị>.", last)
    elif last == "- Lưu: VT.":
        yield finding(
            "ND30-NN-04", "W", "dòng Lưu nên ghi đơn vị soạn thảo", "Nơi nhận", items[-1], "- Lưu: VT, <đơn vị>.", last
        )


# --- 5.7 Appendix, 8. plan and report --------------------------------------------------------
def phu_luc(ctx: Context) -> Iterator[Finding]:
    """ND30-PL-02..04: ``Phụ lục`` label, title IN HOA, the (Kèm theo …) line in italics."""
    paragraphs = ctx.parts.appendix
    labels = [p for p in paragraphs if re.match(r"^PHỤ LỤC\b", key(p.text))]
    for label in labels:
        position = paragraphs.index(label)
        text = clean(label.text)
        if is_upper(text):
            yield finding(
                "ND30-PL-02",
                "E",
                "chữ 'Phụ lục' viết thường (chỉ hoa chữ P)",
                "Phụ lục",
                label,
                "Phụ lục",
                text,
            )
        yield from _format(label, "Phụ lục", "ND30-PL-02", (14,), bold=True, center=True)
        rest = [p for p in paragraphs[position + 1 : position + 5] if clean(p.text)]
        if rest and is_upper(rest[0].text):
            yield from _format(rest[0], "Tên phụ lục", "ND30-PL-03", (13, 14, 13.5), bold=True, caps=True, center=True)
            rest = rest[1:]
        if rest and clean(rest[0].text).startswith("("):
            yield from _format(
                rest[0], "Dòng kèm theo của phụ lục", "ND30-PL-04", (13, 14, 13.5), bold=False, italic=True, center=True
            )


def ke_hoach_bao_cao(ctx: Context) -> Iterator[Finding]:
    """ND30-KH-03 (a plan has TỔ CHỨC THỰC HIỆN) and ND30-BC-03 (a report names its period)."""
    parts = ctx.parts
    if parts.kind == "KH" and not any("TỔ CHỨC THỰC HIỆN" in key(p.full_text) for p in parts.body):
        yield finding(
            "ND30-KH-03",
            "I",
            "kế hoạch chưa có mục TỔ CHỨC THỰC HIỆN",
            "Nội dung",
            parts.ten_loai,
            "TỔ CHỨC THỰC HIỆN",
            "không có",
        )
    if parts.kind == "BC" and parts.trich_yeu:
        summary = " ".join(clean(p.text) for p in parts.trich_yeu).lower()
        if not re.search(r"tháng|quý|năm|định kỳ", summary):
            yield finding(
                "ND30-BC-03",
                "I",
                "trích yếu báo cáo nên nêu kỳ báo cáo",
                "Trích yếu",
                parts.trich_yeu[0],
                "tháng/quý/6 tháng/năm …",
                snippet(parts.trich_yeu[0]),
            )


RULES: tuple[Callable[[Context], Iterator[Finding]], ...] = (
    page_size,
    page_margins,
    fonts_and_text,
    page_numbers,
    appendix_numbering,
    quoc_hieu,
    co_quan,
    so_ky_hieu,
    dia_danh_ngay,
    ten_loai_trich_yeu,
    kinh_gui,
    can_cu,
    noi_dung,
    headings,
    chu_ky,
    noi_nhan,
    phu_luc,
    ke_hoach_bao_cao,
)


def run_rules(doc: DocView, parts: Components, draft: bool) -> Iterator[Finding]:
    ctx = Context(doc, parts, draft)
    for rule in RULES:
        yield from rule(ctx)


__all__ = ["RULES", "Context", "run_rules"]
