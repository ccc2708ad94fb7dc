"""Kế hoạch (KH): the yearly plan and its tasks."""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import ConfigDict, Field, field_validator, model_serializer, model_validator

from vanban import text

from ._common import MAX_SO_LUONG, ThoiGian, VBModel, accepts_string, so_viet
from ._van_ban import NoiDung, PhuLucVanBan, VanBan


class ChiTieu(VBModel):
    """A measurable target: ``15`` ``Doanh nghiệp, Hợp tác xã``."""

    so_luong: int | float = Field(ge=0, le=MAX_SO_LUONG)
    don_vi: str = Field(min_length=1, description="Đơn vị tính, ví dụ: Doanh nghiệp, Hợp tác xã.")

    _so_viet = field_validator("so_luong", mode="before")(so_viet)

    def __str__(self) -> str:
        number = self.so_luong
        if isinstance(number, float) and not number.is_integer():
            return f"{text.so(number)} {self.don_vi}"
        return text.dem(int(number), self.don_vi)


class HoatDong(VBModel):
    """One activity of a task; it may carry its own time frame."""

    noi_dung: str
    thoi_gian: ThoiGian | None = None

    model_config = ConfigDict(json_schema_extra=accepts_string)

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        return {"noi_dung": data} if isinstance(data, str) else data

    @model_serializer(mode="wrap")
    def _short(self, handler: Any) -> Any:
        return self.noi_dung if self.thoi_gian is None else handler(self)


class DongViec(VBModel):
    """A further row of a task in the appendix table: another product with its own time and units."""

    ket_qua: str | None = None
    thoi_gian: ThoiGian | None = None
    chu_tri: str | None = None
    phoi_hop: list[str] = Field(default_factory=list)
    theo_doi: str | None = None
    o_gop: list[str] = Field(
        default_factory=list, description="Trường có ô gộp sang cột bên phải trong bảng phụ lục (ví dụ: chu_tri)."
    )


class NhiemVu(VBModel):
    """A task (nhiệm vụ): what, who leads, who helps, when, how, and what comes out."""

    ten: str = Field(min_length=1, description="Tên (nội dung) nhiệm vụ.")
    ma: str | None = Field(
        default=None,
        description="Mã nhiệm vụ, giữ nguyên qua các năm và trong báo cáo, tiến độ (ví dụ: 2, 1.3, PL-5); "
        "trống: theo vị trí.",
    )
    so: str | None = Field(
        default=None, description="Số thứ tự như văn bản đọc vào viết, khi khác số tự đánh (ví dụ: 3.2. lặp lại)."
    )
    chu_tri: str | None = Field(default=None, description="Đơn vị / bộ phận chủ trì.")
    phoi_hop: list[str] = Field(default_factory=list, description="Đơn vị phối hợp.")
    thoi_gian: ThoiGian | None = None
    hoat_dong: list[HoatDong] = Field(default_factory=list, description="Nội dung thực hiện.")
    ket_qua: str | None = Field(default=None, description="Kết quả (sản phẩm) dự kiến, như văn bản viết.")
    chi_tieu: list[ChiTieu] = Field(default_factory=list, description="Chỉ tiêu đo được.")
    theo_doi: str | None = Field(default=None, description="Đơn vị theo dõi, đôn đốc (bảng phụ lục).")
    chuyen_tiep: int | None = Field(default=None, description="Năm của kế hoạch mà nhiệm vụ chuyển tiếp từ đó.")
    thu_tu: list[Literal["chuyen_tiep", "chu_tri", "phoi_hop", "thoi_gian", "hoat_dong", "ket_qua"]] = Field(
        default_factory=list, description="Thứ tự các dòng của nhiệm vụ như văn bản viết; trống: thứ tự thường dùng."
    )
    them: list[DongViec] = Field(
        default_factory=list, description="Các hàng tiếp theo của nhiệm vụ trong bảng phụ lục (sản phẩm khác)."
    )
    o_gop: list[str] = Field(
        default_factory=list, description="Trường có ô gộp sang cột bên phải trong bảng phụ lục (ví dụ: chu_tri)."
    )

    model_config = ConfigDict(json_schema_extra=accepts_string)

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        return {"ten": data} if isinstance(data, str) else data


class LinhVuc(VBModel):
    """An area that groups tasks, with its own targets (``1. Cải cách thể chế`` / ``a) Mục tiêu`` / ``b) Nhiệm vụ``)."""

    ten: str
    muc_tieu: list[str] = Field(default_factory=list, description="Các mục tiêu của lĩnh vực.")
    chi_tieu: list[ChiTieu] = Field(default_factory=list)
    nhiem_vu: list[NhiemVu] = Field(default_factory=list)
    doan: list[str] = Field(default_factory=list, description="Đoạn văn khi lĩnh vực không tách mục tiêu/nhiệm vụ.")


class NhomNhiemVu(VBModel):
    """A group of rows of the appendix task table (``I`` ``Cải cách thể chế``)."""

    ten: str
    nhiem_vu: list[NhiemVu] = Field(default_factory=list)


#: Columns of the appendix task table: title, the task field it shows, width (twips) on a landscape page.
COT_PHU_LUC: list[tuple[str, str, int]] = [
    ("TT", "so", 700),
    ("Nhiệm vụ", "ten", 4200),
    ("Sản phẩm", "ket_qua", 2700),
    ("Thời gian hoàn thành", "thoi_gian", 2000),
    ("Chủ trì", "chu_tri", 1700),
    ("Phối hợp", "phoi_hop", 1700),
    ("Theo dõi, đôn đốc", "theo_doi", 1287),
]


class PhuLuc(VBModel):
    """The appendix task table: Nhiệm vụ / Sản phẩm / Thời gian / Chủ trì / Phối hợp / Theo dõi."""

    nhan: str | None = Field(default=None, description="Dòng nhãn khi khác 'Phụ lục' (ví dụ: Phụ lục I).")
    tieu_de: str = Field(description="Tên phụ lục (in hoa).")
    ghi_chu: str | None = Field(default=None, description="Dòng (Kèm theo Kế hoạch số … ngày … của …).")
    nhom: list[NhomNhiemVu] = Field(default_factory=list)
    cot: list[str] = Field(
        default_factory=lambda: [title for title, _, _ in COT_PHU_LUC],
        description="Tên các cột như văn bản viết (TT, Nhiệm vụ, Sản phẩm, Thời gian, Chủ trì, Phối hợp, Theo dõi …).",
    )
    do_rong: list[int] = Field(default_factory=list, description="Độ rộng các cột (twip); trống: mặc định.")
    hang_so: list[str] = Field(default_factory=list, description="Hàng đánh số cột dưới tiêu đề, ví dụ (1) (2) (3).")
    danh_so: Literal["trong_nhom", "lien_tuc"] = Field(
        default="trong_nhom", description="Số thứ tự nhiệm vụ: lại từ 1 trong mỗi nhóm, hay liên tục cả bảng."
    )

    @property
    def nhiem_vu(self) -> list[NhiemVu]:
        return [task for group in self.nhom for task in group.nhiem_vu]


class NhanTruong(VBModel):
    """Labels of a task's fields, as this agency words them."""

    nhiem_vu: str | None = Field(default="Nhiệm vụ", description="Tiền tố 'Nhiệm vụ 1:'; null để bỏ.")
    chu_tri: str = "Bộ phận chủ trì tham mưu"
    phoi_hop: str = "Bộ phận phối hợp"
    thoi_gian: str = "Thời gian thực hiện"
    hoat_dong: str | None = Field(
        default="Nội dung thực hiện", description="Dòng nhãn trước các nội dung; null: các nội dung không có nhãn."
    )
    ket_qua: str = "Kết quả thực hiện"


class MucKhac(VBModel):
    """A section with no typed field of its own (kept, in order, after the typed section ``sau``)."""

    tieu_de: str
    sau: Literal["mo_dau", "muc_dich_yeu_cau", "nhiem_vu", "kinh_phi", "to_chuc_thuc_hien"] = "to_chuc_thuc_hien"
    noi_dung: NoiDung = Field(default_factory=list)


class TieuDeKeHoach(VBModel):
    """Section headings; the numbers (I., II., 1., 2.) are added when rendering."""

    muc_dich_yeu_cau: str = "MỤC ĐÍCH, YÊU CẦU"
    muc_dich: str = Field(default="Mục đích", description="Để trống nếu mục không chia 1. Mục đích, 2. Yêu cầu.")
    yeu_cau: str = "Yêu cầu"
    nhiem_vu: str = "NỘI DUNG THỰC HIỆN"
    kinh_phi: str = "KINH PHÍ THỰC HIỆN"
    to_chuc_thuc_hien: str = "TỔ CHỨC THỰC HIỆN"


class KeHoach(VanBan):
    """A plan (Kế hoạch): the seed's flat list of tasks, or tasks grouped by area, with an optional appendix."""

    LOAI: ClassVar[str] = "KH"
    TEN_LOAI: ClassVar[str] = "KẾ HOẠCH"

    nam: int = Field(ge=1900, le=2200, description="Năm của kế hoạch (kế hoạch nhiều năm: năm đầu).")
    den_nam: int | None = Field(
        default=None, ge=1900, le=2200, description="Năm cuối, khi kế hoạch nhiều năm (giai đoạn 2026–2030)."
    )
    muc_dich: list[str] = Field(default_factory=list)
    yeu_cau: list[str] = Field(default_factory=list)
    nhiem_vu: list[NhiemVu] = Field(default_factory=list, description="Nhiệm vụ (danh sách phẳng).")
    linh_vuc: list[LinhVuc] = Field(default_factory=list, description="Nhiệm vụ nhóm theo lĩnh vực.")
    nhiem_vu_mo_dau: list[str] = Field(
        default_factory=list, description="Đoạn ngay dưới tên mục nhiệm vụ, trước nhiệm vụ 1."
    )
    ghi_chu_nhiem_vu: str | None = Field(
        default=None, description="Dòng sau nhiệm vụ, ví dụ (Phân công … theo Phụ lục)."
    )
    kinh_phi: NoiDung = Field(default_factory=list)
    to_chuc_thuc_hien: NoiDung = Field(default_factory=list)
    phu_luc: PhuLuc | None = None
    phu_luc_khac: list[PhuLucVanBan] = Field(
        default_factory=list, description="Phụ lục không phải bảng nhiệm vụ, giữ nguyên chữ và bảng."
    )
    muc_khac: list[MucKhac] = Field(default_factory=list, description="Các mục khác, giữ nguyên chữ và vị trí.")
    nhan: NhanTruong = Field(default_factory=NhanTruong)
    tieu_de: TieuDeKeHoach = Field(default_factory=TieuDeKeHoach)

    @model_validator(mode="after")
    def _one_shape(self) -> KeHoach:
        if self.nhiem_vu and self.linh_vuc:
            raise ValueError("chỉ dùng một trong hai: 'nhiem_vu' (danh sách phẳng) hoặc 'linh_vuc'")
        seen: set[str] = set()
        for ma, _ in self.cac_nhiem_vu():
            if ma in seen:
                raise ValueError(f"mã nhiệm vụ '{ma}' dùng hai lần; mỗi nhiệm vụ một mã")
            seen.add(ma)
        if self.den_nam is not None and self.den_nam <= self.nam:
            raise ValueError(f"den_nam ({self.den_nam}) phải sau nam ({self.nam})")
        return self

    @property
    def tat_ca_nhiem_vu(self) -> list[NhiemVu]:
        """Every task in reading order: the appendix table when there is one, else the body."""
        return [task for _, task in self.cac_nhiem_vu()]

    def cac_nhiem_vu(self) -> list[tuple[str, NhiemVu]]:
        """Every task with its stable identity (``ma``): as written in the model, else by its place: ``PL-5`` (the
        fifth row of the appendix table), ``1.3`` (the third task of area 1), ``2`` (the second of a flat list)."""
        if self.phu_luc and self.phu_luc.nhiem_vu:
            places = [f"PL-{n}" for n in range(1, len(self.phu_luc.nhiem_vu) + 1)]
            tasks = self.phu_luc.nhiem_vu
        elif self.linh_vuc:
            places = [f"{a}.{t}" for a, area in enumerate(self.linh_vuc, 1) for t in range(1, len(area.nhiem_vu) + 1)]
            tasks = [task for area in self.linh_vuc for task in area.nhiem_vu]
        else:
            places = [str(n) for n in range(1, len(self.nhiem_vu) + 1)]
            tasks = list(self.nhiem_vu)
        return [(task.ma or place, task) for place, task in zip(places, tasks, strict=True)]
