"""The words of a Word document, read straight from its XML (zipfile + lxml), independently of vanban.

The tests use it to judge vanban: which words of a source document survive parsing and re-rendering.
Counted: body paragraphs, table cells (nested too), text boxes (once, when Word also stores a VML
fallback), field results and footnotes. Not counted: headers, footers, endnotes, comments, deleted or
moved-away tracked text, field instructions and symbols.
"""

from __future__ import annotations

import io
import os
import posixpath
import re
import unicodedata
import zipfile
import zlib
from collections import Counter

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
LIMIT = 64 * 1024 * 1024  # largest part read, uncompressed

_WORD = re.compile(r"[^\W_]+")  # letters and digits; "_" is \w but not a letter (blank "____" lines)
# A typed list label ("I.", "1.2.", "1.2", "a)", "đ.") at the start of a paragraph; "1.000" is a number, not a label.
_LABEL = re.compile(
    r"^\s*(?:(?:[IVXLCDM]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)](?!\d)|\d{1,2}(?:\.\d{1,2})+(?=\s))\s*", re.IGNORECASE
)
_SKIPPED = {W + name for name in "del moveFrom txbxContent instrText delText delInstrText pPr rPr footnoteRef".split()}
_GAPS = {W + name for name in "tab ptab br cr sym noBreakHyphen footnoteReference endnoteReference".split()}
_GONE = {W + "del", W + "moveFrom"}  # a paragraph (in a text box) under these is not shown


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# Fixed parts of the decree's layout (matched on NFC, casefolded paragraph text).
_PHRASES = [
    re.compile(_nfc(r"(?<!\S)cộng h(?:òa|oà) xã hội chủ nghĩa việt nam(?!\S)")),
    re.compile(_nfc(r"(?<!\S)độc lập tự do hạnh phúc(?!\S)")),
]
_LINES = [
    (re.compile(_nfc(pattern)), _nfc(words).split())
    for pattern, words in (
        (r"^\s*số\s*[:.]", "số"),
        (r",\s*ngày\b.*\btháng\b.*\bnăm\b", "ngày tháng năm"),
        (r"^\W*kính\s+gửi\b", "kính gửi"),
    )
]
_RECEIVERS = re.compile(_nfc(r"^\W*nơi\s+nhận\b"))
# "- Lưu: VT, …"; after the Nơi nhận label also "- Lưu Ban …" without the colon.
_KEPT, _KEPT_ANYWHERE = re.compile(_nfc(r"^\W*lưu\b(?!\s*ý\b)")), re.compile(_nfc(r"^\W*lưu\s*:"))


_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng
# Old-style tone placement at the end of a word ("hoà", "khoẻ", "thuỷ") and the new one ("hòa", "khỏe",
# "thủy") are one word spelled two ways: both are counted in the new style.
_OLD_STYLE = re.compile(f"(?<![qQ])([oOuU])([aAeEyY])([{_TONES}])$")


def _one_tone_style(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return _nfc(_OLD_STYLE.sub(r"\1\3\2", decomposed))


def tokens(text: str) -> list[str]:
    """The words of ``text`` in order: NFC, casefolded, maximal runs of letters and digits, one tone style."""
    return [_one_tone_style(word) for word in _WORD.findall(_nfc(_nfc(text).casefold()))]


def text_words(text: str) -> Counter[str]:
    """The multiset of words of a plain string (no list-label stripping)."""
    return Counter(tokens(text))


def share_found(source: Counter[str], target: Counter[str]) -> float:
    """Share of the source's words (with repeats) that the target also has."""
    total = sum(source.values())
    if not total:
        return 1.0
    return sum(min(count, target[word]) for word, count in source.items()) / total


def added(source: Counter[str], target: Counter[str]) -> Counter[str]:
    """Words of the target beyond those of the source (multiset difference)."""
    return target - source


def docx_words(source: bytes | str | os.PathLike[str], *, fixed_layout: bool = False) -> Counter[str]:
    """The multiset of words of a DOCX (bytes or path); ``fixed_layout`` drops the decree's fixed words once."""
    body, notes = _paragraphs(source)
    words: Counter[str] = Counter()
    for text in body + notes:
        words.update(tokens(_LABEL.sub("", text, count=1)))
    if fixed_layout:
        words -= _fixed_words(body)
    return words


def _fixed_words(body: list[str]) -> Counter[str]:
    texts = [_nfc(_nfc(text).casefold()) for text in body]
    sequence = " ".join(" ".join(tokens(text)) for text in texts)
    found: list[str] = []
    for phrase in _PHRASES:
        match = phrase.search(sequence)
        if match:
            found += match.group().split()
    for pattern, words in _LINES:
        if any(pattern.search(text) for text in texts):
            found += words
    receivers = next((i for i, text in enumerate(texts) if _RECEIVERS.search(text)), None)
    if receivers is not None:
        found += ["nơi", "nhận"]
    kept = _KEPT_ANYWHERE if receivers is None else _KEPT
    if any(kept.search(text) for text in texts[receivers or 0 :]):
        found.append("lưu")
    return Counter(found)


# --- reading the package -------------------------------------------------------------------------
def _paragraphs(source: bytes | str | os.PathLike[str]) -> tuple[list[str], list[str]]:
    """The text of each shown paragraph of the main document, and of the footnotes."""
    try:
        with zipfile.ZipFile(io.BytesIO(bytes(source)) if isinstance(source, bytes | bytearray) else source) as zf:
            main = _target(zf, "", "/officeDocument", "word/document.xml")
            document = _xml(zf, main)
            if document is None or document.tag != W + "document":
                raise ValueError("not a Word document: no word/document.xml")
            folder, name = posixpath.split(main)
            rels = posixpath.join(folder, "_rels", name + ".rels")
            footnotes = _xml(zf, _target(zf, rels, "/footnotes", posixpath.join(folder, "footnotes.xml")))
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise ValueError(f"not a DOCX: {exc}") from None
    body = [_text(p) for p in document.iter(W + "p") if _shown(p)]
    notes = []
    if footnotes is not None:
        for note in footnotes.iter(W + "footnote"):
            if note.get(W + "type") or note.get(W + "id") in ("-1", "0"):
                continue  # separator and continuation-separator footnotes
            notes += [_text(p) for p in note.iter(W + "p") if _shown(p)]
    return body, notes


def _xml(zf: zipfile.ZipFile, name: str) -> etree._Element | None:
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    if info.file_size > LIMIT:
        raise ValueError(f"{name} is larger than {LIMIT} bytes uncompressed")
    with zf.open(info) as member:
        data = member.read(LIMIT + 1)
    if len(data) > LIMIT:
        raise ValueError(f"{name} is larger than {LIMIT} bytes uncompressed")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"{name} is not well-formed XML: {exc}") from None


def _target(zf: zipfile.ZipFile, rels: str, kind: str, default: str) -> str:
    """Where the relationship of type ``*kind`` in part ``rels`` points (package-relative)."""
    root = _xml(zf, rels or "_rels/.rels")
    for rel in root.iter(REL + "Relationship") if root is not None else ():
        if rel.get("Type", "").endswith(kind) and rel.get("TargetMode") != "External":
            base = posixpath.dirname(posixpath.dirname(rels)) if rels else ""
            return posixpath.normpath(posixpath.join(base, rel.get("Target", ""))).lstrip("/")
    return default


def _unused_branch(element: etree._Element) -> bool:
    """An mc:Fallback when a Choice exists, or a Choice after the first: Word shows the first Choice."""
    if element.tag not in (MC + "Fallback", MC + "Choice"):
        return False
    first = element.getparent().find(MC + "Choice")
    return first is not None and first is not element


def _shown(paragraph: etree._Element) -> bool:
    return not any(a.tag in _GONE or _unused_branch(a) for a in paragraph.iterancestors())


def _text(paragraph: etree._Element) -> str:
    """The paragraph's own text across runs (text boxes inside it are paragraphs of their own)."""
    parts: list[str] = []
    fields: list[bool] = []  # one per open complex field: True once its result (after "separate") starts

    def walk(element: etree._Element) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED or _unused_branch(child):
                continue
            if tag == W + "fldChar":
                kind = child.get(W + "fldCharType")
                if kind == "begin":
                    fields.append(False)
                elif kind == "separate" and fields:
                    fields[-1] = True
                elif kind == "end" and fields:
                    fields.pop()
            elif tag == W + "t":
                if all(fields):
                    parts.extend([child.text or "", *(node.tail or "" for node in child)])  # not unresolved entities
            elif tag in _GAPS:
                parts.append(" ")
            else:
                walk(child)

    walk(paragraph)
    return "".join(parts)
