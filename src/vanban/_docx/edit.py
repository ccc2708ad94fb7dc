"""Editing a document for the checker's safe fixes: properties set in schema order, text replaced across runs."""

from __future__ import annotations

import itertools
import re
from typing import Any

from lxml import etree

from .body import DocView
from .package import Element, parse_xml, serialize
from .styles import SLOTS, w
from .values import Para

__all__ = [
    "PPR_ORDER",
    "RPR_ORDER",
    "SECT_ORDER",
    "child",
    "new_element",
    "parse_xml",
    "properties",
    "replace_text",
    "serialize",
    "set_flag",
    "set_fonts",
    "set_size",
]


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


def child(parent: Element, name: str, order: list[str] | tuple[str, ...]) -> Element:
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


def properties(element: Element, tag: str) -> Element:
    """The ``rPr``/``pPr`` of a run or paragraph, created as its first child if missing."""
    found = element.find(w(tag))
    if found is None:
        found = etree.Element(w(tag))
        element.insert(0, found)
    return found


def set_flag(rpr: Element, name: str, value: bool) -> None:
    """Set a toggle property (b, i, …) and its complex-script twin explicitly on or off."""
    for tag in (name, f"{name}Cs") if name in ("b", "i") else (name,):
        node = child(rpr, tag, RPR_ORDER)
        if value:
            node.attrib.pop(w("val"), "")
        else:
            node.set(w("val"), "0")


def set_fonts(rpr: Element, font: str) -> None:
    """All four font slots set to ``font``; theme references and hints removed."""
    node = child(rpr, "rFonts", RPR_ORDER)
    for attribute in map(str, list(node.attrib)):
        if "Theme" in attribute or "theme" in attribute or attribute.endswith("}hint"):
            del node.attrib[attribute]
    for slot in SLOTS:
        node.set(w(slot), font)


def set_size(rpr: Element, size: float) -> None:
    for tag in ("sz", "szCs"):
        child(rpr, tag, RPR_ORDER).set(w("val"), str(int(round(size * 2))))


def new_element(name: str, **attributes: str) -> Element:
    element = etree.Element(w(name))
    for key, value in attributes.items():
        element.set(w(key), value)
    return element


def replace_text(doc: DocView, para: Para, pattern: str, repl: Any) -> bool:
    """Substitute in a paragraph's text across run boundaries, keeping each run's formatting.

    Each replacement goes into the text node where its match starts; the rest of the
    match is cut from the following nodes.
    """
    nodes = [t for r in para.runs if r.element is not None for t in r.element.findall(w("t"))]
    texts = [t.text or "" for t in nodes]
    lengths = [len(text) for text in texts]
    starts = [0, *itertools.accumulate(lengths)][:-1]
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
    if para.element is not None:
        doc.touch(para.element)
    return True
    return True
