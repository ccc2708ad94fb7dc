"""Progress collection: one XLSX form per lead unit, made from the plan, and the returned forms merged into the
progress file ``vanban report`` reads, with who has not replied and what contradicts the plan.

A form has a first sheet that says what to fill and by when, a task sheet whose one header row is
:data:`COT_BIEU_MAU` (STT is the task's identity in the plan, the targets pre-filled and locked, a drop-down for
the status, numbers only where a number goes), and a very hidden sheet that stamps the plan, the period and the
unit, so that a reply is matched to its form whatever the file is called.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from . import text
from ._errors import InputError
from ._tien_do import columns, load_rows
from ._xlsx import open_workbook, sheet_rows
from .models import KeHoach, KyBaoCao, NhiemVu, TienDoKy
from .models.bao_cao import TEN_TRANG_THAI

#: The task sheet's header row, exactly (the progress reader knows these titles).
COT_BIEU_MAU = [
    "STT",
    "Nhiệm vụ",
    "Chỉ tiêu",
    "Đơn vị tính",
    "Tình trạng",
    "Kết quả thực hiện",
    "Số đạt được",
    "Văn bản đã ban hành",
    "Khó khăn, vướng mắc",
    "Đề xuất",
]
_WIDTHS = [9, 48, 10, 18, 17, 45, 13, 36, 30, 30]
_FILL_FIRST = {4, 5, 6, 7, 8, 9}  # columns a unit fills on a task's first row; further rows: the figure only
_GUIDE, _TASKS, _STAMP = "Hướng dẫn", "Nhiệm vụ", "vanban"
_KIND = "vanban-bieu-mau-tien-do"
#: The form for tasks that name no lead unit: the office that drafts the report fills it.
TONG_HOP = "Bộ phận tổng hợp"
MAX_FORMS = 500

_UNIT_WORDS = (
    r"(?:Phòng|Sở|Ban|Văn phòng|Trung tâm|Chi cục|Cục|Vụ|Thanh tra|Ủy ban|Uỷ ban|UBND|Công an|Bộ Chỉ huy|Bộ chỉ huy|"
    r"Đoàn|Hội|Trường|Viện|Tổ|Bộ phận|Các|Đài|Báo|Bảo hiểm|Kho bạc|Liên đoàn|Mặt trận|Hạt|Đội|Ngân hàng|Tòa án|"
    r"Công ty|Quỹ|Đảng ủy|Đảng uỷ|Chi bộ|Thường trực|Khoa|Bệnh viện|Nhà|Cảng vụ|Chi nhánh)\b"
)
_UNIT_SPLIT = re.compile(rf"\s*[;\n]\s*|\s*,\s*(?={_UNIT_WORDS})|\s+và\s+(?={_UNIT_WORDS})")


@dataclass
class MergeResult:
    """Returned forms merged: the progress of the period, and what the planning office should chase."""

    progress: TienDoKy
    units: list[str] = field(default_factory=list)
    replied: list[str] = field(default_factory=list)
    missing_units: list[str] = field(default_factory=list)
    empty_units: list[str] = field(default_factory=list)
    missing_figures: list[str] = field(default_factory=list)
    contradictions: list[str] = field(default_factory=list)


# --- forms out -------------------------------------------------------------------------------------------
def lead_units(chu_tri: str | None) -> list[str]:
    """The lead units a task names: ``Phòng A; Phòng B`` or ``Phòng A, Sở B`` are two, ``Sở Lao động, Thương
    binh và Xã hội`` one (a part counts as a unit only when it starts with a word units are named by)."""
    if not chu_tri or not chu_tri.strip():
        return []
    units: list[str] = []
    for part in _UNIT_SPLIT.split(text.nfc(chu_tri)):
        name = " ".join(part.split()).strip(" .;,:-")
        if name and name.casefold() not in (u.casefold() for u in units):
            units.append(name)
    return units


def _due(task: NhiemVu, period: KyBaoCao) -> bool:
    """Whether a task has anything due in or before the period (a task with no placed time frame has)."""
    frames = [f for f in [task.thoi_gian, *(a.thoi_gian for a in task.hoat_dong)] if f is not None]
    if not frames:
        return True
    end = period.thang.stop - 1
    for frame in frames:
        if frame.nam is not None and frame.nam < period.nam:
            return True
        months = frame.cac_thang(period.nam)
        if months is None or (months and min(months) <= end):
            return True
    return False


def assignments(plan: KeHoach, ky: KyBaoCao | str) -> dict[str, list[tuple[str, NhiemVu]]]:
    """Each lead unit's tasks due in or before the period, by the task's identity; tasks naming no unit go to
    :data:`TONG_HOP`. Units in the order the plan first names them."""
    period = ky if isinstance(ky, KyBaoCao) else KyBaoCao.from_words(ky, plan.nam)
    out: dict[str, list[tuple[str, NhiemVu]]] = {}
    spelled: dict[str, str] = {}  # a unit written "Các sở, ngành" here and "các sở, ngành" there is one unit
    for ma, task in plan.cac_nhiem_vu():
        if not _due(task, period):
            continue
        for unit in lead_units(task.chu_tri) or [TONG_HOP]:
            name = spelled.setdefault(unit.casefold(), unit[:1].upper() + unit[1:])
            out.setdefault(name, []).append((ma, task))
    return out


def progress_forms(
    plan: KeHoach,
    ky: KyBaoCao | str,
    *,
    mot_tep: bool = False,
    han_nop: date | str | None = None,
    gui_ve: str | None = None,
) -> dict[str, bytes]:
    """The XLSX forms for period ``ky``: file name → bytes, one per lead unit (``mot_tep``: one workbook with a
    sheet per unit). ``han_nop`` (the deadline) and ``gui_ve`` (where to send it) are printed on the first sheet."""
    if not isinstance(plan, KeHoach):
        raise TypeError(f"progress_forms: cần một KeHoach, không phải {type(plan).__name__}")
    period = ky if isinstance(ky, KyBaoCao) else KyBaoCao.from_words(ky, plan.nam)
    units = assignments(plan, period)
    if not units:
        raise InputError(f"kế hoạch không có nhiệm vụ nào đến hạn trong hoặc trước {period} để lập biểu mẫu")
    deadline = text.ngay_ngan(han_nop) if isinstance(han_nop, date) else han_nop
    stamp = {"loai": _KIND, "phien_ban": "1", "ke_hoach": plan_key(plan), "ten_ke_hoach": _plan_name(plan)}
    stamp["ky"] = str(period)
    if mot_tep:
        name = _safe_name(f"Biểu mẫu tiến độ {period}") + ".xlsx"
        return {name: _workbook(plan, period, units, list(units), stamp, deadline, gui_ve)}
    names = _unique([_safe_name(unit) for unit in units])
    return {
        f"{file_name}.xlsx": _workbook(plan, period, {unit: tasks}, list(units), stamp, deadline, gui_ve)
        for file_name, (unit, tasks) in zip(names, units.items(), strict=True)
    }


def plan_key(plan: KeHoach) -> str:
    """What identifies a plan across its forms: its number, date, year and trích yếu (not its content)."""
    words = "|".join(
        [str(plan.so_ky_hieu), str(plan.ngay_ban_hanh or ""), str(plan.nam), " ".join(plan.trich_yeu.split())]
    )
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:16]


def _plan_name(plan: KeHoach) -> str:
    number = f" số {plan.so_ky_hieu}" if plan.so_ky_hieu.so else ""
    issued = f" ngày {text.ngay_ngan(plan.ngay_ban_hanh)}" if isinstance(plan.ngay_ban_hanh, date) else ""
    summary = " ".join(plan.trich_yeu.split())
    return f"Kế hoạch{number}{issued} về {summary[:1].lower()}{summary[1:]}"


def _workbook(
    plan: KeHoach,
    period: KyBaoCao,
    units: dict[str, list[tuple[str, NhiemVu]]],
    everyone: list[str],
    stamp: dict[str, str],
    deadline: str | None,
    send_to: str | None,
) -> bytes:
    from openpyxl import Workbook
    from openpyxl.workbook.protection import WorkbookProtection

    book = Workbook()
    guide = book.worksheets[0]
    guide.title = _GUIDE
    titles = _unique([_sheet_title(unit) for unit in units]) if len(units) > 1 else [_TASKS]
    _write_guide(guide, plan, period, dict(zip(titles, units, strict=True)), deadline, send_to)
    for title, tasks in zip(titles, units.values(), strict=True):
        _write_tasks(book.create_sheet(title), tasks, period)
    hidden = book.create_sheet(_STAMP)
    rows = [*stamp.items(), *(("trang", f"{title}\t{unit}") for title, unit in zip(titles, units, strict=True))]
    rows += [("don_vi", unit) for unit in everyone]
    for row in rows:
        hidden.append(list(row))
    hidden.sheet_state = "veryHidden"
    book.security = WorkbookProtection(lockStructure=True)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _write_guide(
    sheet: Any,
    plan: KeHoach,
    period: KyBaoCao,
    sheets: dict[str, str],
    deadline: str | None,
    send_to: str | None,
) -> None:
    from openpyxl.styles import Alignment, Font

    where = ", ".join(f"trang '{title}' ({unit})" for title, unit in sheets.items())
    lines = [
        (f"BIỂU MẪU BÁO CÁO TIẾN ĐỘ {text.viet_hoa(str(period))}", True),
        (_plan_name(plan), False),
        (f"Đơn vị: {'; '.join(sheets.values())}", True),
        ("", False),
        ("Cách điền:", True),
        (
            f"1. Điền vào {where}; mỗi dòng là một nhiệm vụ, hoặc một chỉ tiêu của nhiệm vụ. Chỉ điền các ô tô vàng.",
            False,
        ),
        ("2. Tình trạng: chọn trong danh sách (hoàn thành, đang thực hiện, chậm tiến độ, chưa triển khai).", False),
        (
            f"3. Số đạt được: số đạt được trong {period} (không cộng dồn các kỳ trước), chỉ ghi số: 1000 hoặc 1.000; "
            "số lẻ viết dấu phẩy: 12,5.",
            False,
        ),
        (
            "4. Kết quả thực hiện: việc đã làm, sản phẩm; Văn bản đã ban hành: số, ngày, trích yếu; Khó khăn, vướng mắc; "
            "Đề xuất (nếu có).",
            False,
        ),
        (
            "5. Không đổi cột STT và các cột đã ghi sẵn; muốn ghi thêm cho một nhiệm vụ thì thêm dòng, ghi đúng STT.",
            False,
        ),
        ("", False),
        (f"Hạn gửi: {deadline or '[theo văn bản đề nghị báo cáo]'}", True),
        (f"Gửi về: {send_to or '[theo văn bản đề nghị báo cáo]'}", True),
        ("Gửi lại chính tệp này (đổi tên tệp cũng được).", False),
    ]
    for number, (line, bold) in enumerate(lines, 1):
        cell = sheet.cell(row=number, column=1, value=line or None)
        cell.font = Font(name="Times New Roman", size=12, bold=bold)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 110


def _write_tasks(sheet: Any, tasks: list[tuple[str, NhiemVu]], period: KyBaoCao) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    to_fill = PatternFill("solid", fgColor="FFF2CC")
    sheet.append(COT_BIEU_MAU)
    for column, width in enumerate(_WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(column)].width = width
        header = sheet.cell(row=1, column=column)
        header.font = Font(name="Times New Roman", size=11, bold=True)
        header.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        header.fill = PatternFill("solid", fgColor="D9D9D9")
        header.border = border
    for ma, task in tasks:
        targets: list[tuple[float | None, str | None]] = [(t.so_luong, t.don_vi) for t in task.chi_tieu]
        targets = targets or [(None, None)]
        for index, (amount, unit) in enumerate(targets):
            name = _task_cell(task, period) if index == 0 else None
            sheet.append([ma, name, amount, unit, None, None, None, None, None, None])
            row = sheet.max_row
            for column in range(1, len(COT_BIEU_MAU) + 1):
                cell = sheet.cell(row=row, column=column)
                cell.font = Font(name="Times New Roman", size=11)
                cell.alignment = Alignment(vertical="top", wrap_text=True)
                cell.border = border
                figure = column - 1 == 6
                open_here = (column - 1 in _FILL_FIRST if index == 0 else figure) and not (figure and unit is None)
                if open_here:
                    cell.protection = Protection(locked=False)
                    cell.fill = to_fill
    last = max(sheet.max_row, 2)
    statuses = DataValidation(
        type="list",
        formula1='"' + ",".join(TEN_TRANG_THAI.values()) + '"',
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Tình trạng",
        error="Chọn một tình trạng trong danh sách.",
    )
    figures = DataValidation(
        type="decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Số đạt được",
        error="Chỉ ghi số (không âm), ví dụ 1000 hoặc 12,5.",
    )
    sheet.add_data_validation(statuses)
    sheet.add_data_validation(figures)
    statuses.add(f"E2:E{last}")
    figures.add(f"G2:G{last}")
    sheet.freeze_panes = "C2"
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    sheet.protection.insertRows = False


def _task_cell(task: NhiemVu, period: KyBaoCao) -> str:
    """The task's name, and its activities due up to the period, each with its time."""
    end = period.thang.stop - 1
    lines = [" ".join(task.ten.split())]
    for activity in task.hoat_dong:
        months = activity.thoi_gian.cac_thang(period.nam) if activity.thoi_gian else None
        if months and min(months) > end:
            continue
        when = f" ({activity.thoi_gian})" if activity.thoi_gian else ""
        lines.append(f"- {' '.join(activity.noi_dung.split())}{when}")
    return "\n".join(lines)


_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{n}" for n in range(1, 10)), *(f"LPT{n}" for n in range(1, 10))}


def _safe_name(name: str, limit: int = 80) -> str:
    """A unit's name as a file name on every file system: readable Vietnamese kept, ``/\\:*?"<>|`` and control
    characters replaced, no trailing dot or space, no reserved device name."""
    value = unicodedata.normalize("NFC", name)
    value = "".join("-" if c in '/\\:*?"<>|' or unicodedata.category(c)[0] == "C" else c for c in value)
    value = " ".join(value.split())[:limit].strip(" .-") or "don-vi"
    if value.split(".")[0].upper() in _RESERVED:
        value = f"_{value}"
    return value


def _sheet_title(unit: str) -> str:
    """A sheet title (at most 31 characters, none of ``[]:*?/\\``)."""
    value = "".join(" " if c in "[]:*?/\\'" else c for c in unicodedata.normalize("NFC", unit))
    return " ".join(value.split())[:31].strip() or "Đơn vị"


def _unique(names: list[str]) -> list[str]:
    """Names made unique without regard to case (``Phòng A``, ``Phòng A (2)``), each within its length."""
    seen: set[str] = set()
    out = []
    for name in names:
        candidate, number = name, 1
        while candidate.casefold() in seen:
            number += 1
            suffix = f" ({number})"
            candidate = name[: 31 - len(suffix)] + suffix if len(name) + len(suffix) > 31 else name + suffix
        seen.add(candidate.casefold())
        out.append(candidate)
    return out


# --- replies in ------------------------------------------------------------------------------------------
@dataclass
class _Reply:
    unit: str
    source: str
    period: TienDoKy | None
    targets: dict[tuple[str, str], float]


def merge_progress(
    paths: Iterable[str | os.PathLike[str]],
    plan: KeHoach | None = None,
    ky: KyBaoCao | str | None = None,
) -> MergeResult:
    """The returned forms merged into one period's progress (any order, renamed files, extra rows). Each form
    must be one of this plan's (``plan``, else the first form's) and period (``ky``, else the first form's)."""
    files = [Path(p) for p in paths]
    if not files:
        raise InputError("không có tệp biểu mẫu nào để gộp")
    if len(files) > MAX_FORMS:
        raise InputError(f"quá nhiều tệp biểu mẫu ({len(files)}; tối đa {MAX_FORMS})")
    expected_plan = plan_key(plan) if plan is not None else None
    expected_period: KyBaoCao | None = None
    if ky is not None:
        expected_period = ky if isinstance(ky, KyBaoCao) else KyBaoCao.from_words(ky, plan.nam if plan else None)
    everyone: list[str] = []
    replies: list[_Reply] = []
    for path in files:
        stamp, sheets = _read_form(path)
        if expected_plan is None:
            expected_plan = stamp["ke_hoach"]
        if stamp["ke_hoach"] != expected_plan:
            whose = "kế hoạch đã cho" if plan is not None else f"tệp {files[0]}"
            raise InputError(
                f"biểu mẫu của kế hoạch khác ({stamp.get('ten_ke_hoach', '?')}), không phải của {whose}",
                source=str(path),
            )
        period = KyBaoCao.from_words(stamp["ky"])
        if expected_period is None:
            expected_period = period
        if period != expected_period:
            raise InputError(f"biểu mẫu của {period}, không phải {expected_period}", source=str(path))
        everyone += [u for u in stamp["don_vi"] if u not in everyone]
        for unit, title, rows in sheets:
            where = f"{path} (trang '{title}')" if len(sheets) > 1 else str(path)
            replies.append(_reply(unit, rows, period, where))
    assert expected_period is not None
    return _merge(replies, everyone, expected_period, plan)


def _read_form(path: Path) -> tuple[dict[str, Any], list[tuple[str, str, list[list[Any]]]]]:
    """A returned form: its stamp, and each unit's task sheet (unit, sheet title, rows)."""
    book = open_workbook(path)
    try:
        stamp_sheet = next((s for s in book.worksheets if s.title == _STAMP), None)
        if stamp_sheet is None:
            raise InputError("không phải biểu mẫu tiến độ do vanban lập (thiếu dấu của biểu mẫu)", source=str(path))
        stamp: dict[str, Any] = {"don_vi": [], "trang": {}}
        for row in sheet_rows(stamp_sheet, str(path)):
            key, value = (str(row[0] or ""), str(row[1] or "")) if len(row) > 1 else ("", "")
            if key == "don_vi":
                stamp["don_vi"].append(value)
            elif key == "trang" and "\t" in value:
                title, unit = value.split("\t", 1)
                stamp["trang"][title] = unit
            elif key:
                stamp[key] = value
        if stamp.get("loai") != _KIND or not stamp.get("ke_hoach") or not stamp.get("ky"):
            raise InputError("dấu của biểu mẫu bị hỏng: không biết của kế hoạch, kỳ nào", source=str(path))
        sheets = []
        for sheet in book.worksheets:
            if sheet.title in (_STAMP, _GUIDE):
                continue
            rows = list(sheet_rows(sheet, str(path)))
            first = next((r for r in rows if any(c not in (None, "") for c in r)), None)
            if first is None or [str(c or "").strip() for c in first[: len(COT_BIEU_MAU)]] != COT_BIEU_MAU:
                continue
            unit = stamp["trang"].get(sheet.title)
            if unit is None:
                raise InputError(f"trang '{sheet.title}' không có trong dấu của biểu mẫu", source=str(path))
            sheets.append((unit, sheet.title, rows))
    finally:
        book.close()
    if not sheets:
        raise InputError(f"không thấy trang nhiệm vụ (dòng tiêu đề: {' | '.join(COT_BIEU_MAU)})", source=str(path))
    return stamp, sheets


def _reply(unit: str, rows: list[list[Any]], period: KyBaoCao, source: str) -> _Reply:
    header = next(r for r in rows if any(c not in (None, "") for c in r))
    where = columns(header)
    targets: dict[tuple[str, str], float] = {}
    for row in rows[rows.index(header) + 1 :]:
        ma, unit_name, amount = (_cell(row, where.get(name)) for name in ("nhiem_vu", "chi_tieu", "so_chi_tieu"))
        if ma not in (None, "") and unit_name and isinstance(amount, (int, float)):
            targets[(str(ma).strip(), str(unit_name).strip())] = float(amount)
    found = load_rows(rows, period, source)
    return _Reply(unit, source, found[0] if found else None, targets)


def _cell(row: list[Any], index: int | None) -> Any:
    return row[index] if index is not None and index < len(row) else None


def _merge(replies: list[_Reply], everyone: list[str], period: KyBaoCao, plan: KeHoach | None) -> MergeResult:
    notes: list[str] = []
    identities = dict(plan.cac_nhiem_vu()) if plan is not None else None
    entries: list[tuple[_Reply, str, Any]] = []
    for reply in replies:
        for ma, entry in (reply.period.nhiem_vu if reply.period else {}).items():
            if identities is not None and ma not in identities:
                notes.append(f"{reply.source}: nhiệm vụ '{ma}' không có trong kế hoạch; bỏ qua dòng này")
                continue
            entries.append((reply, ma, entry))
    leads: dict[str, list[str]] = {}
    for reply, ma, _ in entries:
        leads.setdefault(ma, []).append(reply.unit)
    tasks: dict[str, dict[str, Any]] = {}
    for reply, ma, entry in entries:
        dropped = _check_entry(ma, entry, reply, notes)
        entry = entry.model_copy(update={"dat": {k: v for k, v in entry.dat.items() if k not in dropped}})
        prefix = f"{reply.unit}: " if len(leads[ma]) > 1 else ""  # several units lead it: whose words are whose
        _merge_entry(
            ma, tasks.setdefault(ma, {"dat": {}, "ket_qua": [], "kho_khan": [], "de_xuat": []}), entry, prefix, notes
        )
    for merged in tasks.values():
        if merged.pop("_conflict_status", False):
            merged.pop("trang_thai", None)
        for unit_name in merged.pop("_conflict_figures", set()):
            merged["dat"].pop(unit_name, None)
    several = len({r.unit for r in replies}) > 1
    chi_dao = [f"{r.unit}: {line}" if several else line for r in replies if r.period for line in r.period.chi_dao]
    progress = TienDoKy.model_validate(
        {"ky": period, "nhiem_vu": {ma: v for ma, v in tasks.items() if _has_content(v)}, "chi_dao": chi_dao}
    )
    missing_figures: list[str] = []
    for ma, units_of_target in _expected_tasks(replies, plan, period).items():
        found = progress.nhiem_vu.get(ma)
        if found is None or found.trang_thai is None:
            missing_figures.append(f"nhiệm vụ {ma}: chưa có tình trạng")
        missing_figures += [
            f"nhiệm vụ {ma}: chưa có số đạt được ({name})"
            for name in units_of_target
            if found is None or name not in found.dat
        ]
    sent = {r.unit for r in replies}
    replied = {r.unit for r in replies if r.period is not None and (r.period.nhiem_vu or r.period.chi_dao)}
    return MergeResult(
        progress=progress,
        units=everyone,
        replied=[u for u in everyone if u in replied],
        missing_units=[u for u in everyone if u not in sent],
        empty_units=[u for u in everyone if u in sent and u not in replied],
        missing_figures=missing_figures,
        contradictions=notes,
    )


def _check_entry(ma: str, entry: Any, reply: _Reply, notes: list[str]) -> set[str]:
    """What one unit says that cannot be so: a figure for no target of the task (left out: returned), more than
    the target, done with no result, not started with results."""
    where = f"{reply.unit}, nhiệm vụ {ma}"
    dropped = set()
    for unit_name, value in entry.dat.items():
        target = reply.targets.get((ma, unit_name))
        if target is None:
            notes.append(f"{where}: số đạt được {text.so(value)} không ứng với chỉ tiêu nào của nhiệm vụ; bỏ qua")
            dropped.add(unit_name)
        elif value > target:
            notes.append(f"{where}: số đạt được {text.so(value)} lớn hơn chỉ tiêu cả năm {text.so(target)} {unit_name}")
    if entry.trang_thai == "hoan_thanh" and not entry.ket_qua:
        notes.append(f"{where}: ghi 'hoàn thành' nhưng không ghi kết quả thực hiện")
    if entry.trang_thai == "chua_trien_khai" and (any(entry.dat.values()) or entry.ket_qua):
        notes.append(f"{where}: ghi 'chưa triển khai' nhưng có kết quả hoặc số đạt được")
    return dropped


def _merge_entry(ma: str, merged: dict[str, Any], entry: Any, prefix: str, notes: list[str]) -> None:
    """One unit's entry added to a task's: words kept from each; a status or figure two units give differently is
    left out (and listed), never chosen."""
    if entry.trang_thai:
        if merged.get("trang_thai") not in (None, entry.trang_thai):
            notes.append(f"nhiệm vụ {ma}: các đơn vị ghi tình trạng khác nhau; để trống cho người tổng hợp ghi")
            merged["_conflict_status"] = True
        merged.setdefault("trang_thai", entry.trang_thai)
    for unit_name, value in entry.dat.items():
        if unit_name in merged["dat"] and merged["dat"][unit_name] != value:
            notes.append(
                f"nhiệm vụ {ma}: các đơn vị ghi số đạt được ({unit_name}) khác nhau: "
                f"{text.so(merged['dat'][unit_name])} và {text.so(value)}; để trống cho người tổng hợp ghi"
            )
            merged.setdefault("_conflict_figures", set()).add(unit_name)
        merged["dat"].setdefault(unit_name, value)
    for name in ("ket_qua", "kho_khan", "de_xuat"):
        merged[name] += [f"{prefix}{line}" for line in getattr(entry, name) if f"{prefix}{line}" not in merged[name]]


def _has_content(entry: dict[str, Any]) -> bool:
    return bool(entry.get("trang_thai") or entry["dat"] or entry["ket_qua"] or entry["kho_khan"] or entry["de_xuat"])


def _expected_tasks(replies: list[_Reply], plan: KeHoach | None, period: KyBaoCao) -> dict[str, list[str]]:
    """Each task the forms asked about, with the units of its targets."""
    if plan is not None:
        due = {ma: task for unit_tasks in assignments(plan, period).values() for ma, task in unit_tasks}
        return {ma: [t.don_vi for t in task.chi_tieu] for ma, task in due.items()}
    out: dict[str, list[str]] = {}
    for reply in replies:
        for ma, unit_name in reply.targets:
            out.setdefault(ma, [])
            if unit_name not in out[ma]:
                out[ma].append(unit_name)
    return out


def progress_yaml(progress: TienDoKy, sources: Sequence[str] = ()) -> str:
    """The merged progress as the YAML file ``vanban report --tien-do`` reads (statuses in words)."""
    from ruamel.yaml import YAML

    from ._files import HEADER

    data = progress.model_dump(mode="json", exclude_defaults=True, exclude={"nguon"})
    for entry in data.get("nhiem_vu", {}).values():
        if entry.get("trang_thai"):
            entry["trang_thai"] = TEN_TRANG_THAI[entry["trang_thai"]]
        entry["dat"] = {k: int(v) if float(v).is_integer() else v for k, v in entry.get("dat", {}).items()}
        if not entry["dat"]:
            del entry["dat"]
    yaml = YAML()
    yaml.allow_unicode = True
    yaml.width = 4096
    out = io.StringIO()
    yaml.dump(data, out)
    origin = f" từ {len(sources)} biểu mẫu" if sources else ""
    return (
        f"{HEADER} — tiến độ {progress.ky}{origin}. Soạn báo cáo: vanban report KẾ_HOẠCH --ky … --tien-do TỆP\n"
        + out.getvalue()
    )
