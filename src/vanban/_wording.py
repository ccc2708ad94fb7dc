"""The words a document prints for each part of the model, in one place: the templates print them and the
parser compares a document's lines with them before it takes the lines apart (what would not print back
word for word stays verbatim).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from . import text
from ._nd30 import LANDSCAPE_TEXT_WIDTH, TEXT_WIDTH
from .models import (
    Bang,
    CanCu,
    ChiTieuDat,
    KetQuaNhiemVu,
    Khoan,
    KyBaoCao,
    LinhVuc,
    NgayDuThao,
    NhanTruong,
    NhiemVu,
    OBang,
    PhuLuc,
    PhuLucVanBan,
    SoKyHieu,
)
from .models.bao_cao import TEN_TRANG_THAI, cac_ky
from .models.ke_hoach import COT_PHU_LUC

#: Where vanban breaks a line that does not fit (a line break inside its paragraph, not a new paragraph).
SOFT_BREAK = "\u2028"

#: One printed line as runs of (text, italic).
Dong = list[tuple[str, bool]]

_NUMBERED = re.compile(r"^(\d+(\.\d+)*\.?|[a-zđ]\)|\(\d+\)|[IVXLC]+\.)\s")


def so_ky_hieu(value: SoKyHieu) -> str:
    """``Số: 19/KH-SKHCN``; as written when the document read had its own form."""
    if value.nguyen_van:
        return f"Số: {value.nguyen_van}"
    return text.so_ky_hieu(value.so, value.ky_hieu)


def so_van_ban(value: SoKyHieu) -> str:
    return so_ky_hieu(value).removeprefix("Số: ")


def ngay_thang(value: date | NgayDuThao | None, cho_trong: int = 6) -> str:
    """The issue date as ô 4 writes it; a draft's blanks ``cho_trong`` non-breaking spaces wide."""
    if isinstance(value, date):
        return text.ngay_thang(value)
    if isinstance(value, NgayDuThao):
        return text.ngay_thang(nam=value.nam, thang=value.thang, cho_trong=cho_trong)
    return text.ngay_thang(cho_trong=cho_trong)


def doan_can_cu(can_cu: list[CanCu], trinh_bay: str) -> list[str]:
    """Căn cứ paragraphs of their own (spec ND30-CC-01): one each, or all in one."""
    cited = [str(item) for item in can_cu]
    if not cited or trinh_bay == "gop_mo_dau":
        return []
    if trinh_bay == "moi_dong":
        return [f"{line};" for line in cited]
    return ["; ".join(cited) + ";"]


def doan_mo_dau(mo_dau: list[Any], can_cu: list[CanCu], trinh_bay: str) -> list[Any]:
    """The lead-in (… như sau:); with ``gop_mo_dau`` the căn cứ open its first paragraph."""
    lead = list(mo_dau)
    if trinh_bay != "gop_mo_dau" or not can_cu:
        return lead
    joined = "; ".join(str(item) for item in can_cu)
    if lead and isinstance(lead[0], str):
        return [f"{joined}, {lead[0]}", *lead[1:]]
    return [f"{joined}.", *lead]


def gach_dau_dong(item: str) -> str:
    """A list item with its '- ', unless it carries its own number (``6. …``, ``a) …``)."""
    return item if _NUMBERED.match(item) else f"- {item}"


def so_tu_dong(so_cha: str, thu_tu: int) -> str:
    """The number a khoản gets when the model gives none: ``3.`` at the top, ``1.2.`` under ``1.``."""
    return f"{so_cha}{thu_tu}." if so_cha.endswith(".") else f"{thu_tu}."


def phang(items: list[Any], gach: bool = False, so_cha: str = "") -> list[dict[str, Any]]:
    """Free content (paragraphs, khoản, tables) as the lines it prints, in order: ``doan`` (a paragraph),
    ``khoan`` (a numbered title, with its level), ``bang`` (a table)."""
    out: list[dict[str, Any]] = []
    count = 0
    for item in items:
        if isinstance(item, Khoan):
            count += 1
            number = item.so or so_tu_dong(so_cha, count)
            out.append({"loai": "khoan", "chu": f"{number} {item.tieu_de}", "cap": number.count(".") or 1})
            out += phang(item.doan, False, number)
        elif isinstance(item, Bang):
            out.append({"loai": "bang", "bang": item})
        else:
            out.append({"loai": "doan", "chu": gach_dau_dong(item) if gach else item})
    return out


def vua_trang(widths: list[int], columns: int, ngang: bool) -> list[int]:
    """Column widths that fit the text width of the page (scaled down when wider; equal when unknown)."""
    available = LANDSCAPE_TEXT_WIDTH if ngang else TEXT_WIDTH
    if len(widths) != columns or columns == 0 or any(w <= 0 for w in widths):
        return [available // max(columns, 1)] * columns
    total = sum(widths)
    if total <= available:
        return list(widths)
    return [max(w * available // total, 1) for w in widths]


def tieu_de_nhiem_vu(task: NhiemVu, so: str, nhan: NhanTruong | None = None) -> str:
    """``1. Nhiệm vụ 1: <tên>`` of a flat list (with the plan's label), ``2.3. <tên>`` within an area."""
    prefix = f"{nhan.nhiem_vu} {so.rstrip('.')}: " if nhan is not None and nhan.nhiem_vu else ""
    return f"{so} {prefix}{task.ten}"


def _nhan(label: str, value: str | None = None) -> Dong:
    line: Dong = [("- ", False), (f"{label}:", True)]
    if value:
        line.append((f" {value}", False))
    return line


#: The order of a task's lines when the model does not give one.
THU_TU_NHIEM_VU = ("chuyen_tiep", "chu_tri", "phoi_hop", "thoi_gian", "hoat_dong", "ket_qua")


def dong_nhiem_vu(task: NhiemVu, nhan: NhanTruong) -> list[Dong]:
    """A task's labelled lines: carried over, lead, partners, time, activities, result (or in its own order)."""
    parts: dict[str, list[Dong]] = {name: [] for name in THU_TU_NHIEM_VU}
    if task.chuyen_tiep:
        parts["chuyen_tiep"].append([(f"- Nhiệm vụ chuyển tiếp từ năm {task.chuyen_tiep}.", False)])
    if task.chu_tri:
        parts["chu_tri"].append(_nhan(nhan.chu_tri, task.chu_tri))
    if task.phoi_hop:
        parts["phoi_hop"].append(_nhan(nhan.phoi_hop, "; ".join(task.phoi_hop)))
    if task.thoi_gian:
        label = task.thoi_gian.nhan if task.thoi_gian.han else nhan.thoi_gian
        parts["thoi_gian"].append(_nhan(label, str(task.thoi_gian)))
    if task.hoat_dong and nhan.hoat_dong:
        parts["hoat_dong"].append(_nhan(nhan.hoat_dong))
    bullet = "+ " if nhan.hoat_dong else "- "
    for index, activity in enumerate(task.hoat_dong):
        own = _NUMBERED.match(activity.noi_dung) and not nhan.hoat_dong  # ``a) …`` carries its own mark
        line: Dong = [(f"{'' if own else bullet}{activity.noi_dung}", False)]
        if activity.thoi_gian:
            end = "." if index == len(task.hoat_dong) - 1 else ";"
            line += [(" ", False), (f"{activity.thoi_gian.nhan}:", True), (f" {activity.thoi_gian}{end}", False)]
        parts["hoat_dong"].append(line)
    if task.ket_qua:
        parts["ket_qua"].append(_nhan(nhan.ket_qua, task.ket_qua))
    order = [*task.thu_tu, *(name for name in THU_TU_NHIEM_VU if name not in task.thu_tu)]
    return [line for name in order for line in parts[name]]


def dong_ket_qua(result: KetQuaNhiemVu, ky: KyBaoCao) -> list[str]:
    """A task's lines in a report: status, results, and each target against what was achieved."""
    lines = [f"- Tình trạng: {result.ten_trang_thai}."]
    for index, paragraph in enumerate(result.ket_qua):
        lines.append(f"- Kết quả: {paragraph}" if index == 0 else paragraph)
    for target in result.chi_tieu:
        verdict = ""
        # a target reached stays reached (figures only add up); "not reached" needs every quarter's figure
        if ky.loai == "nam" and target.dat_chi_tieu is not None and (target.dat_chi_tieu or not target.thieu):
            verdict = "; đạt chỉ tiêu" if target.dat_chi_tieu else "; chưa đạt chỉ tiêu"
        lines.append(f"- Chỉ tiêu: {target}{verdict}.")
    return lines


def tieu_de_ket_qua(result: KetQuaNhiemVu, so: str, theo_linh_vuc: bool) -> str:
    """``2. Nhiệm vụ 2: <tên>`` in a flat list; ``1.2. <tên>`` under its field (with ``Nhiệm vụ PL-5:`` when the
    task's identity is not its number there)."""
    label = result.ma or str(result.so)
    if theo_linh_vuc and label == so.rstrip("."):
        return f"{so} {result.ten}"
    return f"{so} Nhiệm vụ {label}: {result.ten}"


def co_chi_tiet(tasks: list[NhiemVu]) -> bool:
    """Whether any task of an area has more than its name (then each is written with its fields)."""
    return any(t.chu_tri or t.phoi_hop or t.thoi_gian or t.hoat_dong or t.ket_qua or t.chuyen_tiep for t in tasks)


#: A printed paragraph: its kind (``khoan`` a numbered title, ``diem`` a lettered one, ``doan`` text) and runs.
DongIn = tuple[str, Dong]


def _plain(kind: str, value: str) -> DongIn:
    return kind, [(value, False)]


def nhiem_vu_in(tasks: list[NhiemVu], nhan: NhanTruong, so_cha: str = "") -> list[DongIn]:
    """Tasks with their fields: ``1. Nhiệm vụ 1: …`` in a flat list, ``2.1. …`` under area 2."""
    lines: list[DongIn] = []
    for number, task in enumerate(tasks, 1):
        written = task.so or f"{so_cha}{number}."
        lines.append(_plain("khoan", tieu_de_nhiem_vu(task, written, None if so_cha else nhan)))
        lines += [("doan", line) for line in dong_nhiem_vu(task, nhan)]
    return lines


def linh_vuc_in(area: LinhVuc, so: int, nhan: NhanTruong) -> list[DongIn]:
    """An area: its title, ``a) Mục tiêu`` and ``b) Nhiệm vụ`` bullets (or its tasks with their fields), text."""
    lines = [_plain("khoan", f"{so}. {area.ten}")]
    if area.muc_tieu:
        lines.append(_plain("diem", "a) Mục tiêu"))
        lines += [_plain("doan", f"- {item}") for item in area.muc_tieu]
    if co_chi_tiet(area.nhiem_vu):
        if area.muc_tieu:
            lines.append(_plain("diem", "b) Nhiệm vụ"))
        lines += nhiem_vu_in(area.nhiem_vu, nhan, f"{so}.")
    elif area.nhiem_vu:
        lines.append(_plain("diem", f"{'b' if area.muc_tieu else 'a'}) Nhiệm vụ"))
        lines += [_plain("doan", f"- {task.ten}") for task in area.nhiem_vu]
    lines += [_plain("doan", item) for item in area.doan]
    return lines


def ket_qua_in(results: list[KetQuaNhiemVu], ky: KyBaoCao) -> list[DongIn]:
    """The results of a report: task by task, or field by field (``1. Cải cách thể chế``, then ``1.1. …``) when the
    plan groups its tasks. Khoản are numbered from 1 in the section (ND30-HD-09); a task whose identity in the plan
    is another number says so (``1.1. Nhiệm vụ 2.1: …``)."""
    grouped = any(r.linh_vuc for r in results)
    lines: list[DongIn] = []
    field, field_number, number = None, 0, 0
    for place, result in enumerate(results, 1):
        if grouped and (place == 1 or result.linh_vuc != field):
            field, field_number, number = result.linh_vuc, field_number + 1, 0
            lines.append(_plain("khoan", f"{field_number}. {field or 'Nhiệm vụ khác'}"))
        number += 1
        so = f"{field_number}.{number}." if grouped else f"{place}."
        lines.append(_plain("khoan", tieu_de_ket_qua(result, so, grouped)))
        lines += [_plain("doan", x) for x in dong_ket_qua(result, ky)]
    return lines


_COLUMN_WORDS = (
    ("so", ("STT", "TT")),
    ("ten", ("NHIỆM VỤ", "NỘI DUNG", "TÊN")),
    ("ket_qua", ("SẢN PHẨM", "KẾT QUẢ")),
    ("thoi_gian", ("THỜI GIAN", "THỜI HẠN", "TIẾN ĐỘ")),
    ("chu_tri", ("CHỦ TRÌ",)),
    ("phoi_hop", ("PHỐI HỢP",)),
    ("theo_doi", ("THEO DÕI",)),
)


def truong_cua_cot(title: str) -> str:
    """The task field a column of the appendix table shows, from its title ("" for none)."""
    value = " ".join(text.viet_hoa(title).split())
    if value in ("TT", "STT", "SỐ TT"):
        return "so"
    for name, words in _COLUMN_WORDS[1:]:
        if any(word in value for word in words):
            return name
    return ""


def _o(value: str, dam: bool = False) -> OBang:
    return OBang(doan=value.splitlines(), dam=dam)


def _o_viec(row: Any, fields: list[str], first: bool, number: str, name: str) -> list[OBang]:
    """The cells of one row of a task (``row`` the task or one of its further rows)."""
    values = {
        "so": number if first else "",
        "ten": name if first else "",
        "ket_qua": row.ket_qua or "",
        "thoi_gian": str(row.thoi_gian or ""),
        "chu_tri": row.chu_tri or "",
        "phoi_hop": "; ".join(row.phoi_hop),
        "theo_doi": row.theo_doi or "",
    }
    cells: list[OBang] = []
    skip = False
    for index, field in enumerate(fields):
        if skip:
            skip = False
            continue
        cell = _o(values.get(field, ""))
        if field in ("so", "ten") and not first:
            cell = OBang(noi_tren=True)
        elif field and field in row.o_gop and index + 1 < len(fields):
            cell = cell.model_copy(update={"gop_cot": 2})
            skip = True
        cells.append(cell)
    return cells


def bang_nhiem_vu(phu_luc: PhuLuc) -> Bang:
    """The appendix task table as printed: titles, the column-number row, a row per group and per task row."""
    fields = [truong_cua_cot(title) for title in phu_luc.cot]
    rows = [[_o(title, True) for title in phu_luc.cot]]
    if phu_luc.hang_so:
        rows.append([_o(value, True) for value in phu_luc.hang_so])
    number = 0
    for index, group in enumerate(phu_luc.nhom, 1):
        if group.ten:
            rows.append([_o(text.la_ma(index) if f == "so" else group.ten if f == "ten" else "", True) for f in fields])
        if phu_luc.danh_so == "trong_nhom":
            number = 0
        for task in group.nhiem_vu:
            number += 1
            rows.append(_o_viec(task, fields, True, str(number), task.ten))
            rows += [_o_viec(more, fields, False, "", "") for more in task.them]
    return Bang(hang=rows, hang_tieu_de=1 + bool(phu_luc.hang_so), do_rong=phu_luc.do_rong or do_rong_phu_luc(phu_luc))


def do_rong_phu_luc(phu_luc: PhuLuc) -> list[int]:
    """Column widths of the task table when the model gives none: each field's usual width, fitted to the page."""
    usual = {field: width for _, field, width in COT_PHU_LUC}
    widths = [usual.get(truong_cua_cot(title), 1500) for title in phu_luc.cot]
    return vua_trang(widths, len(widths), True) if sum(widths) > LANDSCAPE_TEXT_WIDTH else widths


def cot_chi_tieu(targets: list[ChiTieuDat], column: str) -> str:
    """One column of the report's appendix table, a line per target."""
    values = []
    for target in targets:
        if column == "ke_hoach":
            values.append(f"{text.so(target.so_luong)} {target.don_vi}")
        elif column == "dat":
            missing = f" (chưa có số liệu {cac_ky(target.thieu)})" if target.thieu else ""
            values.append("[Bổ sung]" if target.dat is None else text.so(target.dat) + missing)
        else:
            values.append("" if target.ty_le is None else text.ti_le(target.ty_le, 1))
    return "; ".join(values)


#: The report's summary table: title and width (twips, landscape) of each column.
COT_TONG_HOP = [
    ("TT", 700),
    ("Nhiệm vụ", 5000),
    ("Chủ trì", 2300),
    ("Chỉ tiêu", 2200),
    ("Đạt được", 1300),
    ("Tỷ lệ", 1000),
    ("Tình trạng", 1787),
]


def bang_tong_hop(ket_qua: list[KetQuaNhiemVu]) -> Bang:
    """The report's summary table: each task, its lead unit, targets, what was reached, status."""
    rows = [[_o(title, True) for title, _ in COT_TONG_HOP]]
    for result in ket_qua:
        values = [result.ma or str(result.so), result.ten, result.chu_tri or ""]
        values += [cot_chi_tieu(result.chi_tieu, column) for column in ("ke_hoach", "dat", "ty_le")]
        rows.append([_o(value) for value in [*values, result.ten_trang_thai]])
    return Bang(hang=rows, hang_tieu_de=1, do_rong=[width for _, width in COT_TONG_HOP])


def kem_theo(
    loai: str, so_ky_hieu: SoKyHieu, ngay: date | NgayDuThao | None, co_quan: str | None = None, ngang: bool = False
) -> str:
    """An appendix's reference line (ND30-PL-04): ``(Kèm theo Kế hoạch số 19/KH-SKHCN ngày 31 tháng 01 năm 2024
    của Sở Khoa học và Công nghệ)``; the issuing body when its name is known, on a line of its own when the whole
    does not fit the page (``ngang``: landscape)."""
    from ._metrics import rendered_width

    head = f"(Kèm theo {loai} số {so_van_ban(so_ky_hieu)} {ngay_thang(ngay)}"
    if not co_quan:
        return f"{head})"
    room = LANDSCAPE_TEXT_WIDTH if ngang else TEXT_WIDTH
    joint = " " if rendered_width(f"{head} của {co_quan})", 14, italic=True) <= room else SOFT_BREAK
    return f"{head}{joint}của {co_quan})"


def bieu_thong_ke(
    ket_qua: list[KetQuaNhiemVu],
    ky: KyBaoCao,
    so_ky_hieu: SoKyHieu,
    ngay: date | NgayDuThao | None,
    co_quan: str | None = None,
) -> PhuLucVanBan:
    """Biểu 01 of a report: tasks by status, and the rate of completion over the tasks that have a status."""
    known = [r for r in ket_qua if r.trang_thai is not None]
    done = sum(r.trang_thai == "hoan_thanh" for r in known)
    partial = sum(bool(r.thieu) for r in known)
    note = f"{text.dem(partial)} nhiệm vụ chưa đủ số liệu các kỳ" if partial else ""
    rows = [["STT", "Nội dung", "Đơn vị tính", "Số liệu", "Ghi chú"]]
    rows.append(["1", "Số nhiệm vụ của kế hoạch", "nhiệm vụ", text.dem(len(ket_qua)), ""])
    rows.append(["2", "Số nhiệm vụ đã có số liệu về tình trạng, trong đó:", "nhiệm vụ", text.dem(len(known)), note])
    for number, (key, name) in enumerate(TEN_TRANG_THAI.items(), 3):
        count = text.dem(sum(r.trang_thai == key for r in known)) if known else "[Bổ sung]"
        rows.append([str(number), f"- {name[:1].upper()}{name[1:]}", "nhiệm vụ", count, ""])
    rate = text.ti_le(done / len(known), 2) if known else "[Bổ sung]"
    rows.append([str(len(rows)), "Tỷ lệ hoàn thành (trên số nhiệm vụ có số liệu)", "%", rate, ""])
    table = Bang(
        hang=[[_o(value, dam=index == 0) for value in row] for index, row in enumerate(rows)],
        hang_tieu_de=1,
        do_rong=[700, 4600, 1300, 1300, 1400],
    )
    title = ["THỐNG KÊ KẾT QUẢ THỰC HIỆN NHIỆM VỤ", text.viet_hoa(str(ky))]
    note = kem_theo("Báo cáo", so_ky_hieu, ngay, co_quan)
    return PhuLucVanBan(nhan="Biểu 01", tieu_de=title, ghi_chu=note, noi_dung=[table])


def chu(line: Dong) -> str:
    """The text of a printed line."""
    return "".join(piece for piece, _ in line)
