"""The walk over a document: paragraphs in reading order (body, tables, text boxes), sections with their
headers and footers, footnotes, fields and drawn rule lines."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator
from typing import IO, Any

from ..text import legacy_encoding, sang_unicode, so, tcvn3_sang_unicode, vni_sang_unicode
from .package import Element, Package, R, source_bytes
from .styles import SYMBOL_FONTS, Styles, twips, w
from .values import Cell, HeaderFooter, Line, Para, Run, Section, Table

WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
V = "urn:schemas-microsoft-com:vml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
EMU_PER_TWIP = 635
MAX_DEPTH = 64  # nesting of tables, text boxes and content controls
MAX_PARAGRAPHS = 20_000  # a 600-page document has about 12,000
MAX_RUNS = 200_000
MAX_TABLES, MAX_CELLS = 5_000, 200_000
_UNICODE_LETTERS = re.compile(r"[\u0100-\u1eff]")  # đ, ư, ạ, …: text that holds these is already Unicode


class DocView:
    """A DOCX, read once, as values. Build it with :func:`open_docx`."""

    def __init__(self, data: bytes, name: str = "<bytes>", *, unicode: bool = False) -> None:
        self.package = Package(data, name)
        self.name = name
        self.unicode = unicode  # turn text typed in TCVN3 (.VnTime…) and VNI fonts into Unicode
        self.main = self.package.main_part()
        self.document = self.package.need_xml(self.main)
        if self.document.tag != w("document"):
            raise self.package.error("tệp không phải tài liệu Word (thiếu phần nội dung chính)")
        folder = self.main.rsplit("/", 1)[0]
        self.rels = self.package.rels(self.main)
        self.styles_part = self._related("styles") or f"{folder}/styles.xml"
        theme = self._related("theme")
        self.styles = Styles(
            self.package.xml(self.styles_part, optional=True),
            self.package.xml(theme, optional=True) if theme else None,
            self.package.xml(self._related("numbering") or f"{folder}/numbering.xml", optional=True),
        )
        self.settings_part = self._related("settings") or f"{folder}/settings.xml"
        self.settings = self.package.xml(self.settings_part, optional=True)
        self._counter = 0
        self._runs = 0
        self._cells = 0
        self.tables: list[Table] = []
        self.paragraphs: list[Para] = []
        self.textboxes: list[Para] = []
        self.sections: list[Section] = []
        self._sections_with_tables: set[int] = set()
        self._read_body()

    # --- package -------------------------------------------------------------------------------
    @property
    def parts(self) -> dict[str, Element]:
        return self.package.parts

    def _related(self, kind: str) -> str | None:
        for rel_kind, path in self.rels.values():
            if rel_kind == kind and path in self.package.names:
                return path
        return None

    def touch(self, element_or_part: Element | str) -> None:
        """Mark a part as edited so :meth:`to_bytes` writes it back."""
        part = element_or_part if isinstance(element_or_part, str) else self.package.part_of(element_or_part)
        self.package.touch(part)

    def to_bytes(self) -> bytes:
        return self.package.to_bytes()

    @functools.cached_property
    def _footnotes(self) -> dict[str, str]:
        part = self._related("footnotes")
        root = self.package.xml(part, optional=True) if part else None
        notes: dict[str, str] = {}
        for note in root if root is not None else ():
            gaps = (w("br"), w("cr"), w("tab"))
            paragraphs = [
                "".join(" " if t.tag in gaps else t.text or "" for t in p.iter(w("t"), *gaps)).strip()
                for p in note.iter(w("p"))
            ]
            text = " ".join(p for p in paragraphs if p)
            notes[note.get(w("id"), "")] = sang_unicode(text) if self.unicode else text
        return notes

    def footnote(self, note_id: str) -> str:
        """The text of a footnote ("" when the document has no such footnote)."""
        return self._footnotes.get(note_id, "")

    @property
    def even_and_odd_headers(self) -> bool:
        return self.settings is not None and self.settings.find(w("evenAndOddHeaders")) is not None

    def blocks(self) -> Iterator[Para | Table]:
        """Body paragraphs and top-level tables in document order (a table once, before its cells)."""
        seen: set[int] = set()
        for para in self.paragraphs:
            if para.place == "textbox":
                continue
            if para.table is not None:
                table = self.tables[para.table[0]]
                while table.nested:
                    table = self._outer[table.index]
                if table.index not in seen:
                    seen.add(table.index)
                    yield table
                continue
            yield para

    # --- reading the body ------------------------------------------------------------------------
    def _read_body(self) -> None:
        body = self.document.find(w("body"))
        if body is None:
            raise self.package.error("tài liệu không có phần thân (w:body)")
        section_elements = [p.find(f"{w('pPr')}/{w('sectPr')}") for p in body.iter(w("p"))]
        self._section_elements = [s for s in section_elements if s is not None]
        final = body.find(w("sectPr"))
        if final is not None:
            self._section_elements.append(final)
        self._section = 0
        self._outer: dict[int, Table] = {}
        for child in body:
            self._read_block(child, "body", None, depth=0)
        self._read_sections()
        if self.unicode:
            headers = [
                p
                for section in self.sections
                for part in (*section.headers.values(), *section.footers.values())
                for p in part.paragraphs
            ]
            _to_unicode(list({id(p): p for p in [*self.paragraphs, *headers]}.values()))

    def _read_block(
        self,
        element: Element,
        place: str,
        table: tuple[int, int, int] | None,
        width: int | None = None,
        tbl_style: str | None = None,
        depth: int = 0,
    ) -> None:
        if depth > MAX_DEPTH:
            raise self.package.error(f"tài liệu lồng bảng/khung quá {MAX_DEPTH} tầng")
        tag = element.tag
        if tag == w("p"):
            self._add_paragraph(element, place, table, width, tbl_style)
        elif tag == w("tbl"):
            self._read_table(element, place, table, depth)
        elif tag in (w("sdt"), w("customXml"), w("ins"), w("smartTag")):
            content = element.find(w("sdtContent")) if tag == w("sdt") else element
            for child in content if content is not None else []:
                self._read_block(child, place, table, width, tbl_style, depth + 1)
        elif tag == f"{{{MC}}}AlternateContent":
            choice = element.find(f"{{{MC}}}Choice")
            for child in choice if choice is not None else []:
                self._read_block(child, place, table, width, tbl_style, depth + 1)

    def _read_table(self, element: Element, place: str, outer: tuple[int, int, int] | None, depth: int) -> None:
        index = len(self.tables)
        if index >= MAX_TABLES:
            raise self.package.error(f"tài liệu có hơn {so(MAX_TABLES)} bảng: quá lớn để đọc")
        tbl_pr = element.find(w("tblPr"))
        style = tbl_pr.find(w("tblStyle")) if tbl_pr is not None else None
        tbl_style = style.get(w("val")) if style is not None else None
        table = Table(index, [], self._section, self._table_has_borders(tbl_pr, tbl_style), element)
        if outer is not None:
            table.nested = True
            self._outer[index] = self.tables[outer[0]]
        padding = self._cell_margins(tbl_pr, tbl_style)
        self.tables.append(table)
        grid = [twips(c.get(w("w"))) for c in element.findall(f"{w('tblGrid')}/{w('gridCol')}")]
        table.grid = grid[:64]
        rows = [row for row in element if row.tag == w("tr")]
        for content in element.findall(w("sdt")):  # rows wrapped in a content control
            found = content.find(w("sdtContent"))
            rows += [row for row in found if row.tag == w("tr")] if found is not None else []
        for r, row in enumerate(rows):
            tr_pr = row.find(w("trPr"))
            if tr_pr is not None and tr_pr.find(w("tblHeader")) is not None and r == table.header_rows:
                table.header_rows += 1
            cells = []
            column = 0
            for c, cell in enumerate(row.findall(w("tc"))):
                self._cells += 1
                if self._cells > MAX_CELLS:
                    raise self.package.error(f"tài liệu có hơn {so(MAX_CELLS)} ô bảng: quá lớn để đọc")
                tc_pr = cell.find(w("tcPr"))
                tc_w = tc_pr.find(w("tcW")) if tc_pr is not None else None
                span = tc_pr.find(w("gridSpan")) if tc_pr is not None else None
                merge = tc_pr.find(w("vMerge")) if tc_pr is not None else None
                span_n = min(max(twips(span.get(w("val"))), 1), 64) if span is not None else 1
                # the grid is what LibreOffice lays out; Word follows a smaller preferred width
                widths = []
                if tc_w is not None and tc_w.get(w("type"), "dxa") == "dxa" and tc_w.get(w("w")):
                    widths.append(twips(tc_w.get(w("w"))))
                if grid[column : column + span_n]:
                    widths.append(sum(grid[column : column + span_n]))
                width = max(min(widths) - padding, 0) if widths else None
                column += span_n
                before, tables_before = len(self.paragraphs), len(self.tables)
                for child in cell:
                    self._read_block(
                        child, place if place != "body" else "table", (index, r, c), width, tbl_style, depth + 1
                    )
                continued = merge is not None and merge.get(w("val"), "continue") == "continue"
                mine = [p for p in self.paragraphs[before:] if p.table is not None and p.table[0] == index]
                inner = [t for t in self.tables[tables_before:] if self._outer.get(t.index) is table]
                cells.append(Cell(width, mine, span_n, continued, inner))
            table.rows.append(cells)
        self._sections_with_tables.add(table.section)

    def _cell_margins(self, tbl_pr: Element | None, tbl_style: str | None) -> int:
        """Left plus right default cell margin of a table (Word's default is 108 twips a side)."""
        chain = self.styles.table_props(tbl_style) + self.styles.table_props(self.styles.default.get("table"))
        sources = [tbl_pr, *chain]
        total = 0
        for side, other in (("left", "start"), ("right", "end")):
            value = 108
            for source in sources:
                margins = source.find(w("tblCellMar")) if source is not None else None
                edge = None if margins is None else margins.find(w(side))
                edge = margins.find(w(other)) if edge is None and margins is not None else edge
                if edge is not None:
                    value = twips(edge.get(w("w")))
                    break
            total += value
        return total

    def _table_has_borders(self, tbl_pr: Element | None, tbl_style: str | None) -> bool:
        for source in [tbl_pr, *self.styles.table_props(tbl_style)]:
            borders = source.find(w("tblBorders")) if source is not None else None
            if borders is not None:
                return any(b.get(w("val")) not in ("nil", "none", None) for b in borders)
        return False

    def _add_paragraph(
        self,
        element: Element,
        place: str,
        table: tuple[int, int, int] | None,
        width: int | None,
        tbl_style: str | None,
        section: int | None = None,
    ) -> Para:
        ppr = element.find(w("pPr"))
        style_el = ppr.find(w("pStyle")) if ppr is not None else None
        sid = style_el.get(w("val")) if style_el is not None else self.styles.default.get("paragraph")
        para = Para(
            index=self._counter,
            text="",
            runs=[],
            style_id=sid,
            style_name=self.styles.name(sid),
            place=place,
            section=self._section if section is None else section,
            table=table,
            cell_width=width,
            element=element,
        )
        self._counter += 1
        if self._counter > MAX_PARAGRAPHS:
            raise self.package.error(f"tài liệu có hơn {so(MAX_PARAGRAPHS)} đoạn văn: quá lớn để đọc")
        self.styles.apply_ppr(para, ppr, sid, tbl_style)
        if para.border_bottom:
            para.lines.append(Line("border", None, para.border_bottom[0] == "single"))
        para.sect_pr = ppr is not None and ppr.find(w("sectPr")) is not None
        if self.styles.numbering is not None:
            para.label = self.styles.number_label(self.styles.paragraph_levels(ppr, sid, tbl_style))
        pieces: list[str] = []
        self._walk_runs(element, para, pieces, tbl_style, sid)
        para.text = "".join(pieces)
        if place in ("body", "table", "textbox"):
            self.paragraphs.append(para)
        if para.sect_pr and place == "body":
            self._section += 1
        return para

    # --- runs --------------------------------------------------------------------------------------
    def _walk_runs(
        self, element: Element, para: Para, pieces: list[str], tbl_style: str | None, sid: str | None
    ) -> None:
        state: dict[str, Any] = {"field": 0, "instr": []}
        containers = (w("hyperlink"), w("ins"), w("smartTag"), w("customXml"), w("bdo"), w("dir"), w("moveTo"))

        def visit(node: Element, depth: int) -> None:
            if depth > MAX_DEPTH:
                raise self.package.error(f"đoạn văn lồng quá {MAX_DEPTH} tầng")
            for child in node:
                tag = child.tag
                if tag == w("r"):
                    self._run(child, para, pieces, state, tbl_style, sid)
                elif tag == w("fldSimple"):
                    para.fields.append(child.get(w("instr"), "").strip())
                    visit(child, depth + 1)
                elif tag in containers:
                    visit(child, depth + 1)
                elif tag == w("sdt"):
                    content = child.find(w("sdtContent"))
                    if content is not None:
                        visit(content, depth + 1)
                elif tag == f"{{{MC}}}AlternateContent":
                    choice = child.find(f"{{{MC}}}Choice")
                    if choice is not None:
                        visit(choice, depth + 1)

        visit(element, 0)

    def _run(
        self, run: Element, para: Para, pieces: list[str], state: dict[str, Any], tbl_style: str | None, sid: str | None
    ) -> None:
        self._runs += 1
        if self._runs > MAX_RUNS:
            raise self.package.error(f"tài liệu có hơn {so(MAX_RUNS)} đoạn chữ (run): quá lớn để đọc")
        rpr = run.find(w("rPr"))
        text_parts: list[str] = []
        symbol = False
        for child in run:
            tag = child.tag
            if tag == w("fldChar"):
                kind = child.get(w("fldCharType"))
                if kind == "begin":
                    state["field"] += 1
                    state["instr"] = []
                elif kind in ("separate", "end"):
                    if state["instr"]:
                        para.fields.append("".join(state["instr"]).strip())
                        state["instr"] = []
                    if kind == "end":
                        state["field"] = max(state["field"] - 1, 0)
            elif tag == w("instrText"):
                state["instr"].append(child.text or "")
            elif tag == w("t"):
                text_parts.append(child.text or "")
            elif tag in (w("tab"), w("ptab")):
                text_parts.append("\t")
            elif tag in (w("br"), w("cr")):
                if child.get(w("type")) == "page":
                    para.page_break = True
                elif child.get(w("type")) in (None, "textWrapping"):
                    para.soft_breaks += 1
                    text_parts.append("\n")
            elif tag == w("footnoteReference"):
                para.footnotes.append(self.footnote(child.get(w("id"), "")))
                para.footnote_runs.append(len(para.runs) + bool(text_parts))
            elif tag == w("noBreakHyphen"):
                text_parts.append("-")
            elif tag == w("sym"):
                text_parts.append(_symbol(child.get(w("char"), "")))
                symbol = True
            elif tag in (w("drawing"), w("pict"), f"{{{MC}}}AlternateContent"):
                self._drawing(child, para)
        text = "".join(text_parts)
        props = self.styles.run_props(rpr, tbl_style, sid)
        font = props["fonts"].get("hAnsi") or props["fonts"].get("ascii") or ""
        symbol = symbol or font.startswith(SYMBOL_FONTS)
        para.runs.append(Run(text=text, element=run, symbol=symbol, **props))
        pieces.append(text)

    def _drawing(self, node: Element, para: Para) -> None:
        """Rule lines drawn as shapes, and the paragraphs of text boxes."""
        plain = node
        if node.tag == f"{{{MC}}}AlternateContent":
            choice = node.find(f"{{{MC}}}Choice")
            if choice is None:
                return
            plain = choice
        for shape in plain.iter(f"{{{WPS}}}wsp"):
            geometry = shape.find(f".//{{{A}}}prstGeom")
            outline = shape.find(f".//{{{A}}}ln")
            if outline is not None and outline.find(f"{{{A}}}noFill") is not None:
                continue  # drawn with no line: invisible
            if geometry is not None and geometry.get("prst") in ("line", "straightConnector1"):
                ext = shape.find(f".//{{{A}}}xfrm/{{{A}}}ext")
                if ext is None:
                    anchor = next(shape.iterancestors(f"{{{WP}}}anchor", f"{{{WP}}}inline"), None)
                    ext = anchor.find(f"{{{WP}}}extent") if anchor is not None else None
                if ext is not None:
                    cx = twips(ext.get("cx"), 10**9) // EMU_PER_TWIP
                    cy = twips(ext.get("cy"), 10**9) // EMU_PER_TWIP
                    if cx >= cy and cx > 0:
                        dash = shape.find(f".//{{{A}}}prstDash")
                        para.lines.append(Line("shape", cx, dash is None or dash.get("val") == "solid"))
        for vline in plain.iter(f"{{{V}}}line"):
            if vline.get("stroked", "t").lower() in ("f", "false"):
                continue
            length = _vml_length(vline.get("from", "0,0"), vline.get("to", "0,0"))
            if length:
                dash = vline.find(f"{{{V}}}stroke")
                para.lines.append(Line("shape", length, dash is None or dash.get("dashstyle") in (None, "solid")))
        for box in plain.iter(w("txbxContent")):
            if any(a.tag == f"{{{MC}}}Fallback" for a in box.iterancestors()):
                continue
            for child in box:
                if child.tag != w("p"):
                    continue
                if para.place in ("header", "footer"):  # a text box of a page header (a page number) is the header's
                    self._add_paragraph(child, para.place, None, None, None, para.section)
                else:
                    self.textboxes.append(self._add_paragraph(child, "textbox", None, None, None, para.section))

    # --- sections, headers, footers -----------------------------------------------------------------
    def _read_sections(self) -> None:
        inherited_headers: dict[str, HeaderFooter] = {}
        inherited_footers: dict[str, HeaderFooter] = {}
        for index, sect in enumerate(self._section_elements):
            size = sect.find(w("pgSz"))
            margin = sect.find(w("pgMar"))
            width = twips(size.get(w("w"))) if size is not None and size.get(w("w")) else None
            height = twips(size.get(w("h"))) if size is not None and size.get(w("h")) else None
            orient = size.get(w("orient")) if size is not None else None
            margins = {}
            if margin is not None:
                for key in ("top", "bottom", "left", "right", "header", "footer", "gutter"):
                    if margin.get(w(key)) is not None:
                        margins[key] = abs(twips(margin.get(w(key))))
            headers = dict(inherited_headers)
            footers = dict(inherited_footers)
            for tag, target in (("headerReference", headers), ("footerReference", footers)):
                for ref in sect.findall(w(tag)):
                    rel = self.rels.get(ref.get(f"{{{R}}}id", ""))
                    if rel is None or rel[1] not in self.package.names:
                        continue
                    root = self.package.need_xml(rel[1])
                    place = "header" if tag.startswith("header") else "footer"
                    paras = [self._add_paragraph(p, place, None, None, None, index) for p in root.iter(w("p"))]
                    kind = ref.get(w("type"), "default")
                    target[kind] = HeaderFooter(kind, rel[1], paras)
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
                    page_start=twips(number.get(w("start")), 10**6)
                    if number is not None and number.get(w("start"))
                    else None,
                    page_format=number.get(w("fmt")) if number is not None else None,
                    has_table=index in self._sections_with_tables,
                    element=sect,
                )
            )
        if not self.sections:
            self.sections.append(Section(0, None, None, False, {}, False, {}, {}, None, None))


def _family(run: Run) -> str | None:
    font = (run.fonts.get("hAnsi") or run.fonts.get("ascii") or "").upper()
    return "TCVN3" if font.startswith(".VN") else "VNI" if font.startswith("VNI") else None


def _to_unicode(paragraphs: list[Para]) -> None:
    """Runs typed in TCVN3 or VNI, as Unicode. The characters decide, not the font name: a run that holds
    Unicode Vietnamese is never converted; runs in a legacy font are converted only when the text of that
    font across the document reads as its encoding; other runs only when their paragraph does."""
    plain = [
        (para, run) for para in paragraphs for run in para.runs if run.text and not _UNICODE_LETTERS.search(run.text)
    ]
    fonts: dict[str, list[str]] = {}
    for _, run in plain:
        family = _family(run)
        if family:
            fonts.setdefault(family, []).append(run.text)
    legacy_fonts = {family for family, texts in fonts.items() if legacy_encoding(" ".join(texts)) == family}
    by_paragraph: dict[int, list[Run]] = {}
    for para, run in plain:
        by_paragraph.setdefault(id(para), []).append(run)
    for para in paragraphs:
        runs = by_paragraph.get(id(para), [])
        if not runs:
            continue
        kind = legacy_encoding("".join(run.text for run in runs if _family(run) is None))
        for run in runs:
            family = _family(run)
            chosen = family if family in legacy_fonts else kind if family is None else None
            if chosen == "TCVN3":
                hoa = (run.fonts.get("hAnsi") or run.fonts.get("ascii") or "").upper().endswith("H")
                run.text = tcvn3_sang_unicode(run.text, hoa=hoa and family == "TCVN3")
            elif chosen == "VNI":
                run.text = vni_sang_unicode(run.text)
        para.text = "".join(run.text for run in para.runs)


def _symbol(code: str) -> str:
    """The character of a w:sym (a hexadecimal code point), or nothing if it is not one."""
    try:
        value = int(code, 16) if code else 0
        return chr(value) if 0 < value < 0x110000 else ""
    except ValueError:
        return ""


def _vml_length(start: str, end: str) -> int | None:
    def point(value: str) -> tuple[float, float] | None:
        parts = value.split(",")
        if len(parts) != 2:
            return None
        try:
            return _vml_unit(parts[0]), _vml_unit(parts[1])
        except (ValueError, OverflowError):
            return None

    a, b = point(start), point(end)
    if a is None or b is None or abs(b[1] - a[1]) > abs(b[0] - a[0]):
        return None
    length = abs(b[0] - a[0])
    return int(length) if length < 10**7 else None


def _vml_unit(value: str) -> float:
    value = value.strip()
    for unit, factor in (("pt", 20.0), ("in", 1440.0), ("cm", 566.93), ("mm", 56.693), ("px", 15.0)):
        if value.endswith(unit):
            return float(value[: -len(unit)]) * factor
    number = float(value or 0)
    return number / 635 if abs(number) > 10000 else number * 20


def open_docx(source: str | os.PathLike[str] | bytes | IO[bytes], *, unicode: bool = False) -> DocView:
    """Open a DOCX from a path, bytes or a binary file object; every failure is a :class:`DocxError`.

    ``unicode=True`` reads text typed in TCVN3 or VNI fonts as Unicode, for the parser; the checker
    reads it as it is, to report it.
    """
    data, name = source_bytes(source)
    return DocView(data, name, unicode=unicode)
