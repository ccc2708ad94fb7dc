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


#: The kinds a clerk names a template by.
LOAI_MAU = {"ke-hoach": "KH", "ke_hoach": "KH", "kh": "KH", "bao-cao": "BC", "bao_cao": "BC", "bc": "BC"}


def template_docx(loai: str = "ke-hoach") -> bytes:
    """The bundled Word template of a plan (``ke-hoach``) or a report (``bao-cao``), to edit in Word and pass back
    with ``--template`` / ``vanban.render(model, path, template=…)``."""
    code = LOAI_MAU.get(loai.strip().lower())
    if code is None:
        raise TemplateError(f"không có mẫu '{loai}'; chọn: ke-hoach, bao-cao")
    return template_path(code).read_bytes()
