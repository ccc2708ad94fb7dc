"""Find the bundled Word templates, in an installed wheel or in a source checkout."""

from __future__ import annotations

from pathlib import Path

from ._errors import TemplateError

_HERE = Path(__file__).resolve().parent
_PLACES = (_HERE / "templates", _HERE.parents[1] / "templates")

#: Template file for each type code of a ký hiệu.
TEMPLATE_FILES = {"KH": "ke_hoach.docx", "BC": "bao_cao.docx"}


def template_dir() -> Path:
    """The folder that holds the bundled templates."""
    for place in _PLACES:
        if (place / "ke_hoach.docx").is_file():
            return place
    raise TemplateError("không tìm thấy thư mục mẫu 'templates/' (cài đặt vanban bị thiếu tệp)")


def template_path(code: str) -> Path:
    """The bundled template for a document type code (KH, BC, …)."""
    try:
        name = TEMPLATE_FILES[code]
    except KeyError:
        raise TemplateError(f"chưa có mẫu cho loại văn bản '{code}'") from None
    return template_dir() / name
