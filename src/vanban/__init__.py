"""vanban: plans and reports of Vietnamese state agencies under Nghị định 30/2020/NĐ-CP.

    >>> import vanban
    >>> plan = vanban.load_ke_hoach("examples/ke-hoach-19-KH-SKHCN-2024.yaml")   # doctest: +SKIP
    >>> vanban.render(plan, "ke-hoach-19.docx")                                 # doctest: +SKIP

Everything a script uses is exported here; the modules whose names start with ``_`` are the
implementation. Names load on first use, so ``import vanban`` stays light: python-docx, docxtpl
and lxml are imported only when something is rendered, read or checked.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from . import _deprecated

__version__ = "0.2.0"

_EXPORTS = {
    "Bang": "vanban.models",
    "BaoCao": "vanban.models",
    "BatchResult": "vanban._batch",
    "CanCu": "vanban.models",
    "Change": "vanban._derive",
    "CheckProfile": "vanban._checker",
    "CheckResult": "vanban._checker",
    "ChiTieu": "vanban.models",
    "ChiTieuDat": "vanban.models",
    "CoQuan": "vanban.models",
    "DocxError": "vanban._docx",
    "DongViec": "vanban.models",
    "FontWarning": "vanban._pdf",
    "Finding": "vanban._checker",
    "FixResult": "vanban._checker",
    "HoatDong": "vanban.models",
    "InputError": "vanban._errors",
    "KeHoach": "vanban.models",
    "KetQuaNhiemVu": "vanban.models",
    "Khoan": "vanban.models",
    "KyBaoCao": "vanban.models",
    "LinhVuc": "vanban.models",
    "MergeResult": "vanban._thu_thap",
    "MucKhac": "vanban.models",
    "MucKhacBaoCao": "vanban.models",
    "NgayDuThao": "vanban.models",
    "NguoiKy": "vanban.models",
    "NguoiNhan": "vanban.models",
    "NhanTruong": "vanban.models",
    "NhiemVu": "vanban.models",
    "NhomNhiemVu": "vanban.models",
    "NoiNhan": "vanban.models",
    "OBang": "vanban.models",
    "ParseNote": "vanban._parse",
    "ParseResult": "vanban._parse",
    "PhuLuc": "vanban.models",
    "PhuLucVanBan": "vanban.models",
    "RenderError": "vanban._errors",
    "ReportWarning": "vanban._derive",
    "RuleStatus": "vanban._checker",
    "SoKyHieu": "vanban.models",
    "Template": "vanban._render",
    "TemplateError": "vanban._errors",
    "ThoiGian": "vanban.models",
    "TienDoKy": "vanban.models",
    "TienDoNhiemVu": "vanban.models",
    "TieuDeBaoCao": "vanban.models",
    "TieuDeKeHoach": "vanban.models",
    "VanBan": "vanban.models",
    "VanBanDanChieu": "vanban.models",
    "VanbanError": "vanban._errors",
    "VanbanWarning": "vanban._errors",
    "WriteError": "vanban._errors",
    "changes_json": "vanban._derive",
    "changes_markdown": "vanban._derive",
    "annotate": "vanban._checker",
    "check": "vanban._checker",
    "draft_report": "vanban._derive",
    "fix": "vanban._checker",
    "json_schema": "vanban._io",
    "list_rules": "vanban._checker",
    "load": "vanban._io",
    "load_bao_cao": "vanban._io",
    "load_ke_hoach": "vanban._io",
    "load_profile": "vanban._checker",
    "load_progress": "vanban._tien_do",
    "merge_progress": "vanban._thu_thap",
    "next_year": "vanban._derive",
    "parse": "vanban._parse",
    "parse_detailed": "vanban._parse",
    "progress_forms": "vanban._thu_thap",
    "render": "vanban._render",
    "render_batch": "vanban._batch",
    "render_bytes": "vanban._render",
    "save": "vanban._io",
    "to_pdf": "vanban._pdf",
    "to_yaml": "vanban._io",
    "template_docx": "vanban._templates",
    "validate": "vanban._io",
    "write_all": "vanban._files",
}
#: vanban 0.1 names that still work, with a DeprecationWarning.
_OLD = {"quarterly_report": "vanban._derive"}

__all__ = [
    "Bang",
    "BaoCao",
    "BatchResult",
    "CanCu",
    "Change",
    "CheckProfile",
    "CheckResult",
    "ChiTieu",
    "ChiTieuDat",
    "CoQuan",
    "DocxError",
    "DongViec",
    "Finding",
    "FixResult",
    "FontWarning",
    "HoatDong",
    "InputError",
    "KeHoach",
    "KetQuaNhiemVu",
    "Khoan",
    "KyBaoCao",
    "LinhVuc",
    "MergeResult",
    "MucKhac",
    "MucKhacBaoCao",
    "NgayDuThao",
    "NguoiKy",
    "NguoiNhan",
    "NhanTruong",
    "NhiemVu",
    "NhomNhiemVu",
    "NoiNhan",
    "OBang",
    "ParseNote",
    "ParseResult",
    "PhuLuc",
    "PhuLucVanBan",
    "RenderError",
    "ReportWarning",
    "RuleStatus",
    "SoKyHieu",
    "Template",
    "TemplateError",
    "ThoiGian",
    "TienDoKy",
    "TienDoNhiemVu",
    "TieuDeBaoCao",
    "TieuDeKeHoach",
    "VanBan",
    "VanBanDanChieu",
    "VanbanError",
    "VanbanWarning",
    "WriteError",
    "__version__",
    "annotate",
    "changes_json",
    "changes_markdown",
    "check",
    "draft_report",
    "fix",
    "json_schema",
    "list_rules",
    "load",
    "load_bao_cao",
    "load_ke_hoach",
    "load_profile",
    "load_progress",
    "merge_progress",
    "next_year",
    "parse",
    "parse_detailed",
    "progress_forms",
    "render",
    "render_batch",
    "render_bytes",
    "save",
    "template_docx",
    "to_pdf",
    "to_yaml",
    "validate",
    "write_all",
]

if TYPE_CHECKING:
    from ._batch import BatchResult, render_batch
    from ._checker import (
        CheckProfile,
        CheckResult,
        Finding,
        FixResult,
        RuleStatus,
        annotate,
        check,
        fix,
        list_rules,
        load_profile,
    )
    from ._derive import Change, ReportWarning, changes_json, changes_markdown, draft_report, next_year
    from ._docx import DocxError
    from ._errors import InputError, RenderError, TemplateError, VanbanError, VanbanWarning, WriteError
    from ._files import write_all
    from ._io import json_schema, load, load_bao_cao, load_ke_hoach, save, to_yaml, validate
    from ._parse import ParseNote, ParseResult, parse, parse_detailed
    from ._pdf import FontWarning, to_pdf
    from ._render import Template, render, render_bytes
    from ._templates import template_docx
    from ._thu_thap import MergeResult, merge_progress, progress_forms
    from ._tien_do import load_progress
    from .models import (
        Bang,
        BaoCao,
        CanCu,
        ChiTieu,
        ChiTieuDat,
        CoQuan,
        DongViec,
        HoatDong,
        KeHoach,
        KetQuaNhiemVu,
        Khoan,
        KyBaoCao,
        LinhVuc,
        MucKhac,
        MucKhacBaoCao,
        NgayDuThao,
        NguoiKy,
        NguoiNhan,
        NhanTruong,
        NhiemVu,
        NhomNhiemVu,
        NoiNhan,
        OBang,
        PhuLuc,
        PhuLucVanBan,
        SoKyHieu,
        ThoiGian,
        TienDoKy,
        TienDoNhiemVu,
        TieuDeBaoCao,
        TieuDeKeHoach,
        VanBan,
        VanBanDanChieu,
    )


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name) or _OLD.get(name)
    if module is None:
        raise AttributeError(f"module 'vanban' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    if name in _EXPORTS:
        globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__


_deprecated.install()
