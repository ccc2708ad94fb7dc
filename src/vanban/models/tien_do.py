"""Progress on a plan's tasks, period by period, as agencies track it (YAML, CSV or a spreadsheet)."""

from __future__ import annotations

import math
from typing import Any

from pydantic import Field, field_validator, model_validator

from ._common import MAX_SO_LUONG, VBModel
from .bao_cao import KyBaoCao, TrangThai, parse_trang_thai


def _paragraphs(value: Any) -> Any:
    if value is None:
        return []
    if isinstance(value, str):
        return [line for line in (part.strip() for part in value.splitlines()) if line]
    return value


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
        if isinstance(value, (int, float)):
            return {"1": value}
        if isinstance(value, list):
            return {str(index + 1): item for index, item in enumerate(value) if item is not None}
        if isinstance(value, dict):
            return {str(key): item for key, item in value.items()}
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
    """Progress of every reported task in one period, keyed by the task's number in the plan."""

    ky: KyBaoCao
    nhiem_vu: dict[int, TienDoNhiemVu] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _keys(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("nhiem_vu"), dict):
            tasks = {}
            for key, value in data["nhiem_vu"].items():
                try:
                    number = int(str(key).strip().rstrip("."))
                except ValueError:
                    raise ValueError(f"nhiem_vu: khóa '{key}' phải là số thứ tự nhiệm vụ (1, 2, …)") from None
                tasks[number] = value if value is not None else {}
            data = {**data, "nhiem_vu": tasks}
        return data
