"""Find the components of ND30 (spec §2, §9.4) in a document read by :mod:`vanban.docview`.

Our own named styles (``VB Quoc hieu`` …) decide when present; otherwise text and
position do, so hand-typed documents work too (header made with a table, tabs or text
boxes; ``HOÀ``/``HÒA``, ``UỶ``/``ỦY``, en dashes). A component that is not found stays
``None`` (or empty): it is reported missing, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from ._docx import DocView, Line, Para, Table
from .models import LOAI_VAN_BAN

# Tên loại of Điều 7 (and their type codes) as they stand in a document, upper case.
TEN_LOAI: dict[str, str] = {name.upper(): code for code, name in LOAI_VAN_BAN.items()}
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_TONE_VARIANTS = {"HOÀ": "HÒA", "UỶ": "ỦY", "HOẢ": "HỎA", "THOẢ": "THỎA", "KHOẺ": "KHỎE"}
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
#: Heading forms of spec §4.3 (structure B), after NFC and single spaces.
HEADINGS = {
    "phan": re.compile(r"^Phần\s+(?P<n>[IVXLC]+)$"),
    "muc": re.compile(r"^(?P<n>[IVXLC]+)\.\s*(?P<t>\S.*)$"),
    "khoan": re.compile(r"^(?P<n>\d+)\.\s+(?P<t>\S.*)$"),
    "khoan_con": re.compile(r"^(?P<n>\d+\.\d+)\.?\s+(?P<t>\S.*)$"),
    "diem": re.compile(r"^(?P<n>[a-zđ])\)\s*(?P<t>\S.*)$"),
}
_DATE_RE = re.compile(r"ngày\s*(\S*)\s*tháng\s*(\S*)\s*năm\s*(\d{4})?", re.IGNORECASE)
_SO_RE = re.compile(r"^\s*Số\s*[:.;]?", re.IGNORECASE)
_SIGN_PREFIX_RE = re.compile(r"^(TM|KT|Q|TL|TUQ)\s*\.")

STYLE_ROLES = {
    "VBQuocHieu": "quoc_hieu",
    "VBTieuNgu": "tieu_ngu",
    "VBChuQuan": "chu_quan",
    "VBCoQuan": "co_quan",
    "VBSoKyHieu": "so",
    "VBDiaDanhNgay": "ngay",
    "VBTenLoai": "ten_loai",
    "VBTrichYeu": "trich_yeu",
    "VBNoiNhan": "noi_nhan_label",
    "VBNoiNhanMuc": "noi_nhan",
    "VBChucVu": "chuc_vu",
    "VBHoTen": "ho_ten",
}


def clean(text: str) -> str:
    """NFC and single spaces."""
    return " ".join(unicodedata.normalize("NFC", text).replace("\u00a0", " ").split())


def key(text: str) -> str:
    """A form for comparing: upper case, one tone placement, plain hyphens, single spaces."""
    value = clean(text).upper()
    for variant, standard in _TONE_VARIANTS.items():
        value = value.replace(variant, standard)
    for dash in _DASHES:
        value = value.replace(dash, "-")
    return value


def is_upper(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


@dataclass
class Components:
    """Where each component is; empty or None when it was not found."""

    header: Table | None = None
    left: list[Para] = field(default_factory=list)
    right: list[Para] = field(default_factory=list)
    quoc_hieu: Para | None = None
    tieu_ngu: Para | None = None
    chu_quan: list[Para] = field(default_factory=list)
    co_quan: list[Para] = field(default_factory=list)
    so: Para | None = None
    ngay: Para | None = None
    ten_loai: Para | None = None
    trich_yeu: list[Para] = field(default_factory=list)
    kinh_gui: list[Para] = field(default_factory=list)
    body: list[Para] = field(default_factory=list)
    signature: Table | None = None
    noi_nhan_label: Para | None = None
    noi_nhan: list[Para] = field(default_factory=list)
    chuc_vu: list[Para] = field(default_factory=list)
    ho_ten: Para | None = None
    signature_other: list[Para] = field(default_factory=list)
    appendix: list[Para] = field(default_factory=list)
    rule_tieu_ngu: list[Line] = field(default_factory=list)
    rule_co_quan: list[Line] = field(default_factory=list)
    rule_trich_yeu: list[Line] = field(default_factory=list)
    kind: str | None = None

    @property
    def draft(self) -> bool:
        """A draft: the number or the day is still blank for the registry to fill."""
        blank_number = self.so is not None and not re.search(r"\d\s*/", self.so.text)
        date = _DATE_RE.search(clean(self.ngay.text)) if self.ngay is not None else None
        blank_day = date is not None and not date[1].isdigit()
        return blank_number or blank_day


def column_width(doc: DocView, para: Para) -> int:
    """Width of the text column a paragraph sits in (its cell, else its page), in twips."""
    if para.cell_width is not None:
        return para.cell_width
    section = doc.sections[min(para.section, len(doc.sections) - 1)]
    if section.width is None:
        return 9354
    return section.width - section.margins.get("left", 1701) - section.margins.get("right", 851)


def _lines_in(doc: DocView, paragraphs: list[Para]) -> list[Line]:
    """Rule lines drawn in these paragraphs: shapes, bottom borders (measured), underscores."""
    found = []
    for p in paragraphs:
        for line in p.lines:
            if line.kind == "border":
                length = column_width(doc, p) - p.ind_left - p.ind_right
                line = replace(line, length=length)
            found.append(line)
        text = p.text.strip()
        if len(text) >= 3 and set(text) <= {"_"}:
            found.append(Line("underscore", int(len(text) * (p.size or 13) * 10)))
    return found


def _split_tab(para: Para) -> tuple[Para, Para] | None:
    """A header line typed with tabs: the part before the last run of tabs, and after."""
    text = para.text
    if "\t" not in text.strip("\t "):
        return None
    cut = text.rstrip("\t ").rfind("\t")
    left_end = len(text[:cut].rstrip("\t "))
    right_start = cut + 1

    def runs_between(start: int, end: int) -> list:
        out, position = [], 0
        for run in para.runs:
            stop = position + len(run.text)
            if stop > start and position < end:
                out.append(replace(run, text=run.text[max(start - position, 0) : end - position]))
            position = stop
        return out

    left = replace(para, text=text[:left_end].strip(), runs=runs_between(0, left_end), lines=[], jc="left")
    right = replace(para, text=text[right_start:].strip(), runs=runs_between(right_start, len(text)), lines=[])
    return left, right


def find(doc: DocView) -> Components:
    """Locate every component of the first page and the signature block."""
    found = Components()
    paragraphs = doc.paragraphs
    styled: dict[str, list[Para]] = {role: [] for role in STYLE_ROLES.values()}
    for para in paragraphs:
        role = STYLE_ROLES.get(para.style_id or "")
        if role is not None:
            styled[role].append(para)
    _header(doc, found, paragraphs)
    _title(doc, found, paragraphs, styled)
    _signature(doc, found, paragraphs)
    _body(found, paragraphs)
    if found.ten_loai is not None:
        found.kind = TEN_LOAI.get(key(found.ten_loai.text))
    return found


def _header(doc: DocView, found: Components, paragraphs: list[Para]) -> None:
    quoc_hieu = next((p for p in paragraphs if QUOC_HIEU in key(p.text)), None)
    if quoc_hieu is None:
        return
    if quoc_hieu.table is not None:
        table = doc.tables[quoc_hieu.table[0]]
        found.header = table
        column = quoc_hieu.table[2]
        for row in table.rows:
            for index, cell in enumerate(row):
                if index == column:
                    found.right.extend(cell.paragraphs)
                elif index < column or column == 0:
                    found.left.extend(cell.paragraphs)
    elif quoc_hieu.place == "textbox":
        box_start = next(i for i, p in enumerate(doc.textboxes) if p is quoc_hieu)
        found.right = doc.textboxes[box_start:]
        found.left = [p for p in doc.textboxes[:box_start]]
        found.left += [p for p in paragraphs if p.place == "body" and p.index < quoc_hieu.index and p.text.strip()]
    else:
        start = paragraphs.index(quoc_hieu)
        head = paragraphs[max(start - 3, 0) : start + 8]
        for para in head:
            if key(para.text) in TEN_LOAI:
                break  # the header block ends where the tên loại begins
            parts = _split_tab(para)
            if parts:
                found.left.append(parts[0])
                found.right.append(parts[1])
            elif para.index >= quoc_hieu.index:
                found.right.append(para)
            else:
                found.left.append(para)
        quoc_hieu = next((p for p in found.right if QUOC_HIEU in key(p.text)), quoc_hieu)
    found.quoc_hieu = next((p for p in found.right if QUOC_HIEU in key(p.text)), quoc_hieu)
    after = found.right[found.right.index(found.quoc_hieu) + 1 :] if found.quoc_hieu in found.right else []
    found.tieu_ngu = next((p for p in after if _is_tieu_ngu(p.text)), None)
    found.ngay = next((p for p in found.right if _DATE_RE.search(clean(p.text))), None)
    if found.ngay is None:
        found.ngay = next((p for p in found.left if _DATE_RE.search(clean(p.text))), None)
    found.so = next((p for p in found.left if _SO_RE.match(clean(p.text))), None)
    names = []
    for para in found.left:
        if para is found.so:
            break
        if para.text.strip() and not set(para.text.strip()) <= {"_"}:
            names.append(para)
    bold = [p for p in names if p.bold]
    if bold:
        first_bold = names.index(bold[0])
        found.chu_quan, found.co_quan = names[:first_bold], names[first_bold:]
    elif names:
        found.chu_quan, found.co_quan = names[:-1], names[-1:]
    if found.tieu_ngu is not None:
        tail = found.right[found.right.index(found.tieu_ngu) :] if found.tieu_ngu in found.right else []
        found.rule_tieu_ngu = _lines_in(doc, tail)
    found.rule_co_quan = _lines_in(doc, found.left)


def _is_tieu_ngu(text: str) -> bool:
    value = key(text)
    return "ĐỘC LẬP" in value and "TỰ DO" in value and "HẠNH PHÚC" in value


def _title(doc: DocView, found: Components, paragraphs: list[Para], styled: dict[str, list[Para]]) -> None:
    start = max((p.index for p in found.left + found.right), default=-1)
    candidates = styled["ten_loai"] or [
        p for p in paragraphs if p.place == "body" and p.index > start and key(p.text) in TEN_LOAI
    ]
    if not candidates:
        return
    found.ten_loai = candidates[0]
    body = [p for p in paragraphs if p.place == "body"]
    position = body.index(found.ten_loai) if found.ten_loai in body else -1
    lines: list[Para] = []
    rule_paras: list[Para] = [found.ten_loai]
    for para in body[position + 1 : position + 8]:
        text = clean(para.text)
        if not text:
            rule_paras.append(para)
            if lines:
                break
            continue
        centred = found.ten_loai.jc == "center"  # a document typed without any alignment: no test
        if (centred and para.jc != "center") or text.startswith(("Kính gửi", "Căn cứ")) or len(lines) >= 4:
            break
        lines.append(para)
        rule_paras.append(para)
        if para.lines:
            break
    found.trich_yeu = styled["trich_yeu"] or lines
    found.rule_trich_yeu = _lines_in(doc, rule_paras)


def _signature(doc: DocView, found: Components, paragraphs: list[Para]) -> None:
    label = next(
        (p for p in reversed(paragraphs) if re.match(r"^\s*Nơi\s+nhận\s*:?\s*$", clean(p.text), re.IGNORECASE)),
        None,
    )
    if label is None:
        label = next((p for p in reversed(paragraphs) if clean(p.text).lower().startswith("nơi nhận")), None)
    if label is None:
        return
    found.noi_nhan_label = label
    if label.table is not None:
        table = doc.tables[label.table[0]]
        found.signature = table
        row, column = label.table[1], label.table[2]
        left = [p for p in paragraphs if p.table is not None and p.table[:3] == (table.index, row, column)]
        right_cells = [cell for index, cell in enumerate(table.rows[row]) if index != column]
        right = [p for cell in right_cells for p in cell.paragraphs]
        for extra_row in table.rows[row + 1 :]:
            for index, cell in enumerate(extra_row):
                (left if index == column else right).extend(cell.paragraphs)
    else:
        start = paragraphs.index(label)
        left, right = [], []
        for para in paragraphs[start + 1 : start + 40]:
            text = clean(para.text)
            parts = _split_tab(para)
            if parts:
                left.append(parts[0])
                right.append(parts[1])
            elif text.startswith(("-", "+", "•")):
                left.append(para)
            elif text:
                right.append(para)
        before = paragraphs[max(start - 6, 0) : start]
        right = [p for p in before if is_upper(p.text) and p.jc in ("center", "right") and p.place == "body"] + right
    found.noi_nhan = [p for p in left if p is not label and clean(p.text)]
    signer = [p for p in right if clean(p.text)]
    titles: list[Para] = []
    for para in signer:
        text = clean(para.text)
        if is_upper(text) and not text.startswith("("):
            titles.append(para)
        else:
            break
    found.chuc_vu = titles
    rest = signer[len(titles) :]
    names = [p for p in rest if not clean(p.text).startswith("(")]
    found.ho_ten = names[-1] if names else None
    found.signature_other = [p for p in rest if p is not found.ho_ten]


def _body(found: Components, paragraphs: list[Para]) -> None:
    start_after = max(
        [p.index for p in ([found.ten_loai] if found.ten_loai else []) + found.trich_yeu + found.left + found.right],
        default=-1,
    )
    kinh_gui: list[Para] = []
    end = found.noi_nhan_label.index if found.noi_nhan_label else None
    if found.signature is not None:
        end = min(p.index for row in found.signature.rows for cell in row for p in cell.paragraphs)
    signature_parts = {id(p) for p in found.chuc_vu + found.noi_nhan + found.signature_other}
    if found.ho_ten:
        signature_parts.add(id(found.ho_ten))
    body: list[Para] = []
    appendix: list[Para] = []
    started = False
    for para in paragraphs:
        if para.index <= start_after or para.place == "textbox":
            continue
        if end is not None and para.index >= end:
            if para.place == "body" and para.table is None and id(para) not in signature_parts:
                if appendix or key(para.text).startswith("PHỤ LỤC") or para.sect_pr:
                    appendix.append(para)
            continue
        text = clean(para.text)
        if not started and (text.startswith("Kính gửi") or (kinh_gui and text.startswith("-"))):
            kinh_gui.append(para)
            continue
        started = started or bool(text)
        body.append(para)
    found.kinh_gui = kinh_gui
    found.body = body
    found.appendix = [p for p in appendix if clean(p.text) or p.sect_pr]
