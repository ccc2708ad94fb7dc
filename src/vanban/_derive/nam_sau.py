"""Next year's plan from this year's: only the plan's own time moves, every year-bearing phrase gets a verdict.

Three verdicts, each listed with its place and reason: **dời** (the plan's own period: its trích yếu,
headings in any case, time frames, deadlines inside the plan year, "năm 2024" in its own sentences), **giữ**
(a citation of another document or act — its number, date, issuer, "sửa đổi, bổ sung năm …", "khóa …, kỳ
họp …" —, another period such as "giai đoạn 2021 – 2025" or "đến năm 2030", another year), **xem** (what the
rules cannot decide, kept as it is). The one citation that changes is the plan's own framework for the old
year (a plan or decision whose title names the plan's year): replaced whole by a flagged placeholder for next
year's document, never half-moved.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel

from vanban import text

from .._errors import InputError
from ..models import CanCu, ChiTieu, KeHoach, NgayDuThao, NhiemVu, SoKyHieu, ThoiGian
from ..models.bao_cao import BaoCao, KetQuaNhiemVu

PLACEHOLDER_NUMBER = "[Bổ sung số]"
PLACEHOLDER_DATE = "[Bổ sung ngày]"
Verdict = Literal["doi", "giu", "xem"]
TEN_KET_LUAN = {"doi": "đã dời", "giu": "giữ nguyên", "xem": "cần xem lại"}


@dataclass(frozen=True)
class Change:
    """One year-bearing phrase or one change: where, the old text and the new, the verdict and why."""

    where: str
    old: str
    new: str
    verdict: Verdict = "doi"
    reason: str = ""

    @property
    def review(self) -> bool:
        """A person must look at it."""
        return self.verdict == "xem"

    @property
    def note(self) -> str:
        return self.reason

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


def next_year(
    plan: KeHoach, nam: int | None = None, bao_cao: BaoCao | None = None, *, giu_hoan_thanh: bool = False
) -> tuple[KeHoach, list[Change]]:
    """The plan rolled to year ``nam`` (default: the next one), and every year-bearing phrase with its verdict.

    A plan that is not yearly (a period such as 2026–2030, a one-off event, a trích yếu naming no year) is not
    rolled unless ``nam`` is given; then every date moved is flagged. With a year-end report ``bao_cao``, tasks
    it marks done are dropped (kept with ``giu_hoan_thanh``) and the others carry over with what remains.
    """
    if not isinstance(plan, KeHoach):
        raise TypeError(f"next_year: cần một KeHoach, không phải {type(plan).__name__}")
    if bao_cao is not None and not isinstance(bao_cao, BaoCao):
        raise TypeError(f"next_year: bao_cao cần một BaoCao, không phải {type(bao_cao).__name__}")
    target = plan.nam + 1 if nam is None else nam
    if not isinstance(target, int) or isinstance(target, bool) or target <= plan.nam or target > plan.nam + 50:
        raise InputError(f"năm mới ({target}) phải sau năm của kế hoạch ({plan.nam}) và không quá 50 năm")
    why_not = not_yearly(plan)
    if why_not and nam is None:
        raise InputError(
            f"{why_not}: không tự lập kế hoạch năm sau như kế hoạch hằng năm. "
            "Nếu vẫn muốn, ghi rõ năm mới (--nam); mọi ngày được dời sẽ được đánh dấu cần xem lại"
        )
    roller = _Roller(plan.nam, target, careful=bool(why_not))
    roller.find_frameworks(plan)
    if why_not:
        roller.add("kế hoạch", why_not, why_not, "xem", "kế hoạch không theo năm: mọi ngày được dời cần xem lại")
    plan = with_identities(plan)
    before = len(plan.cac_nhiem_vu())
    if bao_cao is not None:
        plan = roller.carry_over(plan, bao_cao, giu_hoan_thanh)
    data: dict[str, Any] = {}
    for name in type(plan).model_fields:
        data[name] = roller.field(name, getattr(plan, name))
    after = len(plan.cac_nhiem_vu())
    if after != before:
        roller.recount(data, before, after)
    roller.review_tasks(plan)
    title = data["phu_luc"].tieu_de if data.get("phu_luc") is not None else ""
    if title and title != text.viet_hoa(title):  # a plan vanban drafts has its appendix title in capitals
        data["phu_luc"] = data["phu_luc"].model_copy(update={"tieu_de": text.viet_hoa(title)})
        roller.add("tên phụ lục", title, text.viet_hoa(title), "doi", "tên phụ lục viết in hoa (ND30-PL-03)")
    return KeHoach.model_validate(data), roller.changes


_ONE_OFF = re.compile(
    r"\b(bầu cử|đại hội|kỷ niệm|lễ hội|hội thi|hội diễn|hội thao|tổng điều tra|diễn tập|hội nghị)\b", re.IGNORECASE
)


def not_yearly(plan: KeHoach) -> str | None:
    """Why a plan is not a yearly one (None when it is: its trích yếu names its year)."""
    summary = " ".join(plan.trich_yeu.split())
    if plan.den_nam:
        return f"kế hoạch cho nhiều năm ({plan.nam}–{plan.den_nam})"
    if event := _ONE_OFF.search(summary):
        return f"kế hoạch cho một việc làm một lần ({event.group(0)})"
    if not re.search(rf"\bnăm {plan.nam}\b", summary, re.IGNORECASE):
        return f"trích yếu không ghi năm {plan.nam}: không rõ là kế hoạch hằng năm"
    return None


def with_identities(plan: KeHoach) -> KeHoach:
    """The plan with every task's identity written into it (so it stays when tasks are dropped or moved)."""
    unnamed: dict[int, NhiemVu | None] = {
        id(task): task.model_copy(update={"ma": ma}) for ma, task in plan.cac_nhiem_vu() if not task.ma
    }
    return _replace_tasks(plan, unnamed) if unnamed else plan


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
    "phu_luc_khac": "phụ lục",
    "hoat_dong": "nội dung thực hiện",
    "thoi_gian": "thời gian",
    "ket_qua": "kết quả",
    "ten": "tên",
    "chi_tieu": "chỉ tiêu",
    "doan": "đoạn",
    "muc_tieu": "mục tiêu",
    "muc_khac": "mục",
    "nhom": "",
    "noi_dung": "",
    "hang": "bảng",
    "tieu_de": "tên",
    "them": "hàng",
}
_FIXED = ("co_quan", "nguoi_ky", "noi_nhan", "dia_danh", "nhan", "chu_thich", "dong_dau", "dong_cuoi")


def _where(path: list[str | int]) -> str:
    parts: list[str] = []
    for piece in path:
        if isinstance(piece, int):
            parts.append(str(piece + 1))
        elif piece.startswith("@"):
            parts = [piece[1:]]  # a task, named by its identity wherever it stands
        elif _NAMES.get(piece, piece):
            parts.append(_NAMES.get(piece, piece))
    return " › ".join(parts)


# --- what a year in a text is ---------------------------------------------------------------------------
_TYPE = (
    r"Hiến pháp|Bộ luật|Luật|Pháp lệnh|Nghị quyết liên tịch|Nghị quyết|Nghị định|Quyết định|Chỉ thị|"
    r"Thông tư liên tịch|Thông tư|Kế hoạch|Công văn|Văn bản|Công điện|Hướng dẫn|Kết luận|Thông báo|Thông tri|"
    r"Báo cáo|Tờ trình|Đề án|Chương trình|Quy chế|Quy định|Điều lệ|Chiến lược|Quy hoạch|Giấy mời|Biên bản"
)
_TYPE_RE = re.compile(rf"\b(?:{_TYPE})\b", re.IGNORECASE)
_LAW_RE = re.compile(r"^(Hiến pháp|Bộ luật|Luật|Pháp lệnh)\b", re.IGNORECASE)
_STARTS_CITATION = re.compile(
    r"(^|[;:.,(]\s*|\b(?:và|hoặc|Căn cứ|căn cứ|Thực hiện|thực hiện|theo|tại|triển khai|thi hành|từ)\s+)$"
)
_MARKER = re.compile(
    r"\bsố\s*:?\s*[0-9A-ZĐ][\w/.\-]*|\d+/\d{4}/[A-ZĐ]|\d+-[A-Z]+/[A-ZĐ]|\bkh[oó]á\s+[IVXL]+|sửa đổi,? bổ sung",
    re.IGNORECASE,
)
_DATED = re.compile(
    r"\bngày\s*\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}|\bngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}",
    re.IGNORECASE,
)
_DEADLINE = re.compile(r"\b(chậm nhất|trước|trong|hoàn thành|hạn|xong|kể từ|từ|đến)\b", re.IGNORECASE)
_LEAD_IN = re.compile(
    r",\s+(?:Sở|UBND|Ủy ban|Uỷ ban|Ban|Phòng|Trường|Văn phòng|Hội đồng|Cục|Chi cục|Trung tâm|Đảng ủy|Đảng uỷ|Tiểu ban|"
    r"Tổ|Đoàn|Thường trực|Công an)\b[^,;:]{0,80}?\b(?:xây dựng|ban hành|báo cáo|triển khai|tổ chức|lập|thực hiện)\b"
)
_LETTER_RE = re.compile(r"(Văn bản|Công văn|Tờ trình|Giấy mời|Công điện)\b")
_FRAMEWORK_TYPES = re.compile(r"^(Kế hoạch|Quyết định|Chương trình|Chỉ thị|Nghị quyết|Kết luận|Đề án)\b", re.IGNORECASE)
_WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
_WEEKDAY_RE = re.compile(r"\b(Thứ\s+(?:Hai|Ba|Tư|Năm|Sáu|Bảy)|Chủ\s+nhật|thứ\s+[2-7]|chủ\s+nhật)\b", re.IGNORECASE)


@dataclass
class _Span:
    start: int
    end: int
    kind: str  # "trich_dan" (a citation), "khung" (the plan's framework citation), "giai_doan" (another period)
    reason: str


def citations(value: str) -> list[_Span]:
    """Where other documents are cited: from a document type (any case) to the end of the citation, when it names
    a number, a date, a session, an amendment — or it is a law, named by its title."""
    found: list[_Span] = []
    starts = [
        m
        for m in _TYPE_RE.finditer(value)
        if _STARTS_CITATION.search(value[max(m.start() - 14, 0) : m.start()])
        or _MARKER.search(value[m.end() : m.end() + 60].split(",")[0])
        or (_LAW_RE.match(m.group(0)) and re.match(r"\s+[A-ZĐÀ-Ỹ]", value[m.end() : m.end() + 3]))
    ]
    for index, match in enumerate(starts):
        limit = starts[index + 1].start() if index + 1 < len(starts) else len(value)
        end = min(limit, match.start() + 400)
        for pattern in (r";", r"\.(?=\s|$)(?<!\d\.)", r":", r"\n", r"\((?:tháng|quý|từ|trước|trong)\b"):
            stop = re.compile(pattern).search(value, match.end(), end)
            if stop:
                end = stop.start()
        lead = _LEAD_IN.search(value, match.end(), end)
        if lead:
            end = lead.start()
        piece = value[match.start() : end]
        dated = _DATED.search(piece)
        named = piece[0].isupper() and dated is not None and not _DEADLINE.search(piece[: dated.start()])
        letter = _LETTER_RE.match(piece) is not None  # "Văn bản năm 2026" of a company: never the plan itself
        if not (_MARKER.search(piece) or _LAW_RE.match(piece) or named or letter):
            continue
        found.append(_Span(match.start(), end, "trich_dan", "trích dẫn văn bản khác: giữ nguyên số, ngày, năm"))
    return found


def periods(value: str) -> list[_Span]:
    """Other periods and milestones: ranges of years, "giai đoạn …", "đến năm …", "tầm nhìn …", "nhiệm kỳ …"."""
    found = []
    for match in re.finditer(r"\b(?:19|20)\d{2}\s*[-–—]\s*(?:19|20)\d{2}\b", value):
        before = value[max(match.start() - 10, 0) : match.start()].lower()
        reason = "năm học khác năm học của kế hoạch" if "năm học" in before else "một giai đoạn nhiều năm: giữ nguyên"
        found.append(_Span(match.start(), match.end(), "nam_hoc" if "năm học" in before else "giai_doan", reason))
    patterns = (
        (r"\b(?:giai đoạn|nhiệm kỳ)\s+(?:19|20)\d{2}\b", "một giai đoạn: giữ nguyên"),
        (r"\b(?:đến|tới)\s+(?:hết\s+)?năm\s+(?:19|20)\d{2}\b", "một mốc của giai đoạn dài: giữ nguyên"),
        (r"\btầm nhìn\s+(?:đến\s+)?(?:năm\s+)?(?:19|20)\d{2}\b", "tầm nhìn dài hạn: giữ nguyên"),
    )
    for pattern, reason in patterns:
        for match in re.finditer(pattern, value, re.IGNORECASE):
            found.append(_Span(match.start(), match.end(), "giai_doan", reason))
    return found


class _Roller:
    def __init__(self, old: int, new: int, careful: bool = False) -> None:
        self.old, self.new, self.delta = old, new, new - old
        self.careful = careful  # not a yearly plan: every move is flagged
        self.changes: list[Change] = []
        self.renumbered: dict[str, str] = {}  # identity → its new place, when tasks were dropped
        self.frameworks: set[str] = set()  # numbers of the plan's framework documents ("113/KH-UBND")

    def find_frameworks(self, plan: KeHoach) -> None:
        """The framework documents the plan cites anywhere, by number: every mention of one is replaced."""
        texts = [str(item) for item in plan.can_cu] + list(_all_strings(plan.model_dump(exclude={"can_cu"})))
        for value in texts:
            for span in citations(value):
                cited = value[span.start : span.end]
                issued = re.search(
                    r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*(\d{4})|tháng\s+\d{1,2}\s+năm\s+(\d{4})", cited
                )
                number = re.search(r"\b(\d+/[A-ZĐ][\wĐđ-]*)", cited)
                if number and self.is_framework(cited, int(issued[1] or issued[2]) if issued else None):
                    self.frameworks.add(number.group(1))

    def add(self, where: str, old: str, new: str, verdict: Verdict = "doi", reason: str = "") -> None:
        if verdict == "doi" and self.careful:
            verdict, reason = "xem", (reason + "; " if reason else "") + "kế hoạch không theo năm: xem lại"
        self.changes.append(Change(where, old, new, verdict, reason))

    # --- whole fields ----------------------------------------------------------------------
    def field(self, name: str, value: Any) -> Any:
        if name == "nam":
            self.add("năm kế hoạch", str(self.old), str(self.new))
            return self.new
        if name == "den_nam":
            return value + self.delta if value else value
        if name == "so_ky_hieu":
            draft = SoKyHieu(so=None, ky_hieu=value.ky_hieu)
            if value.so is not None or value.nguyen_van:
                self.add("số, ký hiệu", f"Số: {value}", f"Số: {text.BLANK}{draft} (văn thư ghi số)")
            return draft
        if name == "ngay_ban_hanh":
            if isinstance(value, date):
                blank = NgayDuThao(nam=value.year + self.delta)
                self.add("ngày ban hành", text.ngay_thang(value), text.ngay_thang(nam=blank.nam) + " (để trống)")
                return blank
            if isinstance(value, NgayDuThao):
                return NgayDuThao(nam=value.nam + self.delta, thang=value.thang)
            return value
        if name == "can_cu":
            return [self.can_cu(item, [name, index]) for index, item in enumerate(value)]
        if name in _FIXED:
            return value
        return self.any(value, [name])

    def any(self, value: Any, path: list[str | int]) -> Any:
        if isinstance(value, ThoiGian):
            return self.time_frame(value, path)
        if isinstance(value, str):
            return self.free_text(value, path)
        if isinstance(value, list):
            return [self.any(item, [*path, self.label(item, index)]) for index, item in enumerate(value)]
        if isinstance(value, BaseModel):
            update = {
                name: self.any(getattr(value, name), [*path, name])
                for name in type(value).model_fields
                if name not in ("ma", "so", "o_gop", "thu_tu")
            }
            return type(value).model_validate({**value.__dict__, **update})
        return value

    def label(self, item: Any, index: int) -> str | int:
        """A task is named by its identity (and its new place when that changed); other items by their place."""
        if isinstance(item, NhiemVu) and item.ma:
            now = self.renumbered.get(item.ma)
            return f"@nhiệm vụ {item.ma}" + (f" (nay là {now})" if now and now != item.ma else "")
        return index

    # --- structured ------------------------------------------------------------------------
    def time_frame(self, frame: ThoiGian, path: list[str | int]) -> ThoiGian:
        if frame.loai == "khac":
            return frame.model_copy(update={"noi_dung": self.free_text(frame.noi_dung or "", path)})
        update: dict[str, Any] = {}
        if frame.nam == self.old:
            update["nam"] = self.new
        if frame.ngay is not None and frame.ngay.year == self.old:
            update["ngay"] = _shift(frame.ngay, self.delta)
        if not update:
            if frame.nam or frame.ngay:
                self.add(_where(path), str(frame), str(frame), "giu", "không phải năm của kế hoạch")
            return frame
        moved = frame.model_copy(update=update)
        self.add(_where(path), str(frame), str(moved), "doi", "thời gian của chính kế hoạch")
        return moved

    def can_cu(self, item: CanCu, path: list[str | int]) -> CanCu:
        """A cited document stays as it is, unless it is the plan's own framework for the old year."""
        document = item.van_ban
        if document is not None:
            written = str(document)
            spans = citations(written)
            if not spans or re.search(r"(?:19|20)\d{2}", written[spans[0].end :]):
                document = None  # more than the citation (a sentence of the plan after it): read as text
                item = CanCu(dan_nhap=item.dan_nhap, noi_dung=written)
        if document is None:
            return item.model_copy(update={"noi_dung": self.free_text(item.noi_dung or "", path)})
        if self.is_framework(str(document), document.ngay.year if document.ngay else None):
            code = (document.so_ky_hieu or "").split("/", 1)[-1] if "/" in (document.so_ky_hieu or "") else ""
            summary = re.sub(rf"\b(năm|NĂM) {self.old}\b", lambda m: f"{m[1]} {self.new}", document.trich_yeu or "")
            parts = [document.loai, f"số {PLACEHOLDER_NUMBER}/{code}" if code else f"số {PLACEHOLDER_NUMBER}"]
            parts += [f"ngày {PLACEHOLDER_DATE}", f"của {document.co_quan}" if document.co_quan else "", summary]
            replaced = CanCu(dan_nhap=item.dan_nhap, noi_dung=" ".join(p for p in parts if p))
            self.add(_where(path), str(item), str(replaced), "xem", _FRAMEWORK_REASON.format(new=self.new))
            return replaced
        self.add(_where(path), str(item), str(item), "giu", "trích dẫn văn bản khác: giữ nguyên số, ngày, năm")
        return item

    def is_framework(self, cited: str, issued: int | None) -> bool:
        """A plan, decision or programme of the old year whose title names the plan's year: next year has its own."""
        title = re.split(
            r"\bngày\s*\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\bngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}|\bsố\s+\S+",
            cited,
        )[-1]
        return (
            bool(_FRAMEWORK_TYPES.match(cited.strip()))
            and bool(re.search(rf"\bnăm học {self.old}\b|\bnăm {self.old}\b(?!\s*[-–—]\s*\d)", title, re.IGNORECASE))
            and (issued is None or self.old - 1 <= issued <= self.old + ("năm học" in title.lower()))
        )

    # --- free text --------------------------------------------------------------------------
    def free_text(self, value: str, path: list[str | int]) -> str:
        if not re.search(r"(?<!\d)(?:19|20)\d{2}(?!\d)", value) and not any(n in value for n in self.frameworks):
            return value
        where = _where(path)
        spans = citations(value)
        for span in spans:
            cited = value[span.start : span.end]
            issued = re.search(r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*(\d{4})|tháng\s+\d{1,2}\s+năm\s+(\d{4})", cited)
            year = int(issued[1] or issued[2]) if issued else None
            if self.is_framework(cited, year) or any(number in cited for number in self.frameworks):
                span.kind, span.reason = "khung", _FRAMEWORK_REASON.format(new=self.new)
        spans += [p for p in periods(value) if not any(s.start <= p.start < s.end for s in spans)]
        pieces: list[str] = []
        last = 0
        for span in _merged(spans):
            part = value[span.start : span.end]
            pieces.append(self.plain(value[last : span.start], where, value, last))
            if span.kind == "khung":
                new_part = self.placeholder(part)
                self.add(where, part, new_part, "xem", span.reason)
                pieces.append(new_part)
            elif span.kind == "nam_hoc" and _first_year(part) == self.old:
                new_part = re.sub(r"(?:19|20)\d{2}", lambda m: str(int(m.group(0)) + self.delta), part)
                self.add(where, part, new_part, "doi", "năm học của chính kế hoạch")
                pieces.append(new_part)
            else:
                if re.search(r"(?:19|20)\d{2}", part):
                    self.add(where, _short(part), _short(part), "giu", span.reason)
                pieces.append(part)
            last = span.end
        pieces.append(self.plain(value[last:], where, value, last))
        return "".join(pieces)

    def plain(self, piece: str, where: str, whole: str, offset: int) -> str:
        """A stretch of text with no citation or other period in it: the plan's own years move."""
        for number in self.frameworks:  # the framework named by its number alone ("Kế hoạch 113/KH-UBND")
            if number in piece:
                new_number = f"{PLACEHOLDER_NUMBER}/{number.split('/', 1)[1]}"
                self.add(
                    where,
                    _short(piece),
                    _short(piece.replace(number, new_number)),
                    "xem",
                    _FRAMEWORK_REASON.format(new=self.new),
                )
                piece = piece.replace(number, new_number)
        out: list[str] = []
        last = 0
        for match in re.finditer(r"(?<![\d.])(?:19|20)\d{2}(?![\d/])", piece):
            start, end = match.span()
            year = int(match.group(0))
            verdict, reason = self.decide(piece, start, end, year)
            out.append(piece[last:start])
            snippet = _snippet(whole, offset + start, offset + end)
            if verdict == "doi":
                new_year = str(year + self.delta)
                out.append(new_year)
                last = end
                moved_date = _full_date(piece, start, end)
                if moved_date is not None:
                    last = self.weekday(piece, end, moved_date, out, where)
                if year != self.old:
                    self.add(where, snippet, new_year, "xem", f"năm {year} (sau năm kế hoạch) cũng được dời: xem lại")
                else:
                    self.add(where, snippet, _snippet_new(whole, offset + start, offset + end, new_year), "doi", reason)
                continue
            out.append(match.group(0))
            if year in (self.old, self.old + 1) or verdict == "xem":
                self.add(where, snippet, snippet, verdict, reason)
            last = end
        out.append(piece[last:])
        return "".join(out)

    def decide(self, value: str, start: int, end: int, year: int) -> tuple[Verdict, str]:
        """The verdict on one year outside any citation or other period."""
        if year not in (self.old, self.old + 1):
            return "giu", "năm khác năm của kế hoạch"
        before = value[max(start - 30, 0) : start]
        if re.search(r"\bnăm\s+$", before, re.IGNORECASE):
            return "doi", "năm của chính kế hoạch"
        if re.search(r"(?:quý|tháng)\s+[\dIVXivx, …._]*\s*[/.-]\s*$", before, re.IGNORECASE):
            return "doi", "thời gian của chính kế hoạch"
        if re.search(r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*$", before):
            return "doi", "hạn, ngày của chính kế hoạch"
        if re.search(r"\d{1,2}\s*/\s*$", before):
            return "doi", "thời gian của chính kế hoạch"
        return "xem", f"không chắc '{value[start:end]}' ở đây là năm của kế hoạch: để nguyên, xem lại"

    def weekday(self, piece: str, end: int, moved: date, out: list[str], where: str) -> int:
        """After a moved full date, its weekday ("(Thứ Tư)") follows the new date; returns where the text resumes."""
        near = _WEEKDAY_RE.search(piece, end, min(end + 16, len(piece)))
        if near is None:
            before = _WEEKDAY_RE.search(piece, max(end - 40, 0), end)
            if before is not None:
                self.add(
                    where, before.group(0), before.group(0), "xem", "thứ trong tuần đứng trước ngày đã dời: xem lại"
                )
            return end
        try:
            new_date = moved.replace(year=moved.year + self.delta)
        except ValueError:
            new_date = moved.replace(year=moved.year + self.delta, day=28)
        name = _WEEKDAYS[new_date.weekday()]
        written = near.group(0)
        if written[0].islower():
            name = name.lower()
        out.append(piece[end : near.start()] + name)
        if name.lower() != written.lower():
            self.add(where, written, name, "doi", f"thứ của ngày {text.ngay_ngan(new_date)}")
        return near.end()

    def placeholder(self, cited: str) -> str:
        """The plan's framework of the old year as next year's, its number and date left for the clerk."""
        for number in self.frameworks:
            cited = cited.replace(number, f"{PLACEHOLDER_NUMBER}/{number.split('/', 1)[1]}")
        new = re.sub(
            r"\bsố\s*:?\s*(\S+?)(?=[,\s]|$)",
            lambda m: (
                m[0]
                if m[1].startswith(PLACEHOLDER_NUMBER[:3])
                else (f"số {PLACEHOLDER_NUMBER}/{m[1].split('/', 1)[1]}" if "/" in m[1] else f"số {PLACEHOLDER_NUMBER}")
            ),
            cited,
            count=1,
        )
        new = re.sub(
            r"\bngày\s*(?:\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})",
            f"ngày {PLACEHOLDER_DATE}",
            new,
            count=1,
        )
        new = re.sub(
            rf"\b(năm học|NĂM HỌC|Năm học)\s*{self.old}\s*([-–—])\s*{self.old + 1}\b",
            lambda m: f"{m[1]} {self.new}{m[2]}{self.new + 1}",
            new,
        )
        return re.sub(rf"\b(năm|NĂM|Năm) {self.old}\b", lambda m: f"{m[1]} {self.new}", new)

    # --- tasks -----------------------------------------------------------------------------------
    def carry_over(self, plan: KeHoach, report: BaoCao, keep_done: bool) -> KeHoach:
        """Drop the tasks the year-end report marks done, carry the others with what remains of their targets."""
        if report.ky.loai != "nam":
            raise InputError(f"cần báo cáo năm (kỳ 'năm {self.old}'), không phải báo cáo {report.ky}")
        if report.ky.nam != self.old:
            raise InputError(f"báo cáo là của năm {report.ky.nam}, còn kế hoạch là năm {self.old}")
        tasks = plan.cac_nhiem_vu()
        by_identity = {result.ma: result for result in report.ket_qua if result.ma}
        by_place = {result.so: result for result in report.ket_qua if not result.ma}
        decided: dict[int, NhiemVu | None] = {}
        for place, (ma, task) in enumerate(tasks, 1):
            result = by_identity.get(ma) or by_place.get(place)
            where = f"nhiệm vụ {ma}"
            if result is None:
                self.add(where, task.ten, task.ten, "xem", "báo cáo năm không nói về nhiệm vụ này: giữ nguyên, xem lại")
                decided[id(task)] = task
                continue
            if " ".join(result.ten.split()) != " ".join(task.ten.split()):
                self.add(where, task.ten, result.ten, "xem", "tên nhiệm vụ trong báo cáo khác kế hoạch: kiểm tra")
            if result.trang_thai == "hoan_thanh" and not keep_done:
                self.add(where, task.ten, f"(bỏ: đã hoàn thành năm {self.old})", "doi", "báo cáo năm: đã hoàn thành")
                decided[id(task)] = None
            elif result.trang_thai == "hoan_thanh":
                decided[id(task)] = task
            else:
                decided[id(task)] = self.remaining(task, result, where)
        new_plan = _replace_tasks(plan, decided)
        self.renumbered = _new_places(new_plan)
        return new_plan

    def remaining(self, task: NhiemVu, result: KetQuaNhiemVu, where: str) -> NhiemVu:
        targets, name, result_text = [], task.ten, task.ket_qua
        for target, done in zip(task.chi_tieu, result.chi_tieu, strict=False):
            if done.dat is None:
                targets.append(target)
                self.add(where, str(target), str(target), "xem", "báo cáo chưa có số đạt được: giữ nguyên chỉ tiêu")
                continue
            left = max(target.so_luong - done.dat, 0)
            remaining = ChiTieu(so_luong=left, don_vi=target.don_vi)
            targets.append(remaining)
            self.add(
                f"{where} › chỉ tiêu",
                str(target),
                f"{remaining} (còn lại sau khi đạt {text.dem(int(done.dat))})",
                "doi",
                "chuyển tiếp phần chỉ tiêu chưa đạt",
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
            self.add(f"{where} › tên", task.ten, name, "doi", "số còn lại của chỉ tiêu")
        self.add(where, "", f"đánh dấu: nhiệm vụ chuyển tiếp từ năm {self.old}", "doi", "báo cáo năm: chưa hoàn thành")
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
                    where = _where([name, index] if isinstance(value, list) else [name])
                    self.add(where, item, new, "doi", "số nhiệm vụ của kế hoạch mới")
                    item = new
                new_items.append(item)
            data[name] = new_items if isinstance(value, list) else new_items[0]

    def review_tasks(self, plan: KeHoach) -> None:
        """Targets of the old year and tasks that look done once are for a person to look at."""
        for ma, task in plan.cac_nhiem_vu():
            where = f"nhiệm vụ {ma}"
            if task.chi_tieu and task.chuyen_tiep is None:
                shown = "; ".join(str(t) for t in task.chi_tieu)
                self.add(where, shown, shown, "xem", f"chỉ tiêu của năm {self.old}: xem lại cho năm {self.new}")
            if once := _ONCE.search(f"{task.ten} {task.ket_qua or ''}"):
                self.add(
                    where,
                    task.ten,
                    task.ten,
                    "xem",
                    f"nhiệm vụ có vẻ chỉ làm một lần ({once.group(0)}): còn cần không?",
                )


_FRAMEWORK_REASON = "văn bản khung của năm cũ: năm {new} có văn bản mới, chưa biết số, ngày: điền vào"
_ONCE = re.compile(
    r"\b(đề tài|nghiên cứu|báo cáo khoa học|khảo sát|điều tra|hội nghị|hội thảo|tổng kết|sơ kết|kỷ niệm|đại hội|"
    r"bầu cử|xây dựng đề án)\b",
    re.IGNORECASE,
)


def _all_strings(value: Any) -> Any:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _all_strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _all_strings(item)


def _merged(spans: list[_Span]) -> list[_Span]:
    """Spans in order, overlapping ones joined (a citation or the plan's framework wins over a period)."""
    out: list[_Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if out and span.start < out[-1].end:
            last = out[-1]
            last.end = max(last.end, span.end)
            if span.kind in ("khung", "trich_dan") and last.kind not in ("khung", "trich_dan"):
                last.kind, last.reason = span.kind, span.reason
            continue
        out.append(_Span(span.start, span.end, span.kind, span.reason))
    return out


def _replace_tasks(plan: KeHoach, decided: dict[int, NhiemVu | None]) -> KeHoach:
    """The plan with each task replaced by its decided version (or dropped), in every shape it can have."""

    def swap(tasks: list[NhiemVu]) -> list[NhiemVu]:
        out = []
        for task in tasks:
            new = decided.get(id(task), task)
            if new is not None:
                out.append(new)
        return out

    update: dict[str, Any] = {"nhiem_vu": swap(plan.nhiem_vu)}
    update["linh_vuc"] = [a.model_copy(update={"nhiem_vu": swap(a.nhiem_vu)}) for a in plan.linh_vuc]
    if plan.phu_luc is not None:
        groups = [g.model_copy(update={"nhiem_vu": swap(g.nhiem_vu)}) for g in plan.phu_luc.nhom]
        update["phu_luc"] = plan.phu_luc.model_copy(update={"nhom": groups})
    return plan.model_copy(update=update)


def _new_places(new: KeHoach) -> dict[str, str]:
    """For each kept task, its new place in the printed numbering when it differs from its identity."""
    places: dict[str, str] = {}
    if new.phu_luc and new.phu_luc.nhiem_vu:
        count = 0
        for group in new.phu_luc.nhom:
            count = 0 if new.phu_luc.danh_so == "trong_nhom" else count
            for task in group.nhiem_vu:
                count += 1
                places[task.ma or ""] = str(count)
    elif new.linh_vuc:
        for a, area in enumerate(new.linh_vuc, 1):
            for t, task in enumerate(area.nhiem_vu, 1):
                places[task.ma or ""] = f"{a}.{t}"
    else:
        for n, task in enumerate(new.nhiem_vu, 1):
            places[task.ma or ""] = str(n)
    return places


def _full_date(value: str, start: int, end: int) -> date | None:
    """The full date (dd/mm/yyyy, ngày d tháng m năm yyyy) whose year stands at ``start``, if it is one."""
    day_month = re.search(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*$", value[max(start - 8, 0) : start])
    words = re.search(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+$", value[max(start - 30, 0) : start])
    found = day_month or words
    if not found:
        return None
    try:
        return date(int(value[start:end]), int(found[2]), int(found[1]))
    except ValueError:
        return None


def _shift(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29/02 into a common year
        return day.replace(year=day.year + years, day=28)


def _snippet(value: str, start: int, end: int, width: int = 30) -> str:
    left = max(start - width, 0)
    right = min(end + width, len(value))
    return ("…" if left else "") + value[left:right] + ("…" if right < len(value) else "")


def _snippet_new(value: str, start: int, end: int, new: str, width: int = 30) -> str:
    return _snippet(value[:start] + new + value[end:], start, start + len(new), width)


def changes_markdown(changes: list[Change], old: int, new: int) -> str:
    """The change list as Markdown, in three groups: moved, kept, for review; each with place and reason."""
    lines = [f"# Kế hoạch năm {new} (từ kế hoạch năm {old}): các thay đổi", ""]
    for verdict in ("doi", "xem", "giu"):
        group = [c for c in changes if c.verdict == verdict]
        lines += [f"## {TEN_KET_LUAN[verdict].capitalize()} ({len(group)})", ""]
        for change in group:
            if verdict == "doi":
                before, after = _around_difference(change.old, change.new)
                lines.append(f"- **{change.where}**: «{before}» → «{after}» — {change.reason}")
            else:
                lines.append(f"- **{change.where}**: «{_short(change.old)}» — {change.reason}")
        if not group:
            lines.append("- Không có.")
        lines.append("")
    return "\n".join(lines)


def changes_json(changes: list[Change], old: int, new: int) -> str:
    """The change list as JSON for scripts: every entry with its verdict (doi / giu / xem)."""
    payload = {"nam_cu": old, "nam_moi": new, "thay_doi": [change.to_dict() for change in changes]}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


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


def _first_year(words: str) -> int | None:
    """The first year (19xx, 20xx) in ``words``."""
    found = re.search(r"(?:19|20)\d{2}", words)
    return int(found.group(0)) if found else None
