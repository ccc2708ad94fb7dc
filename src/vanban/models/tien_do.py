"""Progress on a plan's tasks, period by period, as agencies track it (YAML, CSV or a spreadsheet)."""

from __future__ import annotations

import math
import re
from typing import Any

from pydantic import Field, field_validator, model_validator

from vanban import text

from ._common import MAX_SO_LUONG, VBModel
from .bao_cao import KyBaoCao, TrangThai, parse_trang_thai


def _paragraphs(value: Any) -> Any:
    if value is None:
        return []
    if isinstance(value, str):
        return [line for line in (part.strip() for part in value.splitlines()) if line]
    return value


def _figure(value: Any) -> Any:
    """Digits as a Vietnamese clerk writes them ("1.000" is a thousand, "12,5" twelve and a half)."""
    return text.tu_so(value) if isinstance(value, str) else value


class TienDoNhiemVu(VBModel):
    """What happened to one task in one period."""

    trang_thai: TrangThai | None = Field(
        default=None, description="hoàn thành, đang thực hiện, chậm tiến độ, chưa triển khai."
    )
    dat: dict[str, float] = Field(
        default_factory=dict,
        description="Số đạt được trong kỳ theo từng chỉ tiêu (khóa: đơn vị tính của chỉ tiêu, hoặc số thứ tự 1, 2…); "
        "một con số nếu nhiệm vụ chỉ có một chỉ tiêu.",
    )
    ket_qua: list[str] = Field(default_factory=list)
    kho_khan: list[str] = Field(default_factory=list)
    de_xuat: list[str] = Field(default_factory=list)

    _status = field_validator("trang_thai", mode="before")(parse_trang_thai)
    _texts = field_validator("ket_qua", "kho_khan", "de_xuat", mode="before")(_paragraphs)

    @field_validator("dat", mode="before")
    @classmethod
    def _achieved(cls, value: Any) -> Any:
        if value is None or value == "":
            return {}
        if isinstance(value, (int, float, str)):
            value = [value]
        if isinstance(value, list):
            value = {str(index + 1): item for index, item in enumerate(value) if item is not None}
        if isinstance(value, dict):
            return {str(key): _figure(item) for key, item in value.items()}
        return value

    @field_validator("dat")
    @classmethod
    def _not_negative(cls, value: dict[str, float]) -> dict[str, float]:
        for key, number in value.items():
            if number < 0:
                raise ValueError(f"số đạt được của chỉ tiêu '{key}' không được âm")
            if not math.isfinite(number) or number > MAX_SO_LUONG:
                raise ValueError(f"số đạt được của chỉ tiêu '{key}' quá lớn hoặc không phải số hữu hạn: {number}")
        return value


class TienDoKy(VBModel):
    """Progress in one period: each reported task, keyed by its identity in the plan (``NhiemVu.ma``: ``2``,
    ``1.3``, ``PL-5``; a plain number is the task's place in the plan), and what the period brought as a whole."""

    ky: KyBaoCao
    nhiem_vu: dict[str, TienDoNhiemVu] = Field(default_factory=dict)
    chi_dao: list[str] = Field(
        default_factory=list,
        description="Công tác chỉ đạo, điều hành trong kỳ: văn bản đã ban hành, hội nghị, kiểm tra.",
    )
    kho_khan: list[str] = Field(default_factory=list, description="Khó khăn, vướng mắc chung của kỳ.")
    de_xuat: list[str] = Field(default_factory=list, description="Đề xuất, kiến nghị chung của kỳ.")
    nguon: str | None = Field(default=None, description="Tệp số liệu (để báo lỗi đúng chỗ).")

    _texts = field_validator("chi_dao", "kho_khan", "de_xuat", mode="before")(_paragraphs)

    @model_validator(mode="before")
    @classmethod
    def _keys(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("nhiem_vu"), dict):
            tasks = {}
            for key, value in data["nhiem_vu"].items():
                name = task_key(key)
                if not name:
                    raise ValueError(f"nhiem_vu: khóa '{key}' phải là mã hoặc số thứ tự nhiệm vụ (1, 2, 1.3, PL-5)")
                tasks[name] = value if value is not None else {}
            data = {**data, "nhiem_vu": tasks}
        return data

    @property
    def noi(self) -> str:
        """The period, with the file it came from (for messages)."""
        return f"{self.ky}" + (f" (tệp {self.nguon})" if self.nguon else "")


def task_key(key: Any) -> str:
    """A task's key as written in progress data: ``2``, ``2.0`` (a spreadsheet's number), ``1.3``, ``PL-5``."""
    if isinstance(key, bool):
        return ""
    if isinstance(key, float) and key.is_integer():
        key = int(key)
    value = str(key).strip().rstrip(".")
    if re.fullmatch(r"\d+\.0", value):
        value = value[:-2]
    return value if re.fullmatch(r"[\w.\-]{1,20}", value) else ""
