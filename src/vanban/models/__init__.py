"""The typed model of administrative documents (pydantic v2). It knows nothing of DOCX."""

from ._common import (
    LOAI_VAN_BAN,
    QUYEN_HAN,
    CanCu,
    CoQuan,
    NgayDuThao,
    NguoiKy,
    NguoiNhan,
    NoiNhan,
    SoKyHieu,
    ThoiGian,
    VanBanDanChieu,
)
from ._van_ban import Khoan, VanBan
from .ke_hoach import (
    ChiTieu,
    HoatDong,
    KeHoach,
    LinhVuc,
    NhanTruong,
    NhiemVu,
    NhomNhiemVu,
    PhuLuc,
    TieuDeKeHoach,
)

#: Model class for each type code of a ký hiệu that vanban can load and render.
MODELS: dict[str, type[VanBan]] = {"KH": KeHoach}

__all__ = [
    "LOAI_VAN_BAN",
    "MODELS",
    "QUYEN_HAN",
    "CanCu",
    "ChiTieu",
    "CoQuan",
    "HoatDong",
    "KeHoach",
    "Khoan",
    "LinhVuc",
    "NgayDuThao",
    "NguoiKy",
    "NguoiNhan",
    "NhanTruong",
    "NhiemVu",
    "NhomNhiemVu",
    "NoiNhan",
    "PhuLuc",
    "SoKyHieu",
    "ThoiGian",
    "TieuDeKeHoach",
    "VanBan",
    "VanBanDanChieu",
]
