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
from ._van_ban import Bang, Khoan, NoiDung, OBang, PhuLucVanBan, VanBan
from .bao_cao import BaoCao, ChiTieuDat, KetQuaNhiemVu, KyBaoCao, MucKhacBaoCao, TieuDeBaoCao
from .ke_hoach import (
    ChiTieu,
    DongViec,
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
    "Bang",
    "BaoCao",
    "CanCu",
    "ChiTieu",
    "ChiTieuDat",
    "CoQuan",
    "DongViec",
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
    "NoiDung",
    "NoiNhan",
    "OBang",
    "PhuLuc",
    "PhuLucVanBan",
    "SoKyHieu",
    "ThoiGian",
    "TienDoKy",
    "TienDoNhiemVu",
    "TieuDeBaoCao",
    "TieuDeKeHoach",
    "VanBan",
    "VanBanDanChieu",
]
