"""Read an existing plan or report (DOCX, .doc, or text) back into the typed model.

Both DOCX and text stand on :func:`vanban._parts.find`, the reader of a document's parts the checker
uses too. Nothing is dropped and nothing is added: a part goes into a typed field only when the words
vanban would print for that field (:mod:`vanban._wording`) are the document's words in the same order;
everything else is kept verbatim where it stood (free sections, tables as tables, appendices, the lines
before the header and after the signature, footnotes). The notes say what was kept verbatim and where the
reader guessed; the confidence counts only the guesses.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any

from . import _wording as wording
from . import text as vn
from ._docx.values import Cell, Para, Table
from ._errors import InputError
from ._files import read_bytes, read_text
from ._parts import HEADINGS, TEN_LOAI, Components, TextView, View, clean, find, is_upper, key
from .models import (
    LOAI_VAN_BAN,
    Bang,
    BaoCao,
    CanCu,
    ChiTieu,
    DongViec,
    HoatDong,
    KeHoach,
    KetQuaNhiemVu,
    Khoan,
    KyBaoCao,
    LinhVuc,
    MucKhac,
    MucKhacBaoCao,
    NgayDuThao,
    NhanTruong,
    NhiemVu,
    NhomNhiemVu,
    OBang,
    PhuLuc,
    PhuLucVanBan,
    SoKyHieu,
    ThoiGian,
    TieuDeKeHoach,
    VanBanDanChieu,
)
from .models._van_ban import cac_chu
from .models.bao_cao import parse_ky, parse_trang_thai, tach_ky

Source = str | os.PathLike[str] | bytes | IO[bytes]
MAX_DOC = 64 * 1024 * 1024


@dataclass
class ParseNote:
    """What the reader kept verbatim (``guess`` False) or guessed: where, which text, why."""

    where: str
    text: str
    reason: str
    guess: bool = True


@dataclass
class ParseResult:
    model: KeHoach | BaoCao
    notes: list[ParseNote] = field(default_factory=list)
    confidence: float = 1.0


@dataclass
class Doan:
    """One paragraph of the body or an appendix as the reader sees it, or a table (``bang``)."""

    text: str
    bold: bool | None = None  # None: unknown (plain text input)
    center: bool = False
    section: int = 0
    bang: Bang | None = None
    page_break: bool = False


def parse(source: Source) -> KeHoach | BaoCao:
    """A plan or report read from a DOCX or .doc (path or bytes), a text file, or a string of text."""
    return parse_detailed(source).model


def parse_detailed(source: Source) -> ParseResult:
    """Like :func:`parse`, with the notes on what was kept verbatim or guessed, and a confidence (0–1)."""
    from pydantic import ValidationError

    from ._io import describe_error

    name = str(source) if isinstance(source, (str, os.PathLike)) and "\n" not in str(source) else None
    try:
        view = _view(source)
        return _Reader(view).read()
    except ValidationError as exc:
        details = [describe_error(e, {}) for e in exc.errors()]
        raise InputError("đọc được văn bản nhưng không dựng được mô hình", source=name, details=details) from None
    except InputError as exc:
        exc.source = exc.source or name
        raise


# --- the document as a view ------------------------------------------------------------------------
def _view(source: Source) -> View:
    from ._docx import open_docx

    if isinstance(source, (bytes, bytearray)):
        data = bytes(source)
        if data[:2] == b"PK":
            return open_docx(data, unicode=True)
        if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
            return open_docx(_from_doc(data, "<bytes>.doc"), unicode=True)
        try:
            return _text_view(data.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise InputError("không phải tệp Word (.docx, .doc) hay văn bản UTF-8") from None
    if hasattr(source, "read"):
        data = source.read()
        return _view(data if isinstance(data, bytes) else data.encode("utf-8"))
    if isinstance(source, str) and ("\n" in source or not source.strip()):
        return _text_view(source)
    path = Path(source)
    if path.suffix.lower() == ".docx":
        return open_docx(path, unicode=True)
    if path.suffix.lower() == ".doc":
        return open_docx(_from_doc(read_bytes(path, limit=MAX_DOC, what="tệp Word"), str(path)), unicode=True)
    return _text_view(read_text(path), str(path))


def _from_doc(data: bytes, name: str) -> bytes:
    """A Word 97–2003 .doc as DOCX bytes, converted once by LibreOffice."""
    from ._pdf import convert

    with tempfile.TemporaryDirectory(prefix="vanban-doc-") as work:
        source = Path(work) / "van-ban.doc"
        source.write_bytes(data)
        try:
            converted = convert(source, "docx", Path(work) / "out")
        except InputError as exc:
            raise InputError(f"không đọc được '{name}': {exc.args[0]}") from None
        return converted.read_bytes()


def _text_view(raw: str, name: str = "<văn bản>") -> TextView:
    """Text, one paragraph a line (``*italic*`` marks dropped, legacy encodings converted)."""
    raw = vn.sang_unicode(unicodedata.normalize("NFC", raw))
    lines = [vn.sang_unicode(re.sub(r"\*([^*\n]+)\*", r"\1", line)) for line in raw.splitlines()]
    return TextView("\n".join(lines), name)


# --- building the model --------------------------------------------------------------------------------
_ROMAN, _KHOAN, _SUB_KHOAN, _DIEM = HEADINGS["muc"], HEADINGS["khoan"], HEADINGS["khoan_con"], HEADINGS["diem"]
_LABEL = re.compile(r"^-\s*(?P<label>[^:;]{3,60}?):\s*(?P<value>.*)$")
_TASK_PREFIX = re.compile(r"^(?P<word>Nhiệm vụ)\s+(?P<n>\d+)\s*[:.]\s*(?P<rest>.*)$")
_RESULT_PREFIX = re.compile(r"^Nhiệm vụ\s+(?P<ma>[\w.\-]{1,20}?):\s*(?P<rest>.*)$")
_ACTIVITY_TIME = re.compile(
    r"^(?P<content>.*?)\s+(?P<label>Thời gian (?:thực hiện|hoàn thành))\s*:\s*(?P<time>.+?)\s*[;.]?$"
)
_CITATION = re.compile(
    r"^(?P<loai>[A-ZĐ][^\s]*(?:\s+(?!số\b)[^\s]+){0,4}?)\s+số\s+(?P<so>\S+?),?\s+ngày\s+(?P<ngay>\d{1,2}/\d{1,2}/\d{4})"
    r"(?:\s+của\s+(?P<co_quan>.+?))?(?:\s+(?P<trich_yeu>(?:về|ban hành|quy định|hướng dẫn|phê duyệt|triển khai)\b.*))?$"
)
_UNIT_STOP = re.compile(r"\s+(được|đã|có|ứng dụng|tham gia|hoàn thành|trên|tại|thuộc|gồm)\b|[:;.(]")
_BULLET = re.compile(r"^[-+•●▪◦–—]\s*")
_APPENDIX_LABEL = re.compile(r"^(PHỤ LỤC|PHỤ BIỂU|BIỂU MẪU|BIỂU|MẪU)\b", re.IGNORECASE)
_ATTACHED = re.compile(r"^\((Ban hành |Kèm |kèm )")
_LIST_LABEL = re.compile(r"^(?:[IVXLCDM]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)](?!\d)\s*", re.IGNORECASE)  # printed anew
_AGENCY_WORDS = r"(?:Sở|Ủy ban|UBND|Ban|Phòng|Trường|Văn phòng|Hội đồng|Cục|Chi cục|Trung tâm|Bộ)"


def _words(value: str) -> list[str]:
    """The words of a text (NFC, casefolded): the unit the reader compares in."""
    return re.findall(r"[^\W_]+", unicodedata.normalize("NFC", value).casefold())


def _same_words(source: Iterable[str], printed: Iterable[str]) -> bool:
    return [w for line in source for w in _words(line)] == [w for line in printed for w in _words(line)]


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
    if re.search(r"\.\s+[A-ZĐÀ-Ỹ]", match["trich_yeu"] or "") or re.search(r"\.\s+[A-ZĐÀ-Ỹ]", match["co_quan"] or ""):
        return CanCu(dan_nhap=lead, noi_dung=value)  # a sentence of the plan follows: not one citation
    cited = VanBanDanChieu(
        loai=match["loai"], so_ky_hieu=match["so"], ngay=issued, co_quan=match["co_quan"], trich_yeu=match["trich_yeu"]
    )
    if str(cited) != value:  # only what renders back word for word is taken apart
        return CanCu(dan_nhap=lead, noi_dung=value)
    return CanCu(dan_nhap=lead, van_ban=cited)


class _Reader:
    def __init__(self, view: View) -> None:
        self.view = view
        self.parts: Components = find(view)
        self.formatted = self.parts.formatted
        self.notes: list[ParseNote] = []
        self.guessed = 0
        self.footnotes: list[str] = []

    def note(self, where: str, value: str, reason: str, lines: int = 1, guess: bool = True) -> None:
        self.notes.append(ParseNote(where, value[:200], reason, guess))
        if guess:
            self.guessed += max(lines, 1)

    # --- text of paragraphs and tables ----------------------------------------------------------------
    def text(self, para: Para) -> str:
        """A paragraph's text (its automatic number too), footnotes marked ``[^n]`` where they are referenced."""
        if para.footnotes:
            numbers = []
            for note in para.footnotes:
                self.footnotes.append(clean(note))
                numbers.append(len(self.footnotes))
            raw = para.with_footnote_marks(numbers)
        else:
            raw = para.text
        value = clean(f"{para.label} {raw}" if para.label else raw)
        return re.sub(r"^[•●▪◦–—]\s*", "- ", value)

    def table(self, table: Table, landscape: bool) -> Bang:
        header = table.header_rows or self.header_rows(table)
        rows = [[self.cell(cell, number >= header) for cell in row] for number, row in enumerate(table.rows)]
        columns = max((sum(max(c.span, 1) for c in row) for row in table.rows), default=0)
        widths = wording.vua_trang(table.grid, columns, landscape) if len(table.grid) == columns else []
        if widths == wording.vua_trang([], columns, landscape):
            widths = []  # equal columns: what is printed when no widths are given
        return Bang(hang=rows, hang_tieu_de=min(header, len(rows)), do_rong=widths)

    def cell(self, cell: Cell, body: bool) -> OBang:
        """A cell; bold when all its text is (a header row is bold anyway)."""
        lines = [self.text(p) for p in cell.paragraphs]
        for inner in cell.tables:  # a table inside a cell: its rows as lines, cells joined by " | "
            for row in inner.rows:
                lines.append(" | ".join(" ".join(self.text(p) for p in _table_paragraphs_of(c)) for c in row))
            self.note("bảng lồng trong ô", lines[-1], "bảng lồng trong một ô được giữ thành các dòng chữ", guess=False)
        written = [p for p in cell.paragraphs if clean(p.text)]
        bold = body and self.formatted and bool(written) and all(p.bold for p in written)
        return OBang(doan=[line for line in lines if line], gop_cot=max(cell.span, 1), noi_tren=cell.merged, dam=bold)

    def header_rows(self, table: Table) -> int:
        """Leading rows in bold (a header), up to a column-number row ``(1) (2) (3)``."""
        count = 0
        for row in table.rows[:4]:
            paragraphs = [p for cell in row for p in cell.paragraphs if clean(p.text)]
            numbers = all(re.fullmatch(r"\(?\d+\)?\.?|[A-Z]", clean(p.text)) for p in paragraphs)
            if paragraphs and (numbers or (self.formatted and all(p.bold for p in paragraphs))):
                count += 1
            else:
                break
        return count if count < len(table.rows) else 0

    # --- the whole document ---------------------------------------------------------------------------
    def read(self) -> ParseResult:
        parts = self.parts
        if parts.ten_loai is None:
            raise InputError("không tìm thấy tên loại văn bản (KẾ HOẠCH, BÁO CÁO, …) ở dòng riêng")
        code = TEN_LOAI.get(key(parts.ten_loai.text))
        if code not in ("KH", "BC"):
            raise InputError(f"chưa đọc được loại văn bản '{clean(parts.ten_loai.text)}'; hiện đọc kế hoạch và báo cáo")
        before, body, appendix, after = self.blocks()
        data = self.header(code)
        data["dong_dau"] = before
        data["dong_cuoi"] = [item.text for item in after]
        if data["dong_dau"] or data["dong_cuoi"]:
            kept = [*data["dong_dau"], *data["dong_cuoi"]]
            self.note(
                "ngoài phần chính", kept[0], f"giữ nguyên {len(kept)} dòng trước phần đầu hoặc sau chữ ký", guess=False
            )
        closing = next((i for i in range(len(body) - 1, -1, -1) if body[i].text.startswith("Trên đây")), None)
        data["ket_luan"] = body.pop(closing).text if closing is not None else None
        first = next((i for i, item in enumerate(body) if self.is_section(item)), len(body))
        data.update(self.opening(body[:first], data))
        if code == "BC":
            data.update(self.report(body[first:], appendix, data))
            model: KeHoach | BaoCao = BaoCao.model_validate(data)
        else:
            data.update(self.sections(body[first:]))
            data.update(self.plan_appendices(appendix, data))
            data.update(self.plan_period(data))
            model = KeHoach.model_validate(data)
        model = model.model_copy(update={"chu_thich": self.footnotes})
        if self.footnotes:
            self.note(
                "chú thích cuối trang",
                self.footnotes[0],
                f"giữ {len(self.footnotes)} chú thích, gọi bằng [^n]",
                guess=False,
            )
        total = len(body) + len(appendix) or 1
        confidence = max(0.0, 1 - self.guessed / total)
        missing = self.unplaced(model)
        if missing:
            self.note("cả văn bản", " ".join(missing[:20]), f"{len(missing)} từ của văn bản chưa có trong mô hình")
            confidence = min(confidence, 0.99)
        return ParseResult(model, self.notes, round(confidence, 2))

    def unplaced(self, model: KeHoach | BaoCao) -> list[str]:
        """Words of the document that the model does not hold (its own check that nothing was lost)."""
        source: Counter[str] = Counter()
        for para in self.view.paragraphs:
            structured = (self.parts.ten_loai, self.parts.ngay, self.parts.so)  # held as kind, date, number
            if para.place in ("body", "table", "textbox") and not any(para is part for part in structured):
                source.update(_words(_LIST_LABEL.sub("", clean(f"{para.label} {para.text}"), count=1)))
        for note in self.footnotes:
            source.update(_words(note))
        held = Counter(_words(" ".join(_held(model))))
        fixed = Counter(
            _words(
                "cộng hòa hoà xã hội chủ nghĩa việt nam độc lập tự do hạnh phúc số ngày tháng năm nơi nhận lưu kính gửi"
            )
        )
        return sorted((source - held - fixed).elements())

    def is_section(self, item: Doan) -> bool:
        match = _ROMAN.match(item.text) if item.bang is None else None
        return match is not None and is_upper(match["t"])

    def blocks(self) -> tuple[list[str], list[Doan], list[Doan], list[Doan]]:
        """The lines before the header, the body, the appendix material and the lines after the signature, in
        order, tables as tables; text boxes that are not the header block where they are anchored."""
        parts = self.parts
        body_ids = {p.index for p in parts.body}
        appendix_ids = {p.index for p in parts.appendix}
        after_ids = {p.index for p in parts.after}
        used = {p.index for p in [*parts.left, *parts.right, *parts.trich_yeu, *parts.kinh_gui, *parts.noi_nhan]}
        if parts.signature is not None:
            used |= {p.index for row in parts.signature.rows for c in row for p in c.paragraphs}
        signature = [
            parts.noi_nhan_label,
            *parts.chuc_vu,
            *parts.chuc_vu_tren_ten,
            parts.ho_ten,
            *parts.chuc_vu_sau,
            *parts.signature_other,
        ]
        last = max((p.index for p in signature if p is not None), default=10**9)
        body: list[Doan] = []
        appendix: list[Doan] = []
        after: list[Doan] = []
        before = [self.text(p) for p in parts.before if clean(p.text)]
        header = {p.index for p in [*parts.left, *parts.right]}
        boxes = [p for p in self.view.textboxes if p.index not in header and clean(p.text)]
        first_body = min(body_ids, default=parts.title_end + 1)

        def position(block: Para | Table) -> int:
            if isinstance(block, Table):
                return min((p.index for row in block.rows for c in row for p in c.paragraphs), default=0)
            return block.index

        stream = sorted([*self.view.blocks(), *boxes], key=position)
        for block in stream:
            if isinstance(block, Para) and block.place == "textbox":
                value = self.text(block)
                item = Doan(value, block.bold if self.formatted else None, block.jc == "center", block.section)
                if block.index < first_body:
                    before.append(value)
                elif block.index < last:
                    body.append(item)
                else:
                    (appendix if appendix else after).append(item)
                continue
            if isinstance(block, Table):
                paragraphs = _table_paragraphs(block)
                if not paragraphs or block is parts.header or block is parts.signature:
                    continue
                ids = {p.index for p in paragraphs if clean(p.text)}
                if ids & used:
                    continue  # a layout table holding the header block or the signature
                section = paragraphs[0].section
                item = Doan(
                    "",
                    section=section,
                    bang=self.table(block, bool(ids & body_ids) is False and self.landscape(section)),
                )
                if ids & body_ids:
                    body.append(item)
                elif paragraphs[0].index > last:
                    appendix.append(item)
                continue
            para = block
            if para.index in body_ids or para.index in appendix_ids or para.index in after_ids:
                value = self.text(para)
                if not value:
                    continue
                item = Doan(value, para.bold if self.formatted else None, para.jc == "center", para.section)
                item.page_break = para.page_break
                if para.index in body_ids:
                    body.append(item)
                elif para.index in after_ids and not appendix:
                    after.append(item)
                else:
                    appendix.append(item)
        if not any(item.bold for item in body):  # typed without any formatting: bold tells nothing
            for item in body:
                item.bold = None
        joined = appendix and appendix[0].section == after[-1].section if after else False
        if after and (joined or any(_ATTACHED.match(item.text) for item in after)):
            appendix, after = after + appendix, []  # an appendix whose label line is missing
        return before, body, appendix, after

    # --- header block ---------------------------------------------------------------------------------
    def header(self, code: str) -> dict[str, Any]:
        parts = self.parts
        data: dict[str, Any] = {"so_ky_hieu": self.number(code)}
        place = ""
        issued: str | dict[str, int | None] | None = None
        date_line = clean(parts.ngay.text) if parts.ngay else ""
        if m := re.match(
            r"^(?P<place>[^,]+),\s*ngày\s*(?P<d>\d*)\s*tháng\s*(?P<m>\d*)\s*năm\s*(?P<y>\d{4})", date_line
        ):
            place = m["place"].strip()
            if m["d"] and m["m"]:
                try:
                    issued = date(int(m["y"]), int(m["m"]), int(m["d"])).isoformat()
                except ValueError:
                    issued = {"nam": int(m["y"]), "thang": int(m["m"]) if 1 <= int(m["m"]) <= 12 else None}
            else:
                issued = {"nam": int(m["y"]), "thang": int(m["m"]) if m["m"] and 1 <= int(m["m"]) <= 12 else None}
        else:
            self.note("địa danh, ngày", date_line, "không đọc được địa danh và ngày ban hành", 0)
        data["dia_danh"] = place or "[Bổ sung địa danh]"
        data["ngay_ban_hanh"] = issued
        data["trich_yeu"] = "\n".join(_own_lines(parts.trich_yeu)) or "[Bổ sung trích yếu]"
        if not parts.trich_yeu:
            self.note("trích yếu", "", "không tìm thấy trích yếu dưới tên loại", 0)
        data["co_quan"] = self.agency(data)
        titles = [clean(p.text) for p in parts.chuc_vu]
        if not titles:
            titles = ["[Bổ sung chức vụ]"]
            self.note("người ký", clean(parts.ho_ten.text) if parts.ho_ten else "", "không có dòng chức vụ người ký", 0)
        data["nguoi_ky"] = {
            "chuc_vu": titles,
            "ho_ten": clean(parts.ho_ten.text) if parts.ho_ten else None,
            "chuc_vu_tren_ten": [clean(p.text) for p in parts.chuc_vu_tren_ten],
            "dong_khac": [clean(p.text) for p in parts.signature_other if clean(p.text)],
            "chuc_vu_sau": [clean(p.text) for p in parts.chuc_vu_sau],
        }
        data["noi_nhan"] = self.recipients()
        if code == "BC":
            data["kinh_gui"] = self.addressees()
        return data

    def number(self, code: str) -> dict[str, Any] | str:
        """The number and ký hiệu; kept as written (and noted) when it does not follow ``19/KH-SKHCN``."""
        line = clean(self.parts.so.text) if self.parts.so else ""
        written = re.sub(r"^S[ốỐ]\s*[:.;]?\s*", "", line, flags=re.IGNORECASE).strip()
        if not written:
            self.note("số, ký hiệu", line, "không có dòng Số", 0)
            return {"so": None, "ky_hieu": f"{code}-[Bổ sung]"}
        try:
            number: SoKyHieu | None = SoKyHieu.model_validate(written)
        except InputError:
            number = None
        fits = number is not None and (number.loai == code or number.loai not in TEN_LOAI.values())
        if number is not None and fits and str(number) == re.sub(r"\s+", "", written):
            return str(number)
        groups = re.findall(r"[A-ZĐ][A-Za-zĐđ0-9&.]*", written.split("/", 1)[-1])
        ky_hieu = "-".join(groups) if len(groups) >= 2 else f"{code}-{groups[0] if groups else '[Bổ sung]'}"
        digits = re.match(r"^(\d{1,6})\b", written)
        self.note("số, ký hiệu", written, "số, ký hiệu khác mẫu thường gặp; giữ nguyên như văn bản viết", guess=False)
        return {"so": int(digits[1]) if digits and int(digits[1]) else None, "ky_hieu": ky_hieu, "nguyen_van": written}

    def agency(self, data: dict[str, Any]) -> dict[str, Any]:
        parts = self.parts
        names = _own_lines(parts.co_quan)
        number = data["so_ky_hieu"]
        ky_hieu = number["ky_hieu"] if isinstance(number, dict) else number.split("/", 1)[-1]
        groups = ky_hieu.split("-")
        spoken = None
        everything = " ".join([data["trich_yeu"], *(clean(p.text) for p in parts.body[:40])])
        if names:
            hit = re.search(re.escape(" ".join(names)), everything, re.IGNORECASE)
            spoken = hit.group(0) if hit and not is_upper(hit.group(0)) else vn.ten_uy_ban(" ".join(names))
        else:
            lead = re.search(rf",\s*(?P<a>{_AGENCY_WORDS}\b[^,:]*?)\s+(?:xây dựng|ban hành|báo cáo)\b", everything)
            if lead:
                spoken = lead["a"]
                names = [vn.viet_hoa(spoken)]
                self.note("cơ quan ban hành", spoken, "văn bản không có dòng tên cơ quan; lấy từ lời mở đầu", 0)
            else:
                names = ["[BỔ SUNG TÊN CƠ QUAN]"]
                self.note("cơ quan ban hành", "", "không tìm thấy tên cơ quan ban hành", 0)
        code = groups[1] if len(groups) > 1 and re.fullmatch(r"[A-ZĐ0-9][A-Za-zĐđ0-9&.]*", groups[1]) else "[Bổ sung]"
        return {"chu_quan": _own_lines(parts.chu_quan), "ten": names, "viet_tat": code, "ten_goi": spoken}

    def recipients(self) -> dict[str, Any]:
        items: list[str] = []
        for line in (clean(p.text) for p in self.parts.noi_nhan):
            if not line:
                continue
            if _BULLET.match(line) or not items:
                items.append(line)
            else:
                items[-1] = f"{items[-1]} {line}"
        luu = None
        if items and re.match(r"^[-+•–]?\s*Lưu\b", items[-1]):
            luu = re.sub(r"^[-+•–]?\s*Lưu\s*:?\s*", "", items.pop()).rstrip(". ") or None
        return {"danh_sach": [_BULLET.sub("", item) for item in items if item.strip("-+•–; ")], "luu": luu}

    def addressees(self) -> list[str]:
        lines = [clean(p.text) for p in self.parts.kinh_gui if clean(p.text)]
        if not lines:
            return []
        first = _BULLET.sub("", re.sub(r"^Kính gửi\s*:?\s*", "", lines[0])).strip()
        rest = [_BULLET.sub("", line).rstrip(";.").strip() for line in lines[1:]]
        return [part for part in [first.rstrip(";.").strip(), *rest] if part]

    # --- opening --------------------------------------------------------------------------------------
    def opening(self, items: list[Doan], data: dict[str, Any]) -> dict[str, Any]:
        """Căn cứ and the lead-in (``… như sau:``) before the first section."""
        cited: list[CanCu] = []
        lead: list[Any] = []
        style = "moi_dong"
        agency = data["co_quan"].get("ten_goi")
        for item in items:
            line = item.text
            if item.bang is None and re.match(r"^(Căn cứ|Thực hiện)\b", line) and not lead:
                if line.endswith(":"):
                    split = _split_lead(line, agency)
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
                lead.append(item.bang if item.bang is not None else line)
        return {"can_cu": cited, "trinh_bay_can_cu": style, "mo_dau": lead}

    # --- free content ---------------------------------------------------------------------------------
    def free(self, items: list[Doan], dashes: bool = False) -> list[str | Khoan | Bang]:
        """Paragraphs, titled khoản (nested by their numbers) and tables, as the document has them.

        A numbered title becomes a :class:`Khoan` only when it reads as a title (bold; in text, short without
        a final stop); its number is kept unless it is the one the renderer would give it."""
        top: list[str | Khoan | Bang] = []
        stack: list[tuple[int, Khoan, list[str | Khoan | Bang]]] = []

        def target() -> list[str | Khoan | Bang]:
            return stack[-1][2] if stack else top

        for item in items:
            if item.bang is not None:
                target().append(item.bang)
                continue
            heading = _heading(item)
            if heading is None:
                value = _BULLET.sub("", item.text) if dashes and not stack else item.text
                target().append(value)
                continue
            level, number, title = heading
            while stack and stack[-1][0] >= level:
                stack.pop()
            siblings = target()
            parent = stack[-1][1] if stack else None
            parent_number = (parent.so or "") if parent else ""
            auto = wording.so_tu_dong(parent_number, sum(isinstance(x, Khoan) for x in siblings) + 1)
            khoan = Khoan(tieu_de=title, so=None if number == auto else number)
            siblings.append(khoan)
            stack.append((level, khoan, khoan.doan))
        return top

    # --- plans ----------------------------------------------------------------------------------------
    def sections(self, body: list[Doan]) -> dict[str, Any]:
        data: dict[str, Any] = {"muc_khac": []}
        tieu_de: dict[str, str] = {}
        groups: list[tuple[str, list[Doan]]] = []
        for item in body:
            if self.is_section(item):
                groups.append((_part(_ROMAN, item.text, "t"), []))
            elif groups:
                groups[-1][1].append(item)
        after = "mo_dau"
        labels: dict[str, str] = {}
        for title, items in groups:
            kind = _section_kind(title)
            typed = None
            if kind is not None and kind not in data and kind not in tieu_de:
                if kind == "muc_dich_yeu_cau":
                    typed = self.purpose(items, tieu_de)
                elif kind == "nhiem_vu":
                    typed = self.tasks(items, labels)
                else:
                    typed = {kind: self.free(items)}
            if typed is None or kind is None:
                data["muc_khac"].append(MucKhac(tieu_de=title, sau=after, noi_dung=self.free(items)))
                why = "mục không có trường riêng" if kind is None else "mục không tách được thành trường"
                self.note(f"mục «{title}»", title, f"{why}; giữ nguyên chữ trong muc_khac", guess=False)
                continue
            tieu_de[kind] = title
            data.update(typed)
            after = kind
        data["tieu_de"] = TieuDeKeHoach(**{k: v for k, v in tieu_de.items() if k in TieuDeKeHoach.model_fields})
        data["nhan"] = _labels(labels)
        return data

    def purpose(self, items: list[Doan], tieu_de: dict[str, str]) -> dict[str, Any] | None:
        """``1. Mục đích`` / ``2. Yêu cầu`` with their paragraphs, or the section's paragraphs as its purpose."""
        if any(item.bang is not None for item in items):
            return None
        heads = [i for i, item in enumerate(items) if _KHOAN.match(item.text) and _titled(item)]
        lines = [item.text for item in items]
        if any(_heading(item) is not None and i not in heads for i, item in enumerate(items)):
            return None
        if not heads:
            tieu_de["muc_dich"] = ""
            return {"muc_dich": lines}
        if heads[0] != 0 or len(heads) > 2:
            return None
        titles = [_part(_KHOAN, lines[i], "t") for i in heads]
        bodies = [
            lines[start + 1 : (heads[n + 1] if n + 1 < len(heads) else len(lines))] for n, start in enumerate(heads)
        ]
        if len(heads) == 1:
            name = "yeu_cau" if key(titles[0]).startswith("YÊU CẦU") else "muc_dich"
            out = {name: bodies[0]}
            names = [name]
        else:
            out = {"muc_dich": bodies[0], "yeu_cau": bodies[1]}
            names = ["muc_dich", "yeu_cau"]
        printed = []
        for number, (name, title) in enumerate(zip(names, titles, strict=True), 1):
            printed += [f"{number}. {title}", *out[name]]
        if not _same_words(lines, printed) or not all(out.values()):
            return None
        for name, title in zip(names, titles, strict=True):
            tieu_de[name] = title
        return out

    def tasks(self, items: list[Doan], labels: dict[str, str]) -> dict[str, Any] | None:
        """Tasks with their labelled fields, flat (``1. Nhiệm vụ 1: …``) or by area; None if they would not
        print back word for word."""
        if any(item.bang is not None for item in items):
            return None
        starts = [i for i, item in enumerate(items) if _KHOAN.match(item.text)]
        intro = [item.text for item in items[: starts[0]]] if starts else [item.text for item in items]
        if not starts:
            return {"nhiem_vu_mo_dau": intro}
        out: dict[str, Any] = {"nhiem_vu_mo_dau": intro}
        blocks = [
            items[start : (starts[n + 1] if n + 1 < len(starts) else len(items))] for n, start in enumerate(starts)
        ]
        last = blocks[-1]
        if len(last) > 1 and last[-1].text.startswith("(") and last[-1].text.endswith(")"):
            out["ghi_chu_nhiem_vu"] = last[-1].text
            blocks[-1] = last[:-1]
        found: dict[str, str] = {}
        grouped = any(re.match(r"^[a-zđ]\)\s*(Mục tiêu|Nhiệm vụ)\s*$", item.text) for item in items)
        nested = any(_SUB_KHOAN.match(item.text) for item in items)
        try:
            if grouped or nested:
                out["linh_vuc"] = [self.area(block, found) for block in blocks]
            else:
                out["nhiem_vu"] = [self.task(block, found, n) for n, block in enumerate(blocks, 1)]
        except (ValueError, InputError):
            return None
        nhan = _labels(found)
        if "linh_vuc" in out:
            printed = [
                wording.chu(line)
                for n, area in enumerate(out["linh_vuc"], 1)
                for _, line in wording.linh_vuc_in(area, n, nhan)
            ]
        else:
            printed = [wording.chu(line) for _, line in wording.nhiem_vu_in(out["nhiem_vu"], nhan)]
        source = [item.text for block in blocks for item in block]
        if not _same_words(source, printed):
            return None
        labels.update(found)
        return out

    def task(self, block: list[Doan], labels: dict[str, str], position: int) -> NhiemVu:
        head = _part(_KHOAN, block[0].text, "t")
        prefix = _TASK_PREFIX.match(head)
        if prefix:
            labels.setdefault("nhiem_vu", prefix["word"])
            head = prefix["rest"]
        else:
            labels.setdefault("nhiem_vu", "")
        task = NhiemVu(
            ten=head or "[Bổ sung tên nhiệm vụ]", so=_numbered(_part(_KHOAN, block[0].text, "n"), f"{position}.")
        )
        return self.task_fields(task, block[1:], labels)

    def task_fields(self, task: NhiemVu, lines: list[Doan], labels: dict[str, str]) -> NhiemVu:
        data: dict[str, Any] = {"phoi_hop": [], "hoat_dong": []}
        order: list[str] = []
        unlabelled: list[str] = []
        for item in lines:
            value = item.text
            if m := re.match(r"^-\s*Nhiệm vụ chuyển tiếp từ năm (\d{4})\.?$", value):
                data["chuyen_tiep"] = int(m[1])
                order.append("chuyen_tiep")
                continue
            labelled = _LABEL.match(value)
            field_name = _field_of(labelled["label"]) if labelled else None
            order.append(field_name or "hoat_dong")
            if labelled and field_name:
                label, content = labelled["label"].strip(), labelled["value"].strip()
                if field_name == "thoi_gian":
                    deadline = "hoàn thành" in label.lower()
                    if not deadline:
                        labels.setdefault("thoi_gian", label)
                    data["thoi_gian"] = _time(content, deadline)
                    continue
                labels.setdefault(field_name, label)
                if field_name == "phoi_hop":
                    data["phoi_hop"] = [part.strip() for part in content.split(";") if part.strip()]
                elif field_name == "hoat_dong":
                    if content:
                        data["hoat_dong"].append(_activity(content))
                else:
                    data[field_name] = content
                continue
            labels.setdefault("hoat_dong", "")
            data["hoat_dong"].append(_activity(_BULLET.sub("", value)))
            if not labels.get("hoat_dong"):
                unlabelled.append(value)
        if data.get("ket_qua"):
            data["chi_tieu"] = targets_in(data["ket_qua"])
        if unlabelled:
            why = f"{len(unlabelled)} dòng không nhãn được coi là nội dung thực hiện"
            self.note(f"nhiệm vụ «{task.ten[:40]}»", unlabelled[0], why, len(unlabelled))
        firsts = list(dict.fromkeys(order))
        if firsts != [name for name in wording.THU_TU_NHIEM_VU if name in firsts]:
            data["thu_tu"] = firsts
        return task.model_copy(update=data)

    def area(self, block: list[Doan], labels: dict[str, str]) -> LinhVuc:
        """``1. Cải cách thể chế``: ``a) Mục tiêu`` and ``b) Nhiệm vụ`` bullets, or tasks ``1.1.`` with their fields."""
        area = LinhVuc(ten=_part(_KHOAN, block[0].text, "t"))
        mode = None
        detailed: list[Doan] = []

        number = _part(_KHOAN, block[0].text, "n")

        def close() -> None:
            if detailed:
                written = _numbered(_part(_SUB_KHOAN, detailed[0].text, "n"), f"{number}.{len(area.nhiem_vu) + 1}.")
                name = _part(_SUB_KHOAN, detailed[0].text, "t")
                area.nhiem_vu.append(self.task_fields(NhiemVu(ten=name, so=written), detailed[1:], labels))
                detailed.clear()

        for item in block[1:]:
            if _SUB_KHOAN.match(item.text):
                close()
                detailed.append(item)
                continue
            if detailed:
                detailed.append(item)
                continue
            if m := re.match(r"^[a-zđ]\)\s*(Mục tiêu|Nhiệm vụ)\s*$", item.text):
                mode = "muc_tieu" if m[1] == "Mục tiêu" else "nhiem_vu"
                continue
            if mode and item.text.startswith("-"):
                value = item.text[1:].strip()
                if mode == "muc_tieu":
                    area.muc_tieu.append(value)
                else:
                    area.nhiem_vu.append(NhiemVu(ten=value))
                continue
            mode = None
            area.doan.append(item.text)
        close()
        return area

    def plan_appendices(self, items: list[Doan], data: dict[str, Any]) -> dict[str, Any]:
        """The task table (typed when it prints back word for word) and any other appendix, kept."""
        out: dict[str, Any] = {"phu_luc": None, "phu_luc_khac": []}
        number, issued = _number_and_date(data)
        for appendix in self.appendices(items):
            tables = [x for x in appendix.noi_dung if isinstance(x, Bang)]
            typed = None
            if out["phu_luc"] is None and len(appendix.noi_dung) == 1 and tables and len(appendix.tieu_de) <= 1:
                typed = self.task_table(tables[0])
            if typed is None:
                out["phu_luc_khac"].append(appendix)
                name = " ".join(appendix.tieu_de) or appendix.nhan or ""
                self.note("phụ lục", name, "phụ lục giữ nguyên chữ và bảng", guess=False)
                continue
            note = appendix.ghi_chu
            default = wording.kem_theo("Kế hoạch", number, issued, data["co_quan"].get("ten_goi"))
            plain = clean(wording.kem_theo("Kế hoạch", number, issued, None))[:-1] + " của "
            if note and clean(note) == clean(default):
                note = None
            elif note and clean(note).startswith(plain) and clean(note).endswith(")"):  # names the issuer: its name
                data["co_quan"]["ten_goi"] = clean(note)[len(plain) : -1]  # in sentences, as vanban writes it
                note = None
            label = appendix.nhan if appendix.nhan != "Phụ lục" else None
            title = appendix.tieu_de[0] if appendix.tieu_de else ""
            out["phu_luc"] = typed.model_copy(update={"nhan": label, "tieu_de": title or "PHỤ LỤC", "ghi_chu": note})
            if not title:
                self.note("phụ lục", "", "phụ lục không có tên; ghi tạm 'PHỤ LỤC'", 0)
        return out

    def appendices(self, items: list[Doan]) -> list[PhuLucVanBan]:
        """Appendix material split at each label line (``Phụ lục II``, ``Biểu mẫu số 01``) or new section."""
        found: list[dict[str, Any]] = []
        current: dict[str, Any] | None = None
        stage = "nhan"
        for item in items:
            starts = item.bang is None and _APPENDIX_LABEL.match(item.text) and len(item.text) <= 60
            new_section = current is not None and item.section != current["section"] and stage != "nhan"
            if current is None or starts or (new_section and item.bang is None):
                new_page = current is None or item.section != current["section"] or item.page_break
                if current is not None:
                    found.append(current)
                current = {
                    "nhan": None,
                    "tieu_de": [],
                    "ghi_chu": None,
                    "noi_dung": [],
                    "section": item.section,
                    "trang_moi": new_page,
                }
                stage = "nhan"
                if starts:
                    current["nhan"] = _appendix_label(item.text)
                    stage = "tieu_de"
                    continue
            if item.bang is None and stage in ("nhan", "tieu_de") and _ATTACHED.match(item.text):
                current["ghi_chu"] = item.text
                stage = "ghi_chu" if item.text.count("(") > item.text.count(")") else "noi_dung"
                continue
            if stage == "ghi_chu" and item.bang is None:  # the note goes on to a second line
                current["ghi_chu"] += " " + item.text
                stage = "ghi_chu" if current["ghi_chu"].count("(") > current["ghi_chu"].count(")") else "noi_dung"
                continue
            if item.bang is None and stage in ("nhan", "tieu_de") and self.title_line(item):
                current["tieu_de"].append(item.text)
                stage = "tieu_de"
                continue
            stage = "noi_dung"
            current["noi_dung"].append(item)
        if current is not None:
            found.append(current)
        return [
            PhuLucVanBan(
                nhan=a["nhan"],
                tieu_de=a["tieu_de"],
                ghi_chu=a["ghi_chu"],
                noi_dung=self.free(a["noi_dung"]),
                ngang=self.landscape(a["section"]),
                trang_moi=a["trang_moi"],
            )
            for a in found
        ]

    def title_line(self, item: Doan) -> bool:
        if item.bold is None:
            return is_upper(item.text)
        return bool(item.bold) and (item.center or is_upper(item.text)) and len(item.text) < 300

    def landscape(self, section: int) -> bool:
        sections = self.view.sections
        return bool(sections) and sections[min(section, len(sections) - 1)].landscape

    def task_table(self, table: Bang) -> PhuLuc | None:
        """A task table as groups of tasks, when it has task and lead-unit columns and prints back word for word.
        A task may span rows (its number and name merged down); a cell may span the next column."""
        head = table.hang_tieu_de or 1
        titles = [cell.chu for cell in table.hang[0]]
        fields = [wording.truong_cua_cot(title) for title in titles]
        if "ten" not in fields or "chu_tri" not in fields or len(table.hang) <= head or head > 2:
            return None
        if any(cell.gop_cot != 1 for row in table.hang[:head] for cell in row):
            return None
        numbers = [cell.chu for cell in table.hang[1]] if head == 2 else []
        groups: list[NhomNhiemVu] = []
        for row in table.hang[head:]:
            cell: dict[str, str] = {}
            merged: list[str] = []
            below: set[str] = set()
            column = 0
            for item in row:
                name = fields[column] if column < len(fields) else ""
                if item.noi_tren:
                    below.add(name)
                if item.gop_cot > 1:
                    merged.append(name)
                if name:
                    cell[name] = item.chu
                elif item.chu:
                    return None  # text in a column that is no task field
                column += item.gop_cot
            if column != len(fields) or len(merged) > 1 or (merged and merged[0] in ("so", "ten", "")):
                return None
            work = {
                "ket_qua": cell.get("ket_qua") or None,
                "thoi_gian": _cell_time(cell["thoi_gian"]) if cell.get("thoi_gian") else None,
                "chu_tri": cell.get("chu_tri") or None,
                "phoi_hop": [p.strip() for p in cell.get("phoi_hop", "").split(";") if p.strip()],
                "theo_doi": cell.get("theo_doi") or None,
                "o_gop": merged,
            }
            if below:
                if below != {"so", "ten"} or not groups or not groups[-1].nhiem_vu:
                    return None
                task = groups[-1].nhiem_vu[-1]
                groups[-1].nhiem_vu[-1] = task.model_copy(update={"them": [*task.them, DongViec(**work)]})
                continue
            number = cell.get("so", "").strip().rstrip(".")
            details = any(cell.get(name) for name in ("ket_qua", "thoi_gian", "chu_tri", "phoi_hop", "theo_doi"))
            if re.fullmatch(r"[IVXLC]+", number) or (not number and cell.get("ten") and not details):
                groups.append(NhomNhiemVu(ten=cell.get("ten", "")))
                continue
            if not groups:
                groups.append(NhomNhiemVu(ten=""))
            if not cell.get("ten"):
                return None
            groups[-1].nhiem_vu.append(NhiemVu(ten=cell["ten"], **work))
        source = [[cell.chu for cell in row] for row in table.hang]
        for style in ("trong_nhom", "lien_tuc"):
            typed = PhuLuc(
                tieu_de="PHỤ LỤC", nhom=groups, cot=titles, do_rong=table.do_rong, hang_so=numbers, danh_so=style
            )
            if typed.do_rong == wording.do_rong_phu_luc(typed):
                typed = typed.model_copy(update={"do_rong": []})
            printed = [[cell.chu for cell in row] for row in wording.bang_nhiem_vu(typed).hang]
            if len(printed) == len(source) and all(_same_words(a, b) for a, b in zip(source, printed, strict=True)):
                return typed
        return None

    def plan_period(self, data: dict[str, Any]) -> dict[str, Any]:
        """The years a plan covers, from its trích yếu: the year it names (``… năm 2026``, also in ``năm 2024 thực
        hiện Chương trình giai đoạn 2021–2025``), else a range (``giai đoạn 2026–2030``, ``năm học 2025 – 2026``,
        ``đến năm 2030`` from the issue year), else the year of its issue date."""
        summary = data["trich_yeu"].replace("\n", " ")
        issued = data.get("ngay_ban_hanh")
        issue_year = int(issued[:4]) if isinstance(issued, str) else issued["nam"] if isinstance(issued, dict) else None
        if years := re.findall(r"(?<!đến )(?<!đến hết )(?<!từ )\bnăm (\d{4})\b(?!\s*[-–—]\s*\d{4})", summary):
            return {"nam": int(years[0])}
        for m in re.finditer(r"\b(\d{4})\s*[-–—]\s*(\d{4})\b", summary):
            if "nhiệm kỳ" not in summary[max(m.start() - 12, 0) : m.start()] and int(m[1]) < int(m[2]):
                return {"nam": int(m[1]), "den_nam": int(m[2])}
        if until := re.search(r"đến (?:hết )?năm (\d{4})", summary):
            start = issue_year or date.today().year
            end = int(until[1])
            return {"nam": start, "den_nam": end} if end > start else {"nam": end}
        if issue_year:
            self.note("năm kế hoạch", summary, "trích yếu không ghi năm; lấy năm ban hành", 0)
            return {"nam": issue_year}
        self.note("năm kế hoạch", summary, "không biết năm của kế hoạch; lấy năm nay", 0)
        return {"nam": date.today().year}

    # --- reports ----------------------------------------------------------------------------------------
    def report(self, body: list[Doan], appendix: list[Doan], data: dict[str, Any]) -> dict[str, Any]:
        """Sections of a report: results (per task when written as vanban writes them), shortcomings, next
        tasks, proposals; other sections and appendices kept verbatim."""
        out: dict[str, Any] = {"ky": self.report_period(data), "tieu_de": {}, "muc_khac": []}
        cited = [c.van_ban for c in data["can_cu"] if c.van_ban and c.van_ban.loai == "Kế hoạch"]
        out["ke_hoach"] = cited[0] if cited else None
        groups: list[tuple[str, list[Doan]]] = []
        for item in body:
            if self.is_section(item):
                groups.append((_part(_ROMAN, item.text, "t"), []))
            elif groups:
                groups[-1][1].append(item)
        after = "mo_dau"
        for title, items in groups:
            kind = _report_section(title)
            if kind is None or _REPORT_ORDER.index(kind) <= _REPORT_ORDER.index(after):
                out["muc_khac"].append(MucKhacBaoCao(tieu_de=title, sau=after, noi_dung=self.free(items)))
                self.note(
                    f"mục «{title}»", title, "mục không có trường riêng; giữ nguyên chữ trong muc_khac", guess=False
                )
                continue
            out["tieu_de"][kind] = title
            after = kind
            if kind == "ket_qua":
                out.update(self.results(items, out["ky"]))
            else:
                out[kind] = self.free(items, dashes=True)
        out.update(self.report_appendices(appendix, out, data))
        return out

    def report_period(self, data: dict[str, Any]) -> KyBaoCao:
        """The period reported on: the first period the trích yếu names (``… năm 2025 và phương hướng … năm
        2026`` is năm 2025), else the year of the issue date."""
        summary = data["trich_yeu"].replace("\n", " ")
        period = re.search(
            r"(?<!hành động )(?<![\w.])(tháng \d{1,2}|quý [IVX]+|6 tháng đầu năm|6 tháng cuối năm|6 tháng|9 tháng)"
            r"(?:\s*(?:năm\s*|/)(\d{4}))?",
            summary,
            re.IGNORECASE,
        )
        year_match = re.search(r"\bnăm (\d{4})\b", summary)
        issued = data.get("ngay_ban_hanh")
        issue_year = int(issued[:4]) if isinstance(issued, str) else issued["nam"] if isinstance(issued, dict) else None
        if period:
            year = period[2] or (year_match[1] if year_match else None) or issue_year or date.today().year
            return KyBaoCao.model_validate(parse_ky(f"{period[1]} năm {year}"))
        if year_match:
            return KyBaoCao(loai="nam", nam=int(year_match[1]))
        self.note("kỳ báo cáo", summary, "trích yếu không ghi kỳ; lấy năm ban hành", 0)
        return KyBaoCao(loai="nam", nam=issue_year or date.today().year)

    def results(self, items: list[Doan], ky: KyBaoCao) -> dict[str, Any]:
        """The results section: per task (or per field, then task) when it reads exactly as vanban prints
        results, else kept as written."""
        starts = [
            i
            for i, item in enumerate(items)
            if item.bang is None and (_KHOAN.match(item.text) or _SUB_KHOAN.match(item.text)) and _titled(item)
        ]
        if not starts or any(item.bang is not None for item in items[starts[0] :]):
            return {"tong_quan": self.free(items), "ket_qua": []}
        blocks = [items[s : (starts[n + 1] if n + 1 < len(starts) else len(items))] for n, s in enumerate(starts)]
        grouped = len(blocks) > 1 and len(blocks[0]) == 1 and bool(_SUB_KHOAN.match(blocks[1][0].text))
        results: list[KetQuaNhiemVu] = []
        field: str | None = None
        for block in blocks:
            if grouped and len(block) == 1 and (head := _KHOAN.match(block[0].text)):
                field = head["t"]
                continue
            result = self.result(block, field if grouped else None)
            if result is None:
                return {"tong_quan": self.free(items), "ket_qua": []}
            results.append(result.model_copy(update={"so": len(results) + 1}))
        printed = [clean(wording.chu(line)) for _, line in wording.ket_qua_in(results, ky)]
        if [clean(item.text) for item in items[starts[0] :]] != printed:
            return {"tong_quan": self.free(items), "ket_qua": []}
        return {"tong_quan": self.free(items[: starts[0]]), "ket_qua": results}

    def result(self, block: list[Doan], field: str | None) -> KetQuaNhiemVu | None:
        heading = _SUB_KHOAN.match(block[0].text) if field is not None else _KHOAN.match(block[0].text)
        if heading is None:
            return None
        named = _RESULT_PREFIX.match(heading["t"])
        if named is None and field is None:
            return None
        ma, name = (named["ma"], named["rest"]) if named else (heading["n"].rstrip("."), heading["t"])
        task: dict[str, Any] = {"so": 1, "ma": ma, "linh_vuc": field, "ten": name, "ket_qua": [], "chi_tieu": []}
        for item in block[1:]:
            labelled = re.match(r"^-\s*(Tình trạng|Kết quả|Chỉ tiêu)\s*:\s*(.*)$", item.text)
            label, value = (labelled[1], labelled[2]) if labelled else ("", item.text)
            if label == "Tình trạng":
                if not value.startswith("[Bổ sung"):
                    status = re.match(r"^(.*?)(?: \(chưa có số liệu ([^)]+)\))?\.?$", value)
                    try:
                        task["trang_thai"] = parse_trang_thai(status[1].rstrip(". ") if status else value)
                    except (ValueError, TypeError):
                        return None
                    task["thieu"] = tach_ky(status[2]) if status and status[2] else []
            elif label == "Chỉ tiêu":
                target = _target_reached(value)
                if target is None:
                    return None
                task["chi_tieu"].append(target)
            else:
                task["ket_qua"].append(value)
        return KetQuaNhiemVu.model_validate(task)

    def report_appendices(self, items: list[Doan], out: dict[str, Any], data: dict[str, Any]) -> dict[str, Any]:
        """Our summary table (its lead units go to the results), our Biểu 01, and any other appendix, kept."""
        number, issued = _number_and_date(data)
        agency = data["co_quan"].get("ten_goi")
        kept: list[PhuLucVanBan] = []
        ours = statistics = False
        suffix = " " + vn.viet_hoa(str(out["ky"]))
        for appendix in self.appendices(items):
            tables = [x for x in appendix.noi_dung if isinstance(x, Bang)]
            header = [cell.chu for cell in tables[0].hang[0]] if len(tables) == 1 else []
            title = appendix.tieu_de[0] if len(appendix.tieu_de) == 1 else ""
            if (
                not ours
                and header == [title for title, _ in wording.COT_TONG_HOP]
                and len(appendix.noi_dung) == 1
                and title.endswith(suffix)
                and self.summary_table(tables[0], out)
            ):
                ours = True
                out["tieu_de"]["phu_luc"] = title[: -len(suffix)]
                continue
            if (
                not kept
                and not statistics
                and _same_appendix(
                    appendix, wording.bieu_thong_ke(out.get("ket_qua", []), out["ky"], number, issued, agency)
                )
            ):
                statistics = True
                continue
            kept.append(appendix)
            self.note(
                "phụ lục",
                " ".join(appendix.tieu_de) or appendix.nhan or "",
                "phụ lục giữ nguyên chữ và bảng",
                guess=False,
            )
        return {"phu_luc": ours, "thong_ke": statistics, "phu_luc_khac": kept}

    def summary_table(self, table: Bang, out: dict[str, Any]) -> bool:
        """Our appendix of a report: each row a task of the results; its lead unit goes to the result."""
        rows = table.hang[1:]
        results = out.get("ket_qua", [])
        if len(rows) != len(results):
            return False
        updated = []
        for row, result in zip(rows, results, strict=True):
            if row[0].chu != (result.ma or str(result.so)) or row[1].chu != result.ten:
                return False
            updated.append(result.model_copy(update={"chu_tri": row[2].chu or None}))
        out["ket_qua"] = updated
        return True


def _part(pattern: re.Pattern[str], text: str, group: str) -> str:
    """A group of a heading pattern the text was already found to match ("" if it does not)."""
    match = pattern.match(text)
    return match[group] if match else ""


def _same_appendix(read: PhuLucVanBan, printed: PhuLucVanBan) -> bool:
    """Whether an appendix read says what vanban prints for ``printed``: label, title, note and every cell."""

    def words(appendix: PhuLucVanBan) -> list[str]:
        pieces = [appendix.nhan or "", *appendix.tieu_de, appendix.ghi_chu or "", *cac_chu(appendix.noi_dung)]
        return [clean(piece) for piece in pieces]

    return words(read) == words(printed)


def _table_paragraphs(table: Table) -> list[Para]:
    """Every paragraph of a table, those of tables nested in its cells too."""
    return [p for row in table.rows for cell in row for p in _table_paragraphs_of(cell)]


def _table_paragraphs_of(cell: Cell) -> list[Para]:
    return [*cell.paragraphs, *(p for table in cell.tables for p in _table_paragraphs(table))]


def _own_lines(paragraphs: list[Para]) -> list[str]:
    """Lines of a header block or trích yếu; a line vanban broke to fit (a soft break in a paragraph of its own
    agency or trích yếu style) is one line again."""
    lines: list[str] = []
    previous: Para | None = None
    for para in paragraphs:
        own = para.style_id in ("VBCoQuan", "VBChuQuan", "VBTrichYeu")
        if own and previous is not None and previous.index == para.index and lines:
            lines[-1] = f"{lines[-1]} {clean(para.text)}"
        else:
            lines.append(clean(para.text))
        previous = para
    return [line for line in lines if line]


def _held(model: KeHoach | BaoCao) -> Iterable[str]:
    """The text a model holds: its values, and the words its structured parts print (citations, tasks)."""
    yield from _strings(model.model_dump(mode="json", exclude={"can_cu"}))
    yield from (str(item) for item in model.can_cu)
    table: Bang | None = None
    if isinstance(model, KeHoach):
        yield from (wording.chu(line) for _, line in wording.nhiem_vu_in(model.nhiem_vu, model.nhan))
        for number, area in enumerate(model.linh_vuc, 1):
            yield from (wording.chu(line) for _, line in wording.linh_vuc_in(area, number, model.nhan))
        table = wording.bang_nhiem_vu(model.phu_luc) if model.phu_luc else None
    else:
        yield from (wording.chu(line) for _, line in wording.ket_qua_in(model.ket_qua, model.ky))
        table = wording.bang_tong_hop(model.ket_qua) if model.phu_luc else None
        if model.thong_ke:
            statistics = wording.bieu_thong_ke(
                model.ket_qua, model.ky, model.so_ky_hieu, model.ngay_ban_hanh, model.co_quan.ten_goi
            )
            yield from [
                statistics.nhan or "",
                *statistics.tieu_de,
                statistics.ghi_chu or "",
                *cac_chu(statistics.noi_dung),
            ]
    if table is not None:
        yield from (cell.chu for row in table.hang for cell in row)
        kind = LOAI_VAN_BAN[model.LOAI]
        yield "Phụ lục " + wording.kem_theo(kind, model.so_ky_hieu, model.ngay_ban_hanh, model.co_quan.ten_goi)


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif value is not None and not isinstance(value, bool):
        yield str(value)


def _heading(item: Doan) -> tuple[int, str, str] | None:
    """A numbered title line: its level (1. → 1, 1.2. → 2, a) → 4), number as written, and title."""
    if item.bang is not None or not _titled(item):
        return None
    if m := _SUB_KHOAN.match(item.text):
        number = m["n"] + "." if not item.text[len(m["n"])] == "." else m["n"] + "."
        return m["n"].count(".") + 1, number, m["t"]
    if m := _KHOAN.match(item.text):
        return 1, f"{m['n']}.", m["t"]
    if m := _DIEM.match(item.text):
        return 4, item.text[: len(m["n"]) + 1], m["t"]
    return None


def _numbered(written: str, printed: str) -> str | None:
    """A task's number as written, kept only when it is not the one printed anyway (``3.2`` twice)."""
    return None if _words(written) == _words(printed) else written.rstrip(".") + "."


def _titled(item: Doan) -> bool:
    """A title (its own line, bold), not a numbered paragraph of running text."""
    if item.bold is not None:
        return bool(item.bold)
    match = _KHOAN.match(item.text) or _SUB_KHOAN.match(item.text) or _DIEM.match(item.text)
    body = match["t"] if match else item.text
    return len(body.split()) <= 12 and not body.endswith((".", ";", ":", ","))


def _appendix_label(line: str) -> str:
    """An appendix label as the decree writes it (``Phụ lục II``, not ``PHỤ LỤC II``); other labels as written."""
    match = re.fullmatch(r"PHỤ LỤC(\s+[IVXLC\d]+)?\.?", key(line))
    return f"Phụ lục{match[1] or ''}" if match else line


def _split_lead(line: str, agency: str | None) -> tuple[list[str], str] | None:
    """``Thực hiện <căn cứ>, <cơ quan> … như sau:``: the citations, and the lead-in (after the last ", " that
    the agency's name follows)."""
    if agency:
        start = line.lower().rfind(f", {agency.lower()}")
    else:
        found = [m.start() for m in re.finditer(rf", (?={_AGENCY_WORDS}\b)", line)]
        start = found[-1] if found else -1
    if start < 0:
        return None
    return _split_citations(line[:start]), line[start + 2 :]


def _split_citations(value: str) -> list[str]:
    return [part.strip() for part in re.split(r";\s+", value) if part.strip()]


def _report_section(title: str) -> str | None:
    value = key(title)
    if "CHỈ ĐẠO" in value and "KẾT QUẢ" not in value:
        return "chi_dao"
    if "TỒN TẠI" in value or "HẠN CHẾ" in value or "KHÓ KHĂN" in value or value.startswith("ĐÁNH GIÁ"):
        return "ton_tai"
    if "ĐỀ XUẤT" in value or "KIẾN NGHỊ" in value:
        return "de_xuat"
    if "KẾT QUẢ" in value:
        return "ket_qua"
    if "NHIỆM VỤ" in value or "PHƯƠNG HƯỚNG" in value or "GIẢI PHÁP" in value:
        return "nhiem_vu_tiep_theo"
    return None


#: The typed sections of a report in the order vanban prints them.
_REPORT_ORDER = ("mo_dau", "chi_dao", "ket_qua", "ton_tai", "nhiem_vu_tiep_theo", "de_xuat")

_TARGET = re.compile(
    r"^(?:đạt\s+(?P<dat>[\d.,]+)|\[Bổ sung số đạt được\])\s*/\s*(?P<so>\d[\d.,]*)\s+(?P<don_vi>.+?)"
    r"(?:\s+\([\d.,]+%(?:;\s*chưa có số liệu (?P<thieu>[^)]+))?\))?(?:;\s*(?:chưa\s+)?đạt chỉ tiêu)?\.?$"
)


def _target_reached(value: str) -> dict[str, Any] | None:
    """'đạt 06/15 Doanh nghiệp (40%)' → the target and what was reached; None when it does not read so."""
    match = _TARGET.match(value)
    if not match:
        return None
    try:
        dat = vn.tu_so(match["dat"]) if match["dat"] else None
        planned = vn.tu_so(match["so"])
    except ValueError:
        return None
    missing = tach_ky(match["thieu"]) if match["thieu"] else []
    return {"so_luong": planned, "don_vi": match["don_vi"], "dat": dat, "thieu": missing}


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
    data: dict[str, Any] = {name: value for name, value in found.items() if name in NhanTruong.model_fields}
    for name in ("nhiem_vu", "hoat_dong"):
        if data.get(name) == "":
            data[name] = None
    return NhanTruong(**data)


def _time(value: str, deadline: bool) -> ThoiGian:
    """A time frame; kept as written (free text) when its usual form would print other words (``Quý I/2026``)."""
    written = value.rstrip(";.").strip()
    frame = ThoiGian.model_validate(written)
    if frame.loai != "khac" and _words(str(frame)) != _words(written.removeprefix("hạn ").removeprefix("Hạn ")):
        frame = ThoiGian(loai="khac", noi_dung=written)
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


def _number_and_date(data: dict[str, Any]) -> tuple[SoKyHieu, date | NgayDuThao | None]:
    """The number and the issue date of the data read so far, as models."""
    raw = data.get("ngay_ban_hanh")
    issued = date.fromisoformat(raw) if isinstance(raw, str) else NgayDuThao.model_validate(raw) if raw else None
    return SoKyHieu.model_validate(data["so_ky_hieu"]), issued
