"""A document as plain values: paragraphs with their effective formatting, tables, sections."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .package import Element


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
    symbol: bool = False  # holds a w:sym glyph or text in a symbol font (Wingdings…)
    element: Element | None = field(repr=False, default=None)


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
    keep_lines: bool = False
    widow_control: bool = False
    border_bottom: tuple[str, int] | None = None
    border_top: tuple[str, int] | None = None
    label: str = ""  # automatic numbering text (e.g. "I."), not part of text
    soft_breaks: int = 0
    fields: list[str] = field(default_factory=list)
    footnotes: list[str] = field(default_factory=list)  # text of the footnotes referenced here, in order
    footnote_runs: list[int] = field(default_factory=list)  # each reference comes after this many runs

    def with_footnote_marks(self, numbers: list[int]) -> str:
        """The text with ``[^n]`` where the footnotes are referenced (``numbers``: n for each, in order)."""
        ends, position = [], 0
        for run in self.runs:
            position += len(run.text)
            ends.append(position)
        text, shift = self.text, 0
        for count, number in zip(self.footnote_runs, numbers, strict=False):
            at = ends[count - 1] + shift if count and count <= len(ends) else (len(text) if count else shift)
            mark = f"[^{number}]"
            text, shift = text[:at] + mark + text[at:], shift + len(mark)
        return text

    page_break: bool = False  # starts a new page (page break before it, or a page break in it)
    lines: list[Line] = field(default_factory=list)
    table: tuple[int, int, int] | None = None  # table, row, cell
    cell_width: int | None = None  # text width inside the cell (cell margins taken off)
    sect_pr: bool = False
    element: Element | None = field(repr=False, default=None)

    @property
    def visible_runs(self) -> list[Run]:
        return [run for run in self.runs if run.text.strip()]

    @property
    def lettered_runs(self) -> list[Run]:
        """Runs with a letter or a digit: bold or italic punctuation alone does not show."""
        return [run for run in self.runs if any(c.isalnum() for c in run.text)] or self.visible_runs

    def _share(self, attribute: str) -> bool:
        runs = self.lettered_runs
        return bool(runs) and all(getattr(run, attribute) for run in runs)

    @property
    def bold(self) -> bool:
        return self._share("bold")

    @property
    def italic(self) -> bool:
        return self._share("italic")

    @property
    def any_bold(self) -> bool:
        return any(run.bold for run in self.lettered_runs)

    @property
    def any_italic(self) -> bool:
        return any(run.italic for run in self.lettered_runs)

    @property
    def text_runs(self) -> list[Run]:
        """Visible runs of text (not symbols such as a check box in Wingdings)."""
        return [run for run in self.visible_runs if not run.symbol]

    @property
    def size(self) -> float | None:
        """The size most of the visible characters have."""
        weights: dict[float | None, int] = {}
        for run in self.text_runs:
            weights[run.size] = weights.get(run.size, 0) + len(run.text.strip())
        return max(weights, key=weights.__getitem__) if weights else None

    @property
    def sizes(self) -> set[float | None]:
        return {run.size for run in self.text_runs}

    @property
    def full_text(self) -> str:
        return f"{self.label} {self.text}".strip() if self.label else self.text


@dataclass
class Cell:
    width: int | None
    paragraphs: list[Para]
    span: int = 1  # grid columns
    merged: bool = False  # continues the cell above (vMerge)
    tables: list[Table] = field(default_factory=list)  # tables nested in this cell

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


@dataclass
class Table:
    index: int
    rows: list[list[Cell]]
    section: int
    borders: bool
    element: Element | None = field(repr=False, default=None)
    header_rows: int = 0
    nested: bool = False  # inside a cell of another table
    grid: list[int] = field(default_factory=list)  # widths of the grid columns (twips)


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
    element: Element | None = field(repr=False, default=None)
