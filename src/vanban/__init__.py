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
    "CheckResult": "vanban.checker",
    "ChiTieu": "vanban.models",
    "CoQuan": "vanban.models",
    "Finding": "vanban.checker",
    "HoatDong": "vanban.models",
    "InputError": "vanban.errors",
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
    "RenderError": "vanban.errors",
    "SoKyHieu": "vanban.models",
    "Template": "vanban.renderer",
    "TemplateError": "vanban.errors",
    "ThoiGian": "vanban.models",
    "TienDoKy": "vanban.models",
    "VanBanDanChieu": "vanban.models",
    "VanbanError": "vanban.errors",
    "check": "vanban.checker",
    "json_schema": "vanban.io",
    "load": "vanban.io",
    "load_progress": "vanban.tien_do",
    "next_year": "vanban.derive",
    "parse": "vanban.parsing",
    "quarterly_report": "vanban.derive",
    "render": "vanban.renderer",
    "render_batch": "vanban.batch",
    "render_bytes": "vanban.renderer",
    "save": "vanban.io",
    "to_pdf": "vanban.pdf",
    "validate": "vanban.io",
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
    from .batch import render_batch
    from .checker import CheckResult, Finding, check
    from .derive import next_year, quarterly_report
    from .errors import InputError, RenderError, TemplateError, VanbanError
    from .io import json_schema, load, save, validate
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
    from .parsing import parse
    from .pdf import to_pdf
    from .renderer import Template, render, render_bytes
    from .tien_do import load_progress


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'vanban' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
