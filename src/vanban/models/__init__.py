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
from .bao_cao import BaoCao, ChiTieuDat, KetQuaNhiemVu, KyBaoCao, MucKhacBaoCao, TieuDeBaoCao
from .ke_hoach import (
    ChiTieu,
    HoatDong,
    KeHoach,
    LinhVuc,
    MucKhac,
    NhanTruong,
    NhiemVu,
    NhomNhiemVu,
    PhuLuc,
    TieuDeKeHoach,
)
from .tien_do import TienDoKy, TienDoNhiemVu

#: Model class for each type code of a ký hiệu that vanban can load and render.
MODELS: dict[str, type[VanBan]] = {"KH": KeHoach, "BC": BaoCao}

__all__ = [
    "LOAI_VAN_BAN",
    "MODELS",
    "QUYEN_HAN",
    "BaoCao",
    "CanCu",
    "ChiTieu",
    "ChiTieuDat",
    "CoQuan",
    "HoatDong",
    "KeHoach",
    "KetQuaNhiemVu",
    "Khoan",
    "KyBaoCao",
    "LinhVuc",
    "MucKhac",
    "MucKhacBaoCao",
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
    "TienDoKy",
    "TienDoNhiemVu",
    "TieuDeBaoCao",
    "TieuDeKeHoach",
    "VanBan",
    "VanBanDanChieu",
]
