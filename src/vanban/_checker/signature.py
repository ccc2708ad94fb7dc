"""Spec §5.1–§5.4: signature (ND30-CK, ND30-LAYOUT-03), recipients (ND30-NN), urgency and circulation
marks (ND30-MAT)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .._nd30 import Format
from .._parts import clean, key
from . import edits
from .core import Context, Finding, finding, format_findings, grouped, rule, snippet


def _format_fix(rule_object: object) -> None:
    rule_object.fixer(applies=edits.format_applies)(lambda ctx, found: edits.format_paragraphs(ctx, found))  # type: ignore[attr-defined]


@rule("ND30-LAYOUT-03", "E", "Chữ ký", "Chữ ký bên phải; Nơi nhận bên trái, ngang dòng đầu chức vụ", "PL I-I.II.9.d")
def signature_side(ctx: Context) -> Iterator[Finding]:
    parts = ctx.parts
    if parts.signature is None or parts.noi_nhan_label is None or not parts.noi_nhan_label.table or not parts.chuc_vu:
        return
    sign_cell = parts.chuc_vu[0].table[2] if parts.chuc_vu[0].table else None
    if sign_cell is not None and sign_cell < parts.noi_nhan_label.table[2]:
        yield finding(
            "ND30-LAYOUT-03",
            "chữ ký phải ở bên phải, nơi nhận bên trái",
            parts.chuc_vu[0],
            "chữ ký bên phải",
            "bên trái",
        )


@rule("ND30-CK-01", "E", "Chữ ký", "Quyền hạn viết đúng: 'TM. ', 'KT. ', 'Q. ', 'TL. ', 'TUQ. '", "PL I-I.II.7.b,đ")
def authority(ctx: Context) -> Iterator[Finding]:
    for para in ctx.parts.chuc_vu:
        text = clean(para.text)
        match = re.match(r"^(TM|KT|Q|TL|TUQ|T/M|K/T|T/L)\s*\.(\s*)(\S)", text, re.IGNORECASE)
        if match and (match[1] not in ("TM", "KT", "Q", "TL", "TUQ") or match[2] != " "):
            wanted = match[1].upper().replace("/", "")
            yield finding(
                "ND30-CK-01",
                "quyền hạn phải viết 'TM. ', 'KT. ', 'Q. ', 'TL. ', 'TUQ. ' (hoa, dấu chấm, dấu cách)",
                para,
                f"{wanted}. …",
                text[: len(match[0]) + 6],
            )


@rule("ND30-CK-02", "E", "Chữ ký", "Quyền hạn, chức vụ người ký in hoa, 13–14 pt, đứng, đậm, căn giữa", "PL I-I.II.7.đ")
def titles(ctx: Context) -> Iterator[Finding]:
    parts = ctx.parts
    if not parts.chuc_vu:
        if parts.ten_loai is not None or parts.noi_nhan_label is not None:
            yield finding(
                "ND30-CK-02",
                "không tìm thấy chức vụ người ký",
                parts.noi_nhan_label,
                "GIÁM ĐỐC / KT. GIÁM ĐỐC …",
                "không có",
                at="" if parts.noi_nhan_label else "cuối văn bản",
            )
        return
    rules = dict.fromkeys(("size", "bold", "italic", "caps", "center"), "ND30-CK-02")
    yield from grouped(
        f for para in parts.chuc_vu for f in format_findings(para, ctx.format_of("chuc_vu"), "Chức vụ người ký", rules)
    )


_format_fix(titles)


@rule(
    "ND30-CK-03",
    "E",
    "Chữ ký",
    "Họ tên người ký 13–14 pt, đứng, đậm, dưới chức vụ (chức vụ khác ghi trên họ tên)",
    "PL I-I.II.7.đ",
)
def name(ctx: Context) -> Iterator[Finding]:
    parts = ctx.parts
    if not parts.chuc_vu:
        return
    if parts.ho_ten is None:
        yield finding(
            "ND30-CK-03",
            "chưa có họ tên người ký",
            parts.chuc_vu[-1],
            "Họ và tên",
            "không có",
            severity="I" if ctx.draft else "W",
        )
        return
    yield from format_findings(
        parts.ho_ten,
        ctx.format_of("ho_ten"),
        "Họ tên người ký",
        dict.fromkeys(("size", "bold", "italic", "center"), "ND30-CK-03"),
    )
    for para in parts.chuc_vu_sau:
        yield finding(
            "ND30-CK-03",
            "dòng chức vụ ghi sau họ tên người ký; chức vụ khác ghi phía trên họ tên",
            para,
            "chức vụ trên họ tên",
            snippet(para, 40),
            severity="W",
        )


_format_fix(name)


_ACADEMIC_RE = re.compile(r"^(GS|PGS|TS|ThS|TSKH|BS|KS|CN)\.", re.IGNORECASE)


@rule("ND30-CK-04", "W", "Chữ ký", "Không ghi học hàm, học vị trước họ tên người ký", "PL I-I.II.7.c")
def academic(ctx: Context) -> Iterator[Finding]:
    if ctx.parts.ho_ten is not None and _ACADEMIC_RE.match(clean(ctx.parts.ho_ten.text)):
        yield finding(
            "ND30-CK-04",
            "không ghi học hàm, học vị trước họ tên người ký",
            ctx.parts.ho_ten,
            "Họ và tên",
            snippet(ctx.parts.ho_ten, 20),
        )


@rule("ND30-CK-08", "W", "Chữ ký", "Không để lại dòng hướng dẫn của mẫu", "T")
def template_guidance(ctx: Context) -> Iterator[Finding]:
    for para in ctx.parts.signature_other:
        if re.match(r"^\((Chữ ký|Ký|ký),?", clean(para.text)):
            yield finding(
                "ND30-CK-08", "còn dòng hướng dẫn của mẫu trong văn bản", para, "xóa dòng hướng dẫn", snippet(para)
            )


# --- Nơi nhận -----------------------------------------------------------------------------------------------
@rule("ND30-NN-01", "E", "Nơi nhận", "'Nơi nhận:' 12 pt, nghiêng, đậm", "PL I-I.II.9.d")
def label(ctx: Context) -> Iterator[Finding]:
    parts = ctx.parts
    found = parts.noi_nhan_label
    if found is None:
        if parts.ten_loai is not None:
            yield finding("ND30-NN-01", "không tìm thấy 'Nơi nhận:'", None, "Nơi nhận:", "không có", at="cuối văn bản")
        return
    if clean(found.text) != "Nơi nhận:":
        yield finding("ND30-NN-01", "phải ghi 'Nơi nhận:' (có dấu hai chấm)", found, "Nơi nhận:", clean(found.text))
    yield from format_findings(
        found,
        ctx.format_of("noi_nhan_nhan"),
        "Nhãn 'Nơi nhận'",
        {"size": "ND30-NN-01", "bold": "ND30-NN-01", "italic": "ND30-NN-01"},
    )


_format_fix(label)


@rule("ND30-NN-02", "E", "Nơi nhận", "Danh sách nơi nhận 11 pt, đứng, không đậm", "PL I-I.II.9.d")
def items_format(ctx: Context) -> Iterator[Finding]:
    rules = {"size": "ND30-NN-02", "bold": "ND30-NN-02", "italic": "ND30-NN-02"}
    yield from grouped(
        f for para in ctx.parts.noi_nhan for f in format_findings(para, ctx.format_of("noi_nhan"), "Nơi nhận", rules)
    )


_format_fix(items_format)


@rule("ND30-NN-03", "E", "Nơi nhận", "Mỗi nơi nhận một dòng, bắt đầu '-', kết thúc ';'", "PL I-I.II.9.d")
def items_form(ctx: Context) -> Iterator[Finding]:
    items = ctx.parts.noi_nhan
    texts = [clean(p.text) for p in items]
    found = []
    for index, (para, text) in enumerate(zip(items[:-1], texts[:-1], strict=False)):
        starts_item = text.startswith("-")
        continues = index > 0 and not texts[index - 1].endswith(";")
        if not starts_item and not continues:
            found.append(finding("ND30-NN-03", "mỗi nơi nhận bắt đầu bằng '-'", para, "- …;", text))
        elif starts_item and not text.endswith(";") and texts[index + 1].startswith("-"):
            found.append(finding("ND30-NN-03", "mỗi nơi nhận kết thúc bằng ';'", para, "- …;", text))
    yield from grouped(found)


@rule("ND30-NN-04", "E", "Nơi nhận", "Dòng cuối: '- Lưu: VT, <đơn vị soạn thảo>.'", "PL I-I.II.9.d")
def archive_line(ctx: Context) -> Iterator[Finding]:
    parts = ctx.parts
    if parts.noi_nhan_label is None:
        return
    if not parts.noi_nhan:
        yield finding(
            "ND30-NN-04", "nơi nhận không có dòng nào", parts.noi_nhan_label, "- …; - Lưu: VT, ….", "không có"
        )
        return
    last = clean(parts.noi_nhan[-1].text)
    if not re.match(r"^- Lưu: VT(, .+)?\.$", last):
        message = "dòng cuối phải là '- Lưu: VT, <đơn vị soạn thảo>.'"
        if last.startswith("- Lưu") and not last.endswith("."):
            message = "dòng Lưu phải kết thúc bằng dấu chấm"
        yield finding("ND30-NN-04", message, parts.noi_nhan[-1], "- Lưu: VT, <đơn vị>.", last)
    elif last == "- Lưu: VT.":
        yield finding(
            "ND30-NN-04",
            "dòng Lưu nên ghi đơn vị soạn thảo",
            parts.noi_nhan[-1],
            "- Lưu: VT, <đơn vị>.",
            last,
            severity="W",
        )


def _nhu_tren(ctx: Context, rule_id: str) -> Iterator[Finding]:
    parts = ctx.parts
    if parts.kinh_gui and parts.noi_nhan and not clean(parts.noi_nhan[0].text).startswith("- Như trên"):
        yield finding(
            rule_id,
            "có 'Kính gửi' thì dòng đầu nơi nhận là '- Như trên;'",
            parts.noi_nhan[0],
            "- Như trên;",
            clean(parts.noi_nhan[0].text),
        )


@rule("ND30-NN-05", "E", "Nơi nhận", "Có 'Kính gửi' thì dòng đầu nơi nhận là '- Như trên;'", "PL I-I.II.9.b")
def nhu_tren(ctx: Context) -> Iterator[Finding]:
    if ctx.parts.kind != "BC":
        yield from _nhu_tren(ctx, "ND30-NN-05")


@rule(
    "ND30-BC-02", "E", "Nơi nhận", "Báo cáo gửi cấp trên: có 'Kính gửi:' và '- Như trên;' đầu nơi nhận", "PL I-I.II.9.b"
)
def report_nhu_tren(ctx: Context) -> Iterator[Finding]:
    if ctx.parts.kind == "BC":
        yield from _nhu_tren(ctx, "ND30-BC-02")


@rule("ND30-NN-07", "W", "Nơi nhận", "Dẫn phần của văn bản viết hoa: '- Như Mục IV;'", "PL II-V.7")
def cross_reference(ctx: Context) -> Iterator[Finding]:
    for para in ctx.parts.noi_nhan:
        match = re.match(r"^-\s*Như\s+(mục|điều|khoản)\s+\S", clean(para.text))
        if match and match[1] in ("mục", "điều"):
            yield finding(
                "ND30-NN-07",
                "dẫn phần của văn bản viết hoa: 'Như Mục …', 'Như Điều …'",
                para,
                f"Như {match[1].capitalize()} …",
                clean(para.text),
            )


# --- urgency and circulation marks --------------------------------------------------------------------------
_URGENCY = ("HỎA TỐC", "HOẢ TỐC", "THƯỢNG KHẨN", "KHẨN")
_CIRCULATION = ("XEM XONG TRẢ LẠI", "LƯU HÀNH NỘI BỘ")
_MARK = Format((13.0, 14.0), bold=True, caps=True, center=True)


def _marks(ctx: Context, words: tuple[str, ...]) -> list:  # type: ignore[type-arg]
    area = [*ctx.parts.before, *ctx.parts.left, *ctx.parts.right]
    return [p for p in area if key(p.text) in words]


@rule("ND30-MAT-02", "E", "Độ khẩn", "Dấu độ khẩn: in hoa, 13–14 pt, đứng, đậm", "PL I-I.III.2.b")
def urgency(ctx: Context) -> Iterator[Finding]:
    for para in _marks(ctx, _URGENCY):
        yield from format_findings(
            para, _MARK, "Dấu độ khẩn", {"size": "ND30-MAT-02", "bold": "ND30-MAT-02", "italic": "ND30-MAT-02"}
        )


_format_fix(urgency)


@rule("ND30-MAT-03", "E", "Lưu hành", "Chỉ dẫn phạm vi lưu hành: in hoa, 13–14 pt, đứng, đậm", "PL I-I.III.2.c")
def circulation(ctx: Context) -> Iterator[Finding]:
    for para in _marks(ctx, _CIRCULATION):
        yield from format_findings(
            para,
            _MARK,
            "Chỉ dẫn phạm vi lưu hành",
            {"size": "ND30-MAT-03", "bold": "ND30-MAT-03", "italic": "ND30-MAT-03"},
        )


_format_fix(circulation)
