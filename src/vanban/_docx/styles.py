"""Effective formatting: docDefaults → table style → paragraph style chain → character style → direct,
theme fonts, and the labels of automatic numbering."""

from __future__ import annotations

import functools
import re
from typing import Any

from .package import Element, W
from .values import Para

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
_THEME_SLOT = {"ascii": "asciiTheme", "hAnsi": "hAnsiTheme", "eastAsia": "eastAsiaTheme", "cs": "cstheme"}
_TOGGLE_KEYS = ("bold", "italic", "caps", "small_caps")
PPR_FIELDS = (
    "jc", "before", "after", "line", "line_rule", "ind_left", "ind_right", "first_line", "hanging",
    "first_line_chars", "contextual", "keep_next", "keep_lines", "widow_control", "border_bottom", "border_top",
)  # fmt: skip
MAX_TWIPS = 31680  # 22 inches: Word's largest page side; larger values are clamped
MAX_SIZE = 1638.0  # Word's largest font size, in points
SYMBOL_FONTS = ("Wingdings", "Webdings", "Symbol", "Marlett")


#: Deepest chain of styles based on one another that is followed, and longest numbering label text kept.
MAX_CHAIN, MAX_LABEL = 64, 200


@functools.cache
def w(name: str) -> str:
    return f"{{{W}}}{name}"


def twips(value: str | None, limit: int = MAX_TWIPS) -> int:
    """An OOXML measure as a bounded integer; anything unreadable ("auto", "1e999", "x") is 0."""
    if value is None:
        return 0
    try:
        number = int(float(value))
    except (ValueError, OverflowError):
        return 0
    return max(-limit, min(number, limit))


def flag(rpr: Element, name: str) -> bool | None:
    """A toggle property (b, i, caps …): on, off, or not said here."""
    node = rpr.find(w(name))
    if node is None:
        return None
    return node.get(w("val"), "true") not in ("0", "false", "off")


class Styles:
    """The style sheet, theme and numbering of one document."""

    def __init__(self, styles: Element | None, theme: Element | None, numbering: Element | None) -> None:
        self.root = styles
        self.numbering = numbering
        self.by_id: dict[str, Element] = {}
        self.default: dict[str, str] = {}
        self.doc_rpr: Element | None = None
        self.doc_ppr: Element | None = None
        if styles is not None:
            for style in styles.iter(w("style")):
                sid = style.get(w("styleId"))
                if sid is None:
                    continue
                self.by_id.setdefault(sid, style)
                if style.get(w("default")) in ("1", "true"):
                    self.default.setdefault(style.get(w("type"), ""), sid)
            defaults = styles.find(w("docDefaults"))
            if defaults is not None:
                self.doc_rpr = defaults.find(f"{w('rPrDefault')}/{w('rPr')}")
                self.doc_ppr = defaults.find(f"{w('pPrDefault')}/{w('pPr')}")
        self.theme_fonts = _theme_fonts(theme)
        self._run_cache: dict[tuple[str | None, str | None, str | None], dict[str, Any]] = {}
        self._para_cache: dict[tuple[str | None, str | None], dict[str, Any]] = {}
        self._counters: dict[str, list[int]] = {}
        self._levels: dict[tuple[str, int], tuple[str, str, int] | None] = {}
        self._chains: dict[str | None, list[Element]] = {}
        self._style_levels: dict[tuple[str | None, str | None], list[Element]] = {}
        self._nums: dict[str, Element] = {}
        self._abstracts: dict[str, Element] = {}
        if numbering is not None:
            for num in numbering.findall(w("num")):
                self._nums.setdefault(num.get(w("numId"), ""), num)
            for abstract in numbering.findall(w("abstractNum")):
                self._abstracts.setdefault(abstract.get(w("abstractNumId"), ""), abstract)

    # --- styles -----------------------------------------------------------------------------
    def name(self, sid: str | None) -> str | None:
        style = self.by_id.get(sid) if sid else None
        node = style.find(w("name")) if style is not None else None
        return node.get(w("val")) if node is not None else None

    def chain(self, sid: str | None) -> list[Element]:
        """Styles from the most specific to the root (cycles cut, at most MAX_CHAIN deep; computed once a style)."""
        if sid in self._chains:
            return self._chains[sid]
        chain: list[Element] = []
        seen: set[str] = set()
        current = sid
        while current and current in self.by_id and current not in seen and len(chain) < MAX_CHAIN:
            seen.add(current)
            style = self.by_id[current]
            chain.append(style)
            based = style.find(w("basedOn"))
            current = based.get(w("val")) if based is not None else None
        self._chains[sid] = chain
        return chain

    def theme_font(self, name: str) -> str:
        return self.theme_fonts.get(name, f"(theme {name})")

    def table_props(self, tbl_style: str | None) -> list[Element | None]:
        """tblPr elements of a table's style chain, most specific first."""
        return [s.find(w("tblPr")) for s in self.chain(tbl_style)]

    # --- paragraph properties ------------------------------------------------------------------
    def paragraph_levels(self, ppr: Element | None, sid: str | None, tbl_style: str | None) -> list[Element]:
        """pPr elements from the least to the most specific (the styles' part worked out once per style)."""
        key = (tbl_style, sid)
        if key not in self._style_levels:
            levels = [self.doc_ppr]
            levels += [s.find(w("pPr")) for s in reversed(self.chain(tbl_style))]
            levels += [s.find(w("pPr")) for s in reversed(self.chain(sid))]
            self._style_levels[key] = [level for level in levels if level is not None]
        return self._style_levels[key] + ([ppr] if ppr is not None else [])

    def apply_ppr(self, para: Para, ppr: Element | None, sid: str | None, tbl_style: str | None) -> None:
        """What the styles give (resolved once per style), then direct formatting."""
        key = (tbl_style, sid)
        base = self._para_cache.get(key)
        if base is None:
            probe = Para(0, "", [], None, None, "", 0)
            for level in self.paragraph_levels(None, sid, tbl_style):
                fold_ppr(probe, level)
            base = {name: getattr(probe, name) for name in PPR_FIELDS}
            self._para_cache[key] = base
        for name, value in base.items():
            setattr(para, name, value)
        if ppr is not None:
            fold_ppr(para, ppr)

    # --- run properties ------------------------------------------------------------------------
    def run_props(self, rpr: Element | None, tbl_style: str | None, sid: str | None) -> dict[str, Any]:
        char_style = None
        if rpr is not None and rpr.find(w("rStyle")) is not None:
            char_style = rpr.find(w("rStyle")).get(w("val"))  # type: ignore[union-attr]
        props = dict(self._style_props(tbl_style, sid, char_style))
        if rpr is not None:
            self.fold(props, rpr)
        return props

    def _style_props(self, tbl_style: str | None, sid: str | None, char_style: str | None) -> dict[str, Any]:
        """Run properties that come from styles, resolved once per combination of styles."""
        key = (tbl_style, sid, char_style)
        if key in self._run_cache:
            return self._run_cache[key]
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
        levels += [s.find(w("rPr")) for s in reversed(self.chain(tbl_style))]
        levels += [s.find(w("rPr")) for s in reversed(self.chain(sid))]
        for level in levels:
            if level is not None:
                self.fold(props, level)
        char = char_style or self.default.get("character")
        if char:
            # toggle properties of a character style switch the paragraph's value (ECMA-376 §17.7.3)
            toggles = dict.fromkeys(_TOGGLE_KEYS, False)
            for style in reversed(self.chain(char)):
                level = style.find(w("rPr"))
                if level is not None:
                    before = {name: props[name] for name in _TOGGLE_KEYS}
                    self.fold(props, level)
                    for name in _TOGGLE_KEYS:
                        toggles[name] = props[name] if props[name] != before[name] else toggles[name]
                        props[name] = before[name]
            for name in _TOGGLE_KEYS:
                if toggles[name]:
                    props[name] = not props[name]
        self._run_cache[key] = props
        return props

    def fold(self, props: dict[str, Any], rpr: Element) -> None:
        """Apply one rPr element over ``props``."""
        for tag, name in (("b", "bold"), ("i", "italic"), ("caps", "caps"), ("smallCaps", "small_caps")):
            value = flag(rpr, tag)
            if value is not None:
                props[name] = value
        sz = rpr.find(w("sz"))
        if sz is not None and sz.get(w("val")):
            half_points = twips(sz.get(w("val")), int(MAX_SIZE * 2))
            props["size"] = max(half_points, 1) / 2
        fonts = rpr.find(w("rFonts"))
        if fonts is not None:
            props["fonts"] = dict(props["fonts"])
            for slot in SLOTS:
                if fonts.get(w(_THEME_SLOT[slot])):
                    props["fonts"][slot] = self.theme_font(fonts.get(w(_THEME_SLOT[slot]), ""))
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

    # --- numbering -----------------------------------------------------------------------------
    def number_label(self, levels: list[Element]) -> str:
        """The text automatic numbering shows in front of a paragraph ("I.", "1.", "-"), counting as it goes."""
        if self.numbering is None:
            return ""
        num_id, ilvl = None, 0
        for ppr in levels:
            num = ppr.find(w("numPr"))
            if num is None:
                continue
            if num.find(w("numId")) is not None:
                num_id = num.find(w("numId")).get(w("val"))  # type: ignore[union-attr]
            if num.find(w("ilvl")) is not None:
                ilvl = twips(num.find(w("ilvl")).get(w("val")), 8)  # type: ignore[union-attr]
        if not num_id or num_id == "0":
            return ""
        ilvl = max(ilvl, 0)
        definition = self.level(num_id, ilvl)
        if definition is None:
            return ""
        fmt, pattern, start = definition
        counters = self._counters.setdefault(num_id, [])
        while len(counters) <= ilvl:
            counters.append(0)
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else start
        del counters[ilvl + 1 :]
        if fmt == "bullet":
            return "-" if pattern.strip() in ("", "-", "–", "\uf02d") else "•"
        if fmt == "none":
            return pattern.replace("%", "")

        def value(match: re.Match[str]) -> str:
            level = int(match[1]) - 1
            number = counters[level] if 0 <= level < len(counters) else 1
            level_def = self.level(num_id, level)
            return format_number(number, level_def[0] if level_def else "decimal")

        return re.sub(r"%(\d)", value, pattern)

    def level(self, num_id: str, ilvl: int) -> tuple[str, str, int] | None:
        """(format, text, start) of one level of a numbering definition."""
        key = (num_id, ilvl)
        if key not in self._levels:
            self._levels[key] = self._read_level(num_id, ilvl)
        return self._levels[key]

    def _read_level(self, num_id: str, ilvl: int) -> tuple[str, str, int] | None:
        num = self._nums.get(num_id)
        if num is None:
            return None
        abstract_id = num.find(w("abstractNumId"))
        start_override = None
        for override in num.findall(w("lvlOverride")):
            start = override.find(w("startOverride"))
            if twips(override.get(w("ilvl"))) == ilvl and start is not None:
                start_override = twips(start.get(w("val")), 10**6)
        if abstract_id is None:
            return None
        abstract = self._abstracts.get(abstract_id.get(w("val"), ""))
        if abstract is None:
            return None
        level = next((lv for lv in abstract.findall(w("lvl")) if twips(lv.get(w("ilvl"))) == ilvl), None)
        if level is None:
            return None
        fmt = level.find(w("numFmt"))
        text = level.find(w("lvlText"))
        start = level.find(w("start"))
        return (
            fmt.get(w("val"), "decimal") if fmt is not None else "decimal",
            (text.get(w("val"), "") if text is not None else "")[:MAX_LABEL],  # Word shows a short label
            start_override or (twips(start.get(w("val")), 10**6) if start is not None else 1),
        )


def fold_ppr(para: Para, ppr: Element) -> None:
    """Apply one pPr element over a paragraph's properties."""
    jc = ppr.find(w("jc"))
    if jc is not None:
        para.jc = jc.get(w("val"))
    spacing = ppr.find(w("spacing"))
    if spacing is not None:
        if spacing.get(w("before")) is not None:
            para.before = twips(spacing.get(w("before")))
        if spacing.get(w("after")) is not None:
            para.after = twips(spacing.get(w("after")))
        if spacing.get(w("beforeLines")) is not None:
            para.before = twips(spacing.get(w("beforeLines"))) * 240 // 100
        if spacing.get(w("afterLines")) is not None:
            para.after = twips(spacing.get(w("afterLines"))) * 240 // 100
        if spacing.get(w("line")) is not None:
            para.line = twips(spacing.get(w("line")))
            para.line_rule = spacing.get(w("lineRule"), "auto")
    ind = ppr.find(w("ind"))
    if ind is not None:
        for attr, key in (("left", "ind_left"), ("start", "ind_left"), ("right", "ind_right"), ("end", "ind_right")):
            if ind.get(w(attr)) is not None:
                setattr(para, key, twips(ind.get(w(attr))))
        if ind.get(w("firstLine")) is not None:
            para.first_line, para.hanging = twips(ind.get(w("firstLine"))), 0
        if ind.get(w("hanging")) is not None:
            para.hanging, para.first_line = twips(ind.get(w("hanging"))), 0
        if ind.get(w("firstLineChars")) is not None:
            para.first_line_chars = twips(ind.get(w("firstLineChars")))
    for tag, name in (
        ("contextualSpacing", "contextual"),
        ("pageBreakBefore", "page_break"),
        ("keepNext", "keep_next"),
        ("keepLines", "keep_lines"),
        ("widowControl", "widow_control"),
    ):
        value = flag(ppr, tag)
        if value is not None:
            setattr(para, name, value)
    borders = ppr.find(w("pBdr"))
    if borders is not None:
        for side, key in (("bottom", "border_bottom"), ("top", "border_top")):
            edge = borders.find(w(side))
            if edge is not None:
                style = edge.get(w("val"))
                setattr(para, key, None if style in ("nil", "none") else (style, twips(edge.get(w("sz")))))


def _theme_fonts(theme: Element | None) -> dict[str, str]:
    fonts: dict[str, str] = {}
    if theme is None:
        return fonts
    for kind in ("major", "minor"):
        node = theme.find(f".//{{{A}}}{kind}Font")
        if node is None:
            continue
        for script, key in (("latin", "HAnsi"), ("ea", "EastAsia"), ("cs", "Bidi")):
            face = node.find(f"{{{A}}}{script}")
            if face is not None and face.get("typeface"):
                fonts[f"{kind}{key}"] = face.get("typeface", "")
        if f"{kind}HAnsi" in fonts:
            fonts[f"{kind}Ascii"] = fonts[f"{kind}HAnsi"]
    return fonts


def format_number(number: int, fmt: str) -> str:
    from ..text import la_ma

    if fmt in ("upperRoman", "lowerRoman") and 0 < number < 4000:
        return la_ma(number) if fmt == "upperRoman" else la_ma(number).lower()
    if fmt in ("upperLetter", "lowerLetter") and number > 0:
        letter = chr(ord("a") + (number - 1) % 26) * min((number - 1) // 26 + 1, 10)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalZero":
        return f"{number:02d}"
    return str(number)
