"""Spec §2–§3.4: the header block of page 1 (ND30-LAYOUT, ND30-QH, ND30-CQ, ND30-SO, ND30-DD)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .._metrics import rendered_width, text_width
from .._nd30 import QUOC_HIEU, TIEU_NGU
from .._parts import best_rule, clean, column_width, key
from . import edits
from .core import Context, Finding, finding, format_findings, rule, rule_line_finding


def _format_fix(rule_object: object) -> None:
    rule_object.fixer(applies=edits.format_applies)(lambda ctx, found: edits.format_paragraphs(ctx, found))  # type: ignore[attr-defined]


# --- layout ------------------------------------------------------------------------------------------
@rule(
    "ND30-LAYOUT-01", "E", "Bố cục", "Quốc hiệu, tên cơ quan, số, ngày, tên loại chỉ ở trang 1", "PL I-I.II.1.a, III.4"
)
def page_one_only(ctx: Context) -> Iterator[Finding]:
    agency = {key(p.text) for p in ctx.parts.co_quan if clean(p.text)}
    for section in ctx.doc.sections:
        for part in (*section.headers.values(), *section.footers.values()):
            for para in part.paragraphs:
                text = key(para.text)
                if text and (QUOC_HIEU in text or text in agency):
                    yield finding(
                        "ND30-LAYOUT-01",
                        "đầu/chân trang lặp lại thành phần của trang 1",
                        para,
                        "chỉ ở trang 1",
                        "lặp ở các trang",
                    )
                    return


@rule(
    "ND30-LAYOUT-02",
    "E",
    "Bố cục",
    "Quốc hiệu, ngày bên phải; tên cơ quan, số bên trái; số và ngày cùng dòng",
    "PL I-I.II.3.c, II.4.c",
)
def header_sides(ctx: Context) -> Iterator[Finding]:
    parts = ctx.parts
    qh = parts.quoc_hieu
    if parts.header is None or qh is None or qh.table is None:
        return
    column = qh.table[2]
    agency = next((p for p in parts.co_quan if p.table and p.table[0] == qh.table[0]), None)
    if agency is not None and agency.table is not None and agency.table[2] > column:
        yield finding(
            "ND30-LAYOUT-02", "tên cơ quan phải ở bên trái, Quốc hiệu bên phải", agency, "bên trái", "bên phải"
        )
    so, ngay = parts.so, parts.ngay
    if (
        so is not None
        and ngay is not None
        and so.table
        and ngay.table
        and so.table[0] == ngay.table[0]
        and so.table[2] > ngay.table[2]
    ):
        yield finding(
            "ND30-LAYOUT-02", "số, ký hiệu phải ở bên trái, địa danh và ngày bên phải", so, "bên trái", "bên phải"
        )


@rule("ND30-LAYOUT-04", "E", "Quốc hiệu", "Cột phải đủ rộng để Quốc hiệu trên một dòng", "PL I-I.II.1.c + X")
def quoc_hieu_width(ctx: Context) -> Iterator[Finding]:
    qh = ctx.parts.quoc_hieu
    if qh is None or not qh.cell_width or not qh.size:
        return
    needed = text_width(QUOC_HIEU, qh.size, True) + qh.ind_left + qh.ind_right
    if needed > qh.cell_width + 20:
        yield finding(
            "ND30-LAYOUT-04",
            "cột phải quá hẹp: Quốc hiệu bị xuống dòng",
            qh,
            f"≥ {needed / 567:.2f} cm",
            f"{qh.cell_width / 567:.2f} cm",
        )


@rule("ND30-LAYOUT-05", "E", "Địa danh, ngày", "Dòng địa danh và ngày tháng trên một dòng", "PL I-I.II.4.c + X")
def date_on_one_line(ctx: Context) -> Iterator[Finding]:
    para = ctx.parts.ngay
    if para is None or not ctx.parts.formatted:
        return
    room = column_width(ctx.doc, para) - para.ind_left - para.ind_right - max(para.first_line, 0)
    needed = rendered_width(para.text.strip(), para.size or 14, para.bold, para.italic)
    if "\n" in para.text.strip() or (room > 0 and needed > room + 10):
        yield finding(
            "ND30-LAYOUT-05",
            "dòng địa danh, ngày tháng bị xuống dòng",
            para,
            f"≤ {room / 567:.2f} cm (một dòng)",
            f"{needed / 567:.2f} cm",
        )


def wrapped(text: str, room: int, size: float, bold: bool) -> list[str]:
    """The lines Word makes of a text in a column ``room`` twips wide (greedy, at spaces)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size, bold) <= room:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def natural_break(before: str, after: str) -> bool:
    """A break a person makes: after a comma, or before a level word (TỈNH …) or a joining word (VÀ, CỦA …)."""
    from ..text import CAP_HANH_CHINH

    head = after.upper()
    return before.endswith((",", ";", ":")) or any(
        f"{head} ".startswith(f"{w} ") for w in (*CAP_HANH_CHINH, "VÀ", "CỦA", "VỀ", "THUỘC")
    )


@rule("ND30-LAYOUT-06", "W", "Tên cơ quan", "Tên cơ quan và trích yếu xuống dòng ở chỗ người viết ngắt", "C + X")
def natural_breaks(ctx: Context) -> Iterator[Finding]:
    if not ctx.parts.formatted:
        return
    for para in [*ctx.parts.chu_quan, *ctx.parts.co_quan]:
        room = int((column_width(ctx.doc, para) - para.ind_left - para.ind_right) * 1.05)  # the estimate errs wide
        lines = wrapped(clean(para.text), room, para.size or 13, para.bold) if room > 0 else []
        bad = [(a, b) for a, b in zip(lines, lines[1:], strict=False) if not natural_break(a, b)]
        if bad:
            shown = " / ".join(lines)
            yield finding(
                "ND30-LAYOUT-06",
                "tên cơ quan dài hơn cột nên tự xuống dòng giữa cụm từ; nên ngắt trước cấp hành chính hoặc sau dấu phẩy (ví dụ: ỦY BAN NHÂN DÂN / TỈNH …)",
                para,
                "ngắt dòng tự nhiên",
                shown,
            )
            return
    summary = ctx.parts.trich_yeu
    if len(summary) > 1 and len(clean(summary[-1].text).split()) == 1:
        yield finding(
            "ND30-LAYOUT-06",
            "trích yếu có dòng cuối chỉ một chữ",
            summary[-1],
            "ngắt ở ranh giới cụm từ",
            clean(summary[-1].text),
        )


# --- Quốc hiệu, Tiêu ngữ -------------------------------------------------------------------------------------
@rule("ND30-QH-01", "E", "Quốc hiệu", "Quốc hiệu: CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "PL I-I.II.1.a")
def quoc_hieu_words(ctx: Context) -> Iterator[Finding]:
    qh = ctx.parts.quoc_hieu
    if qh is None:
        if ctx.parts.ten_loai is not None or ctx.parts.co_quan:
            yield finding("ND30-QH-01", "không tìm thấy Quốc hiệu", None, QUOC_HIEU, "không có", at="trang 1")
        return
    if key(qh.text) != QUOC_HIEU:
        yield finding("ND30-QH-01", "Quốc hiệu sai chữ", qh, QUOC_HIEU, clean(qh.text))


@rule("ND30-QH-02", "E", "Quốc hiệu", "Quốc hiệu in hoa, 12–13 pt, đứng, đậm, căn giữa", "PL I-I.II.1.a")
def quoc_hieu_format(ctx: Context) -> Iterator[Finding]:
    if ctx.parts.quoc_hieu is not None:
        rules = dict.fromkeys(("size", "bold", "italic", "caps", "center"), "ND30-QH-02")
        yield from format_findings(ctx.parts.quoc_hieu, ctx.format_of("quoc_hieu"), "Quốc hiệu", rules)


_format_fix(quoc_hieu_format)


@rule(
    "ND30-QH-03",
    "E",
    "Tiêu ngữ",
    "Tiêu ngữ: Độc lập - Tự do - Hạnh phúc (gạch nối, một dấu cách mỗi bên)",
    "PL I-I.II.1.b",
)
def tieu_ngu_words(ctx: Context) -> Iterator[Finding]:
    qh, tn = ctx.parts.quoc_hieu, ctx.parts.tieu_ngu
    if qh is None:
        return
    if tn is None:
        yield finding("ND30-QH-03", "không tìm thấy Tiêu ngữ dưới Quốc hiệu", qh, TIEU_NGU, "không có")
        return
    text = clean(tn.text)
    allowed = ctx.profile.tieu_ngu if ctx.profile is not None else (TIEU_NGU,)
    if text not in allowed:
        dash = re.search("[\u2013\u2014]", tn.text)
        detail = "dùng gạch ngang dài (– —) thay cho dấu gạch nối '-'" if dash else "sai chữ, dấu hoặc khoảng trắng"
        yield finding("ND30-QH-03", f"Tiêu ngữ {detail}", tn, TIEU_NGU, text)


@rule("ND30-QH-04", "E", "Tiêu ngữ", "Tiêu ngữ 13–14 pt, đứng, đậm, căn giữa dưới Quốc hiệu", "PL I-I.II.1.b")
def tieu_ngu_format(ctx: Context) -> Iterator[Finding]:
    if ctx.parts.tieu_ngu is not None:
        rules = dict.fromkeys(("size", "bold", "italic", "center"), "ND30-QH-04")
        yield from format_findings(ctx.parts.tieu_ngu, ctx.format_of("tieu_ngu"), "Tiêu ngữ", rules)


_format_fix(tieu_ngu_format)


@rule("ND30-QH-05", "E", "Tiêu ngữ", "Đường kẻ liền dưới Tiêu ngữ, dài bằng Tiêu ngữ", "PL I-I.II.1.b")
def tieu_ngu_rule(ctx: Context) -> Iterator[Finding]:
    tn = ctx.parts.tieu_ngu
    if tn is None or not ctx.parts.formatted:
        return
    width = text_width(TIEU_NGU, tn.size or 13, True)
    line = best_rule(ctx.parts.rule_tieu_ngu, width, 1.0)
    if line is not None and not line.solid:
        yield finding("ND30-QH-05", "đường kẻ dưới Tiêu ngữ phải là nét liền", tn, "nét liền", "nét đứt")
    yield from rule_line_finding(
        "ND30-QH-05", line.length if line else None, width, "Tiêu ngữ", tn, full=True, drawn=line is not None
    )


@rule("ND30-QH-06", "E", "Tiêu ngữ", "Quốc hiệu và Tiêu ngữ liền nhau, không dòng trống", "PL I-I.II.1.c")
def no_blank_line(ctx: Context) -> Iterator[Finding]:
    parts = ctx.parts
    qh, tn = parts.quoc_hieu, parts.tieu_ngu
    if qh is None or tn is None or qh not in parts.right or tn not in parts.right:
        return
    between = parts.right[parts.right.index(qh) + 1 : parts.right.index(tn)]
    if between:
        yield finding(
            "ND30-QH-06", "có dòng trống giữa Quốc hiệu và Tiêu ngữ", tn, "liền nhau", f"{len(between)} dòng trống"
        )


# --- agency ----------------------------------------------------------------------------------------------------
_ABBREVIATIONS = re.compile(r"\b(UBND|HĐND|UB|HĐ|KH&CN|KHCN|GD&ĐT|GDĐT|LĐTB&XH|TN&MT|NN&PTNT)\b")


@rule("ND30-CQ-01", "W", "Cơ quan ban hành", "Tên cơ quan ban hành viết đủ, không viết tắt", "PL I-I.II.2.a")
def agency_in_full(ctx: Context) -> Iterator[Finding]:
    for para in ctx.parts.co_quan:
        found = _ABBREVIATIONS.search(key(para.text))
        if found:
            yield finding(
                "ND30-CQ-01", f"tên cơ quan ban hành viết tắt '{found[1]}'", para, "tên đầy đủ", clean(para.text)
            )
            return


@rule(
    "ND30-CQ-02", "W", "Cơ quan chủ quản", "Sở, ban, ngành ghi cơ quan chủ quản trực tiếp ở dòng trên", "PL I-I.II.2.a"
)
def superior_line(ctx: Context) -> Iterator[Finding]:
    parts = ctx.parts
    if parts.co_quan and not parts.chu_quan and re.match(r"^SỞ\b", key(parts.co_quan[0].text)):
        yield finding(
            "ND30-CQ-02",
            "thiếu dòng cơ quan chủ quản (ví dụ: UBND TỈNH …) trên tên Sở",
            parts.co_quan[0],
            "UBND TỈNH …",
            "không có",
        )


@rule("ND30-CQ-03", "E", "Cơ quan chủ quản", "Cơ quan chủ quản in hoa, 12–13 pt, đứng, không đậm", "PL I-I.II.2.b")
def superior_format(ctx: Context) -> Iterator[Finding]:
    rules = dict.fromkeys(("size", "bold", "italic", "caps", "center"), "ND30-CQ-03")
    for para in ctx.parts.chu_quan:
        yield from format_findings(para, ctx.format_of("chu_quan"), "Cơ quan chủ quản", rules)


_format_fix(superior_format)


@rule(
    "ND30-CQ-04", "E", "Cơ quan ban hành", "Tên cơ quan ban hành in hoa, 12–13 pt, đứng, đậm, căn giữa", "PL I-I.II.2.b"
)
def agency_format(ctx: Context) -> Iterator[Finding]:
    parts = ctx.parts
    if parts.quoc_hieu is None:
        return
    if not parts.co_quan:
        yield finding(
            "ND30-CQ-04",
            "không tìm thấy tên cơ quan ban hành",
            None,
            "tên cơ quan, in hoa, đậm",
            "không có",
            at="trang 1, bên trái",
        )
        return
    rules = dict.fromkeys(("size", "bold", "italic", "caps", "center"), "ND30-CQ-04")
    for para in parts.co_quan:
        yield from format_findings(para, ctx.format_of("co_quan"), "Cơ quan ban hành", rules)


_format_fix(agency_format)


@rule("ND30-CQ-05", "E", "Cơ quan ban hành", "Đường kẻ liền dưới tên cơ quan, dài 1/3–1/2 dòng chữ", "PL I-I.II.2.b")
def agency_rule(ctx: Context) -> Iterator[Finding]:
    parts = ctx.parts
    if parts.quoc_hieu is None or not parts.co_quan or not ctx.parts.formatted:
        return
    longest = max(parts.co_quan, key=lambda p: text_width(clean(p.text), p.size or 13, True))
    length = min(
        text_width(clean(longest.text), longest.size or 13, True),
        column_width(ctx.doc, longest) - longest.ind_left - longest.ind_right,
    )
    line = best_rule(parts.rule_co_quan, length)
    found = list(
        rule_line_finding(
            "ND30-CQ-05",
            line.length if line else None,
            length,
            "cơ quan ban hành",
            parts.co_quan[-1],
            full=False,
            drawn=line is not None,
        )
    )
    if line is not None and not line.solid:
        found.insert(
            0,
            finding(
                "ND30-CQ-05", "đường kẻ dưới tên cơ quan phải là nét liền", parts.co_quan[-1], "nét liền", "nét đứt"
            ),
        )
    for item in found:  # a name on several lines: which line governs is not said (spec, open question 3)
        yield (
            item
            if len(parts.co_quan) == 1 or item.message.startswith("thiếu")
            else Finding(item.rule, "W", item.message, item.component, item.where, item.expected, item.actual)
        )


@rule("ND30-CQ-06", "E", "Cơ quan ban hành", "Tên cơ quan chủ quản và cơ quan ban hành liền nhau", "PL I-I.II.2.b")
def agency_lines_together(ctx: Context) -> Iterator[Finding]:
    parts = ctx.parts
    if (
        not parts.chu_quan
        or not parts.co_quan
        or parts.chu_quan[-1] not in parts.left
        or parts.co_quan[0] not in parts.left
    ):
        return
    column = parts.co_quan[0].table[2] if parts.co_quan[0].table else None
    between = parts.left[parts.left.index(parts.chu_quan[-1]) + 1 : parts.left.index(parts.co_quan[0])]
    if [p for p in between if not clean(p.text) and not p.lines and (p.table[2] if p.table else None) == column]:
        yield finding(
            "ND30-CQ-06",
            "có dòng trống giữa cơ quan chủ quản và cơ quan ban hành",
            parts.co_quan[0],
            "liền nhau",
            "có dòng trống",
        )


# --- số, ký hiệu --------------------------------------------------------------------------------------------------
_NUMBER_RE = re.compile(r"^S[ốỐ]\s*[:.]?\s*(?P<so>[^/]*?)\s*/\s*(?P<ky_hieu>.*)$", re.IGNORECASE)
_GROUP_RE = re.compile(r"^[A-ZĐ0-9][A-Za-zĐđ0-9&.]*$")


def _number(ctx: Context) -> tuple[str, str] | None:
    para = ctx.parts.so
    match = _NUMBER_RE.match(clean(para.text)) if para is not None else None
    return (match["so"].strip(" _.…"), match["ky_hieu"].strip()) if match else None


def _groups(ky_hieu: str) -> list[str]:
    return [g for g in re.split(r"\s*-\s*", ky_hieu) if g]


@rule("ND30-SO-01", "E", "Số, ký hiệu", "Chữ 'Số:' viết thường có dấu hai chấm, 13 pt, đứng", "PL I-I.II.3.c")
def number_word(ctx: Context) -> Iterator[Finding]:
    para = ctx.parts.so
    if para is None:
        if ctx.parts.quoc_hieu is not None:
            yield finding(
                "ND30-SO-01",
                "không tìm thấy số, ký hiệu (Số: …)",
                None,
                "Số: 01/KH-…",
                "không có",
                at="trang 1, bên trái",
            )
        return
    text = clean(para.text)
    if not text.startswith("Số:"):
        yield finding(
            "ND30-SO-01",
            "phải viết 'Số:' (chữ thường, có dấu hai chấm)",
            para,
            "Số:",
            text.split("/")[0],
            aspect="words",
        )
    yield from format_findings(
        para, ctx.format_of("so"), "Số, ký hiệu", {"size": "ND30-SO-01", "bold": "ND30-SO-01", "italic": "ND30-SO-01"}
    )


_format_fix(number_word)


@rule("ND30-SO-02", "E", "Số, ký hiệu", "Số bằng chữ số Ả Rập; dưới 10 thêm số 0", "PL I-I.II.3.a,c")
def number_digits(ctx: Context) -> Iterator[Finding]:
    found = _number(ctx)
    if found is None or not found[0]:
        return
    number = found[0]
    if not number.isdigit():
        yield finding("ND30-SO-02", "số văn bản phải là chữ số Ả Rập", ctx.parts.so, "01, 02, …", number)
    elif int(number) < 10 and not number.startswith("0"):
        yield finding("ND30-SO-02", "số nhỏ hơn 10 phải thêm số 0 phía trước", ctx.parts.so, f"0{number}", number)


@rule(
    "ND30-SO-03", "E", "Số, ký hiệu", "Ký hiệu in hoa, các nhóm nối bằng '-' không dấu cách, sau '/'", "PL I-I.II.3.c"
)
def ky_hieu_form(ctx: Context) -> Iterator[Finding]:
    para = ctx.parts.so
    if para is None:
        return
    found = _number(ctx)
    if found is None:
        yield finding("ND30-SO-03", "số và ký hiệu phải cách nhau bằng '/'", para, "Số: 19/KH-SKHCN", clean(para.text))
        return
    ky_hieu = found[1]
    if re.search(r"\s", ky_hieu) or re.search(r"/\s", clean(para.text)):
        yield finding("ND30-SO-03", "ký hiệu không được có dấu cách", para, ky_hieu.replace(" ", ""), ky_hieu)
    groups = _groups(ky_hieu)
    if any(not _GROUP_RE.match(g) for g in groups) or len(groups) < 2:
        yield finding("ND30-SO-03", "ký hiệu phải gồm các nhóm chữ viết tắt nối bằng '-'", para, "KH-SKHCN", ky_hieu)


@rule(
    "ND30-SO-04",
    "E",
    "Số, ký hiệu",
    "Văn bản có tên loại: ký hiệu bắt đầu bằng chữ viết tắt của tên loại",
    "PL I-I.II.3.b",
)
def type_code(ctx: Context) -> Iterator[Finding]:
    found = _number(ctx)
    kind = ctx.parts.kind
    if found is None or not kind or kind in ("KH", "BC"):
        return  # plans and reports: ND30-KH-01, ND30-BC-01
    groups = _groups(found[1])
    if groups and groups[0] != kind:
        yield finding(
            "ND30-SO-04", f"ký hiệu phải bắt đầu bằng {kind}- cho đúng tên loại", ctx.parts.so, f"{kind}-…", found[1]
        )


@rule("ND30-SO-05", "E", "Số, ký hiệu", "'CV' không phải chữ viết tắt tên loại theo Nghị định 30", "PL I-I.II.3.b")
def no_cv(ctx: Context) -> Iterator[Finding]:
    found = _number(ctx)
    if found is not None and "CV" in _groups(found[1]):
        yield finding(
            "ND30-SO-05",
            "'CV' không phải chữ viết tắt loại văn bản theo Nghị định 30",
            ctx.parts.so,
            "cơ quan-đơn vị soạn thảo",
            found[1],
        )


@rule(
    "ND30-SO-07",
    "W",
    "Số, ký hiệu",
    "Nhóm thứ ba trong ký hiệu văn bản có tên loại không được Nghị định 30 quy định",
    "C",
)
def third_group(ctx: Context) -> Iterator[Finding]:
    found = _number(ctx)
    kind = ctx.parts.kind
    if found is None or not kind:
        return
    groups = _groups(found[1])
    if len(groups) > 2 and groups[0] == kind:
        yield finding(
            "ND30-SO-07",
            "ký hiệu có nhóm thứ ba, Nghị định 30 không quy định",
            ctx.parts.so,
            f"{kind}-<cơ quan>",
            found[1],
        )


@rule("ND30-SO-08", "E", "Số, ký hiệu", "Số, ký hiệu căn giữa dưới tên cơ quan", "PL I-I.II.3.c")
def number_centred(ctx: Context) -> Iterator[Finding]:
    para = ctx.parts.so
    if para is not None and ctx.parts.formatted and para.jc != "center":
        yield finding(
            "ND30-SO-08",
            "số, ký hiệu phải căn giữa dưới tên cơ quan",
            para,
            "căn giữa",
            para.jc or "trái",
            aspect="center",
        )


_format_fix(number_centred)


@rule("ND30-SO-09", "I", "Số, ký hiệu", "Dự thảo để trống số cho văn thư ghi", "Đ15")
def blank_number(ctx: Context) -> Iterator[Finding]:
    found = _number(ctx)
    if found is not None and not found[0]:
        message = "dự thảo: số để trống cho văn thư ghi" if ctx.draft else "chưa có số văn bản"
        yield finding("ND30-SO-09", message, ctx.parts.so, "số", "để trống", severity="I" if ctx.draft else "E")


# --- place and date -----------------------------------------------------------------------------------------------
_DATE_STRICT = re.compile(r"^(?P<place>[^,]+), ngày (?P<d>\S+) tháng (?P<m>\S+) năm (?P<y>\d{4})$")
_DATE_BLANK = re.compile(r"^(?P<place>[^,]+), ngày\s*(?P<d>\d*)\s*tháng\s*(?P<m>\d*)\s*năm\s*(?P<y>\d{4})$")


@rule("ND30-DD-01", "E", "Địa danh, ngày", "'<Địa danh>, ngày … tháng … năm …' bằng chữ số Ả Rập", "PL I-I.II.4.b")
def date_words(ctx: Context) -> Iterator[Finding]:
    para = ctx.parts.ngay
    if para is None:
        if ctx.parts.quoc_hieu is not None:
            yield finding(
                "ND30-DD-01",
                "không tìm thấy địa danh và ngày ban hành",
                None,
                "<Địa danh>, ngày … tháng … năm …",
                "không có",
                at="trang 1, bên phải",
            )
        return
    text = clean(para.text)
    blank = _DATE_BLANK.match(text)
    if blank and (not blank["d"] or not blank["m"]):
        return  # ND30-DD-06
    match = _DATE_STRICT.match(text)
    if not match:
        yield finding(
            "ND30-DD-01",
            "phải ghi đủ '<Địa danh>, ngày … tháng … năm …' bằng chữ số Ả Rập",
            para,
            "Lạng Sơn, ngày 05 tháng 3 năm 2024",
            text,
        )
        return
    day, month = match["d"], match["m"]
    if not (day.isdigit() and month.isdigit()):
        yield finding("ND30-DD-01", "ngày, tháng phải là chữ số Ả Rập", para, "05, 3", f"{day}, {month}")
    elif not 1 <= int(day) <= 31 or not 1 <= int(month) <= 12:
        yield finding("ND30-DD-01", "ngày hoặc tháng không tồn tại", para, "ngày 01–31, tháng 1–12", f"{day}/{month}")


@rule(
    "ND30-DD-02", "E", "Địa danh, ngày", "Ngày dưới 10 và tháng 1, 2 thêm số 0; tháng 3–12 không thêm", "PL I-I.II.4.b"
)
def date_padding(ctx: Context) -> Iterator[Finding]:
    para = ctx.parts.ngay
    match = _DATE_STRICT.match(clean(para.text)) if para is not None else None
    if not match or not (match["d"].isdigit() and match["m"].isdigit()):
        return
    day, month = match["d"], match["m"]
    if not 1 <= int(day) <= 31 or not 1 <= int(month) <= 12:
        return
    good_day = f"{int(day):02d}"
    good_month = f"{int(month):02d}" if int(month) < 3 else str(int(month))
    if day != good_day or month != good_month:
        yield finding(
            "ND30-DD-02",
            "ngày dưới 10 và tháng 1, 2 thêm số 0; tháng 3–12 không thêm",
            para,
            f"ngày {good_day} tháng {good_month}",
            f"ngày {day} tháng {month}",
        )


@rule(
    "ND30-DD-03",
    "E",
    "Địa danh, ngày",
    "Địa danh, ngày: 13–14 pt, nghiêng; chữ đầu mỗi âm tiết địa danh viết hoa",
    "PL I-I.II.4.c",
)
def date_format(ctx: Context) -> Iterator[Finding]:
    para = ctx.parts.ngay
    if para is None:
        return
    yield from format_findings(
        para, ctx.format_of("ngay"), "Địa danh, ngày", dict.fromkeys(("size", "bold", "italic", "center"), "ND30-DD-03")
    )
    match = re.match(r"^(?P<place>[^,]+),", clean(para.text))
    if match:
        words = match["place"].split()
        generic = {"Thành", "Thị", "Thủ"}  # "Thành phố Hồ Chí Minh": the unit word keeps one capital (ND30-DD-03)
        lower = [
            word
            for index, word in enumerate(words)
            if word[:1].isalpha() and not word[:1].isupper() and not (index > 0 and words[index - 1] in generic)
        ]
        if lower:
            yield finding(
                "ND30-DD-03",
                "chữ cái đầu mỗi âm tiết của địa danh phải viết hoa",
                para,
                match["place"].title(),
                match["place"],
                severity="W",
                aspect="words",
            )


_format_fix(date_format)


@rule("ND30-DD-06", "I", "Địa danh, ngày", "Dự thảo có thể để trống ngày, tháng", "T")
def blank_date(ctx: Context) -> Iterator[Finding]:
    para = ctx.parts.ngay
    blank = _DATE_BLANK.match(clean(para.text)) if para is not None else None
    if blank and (not blank["d"] or not blank["m"]):
        message = "dự thảo: ngày tháng để trống" if ctx.draft else "ngày ban hành còn để trống"
        yield finding("ND30-DD-06", message, para, "ngày, tháng", "để trống", severity="I" if ctx.draft else "E")
