"""The one place that reads (and, for the checker's fixes, edits) a DOCX.

It opens a path, bytes or a file object safely (no external relationships followed,
XML parsed without entities or DTDs, decompression capped), and presents the document
as plain values: paragraphs in reading order with their **effective** formatting
(docDefaults → table style → paragraph style chain → character style → direct),
tables, text boxes, headers and footers, sections, fields and drawn rule lines.
"""

from __future__ import annotations

import functools
import io
import os
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from lxml import etree

from .errors import InputError
from .text import sang_unicode, tcvn3_sang_unicode, vni_sang_unicode

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
V = "urn:schemas-microsoft-com:vml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"

MAX_PART = 32 * 1024 * 1024  # one XML part, uncompressed (about 1,000 pages of text)
MAX_TOTAL = 256 * 1024 * 1024  # every XML part read, uncompressed
MAX_RATIO = 200  # compressed → uncompressed, beyond which a large part is a bomb
EMU_PER_TWIP = 635
SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
_THEME_SLOT = {"ascii": "asciiTheme", "hAnsi": "hAnsiTheme", "eastAsia": "eastAsiaTheme", "cs": "cstheme"}
_TOGGLE_KEYS = ("bold", "italic", "caps", "small_caps")
_PPR_FIELDS = (
    "jc", "before", "after", "line", "line_rule", "ind_left", "ind_right", "first_line", "hanging",
    "first_line_chars", "contextual", "keep_next", "border_bottom", "border_top",
)  # fmt: skip


@functools.cache
def w(name: str) -> str:
    return f"{{{W}}}{name}"


class DocxError(InputError):
    """A file that cannot be read as a Word document, with the reason in Vietnamese."""


@dataclass
class Run:
    text: str
    size: float | None
    bold: bool
    italic: bool
    caps: bool
    small_caps: bool
    fonts: dict[str, str | None]
    color: str | None
    highlight: bool
    underline: bool
    element: Any = field(repr=False, default=None)


@dataclass
class Line:
    """A drawn horizontal line (DrawingML or VML) or a paragraph border used as a rule."""

    kind: str  # "shape", "border", "underscore"
    length: int | None  # twips
    solid: bool = True


@dataclass
class Para:
    index: int
    text: str
    runs: list[Run]
    style_id: str | None
    style_name: str | None
    place: str  # body, table, textbox, header, footer
    section: int
    jc: str | None = None
    ind_left: int = 0
    ind_right: int = 0
    first_line: int = 0
    hanging: int = 0
    first_line_chars: int | None = None
    before: int = 0
    after: int = 0
    line: int | None = None
    line_rule: str = "auto"
    contextual: bool = False
    keep_next: bool = False
    border_bottom: tuple[str, int] | None = None
    border_top: tuple[str, int] | None = None
    label: str = ""  # automatic numbering text (e.g. "I."), not part of text
    soft_breaks: int = 0
    fields: list[str] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)  # text of the footnotes referenced here, in order
    page_break: bool = False  # starts a new page (page break before it, or a page break in it)
    lines: list[Line] = field(default_factory=list)
    table: tuple[int, int, int] | None = None  # table, row, cell
    cell_width: int | None = None  # text width inside the cell (cell margins taken off)
    sect_pr: bool = False
    element: Any = field(repr=False, default=None)

    @property
    def visible_runs(self) -> list[Run]:
        return [run for run in self.runs if run.text.strip()]

    def _share(self, attribute: str) -> bool:
        runs = self.visible_runs
        return bool(runs) and all(getattr(run, attribute) for run in runs)

    @property
    def bold(self) -> bool:
        return self._share("bold")

    @property
    def italic(self) -> bool:
        return self._share("italic")

    @property
    def any_bold(self) -> bool:
        return any(run.bold for run in self.visible_runs)

    @property
    def any_italic(self) -> bool:
        return any(run.italic for run in self.visible_runs)

    @property
    def size(self) -> float | None:
        """The size most of the visible characters have."""
        weights: dict[float | None, int] = {}
        for run in self.visible_runs:
            weights[run.size] = weights.get(run.size, 0) + len(run.text.strip())
        return max(weights, key=weights.__getitem__) if weights else None

    @property
    def sizes(self) -> set[float | None]:
        return {run.size for run in self.visible_runs}

    @property
    def full_text(self) -> str:
        return f"{self.label} {self.text}".strip() if self.label else self.text


@dataclass
class Cell:
    width: int | None
    paragraphs: list[Para]

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@dataclass
class Table:
    index: int
    rows: list[list[Cell]]
    section: int
    borders: bool
    element: Any = field(repr=False, default=None)
    header_rows: int = 0


@dataclass
class HeaderFooter:
    kind: str  # default, first, even
    part: str
    paragraphs: list[Para]

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs).strip()

    @property
    def page_fields(self) -> list[Para]:
        return [p for p in self.paragraphs if any(re.match(r"\s*PAGE\b", f) for f in p.fields)]


@dataclass
class Section:
    index: int
    width: int | None
    height: int | None
    landscape: bool
    margins: dict[str, int]
    title_page: bool
    headers: dict[str, HeaderFooter]
    footers: dict[str, HeaderFooter]
    page_start: int | None
    page_format: str | None
    has_table: bool = False
    element: Any = field(repr=False, default=None)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


class DocView:
    """A DOCX, read once, as values. Build it with :func:`open_docx`."""

    def __init__(self, data: bytes, name: str = "<bytes>", *, unicode: bool = False) -> None:
        self.name = name
        self.unicode = unicode  # turn text in TCVN3 (.VnTime, .VnTimeH) and VNI (VNI-Times) fonts into Unicode
        self._read_total = 0
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            names = set(self.zip.namelist())
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
            raise DocxError("không phải tệp Word .docx (không đọc được như tệp nén zip)", source=name) from None
        self.names = names
        self.parts: dict[str, Any] = {}
        self.dirty: set[str] = set()
        self.main = self._main_part()
        self.document = self.xml(self.main)
        if self.document.tag != w("document"):
            raise DocxError("tệp không phải tài liệu Word (thiếu phần nội dung chính)", source=name)
        folder = self.main.rsplit("/", 1)[0]
        self.rels = self._rels(self.main)
        self.styles_part = self._related("styles") or f"{folder}/styles.xml"
        self.styles = self.xml(self.styles_part, optional=True)
        self.numbering = self.xml(self._related("numbering") or f"{folder}/numbering.xml", optional=True)
        self.settings_part = self._related("settings") or f"{folder}/settings.xml"
        self.settings = self.xml(self.settings_part, optional=True)
        theme = self._related("theme")
        self.theme = self.xml(theme, optional=True) if theme else None
        self._index_styles()
        self._theme_fonts = self._read_theme()
        self._numbers: dict[str, list[int]] = {}
        self._counter = 0
        self.tables: list[Table] = []
        self.paragraphs: list[Para] = []
        self.textboxes: list[Para] = []
        self.sections: list[Section] = []
        self._sections_with_tables: set[int] = set()
        self._style_cache: dict[tuple[str | None, str | None, str | None], dict[str, Any]] = {}
        self._ppr_cache: dict[tuple[str | None, str | None], dict[str, Any]] = {}
        self._read_body()

    # --- safe reading --------------------------------------------------------------
    def _main_part(self) -> str:
        if "[Content_Types].xml" not in self.names:
            raise DocxError("tệp không phải tài liệu Word (thiếu [Content_Types].xml)", source=self.name)
        rels = self.xml("_rels/.rels", optional=True)
        if rels is not None:
            for rel in rels:
                if rel.get("Type") == OFFICE_DOC and rel.get("TargetMode") != "External":
                    target = rel.get("Target", "").lstrip("/")
                    if target in self.names:
                        return target
        if "word/document.xml" in self.names:
            return "word/document.xml"
        raise DocxError("tệp không phải tài liệu Word (thiếu word/document.xml)", source=self.name)

    def read_part(self, name: str) -> bytes:
        info = self.zip.getinfo(name)
        if info.file_size > MAX_PART or (
            info.file_size > 4 * 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        ):
            raise DocxError(f"phần '{name}' quá lớn khi giải nén (nghi là zip bomb)", source=self.name)
        chunks, size = [], 0
        try:
            with self.zip.open(info) as stream:
                while chunk := stream.read(1024 * 1024):
                    size += len(chunk)
                    self._read_total += len(chunk)
                    if size > MAX_PART or self._read_total > MAX_TOTAL:
                        raise DocxError("tệp quá lớn khi giải nén (nghi là zip bomb)", source=self.name)
                    chunks.append(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
            raise DocxError(f"tệp bị hỏng hoặc bị cắt cụt ({name}: {exc})", source=self.name) from None
        return b"".join(chunks)

    def xml(self, name: str | None, optional: bool = False) -> Any:
        if name is None:
            return None
        if name in self.parts:
            return self.parts[name]
        if name not in self.names:
            if optional:
                return None
            raise DocxError(f"tài liệu thiếu phần '{name}'", source=self.name)
        data = self.read_part(name)
        if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data[:65536]:
            raise DocxError(f"phần '{name}' có khai báo DTD/thực thể: không an toàn, không đọc", source=self.name)
        try:
            root = etree.fromstring(data, _parser())
        except etree.XMLSyntaxError as exc:
            raise DocxError(f"phần '{name}' không phải XML hợp lệ: {exc}", source=self.name) from None
        self.parts[name] = root
        return root

    def _rels(self, part: str) -> dict[str, tuple[str, str]]:
        folder, base = part.rsplit("/", 1) if "/" in part else ("", part)
        rels = self.xml(f"{folder}/_rels/{base}.rels".lstrip("/"), optional=True)
        out: dict[str, tuple[str, str]] = {}
        if rels is None:
            return out
        for rel in rels:
            if rel.get("TargetMode") == "External":
                continue  # never followed
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else os.path.normpath(f"{folder}/{target}")
            out[rel.get("Id")] = (rel.get("Type", "").rsplit("/", 1)[-1], path.replace("\\", "/"))
        return out

    def _related(self, kind: str) -> str | None:
        for rel_kind, path in self.rels.values():
            if rel_kind == kind and path in self.names:
                return path
        return None

    @functools.cached_property
    def _footnotes(self) -> dict[str, str]:
        part = self._related("footnotes")
        root = self.xml(part, optional=True) if part else None
        notes: dict[str, str] = {}
        for note in root if root is not None else ():
            paragraphs = ["".join(t.text or "" for t in p.iter(w("t"))).strip() for p in note.iter(w("p"))]
            text = " ".join(p for p in paragraphs if p)
            notes[note.get(w("id"), "")] = sang_unicode(text) if self.unicode else text
        return notes

    def footnote(self, note_id: str) -> str:
        """The text of a footnote ("" when the document has no such footnote)."""
        return self._footnotes.get(note_id, "")

    # --- styles and themes -----------------------------------------------------------
    def _index_styles(self) -> None:
        self.style_by_id: dict[str, Any] = {}
        self.default_style: dict[str, str] = {}
        self.doc_rpr = None
        self.doc_ppr = None
        if self.styles is None:
            return
        for style in self.styles.iter(w("style")):
            sid = style.get(w("styleId"))
            self.style_by_id[sid] = style
            if style.get(w("default")) in ("1", "true"):
                self.default_style[style.get(w("type"))] = sid
        defaults = self.styles.find(w("docDefaults"))
        if defaults is not None:
            self.doc_rpr = defaults.find(f"{w('rPrDefault')}/{w('rPr')}")
            self.doc_ppr = defaults.find(f"{w('pPrDefault')}/{w('pPr')}")

    def style_name(self, sid: str | None) -> str | None:
        style = self.style_by_id.get(sid) if sid else None
        name = style.find(w("name")) if style is not None else None
        return name.get(w("val")) if name is not None else None

    def style_chain(self, sid: str | None) -> list[Any]:
        """Styles from the most specific to the root (cycles cut)."""
        chain, seen = [], set()
        while sid and sid in self.style_by_id and sid not in seen:
            seen.add(sid)
            style = self.style_by_id[sid]
            chain.append(style)
            based = style.find(w("basedOn"))
            sid = based.get(w("val")) if based is not None else None
        return chain

    def _read_theme(self) -> dict[str, str]:
        fonts: dict[str, str] = {}
        if self.theme is None:
            return fonts
        for kind in ("major", "minor"):
            node = self.theme.find(f".//{{{A}}}{kind}Font")
            if node is None:
                continue
            for script, key in (("latin", "HAnsi"), ("ea", "EastAsia"), ("cs", "Bidi")):
                face = node.find(f"{{{A}}}{script}")
                if face is not None and face.get("typeface"):
                    fonts[f"{kind}{key}"] = face.get("typeface")
            if f"{kind}HAnsi" in fonts:
                fonts[f"{kind}Ascii"] = fonts[f"{kind}HAnsi"]
        return fonts

    def theme_font(self, name: str) -> str:
        return self._theme_fonts.get(name, f"(theme {name})")

    # --- reading the body ------------------------------------------------------------
    def _read_body(self) -> None:
        body = self.document.find(w("body"))
        if body is None:
            raise DocxError("tài liệu không có phần thân (w:body)", source=self.name)
        section_elements = [p.find(f"{w('pPr')}/{w('sectPr')}") for p in body.iter(w("p"))]
        section_elements = [s for s in section_elements if s is not None]
        final = body.find(w("sectPr"))
        if final is not None:
            section_elements.append(final)
        self._section_elements = section_elements
        self._section = 0
        for child in body:
            self._read_block(child, place="body", table=None)
        self._read_sections()

    def _read_block(
        self,
        element: Any,
        place: str,
        table: tuple[int, int, int] | None,
        width: int | None = None,
        tbl_style: str | None = None,
    ) -> None:
        tag = element.tag
        if tag == w("p"):
            self._add_paragraph(element, place, table, width, tbl_style)
        elif tag == w("tbl"):
            self._read_table(element, place)
        elif tag in (w("sdt"), w("customXml"), w("ins"), w("smartTag")):
            content = element.find(w("sdtContent")) if tag == w("sdt") else element
            for child in content if content is not None else []:
                self._read_block(child, place, table, width, tbl_style)
        elif tag == f"{{{MC}}}AlternateContent":
            choice = element.find(f"{{{MC}}}Choice")
            for child in choice if choice is not None else []:
                self._read_block(child, place, table, width, tbl_style)

    def _read_table(self, element: Any, place: str) -> None:
        index = len(self.tables)
        tbl_pr = element.find(w("tblPr"))
        style = tbl_pr.find(w("tblStyle")) if tbl_pr is not None else None
        tbl_style = style.get(w("val")) if style is not None else None
        table = Table(index, [], self._section, self._table_has_borders(tbl_pr, tbl_style), element)
        padding = self._cell_margins(tbl_pr, tbl_style)
        self.tables.append(table)
        grid = [self._twips(c.get(w("w"))) for c in element.findall(f"{w('tblGrid')}/{w('gridCol')}")]
        for r, row in enumerate(element.iter(w("tr"))):
            if row.getparent() is not element and row.getparent().tag != w("sdtContent"):
                continue
            tr_pr = row.find(w("trPr"))
            if tr_pr is not None and tr_pr.find(w("tblHeader")) is not None and r == table.header_rows:
                table.header_rows += 1
            cells = []
            column = 0
            for c, cell in enumerate(row.findall(w("tc"))):
                tc_pr = cell.find(w("tcPr"))
                tc_w = tc_pr.find(w("tcW")) if tc_pr is not None else None
                span = tc_pr.find(w("gridSpan")) if tc_pr is not None else None
                span_n = max(self._twips(span.get(w("val"))), 1) if span is not None else 1
                # the grid is what LibreOffice lays out; Word follows a smaller preferred width
                widths = []
                if tc_w is not None and tc_w.get(w("type"), "dxa") == "dxa" and tc_w.get(w("w")):
                    widths.append(self._twips(tc_w.get(w("w"))))
                if grid[column : column + span_n]:
                    widths.append(sum(grid[column : column + span_n]))
                width = min(widths) if widths else None
                column += span_n
                before = len(self.paragraphs)
                if width is not None:
                    width = max(width - padding, 0)
                for child in cell:
                    self._read_block(child, place if place != "body" else "table", (index, r, c), width, tbl_style)
                cells.append(Cell(width, self.paragraphs[before:]))
            table.rows.append(cells)
        self._sections_with_tables.add(table.section)

    def _cell_margins(self, tbl_pr: Any, tbl_style: str | None) -> int:
        """Left plus right default cell margin of a table (Word's default is 108 twips a side)."""
        styles = self.style_chain(tbl_style) + self.style_chain(self.default_style.get("table"))
        sources = [tbl_pr] + [s.find(w("tblPr")) for s in styles]
        total = 0
        for side, other in (("left", "start"), ("right", "end")):
            value = 108
            for source in sources:
                margins = source.find(w("tblCellMar")) if source is not None else None
                edge = None if margins is None else margins.find(w(side))
                edge = margins.find(w(other)) if edge is None and margins is not None else edge
                if edge is not None:
                    value = self._twips(edge.get(w("w")))
                    break
            total += value
        return total

    def _table_has_borders(self, tbl_pr: Any, tbl_style: str | None) -> bool:
        sources = [tbl_pr] + [s.find(w("tblPr")) for s in self.style_chain(tbl_style)]
        for source in sources:
            borders = source.find(w("tblBorders")) if source is not None else None
            if borders is not None:
                return any(b.get(w("val")) not in ("nil", "none", None) for b in borders)
        return False

    def _add_paragraph(
        self,
        element: Any,
        place: str,
        table: tuple[int, int, int] | None,
        width: int | None,
        tbl_style: str | None,
        section: int | None = None,
    ) -> Para:
        ppr = element.find(w("pPr"))
        style_el = ppr.find(w("pStyle")) if ppr is not None else None
        sid = style_el.get(w("val")) if style_el is not None else self.default_style.get("paragraph")
        levels = self._paragraph_levels(ppr, sid, tbl_style) if self.numbering is not None else []
        para = Para(
            index=self._counter,
            text="",
            runs=[],
            style_id=sid,
            style_name=self.style_name(sid),
            place=place,
            section=self._section if section is None else section,
            table=table,
            cell_width=width,
            element=element,
        )
        self._counter += 1
        self._apply_ppr(para, ppr, sid, tbl_style)
        para.sect_pr = ppr is not None and ppr.find(w("sectPr")) is not None
        para.label = self._number_label(levels)
        pieces: list[str] = []
        self._walk_runs(element, para, pieces, levels, sid, tbl_style)
        para.text = "".join(pieces)
        if place in ("body", "table", "textbox"):
            self.paragraphs.append(para)
        if para.sect_pr and place == "body":
            self._section += 1
        return para

    def _paragraph_levels(self, ppr: Any, sid: str | None, tbl_style: str | None) -> list[Any]:
        """pPr elements from the least to the most specific."""
        levels = [self.doc_ppr]
        levels += [s.find(w("pPr")) for s in reversed(self.style_chain(tbl_style))]
        levels += [s.find(w("pPr")) for s in reversed(self.style_chain(sid))]
        levels.append(ppr)
        return [level for level in levels if level is not None]

    @staticmethod
    def _twips(value: str | None) -> int:
        try:
            return int(float(value)) if value is not None else 0
        except (ValueError, OverflowError):
            return 0

    def _apply_ppr(self, para: Para, ppr: Any, sid: str | None, tbl_style: str | None) -> None:
        """Paragraph properties: what the styles give (resolved once per style), then direct formatting."""
        key = (tbl_style, sid)
        base = self._ppr_cache.get(key)
        if base is None:
            probe = Para(0, "", [], None, None, "", 0)
            for level in self._paragraph_levels(None, sid, tbl_style):
                self._fold_ppr(probe, level)
            base = {name: getattr(probe, name) for name in _PPR_FIELDS}
            self._ppr_cache[key] = base
        for name, value in base.items():
            setattr(para, name, value)
        if ppr is not None:
            self._fold_ppr(para, ppr)
        if para.border_bottom:
            para.lines.append(Line("border", None, para.border_bottom[0] == "single"))

    def _fold_ppr(self, para: Para, ppr: Any) -> None:
        """Apply one pPr element over a paragraph's properties."""
        jc = ppr.find(w("jc"))
        if jc is not None:
            para.jc = jc.get(w("val"))
        spacing = ppr.find(w("spacing"))
        if spacing is not None:
            if spacing.get(w("before")) is not None:
                para.before = self._twips(spacing.get(w("before")))
            if spacing.get(w("after")) is not None:
                para.after = self._twips(spacing.get(w("after")))
            if spacing.get(w("beforeLines")) is not None:
                para.before = self._twips(spacing.get(w("beforeLines"))) * 240 // 100
            if spacing.get(w("afterLines")) is not None:
                para.after = self._twips(spacing.get(w("afterLines"))) * 240 // 100
            if spacing.get(w("line")) is not None:
                para.line = self._twips(spacing.get(w("line")))
                para.line_rule = spacing.get(w("lineRule"), "auto")
        ind = ppr.find(w("ind"))
        if ind is not None:
            for attr, key in (
                ("left", "ind_left"),
                ("start", "ind_left"),
                ("right", "ind_right"),
                ("end", "ind_right"),
            ):
                if ind.get(w(attr)) is not None:
                    setattr(para, key, self._twips(ind.get(w(attr))))
            if ind.get(w("firstLine")) is not None:
                para.first_line, para.hanging = self._twips(ind.get(w("firstLine"))), 0
            if ind.get(w("hanging")) is not None:
                para.hanging, para.first_line = self._twips(ind.get(w("hanging"))), 0
            if ind.get(w("firstLineChars")) is not None:
                para.first_line_chars = self._twips(ind.get(w("firstLineChars")))
        if ppr.find(w("contextualSpacing")) is not None:
            para.contextual = ppr.find(w("contextualSpacing")).get(w("val"), "1") not in ("0", "false")
        if ppr.find(w("pageBreakBefore")) is not None:
            para.page_break = ppr.find(w("pageBreakBefore")).get(w("val"), "1") not in ("0", "false")
        if ppr.find(w("keepNext")) is not None:
            para.keep_next = ppr.find(w("keepNext")).get(w("val"), "1") not in ("0", "false")
        borders = ppr.find(w("pBdr"))
        if borders is not None:
            for side, key in (("bottom", "border_bottom"), ("top", "border_top")):
                edge = borders.find(w(side))
                if edge is not None:
                    value = edge.get(w("val"))
                    setattr(para, key, None if value in ("nil", "none") else (value, self._twips(edge.get(w("sz")))))

    # --- runs ------------------------------------------------------------------------
    def _walk_runs(
        self, element: Any, para: Para, pieces: list[str], levels: list[Any], sid: str | None, tbl_style: str | None
    ) -> None:
        state = {"field": 0, "instr": [], "result": False}

        def visit(node: Any) -> None:
            for child in node:
                tag = child.tag
                if tag == w("r"):
                    self._run(child, para, pieces, state, tbl_style, sid)
                elif tag == w("fldSimple"):
                    para.fields.append(child.get(w("instr"), "").strip())
                    visit(child)
                elif tag in (w("hyperlink"), w("ins"), w("smartTag"), w("customXml"), w("bdo"), w("dir"), w("moveTo")):
                    visit(child)
                elif tag == w("sdt"):
                    content = child.find(w("sdtContent"))
                    if content is not None:
                        visit(content)
                elif tag == f"{{{MC}}}AlternateContent":
                    choice = child.find(f"{{{MC}}}Choice")
                    if choice is not None:
                        visit(choice)

        visit(element)

    def _run(
        self, run: Any, para: Para, pieces: list[str], state: dict, tbl_style: str | None, sid: str | None
    ) -> None:
        rpr = run.find(w("rPr"))
        text_parts: list[str] = []
        for child in run:
            tag = child.tag
            if tag == w("fldChar"):
                kind = child.get(w("fldCharType"))
                if kind == "begin":
                    state["field"] += 1
                    state["instr"] = []
                elif kind == "separate":
                    if state["instr"]:
                        para.fields.append("".join(state["instr"]).strip())
                        state["instr"] = []
                elif kind == "end":
                    if state["instr"]:
                        para.fields.append("".join(state["instr"]).strip())
                        state["instr"] = []
                    state["field"] = max(state["field"] - 1, 0)
            elif tag == w("instrText"):
                state["instr"].append(child.text or "")
            elif tag == w("t"):
                text_parts.append(child.text or "")
            elif tag == w("tab") or tag == w("ptab"):
                text_parts.append("\t")
            elif tag in (w("br"), w("cr")):
                if child.get(w("type")) == "page":
                    para.page_break = True
                elif child.get(w("type")) in (None, "textWrapping"):
                    para.soft_breaks += 1
                    text_parts.append("\n")
            elif tag == w("footnoteReference"):
                para.footnotes.append(self.footnote(child.get(w("id"), "")))
            elif tag == w("noBreakHyphen"):
                text_parts.append("-")
            elif tag == w("sym"):
                text_parts.append(_symbol(child.get(w("char"), "")))
            elif tag in (w("drawing"), w("pict"), f"{{{MC}}}AlternateContent"):
                self._drawing(child, para)
        text = "".join(text_parts)
        props = self._run_props(rpr, tbl_style, sid)
        if self.unicode and text:
            font = props["fonts"].get("hAnsi") or props["fonts"].get("ascii") or ""
            if font.upper().startswith(".VN"):
                text = tcvn3_sang_unicode(text, hoa=font.upper().endswith("H"))
            elif font.upper().startswith("VNI"):
                text = vni_sang_unicode(text)
        para.runs.append(Run(text=text, element=run, **props))
        pieces.append(text)

    def _run_props(self, rpr: Any, tbl_style: str | None, sid: str | None) -> dict[str, Any]:
        char_style = None
        if rpr is not None and rpr.find(w("rStyle")) is not None:
            char_style = rpr.find(w("rStyle")).get(w("val"))
        props = dict(self._style_props(tbl_style, sid, char_style))
        if rpr is not None:
            self._fold(props, rpr)
        return props

    def _style_props(self, tbl_style: str | None, sid: str | None, char_style: str | None) -> dict[str, Any]:
        """Run properties that come from styles, resolved once per combination of styles."""
        key = (tbl_style, sid, char_style)
        if key in self._style_cache:
            return self._style_cache[key]
        props: dict[str, Any] = {
            "size": None,
            "bold": False,
            "italic": False,
            "caps": False,
            "small_caps": False,
            "fonts": dict.fromkeys(SLOTS),
            "color": None,
            "highlight": False,
            "underline": False,
        }
        levels = [self.doc_rpr]
        levels += [s.find(w("rPr")) for s in reversed(self.style_chain(tbl_style))]
        levels += [s.find(w("rPr")) for s in reversed(self.style_chain(sid))]
        for level in levels:
            if level is not None:
                self._fold(props, level)
        char = char_style or self.default_style.get("character")
        if char:
            # toggle properties of a character style switch the paragraph's value (ECMA-376 §17.7.3)
            toggles = {name: False for name in _TOGGLE_KEYS}
            for style in reversed(self.style_chain(char)):
                level = style.find(w("rPr"))
                if level is not None:
                    before = {name: props[name] for name in _TOGGLE_KEYS}
                    self._fold(props, level)
                    for name in _TOGGLE_KEYS:
                        toggles[name] = props[name] if props[name] != before[name] else toggles[name]
                        props[name] = before[name]
            for name in _TOGGLE_KEYS:
                if toggles[name]:
                    props[name] = not props[name]
        self._style_cache[key] = props
        return props

    def _fold(self, props: dict[str, Any], rpr: Any) -> None:
        """Apply one rPr element over ``props``."""
        for tag, name in (("b", "bold"), ("i", "italic"), ("caps", "caps"), ("smallCaps", "small_caps")):
            flag = self._flag(rpr, tag)
            if flag is not None:
                props[name] = flag
        sz = rpr.find(w("sz"))
        if sz is not None and sz.get(w("val")):
            props["size"] = self._twips(sz.get(w("val"))) / 2
        fonts = rpr.find(w("rFonts"))
        if fonts is not None:
            props["fonts"] = dict(props["fonts"])
            for slot in SLOTS:
                if fonts.get(w(_THEME_SLOT[slot])):
                    props["fonts"][slot] = self.theme_font(fonts.get(w(_THEME_SLOT[slot])))
                elif fonts.get(w(slot)):
                    props["fonts"][slot] = fonts.get(w(slot))
        color = rpr.find(w("color"))
        if color is not None:
            props["color"] = color.get(w("val"))
        highlight = rpr.find(w("highlight"))
        if highlight is not None:
            props["highlight"] = highlight.get(w("val")) not in ("none", None)
        shade = rpr.find(w("shd"))
        if shade is not None:
            props["highlight"] = props["highlight"] or shade.get(w("fill")) not in (None, "auto", "FFFFFF", "ffffff")
        underline = rpr.find(w("u"))
        if underline is not None:
            props["underline"] = underline.get(w("val")) not in ("none", None)

    def _flag(self, rpr: Any, name: str) -> bool | None:
        node = rpr.find(w(name))
        if node is None:
            return None
        return node.get(w("val"), "true") not in ("0", "false", "off")

    def _drawing(self, node: Any, para: Para) -> None:
        """Rule lines drawn as shapes, and the paragraphs of text boxes."""
        choice_or_plain = node
        if node.tag == f"{{{MC}}}AlternateContent":
            choice = node.find(f"{{{MC}}}Choice")
            if choice is None:
                return
            choice_or_plain = choice
        for shape in choice_or_plain.iter(f"{{{WPS}}}wsp"):
            geometry = shape.find(f".//{{{A}}}prstGeom")
            if geometry is not None and geometry.get("prst") in ("line", "straightConnector1"):
                ext = shape.find(f".//{{{A}}}xfrm/{{{A}}}ext")
                if ext is None:
                    anchor = next(shape.iterancestors(f"{{{WP}}}anchor", f"{{{WP}}}inline"), None)
                    ext = anchor.find(f"{{{WP}}}extent") if anchor is not None else None
                if ext is not None:
                    cx, cy = self._twips(ext.get("cx")), self._twips(ext.get("cy"))
                    if cx >= cy:
                        dash = shape.find(f".//{{{A}}}prstDash")
                        para.lines.append(Line("shape", cx // EMU_PER_TWIP, dash is None or dash.get("val") == "solid"))
        for vline in choice_or_plain.iter(f"{{{V}}}line"):
            length = _vml_length(vline.get("from", "0,0"), vline.get("to", "0,0"))
            if length is not None:
                dash = vline.find(f"{{{V}}}stroke")
                para.lines.append(Line("shape", length, dash is None or dash.get("dashstyle") in (None, "solid")))
        for box in choice_or_plain.iter(w("txbxContent")):
            if any(a.tag == f"{{{MC}}}Fallback" for a in box.iterancestors()):
                continue
            for child in box:
                if child.tag == w("p"):
                    self.textboxes.append(self._add_paragraph(child, "textbox", None, None, None, para.section))

    # --- numbering ---------------------------------------------------------------------
    def _number_label(self, levels: list[Any]) -> str:
        if self.numbering is None:
            return ""
        num_id, ilvl = None, 0
        for ppr in levels:
            num = ppr.find(w("numPr"))
            if num is None:
                continue
            if num.find(w("numId")) is not None:
                num_id = num.find(w("numId")).get(w("val"))
            if num.find(w("ilvl")) is not None:
                ilvl = self._twips(num.find(w("ilvl")).get(w("val")))
        if not num_id or num_id == "0":
            return ""
        definition = self._level_definition(num_id, ilvl)
        if definition is None:
            return ""
        fmt, text, start = definition
        counters = self._numbers.setdefault(num_id, [])
        while len(counters) <= ilvl:
            counters.append(0)
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        del counters[ilvl + 1 :]
        if fmt == "bullet":
            return "-" if text.strip() in ("", "-", "–", "\uf02d") else "•"
        if fmt == "none":
            return text.replace("%", "")

        def value(match: re.Match[str]) -> str:
            level = int(match[1]) - 1
            number = counters[level] if level < len(counters) else 1
            level_fmt = self._level_definition(num_id, level)
            return _format_number(number, level_fmt[0] if level_fmt else "decimal")

        return re.sub(r"%(\d)", value, text)

    def _level_definition(self, num_id: str, ilvl: int) -> tuple[str, str, int] | None:
        num = next((n for n in self.numbering.findall(w("num")) if n.get(w("numId")) == num_id), None)
        if num is None:
            return None
        abstract_id = num.find(w("abstractNumId"))
        start_override = None
        for override in num.findall(w("lvlOverride")):
            if self._twips(override.get(w("ilvl"))) == ilvl and override.find(w("startOverride")) is not None:
                start_override = self._twips(override.find(w("startOverride")).get(w("val")))
        if abstract_id is None:
            return None
        abstract = next(
            (
                a
                for a in self.numbering.findall(w("abstractNum"))
                if a.get(w("abstractNumId")) == abstract_id.get(w("val"))
            ),
            None,
        )
        if abstract is None:
            return None
        level = next((lv for lv in abstract.findall(w("lvl")) if self._twips(lv.get(w("ilvl"))) == ilvl), None)
        if level is None:
            return None
        fmt = level.find(w("numFmt"))
        text = level.find(w("lvlText"))
        start = level.find(w("start"))
        return (
            fmt.get(w("val"), "decimal") if fmt is not None else "decimal",
            text.get(w("val"), "") if text is not None else "",
            start_override or (self._twips(start.get(w("val"))) if start is not None else 1),
        )

    # --- sections, headers, footers --------------------------------------------------------
    def _read_sections(self) -> None:
        inherited_headers: dict[str, HeaderFooter] = {}
        inherited_footers: dict[str, HeaderFooter] = {}
        for index, sect in enumerate(self._section_elements):
            size = sect.find(w("pgSz"))
            margin = sect.find(w("pgMar"))
            width = self._twips(size.get(w("w"))) if size is not None else None
            height = self._twips(size.get(w("h"))) if size is not None else None
            orient = size.get(w("orient")) if size is not None else None
            margins = {}
            if margin is not None:
                for key in ("top", "bottom", "left", "right", "header", "footer", "gutter"):
                    if margin.get(w(key)) is not None:
                        margins[key] = abs(self._twips(margin.get(w(key))))
            headers = dict(inherited_headers)
            footers = dict(inherited_footers)
            for tag, target in (("headerReference", headers), ("footerReference", footers)):
                for ref in sect.findall(w(tag)):
                    rel = self.rels.get(ref.get(f"{{{R}}}id"))
                    if rel is None or rel[1] not in self.names:
                        continue
                    root = self.xml(rel[1])
                    place = "header" if tag.startswith("header") else "footer"
                    paras = [self._add_paragraph(p, place, None, None, None, index) for p in root.iter(w("p"))]
                    target[ref.get(w("type"), "default")] = HeaderFooter(ref.get(w("type"), "default"), rel[1], paras)
            inherited_headers, inherited_footers = headers, footers
            number = sect.find(w("pgNumType"))
            title = sect.find(w("titlePg"))
            self.sections.append(
                Section(
                    index=index,
                    width=width,
                    height=height,
                    landscape=orient == "landscape" or (width is not None and height is not None and width > height),
                    margins=margins,
                    title_page=title is not None and title.get(w("val"), "1") not in ("0", "false"),
                    headers=headers,
                    footers=footers,
                    page_start=self._twips(number.get(w("start")))
                    if number is not None and number.get(w("start"))
                    else None,
                    page_format=number.get(w("fmt")) if number is not None else None,
                    has_table=index in self._sections_with_tables,
                    element=sect,
                )
            )
        if not self.sections:
            self.sections.append(Section(0, None, None, False, {}, False, {}, {}, None, None))

    @property
    def even_and_odd_headers(self) -> bool:
        return self.settings is not None and self.settings.find(w("evenAndOddHeaders")) is not None

    def blocks(self) -> Iterator[Para | Table]:
        """Body paragraphs and tables in document order (tables once, before their cells)."""
        seen: set[int] = set()
        for para in self.paragraphs:
            if para.table is not None:
                if para.table[0] not in seen:
                    seen.add(para.table[0])
                    yield self.tables[para.table[0]]
                continue
            yield para

    # --- editing (for safe fixes) ----------------------------------------------------------
    def part_of(self, element: Any) -> str:
        """The package part an element belongs to."""
        root = element.getroottree().getroot()
        for name, tree in self.parts.items():
            if tree is root:
                return name
        raise KeyError("phần tử không thuộc tài liệu")

    def touch(self, element_or_part: Any) -> None:
        """Mark a part as edited so :meth:`to_bytes` writes it back."""
        self.dirty.add(element_or_part if isinstance(element_or_part, str) else self.part_of(element_or_part))

    def replace_text(self, para: Para, pattern: str, repl: Any) -> bool:
        """Substitute in a paragraph's text across run boundaries, keeping each run's formatting.

        Each replacement goes into the text node where its match starts; the rest of the
        match is cut from the following nodes.
        """
        nodes = [t for r in para.runs if r.element is not None for t in r.element.findall(w("t"))]
        texts = [t.text or "" for t in nodes]
        lengths = [len(text) for text in texts]
        starts = [sum(lengths[:k]) for k in range(len(nodes))]
        matches = [m for m in re.finditer(pattern, "".join(texts)) if m.end() > m.start()]
        if not matches:
            return False
        for match in reversed(matches):  # later matches first: earlier offsets stay valid
            new = match.expand(repl) if isinstance(repl, str) else repl(match)
            begin, end = match.span()
            first = next(k for k in range(len(nodes)) if starts[k] <= begin < starts[k] + lengths[k])
            for k in range(first, len(nodes)):
                if k != first and starts[k] >= end:
                    break
                local_begin = max(begin, starts[k]) - starts[k]
                local_end = min(end, starts[k] + lengths[k]) - starts[k]
                texts[k] = texts[k][:local_begin] + (new if k == first else "") + texts[k][local_end:]
        for node, text in zip(nodes, texts, strict=True):
            node.text = text
            if text != text.strip():
                node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        self.touch(para.element)
        return True

    def to_bytes(self) -> bytes:
        """The package with every edited part written back; other parts are copied as they are."""
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in self.zip.infolist():
                if info.filename in self.dirty:
                    data = serialize(self.parts[info.filename])
                elif info.filename in self.parts or info.file_size <= MAX_PART:
                    data = self.read_part(info.filename)
                else:
                    data = self.zip.read(info)
                target.writestr(info, data)
            for name in sorted(self.dirty - self.names):
                target.writestr(name, serialize(self.parts[name]))
        return out.getvalue()

    def add_part(self, name: str, root: Any, content_type: str) -> None:
        """A new XML part (e.g. a header), registered in [Content_Types].xml."""
        self.parts[name] = root
        self.dirty.add(name)
        types = self.xml("[Content_Types].xml")
        ns = "http://schemas.openxmlformats.org/package/2006/content-types"
        override = etree.SubElement(types, f"{{{ns}}}Override")
        override.set("PartName", "/" + name)
        override.set("ContentType", content_type)
        self.touch("[Content_Types].xml")

    def relate(self, source: str, kind: str, target: str) -> str:
        """Add a relationship from ``source`` to ``target``; returns its id."""
        folder, base = source.rsplit("/", 1)
        name = f"{folder}/_rels/{base}.rels"
        rels = self.xml(name, optional=True)
        if rels is None:
            rels = etree.Element(f"{{{PKG_REL}}}Relationships")
            self.parts[name] = rels
        ids = {rel.get("Id") for rel in rels}
        number = len(ids) + 1
        while f"rIdVanban{number}" in ids:
            number += 1
        rel = etree.SubElement(rels, f"{{{PKG_REL}}}Relationship")
        rel.set("Id", f"rIdVanban{number}")
        rel.set("Type", f"http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}")
        rel.set("Target", target)
        self.touch(name)
        if source == self.main:
            self.rels[rel.get("Id")] = (kind, f"{folder}/{target}")
        return rel.get("Id")


# Element order inside rPr, pPr and sectPr (ECMA-376): Word rejects children out of order.
RPR_ORDER = (
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid "
    "vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl cs "
    "em lang eastAsianLayout specVanish oMath"
).split()
PPR_ORDER = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
    "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd "
    "snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
).split()
SECT_ORDER = (
    "headerReference footerReference footnotePr endnotePr type pgSz pgMar paperSrc pgBorders lnNumType "
    "pgNumType cols formProt vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid printerSettings sectPrChange"
).split()


def child(parent: Any, name: str, order: list[str] | tuple[str, ...]) -> Any:
    """The child ``w:name`` of ``parent``, created in its schema position if missing."""
    found = parent.find(w(name))
    if found is not None:
        return found
    rank = order.index(name) if name in order else len(order)
    created = etree.Element(w(name))
    for index, existing in enumerate(parent):
        local = etree.QName(existing).localname
        if local in order and order.index(local) > rank:
            parent.insert(index, created)
            return created
    parent.append(created)
    return created


def properties(element: Any, tag: str) -> Any:
    """The ``rPr``/``pPr`` of a run or paragraph, created as its first child if missing."""
    found = element.find(w(tag))
    if found is None:
        found = etree.Element(w(tag))
        element.insert(0, found)
    return found


def set_flag(rpr: Any, name: str, value: bool) -> None:
    """Set a toggle property (b, i, …) and its complex-script twin explicitly on or off."""
    for tag in (name, f"{name}Cs") if name in ("b", "i") else (name,):
        node = child(rpr, tag, RPR_ORDER)
        if value:
            node.attrib.pop(w("val"), None)
        else:
            node.set(w("val"), "0")


def set_fonts(rpr: Any, font: str) -> None:
    """All four font slots set to ``font``; theme references and hints removed."""
    node = child(rpr, "rFonts", RPR_ORDER)
    for attribute in list(node.attrib):
        if "Theme" in attribute or "theme" in attribute or attribute.endswith("}hint"):
            del node.attrib[attribute]
    for slot in SLOTS:
        node.set(w(slot), font)


def set_size(rpr: Any, size: float) -> None:
    for tag in ("sz", "szCs"):
        child(rpr, tag, RPR_ORDER).set(w("val"), str(int(round(size * 2))))


def new_element(name: str, **attributes: str) -> Any:
    element = etree.Element(w(name))
    for key, value in attributes.items():
        element.set(w(key), value)
    return element


def parse_xml(data: bytes) -> Any:
    return etree.fromstring(data, _parser())


def serialize(root: Any) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _symbol(code: str) -> str:
    """The character of a w:sym (a hexadecimal code point), or nothing if it is not one."""
    try:
        return chr(int(code, 16)) if code else ""
    except (ValueError, OverflowError):
        return ""


def _vml_length(start: str, end: str) -> int | None:
    def point(value: str) -> tuple[float, float] | None:
        parts = value.split(",")
        if len(parts) != 2:
            return None
        try:
            return _vml_unit(parts[0]), _vml_unit(parts[1])
        except ValueError:
            return None

    a, b = point(start), point(end)
    if a is None or b is None or abs(b[1] - a[1]) > abs(b[0] - a[0]):
        return None
    return int(abs(b[0] - a[0]))


def _vml_unit(value: str) -> float:
    value = value.strip()
    for unit, factor in (("pt", 20.0), ("in", 1440.0), ("cm", 566.93), ("mm", 56.693), ("px", 15.0)):
        if value.endswith(unit):
            return float(value[: -len(unit)]) * factor
    return float(value or 0) / 635 if abs(float(value or 0)) > 10000 else float(value or 0) * 20


def _format_number(number: int, fmt: str) -> str:
    from .text import la_ma

    if fmt == "upperRoman":
        return la_ma(number)
    if fmt == "lowerRoman":
        return la_ma(number).lower()
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalZero":
        return f"{number:02d}"
    return str(number)


def open_docx(
    source: str | os.PathLike[str] | bytes | IO[bytes], *, max_size: int = 512 * 1024 * 1024, unicode: bool = False
) -> DocView:
    """Open a DOCX from a path, bytes or a binary file object; every failure is a :class:`DocxError`.

    ``unicode=True`` reads text in TCVN3 fonts (.VnTime…) as Unicode, for the parser; the checker
    reads it as it is, to report it.
    """
    name = "<bytes>"
    if isinstance(source, (bytes, bytearray)):
        data = bytes(source)
    elif hasattr(source, "read"):
        name = getattr(source, "name", "<file>")
        data = source.read()
    else:
        path = Path(source)
        name = str(path)
        try:
            if path.stat().st_size > max_size:
                raise DocxError("tệp quá lớn", source=name)
            data = path.read_bytes()
        except FileNotFoundError:
            raise DocxError("không tìm thấy tệp", source=name) from None
        except IsADirectoryError:
            raise DocxError("đây là thư mục, không phải tệp", source=name) from None
        except OSError as exc:
            raise DocxError(f"không đọc được tệp: {exc.strerror}", source=name) from None
    if not data:
        raise DocxError("tệp rỗng", source=name)
    if len(data) > max_size:
        raise DocxError("tệp quá lớn", source=name)
    return DocView(data, name, unicode=unicode)
