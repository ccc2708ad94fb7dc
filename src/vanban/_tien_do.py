"""Read progress data from YAML/JSON, CSV or an Excel .xlsx sheet into :class:`TienDoKy` values.

A spreadsheet has one row per task (or per task and target) with these columns (Vietnamese
headings with or without diacritics are accepted): ``ky`` (kỳ), ``nhiem_vu`` (mã nhiệm vụ: ``2``,
``1.3``, ``PL-5``), ``chi_tieu`` (đơn vị tính, when a task has several targets), ``dat`` (số đạt được
trong kỳ), ``trang_thai`` (tình trạng), ``ket_qua``, ``kho_khan``, ``de_xuat``, ``chi_dao`` (văn bản,
hội nghị, kiểm tra of the period). A row with no task is about the period as a whole.
"""

from __future__ import annotations

import csv
import io
import math
import os
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import text
from ._errors import InputError
from ._files import read_text
from ._io import describe_error, float_as_written, read_data
from ._xlsx import MAX_COLUMNS, MAX_ROWS, open_workbook, sheet_rows
from .models._common import MAX_SO_LUONG
from .models.bao_cao import KyBaoCao, _plain, parse_trang_thai
from .models.tien_do import TienDoKy, task_key

#: The columns a progress table may have, each with the headings it is known by (plain: no diacritics, words
#: joined by "_"), most specific first; a heading names one column only.
COLUMNS: dict[str, tuple[str, ...]] = {
    "ky": ("ky", "ky_bao_cao"),
    "nhiem_vu": ("ma", "ma_nhiem_vu", "stt", "tt", "so_tt", "so", "nhiem_vu"),
    "ten": ("nhiem_vu", "ten_nhiem_vu", "noi_dung"),
    "chi_tieu": ("don_vi_tinh", "don_vi", "chi_tieu"),
    "so_chi_tieu": ("chi_tieu", "so_chi_tieu", "ke_hoach"),
    "dat": ("dat", "so_dat", "dat_duoc", "so_luong_dat", "so_dat_duoc"),
    "trang_thai": ("trang_thai", "tinh_trang"),
    "ket_qua": ("ket_qua", "ket_qua_dat_duoc", "ket_qua_thuc_hien"),
    "kho_khan": ("kho_khan", "kho_khan_vuong_mac", "ton_tai"),
    "de_xuat": ("de_xuat", "kien_nghi", "de_xuat_kien_nghi"),
    "chi_dao": (
        "chi_dao",
        "chi_dao_dieu_hanh",
        "cong_tac_chi_dao",
        "van_ban",
        "van_ban_ban_hanh",
        "van_ban_da_ban_hanh",
    ),
}


def heading(title: Any) -> str:
    """A column title as plain words: ``Khó khăn, vướng mắc`` → ``kho_khan_vuong_mac``."""
    return re.sub(r"[\W_]+", "_", _plain(str(title or ""))).strip("_")[:80]


def columns(titles: list[Any]) -> dict[str, int]:
    """Where each known column is, from a header row; each title used once, the most specific name first."""
    plain = [heading(title) for title in titles]
    found: dict[str, int] = {}
    for name, aliases in COLUMNS.items():
        for alias in aliases:
            index = next((i for i, t in enumerate(plain) if t == alias and i not in found.values()), None)
            if index is not None:
                found[name] = index
                break
    return found


def load_progress(path: str | os.PathLike[str], ky: KyBaoCao | None = None) -> list[TienDoKy]:
    """Progress periods from a file; rows without a period take ``ky``."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml", ".json"):
        return _from_data(read_data(path), ky, str(path))
    if suffix == ".csv":
        return load_rows(_csv_rows(path), ky, str(path))
    if suffix == ".xlsx":
        book = open_workbook(path)
        try:
            rows = list(sheet_rows(book.worksheets[0], str(path)))
        finally:
            book.close()
        return load_rows(rows, ky, str(path))
    raise InputError("tiến độ chỉ đọc từ tệp .yaml, .yml, .json, .csv hoặc .xlsx", source=str(path))


def _from_data(data: Any, ky: KyBaoCao | None, source: str) -> list[TienDoKy]:
    periods = data if isinstance(data, list) else [data]
    out = []
    for index, original in enumerate(periods):
        if not isinstance(original, dict):
            raise InputError(f"mục {index + 1}: cần nhóm trường 'ky' và 'nhiem_vu'", source=source)
        period = dict(original)
        if period.get("ky") in (None, ""):
            if ky is None:
                raise InputError("thiếu 'ky' (kỳ báo cáo, ví dụ: quý I năm 2024)", source=source)
            period["ky"] = ky.model_dump()
        elif not isinstance(period["ky"], str):
            raise InputError(f"kỳ báo cáo '{period['ky']}' phải viết bằng chữ, như: quý I năm 2024", source=source)
        elif ky is not None and not re.search(r"\d{4}", period["ky"]):
            period["ky"] = f"{period['ky']} năm {ky.nam}"
        period.setdefault("nguon", source)
        if isinstance(period.get("nhiem_vu"), dict):
            period["nhiem_vu"] = _task_keys(period["nhiem_vu"], source)
        try:
            out.append(TienDoKy.__pydantic_validator__.validate_python(_plain_data(period)))
        except ValidationError as exc:
            details = [describe_error(e, original) for e in exc.errors(include_url=False)]
            raise InputError(f"tiến độ sai ({len(details)} lỗi)", source=source, details=details) from None
    return out


def _task_keys(tasks: dict[Any, Any], source: str) -> dict[str, Any]:
    """The tasks of a period by key as written (YAML's 1.10 is task 1.10, not 1.1), each once, figures read."""
    out: dict[str, Any] = {}
    for raw, entry in tasks.items():
        key = task_key(_typed(raw))
        if not key:
            raise InputError(f"{_line(tasks, raw)}mã nhiệm vụ '{raw}' không hợp lệ (1, 2, 1.3, PL-5)", source=source)
        if key in out:
            raise InputError(f"{_line(tasks, raw)}nhiệm vụ '{key}' ghi hai lần", source=source)
        out[key] = _figures(entry, key, source)
    return out


def _figures(entry: Any, task: Any, source: str) -> Any:
    """A task's ``dat`` read the Vietnamese way, as the clerk typed it (YAML's 1.000 is a thousand)."""
    if not isinstance(entry, dict) or entry.get("dat") is None:
        return entry
    value = entry["dat"]
    line = _line(entry, "dat")
    where = f"{source}: {line}nhiệm vụ {task}, dat"
    figures: Any
    if isinstance(value, dict):
        figures = {k: _number(_typed(v), f"{where} '{k}'") for k, v in value.items()}
    elif isinstance(value, list):
        figures = [_number(_typed(v), f"{where} (mục {i + 1})") for i, v in enumerate(value)]
    else:
        figures = _number(_typed(value), where)
    return {**entry, "dat": figures}


def _line(data: Any, key: Any) -> str:
    """``dòng 7, `` where a YAML mapping has ``key`` (empty when not known)."""
    try:
        return f"dòng {data.lc.value(key)[0] + 1}, "
    except (AttributeError, KeyError, TypeError):
        return ""


def _typed(value: Any) -> Any:
    """A YAML number as it was written (``1.000``, ``12.500``, ``1.10``), so it is read like a figure in a cell;
    hexadecimal, octal or binary numbers are refused."""
    from ruamel.yaml.scalarfloat import ScalarFloat
    from ruamel.yaml.scalarint import BinaryInt, HexInt, OctalInt

    if isinstance(value, (BinaryInt, HexInt, OctalInt)):
        return {HexInt: f"0x{value:x}", OctalInt: f"0o{value:o}"}.get(type(value), f"0b{value:b}")  # refused as text
    if isinstance(value, ScalarFloat) and (written := float_as_written(value)) is not None:
        return written
    return value


def _plain_data(data: Any) -> Any:
    if isinstance(data, dict):
        return {str(k) if not isinstance(k, int) else k: _plain_data(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain_data(v) for v in data]
    return data


def _csv_rows(path: Path) -> list[list[Any]]:
    """The rows of a CSV file (UTF-8, or Windows-1258 as Excel saves it; comma, semicolon or tab)."""
    raw = read_text(path, windows=True)
    try:
        dialect: Any = csv.Sniffer().sniff(raw[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows: list[list[Any]] = []
    reader = csv.reader(io.StringIO(raw), dialect)
    try:
        for row in reader:
            if len(rows) >= MAX_ROWS:
                raise InputError(f"tệp có hơn {text.so(MAX_ROWS)} dòng", source=str(path))
            rows.append(row[:MAX_COLUMNS])
    except csv.Error as exc:
        raise InputError(f"dòng {reader.line_num}: CSV hỏng hoặc có ô quá dài ({exc})", source=str(path)) from None
    return rows


def _number(value: Any, where: str) -> int | float | None:
    """A figure: a number as Excel stores it, or Vietnamese digits ("1.000" is a thousand, "12,5" twelve and a half)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise InputError(f"{where}: số đạt được '{value}' không phải là số")
    if isinstance(value, (int, float)):
        if not math.isfinite(value) or abs(value) > MAX_SO_LUONG:
            raise InputError(f"{where}: số đạt được '{value}' không hợp lệ (quá lớn hoặc không hữu hạn)")
        number: int | float = int(value) if float(value).is_integer() else value
    else:
        try:
            number = text.tu_so(value)
        except ValueError as exc:
            raise InputError(f"{where}: số đạt được {exc}") from None
    if number < 0:
        raise InputError(f"{where}: số đạt được {text.so(number)} âm")
    return number


def load_rows(rows: list[list[Any]], ky: KyBaoCao | None, source: str) -> list[TienDoKy]:
    """Progress periods from a table's rows: the header is the first row naming the task column (title rows above
    it are skipped); rows without a period take ``ky``; a task row that says nothing is no data."""
    numbered = [(line, row) for line, row in enumerate(rows, start=1) if any(cell not in (None, "") for cell in row)]
    if not numbered:
        raise InputError("bảng tiến độ trống", source=source)
    start = next((n for n, (_, row) in enumerate(numbered[:10]) if "nhiem_vu" in columns(row)), None)
    if start is None:
        raise InputError(
            f"dòng {numbered[0][0]}: thiếu cột 'nhiem_vu' (mã hoặc số thứ tự nhiệm vụ: STT, Mã, Nhiệm vụ)",
            source=source,
        )
    header_line, header = numbered[start]
    positions = columns(header)
    for index, title in enumerate(header):
        if heading(title) and index not in positions.values():
            twice = any(heading(header[used]) == heading(title) for used in positions.values())
            reason = "ghi hai lần" if twice else "không hiểu"
            raise InputError(f"dòng {header_line}: cột '{title}' {reason}", source=source)

    def where(line: int, name: str) -> str:
        column = positions[name]
        return f"dòng {line}, cột {_column_name(column)} ({header[column]})"

    periods: dict[str, dict[str, Any]] = {}
    seen: dict[tuple[str, str, str], int] = {}
    for line, row in numbered[start + 1 :]:

        def cell(name: str, row: list[Any] = row) -> Any:
            index = positions.get(name)
            value = row[index] if index is not None and index < len(row) else None
            return value.strip() if isinstance(value, str) else value

        period = _period_of(cell("ky"), ky, line, where, source)
        whole = periods.setdefault(str(period), {"nhiem_vu": {}, "chi_dao": [], "kho_khan": [], "de_xuat": []})
        task_id = cell("nhiem_vu")
        if task_id in (None, ""):  # a row for the period as a whole: its documents, difficulties, proposals
            if any(cell(name) not in (None, "") for name in ("dat", "trang_thai", "ket_qua")):
                raise InputError(f"dòng {line}: có số liệu nhưng thiếu mã nhiệm vụ", source=source)
            for name in ("chi_dao", "kho_khan", "de_xuat"):
                if cell(name):
                    whole[name].append(str(cell(name)))
            continue
        key = _row_key(task_id, line, source)
        entry = whole["nhiem_vu"].setdefault(key, {"dat": {}, "ket_qua": [], "kho_khan": [], "de_xuat": []})
        achieved = _number(cell("dat"), f"{source}: {where(line, 'dat')}") if "dat" in positions else None
        if achieved is not None:
            target = str(cell("chi_tieu") or "1")
            if (str(period), key, target) in seen:
                raise InputError(
                    f"dòng {line}: nhiệm vụ {key} đã có số đạt được ở dòng {seen[str(period), key, target]}"
                    + (f" (chỉ tiêu '{target}')" if target != "1" else "")
                    + "; mỗi chỉ tiêu một số mỗi kỳ",
                    source=source,
                )
            seen[str(period), key, target] = line
            entry["dat"][target] = achieved
        if cell("trang_thai"):
            status = _status(cell("trang_thai"), f"{where(line, 'trang_thai')}", source)
            if entry.get("trang_thai") not in (None, status):
                raise InputError(
                    f"dòng {line}: nhiệm vụ {key} có hai tình trạng khác nhau trong {period}", source=source
                )
            entry["trang_thai"] = status
        for name in ("ket_qua", "kho_khan", "de_xuat"):
            if cell(name):
                entry[name].append(str(cell(name)))
        if cell("chi_dao"):
            whole["chi_dao"].append(str(cell("chi_dao")))
    for content in periods.values():
        content["nhiem_vu"] = {
            key: entry
            for key, entry in content["nhiem_vu"].items()
            if entry["dat"] or entry.get("trang_thai") or entry["ket_qua"] or entry["kho_khan"] or entry["de_xuat"]
        }
    data = [{"ky": period, **content} for period, content in periods.items()]
    return _from_data(data, ky, source)


def _period_of(value: Any, ky: KyBaoCao | None, line: int, where: Any, source: str) -> KyBaoCao:
    if value in (None, ""):
        if ky is None:
            raise InputError(f"dòng {line}: thiếu kỳ báo cáo (cột 'ky' hoặc tùy chọn --ky)", source=source)
        return ky
    if not isinstance(value, str):
        raise InputError(
            f"{where(line, 'ky')}: kỳ báo cáo '{value}' phải viết bằng chữ, như: quý I năm 2024", source=source
        )
    try:
        return KyBaoCao.from_words(value, ky.nam if ky else None)
    except InputError as exc:
        raise InputError(f"{where(line, 'ky')}: {exc}", source=source) from None


def _row_key(task_id: Any, line: int, source: str) -> str:
    if isinstance(task_id, float) and not task_id.is_integer():
        raise InputError(
            f"dòng {line}: mã nhiệm vụ {task_id} là một số (Excel bỏ số 0 ở cuối: 1.10 thành 1.1); "
            "định dạng ô là Văn bản (Text) rồi ghi lại mã",
            source=source,
        )
    key = task_key(task_id)
    if not key or key.lower() in ("inf", "nan"):
        raise InputError(f"dòng {line}: mã nhiệm vụ '{task_id}' không hợp lệ (1, 2, 1.3, PL-5)", source=source)
    return key


def _status(value: Any, where: str, source: str) -> str:
    try:
        return str(parse_trang_thai(str(value)))
    except ValueError as exc:
        raise InputError(f"{where}: {exc}", source=source) from None


def _column_name(index: int) -> str:
    """A, B, …, Z, AA, …: the column as a spreadsheet shows it."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name
