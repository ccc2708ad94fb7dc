"""Spec §1 (ND30-PAGE): paper, orientation, margins, font and colour, page numbers."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from .._docx import DocView, Para, Table, w
from .._docx.values import Section
from .._metrics import text_width
from .._nd30 import A4, FONT, MARGIN, MARGIN_TOLERANCE, MARGINS, PAGE_TOLERANCE
from .._parts import clean
from ..text import legacy_encoding
from . import edits
from .core import Context, Finding, Severity, finding, format_findings, rule

LEGACY_FONTS = (".VN", "VNI", "VN-")
SYMBOL_FONTS = ("WINGDINGS", "WEBDINGS", "SYMBOL", "MARLETT", "ZAPF")


def _section_at(section: Section) -> str:
    return f"phần (section) {section.index + 1}"


def _by_sections(findings: list[Finding]) -> Iterator[Finding]:
    """The same fault in several sections, reported once with the list of sections."""
    groups: dict[tuple[str, str, str, str], list[Finding]] = {}
    for item in findings:
        groups.setdefault((item.rule, item.severity, item.message, item.actual), []).append(item)
    for items in groups.values():
        first = items[0]
        numbers = ", ".join(item.where.rsplit(" ", 1)[-1] for item in items)
        yield Finding(
            first.rule, first.severity, first.message, first.component, f"phần (section) {numbers}",
            first.expected, first.actual, count=len(items), targets=tuple(t for i in items for t in i.targets),
            data=first.data,
        )  # fmt: skip


# --- ND30-PAGE-01, 02 -------------------------------------------------------------------------------
@rule("ND30-PAGE-01", "E", "Trang", "Khổ giấy A4 (210 × 297 mm)", "PL I-I.I.1")
def page_size(ctx: Context) -> Iterator[Finding]:
    found = []
    for section in ctx.doc.sections:
        if section.element is None:
            continue
        if section.width is None or section.height is None:
            found.append(
                finding(
                    "ND30-PAGE-01",
                    "không khai báo khổ giấy",
                    None,
                    "A4 210 × 297 mm",
                    "không rõ",
                    at=_section_at(section),
                    targets=[section],
                )
            )
            continue
        short, long_ = sorted((section.width, section.height))
        if abs(short - A4[0]) > PAGE_TOLERANCE or abs(long_ - A4[1]) > PAGE_TOLERANCE:
            found.append(
                finding(
                    "ND30-PAGE-01",
                    "khổ giấy phải là A4",
                    None,
                    "A4 210 × 297 mm",
                    f"{short / 56.693:.0f} × {long_ / 56.693:.0f} mm",
                    at=_section_at(section),
                    targets=[section],
                )
            )
    yield from _by_sections(found)


@page_size.fixer()
def _fix_page_size(ctx: Context, found: Finding) -> list[str]:
    return [edits.page_size(ctx.doc, section) for section in found.targets]


@rule("ND30-PAGE-02", "E", "Trang", "Trang dọc; trang ngang chỉ cho phần có bảng", "PL I-I.I.2")
def orientation(ctx: Context) -> Iterator[Finding]:
    found = []
    for section in ctx.doc.sections:
        if not section.landscape or section.element is None:
            continue
        if section.index == 0:
            found.append(
                finding(
                    "ND30-PAGE-02",
                    "trang đầu văn bản phải khổ dọc",
                    None,
                    "dọc",
                    "ngang",
                    at=_section_at(section),
                    targets=[section],
                )
            )
        elif not section.has_table:
            found.append(
                finding(
                    "ND30-PAGE-02",
                    "trang ngang chỉ dùng cho bảng, mà phần này không có bảng",
                    None,
                    "dọc",
                    "ngang",
                    severity="W",
                    at=_section_at(section),
                    targets=[section],
                )
            )
    yield from _by_sections(found)


@orientation.fixer(applies=lambda ctx, found: found.severity == "E")
def _fix_orientation(ctx: Context, found: Finding) -> list[str]:
    return [edits.portrait(ctx.doc, section) for section in found.targets]


# --- ND30-PAGE-03 --------------------------------------------------------------------------------------
_SIDE_NAMES = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}


def _wrong_margins(margins: dict[str, int], mapping: dict[str, str]) -> list[str]:
    wrong = []
    for side, (low, high) in MARGINS.items():
        value = margins.get(mapping[side])
        if value is None or not low - MARGIN_TOLERANCE <= value <= high + MARGIN_TOLERANCE:
            wrong.append(side)
    return wrong


@rule("ND30-PAGE-03", "E", "Trang", "Lề trên, dưới 20–25 mm; trái 30–35 mm; phải 15–20 mm", "PL I-I.I.3")
def margins(ctx: Context) -> Iterator[Finding]:
    found = []
    for section in ctx.doc.sections:
        if section.element is None:
            continue
        wrong = _wrong_margins(section.margins, {s: s for s in MARGINS})
        if wrong and section.landscape:  # a landscape page turned from portrait: the binding margin is at the top
            rotated = _wrong_margins(
                section.margins, {"left": "top", "right": "bottom", "top": "left", "bottom": "right"}
            )
            wrong = wrong if rotated else []
        for side in wrong:
            low, high = MARGINS[side]
            value = section.margins.get(side)
            found.append(finding(
                "ND30-PAGE-03", f"lề {_SIDE_NAMES[side]} ngoài khoảng cho phép", None,
                f"{low / 56.693:.0f}–{high / 56.693:.0f} mm",
                "không khai báo" if value is None else f"{value / 56.693:.1f} mm",
                at=_section_at(section), targets=[section], side=side,
            ))  # fmt: skip
        if section.margins.get("gutter"):
            found.append(
                finding(
                    "ND30-PAGE-03",
                    "có lề đóng gáy (gutter)",
                    None,
                    "0",
                    f"{section.margins['gutter'] / 56.693:.1f} mm",
                    severity="W",
                    at=_section_at(section),
                    targets=[section],
                    side="gutter",
                )
            )
    yield from _by_sections(found)


@margins.fixer()
def _fix_margins(ctx: Context, found: Finding) -> list[str]:
    side = found.value("side")
    return [edits.margin(ctx.doc, section, side, 0 if side == "gutter" else MARGIN[side]) for section in found.targets]


# --- ND30-PAGE-04 -----------------------------------------------------------------------------------------
def all_paragraphs(ctx: Context) -> list[Para]:
    seen: list[Para] = list(ctx.doc.paragraphs)
    for section in ctx.doc.sections:
        for part in (*section.headers.values(), *section.footers.values()):
            seen.extend(part.paragraphs)
    return list({id(p): p for p in seen}.values())


def _latin_font(run: object) -> str | None:
    fonts = getattr(run, "fonts", {})
    return fonts.get("hAnsi") or fonts.get("ascii")


@rule("ND30-PAGE-04", "E", "Phông chữ", "Phông Times New Roman, Unicode TCVN 6909:2001, chữ màu đen", "PL I-I.I.4")
def fonts(ctx: Context) -> Iterator[Finding]:
    legacy: dict[str, list[Para]] = {}
    wrong: dict[str, list[Para]] = {}
    colours: dict[str, list[Para]] = {}
    shaded: list[Para] = []
    decomposed: list[Para] = []
    encoded: dict[str, list[Para]] = {}
    for para in all_paragraphs(ctx):
        for run in para.visible_runs:
            name = _latin_font(run)
            if run.symbol or (name and name.upper().startswith(SYMBOL_FONTS)):
                continue  # a symbol (a check box, a bullet) is drawn from its own font
            if name and name != FONT:
                target = legacy if name.upper().startswith(LEGACY_FONTS) else wrong
                bucket = target.setdefault(name, [])
                if not bucket or bucket[-1] is not para:
                    bucket.append(para)
            if run.color and run.color.lower() not in ("auto", "000000"):
                bucket = colours.setdefault(run.color, [])
                if not bucket or bucket[-1] is not para:
                    bucket.append(para)
            if run.highlight and (not shaded or shaded[-1] is not para):
                shaded.append(para)
        if not unicodedata.is_normalized("NFC", para.text):
            decomposed.append(para)
        kind = legacy_encoding(para.text)
        if kind:
            encoded.setdefault(kind, []).append(para)
    for name, paras in legacy.items():
        yield finding(
            "ND30-PAGE-04",
            f"phông cũ '{name}' (TCVN3/VNI) ở {len(paras)} đoạn; phải dùng Times New Roman Unicode",
            paras[0],
            FONT,
            name,
            targets=paras,
            count=len(paras),
            aspect="legacy_font",
        )
    for name, paras in wrong.items():
        shown = name.replace("(theme ", "theo theme (")
        severity: Severity = "W" if name.startswith(FONT) else "E"
        yield finding(
            "ND30-PAGE-04",
            f"phông '{shown}' ở {len(paras)} đoạn; phải là Times New Roman",
            paras[0],
            FONT,
            shown,
            severity=severity,
            targets=paras,
            count=len(paras),
            aspect="font",
        )
    for kind, paras in encoded.items():
        yield finding(
            "ND30-PAGE-04",
            f"{len(paras)} đoạn có chữ mã {kind} cũ (không phải Unicode TCVN 6909:2001)",
            paras[0],
            "Unicode",
            kind,
            targets=paras,
            count=len(paras),
            aspect="encoding",
        )
    for colour, paras in colours.items():
        yield finding(
            "ND30-PAGE-04",
            f"chữ màu {colour} ở {len(paras)} đoạn; chữ phải màu đen",
            paras[0],
            "đen",
            colour,
            targets=paras,
            count=len(paras),
            aspect="colour",
        )
    if shaded:
        yield finding(
            "ND30-PAGE-04",
            f"{len(shaded)} đoạn có tô nền/đánh dấu màu",
            shaded[0],
            "không tô nền",
            "có tô nền",
            severity="W",
            targets=shaded,
            count=len(shaded),
            aspect="highlight",
        )
    if decomposed:
        yield finding(
            "ND30-PAGE-04",
            f"{len(decomposed)} đoạn dùng Unicode tổ hợp (NFD), nên dựng sẵn (NFC)",
            decomposed[0],
            "NFC",
            "NFD",
            severity="W",
            targets=decomposed,
            count=len(decomposed),
            aspect="nfc",
        )
    for num_font in _numbering_fonts(ctx):
        yield finding(
            "ND30-PAGE-04",
            f"ký hiệu đánh số tự động dùng phông '{num_font}'",
            None,
            FONT,
            num_font,
            at="numbering.xml",
            aspect="numbering",
            font=num_font,
        )


def _numbering_fonts(ctx: Context) -> set[str]:
    numbering = ctx.doc.styles.numbering
    if numbering is None or not any(p.label for p in ctx.doc.paragraphs):
        return set()
    found = set()
    for level in numbering.iter(w("lvl")):
        fmt = level.find(w("numFmt"))
        if fmt is not None and fmt.get(w("val")) == "bullet":
            continue  # a bullet is a symbol, drawn from its symbol font
        node = level.find(f"{w('rPr')}/{w('rFonts')}")
        for slot in ("ascii", "hAnsi"):
            name = node.get(w(slot)) if node is not None else None
            if name and name != FONT and not name.upper().startswith(SYMBOL_FONTS):
                found.add(name)
    return found


@fonts.fixer(applies=lambda ctx, found: found.value("aspect") in ("font", "colour", "nfc", "numbering"))
def _fix_fonts(ctx: Context, found: Finding) -> list[str]:
    aspect = found.value("aspect")
    if aspect == "nfc":
        return [edits.nfc(ctx.doc, para) for para in found.targets]
    if aspect == "numbering":
        return [edits.numbering_fonts(ctx.doc)]
    if aspect == "colour":
        return [edits.colour(ctx.doc, para) for para in found.targets]
    changes = [edits.fonts(ctx.doc, para) for para in found.targets]
    changes.append(edits.style_fonts(ctx.doc))
    return changes


# --- ND30-PAGE-05, 06, 07 ------------------------------------------------------------------------------------
def estimated_pages(doc: DocView) -> int:
    """Pages of the first section, estimated from text widths (Times New Roman metrics), spacing and page breaks."""
    section = doc.sections[0] if doc.sections else None
    if section is None or not section.width or not section.height:
        return 1
    height = section.height - section.margins.get("top", 1134) - section.margins.get("bottom", 1134)
    width = section.width - section.margins.get("left", 1701) - section.margins.get("right", 1134)
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


def _row_height(row: list, width: int) -> int:  # type: ignore[type-arg]
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
    single = size * 20 * 1.15
    line: float
    if para.line and para.line_rule == "exact":
        line = para.line
    elif para.line and para.line_rule == "atLeast":
        line = max(para.line, single)
    else:
        line = single * (para.line or 240) / 240
    return int(lines * line) + para.before + para.after


@rule("ND30-PAGE-05", "E", "Số trang", "Số trang từ trang 2, giữa lề trên, 13–14 pt, chữ đứng", "PL I-I.I.7")
def page_numbers(ctx: Context) -> Iterator[Finding]:
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
                "trang chẵn không có số trang (đầu trang chẵn thiếu trường PAGE)",
                None,
                "số trang ở mọi trang từ trang 2",
                "thiếu ở trang chẵn",
                at="đầu trang chẵn",
                aspect="even",
            )
    if not fields:
        if footer_fields:
            yield finding(
                "ND30-PAGE-05",
                "số trang đặt ở chân trang; phải ở giữa lề trên (đầu trang)",
                footer_fields[0],
                "đầu trang, giữa",
                "chân trang",
                aspect="footer",
            )
        elif long_document or any(s.headers for s in ctx.doc.sections):
            yield finding(
                "ND30-PAGE-05",
                "không có số trang (trường PAGE ở đầu trang)",
                None,
                "số trang từ trang 2, giữa lề trên",
                "không có",
                severity=None if long_document else "I",
                at="đầu trang",
                aspect="missing",
            )
        return
    if not section.title_page:
        yield finding(
            "ND30-PAGE-05",
            "trang 1 đang hiện số trang; số trang chỉ hiện từ trang 2",
            fields[0],
            "không số ở trang 1",
            "có số ở trang 1",
            aspect="first_page",
        )
    elif first is not None and first.page_fields:
        yield finding(
            "ND30-PAGE-05",
            "đầu trang của trang 1 có số trang",
            first.page_fields[0],
            "không số ở trang 1",
            "có số ở trang 1",
            aspect="first_header",
        )
    yield from format_findings(
        fields[0],
        ctx.format_of("so_trang"),
        "Số trang",
        {"size": "ND30-PAGE-05", "bold": "ND30-PAGE-05", "italic": "ND30-PAGE-05", "center": "ND30-PAGE-05"},
    )
    if section.page_start not in (None, 1):
        yield finding("ND30-PAGE-05", "số trang phải bắt đầu từ 1", fields[0], "1", section.page_start, aspect="start")
    if section.page_format not in (None, "decimal"):
        yield finding(
            "ND30-PAGE-05", "số trang phải là chữ số Ả Rập", fields[0], "1, 2, 3", section.page_format, aspect="format"
        )


def _page_number_fix_applies(ctx: Context, found: Finding) -> bool:
    aspect = found.value("aspect")
    if aspect in ("footer", "first_header"):
        return False  # moving the number would remove a field from the footer or the first page's header
    if aspect in ("size", "bold", "italic", "center"):
        return edits.format_applies(ctx, found)
    return True


@page_numbers.fixer(applies=_page_number_fix_applies)
def _fix_page_numbers(ctx: Context, found: Finding) -> list[str]:
    aspect = found.value("aspect")
    if aspect in ("size", "bold", "italic", "center"):
        return edits.format_paragraphs(ctx, found)
    return edits.page_numbers(ctx.doc, aspect)


@rule("ND30-PAGE-06", "E", "Phụ lục", "Phụ lục đánh số trang riêng, từ 1", "PL I-I.III.1.đ")
def appendix_pages(ctx: Context) -> Iterator[Finding]:
    labels = [p for p in ctx.parts.appendix if re.match(r"^PHỤ LỤC\b", clean(p.text).upper())]
    if not labels:
        return
    start = labels[0]
    section = ctx.doc.sections[min(start.section, len(ctx.doc.sections) - 1)]
    if start.section == 0:
        yield finding(
            "ND30-PAGE-06",
            "phụ lục không nằm trong phần (section) riêng nên không đánh số trang riêng",
            start,
            "phần riêng, đánh số từ 1",
            "chung với văn bản",
            aspect="same_section",
        )
    elif section.page_start != 1:
        yield finding(
            "ND30-PAGE-06",
            "phụ lục phải đánh số trang riêng, bắt đầu từ 1",
            start,
            "bắt đầu từ 1",
            "nối tiếp văn bản",
            targets=[section],
            aspect="restart",
        )


@appendix_pages.fixer(applies=lambda ctx, found: found.value("aspect") == "restart")
def _fix_appendix_pages(ctx: Context, found: Finding) -> list[str]:
    return [edits.restart_numbers(ctx.doc, section) for section in found.targets]


@rule(
    "ND30-PAGE-07",
    "W",
    "Số trang",
    "Số trang không kèm chữ hay dấu trang trí",
    "C (giá trị mẫu của Nghị định: 2, 7, 13)",
)
def page_number_decoration(ctx: Context) -> Iterator[Finding]:
    default = ctx.doc.sections[0].headers.get("default")
    if default is None or not default.page_fields:
        return
    shown = clean(default.page_fields[0].text)
    if re.search(r"[^\d\s]", shown):
        yield finding("ND30-PAGE-07", "số trang có thêm chữ hoặc dấu trang trí", default.page_fields[0], "2", shown)
