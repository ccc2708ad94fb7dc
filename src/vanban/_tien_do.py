"""Read progress data from YAML/JSON, CSV or an Excel .xlsx sheet into :class:`TienDoKy` values.

A spreadsheet has one row per task (or per task and target) with these columns (Vietnamese
headings with or without diacritics are accepted): ``ky`` (kỳ), ``nhiem_vu`` (số thứ tự
nhiệm vụ), ``chi_tieu`` (đơn vị tính, when a task has several targets), ``dat`` (số đạt được
trong kỳ), ``trang_thai`` (tình trạng), ``ket_qua``, ``kho_khan``, ``de_xuat``.
"""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ._errors import InputError
from ._files import read_text
from ._io import describe_error, read_data
from .models.bao_cao import KyBaoCao, _plain
from .models.tien_do import TienDoKy

COLUMNS: dict[str, tuple[str, ...]] = {
    "ky": ("ky", "ky_bao_cao"),
    "nhiem_vu": ("nhiem_vu", "tt", "stt", "so_tt", "so"),
    "chi_tieu": ("chi_tieu", "don_vi", "don_vi_tinh"),
    "dat": ("dat", "so_dat", "dat_duoc", "so_luong_dat", "so_dat_duoc"),
    "trang_thai": ("trang_thai", "tinh_trang"),
    "ket_qua": ("ket_qua", "ket_qua_dat_duoc"),
    "kho_khan": ("kho_khan", "kho_khan_vuong_mac", "ton_tai"),
    "de_xuat": ("de_xuat", "kien_nghi", "de_xuat_kien_nghi"),
}


def load_progress(path: str | os.PathLike[str], ky: KyBaoCao | None = None) -> list[TienDoKy]:
    """Progress periods from a file; rows without a period take ``ky``."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml", ".json"):
        return _from_data(read_data(path), ky, str(path))
    if suffix == ".csv":
        text = read_text(path)
        sample = text[:2048]
        try:
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        rows = list(csv.reader(io.StringIO(text), dialect))
        return _from_rows(rows, ky, str(path))
    if suffix == ".xlsx":
        return _from_rows(_xlsx_rows(path), ky, str(path))
    raise InputError("tiến độ chỉ đọc từ tệp .yaml, .yml, .json, .csv hoặc .xlsx", source=str(path))


def _from_data(data: Any, ky: KyBaoCao | None, source: str) -> list[TienDoKy]:
    periods = data if isinstance(data, list) else [data]
    out = []
    for index, period in enumerate(periods):
        if not isinstance(period, dict):
            raise InputError(f"mục {index + 1}: cần nhóm trường 'ky' và 'nhiem_vu'", source=source)
        period = dict(period)
        if period.get("ky") is None:
            if ky is None:
                raise InputError("thiếu 'ky' (kỳ báo cáo, ví dụ: quý I năm 2024)", source=source)
            period["ky"] = ky.model_dump()
        elif ky is not None and isinstance(period["ky"], str) and not re.search(r"\d{4}", period["ky"]):
            period["ky"] = f"{period['ky']} năm {ky.nam}"
        try:
            out.append(TienDoKy.model_validate(_plain_data(period)))
        except ValidationError as exc:
            details = [describe_error(e, data if isinstance(data, dict) else period) for e in exc.errors()]
            raise InputError("tiến độ sai", source=source, details=details) from None
    return out


def _plain_data(data: Any) -> Any:
    if isinstance(data, dict):
        return {str(k) if not isinstance(k, int) else k: _plain_data(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain_data(v) for v in data]
    return data


def _xlsx_rows(path: Path) -> list[list[Any]]:
    try:
        from openpyxl import load_workbook
    except ImportError:  # pragma: no cover - openpyxl is a dependency
        raise InputError("cần gói openpyxl để đọc .xlsx (pip install openpyxl)", source=str(path)) from None
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise InputError("không tìm thấy tệp", source=str(path)) from None
    except Exception as exc:  # openpyxl raises many kinds for a broken workbook
        raise InputError(f"không đọc được bảng tính: {exc}", source=str(path)) from None
    sheet = book.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    book.close()
    return rows


def _number(value: Any, where: str) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, (int, float)):
        return value
    raw = str(value).strip().replace(" ", "")
    if "," in raw and "." in raw:
        raw = raw.replace(".", "").replace(",", ".")
    elif "," in raw:
        raw = raw.replace(",", ".")
    try:
        number = float(raw)
    except ValueError:
        raise InputError(f"{where}: số đạt được '{value}' không phải là số") from None
    return int(number) if number.is_integer() else number


def _from_rows(rows: list[list[Any]], ky: KyBaoCao | None, source: str) -> list[TienDoKy]:
    rows = [row for row in rows if any(cell not in (None, "") for cell in row)]
    if not rows:
        raise InputError("bảng tiến độ trống", source=source)
    header = [_plain(str(cell or "")) for cell in rows[0]]
    positions: dict[str, int] = {}
    for name, aliases in COLUMNS.items():
        for index, title in enumerate(header):
            if title in aliases:
                positions.setdefault(name, index)
    if "nhiem_vu" not in positions:
        raise InputError("dòng 1: thiếu cột 'nhiem_vu' (số thứ tự nhiệm vụ)", source=source)
    unknown = [rows[0][i] for i, title in enumerate(header) if title and not any(title in a for a in COLUMNS.values())]
    if unknown:
        raise InputError(f"dòng 1: cột không hiểu: {', '.join(map(str, unknown))}", source=source)
    periods: dict[str, dict[str, Any]] = {}
    for line, row in enumerate(rows[1:], start=2):

        def cell(name: str, row: list[Any] = row) -> Any:
            index = positions.get(name)
            value = row[index] if index is not None and index < len(row) else None
            return value.strip() if isinstance(value, str) else value

        period = cell("ky") or (str(ky) if ky else None)
        if not period:
            raise InputError(f"dòng {line}: thiếu kỳ báo cáo (cột 'ky' hoặc tùy chọn --ky)", source=source)
        if ky is not None and not re.search(r"\d{4}", str(period)):
            period = f"{period} năm {ky.nam}"
        task_id = cell("nhiem_vu")
        try:
            number = int(float(str(task_id).strip().rstrip(".")))
        except (TypeError, ValueError):
            raise InputError(f"dòng {line}: số nhiệm vụ '{task_id}' phải là số (1, 2, …)", source=source) from None
        entry = periods.setdefault(str(period), {}).setdefault(
            number, {"dat": {}, "ket_qua": [], "kho_khan": [], "de_xuat": []}
        )
        achieved = _number(cell("dat"), f"{source}: dòng {line}")
        if achieved is not None:
            target = str(cell("chi_tieu") or "1")
            entry["dat"][target] = entry["dat"].get(target, 0) + achieved
        if cell("trang_thai"):
            entry["trang_thai"] = cell("trang_thai")
        for name in ("ket_qua", "kho_khan", "de_xuat"):
            if cell(name):
                entry[name].append(str(cell(name)))
    data = [{"ky": period, "nhiem_vu": tasks} for period, tasks in periods.items()]
    return _from_data(data, ky, source)
