"""Next year's plan from this year's: every change listed, and what a person must check.

References that belong to the plan's own year move (``… năm 2024``, ``cả năm 2024``, ``Quý I
năm 2024``, the plan's own deadlines); references to other documents and periods stay
(``Quyết định số 2303/QĐ-UBND ngày 25/11/2021``, ``giai đoạn 2021 – 2025``, ``đến năm 2030``,
``số 85/2015/QH13``). Structured time frames move structurally; free text moves only where
the year is the plan's year in a phrase about the plan's own time, and anything unclear is
left as it is and listed for review.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel

from vanban import text

from .._errors import InputError
from ..models import CanCu, ChiTieu, KeHoach, NgayDuThao, NhiemVu, SoKyHieu, ThoiGian
from ..models.bao_cao import BaoCao

PLACEHOLDER_NUMBER = "[Bổ sung số]"
PLACEHOLDER_DATE = "[Bổ sung ngày]"


@dataclass(frozen=True)
class Change:
    """One change: where it is, the old text and the new; ``review`` when a person must look."""

    where: str
    old: str
    new: str
    review: bool = False
    note: str = ""


def next_year(
    plan: KeHoach, nam: int | None = None, bao_cao: BaoCao | None = None, *, giu_hoan_thanh: bool = False
) -> tuple[KeHoach, list[Change]]:
    """The plan rolled to year ``nam`` (default: the next one), and the list of changes.

    With a year-end report ``bao_cao``, tasks it marks done are dropped (kept with ``giu_hoan_thanh``)
    and unfinished ones carry over with what remains of their targets.
    """
    if not isinstance(plan, KeHoach):
        raise TypeError(f"next_year: cần một KeHoach, không phải {type(plan).__name__}")
    if bao_cao is not None and not isinstance(bao_cao, BaoCao):
        raise TypeError(f"next_year: bao_cao cần một BaoCao, không phải {type(bao_cao).__name__}")
    target = plan.nam + 1 if nam is None else nam
    if not isinstance(target, int) or target <= plan.nam or target > plan.nam + 50:
        raise InputError(f"năm mới ({target}) phải sau năm của kế hoạch ({plan.nam}) và không quá 50 năm")
    report, keep_done = bao_cao, giu_hoan_thanh
    roller = _Roller(plan.nam, target)
    tasks = list(plan.nhiem_vu)
    if report is not None:
        tasks = roller.carry_over(tasks, report, keep_done)
    data: dict[str, Any] = {}
    for name in type(plan).model_fields:
        value = getattr(plan, name)
        if name == "nhiem_vu":
            value = tasks
        data[name] = roller.field(name, value)
    if report is not None and len(tasks) != len(plan.nhiem_vu):
        roller.recount(data, len(plan.nhiem_vu), len(tasks))
    return KeHoach.model_validate(data), roller.changes


_NAMES = {
    "trich_yeu": "trích yếu",
    "mo_dau": "mở đầu",
    "muc_dich": "mục đích",
    "yeu_cau": "yêu cầu",
    "nhiem_vu": "nhiệm vụ",
    "linh_vuc": "lĩnh vực",
    "kinh_phi": "kinh phí",
    "to_chuc_thuc_hien": "tổ chức thực hiện",
    "ket_luan": "đoạn kết",
    "can_cu": "căn cứ",
    "phu_luc": "phụ lục",
    "hoat_dong": "nội dung thực hiện",
    "thoi_gian": "thời gian",
    "ket_qua": "kết quả",
    "ten": "tên",
    "chi_tieu": "chỉ tiêu",
    "doan": "đoạn",
    "muc_tieu": "mục tiêu",
    "nhom": "nhóm",
    "noi_dung": "",
}


def _where(path: list[str | int]) -> str:
    parts = []
    for piece in path:
        if isinstance(piece, int):
            parts.append(str(piece + 1))
        elif _NAMES.get(piece, piece):
            parts.append(_NAMES.get(piece, piece))
    return " › ".join(parts)


class _Roller:
    def __init__(self, old: int, new: int) -> None:
        self.old, self.new, self.delta = old, new, new - old
        self.changes: list[Change] = []

    # --- whole fields ----------------------------------------------------------------------
    def field(self, name: str, value: Any) -> Any:
        if name == "nam":
            self.changes.append(Change("năm kế hoạch", str(self.old), str(self.new)))
            return self.new
        if name == "so_ky_hieu":
            draft = SoKyHieu(so=None, ky_hieu=value.ky_hieu)
            if value.so is not None:
                self.changes.append(Change("số, ký hiệu", f"Số: {value}", f"Số: {text.BLANK}{draft} (văn thư ghi số)"))
            return draft
        if name == "ngay_ban_hanh":
            if isinstance(value, date):
                blank = NgayDuThao(nam=value.year + self.delta)
                self.changes.append(
                    Change("ngày ban hành", text.ngay_thang(value), text.ngay_thang(nam=blank.nam) + " (để trống)")
                )
                return blank
            if isinstance(value, NgayDuThao):
                return NgayDuThao(nam=value.nam + self.delta, thang=value.thang)
            return value
        if name == "can_cu":
            return [self.can_cu(item, [name, index]) for index, item in enumerate(value)]
        if name in ("co_quan", "nguoi_ky", "noi_nhan", "dia_danh"):
            return value
        return self.any(value, [name])

    def any(self, value: Any, path: list[str | int]) -> Any:
        if isinstance(value, ThoiGian):
            return self.time_frame(value, path)
        if isinstance(value, str):
            return self.free_text(value, path)
        if isinstance(value, list):
            return [self.any(item, [*path, index]) for index, item in enumerate(value)]
        if isinstance(value, BaseModel):
            update = {name: self.any(getattr(value, name), [*path, name]) for name in type(value).model_fields}
            return type(value).model_validate({**value.__dict__, **update})
        return value

    # --- structured ------------------------------------------------------------------------
    def time_frame(self, frame: ThoiGian, path: list[str | int]) -> ThoiGian:
        if frame.loai == "khac":
            moved = self.free_text(frame.noi_dung or "", [*path])
            return frame.model_copy(update={"noi_dung": moved})
        update: dict[str, Any] = {}
        if frame.nam == self.old:
            update["nam"] = self.new
        if frame.ngay is not None and frame.ngay.year == self.old:
            update["ngay"] = _shift(frame.ngay, self.delta)
        if not update:
            return frame
        moved = frame.model_copy(update=update)
        self.changes.append(Change(_where(path), str(frame), str(moved)))
        return moved

    def can_cu(self, item: CanCu, path: list[str | int]) -> CanCu:
        """A document of the old year that this year's plan rests on has a successor nobody knows yet."""
        document = item.van_ban
        if document is not None:
            issued_for_year = document.ngay is not None and document.ngay.year in (self.old, self.old - 1)
            about_year = bool(re.search(rf"\bnăm {self.old}\b", document.trich_yeu or ""))
            if issued_for_year and about_year:
                code = (
                    (document.so_ky_hieu or "").split("/", 1)[-1]
                    if document.so_ky_hieu and "/" in document.so_ky_hieu
                    else ""
                )
                number = f"{PLACEHOLDER_NUMBER}/{code}" if code else PLACEHOLDER_NUMBER
                summary = re.sub(rf"\bnăm {self.old}\b", f"năm {self.new}", document.trich_yeu or "")
                parts = [document.loai, f"số {number}", f"ngày {PLACEHOLDER_DATE}"]
                if document.co_quan:
                    parts.append(f"của {document.co_quan}")
                parts.append(summary)
                replaced = CanCu(dan_nhap=item.dan_nhap, noi_dung=" ".join(p for p in parts if p))
                self.changes.append(
                    Change(
                        _where(path),
                        str(item),
                        str(replaced),
                        review=True,
                        note=f"văn bản khung của năm {self.new} chưa biết số, ngày: điền vào",
                    )
                )
                return replaced
            return item
        return item.model_copy(update={"noi_dung": self.free_text(item.noi_dung or "", path)})

    # --- free text --------------------------------------------------------------------------
    def free_text(self, value: str, path: list[str | int]) -> str:
        old, following = str(self.old), str(self.old + 1)
        if old not in value and following not in value:
            return value
        pieces: list[str] = []
        last = 0
        moved = False
        for match in re.finditer(rf"(?<!\d)(?:{old}|{following})(?!\d)", value):
            start, end = match.span()
            year = int(match.group(0))
            decision = self._decide(value, start, end)
            pieces.append(value[last:start])
            if decision == "move":
                pieces.append(str(year + self.delta))
                moved = True
                if year != self.old:
                    # the plan's own time running into the next year (Quý I/2026 in a plan for 2025)
                    self.changes.append(
                        Change(
                            _where(path),
                            _snippet(value, start, end),
                            str(year + self.delta),
                            review=True,
                            note=f"năm {year} (sau năm kế hoạch) cũng được dời: xem lại",
                        )
                    )
            else:
                pieces.append(match.group(0))
                if decision == "review" and year == self.old:
                    self.changes.append(
                        Change(
                            _where(path),
                            _snippet(value, start, end),
                            _snippet(value, start, end),
                            review=True,
                            note=f"không chắc '{old}' ở đây là năm của kế hoạch: để nguyên, xem lại",
                        )
                    )
            last = end
        pieces.append(value[last:])
        new_value = "".join(pieces)
        if moved:
            self.changes.append(Change(_where(path), value, new_value))
        return new_value

    def _decide(self, value: str, start: int, end: int) -> str:
        """move, keep (another document or period), or review (cannot tell)."""
        before, after = value[max(start - 40, 0) : start], value[end : end + 12]
        if re.search(r"\d+/$", before) and after.startswith("/"):
            return "keep"  # inside a number and ký hiệu: 85/2015/QH13
        if re.match(r"^\s*[-–—]\s*(19|20)\d{2}", after):
            return "review" if re.search(r"năm học\s*$", before) else "keep"  # start of a period: 2021 – 2025
        if re.search(r"(19|20)\d{2}\s*[-–—]\s*$", before):
            return "review" if re.search(r"năm học\s*(19|20)\d{2}\s*[-–—]\s*$", before) else "keep"  # end of a period
        if re.search(r"giai đoạn\s*$|đến năm\s*$|tới năm\s*$|tầm nhìn\s*(đến\s*)?(năm\s*)?$", before, re.IGNORECASE):
            return "keep"
        citation = re.search(r"số\s+\S+\s*,?\s*ngày\s+\d{1,2}\s*/\s*\d{1,2}\s*/\s*$", before, re.IGNORECASE)
        if citation:
            return "keep"  # the date of a cited document
        if re.search(r"số\s+\S+\s*,?\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+$", before, re.IGNORECASE):
            return "keep"
        if re.search(r"\bnăm\s+$", before) or re.search(r"(quý|tháng)\s+[\dIVXivx, ]+\s*/\s*$", before, re.IGNORECASE):
            return "move"
        if re.search(r"\d{1,2}\s*/\s*\d{1,2}\s*/\s*$", before):
            return "move"  # a date of the plan's own: a deadline
        return "review"

    # --- carrying over from a year-end report ---------------------------------------------
    def carry_over(self, tasks: list[NhiemVu], report: BaoCao, keep_done: bool) -> list[NhiemVu]:
        if report.ky.loai != "nam":
            raise InputError(f"cần báo cáo năm (kỳ 'năm {self.old}'), không phải báo cáo {report.ky}")
        if report.ky.nam != self.old:
            raise InputError(f"báo cáo là của năm {report.ky.nam}, còn kế hoạch là năm {self.old}")
        by_number = {result.so: result for result in report.ket_qua}
        out = []
        for number, task in enumerate(tasks, start=1):
            result = by_number.get(number)
            where = f"nhiệm vụ › {number}"
            if result is None:
                self.changes.append(
                    Change(
                        where,
                        task.ten,
                        task.ten,
                        review=True,
                        note="báo cáo năm không nói về nhiệm vụ này: giữ nguyên, xem lại",
                    )
                )
                out.append(task)
                continue
            if " ".join(result.ten.split()) != " ".join(task.ten.split()):
                self.changes.append(
                    Change(
                        where,
                        task.ten,
                        result.ten,
                        review=True,
                        note="tên nhiệm vụ trong báo cáo khác kế hoạch: kiểm tra đúng nhiệm vụ",
                    )
                )
            if result.trang_thai == "hoan_thanh":
                if keep_done:
                    out.append(task)
                else:
                    self.changes.append(Change(where, task.ten, "(bỏ: đã hoàn thành năm " + str(self.old) + ")"))
                continue
            out.append(self._remaining(task, result.chi_tieu, where))
        return out

    def _remaining(self, task: NhiemVu, achieved: list, where: str) -> NhiemVu:
        targets, name, result_text = [], task.ten, task.ket_qua
        for target, done in zip(task.chi_tieu, achieved, strict=False):
            if done.dat is None:
                targets.append(target)
                self.changes.append(
                    Change(
                        where,
                        str(target),
                        str(target),
                        review=True,
                        note="báo cáo chưa có số đạt được: giữ nguyên chỉ tiêu",
                    )
                )
                continue
            left = max(target.so_luong - done.dat, 0)
            remaining = ChiTieu(so_luong=left, don_vi=target.don_vi)
            targets.append(remaining)
            self.changes.append(
                Change(
                    f"{where} › chỉ tiêu", str(target), f"{remaining} (còn lại sau khi đạt {text.dem(int(done.dat))})"
                )
            )
            pattern = rf"(?<!\d)0?{int(target.so_luong)}(\s+{re.escape(target.don_vi)})"
            new_count = text.dem(int(left))
            name = re.sub(pattern, rf"{new_count}\1", name)
            result_text = re.sub(pattern, rf"{new_count}\1", result_text) if result_text else result_text
        targets += task.chi_tieu[len(targets) :]
        carried = task.model_copy(
            update={"chi_tieu": targets, "ten": name, "ket_qua": result_text, "chuyen_tiep": self.old}
        )
        if name != task.ten:
            self.changes.append(Change(f"{where} › tên", task.ten, name))
        self.changes.append(Change(where, "", f"đánh dấu: nhiệm vụ chuyển tiếp từ năm {self.old}"))
        return carried

    def recount(self, data: dict[str, Any], before: int, after: int) -> None:
        """``05 nhiệm vụ`` in the opening and purpose follow the new number of tasks."""
        pattern = rf"(?<!\d)0?{before}(\s+nhiệm vụ)"
        for name in ("trich_yeu", "mo_dau", "muc_dich", "yeu_cau", "ket_luan"):
            value = data[name]
            items = value if isinstance(value, list) else [value]
            new_items = []
            for index, item in enumerate(items):
                if isinstance(item, str) and re.search(pattern, item):
                    new = re.sub(pattern, rf"{text.dem(after)}\1", item)
                    self.changes.append(Change(_where([name, index] if isinstance(value, list) else [name]), item, new))
                    item = new
                new_items.append(item)
            data[name] = new_items if isinstance(value, list) else new_items[0]


def _shift(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29/02 into a common year
        return day.replace(year=day.year + years, day=28)


def _snippet(value: str, start: int, end: int, width: int = 30) -> str:
    left = max(start - width, 0)
    right = min(end + width, len(value))
    return ("…" if left else "") + value[left:right] + ("…" if right < len(value) else "")


def changes_markdown(changes: list[Change], old: int, new: int) -> str:
    """The change list as Markdown: every change, then what needs a person's review."""
    lines = [f"# Kế hoạch năm {new} (từ kế hoạch năm {old}): các thay đổi", ""]
    done = [c for c in changes if not c.review]
    review = [c for c in changes if c.review]
    for change in done:
        before, after = _around_difference(change.old, change.new)
        lines.append(f"- **{change.where}**: «{before}» → «{after}»")
    lines += ["", f"## Cần xem lại ({len(review)})", ""]
    for change in review:
        lines.append(f"- **{change.where}**: {change.note} — «{_short(change.old)}»")
    if not review:
        lines.append("- Không có.")
    return "\n".join(lines) + "\n"


def _around_difference(old: str, new: str, width: int = 50) -> tuple[str, str]:
    """The part of two long texts around where they first differ."""
    old, new = " ".join(old.split()), " ".join(new.split())
    if len(old) <= 2 * width and len(new) <= 2 * width:
        return old, new
    start = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), min(len(old), len(new)))
    left = max(start - width, 0)

    def cut(value: str) -> str:
        return ("…" if left else "") + value[left : start + width] + ("…" if start + width < len(value) else "")

    return cut(old), cut(new)


def _short(value: str, width: int = 160) -> str:
    value = " ".join(value.split())
    return value if len(value) <= width else value[: width - 1] + "…"
