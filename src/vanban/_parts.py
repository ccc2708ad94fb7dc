"""The one reader of a document's parts (spec §2, §9.4), shared by the checker and the parser, for a DOCX
(read by :mod:`vanban._docx`) and for plain text (one paragraph a line, tables as ``| a | b |`` rows).

Our own named styles (``VB Quoc hieu`` …) decide when present; otherwise text and position do, so
hand-typed documents work too: a header in a table, in text boxes or typed with tabs; Quốc hiệu and
Tiêu ngữ in one paragraph; a trích yếu left-aligned, in a one-cell table or after a blank line; a rule
line anchored in the next paragraph; a signer's titles in one paragraph with a line break, or an
ex-officio title after the name. A component that is not found stays ``None`` (or empty): it is
reported missing, never guessed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Protocol

from ._docx.values import Cell, Line, Para, Run, Section, Table
from ._errors import InputError
from ._metrics import text_width
from ._nd30 import QUOC_HIEU, RULE_RATIO, STYLE_ROLES, TEXT_WIDTH
from .models import LOAI_VAN_BAN
from .text import so

#: Most lines a text document may have (a DOCX may have as many paragraphs).
MAX_LINES = 20_000

# Tên loại of Điều 7 (and their type codes) as they stand in a document, upper case.
TEN_LOAI: dict[str, str] = {name.upper(): code for code, name in LOAI_VAN_BAN.items()}
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_TONE_VARIANTS = {"HOÀ": "HÒA", "UỶ": "ỦY", "HOẢ": "HỎA", "THOẢ": "THỎA", "KHOẺ": "KHỎE", "QUÍ": "QUÝ"}
_ORDINALS = r"(?:nhất|hai|ba|tư|bốn|năm|sáu|bảy|tám|chín|mười)"
#: Heading forms of spec §4.3 (structure B), after NFC and single spaces; "I.MỤC" (no space) is still a mục.
HEADINGS = {
    "phan": re.compile(rf"^(?:Phần|PHẦN)\s+(?P<n>[IVXLC]+|(?i:thứ\s+{_ORDINALS}))\b[.:]?\s*(?P<t>.*)$"),
    "muc": re.compile(r"^(?P<n>[IVXLC]+)\.\s*(?P<t>\S.*)$"),
    "khoan": re.compile(r"^(?P<n>\d+)\.\s+(?P<t>\S.*)$"),
    "khoan_con": re.compile(r"^(?P<n>\d+\.\d+(?:\.\d+)*)\.?\s+(?P<t>\S.*)$"),
    "diem": re.compile(r"^(?P<n>[a-zđ])[).]\s*(?P<t>\S.*)$"),
}
_DATE_RE = re.compile(r"ngày\s*(\S*)\s*tháng\s*(\S*)\s*năm\s*(\d{4})?", re.IGNORECASE)
_SO_RE = re.compile(r"^\s*Số\s*[:.;]?", re.IGNORECASE)
_SIGN_PREFIX_RE = re.compile(r"^(TM|KT|Q|TL|TUQ|T/M)\s*\.", re.IGNORECASE)
_OPENING = re.compile(r"^(Kính gửi|Căn cứ|Thực hiện|Xét|Theo|Nhằm|Để|Trên cơ sở)\b")
_APPENDIX_LABEL = re.compile(r"^(PHỤ LỤC|BIỂU|BIÊU MẪU|MẪU)\b")


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


class View(Protocol):
    """What the reader needs of a document: :class:`~vanban._docx.DocView`, or :class:`TextView`."""

    name: str
    paragraphs: list[Para]
    tables: list[Table]
    textboxes: list[Para]
    sections: list[Section]

    def blocks(self) -> Iterator[Para | Table]: ...


class TextView:
    """Plain text as a document: one paragraph a line; consecutive ``| a | b |`` lines are a table.
    Formatting is unknown (``formatted`` is False): readers decide from the words alone."""

    formatted = False

    def __init__(self, raw: str, name: str = "<văn bản>") -> None:
        self.name = name
        self.paragraphs: list[Para] = []
        self.tables: list[Table] = []
        self.textboxes: list[Para] = []
        self.sections = [Section(0, None, None, False, {}, False, {}, {}, None, None)]
        rows: list[list[Cell]] = []
        lines = unicodedata.normalize("NFC", raw).splitlines()
        if len(lines) > MAX_LINES:
            raise InputError(f"văn bản có hơn {so(MAX_LINES)} dòng: quá dài để đọc", source=name)
        for line in lines:
            stripped = line.strip()
            if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
                index = len(self.tables)
                cells = []
                for column, value in enumerate(stripped[1:-1].split("|")):
                    pieces = [piece.strip() for piece in value.split(" / ")] if " / " in value else [value.strip()]
                    paras = [self._para(piece, "table", (index, len(rows), column)) for piece in pieces]
                    cells.append(Cell(None, paras))
                rows.append(cells)
                continue
            self._close(rows)
            rows = []
            self._para(line.rstrip(), "body", None)
        self._close(rows)

    def _para(self, text: str, place: str, table: tuple[int, int, int] | None) -> Para:
        para = Para(
            len(self.paragraphs),
            text,
            [Run(text, None, False, False, False, False, {}, None, False, False)],
            None,
            None,
            place,
            0,
            table=table,
        )
        self.paragraphs.append(para)
        return para

    def _close(self, rows: list[list[Cell]]) -> None:
        if rows:
            self.tables.append(Table(len(self.tables), rows, 0, True))

    def blocks(self) -> Iterator[Para | Table]:
        seen: set[int] = set()
        for para in self.paragraphs:
            if para.table is None:
                yield para
            elif para.table[0] not in seen:
                seen.add(para.table[0])
                yield self.tables[para.table[0]]


@dataclass
class Components:
    """Where each part is; empty or None when it was not found."""

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
    chuc_vu_tren_ten: list[Para] = field(default_factory=list)  # titles after the signing space, above the name
    chuc_vu_sau: list[Para] = field(default_factory=list)  # titles written after the name (ex officio)
    signature_other: list[Para] = field(default_factory=list)
    appendix: list[Para] = field(default_factory=list)
    before: list[Para] = field(default_factory=list)  # text above the header block
    after: list[Para] = field(default_factory=list)  # text after the signature that is not an appendix
    rule_tieu_ngu: list[Line] = field(default_factory=list)
    rule_co_quan: list[Line] = field(default_factory=list)
    rule_trich_yeu: list[Line] = field(default_factory=list)
    kind: str | None = None
    formatted: bool = True
    prose: list[Para] | None = None  # the body's running text, once the checker has worked it out

    @property
    def draft(self) -> bool:
        """A draft: the number or the day is still blank for the registry to fill."""
        blank_number = self.so is not None and not re.search(r"\d\s*/", self.so.text)
        date = _DATE_RE.search(clean(self.ngay.text)) if self.ngay is not None else None
        blank_day = date is not None and not date[1].isdigit()
        return blank_number or blank_day

    @property
    def title_end(self) -> int:
        """Index of the last paragraph of the header block, tên loại and trích yếu."""
        found = [p.index for p in ([self.ten_loai] if self.ten_loai else []) + self.trich_yeu + self.left + self.right]
        return max(found, default=-1)


def column_width(view: View, para: Para) -> int:
    """Width of the text column a paragraph sits in (its cell, else its page), in twips."""
    if para.cell_width is not None:
        return para.cell_width
    section = view.sections[min(para.section, len(view.sections) - 1)]
    if section.width is None:
        return TEXT_WIDTH
    return section.width - section.margins.get("left", 1701) - section.margins.get("right", 851)


def _lines_in(view: View, paragraphs: list[Para]) -> list[Line]:
    """Rule lines drawn in these paragraphs: shapes, bottom borders (measured), underscores."""
    found = []
    for p in paragraphs:
        for line in p.lines:
            if line.kind == "border":
                line = replace(line, length=column_width(view, p) - p.ind_left - p.ind_right)
            found.append(line)
        text = p.text.strip()
        if len(text) >= 3 and set(text) <= {"_"}:
            found.append(Line("underscore", int(len(text) * (p.size or 13) * 10)))
    return found


def best_rule(lines: list[Line], text_length: int, ratio: float = RULE_RATIO) -> Line | None:
    """Of the lines drawn near a text, the one that is its rule: the nearest to the intended length."""
    drawn = [line for line in lines if line.length]
    if not drawn or not text_length:
        return max(lines, key=lambda line: line.length or 0) if lines else None
    return min(drawn, key=lambda line: abs((line.length or 0) / text_length - ratio))


def _pieces(para: Para, cuts: list[tuple[int, int]]) -> list[Para]:
    """Parts of a paragraph (character ranges) as paragraphs of their own, each with its runs' formatting."""
    out = []
    for number, (start, end) in enumerate(cuts):
        runs, position = [], 0
        for run in para.runs:
            stop = position + len(run.text)
            if stop > start and position < end:
                runs.append(replace(run, text=run.text[max(start - position, 0) : end - position]))
            position = stop
        last = number == len(cuts) - 1  # a rule drawn in the paragraph lies under its last line
        out.append(replace(para, text=para.text[start:end].strip(), runs=runs, lines=list(para.lines) if last else []))
    return out


def split_lines(para: Para, spaces: bool = False) -> list[Para]:
    """A paragraph typed as several lines (line breaks; with ``spaces``, also long runs of spaces, as an
    agency's two lines typed in one paragraph) as one paragraph a line."""
    pattern = r"\n+|\s{4,}" if spaces else r"\n+"
    cuts, start = [], 0
    for match in re.finditer(pattern, para.text):
        if para.text[start : match.start()].strip():
            cuts.append((start, match.start()))
        start = match.end()
    if para.text[start:].strip():
        cuts.append((start, len(para.text)))
    if len(cuts) <= 1:
        return [para]
    return _pieces(para, cuts)


def _split_tab(para: Para) -> tuple[Para, Para] | None:
    """A header line typed with tabs: the part before the last run of tabs, and after."""
    text = para.text
    if "\t" not in text.strip("\t "):
        return None
    cut = text.rstrip("\t ").rfind("\t")
    left_end = len(text[:cut].rstrip("\t "))
    left, right = _pieces(para, [(0, left_end), (cut + 1, len(text))])
    return replace(left, jc="left"), right


def find(view: View) -> Components:
    """Locate every part: header block, title, Kính gửi, body, signature, recipients, appendix."""
    found = Components(formatted=getattr(view, "formatted", True))
    paragraphs = view.paragraphs
    styled: dict[str, list[Para]] = {role: [] for role in STYLE_ROLES.values()}
    for para in paragraphs:
        role = STYLE_ROLES.get(para.style_id or "")
        if role is not None:
            styled[role].append(para)
    _header(view, found, paragraphs)
    _title(view, found, paragraphs, styled)
    _signature(view, found, paragraphs)
    _body(view, found, paragraphs)
    if found.ten_loai is not None:
        found.kind = TEN_LOAI.get(key(found.ten_loai.text))
    return found


# --- header block -------------------------------------------------------------------------------------
def _header(view: View, found: Components, paragraphs: list[Para]) -> None:
    quoc_hieu = next((p for p in paragraphs[:80] if QUOC_HIEU in key(p.text)), None)
    if quoc_hieu is None:
        quoc_hieu = next((p for p in view.textboxes if QUOC_HIEU in key(p.text)), None)
    if quoc_hieu is None:
        _header_without_motto(found, paragraphs)
        return
    if quoc_hieu.table is not None:
        table = view.tables[quoc_hieu.table[0]]
        found.header = table
        column = quoc_hieu.table[2]
        for row in table.rows:
            for index, cell in enumerate(row):
                lines = [line for p in cell.paragraphs for line in split_lines(p)]
                (found.right if index == column else found.left).extend(lines)
        found.left = [part for p in found.left for part in _split_inside(p)]
        if (
            max(len(row) for row in table.rows) == 1
        ):  # all in one cell: the left block is what comes before the Quốc hiệu
            found.left = [p for p in found.right if p.index < quoc_hieu.index]
            found.right = [p for p in found.right if p.index >= quoc_hieu.index]
    elif quoc_hieu.place == "textbox":
        box_start = next(i for i, p in enumerate(view.textboxes) if p is quoc_hieu)
        found.right = [line for p in view.textboxes[box_start:] for line in split_lines(p)]
        found.left = [line for p in view.textboxes[:box_start] for line in split_lines(p)]
        found.left += [p for p in paragraphs if p.place == "body" and p.index < quoc_hieu.index and p.text.strip()]
    else:
        start = paragraphs.index(quoc_hieu)
        for para in paragraphs[max(start - 4, 0) : start + 8]:
            if key(para.text) in TEN_LOAI:
                break  # the header block ends where the tên loại begins
            for line in split_lines(para):
                parts = _split_tab(line)
                if parts:
                    found.left.append(parts[0])
                    found.right.append(parts[1])
                elif line.index >= quoc_hieu.index and not _SO_RE.match(clean(line.text)):
                    found.right.append(line)
                else:
                    found.left.append(line)
    found.quoc_hieu = next((p for p in found.right if QUOC_HIEU in key(p.text)), None)
    if found.quoc_hieu is None:
        return
    after = found.right[found.right.index(found.quoc_hieu) + 1 :]
    found.tieu_ngu = next((p for p in after[:3] if _is_tieu_ngu(p.text)), None)
    found.ngay = next((p for p in found.right if _DATE_RE.search(clean(p.text))), None)
    if found.ngay is None:
        found.ngay = next((p for p in found.left if _DATE_RE.search(clean(p.text))), None)
    found.so = next((p for p in found.left + found.right if _SO_RE.match(clean(p.text))), None)
    _agency(found, [p for p in found.left if p is not found.ngay])
    if found.tieu_ngu is not None:  # its rule may be a shape anchored in the date line below it
        found.rule_tieu_ngu = _lines_in(view, found.right[found.right.index(found.tieu_ngu) :])
    names_and_rules = [p for p in found.left if p is not found.so and p is not found.ngay]
    found.rule_co_quan = _lines_in(view, names_and_rules)
    if found.so is not None and found.so in found.left and found.so.lines and not found.rule_co_quan:
        found.rule_co_quan = list(found.so.lines)  # a rule anchored in the Số line, drawn above it


def _split_inside(para: Para) -> list[Para]:
    """Agency names typed as two lines in one paragraph with a long run of spaces."""
    if is_upper(para.text) and re.search(r"\S\s{4,}\S", para.text.strip()):
        return split_lines(para, spaces=True)
    return [para]


def _header_without_motto(found: Components, paragraphs: list[Para]) -> None:
    """No Quốc hiệu (a text typed without it): the Số and date lines and the agency lines above the tên loại."""
    title = next((i for i, p in enumerate(paragraphs[:60]) if key(p.text) in TEN_LOAI), None)
    if title is None:
        return
    for para in paragraphs[:title]:
        text = clean(para.text)
        if not text:
            continue
        if _SO_RE.match(text) and found.so is None:
            found.so = para
        elif re.search(r",\s*ngày\b.*\bnăm\s+\d{4}", text) and found.ngay is None:
            found.ngay = para
        elif is_upper(text) and not _is_tieu_ngu(text):
            found.left.append(para)
    _agency(found, list(found.left))


def _agency(found: Components, left: list[Para]) -> None:
    """The superior's lines, then the issuing agency's (bold, or the last; ỦY BAN NHÂN DÂN / TỈNH … together)."""
    names = []
    for para in left:
        if para is found.so or _SO_RE.match(clean(para.text)):
            break
        text = para.text.strip()
        if text and not set(text) <= {"_"}:
            names.append(para)
    bold = [p for p in names if p.bold] if found.formatted else []
    if bold and not all(p.bold for p in names):
        first_bold = names.index(bold[0])
        found.chu_quan, found.co_quan = names[:first_bold], names[first_bold:]
    elif len(names) >= 2 and re.match(r"^(ỦY|UỶ) BAN NHÂN DÂN$|^HỘI ĐỒNG NHÂN DÂN$", key(names[-2].text)):
        found.chu_quan, found.co_quan = names[:-2], names[-2:]
    elif names:  # the last paragraph (all its lines, when a line break splits it)
        last = next(i for i, p in enumerate(names) if p.index == names[-1].index)
        found.chu_quan, found.co_quan = names[:last], names[last:]


def _is_tieu_ngu(text: str) -> bool:
    value = key(text)
    return "ĐỘC LẬP" in value and "TỰ DO" in value and "HẠNH PHÚC" in value


# --- tên loại, trích yếu ------------------------------------------------------------------------------
def _title(view: View, found: Components, paragraphs: list[Para], styled: dict[str, list[Para]]) -> None:
    start = max((p.index for p in found.left + found.right), default=-1)
    if found.header is not None:
        start = max(start, max(p.index for row in found.header.rows for cell in row for p in cell.paragraphs))
    candidates = styled["ten_loai"] or [
        p for p in paragraphs if p.index > start and p.place == "body" and key(p.text) in TEN_LOAI
    ]
    if not candidates:
        return
    found.ten_loai = candidates[0]
    if styled["trich_yeu"]:
        found.trich_yeu = styled["trich_yeu"]
        first_lines = [found.ten_loai, *styled["trich_yeu"]]
        following = [p for p in paragraphs if p.index > styled["trich_yeu"][-1].index][:2]
        found.rule_trich_yeu = _lines_in(view, first_lines + following)
        return
    position = paragraphs.index(found.ten_loai)
    lines: list[Para] = []
    rule_paras: list[Para] = [found.ten_loai]
    blank = 0
    table: int | None = None
    for para in paragraphs[position + 1 : position + 12]:
        text = clean(para.text)
        if para.place == "table" and para.table is not None:
            one_cell = len(view.tables[para.table[0]].rows) == 1 and len(view.tables[para.table[0]].rows[0]) == 1
            if not one_cell or (table is not None and para.table[0] != table) or (lines and table is None):
                break
            table = para.table[0]
        elif table is not None and text:
            break
        if not text:
            rule_paras.append(para)
            if lines and table is None:
                break
            blank += 1
            if blank > 2:
                break
            continue
        if text.startswith("(") and lines:
            break  # a note under the trích yếu, such as (Ban hành kèm theo …)
        title_like = found.formatted and para.bold and para.jc == "center"
        if (
            (_OPENING.match(text) and not title_like)
            or HEADINGS["muc"].match(text)
            or len(lines) >= 4
            or _looks_like_body(para, found)
        ):
            rule_paras.append(para)  # a rule line may be anchored in the paragraph after the trích yếu
            break
        lines.append(para)
        rule_paras.append(para)
        if para.lines and table is None:
            break
    found.trich_yeu = [part for p in lines for part in split_lines(p)]
    found.rule_trich_yeu = _lines_in(view, rule_paras)
    if lines and not any(line.kind != "border" or line.length for line in found.rule_trich_yeu):
        after = [p for p in paragraphs if p.index > rule_paras[-1].index][:2]  # drawn after a note under the trích yếu
        found.rule_trich_yeu = [line for p in after for line in p.lines if line.kind == "shape"]


def _looks_like_body(para: Para, found: Components) -> bool:
    """Running text rather than a title line: justified with a first-line indent, or long and not bold."""
    if not found.formatted:
        return len(para.text) > 220 or para.text.rstrip().endswith((":", ";"))
    if para.jc == "both" and para.first_line > 0 and not para.bold:
        return True
    return not para.any_bold and len(para.text) > 160


# --- signature and recipients ------------------------------------------------------------------------
def _signature(view: View, found: Components, paragraphs: list[Para]) -> None:
    start_at = found.title_end
    label = next(
        (
            p
            for p in reversed(paragraphs)
            if p.index > start_at and re.match(r"^\s*Nơi\s+nhận\s*:?\s*$", clean(p.text), re.IGNORECASE)
        ),
        None,
    )
    if label is None:
        label = next(
            (p for p in reversed(paragraphs) if p.index > start_at and clean(p.text).lower().startswith("nơi nhận")),
            None,
        )
    if label is None:
        return
    found.noi_nhan_label = label
    if label.table is not None:
        table = view.tables[label.table[0]]
        found.signature = table
        row, column = label.table[1], label.table[2]
        left = [p for p in paragraphs if p.table is not None and p.table[:3] == (table.index, row, column)]
        right = [p for index, cell in enumerate(table.rows[row]) if index != column for p in cell.paragraphs]
        for extra_row in table.rows[row + 1 :]:
            for index, cell in enumerate(extra_row):
                (left if index == column else right).extend(cell.paragraphs)
        before = [p for r in table.rows[:row] for cell in r for p in cell.paragraphs if clean(p.text)]
        right = before + right if all(is_upper(clean(p.text)) for p in before) else right
    else:
        start = paragraphs.index(label)
        left, right = [], []
        for para in paragraphs[start + 1 : start + 40]:
            text = clean(para.text)
            if para.table is not None or _APPENDIX_LABEL.match(key(text)):
                break
            parts = _split_tab(para)
            if parts:
                left.append(parts[0])
                right.append(parts[1])
            elif text.startswith(("-", "+", "•")):
                left.append(para)
            elif text or right:
                right.append(para)  # blank lines too: the space left for the signature
        before = paragraphs[max(start - 6, 0) : start]
        right = [p for p in before if is_upper(p.text) and p.jc in ("center", "right") and p.place == "body"] + right
    if clean(label.text).lower() != "nơi nhận:":  # entries typed in the label's own paragraph, after a break
        pieces = split_lines(label, spaces=True)
        found.noi_nhan_label, left = pieces[0], [*pieces[1:], *(p for p in left if p is not label)]
    found.noi_nhan = [piece for p in left if p is not label and clean(p.text) for piece in split_lines(p, spaces=True)]
    signer = [line for p in right for line in (split_lines(p) if clean(p.text) else [p])]
    titles: list[Para] = []
    above_name: list[Para] = []  # an ex-officio title written after the signing space, above the name
    blanks, position = 0, 0
    for para in signer:
        text = clean(para.text)
        if not text:
            blanks += bool(titles)
        elif is_upper(text) and not text.startswith("("):
            (above_name if blanks >= 2 else titles).append(para)
        else:
            break
        position += 1
    found.chuc_vu, found.chuc_vu_tren_ten = titles, above_name
    rest = [p for p in signer[position:] if clean(p.text)]
    names = [p for p in rest if not clean(p.text).startswith("(") and not is_upper(clean(p.text))]
    found.ho_ten = names[-1] if names else None
    if found.ho_ten is not None:
        position = rest.index(found.ho_ten)
        found.chuc_vu_sau = [p for p in rest[position + 1 :] if is_upper(clean(p.text))]
    kept = {id(p) for p in [found.ho_ten, *found.chuc_vu_sau] if p is not None}
    found.signature_other = [p for p in rest if id(p) not in kept]


# --- body, appendix, what lies around ----------------------------------------------------------------
def _body(view: View, found: Components, paragraphs: list[Para]) -> None:
    start_after = found.title_end
    header_start = min((p.index for p in found.left + found.right), default=None)
    end = found.noi_nhan_label.index if found.noi_nhan_label else None
    if found.signature is not None:
        end = min(p.index for row in found.signature.rows for cell in row for p in cell.paragraphs)
    elif found.noi_nhan_label is not None:
        titles_above = [p.index for p in found.chuc_vu if p.index < found.noi_nhan_label.index]
        end = min([found.noi_nhan_label.index, *titles_above])
    signature_indexes = {
        p.index
        for p in [*found.chuc_vu, *found.chuc_vu_tren_ten, *found.noi_nhan, *found.signature_other, *found.chuc_vu_sau]
    }
    if found.ho_ten:
        signature_indexes.add(found.ho_ten.index)
    last_signature = max(
        signature_indexes | ({found.noi_nhan_label.index} if found.noi_nhan_label else set()), default=-1
    )
    if found.signature is not None:
        last_signature = max(p.index for row in found.signature.rows for cell in row for p in cell.paragraphs)
    signature_section = next((p.section for p in paragraphs if p.index == last_signature), 0)
    body: list[Para] = []
    appendix: list[Para] = []
    after: list[Para] = []
    before: list[Para] = []
    kinh_gui: list[Para] = []
    started = False
    for para in paragraphs:
        if para.place == "textbox":
            continue
        if header_start is not None and para.index < header_start:
            if para.place == "body" and clean(para.text):
                before.append(para)
            continue
        if para.index <= start_after:
            continue
        if end is not None and para.index >= end:
            if para.index <= last_signature or para.index in signature_indexes:
                continue
            text = key(para.full_text)
            if para.table is not None:
                continue  # tables after the signature are read through the view's blocks
            if appendix or _APPENDIX_LABEL.match(text) or para.section > signature_section or para.sect_pr:
                appendix.append(para)
            elif clean(para.text):
                after.append(para)
            continue
        text = clean(para.text)
        if not started and (text.startswith("Kính gửi") or (kinh_gui and text.startswith("-"))):
            kinh_gui.append(para)
            continue
        started = started or bool(text)
        body.append(para)
    found.kinh_gui = kinh_gui
    found.body = body
    found.before = before
    found.after = after
    found.appendix = [p for p in appendix if clean(p.text) or p.sect_pr]


def text_length(para: Para, default_size: float) -> int:
    """Width of a (bold) text line in twips."""
    return text_width(clean(para.text), para.size or default_size, True)
