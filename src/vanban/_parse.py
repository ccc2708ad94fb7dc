"""Read an existing plan (DOCX or text) back into the typed model.

The DOCX side stands on :mod:`vanban.docview` and :mod:`vanban.components` (the checker's
reader); text is read line by line, one paragraph a line. Nothing is dropped: what fits no
typed field is kept, in order, in ``muc_khac`` (or as plain paragraphs), and reported in
the notes with how sure the parser is.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any

from . import text as vn
from ._errors import InputError
from ._files import read_text
from ._parts import HEADINGS, TEN_LOAI, clean, find, is_upper, key
from .models import (
    BaoCao,
    CanCu,
    ChiTieu,
    HoatDong,
    KeHoach,
    Khoan,
    KyBaoCao,
    LinhVuc,
    MucKhac,
    MucKhacBaoCao,
    NhanTruong,
    NhiemVu,
    NhomNhiemVu,
    PhuLuc,
    ThoiGian,
    TieuDeKeHoach,
    VanBanDanChieu,
)

Source = str | os.PathLike[str] | bytes | IO[bytes]


@dataclass
class Line:
    """One paragraph as the parser sees it."""

    text: str
    bold: bool | None = None  # None: unknown (plain text input)
    center: bool = False


@dataclass
class ParseNote:
    """Something the parser kept without a typed place, or guessed: where, what, why."""

    where: str
    text: str
    reason: str


@dataclass
class ParseResult:
    model: KeHoach | BaoCao
    notes: list[ParseNote] = field(default_factory=list)
    confidence: float = 1.0


@dataclass
class Layout:
    chu_quan: list[str] = field(default_factory=list)
    co_quan: list[str] = field(default_factory=list)
    so: str | None = None
    ngay: str | None = None
    ten_loai: str | None = None
    trich_yeu: list[str] = field(default_factory=list)
    kinh_gui: list[str] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)
    noi_nhan: list[str] = field(default_factory=list)
    chuc_vu: list[str] = field(default_factory=list)
    ho_ten: str | None = None
    appendix: list[Line] = field(default_factory=list)
    tables: list[list[list[str]]] = field(default_factory=list)
    table_at: list[int] = field(default_factory=list)  # how many appendix lines come before each table
    footnotes: list[str] = field(default_factory=list)


def parse(source: Source) -> KeHoach | BaoCao:
    """A plan (or report) read from a DOCX path, DOCX bytes, a text file or a string of text."""
    return parse_detailed(source).model


def parse_detailed(source: Source) -> ParseResult:
    """Like :func:`parse`, with the notes on what could not be classified and a confidence (0–1)."""
    from pydantic import ValidationError

    from ._io import describe_error

    layout = _layout(source)
    try:
        return _Builder(layout).build()
    except ValidationError as exc:
        details = [describe_error(e, {}) for e in exc.errors()]
        raise InputError("đọc được văn bản nhưng không dựng được mô hình", details=details) from None


# --- reading -------------------------------------------------------------------------------------
def _layout(source: Source) -> Layout:
    if isinstance(source, (bytes, bytearray)):
        return (
            _from_docx(bytes(source)) if bytes(source[:2]) == b"PK" else _from_text(bytes(source).decode("utf-8-sig"))
        )
    if hasattr(source, "read"):
        data = source.read()
        return _layout(data if isinstance(data, bytes) else data.encode("utf-8"))
    if isinstance(source, str) and ("\n" in source or not source.strip()):
        return _from_text(source)
    path = Path(source)
    if path.suffix.lower() == ".docx":
        return _from_docx(path)
    return _from_text(read_text(path))


def _from_docx(source: Any) -> Layout:
    from ._docx import open_docx

    doc = open_docx(source, unicode=True)
    parts = find(doc)
    layout = Layout(
        chu_quan=[clean(p.text) for p in parts.chu_quan],
        co_quan=[clean(p.text) for p in parts.co_quan],
        so=clean(parts.so.text) if parts.so else None,
        ngay=clean(parts.ngay.text) if parts.ngay else None,
        ten_loai=clean(parts.ten_loai.text) if parts.ten_loai else None,
        trich_yeu=[clean(p.text) for p in parts.trich_yeu],
        kinh_gui=[clean(p.text) for p in parts.kinh_gui],
        noi_nhan=[clean(p.text) for p in parts.noi_nhan],
        chuc_vu=[clean(p.text) for p in parts.chuc_vu],
        ho_ten=clean(parts.ho_ten.text) if parts.ho_ten else None,
    )
    layout.body = [Line(_dash(_with_footnotes(p)), p.bold, p.jc == "center") for p in parts.body if clean(p.full_text)]
    layout.footnotes = [note for p in parts.body for note in p.footnotes if note]
    if not any(line.bold for line in layout.body):  # typed without any formatting: bold tells nothing
        for line in layout.body:
            line.bold = None
    appendix = [p for p in parts.appendix if clean(p.full_text)]
    layout.appendix = [Line(clean(p.full_text), p.bold, p.jc == "center") for p in appendix]
    last = parts.signature.index if parts.signature is not None else None
    if last is not None:
        for table in doc.tables[last + 1 :]:
            layout.tables.append([[clean(cell.text) for cell in row] for row in table.rows])
            first = next((p.index for row in table.rows for cell in row for p in cell.paragraphs), None)
            layout.table_at.append(len(appendix) if first is None else sum(p.index < first for p in appendix))
    return layout


def _with_footnotes(para: Any) -> str:
    """The paragraph's text with the footnotes it references kept after it, so they are not lost."""
    return clean(" ".join([para.full_text, *(f"(Chú thích: {note})" for note in para.footnotes if note)]))


_QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"


def _from_text(raw: str) -> Layout:
    """Text, one paragraph a line; ``*italic*`` marks are dropped."""
    raw = unicodedata.normalize("NFC", raw)
    raw = vn.sang_unicode(raw)  # a whole file typed in TCVN3 or VNI; else line by line below
    lines = [_dash(vn.sang_unicode(clean(re.sub(r"\*([^*\n]+)\*", r"\1", line)))) for line in raw.splitlines()]
    layout = Layout()
    title = next((i for i, line in enumerate(lines) if key(line) in TEN_LOAI), None)
    if title is None:
        raise InputError("không tìm thấy tên loại văn bản (KẾ HOẠCH, BÁO CÁO, …) ở dòng riêng")
    names = []
    for line in lines[:title]:
        if not line or _QUOC_HIEU in key(line) or ("ĐỘC LẬP" in key(line) and "HẠNH PHÚC" in key(line)):
            continue
        if re.match(r"^Số\s*[:.]", line, re.IGNORECASE):
            layout.so = line
        elif re.search(r", ngày .*năm \d{4}", line):
            layout.ngay = line
        elif is_upper(line):
            names.append(line)
    layout.chu_quan, layout.co_quan = _split_agency(names)
    layout.ten_loai = lines[title]
    position = title + 1
    while (
        position < len(lines) and lines[position] and not re.match(r"^(Căn cứ|Thực hiện|Kính gửi)\b", lines[position])
    ):
        layout.trich_yeu.append(lines[position])
        position += 1
    rest = lines[position:]
    label = next((i for i, line in enumerate(rest) if re.match(r"^Nơi nhận\s*:?$", line, re.IGNORECASE)), len(rest))
    body = [line for line in rest[:label] if line]
    while body and (body[0].startswith("Kính gửi") or (layout.kinh_gui and body[0].startswith("-"))):
        layout.kinh_gui.append(body.pop(0))
    layout.body = [Line(line) for line in body]
    tail = [line for line in rest[label + 1 :] if line]
    while tail and (tail[0].startswith("-") or (layout.noi_nhan and not layout.noi_nhan[-1].endswith((";", ".")))):
        layout.noi_nhan.append(tail.pop(0))
    appendix_at = next((i for i, line in enumerate(tail) if key(line).startswith("PHỤ LỤC")), len(tail))
    signature, appendix = tail[:appendix_at], tail[appendix_at:]
    layout.chuc_vu = [line for line in signature if is_upper(line) and not line.startswith("(")]
    names_left = [line for line in signature if line not in layout.chuc_vu and not line.startswith("(")]
    layout.ho_ten = names_left[-1] if names_left else None
    table: list[list[str]] = []
    for line in appendix:
        if line.startswith("|"):
            table.append([cell.strip() for cell in line.strip("|").split("|")])
        else:
            layout.appendix.append(Line(line))
    if table:
        layout.tables.append(table)
    return layout


def _dash(text: str) -> str:
    """Word's bullets and typed en dashes at the head of a line read as the plain ``- `` of the decree."""
    return re.sub(r"^[•●▪◦–—]\s*", "- ", text)


def _split_agency(names: list[str]) -> tuple[list[str], list[str]]:
    """Superior lines, then the agency: the last line, or the last two for ỦY BAN NHÂN DÂN / TỈNH …."""
    if not names:
        return [], []
    if len(names) >= 2 and re.match(r"^(ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN)$", key(names[-2])):
        return names[:-2], names[-2:]
    return names[:-1], names[-1:]


# --- building the model ----------------------------------------------------------------------------
_ROMAN, _KHOAN, _SUB_KHOAN = HEADINGS["muc"], HEADINGS["khoan"], HEADINGS["khoan_con"]
_LABEL = re.compile(r"^-\s*(?P<label>[^:;]{3,60}?):\s*(?P<value>.*)$")
_TASK_PREFIX = re.compile(r"^(?P<word>Nhiệm vụ)\s+(?P<n>\d+)\s*[:.]\s*(?P<rest>.*)$")
_ACTIVITY_TIME = re.compile(
    r"^(?P<content>.*?)\s+(?P<label>Thời gian (?:thực hiện|hoàn thành))\s*:\s*(?P<time>.+?)\s*[;.]?$"
)
_CITATION = re.compile(
    r"^(?P<loai>[A-ZĐ][^\s]*(?:\s+(?!số\b)[^\s]+){0,4}?)\s+số\s+(?P<so>\S+?),?\s+ngày\s+(?P<ngay>\d{1,2}/\d{1,2}/\d{4})"
    r"(?:\s+của\s+(?P<co_quan>.+?))?(?:\s+(?P<trich_yeu>(?:về|ban hành|quy định|hướng dẫn|phê duyệt|triển khai)\b.*))?$"
)
_UNIT_STOP = re.compile(r"\s+(được|đã|có|ứng dụng|tham gia|hoàn thành|trên|tại|thuộc|gồm)\b|[:;.(]")


def targets_in(result: str) -> list[ChiTieu]:
    """Measurable targets written at the head of a result: ``15 Doanh nghiệp, Hợp tác xã được …``."""
    match = re.match(r"^\s*(?P<n>\d+)\s+(?P<rest>\S.*)$", result)
    if not match or int(match["n"]) == 0:
        return []
    rest = match["rest"]
    stop = _UNIT_STOP.search(rest)
    unit = (rest[: stop.start()] if stop else rest).strip(" ,")
    if not unit or len(unit.split()) > 8 or not unit[0].isalpha():
        return []
    return [ChiTieu(so_luong=int(match["n"]), don_vi=unit)]


def parse_citation(raw: str) -> CanCu:
    """``Căn cứ Quyết định số 145/QĐ-UBND ngày 20/01/2024 của UBND tỉnh Lạng Sơn về việc …`` as a structured citation."""
    value = raw.strip().rstrip(";.").strip()
    lead = ""
    if m := re.match(r"^(Căn cứ|Thực hiện)\s+", value):
        lead, value = m[1], value[m.end() :]
    match = _CITATION.match(value)
    if match is None:
        return CanCu(dan_nhap=lead, noi_dung=value)
    day, month, year = (int(x) for x in match["ngay"].split("/"))
    try:
        issued = date(year, month, day)
    except ValueError:
        return CanCu(dan_nhap=lead, noi_dung=value)
    cited = VanBanDanChieu(
        loai=match["loai"], so_ky_hieu=match["so"], ngay=issued, co_quan=match["co_quan"], trich_yeu=match["trich_yeu"]
    )
    if str(cited) != value:  # only what renders back word for word is taken apart
        return CanCu(dan_nhap=lead, noi_dung=value)
    return CanCu(dan_nhap=lead, van_ban=cited)


class _Builder:
    def __init__(self, layout: Layout) -> None:
        self.layout = layout
        self.notes: list[ParseNote] = []
        self.total = len(layout.body) or 1
        self.unsure = 0

    def note(self, where: str, text: str, reason: str, lines: int = 1) -> None:
        self.notes.append(ParseNote(where, text, reason))
        self.unsure += lines

    # --- document --------------------------------------------------------------------------------
    def build(self) -> ParseResult:
        layout = self.layout
        code = TEN_LOAI.get(key(layout.ten_loai or ""))
        for footnote in layout.footnotes:
            self.note("chú thích cuối trang", footnote, "giữ thành '(Chú thích: …)' ngay sau đoạn có dấu chú thích", 0)
        if code not in ("KH", "BC"):
            raise InputError(f"chưa đọc được loại văn bản '{layout.ten_loai}'; hiện đọc kế hoạch và báo cáo")
        header = self.header(code)
        body = list(layout.body)
        closing = next((i for i in range(len(body) - 1, -1, -1) if body[i].text.startswith("Trên đây")), None)
        ket_luan = body.pop(closing).text if closing is not None else None
        first = next((i for i, line in enumerate(body) if self.is_section(line)), len(body))
        can_cu, trinh_bay, mo_dau = self.opening([line.text for line in body[:first]], header)
        if code == "BC":
            model = BaoCao.model_validate(
                {
                    **header,
                    "can_cu": can_cu,
                    "trinh_bay_can_cu": trinh_bay,
                    "mo_dau": mo_dau,
                    "ket_luan": ket_luan,
                    "ke_hoach": next((c.van_ban for c in can_cu if c.van_ban and c.van_ban.loai == "Kế hoạch"), None),
                    **self.report(body[first:]),
                }
            )
        else:
            data = {**header, "can_cu": can_cu, "trinh_bay_can_cu": trinh_bay, "mo_dau": mo_dau, "ket_luan": ket_luan}
            data.update(self.sections(body[first:]))
            data["phu_luc"] = self.appendix(data)
            data["nam"] = self.plan_year(data)
            model = KeHoach.model_validate(data)
        confidence = max(0.0, 1 - self.unsure / self.total)
        return ParseResult(model, self.notes, round(confidence, 2))

    def is_section(self, line: Line) -> bool:
        match = _ROMAN.match(line.text)
        return bool(match) and is_upper(match["t"])

    def header(self, code: str) -> dict[str, Any]:
        layout = self.layout
        data: dict[str, Any] = {}
        number = layout.so or f"Số: /{code}-"
        data["so_ky_hieu"] = re.sub(r"^S[ốỐ]\s*[:.]?\s*", "", number, flags=re.IGNORECASE)
        groups = data["so_ky_hieu"].split("/", 1)[-1].split("-")
        agency_code = groups[1] if len(groups) > 1 else ""
        place, issued = "", None
        if layout.ngay and (
            m := re.match(
                r"^(?P<place>[^,]+),\s*ngày\s*(?P<d>\d*)\s*tháng\s*(?P<m>\d*)\s*năm\s*(?P<y>\d{4})", layout.ngay
            )
        ):
            place = m["place"].strip()
            if m["d"] and m["m"]:
                issued = f"{m['y']}-{int(m['m']):02d}-{int(m['d']):02d}"
            else:
                issued = {"nam": int(m["y"]), "thang": int(m["m"]) if m["m"] else None}
        else:
            self.note("địa danh, ngày", layout.ngay or "", "không đọc được địa danh và ngày ban hành", 0)
        data["dia_danh"] = place or "[Bổ sung địa danh]"
        data["ngay_ban_hanh"] = issued
        data["trich_yeu"] = "\n".join(layout.trich_yeu) or "[Bổ sung trích yếu]"
        names = layout.co_quan
        spoken = None
        everything = " ".join([*layout.trich_yeu, *(line.text for line in layout.body)])
        if names:
            wanted = " ".join(names)
            hit = re.search(re.escape(wanted), everything, re.IGNORECASE)
            spoken = hit.group(0) if hit and not is_upper(hit.group(0)) else None
        else:
            lead = re.search(
                r",\s*(?P<a>(?:Sở|Ủy ban|UBND|Ban|Phòng|Trường|Văn phòng|Hội đồng|Cục|Chi cục|Trung tâm|Bộ)\b[^,:]*?)\s+(?:xây dựng|ban hành|báo cáo)\b",
                everything,
            )
            if lead:
                spoken = lead["a"]
                names = [vn.viet_hoa(spoken)]
                self.note("cơ quan ban hành", spoken, "văn bản không có dòng tên cơ quan; lấy từ lời mở đầu", 0)
            else:
                names = ["[BỔ SUNG TÊN CƠ QUAN]"]
                self.note("cơ quan ban hành", "", "không tìm thấy tên cơ quan ban hành", 0)
        data["co_quan"] = {
            "chu_quan": layout.chu_quan,
            "ten": names,
            "viet_tat": agency_code or "[Bổ sung]",
            "ten_goi": spoken,
        }
        titles = layout.chuc_vu
        if not titles:
            titles = ["[Bổ sung chức vụ]"]
            self.note("người ký", layout.ho_ten or "", "không có dòng chức vụ người ký", 0)
        data["nguoi_ky"] = {"chuc_vu": titles, "ho_ten": layout.ho_ten}
        data["noi_nhan"] = self.recipients()
        if code == "BC":
            data["kinh_gui"] = self.addressees()
        return data

    def recipients(self) -> dict[str, Any]:
        items: list[str] = []
        for line in self.layout.noi_nhan:
            if line.startswith("-") or not items:
                items.append(line)
            else:
                items[-1] = f"{items[-1]} {line}"
        luu = "VT"
        if items and re.match(r"^-?\s*Lưu\b", items[-1]):
            luu = re.sub(r"^-?\s*Lưu\s*:?\s*", "", items.pop()).rstrip(". ")
        else:
            self.note("nơi nhận", "", "không có dòng Lưu; ghi tạm 'VT'", 0)
        return {"danh_sach": [item for item in items if item.strip("-; ")], "luu": luu or "VT"}

    def addressees(self) -> list[str]:
        lines = self.layout.kinh_gui
        if not lines:
            return []
        first = re.sub(r"^Kính gửi\s*:?\s*", "", lines[0]).strip()
        return [first] if first else [line.lstrip("- ").rstrip(";.") for line in lines[1:]]

    def plan_year(self, data: dict[str, Any]) -> int:
        years = re.findall(r"năm (\d{4})\b", data["trich_yeu"])
        if years:
            return int(years[-1])
        issued = data.get("ngay_ban_hanh")
        if isinstance(issued, str):
            return int(issued[:4])
        if isinstance(issued, dict):
            return int(issued["nam"])
        return date.today().year

    # --- opening -----------------------------------------------------------------------------------
    def opening(self, lines: list[str], header: dict[str, Any]) -> tuple[list[CanCu], str, list[str]]:
        cited: list[CanCu] = []
        lead: list[str] = []
        style = "moi_dong"
        agency = header["co_quan"].get("ten_goi")
        for line in lines:
            if re.match(r"^(Căn cứ|Thực hiện)\b", line) and not lead:
                if line.endswith(":"):
                    split = self.split_lead(line, agency)
                    if split:
                        pieces, rest = split
                        cited += [parse_citation(p) for p in pieces]
                        lead.append(rest)
                        style = "gop_mo_dau"
                        continue
                    lead.append(line)
                    continue
                pieces = _split_citations(line.rstrip(";.").strip())
                if len(pieces) > 1:
                    style = "gop"
                cited += [parse_citation(p) for p in pieces]
            else:
                lead.append(line)
        return cited, style, lead

    @staticmethod
    def split_lead(line: str, agency: str | None) -> tuple[list[str], str] | None:
        """``Thực hiện <căn cứ>, <cơ quan> … như sau:``: the citations, and the lead-in."""
        starts = [m.start() for m in re.finditer(r", ", line)]
        for start in reversed(starts):
            rest = line[start + 2 :]
            if (
                agency
                and rest.lower().startswith(agency.lower())
                or not agency
                and re.match(r"(Sở|Ủy ban|UBND|Ban|Phòng|Trường|Văn phòng|Hội đồng|Cục|Chi cục|Trung tâm|Bộ)\b", rest)
            ):
                return _split_citations(line[:start]), rest
        return None

    # --- sections -------------------------------------------------------------------------------------
    def sections(self, body: list[Line]) -> dict[str, Any]:
        data: dict[str, Any] = {"muc_khac": []}
        tieu_de: dict[str, str] = {}
        groups: list[tuple[str, list[Line]]] = []
        for line in body:
            if self.is_section(line):
                groups.append((_ROMAN.match(line.text)["t"], []))
            elif groups:
                groups[-1][1].append(line)
        after = "mo_dau"
        for title, lines in groups:
            kind = _section_kind(title)
            if kind in data or kind is None:
                data["muc_khac"].append(MucKhac(tieu_de=title, sau=after, noi_dung=self.khoan_list(lines)))
                self.note(
                    f"mục «{title}»", title, "mục không có trường riêng; giữ nguyên chữ trong muc_khac", len(lines) + 1
                )
                continue
            if kind == "muc_dich_yeu_cau":
                tieu_de["muc_dich_yeu_cau"] = title
                data.update(self.purpose(lines, tieu_de))
            elif kind == "nhiem_vu":
                tieu_de["nhiem_vu"] = title
                data.update(self.tasks(lines))
            else:
                tieu_de[kind] = title
                data[kind] = self.khoan_list(lines)
            after = kind
        data["tieu_de"] = TieuDeKeHoach(**tieu_de)
        data["nhan"] = _labels(data.pop("_labels", {}))
        return data

    def khoan_list(self, lines: list[Line]) -> list[str | Khoan]:
        items: list[str | Khoan] = []
        for line in lines:
            match = _KHOAN.match(line.text)
            if match and not _SUB_KHOAN.match(line.text) and _titled(line):
                items.append(Khoan(tieu_de=match["t"]))
            elif items and isinstance(items[-1], Khoan):
                items[-1].doan.append(line.text)
            else:
                items.append(line.text)
        return items

    def purpose(self, lines: list[Line], tieu_de: dict[str, str]) -> dict[str, Any]:
        heads = [
            i
            for i, line in enumerate(lines)
            if (m := _KHOAN.match(line.text)) and _titled(line) and int(m["n"]) in (1, 2)
        ]
        if not heads:
            tieu_de["muc_dich"] = ""
            return {"muc_dich": [line.text for line in lines]}
        out: dict[str, Any] = {}
        if heads[0] > 0:
            self.note("mục đích, yêu cầu", lines[0].text, "đoạn trước '1. Mục đích' được gộp vào mục đích", heads[0])
        for position, start in enumerate(heads[:2]):
            end = heads[position + 1] if position + 1 < len(heads) else len(lines)
            title = _KHOAN.match(lines[start].text)["t"]
            name = (
                "muc_dich"
                if position == 0 and len(heads) > 1 or "đích" in title.lower() or "tiêu" in title.lower()
                else "yeu_cau"
            )
            tieu_de[name] = title
            out[name] = [line.text for line in lines[start + 1 : end]]
        if heads[0] > 0:
            out["muc_dich"] = [line.text for line in lines[: heads[0]]] + out.get("muc_dich", [])
        return out

    def tasks(self, lines: list[Line]) -> dict[str, Any]:
        starts = [i for i, line in enumerate(lines) if _KHOAN.match(line.text) and not _SUB_KHOAN.match(line.text)]
        intro = [line.text for line in lines[: starts[0]]] if starts else [line.text for line in lines]
        out: dict[str, Any] = {"nhiem_vu_mo_dau": intro}
        if not starts:
            return out
        blocks = [
            lines[start : (starts[i + 1] if i + 1 < len(starts) else len(lines))] for i, start in enumerate(starts)
        ]
        note_line = None
        last = blocks[-1]
        if len(last) > 1 and last[-1].text.startswith("(") and last[-1].text.endswith(")"):
            note_line = last[-1].text
            blocks[-1] = last[:-1]
        if note_line:
            out["ghi_chu_nhiem_vu"] = note_line
        grouped = any(re.match(r"^[a-zđ]\)\s*(Mục tiêu|Nhiệm vụ)\s*$", line.text) for line in lines)
        nested = any(_SUB_KHOAN.match(line.text) for line in lines)
        if grouped or nested:
            out["linh_vuc"] = [self.area(block, out) for block in blocks]
        else:
            out["nhiem_vu"] = [self.task(block, out) for block in blocks]
        return out

    def task(self, block: list[Line], out: dict[str, Any]) -> NhiemVu:
        head = _KHOAN.match(block[0].text)["t"]
        labels: dict[str, str] = out.setdefault("_labels", {})
        prefix = _TASK_PREFIX.match(head)
        if prefix:
            labels.setdefault("nhiem_vu", prefix["word"])
            head = prefix["rest"]
        else:
            labels.setdefault("nhiem_vu", "")
        return self.task_fields(NhiemVu(ten=head or "[Bổ sung tên nhiệm vụ]"), block[1:], labels, out)

    def task_fields(self, task: NhiemVu, lines: list[Line], labels: dict[str, str], out: dict[str, Any]) -> NhiemVu:
        data: dict[str, Any] = {"phoi_hop": [], "hoat_dong": []}
        in_activities = False
        for line in lines:
            value = line.text
            if m := re.match(r"^-\s*Nhiệm vụ chuyển tiếp từ năm (\d{4})\.?$", value):
                data["chuyen_tiep"] = int(m[1])
                continue
            labelled = _LABEL.match(value)
            field_name = _field_of(labelled["label"]) if labelled else None
            if labelled and field_name:
                in_activities = field_name == "hoat_dong"
                label, content = labelled["label"].strip(), labelled["value"].strip()
                if field_name == "thoi_gian":
                    deadline = "hoàn thành" in label.lower()
                    if not deadline:
                        labels.setdefault("thoi_gian", label)
                    data["thoi_gian"] = _time(content, deadline)
                else:
                    labels.setdefault(field_name, label)
                    if field_name == "phoi_hop":
                        data["phoi_hop"] = [part.strip() for part in content.split(";") if part.strip()]
                    elif field_name == "hoat_dong":
                        if content:
                            data["hoat_dong"].append(_activity(content))
                    elif field_name in ("ket_qua", "chu_tri"):
                        data[field_name] = content
                continue
            if value.startswith("+") or in_activities or value.startswith("-"):
                data["hoat_dong"].append(_activity(value.lstrip("+-").strip()))
                if not (value.startswith("+") or in_activities):
                    self.note(f"nhiệm vụ «{task.ten[:40]}»", value, "dòng không nhãn được xếp vào nội dung thực hiện")
                continue
            data["hoat_dong"].append(_activity(value))
            self.note(f"nhiệm vụ «{task.ten[:40]}»", value, "đoạn không nhãn được xếp vào nội dung thực hiện")
        if data.get("ket_qua"):
            data["chi_tieu"] = targets_in(data["ket_qua"])
        return task.model_copy(update=data)

    def area(self, block: list[Line], out: dict[str, Any]) -> LinhVuc:
        """``1. Cải cách thể chế``: ``a) Mục tiêu`` and ``b) Nhiệm vụ`` bullets, or tasks numbered ``1.1.`` with their fields."""
        area = LinhVuc(ten=_KHOAN.match(block[0].text)["t"])
        labels: dict[str, str] = out.setdefault("_labels", {})
        mode = None
        detailed: list[Line] = []

        def close() -> None:
            if detailed:
                head = _SUB_KHOAN.match(detailed[0].text)["t"]
                area.nhiem_vu.append(self.task_fields(NhiemVu(ten=head), detailed[1:], labels, out))
                detailed.clear()

        for line in block[1:]:
            if _SUB_KHOAN.match(line.text):
                close()
                detailed.append(line)
                continue
            if detailed:
                detailed.append(line)
                continue
            if m := re.match(r"^[a-zđ]\)\s*(Mục tiêu|Nhiệm vụ)\s*$", line.text):
                mode = "muc_tieu" if m[1] == "Mục tiêu" else "nhiem_vu"
                continue
            if mode and line.text.startswith("-"):
                item = line.text[1:].strip()
                if mode == "muc_tieu":
                    area.muc_tieu.append(item)
                else:
                    area.nhiem_vu.append(NhiemVu(ten=item))
                continue
            mode = None
            area.doan.append(line.text)
        close()
        return area

    # --- appendix ------------------------------------------------------------------------------------
    def appendix(self, data: dict[str, Any]) -> PhuLuc | None:
        lines = [line.text for line in self.layout.appendix]
        if not lines and not self.layout.tables:
            return None
        label = next((i for i, line in enumerate(lines) if key(line).startswith("PHỤ LỤC")), None)
        rest = lines[label + 1 :] if label is not None else lines
        title = rest[0] if rest and not rest[0].startswith("(") else "PHỤ LỤC"
        remark = next((line for line in rest if line.startswith("(")), None)
        groups: list[NhomNhiemVu] = []
        for table in self.layout.tables:
            groups += self.task_table(table)
        appendix = PhuLuc(tieu_de=title, ghi_chu=remark, nhom=groups)
        default = f"(Kèm theo Kế hoạch số {_number_text(data['so_ky_hieu'])} {_date_text(data['ngay_ban_hanh'])})"
        if remark and clean(remark) == clean(default):
            appendix = appendix.model_copy(update={"ghi_chu": None})
        return appendix

    def task_table(self, rows: list[list[str]]) -> list[NhomNhiemVu]:
        if not rows:
            return []
        header = [key(cell) for cell in rows[0]]

        def column(*words: str) -> int | None:
            return next((i for i, title in enumerate(header) if any(w in title for w in words)), None)

        places = {
            "so": column("STT", "TT"),
            "ten": column("NHIỆM VỤ", "NỘI DUNG"),
            "ket_qua": column("SẢN PHẨM", "KẾT QUẢ"),
            "thoi_gian": column("THỜI GIAN"),
            "chu_tri": column("CHỦ TRÌ"),
            "phoi_hop": column("PHỐI HỢP"),
            "theo_doi": column("THEO DÕI"),
        }
        if places["ten"] is None:
            self.note("phụ lục", " | ".join(rows[0]), "bảng không có cột Nhiệm vụ; bỏ qua bảng", len(rows))
            return []
        groups: list[NhomNhiemVu] = []
        for row in rows[1:]:
            cell = {name: (row[i] if i is not None and i < len(row) else "") for name, i in places.items()}
            number = cell["so"].strip().rstrip(".")
            if re.fullmatch(r"[IVXLC]+", number):
                groups.append(NhomNhiemVu(ten=cell["ten"]))
                continue
            if not groups:
                groups.append(NhomNhiemVu(ten=""))
            if not cell["ten"] and groups[-1].nhiem_vu:
                previous = groups[-1].nhiem_vu[-1]
                extra = "; ".join(part for part in (previous.ket_qua, cell["ket_qua"]) if part)
                groups[-1].nhiem_vu[-1] = previous.model_copy(update={"ket_qua": extra})
                self.note("phụ lục", cell["ket_qua"], "dòng sản phẩm thêm của nhiệm vụ trên được gộp vào kết quả")
                continue
            groups[-1].nhiem_vu.append(
                NhiemVu(
                    ten=cell["ten"] or "[Bổ sung tên nhiệm vụ]",
                    ket_qua=cell["ket_qua"] or None,
                    thoi_gian=_cell_time(cell["thoi_gian"]) if cell["thoi_gian"] else None,
                    chu_tri=cell["chu_tri"] or None,
                    phoi_hop=[p.strip() for p in cell["phoi_hop"].split(";") if p.strip()],
                    theo_doi=cell["theo_doi"] or None,
                )
            )
        return groups

    # --- reports ---------------------------------------------------------------------------------------
    def report(self, body: list[Line]) -> dict[str, Any]:
        """Sections I–IV of a report: overview and results per task, shortcomings, next tasks, proposals."""
        from .models.bao_cao import parse_ky, parse_trang_thai

        summary = " ".join(self.layout.trich_yeu)
        named = re.search(
            r"tháng \d{1,2}\b|quý [IVX]+\b|6 tháng đầu năm|6 tháng cuối năm|9 tháng", summary, re.IGNORECASE
        )
        years = re.findall(r"\b(?:19|20)\d{2}\b", summary)
        year = int(years[-1]) if years else date.today().year
        period = parse_ky(f"{named.group(0) if named else 'năm'} năm {year}")
        data: dict[str, Any] = {"ky": period, "tong_quan": [], "ket_qua": [], "tieu_de": {}}
        for kind in _REPORT_LISTS:
            data[kind] = []
        kind, task, after = None, None, "mo_dau"
        others: list[tuple[str, str, list[Line]]] = []  # sections with no field: title, after which, lines
        for line in body:
            if self.is_section(line):
                title = _ROMAN.match(line.text)["t"]
                kind = _report_section(title)
                if kind is None or kind in data["tieu_de"]:
                    others.append((title, after, []))
                    kind = "khac"
                else:
                    data["tieu_de"][kind], after = title, kind
                continue
            text = line.text
            if kind == "khac":
                others[-1][2].append(line)
                continue
            if kind in _REPORT_LISTS:
                data[kind].append(re.sub(r"^[-+•]\s*", "", text))
                continue
            heading = _KHOAN.match(text) if kind == "ket_qua" else None
            if heading:
                named_task = _TASK_PREFIX.match(heading["t"])
                number = int(named_task["n"]) if named_task else int(heading["n"])
                task = {"so": number, "ten": named_task["rest"] if named_task else heading["t"], "ket_qua": []}
                data["ket_qua"].append(task)
                continue
            if task is None or kind != "ket_qua":
                data["tong_quan"].append(text)
                continue
            labelled = re.match(r"^-\s*(Tình trạng|Kết quả|Chỉ tiêu)\s*:\s*(.*)$", text)
            label, value = (labelled[1], labelled[2]) if labelled else ("", text)
            if label == "Tình trạng" and not value.startswith("[Bổ sung"):
                try:
                    task["trang_thai"] = parse_trang_thai(value.rstrip(". "))
                except ValueError:
                    self.note(f"nhiệm vụ {task['so']}", text, "tình trạng không thuộc bốn loại; giữ trong kết quả")
                    task["ket_qua"].append(text)
            elif label == "Chỉ tiêu" and (target := _target_reached(value)):
                task.setdefault("chi_tieu", []).append(target)
            elif label != "Tình trạng":
                task["ket_qua"].append(value if label == "Kết quả" else text)
        for title, _, lines in others:
            self.note(
                f"mục «{title}»", title, "mục không có trường riêng; giữ nguyên chữ trong muc_khac", len(lines) + 1
            )
        data["muc_khac"] = [
            MucKhacBaoCao(tieu_de=title, sau=where, noi_dung=self.khoan_list(lines)) for title, where, lines in others
        ]
        self.report_appendix(data)
        return data

    def report_appendix(self, data: dict[str, Any]) -> None:
        """Our summary table gives each task's lead unit; any other appendix is kept line by line, in order."""
        suffix = " " + vn.viet_hoa(str(KyBaoCao.model_validate(data["ky"])))
        units: dict[int, str] = {}
        ours: set[int] = set()
        for number, table in enumerate(self.layout.tables):
            header = [key(cell) for cell in table[0]] if table else []
            if header == list(_REPORT_COLUMNS):
                ours.add(number)
            lead = next((i for i, title in enumerate(header) if "CHỦ TRÌ" in title), None)
            if lead is None or "TT" not in header[0]:
                continue
            for row in table[1:]:
                if row and row[0].strip().isdigit() and len(row) > lead and row[lead].strip():
                    units.setdefault(int(row[0]), row[lead].strip())
        for task in data["ket_qua"]:
            if task["so"] in units:
                task["chu_tri"] = units[task["so"]]
        data["phu_luc"] = bool(ours)
        own = {"label": "PHỤ LỤC", "note": "(Kèm theo Báo cáo"} if ours else {}
        kept: list[str] = []
        for index, line in enumerate([line.text for line in self.layout.appendix] + [""]):
            for number, at in enumerate(self.layout.table_at):
                if at == index and number not in ours:
                    kept += [" | ".join(row) for row in self.layout.tables[number]]
            if not line:
                continue
            if own.get("label") == key(line):
                del own["label"]
            elif "note" in own and line.startswith(own["note"]):
                del own["note"]
            elif ours and "phu_luc" not in data["tieu_de"] and is_upper(line) and line.endswith(suffix):
                data["tieu_de"]["phu_luc"] = line[: -len(suffix)]
            else:  # an appendix label is written "Phụ lục", not in capitals (ND30-PL-02)
                kept.append(re.sub(r"^PHỤ LỤC\b", "Phụ lục", line) if _APPENDIX_LABEL.fullmatch(key(line)) else line)
        data["phu_luc_khac"] = kept
        if kept:
            self.note(
                "phụ lục", kept[0], f"phụ lục riêng của văn bản giữ nguyên {len(kept)} dòng trong phu_luc_khac", 0
            )


_REPORT_LISTS = ("ton_tai", "nhiem_vu_tiep_theo", "de_xuat")
_APPENDIX_LABEL = re.compile(r"PHỤ LỤC(\s+[IVXLC\d]+)?")
_REPORT_COLUMNS = ("TT", "NHIỆM VỤ", "CHỦ TRÌ", "CHỈ TIÊU", "ĐẠT ĐƯỢC", "TỶ LỆ", "TÌNH TRẠNG")


def _report_section(title: str) -> str | None:
    value = key(title)
    if "TỒN TẠI" in value or "HẠN CHẾ" in value or "KHÓ KHĂN" in value:
        return "ton_tai"
    if "ĐỀ XUẤT" in value or "KIẾN NGHỊ" in value:
        return "de_xuat"
    if "KẾT QUẢ" in value:
        return "ket_qua"
    if "NHIỆM VỤ" in value or "PHƯƠNG HƯỚNG" in value or "GIẢI PHÁP" in value:
        return "nhiem_vu_tiep_theo"
    return None


_TARGET = re.compile(
    r"^(?:đạt\s+(?P<dat>[\d.,]+)|\[Bổ sung số đạt được\])\s*/\s*(?P<so>\d[\d.,]*)\s+(?P<don_vi>.+?)"
    r"(?:\s+\([\d.,]+%\))?(?:;\s*(?:chưa\s+)?đạt chỉ tiêu)?\.?$"
)


def _target_reached(value: str) -> dict[str, Any] | None:
    """'đạt 06/15 Doanh nghiệp (40%)' → the target and what was reached; None when it does not read so."""
    match = _TARGET.match(value)
    if not match:
        return None
    dat = vn.tu_so(match["dat"]) if match["dat"] else None
    return {"so_luong": vn.tu_so(match["so"]), "don_vi": match["don_vi"], "dat": dat}


def _section_kind(title: str) -> str | None:
    value = key(title)
    if "TỔ CHỨC THỰC HIỆN" in value:
        return "to_chuc_thuc_hien"
    if "KINH PHÍ" in value:
        return "kinh_phi"
    if "MỤC ĐÍCH" in value or value.startswith("YÊU CẦU"):
        return "muc_dich_yeu_cau"
    if "NỘI DUNG" in value or "NHIỆM VỤ" in value or "MỤC TIÊU" in value:
        return "nhiem_vu"
    return None


_FIELDS = (
    ("chu_tri", ("chủ trì",)),
    ("phoi_hop", ("phối hợp",)),
    ("thoi_gian", ("thời gian", "tiến độ")),
    ("hoat_dong", ("nội dung",)),
    ("ket_qua", ("kết quả", "sản phẩm")),
)


def _field_of(label: str) -> str | None:
    value = label.lower()
    for name, words in _FIELDS:
        if any(word in value for word in words):
            return name
    return None


def _labels(found: dict[str, str]) -> NhanTruong:
    data = {name: value for name, value in found.items() if name in NhanTruong.model_fields}
    if data.get("nhiem_vu") == "":
        data["nhiem_vu"] = None
    return NhanTruong(**data)


def _titled(line: Line) -> bool:
    """A khoản with a title (own line, bold), not a khoản of running text."""
    if line.bold is not None:
        return bool(line.bold)
    body = _KHOAN.match(line.text)["t"]
    return len(body.split()) <= 12 and not body.endswith((".", ";", ":", ","))


def _split_citations(value: str) -> list[str]:
    return [part.strip() for part in re.split(r";\s+", value) if part.strip()]


def _time(value: str, deadline: bool) -> ThoiGian:
    frame = ThoiGian.model_validate(value.rstrip(";.").strip())
    return frame.model_copy(update={"han": True}) if deadline else frame


def _cell_time(value: str) -> ThoiGian:
    """A time frame in a table cell: free text keeps its own full stop (the table adds none)."""
    frame = _time(value, False)
    return ThoiGian(loai="khac", noi_dung=value.strip()) if frame.loai == "khac" else frame


def _activity(value: str) -> HoatDong:
    match = _ACTIVITY_TIME.match(value)
    if match:
        return HoatDong(noi_dung=match["content"], thoi_gian=_time(match["time"], "hoàn thành" in match["label"]))
    return HoatDong(noi_dung=value)


def _number_text(value: str) -> str:
    from .models import SoKyHieu

    number = SoKyHieu.model_validate(value)
    return vn.so_ky_hieu(number.so, number.ky_hieu).removeprefix("Số: ")


def _date_text(value: Any) -> str:
    if isinstance(value, str):
        return vn.ngay_thang(date.fromisoformat(value))
    if isinstance(value, dict):
        return vn.ngay_thang(nam=value["nam"], thang=value.get("thang"))
    return vn.ngay_thang()
