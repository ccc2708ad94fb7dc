"""The zip package of a DOCX, read and written with bounds: no member, and no document as a whole,
may inflate past a cap; XML is parsed without DTDs or entities; external relationships are never followed.
"""

from __future__ import annotations

import io
import os
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO, TypeAlias

from lxml import etree

from .._errors import InputError
from .._files import read_bytes

Element: TypeAlias = etree._Element

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"

MAX_FILE = 256 * 1024 * 1024  # the .docx itself
MAX_PART = 24 * 1024 * 1024  # one XML part, uncompressed (about 700 pages of text)
MAX_XML = 48 * 1024 * 1024  # all the XML parsed for one document (a parsed tree takes about 20 times its size)
MAX_MEMBER = 128 * 1024 * 1024  # any other member (a picture), uncompressed
MAX_TOTAL = 256 * 1024 * 1024  # everything inflated while reading or writing one document
MAX_RATIO = 1000  # compressed → uncompressed, beyond which a large member is a bomb
MAX_MEMBERS = 5000
_CHUNK = 1024 * 1024
_UNSAFE_XML = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


class DocxError(InputError):
    """A file that cannot be read as a Word document, with the reason in Vietnamese."""


def xml_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def parse_xml(data: bytes) -> Element:
    return etree.fromstring(data, xml_parser())


def serialize(root: Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def safe_name(name: str) -> bool:
    """A member name that stays inside the package when unpacked."""
    if not name or name.startswith(("/", "\\")) or "\\" in name or "\x00" in name or re.match(r"^[A-Za-z]:", name):
        return False
    return ".." not in name.split("/")


def source_bytes(source: str | os.PathLike[str] | bytes | IO[bytes], limit: int = MAX_FILE) -> tuple[bytes, str]:
    """The bytes of a DOCX given as a path, bytes or a binary file object, and a name for messages."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        data, name = bytes(source), "<bytes>"
    elif isinstance(source, (str, os.PathLike)):
        data, name = read_bytes(source, limit=limit, error=DocxError), str(source)
    elif hasattr(source, "read"):
        name = str(getattr(source, "name", "<file>"))
        data = source.read(limit + 1)
        if not isinstance(data, (bytes, bytearray)):
            raise TypeError("open_docx: cần tệp mở ở chế độ nhị phân ('rb')")
    else:
        raise TypeError(f"cần đường dẫn, bytes hoặc tệp nhị phân, không phải {type(source).__name__}")
    if not data:
        raise DocxError("tệp rỗng", source=name)
    if len(data) > limit:
        raise DocxError("tệp quá lớn", source=name)
    return bytes(data), name


class Package:
    """The members of a DOCX package, each read at most once, within the caps."""

    def __init__(self, data: bytes, name: str) -> None:
        self.name = name
        self._inflated = 0
        self._parsed = 0
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError):
            raise DocxError("không phải tệp Word .docx (không đọc được như tệp nén zip)", source=name) from None
        if len(infos) > MAX_MEMBERS:
            raise DocxError(f"tệp có quá nhiều thành phần ({len(infos)})", source=name)
        self.members: dict[str, zipfile.ZipInfo] = {}
        for info in infos:  # the first of duplicate names wins; unsafe names are never read or written
            if safe_name(info.filename) and info.filename not in self.members:
                self.members[info.filename] = info
        self.names = set(self.members)
        self.parts: dict[str, Element] = {}
        self.dirty: set[str] = set()

    def error(self, message: str) -> DocxError:
        return DocxError(message, source=self.name)

    def _chunks(self, name: str, limit: int) -> Iterator[bytes]:
        info = self.members[name]
        if info.file_size > limit or (
            info.file_size > 4 * _CHUNK and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        ):
            raise self.error(f"phần '{name}' quá lớn khi giải nén (nghi là zip bomb)")
        size = 0
        try:
            with self.zip.open(info) as stream:
                while chunk := stream.read(_CHUNK):
                    size += len(chunk)
                    self._inflated += len(chunk)
                    if size > limit or self._inflated > MAX_TOTAL:
                        raise self.error("tệp quá lớn khi giải nén (nghi là zip bomb)")
                    yield chunk
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError):
            raise self.error(f"tệp bị hỏng hoặc bị cắt cụt (phần '{name}' không giải nén được)") from None

    def read(self, name: str, limit: int = MAX_PART) -> bytes:
        """One member's bytes, never more than ``limit`` once inflated."""
        return b"".join(self._chunks(name, limit))

    def xml(self, name: str | None, optional: bool = False) -> Element | None:
        """An XML part, parsed once; no DTD, no entity is ever read."""
        if name is None:
            return None
        if name in self.parts:
            return self.parts[name]
        if name not in self.members:
            if optional:
                return None
            raise self.error(f"tài liệu thiếu phần '{name}'")
        data = self.read(name)
        self._parsed += len(data)
        if self._parsed > MAX_XML:
            raise self.error(f"các phần XML quá lớn (hơn {MAX_XML // 1_048_576} MB khi giải nén): không đọc")
        if _UNSAFE_XML.search(data):
            raise self.error(f"phần '{name}' có khai báo DTD/thực thể: không an toàn, không đọc")
        try:
            root = parse_xml(data)
        except etree.XMLSyntaxError as exc:
            line = f" (dòng {exc.lineno})" if getattr(exc, "lineno", None) else ""
            raise self.error(f"phần '{name}' không phải XML hợp lệ{line}: tệp Word bị hỏng") from None
        if getattr(root.getroottree().docinfo, "doctype", ""):
            raise self.error(f"phần '{name}' có khai báo DTD: không an toàn, không đọc")
        self.parts[name] = root
        return root

    def need_xml(self, name: str) -> Element:
        root = self.xml(name)
        assert root is not None
        return root

    def rels(self, part: str) -> dict[str, tuple[str, str]]:
        """Relationships of a part: id → (type, target member); external targets are left out."""
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", f"{base}.rels"), optional=True)
        out: dict[str, tuple[str, str]] = {}
        for rel in root if root is not None else ():
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "").replace("\\", "/")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], path)
        return out

    def main_part(self) -> str:
        if "[Content_Types].xml" not in self.members:
            raise self.error("tệp không phải tài liệu Word (thiếu [Content_Types].xml)")
        for kind, target in self.rels("").values():
            if kind == "officeDocument" and target in self.members:
                return target
        if "word/document.xml" in self.members:
            return "word/document.xml"
        raise self.error("tệp không phải tài liệu Word (thiếu word/document.xml)")

    def verify(self) -> None:
        """Read every member through the caps, and every XML part's header for a DTD (for a package another
        library will open, such as a custom template)."""
        for name in self.members:
            for index, chunk in enumerate(self._chunks(name, MAX_MEMBER)):
                if index == 0 and name.endswith((".xml", ".rels")) and _UNSAFE_XML.search(chunk):
                    raise self.error(f"phần '{name}' có khai báo DTD/thực thể: không an toàn, không đọc")

    # --- writing ------------------------------------------------------------------------------
    def touch(self, part: str) -> None:
        self.dirty.add(part)

    def part_of(self, element: Element) -> str:
        """The package part an element belongs to."""
        root = element.getroottree().getroot()
        for name, tree in self.parts.items():
            if tree is root:
                return name
        raise KeyError("phần tử không thuộc tài liệu")

    def add_part(self, name: str, root: Element, content_type: str) -> None:
        """A new XML part (e.g. a header), registered in [Content_Types].xml."""
        self.parts[name] = root
        self.dirty.add(name)
        types = self.need_xml("[Content_Types].xml")
        override = etree.SubElement(types, f"{{{CONTENT_TYPES}}}Override")
        override.set("PartName", "/" + name)
        override.set("ContentType", content_type)
        self.touch("[Content_Types].xml")

    def relate(self, source: str, kind: str, target: str) -> str:
        """Add a relationship from ``source`` to ``target`` (relative to the source's folder); returns its id."""
        folder, base = posixpath.split(source)
        name = posixpath.join(folder, "_rels", f"{base}.rels")
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
        return f"rIdVanban{number}"

    def to_bytes(self) -> bytes:
        """The package with every edited part written back and every other member copied as it is.

        Members stream through the same caps as reading; unsafe or duplicate member names are dropped.
        """
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for name, info in self.members.items():
                copy = zipfile.ZipInfo(name, date_time=info.date_time)
                copy.compress_type = zipfile.ZIP_DEFLATED
                copy.external_attr = 0o644 << 16
                if name in self.dirty:
                    target.writestr(copy, serialize(self.parts[name]))
                    continue
                with target.open(copy, "w") as stream:
                    for chunk in self._chunks(name, MAX_MEMBER):
                        stream.write(chunk)
            for name in sorted(self.dirty - self.names):
                target.writestr(name, serialize(self.parts[name]))
        return out.getvalue()


def open_package(source: str | os.PathLike[str] | bytes | IO[bytes]) -> Package:
    data, name = source_bytes(source)
    return Package(data, name)
