"""A Word template made ready to fill: its Jinja sources and measured facts (:class:`Prepared`), and for vanban's
own templates the compiled form built with the package, so a process does not pay for python-docx, docxtpl's
XML clean-up and the Jinja compiler before its first document.

The cache sits beside the bundled template (``ke_hoach.docx`` → ``ke_hoach.jinja.json`` and
``ke_hoach.<python tag>.marshal``), written by ``scripts/build_templates.py``; it is used only when it names the
template's SHA-256, this Jinja version and this cache format, and its code object only under the Python that
wrote it. Otherwise the template is prepared and compiled in memory as any other.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import sys
from pathlib import Path
from types import CodeType
from typing import Any, NamedTuple

#: Bump when what :func:`vanban._prepare.prepare` or the Jinja environment makes of a template changes.
FORMAT = 1


class Header(NamedTuple):
    """The two columns of a template's header table, which the renderer sizes for each document."""

    left: int
    right: int
    margin: int
    date_size: float


class Part(NamedTuple):
    """A header or footer part to fill: its relationship id, its zip member, Jinja source and encoding."""

    key: str
    member: str
    source: str
    encoding: str


class Prepared(NamedTuple):
    """A template as Jinja sources with what rendering needs to know of its layout."""

    room: dict[str, tuple[int, float, bool]]
    header: Header | None
    body: str
    parts: list[Part]

    def sources(self) -> list[str]:
        return [self.body, *(part.source for part in self.parts)]


def _paths(template: Path) -> tuple[Path, Path]:
    stem = template.with_suffix("")
    return stem.with_name(f"{stem.name}.jinja.json"), stem.with_name(
        f"{stem.name}.{sys.implementation.cache_tag}.marshal"
    )


def _key(data: bytes) -> dict[str, Any]:
    import jinja2

    return {"format": FORMAT, "template": hashlib.sha256(data).hexdigest(), "jinja": jinja2.__version__}


def load(template: Path, data: bytes) -> tuple[Prepared, list[str], list[CodeType] | None] | None:
    """The cached preparation of a bundled template (with the Jinja sources as Python, and the code objects when
    this Python wrote them), or None when there is none for these bytes."""
    sources, compiled = _paths(template)
    try:
        saved = json.loads(sources.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    key = _key(data)
    if saved.get("key") != key:
        return None
    prepared = Prepared(
        {style: (int(w), float(size), bool(bold)) for style, (w, size, bold) in saved["room"].items()},
        Header(**saved["header"]) if saved["header"] else None,
        saved["body"],
        [Part(**part) for part in saved["parts"]],
    )
    codes: list[CodeType] | None = None
    try:
        stamp, codes = marshal.loads(compiled.read_bytes())
        if stamp != json.dumps(key, sort_keys=True) or len(codes) != len(saved["python"]):
            codes = None
    except (OSError, ValueError, EOFError, TypeError):
        codes = None
    return prepared, saved["python"], codes


def save(template: Path, data: bytes, prepared: Prepared, python: list[str]) -> list[Path]:
    """Write the cache of a bundled template (the build script's job); returns the files written."""
    sources, compiled = _paths(template)
    key = _key(data)
    saved = {
        "key": key,
        "room": prepared.room,
        "header": prepared.header._asdict() if prepared.header else None,
        "body": prepared.body,
        "parts": [part._asdict() for part in prepared.parts],
        "python": python,
    }
    sources.write_text(json.dumps(saved, ensure_ascii=False, indent=0), encoding="utf-8")
    codes = [compile(code, "<template>", "exec") for code in python]
    compiled.write_bytes(marshal.dumps((json.dumps(key, sort_keys=True), codes)))
    return [sources, compiled]
