"""vanban: plans and reports of Vietnamese state agencies under Nghị định 30/2020/NĐ-CP.

    >>> import vanban
    >>> plan = vanban.load("examples/ke-hoach-19-KH-SKHCN-2024.yaml")   # doctest: +SKIP
    >>> vanban.render(plan, "ke-hoach-19.docx")                          # doctest: +SKIP

Names are loaded on first use, so ``import vanban`` stays light: python-docx, docxtpl
and lxml are imported only when something is rendered.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "BaoCao": "vanban.models",
    "CanCu": "vanban.models",
    "CheckResult": "vanban._checker",
    "ChiTieu": "vanban.models",
    "CoQuan": "vanban.models",
    "Finding": "vanban._checker",
    "HoatDong": "vanban.models",
    "InputError": "vanban._errors",
    "KeHoach": "vanban.models",
    "Khoan": "vanban.models",
    "KyBaoCao": "vanban.models",
    "LinhVuc": "vanban.models",
    "NgayDuThao": "vanban.models",
    "NguoiKy": "vanban.models",
    "NguoiNhan": "vanban.models",
    "NhiemVu": "vanban.models",
    "NoiNhan": "vanban.models",
    "PhuLuc": "vanban.models",
    "RenderError": "vanban._errors",
    "SoKyHieu": "vanban.models",
    "Template": "vanban._render",
    "TemplateError": "vanban._errors",
    "ThoiGian": "vanban.models",
    "TienDoKy": "vanban.models",
    "VanBanDanChieu": "vanban.models",
    "VanbanError": "vanban._errors",
    "check": "vanban._checker",
    "json_schema": "vanban._io",
    "load": "vanban._io",
    "load_progress": "vanban._tien_do",
    "next_year": "vanban._derive",
    "parse": "vanban._parse",
    "quarterly_report": "vanban._derive",
    "render": "vanban._render",
    "render_batch": "vanban._batch",
    "render_bytes": "vanban._render",
    "save": "vanban._io",
    "to_pdf": "vanban._pdf",
    "validate": "vanban._io",
}

__all__ = [
    "BaoCao",
    "CanCu",
    "CheckResult",
    "ChiTieu",
    "CoQuan",
    "Finding",
    "HoatDong",
    "InputError",
    "KeHoach",
    "Khoan",
    "KyBaoCao",
    "LinhVuc",
    "NgayDuThao",
    "NguoiKy",
    "NguoiNhan",
    "NhiemVu",
    "NoiNhan",
    "PhuLuc",
    "RenderError",
    "SoKyHieu",
    "Template",
    "TemplateError",
    "ThoiGian",
    "TienDoKy",
    "VanBanDanChieu",
    "VanbanError",
    "__version__",
    "check",
    "json_schema",
    "load",
    "load_progress",
    "next_year",
    "parse",
    "quarterly_report",
    "render",
    "render_batch",
    "render_bytes",
    "save",
    "to_pdf",
    "validate",
]

if TYPE_CHECKING:
    from ._batch import render_batch
    from ._checker import CheckResult, Finding, check
    from ._derive import next_year, quarterly_report
    from ._errors import InputError, RenderError, TemplateError, VanbanError
    from ._io import json_schema, load, save, validate
    from ._parse import parse
    from ._pdf import to_pdf
    from ._render import Template, render, render_bytes
    from ._tien_do import load_progress
    from .models import (
        BaoCao,
        CanCu,
        ChiTieu,
        CoQuan,
        HoatDong,
        KeHoach,
        Khoan,
        KyBaoCao,
        LinhVuc,
        NgayDuThao,
        NguoiKy,
        NguoiNhan,
        NhiemVu,
        NoiNhan,
        PhuLuc,
        SoKyHieu,
        ThoiGian,
        TienDoKy,
        VanBanDanChieu,
    )


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'vanban' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
