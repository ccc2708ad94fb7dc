"""Read a DOCX straight from its XML (zipfile + lxml), independently of vanban's own code.

Paragraph and run properties are resolved the way Word does for what the tests need:
docDefaults, then the paragraph style chain (basedOn), then direct formatting.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def q(name: str) -> str:
    return f"{{{W}}}{name}"


@dataclass
class Para:
    text: str
    style: str | None
    props: dict[str, object] = field(default_factory=dict)
    runs: list[tuple[str, dict[str, object]]] = field(default_factory=list)
    element: object = None
    in_table: bool = False


class Docx:
    def __init__(self, data: bytes):
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        self.parts = {name: self.zip.read(name) for name in self.zip.namelist()}
        self.document = etree.fromstring(self.parts["word/document.xml"])
        self.styles = etree.fromstring(self.parts["word/styles.xml"])
        self._style_by_id = {s.get(q("styleId")): s for s in self.styles.iter(q("style"))}

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.parts[name])

    # --- properties -------------------------------------------------------------
    @staticmethod
    def _read_ppr(ppr, out: dict) -> None:
        if ppr is None:
            return
        jc = ppr.find(q("jc"))
        if jc is not None:
            out["jc"] = jc.get(q("val"))
        spacing = ppr.find(q("spacing"))
        if spacing is not None:
            for key in ("before", "after", "line", "lineRule"):
                if spacing.get(q(key)) is not None:
                    out[key] = spacing.get(q(key))
        ind = ppr.find(q("ind"))
        if ind is not None:
            for key in ("left", "right", "firstLine", "hanging"):
                if ind.get(q(key)) is not None:
                    out[key] = ind.get(q(key))
        border = ppr.find(f"{q('pBdr')}/{q('bottom')}")
        if border is not None:
            out["border_bottom"] = border.get(q("val"))
        if ppr.find(q("keepNext")) is not None:
            out["keepNext"] = True

    @staticmethod
    def _read_rpr(rpr, out: dict) -> None:
        if rpr is None:
            return
        for key in ("b", "i", "caps", "smallCaps"):
            el = rpr.find(q(key))
            if el is not None:
                out[key] = el.get(q("val"), "true") not in ("0", "false")
        sz = rpr.find(q("sz"))
        if sz is not None:
            out["size"] = int(sz.get(q("val"))) / 2
        fonts = rpr.find(q("rFonts"))
        if fonts is not None:
            for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
                if fonts.get(q(slot)) is not None:
                    out[slot] = fonts.get(q(slot))

    def style_props(self, style_id: str | None) -> dict:
        chain = []
        while style_id and style_id in self._style_by_id:
            style = self._style_by_id[style_id]
            chain.append(style)
            based = style.find(q("basedOn"))
            style_id = based.get(q("val")) if based is not None else None
        if not chain and "Normal" in self._style_by_id:
            chain.append(self._style_by_id["Normal"])
        out: dict = {}
        defaults = self.styles.find(q("docDefaults"))
        if defaults is not None:
            self._read_ppr(defaults.find(f"{q('pPrDefault')}/{q('pPr')}"), out)
            self._read_rpr(defaults.find(f"{q('rPrDefault')}/{q('rPr')}"), out)
        for style in reversed(chain):
            self._read_ppr(style.find(q("pPr")), out)
            self._read_rpr(style.find(q("rPr")), out)
        return out

    def paragraphs(self, root=None) -> list[Para]:
        root = self.document if root is None else root
        out = []
        for p in root.iter(q("p")):
            ppr = p.find(q("pPr"))
            style_el = ppr.find(q("pStyle")) if ppr is not None else None
            style = style_el.get(q("val")) if style_el is not None else None
            props = self.style_props(style)
            self._read_ppr(ppr, props)
            runs = []
            for r in p.iter(q("r")):
                run_props = dict(props)
                self._read_rpr(r.find(q("rPr")), run_props)
                pieces = r.iter(q("t"), q("br"), q("tab"))
                text = "".join({q("br"): "\n", q("tab"): "\t"}.get(t.tag) or t.text or "" for t in pieces)
                runs.append((text, run_props))
            text = "".join(t for t, _ in runs)
            in_table = any(a.tag == q("tbl") for a in p.iterancestors())
            out.append(Para(text, style, props, runs, p, in_table))
        return out

    def text_lines(self) -> list[str]:
        """The lines a reader sees: one a paragraph, and one more at each line break inside it."""
        return [line for p in self.paragraphs() for line in (p.text.split("\n") if p.text else [p.text])]

    def part_texts(self, prefix: str) -> list[tuple[str, str]]:
        """(name, text) of every part whose name starts with ``word/<prefix>`` (``header``, ``footer``)."""
        out = []
        for name in sorted(self.parts):
            if name.startswith(f"word/{prefix}") and name.endswith(".xml"):
                root = self.xml(name)
                out.append((name, "".join(t.text or "" for t in root.iter(q("t")))))
        return out

    def run_fonts(self) -> list[tuple[str, str | None]]:
        """(text, hAnsi font) of every run of the body that holds text, as written on the run."""
        out = []
        for run in self.document.iter(q("r")):
            text = "".join(t.text or "" for t in run.iter(q("t")))
            fonts = run.find(f"{q('rPr')}/{q('rFonts')}")
            if text.strip():
                out.append((text, fonts.get(q("hAnsi")) if fonts is not None else None))
        return out
