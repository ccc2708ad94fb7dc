"""Báo cáo (BC): a periodic report on a plan, and the progress data it is drafted from."""

from __future__ import annotations

import re
import unicodedata
from typing import Any, ClassVar, Literal

from pydantic import ConfigDict, Field, field_validator, model_serializer, model_validator

from vanban import text

from .._errors import InputError
from ._common import MAX_SO_LUONG, PLACEHOLDER_RE, VanBanDanChieu, VBModel, accepts_string, so_viet
from ._van_ban import NoiDung, PhuLucVanBan, VanBan, cac_chu

TrangThai = Literal["hoan_thanh", "dang_thuc_hien", "cham_tien_do", "chua_trien_khai"]
TEN_TRANG_THAI: dict[str, str] = {
    "hoan_thanh": "hoàn thành",
    "dang_thuc_hien": "đang thực hiện",
    "cham_tien_do": "chậm tiến độ",
    "chua_trien_khai": "chưa triển khai",
}


def _plain(value: str) -> str:
    """Lower case without diacritics, single underscores: 'Đang thực hiện' → 'dang_thuc_hien'."""
    value = unicodedata.normalize("NFD", value.strip().lower().replace("đ", "d"))
    value = "".join(c for c in value if unicodedata.category(c) != "Mn")
    return re.sub(r"[\s\-]+", "_", value)


def parse_trang_thai(value: Any) -> Any:
    """Accept the Vietnamese wording a clerk types ('đang thực hiện', 'Hoàn thành', 'cham tien do')."""
    if not isinstance(value, str):
        return value
    key = _plain(value)
    if key in TEN_TRANG_THAI:
        return key
    allowed = ", ".join(TEN_TRANG_THAI.values())
    raise ValueError(f"tình trạng '{value}' không hợp lệ; chỉ nhận: {allowed}")


class KyBaoCao(VBModel):
    """A report period: ``tháng 3``, ``quý I``, ``6 tháng đầu năm``, ``6 tháng cuối năm``, ``9 tháng``, ``năm``."""

    loai: Literal["thang", "quy", "6_thang_dau", "6_thang_cuoi", "9_thang", "nam"]
    so: int | None = Field(default=None, description="Số tháng (1–12) hoặc số quý (1–4).")
    nam: int = Field(ge=1900, le=2200)

    model_config = ConfigDict(json_schema_extra=accepts_string)

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        return parse_ky(data) if isinstance(data, str) else data

    @model_validator(mode="after")
    def _check(self) -> KyBaoCao:
        limits = {"thang": ("tháng", 12), "quy": ("quý", 4)}
        if self.loai in limits and not (self.so and 1 <= self.so <= limits[self.loai][1]):
            word, most = limits[self.loai]
            raise ValueError(f"{word} {self.so} không có ({word} từ 1 đến {most})")
        return self

    @property
    def thang(self) -> range:
        """The months (1–12) the period covers."""
        number = self.so or 1  # a month or a quarter always has its number (checked on creation)
        if self.loai == "thang":
            return range(number, number + 1)
        if self.loai == "quy":
            return range(3 * number - 2, 3 * number + 1)
        return {"6_thang_dau": range(1, 7), "6_thang_cuoi": range(7, 13), "9_thang": range(1, 10), "nam": range(1, 13)}[
            self.loai
        ]

    def ten(self, with_year: bool = True) -> str:
        """As a report writes it: ``quý I năm 2024``, ``6 tháng đầu năm 2024``."""
        name = {
            "thang": f"tháng {self.so}",
            "quy": f"quý {text.la_ma(self.so or 1)}",
            "6_thang_dau": "6 tháng đầu năm",
            "6_thang_cuoi": "6 tháng cuối năm",
            "9_thang": "9 tháng",
            "nam": "năm",
        }[self.loai]
        if not with_year:
            return name
        joiner = " " if name.endswith("năm") else " năm "
        return f"{name}{joiner}{self.nam}"

    def __str__(self) -> str:
        return self.ten()

    @classmethod
    def from_words(cls, words: str, nam: int | None = None) -> KyBaoCao:
        """A period as a clerk writes it (``quý I``, ``6 tháng đầu năm 2024``); ``nam`` when the words have no year."""
        if not isinstance(words, str) or not words.strip():
            raise InputError("kỳ báo cáo trống; viết như: quý I, 6 tháng đầu năm, năm 2024")
        try:
            return cls.model_validate(parse_ky(words, nam))
        except ValueError as exc:
            reason = "; ".join(exc.details) if isinstance(exc, InputError) and exc.details else str(exc)
            raise InputError(f"kỳ báo cáo '{words}': {reason.removeprefix('(gốc): ')}") from None

    def tiep_theo(self) -> KyBaoCao:
        """The next period, for the tasks a report plans ahead."""
        number = self.so or 1
        if self.loai == "thang":
            return KyBaoCao(loai="thang", so=number % 12 + 1, nam=self.nam + (number == 12))
        if self.loai == "quy":
            return KyBaoCao(loai="quy", so=number % 4 + 1, nam=self.nam + (number == 4))
        if self.loai == "6_thang_dau":
            return KyBaoCao(loai="6_thang_cuoi", nam=self.nam)
        if self.loai == "9_thang":
            return KyBaoCao(loai="quy", so=4, nam=self.nam)
        return KyBaoCao(loai="nam", nam=self.nam + 1)

    @model_serializer(mode="plain")
    def _to_text(self) -> str:
        return str(self)


def parse_ky(raw: str, nam: int | None = None) -> dict[str, Any]:
    """``quý I``, ``quý I năm 2024``, ``quý I/2024``, ``6 tháng đầu năm 2024``, ``tháng 3/2024``, ``năm 2024``; with
    or without diacritics (``quy II nam 2024``)."""
    value = unicodedata.normalize("NFD", raw.lower().replace("đ", "d"))
    value = " ".join("".join(c for c in value if unicodedata.category(c) != "Mn").split())
    year_match = re.search(r"(?:nam\s*|/)(\d{4})\s*$", value)
    year = int(year_match[1]) if year_match else nam
    head = value[: year_match.start()].strip() if year_match else value
    if year is None:
        raise ValueError(f"kỳ báo cáo '{raw}' thiếu năm (ví dụ: quý I năm 2024)")
    if m := re.fullmatch(r"quy\s+([ivx]+|\d)", head):
        number = int(m[1]) if m[1].isdigit() else text.tu_la_ma(m[1])
        return {"loai": "quy", "so": number, "nam": year}
    if m := re.fullmatch(r"thang\s+(\d{1,2})", head):
        return {"loai": "thang", "so": int(m[1]), "nam": year}
    if re.fullmatch(r"6 thang( dau nam| dau)?", head):
        return {"loai": "6_thang_dau", "nam": year}
    if re.fullmatch(r"6 thang cuoi( nam)?", head):
        return {"loai": "6_thang_cuoi", "nam": year}
    if re.fullmatch(r"9 thang( dau nam| dau)?", head):
        return {"loai": "9_thang", "nam": year}
    if head in ("", "ca", "nam", "ca nam"):
        return {"loai": "nam", "nam": year}
    raise ValueError(
        f"kỳ báo cáo '{raw}' không hiểu; viết như: tháng 3, quý I, 6 tháng đầu năm, 6 tháng cuối năm, 9 tháng, năm"
    )


def cac_ky(names: list[str]) -> str:
    """Periods named together, the year said once when they share it: ``quý III, quý IV năm 2024``."""
    years = {m[1] for name in names if (m := re.search(r" năm (\d{4})$", name))}
    if len(years) == 1 and all(name.endswith(f" năm {next(iter(years))}") for name in names):
        year = next(iter(years))
        return ", ".join(name.removesuffix(f" năm {year}") for name in names) + f" năm {year}"
    return ", ".join(names)


def tach_ky(words: str) -> list[str]:
    """The inverse of :func:`cac_ky`: ``quý III, quý IV năm 2024`` → each period with its year."""
    names = [name.strip() for name in words.split(",") if name.strip()]
    year = re.search(r" năm (\d{4})$", names[-1]) if names else None
    if year:
        names = [name if re.search(r" năm \d{4}$", name) else f"{name} năm {year[1]}" for name in names]
    return names


class ChiTieuDat(VBModel):
    """A target of a task and what was achieved towards it (cumulative over the report's period)."""

    so_luong: int | float = Field(ge=0, le=MAX_SO_LUONG)
    don_vi: str
    dat: int | float | None = Field(
        default=None, ge=0, le=MAX_SO_LUONG, description="Số đạt được; trống nếu chưa có số liệu."
    )
    thieu: list[str] = Field(
        default_factory=list, description="Các kỳ con chưa có số liệu (số đạt được chưa gồm các kỳ này)."
    )

    _so_viet = field_validator("so_luong", "dat", mode="before")(so_viet)

    @field_validator("so_luong", "dat")
    @classmethod
    def _whole(cls, value: int | float | None) -> int | float | None:
        """6.0 is kept as 6, so a saved report reads ``dat: 6``."""
        return int(value) if isinstance(value, float) and value.is_integer() else value

    @property
    def ty_le(self) -> float | None:
        if self.dat is None or not self.so_luong:
            return None
        return self.dat / self.so_luong

    @property
    def dat_chi_tieu(self) -> bool | None:
        return None if self.dat is None else self.dat >= self.so_luong

    def __str__(self) -> str:
        if self.dat is None:
            return f"[Bổ sung số đạt được] / {text.dem(int(self.so_luong), self.don_vi)}"
        done = text.dem(int(self.dat)) if float(self.dat).is_integer() else text.so(self.dat)
        planned = (
            text.dem(int(self.so_luong), self.don_vi)
            if float(self.so_luong).is_integer()
            else f"{text.so(self.so_luong)} {self.don_vi}"
        )
        missing = f"; chưa có số liệu {cac_ky(self.thieu)}" if self.thieu else ""
        return f"đạt {done}/{planned} ({text.ti_le(self.ty_le or 0, 1)}{missing})"


class KetQuaNhiemVu(VBModel):
    """One task of the plan as the report tells it."""

    so: int = Field(ge=1, description="Số thứ tự nhiệm vụ trong kế hoạch.")
    ma: str | None = Field(default=None, description="Mã của nhiệm vụ trong kế hoạch (xem NhiemVu.ma).")
    linh_vuc: str | None = Field(default=None, description="Lĩnh vực (nhóm) của nhiệm vụ; kết quả in theo lĩnh vực.")
    ten: str
    chu_tri: str | None = None
    trang_thai: TrangThai | None = Field(
        default=None, description="hoàn thành, đang thực hiện, chậm tiến độ, chưa triển khai."
    )
    thieu: list[str] = Field(
        default_factory=list,
        description="Các kỳ con chưa có số liệu của nhiệm vụ; tình trạng là của kỳ gần nhất có số liệu.",
    )
    ket_qua: list[str] = Field(default_factory=list, description="Kết quả đạt được, từng đoạn.")
    chi_tieu: list[ChiTieuDat] = Field(default_factory=list)

    _status = field_validator("trang_thai", mode="before")(parse_trang_thai)

    @property
    def ten_trang_thai(self) -> str:
        """The status as printed, with the periods it does not cover yet."""
        if not self.trang_thai:
            return "[Bổ sung tình trạng]"
        missing = f" (chưa có số liệu {cac_ky(self.thieu)})" if self.thieu else ""
        return TEN_TRANG_THAI[self.trang_thai] + missing

    @model_serializer(mode="wrap")
    def _status_words(self, handler: Any) -> Any:
        data = handler(self)
        if isinstance(data, dict) and data.get("trang_thai"):
            data["trang_thai"] = TEN_TRANG_THAI[data["trang_thai"]]
        return data


class TieuDeBaoCao(VBModel):
    """Section headings of the report (numbers I., II., … are added when rendering)."""

    chi_dao: str = "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"
    ket_qua: str = "KẾT QUẢ THỰC HIỆN"
    ton_tai: str = "TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN"
    nhiem_vu_tiep_theo: str = "NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM"
    de_xuat: str = "ĐỀ XUẤT, KIẾN NGHỊ"
    phu_luc: str = "TỔNG HỢP KẾT QUẢ THỰC HIỆN NHIỆM VỤ"


class MucKhacBaoCao(VBModel):
    """A section of a report read from an existing document with no typed field of its own, kept in place."""

    tieu_de: str
    sau: Literal["mo_dau", "chi_dao", "ket_qua", "ton_tai", "nhiem_vu_tiep_theo", "de_xuat"] = "de_xuat"
    noi_dung: NoiDung = Field(default_factory=list)


class BaoCao(VanBan):
    """A report (Báo cáo) on a plan: results per task, shortcomings, next tasks, proposals (spec §8.2)."""

    LOAI: ClassVar[str] = "BC"
    TEN_LOAI: ClassVar[str] = "BÁO CÁO"

    ky: KyBaoCao
    kinh_gui: list[str] = Field(default_factory=list, description="Nơi được kính gửi (báo cáo gửi cấp trên).")
    ke_hoach: VanBanDanChieu | None = Field(default=None, description="Kế hoạch được báo cáo.")
    chi_dao: NoiDung = Field(
        default_factory=list, description="Công tác chỉ đạo, điều hành: văn bản đã ban hành, hội nghị, kiểm tra."
    )
    tong_quan: NoiDung = Field(default_factory=list, description="Kết quả chung, đầu mục kết quả.")
    ket_qua: list[KetQuaNhiemVu] = Field(default_factory=list)
    ton_tai: NoiDung = Field(default_factory=list)
    nhiem_vu_tiep_theo: NoiDung = Field(default_factory=list)
    de_xuat: NoiDung = Field(default_factory=list)
    phu_luc: bool = Field(default=True, description="In phụ lục bảng tổng hợp nhiệm vụ × chỉ tiêu.")
    thong_ke: bool = Field(
        default=False, description="In Biểu 01: số nhiệm vụ theo tình trạng và tỷ lệ hoàn thành (tính từ ket_qua)."
    )
    muc_khac: list[MucKhacBaoCao] = Field(
        default_factory=list, description="Mục riêng của văn bản được đọc vào, giữ nguyên sau mục ``sau``."
    )
    phu_luc_khac: list[PhuLucVanBan] = Field(
        default_factory=list, description="Phụ lục riêng của văn bản được đọc vào, giữ nguyên chữ và bảng."
    )
    tieu_de: TieuDeBaoCao = Field(default_factory=TieuDeBaoCao)

    @field_validator("phu_luc_khac", mode="before")
    @classmethod
    def _lines_of_format_1(cls, value: Any) -> Any:
        """Files of format 1 kept an appendix as lines (table rows with cells joined by ' | ')."""
        if isinstance(value, list) and value and all(isinstance(line, str) for line in value):
            return [{"nhan": None, "noi_dung": value, "ngang": True}]
        return value

    def placeholders(self) -> list[str]:
        """Every ``[Bổ sung …]`` left for the clerk, with where it is, in reading order."""
        found: list[str] = []

        def scan(where: str, pieces: NoiDung | list[str]) -> None:
            found.extend(f"{where}: {hit}" for piece in cac_chu(pieces) for hit in PLACEHOLDER_RE.findall(piece))

        scan("mở đầu", self.mo_dau)
        scan("công tác chỉ đạo, điều hành", self.chi_dao)
        for section in self.muc_khac:
            scan(section.tieu_de.lower(), section.noi_dung)
        scan("kết quả chung", self.tong_quan)
        for item in self.ket_qua:
            where = f"nhiệm vụ {item.ma or item.so}"
            if item.trang_thai is None:
                found.append(f"{where}: [Bổ sung tình trạng]")
            scan(where, item.ket_qua)
            found.extend(f"{where}: [Bổ sung số đạt được] ({t.don_vi})" for t in item.chi_tieu if t.dat is None)
        scan("đánh giá chung", self.ton_tai)
        scan("nhiệm vụ kỳ tới", self.nhiem_vu_tiep_theo)
        scan("đề xuất, kiến nghị", self.de_xuat)
        for appendix in self.phu_luc_khac:
            scan((appendix.nhan or "phụ lục").lower(), appendix.noi_dung)
        return found
