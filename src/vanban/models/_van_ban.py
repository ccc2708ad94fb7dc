"""The frame every typed administrative document shares: header block, opening, signature, recipients."""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal

from pydantic import Field, field_validator, model_validator

from ._common import (
    LOAI_VAN_BAN,
    CanCu,
    CoQuan,
    NgayDuThao,
    NguoiKy,
    NoiNhan,
    SoKyHieu,
    VBModel,
    parse_date,
)


class Khoan(VBModel):
    """A titled khoản (``1. Công tác triển khai``) with its paragraphs; numbered when rendered."""

    tieu_de: str
    doan: list[str] = Field(default_factory=list)


class VanBan(VBModel):
    """Fields of ô 1-9 of Nghị định 30/2020/NĐ-CP common to plans and reports."""

    LOAI: ClassVar[str] = ""
    TEN_LOAI: ClassVar[str] = ""
    GIU_DONG = frozenset({"trich_yeu"})

    co_quan: CoQuan
    so_ky_hieu: SoKyHieu
    dia_danh: str = Field(min_length=1, description="Địa danh ghi trước ngày ban hành, ví dụ: Lạng Sơn.")
    ngay_ban_hanh: date | NgayDuThao | None = Field(
        default=None, description="Ngày ban hành (31/01/2024); dự thảo: {nam: 2025, thang: 12} hoặc bỏ trống."
    )
    trich_yeu: str = Field(min_length=1, description="Trích yếu; xuống dòng ở đâu thì văn bản xuống dòng ở đó.")
    can_cu: list[CanCu] = Field(default_factory=list)
    trinh_bay_can_cu: Literal["moi_dong", "gop", "gop_mo_dau"] = Field(
        default="moi_dong",
        description="moi_dong: mỗi căn cứ một đoạn; gop: các căn cứ chung một đoạn; "
        "gop_mo_dau: căn cứ và lời mở đầu chung một đoạn.",
    )
    mo_dau: list[str] = Field(default_factory=list, description="Lời mở đầu (… như sau:).")
    ket_luan: str | None = Field(default=None, description="Đoạn kết (Trên đây là …./.).")
    nguoi_ky: NguoiKy
    noi_nhan: NoiNhan

    @field_validator("ngay_ban_hanh", mode="before")
    @classmethod
    def _date(cls, value: object) -> object:
        return parse_date(value)

    @field_validator("trich_yeu")
    @classmethod
    def _trim_lines(cls, value: str) -> str:
        return "\n".join(line.strip() for line in value.splitlines() if line.strip())

    @model_validator(mode="after")
    def _type_code(self) -> VanBan:
        """The ký hiệu starts with the type's code (KH-, BC-). A first group that is no type code at all
        (``ĐKT-SCT`` of an inspection team's report) is kept as written: the checker reports it."""
        code = self.so_ky_hieu.loai
        if self.LOAI and code != self.LOAI and code in LOAI_VAN_BAN:
            known = LOAI_VAN_BAN.get(code)
            was = f" (mã của {known})" if known else ""
            raise ValueError(
                f"so_ky_hieu: ký hiệu '{self.so_ky_hieu.ky_hieu}' phải bắt đầu bằng {self.LOAI}- "
                f"vì đây là {self.TEN_LOAI.lower()}, không phải {code}{was}"
            )
        return self

    @property
    def nam_ban_hanh(self) -> int | None:
        """The year of the issue date, if known."""
        if isinstance(self.ngay_ban_hanh, date):
            return self.ngay_ban_hanh.year
        if isinstance(self.ngay_ban_hanh, NgayDuThao):
            return self.ngay_ban_hanh.nam
        return None
