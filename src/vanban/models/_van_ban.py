"""The frame every typed administrative document shares: header block, opening, signature, recipients."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, ClassVar, Literal

from pydantic import ConfigDict, Field, field_validator, model_serializer, model_validator

from ._common import (
    LOAI_VAN_BAN,
    CanCu,
    CoQuan,
    Dong,
    NgayDuThao,
    NguoiKy,
    NoiNhan,
    SoKyHieu,
    VBModel,
    accepts_string,
    parse_date,
)

#: Most rows and columns a table may have.
MAX_HANG, MAX_COT = 20_000, 64


class OBang(VBModel):
    """A table cell: its paragraphs, the grid columns it spans, and whether it continues the cell above."""

    doan: list[str] = Field(default_factory=list, description="Các đoạn trong ô.")
    gop_cot: int = Field(default=1, ge=1, le=MAX_COT, description="Số cột ô chiếm (ô gộp ngang).")
    noi_tren: bool = Field(default=False, description="Ô nối tiếp ô phía trên (ô gộp dọc).")
    dam: bool = Field(default=False, description="Chữ đậm (hàng nhóm, ô tiêu đề).")

    model_config = ConfigDict(json_schema_extra=accepts_string)

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        return {"doan": str(data).splitlines()} if isinstance(data, str) else data

    @field_validator("doan")
    @classmethod
    def _no_blank(cls, lines: list[str]) -> list[str]:
        return [line for line in lines if line]

    @model_serializer(mode="wrap")
    def _short(self, handler: Any) -> Any:
        if self.gop_cot == 1 and not self.noi_tren and not self.dam:
            return "\n".join(self.doan)
        return handler(self)

    @property
    def chu(self) -> str:
        return " ".join(self.doan)


class Bang(VBModel):
    """A table kept as a table: rows of cells (merged cells too), its header rows and column widths."""

    hang: list[list[OBang]] = Field(min_length=1, max_length=MAX_HANG, description="Các hàng, mỗi hàng các ô.")
    hang_tieu_de: int = Field(default=0, ge=0, description="Số hàng tiêu đề ở đầu bảng (lặp lại mỗi trang).")
    do_rong: list[int] = Field(default_factory=list, description="Độ rộng các cột (twip); trống: chia đều.")

    @field_validator("hang")
    @classmethod
    def _bounded(cls, rows: list[list[OBang]]) -> list[list[OBang]]:
        if any(len(row) > MAX_COT for row in rows):
            raise ValueError(f"một hàng của bảng có hơn {MAX_COT} ô")
        return rows

    @property
    def so_cot(self) -> int:
        """Grid columns: the widest row."""
        return max((sum(cell.gop_cot for cell in row) for row in self.hang), default=0)


class Khoan(VBModel):
    """A titled khoản (``1. Công tác triển khai``) with its content; numbered when rendered unless ``so`` is
    given (``1.2.``, ``a)``, as the document read numbers it)."""

    tieu_de: str
    so: str | None = Field(default=None, description="Số như văn bản viết (1.2., a)); trống: đánh số tự động.")
    doan: list[str | Khoan | Bang] = Field(default_factory=list)


#: Free content of a section: paragraphs, titled khoản (nested) and tables, in order.
NoiDung = list[str | Khoan | Bang]


def cac_chu(noi_dung: Sequence[str | Khoan | Bang]) -> list[str]:
    """Every piece of text of free content, in reading order: paragraphs, khoản titles, table cells."""
    out: list[str] = []
    for item in noi_dung:
        if isinstance(item, Khoan):
            out.append(item.tieu_de)
            out += cac_chu(item.doan)
        elif isinstance(item, Bang):
            out += [line for row in item.hang for cell in row for line in cell.doan]
        else:
            out.append(item)
    return out


class PhuLucVanBan(VBModel):
    """An appendix that is not a task table (a schedule, a report outline, forms), kept as written."""

    nhan: str | None = Field(default="Phụ lục", description="Dòng nhãn: Phụ lục, Phụ lục II, Biểu mẫu số 01.")
    tieu_de: Dong = Field(default_factory=list, description="Các dòng tên phụ lục.")
    ghi_chu: str | None = Field(default=None, description="Dòng (Kèm theo … số … ngày … của …).")
    noi_dung: NoiDung = Field(default_factory=list)
    ngang: bool = Field(default=False, description="In trên trang nằm ngang.")
    trang_moi: bool = Field(default=True, description="Bắt đầu trang mới (false: in tiếp ngay sau phụ lục trước).")


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
    mo_dau: NoiDung = Field(default_factory=list, description="Lời mở đầu (… như sau:).")
    ket_luan: str | None = Field(default=None, description="Đoạn kết (Trên đây là …./.).")
    nguoi_ky: NguoiKy
    noi_nhan: NoiNhan
    chu_thich: list[str] = Field(
        default_factory=list, description="Chú thích cuối trang; đoạn văn gọi chú thích thứ n bằng dấu [^n]."
    )
    dong_dau: list[str] = Field(default_factory=list, description="Các dòng trước phần đầu văn bản (giữ nguyên).")
    dong_cuoi: list[str] = Field(default_factory=list, description="Các dòng sau chữ ký (giữ nguyên).")

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
        if self.LOAI and code != self.LOAI and code in LOAI_VAN_BAN and not self.so_ky_hieu.nguyen_van:
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
