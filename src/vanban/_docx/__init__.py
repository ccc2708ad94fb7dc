"""The one place that reads (and, for the checker's fixes, edits) a DOCX, as a small package by job:
``package`` the bounded zip and XML, ``styles`` effective formatting, ``body`` the walk in reading order,
``values`` what it yields, ``edit`` the few changes safe fixes make."""

from .body import DocView, open_docx
from .package import DocxError, Element, W
from .styles import SLOTS, twips, w
from .values import Cell, HeaderFooter, Line, Para, Run, Section, Table

__all__ = [
    "SLOTS",
    "W",
    "Cell",
    "DocView",
    "DocxError",
    "Element",
    "HeaderFooter",
    "Line",
    "Para",
    "Run",
    "Section",
    "Table",
    "open_docx",
    "twips",
    "w",
]
