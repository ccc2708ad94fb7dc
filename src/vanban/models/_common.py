"""Parts shared by every administrative document (Nghị định 30/2020/NĐ-CP, Điều 8)."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal, get_args, get_origin

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_serializer,
    model_validator,
)
from typing_extensions import Self

from vanban import text

from .._errors import InputError
from ._errors import input_error

# Type abbreviations of PL III-I (spec section 6), case-sensitive.
LOAI_VAN_BAN: dict[str, str] = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "QC": "Quy chế",
    "QyĐ": "Quy định",
    "TC": "Thông cáo",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CTr": "Chương trình",
    "KH": "Kế hoạch",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "BC": "Báo cáo",
    "BB": "Biên bản",
    "TTr": "Tờ trình",
    "HĐ": "Hợp đồng",
    "CĐ": "Công điện",
    "BGN": "Bản ghi nhớ",
    "BTT": "Bản thỏa thuận",
    "GUQ": "Giấy ủy quyền",
    "GM": "Giấy mời",
    "GGT": "Giấy giới thiệu",
    "GNP": "Giấy nghỉ phép",
    "PG": "Phiếu gửi",
    "PC": "Phiếu chuyển",
    "PB": "Phiếu báo",
    "SY": "Bản sao y",
    "TrS": "Bản trích sao",
    "SL": "Bản sao lục",
}
QUYEN_HAN = ("TM.", "KT.", "Q.", "TL.", "TUQ.")
#: The largest quantity a target or a figure may have (a larger one is a typing error).
MAX_SO_LUONG = 10**12
#: The longest line of an agency's name (a longer one is not a name).
MAX_DONG_TEN = 200

_GROUP = r"[A-ZĐ0-9][A-Za-zĐđ0-9&.]*"
_VIET_TAT_RE = re.compile(rf"{_GROUP}(-{_GROUP})*")
#: What vanban writes where the clerk must fill something in.
PLACEHOLDER_RE = re.compile(r"\[Bổ sung[^\]]*\]")
_KY_HIEU_RE = re.compile(rf"^{_GROUP}(-{_GROUP})+$")
_SO_KY_HIEU_RE = re.compile(r"^\s*(?:Số:\s*)?(?P<so>[^/]*)/\s*(?P<ky_hieu>\S+)\s*$")
_PREFIX_RE = re.compile(r"^(?P<prefix>[A-ZĐa-zđ]{1,4}\.)\s*(?P<rest>\S.*)$")
_MARK_RE = re.compile(
    r"\((?P<mark>(?:để\s+)?(?:[a-zđ]+/[a-zđ]+|(?i:báo cáo|biết|thực hiện|phối hợp|chỉ đạo|theo dõi)))\)$"
)


_SPACE_RE = re.compile(r"[^\S\n\u00a0]+")
_NOT_TEXT = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_ANY_SPACE_RE = re.compile(r"[^\S\u00a0]+")


#: The most items any list of a document may have (tasks, rows of a table, paragraphs of a section…).
MAX_MUC = 20_000


class SoDaViet(float):
    """A number from a YAML file with the text it was written as (``1.500``), for :func:`so_viet`."""

    written: str

    def __new__(cls, value: float, written: str) -> SoDaViet:
        number = super().__new__(cls, value)
        number.written = written
        return number


def so_viet(value: Any) -> Any:
    """A figure read the Vietnamese way, however the file gave it: ``1.500`` is fifteen hundred, ``12,5`` twelve and a
    half, ``1.5`` is refused as unclear (YAML would have read 1.500 as one and a half)."""
    written = value.written if isinstance(value, SoDaViet) else value if isinstance(value, str) else None
    return value if written is None else text.tu_so(written)


def _normalise(value: Any, keep_lines: bool = False) -> Any:
    """NFC, and no tabs or line breaks inside a paragraph (they would become soft breaks)."""
    if isinstance(value, str):
        value = text.nfc(value)
        if value.isprintable() and "  " not in value:  # no space but single ASCII ones: nothing to replace
            return value
        if bad := _NOT_TEXT.search(value):  # a control character escaped in YAML ("\x00"): Word cannot hold it
            raise ValueError(f"có ký tự không phải chữ (mã U+{ord(bad.group()):04X})")
        return (_SPACE_RE if keep_lines else _ANY_SPACE_RE).sub(" ", value)
    if isinstance(value, dict):
        return {key: _normalise(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        if len(value) > MAX_MUC:
            raise ValueError(f"danh sách có {len(value)} mục, quá {MAX_MUC}")
        return [_normalise(item) for item in value]
    return value


def _normalised(model: Any, data: Any) -> Any:
    """The whole input of a model normalised in one pass, where it enters (building a model, ``model_validate``,
    assigning a field): the models inside it are then built by pydantic from text already normal."""
    if not isinstance(data, dict):
        try:
            return _normalise(data)
        except ValueError as exc:
            raise InputError(f"dữ liệu {model.__name__}: {exc}") from None
    out = {}
    for key, item in data.items():
        try:
            out[key] = _normalise(item, key in model.GIU_DONG)
        except ValueError as exc:
            raise InputError(f"dữ liệu {model.__name__}: {key}: {exc}") from None
    return out


if TYPE_CHECKING:
    from pydantic._internal._model_construction import ModelMetaclass
else:
    ModelMetaclass = type(BaseModel)


class _Checked(ModelMetaclass):
    """``KeHoach(...)`` with bad data raises :class:`~vanban.InputError` (pydantic builds nested models without
    calling the class, so their errors stay together in one message)."""

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().__call__(*args, **_normalised(cls, kwargs))
        except ValidationError as exc:
            raise input_error(exc, what=f"dữ liệu {cls.__name__}") from None


class VBModel(BaseModel, metaclass=_Checked):
    """Base of every model: unknown keys are errors, text is NFC on single lines, and bad data is an
    :class:`~vanban.InputError` in Vietnamese (also when a field is assigned, which then keeps its old value)."""

    model_config = ConfigDict(
        extra="forbid", validate_assignment=True, str_strip_whitespace=True, allow_inf_nan=False, defer_build=True
    )

    @classmethod
    def model_validate(cls, obj: Any, *args: Any, **kwargs: Any) -> Self:
        try:
            return super().model_validate(_normalised(cls, obj), *args, **kwargs)
        except ValidationError as exc:
            raise input_error(exc, what=f"dữ liệu {cls.__name__}") from None

    def __setattr__(self, name: str, value: Any) -> None:
        if name not in type(self).model_fields:
            super().__setattr__(name, value)
            return
        try:
            value = _normalise(value, name in self.GIU_DONG)
        except ValueError as exc:
            raise InputError(f"khi gán {type(self).__name__}.{name}: {exc}") from None
        saved = dict(self.__dict__)
        fields_set = set(self.__pydantic_fields_set__)
        try:
            super().__setattr__(name, value)
        except ValidationError as exc:
            self.__dict__.clear()
            self.__dict__.update(saved)
            self.__pydantic_fields_set__ = fields_set
            raise input_error(exc, what=f"khi gán {type(self).__name__}.{name}") from None

    #: Fields whose line breaks mean something (one line each when rendered).
    GIU_DONG: ClassVar[frozenset[str]] = frozenset()

    @field_validator("*", mode="before")
    @classmethod
    def _no_true_for_a_number(cls, value: Any, info: ValidationInfo) -> Any:
        """``nam: true`` is a mistake, not the year 1 (YAML reads yes/no/true/false as booleans)."""
        if (
            isinstance(value, bool)
            and info.field_name
            and bool not in _kinds(cls.model_fields[info.field_name].annotation)
        ):
            raise ValueError("cần một giá trị, không phải true/false")
        return value


def _kinds(annotation: Any) -> set[Any]:
    """The plain types a field's annotation allows (through unions, lists and Annotated)."""
    args = get_args(annotation)
    if not args:
        return {annotation}
    return {kind for arg in args for kind in _kinds(arg)} | (
        {get_origin(annotation)} if get_origin(annotation) else set()
    )


def _lines(value: Any) -> Any:
    """Accept one string for a field that holds lines."""
    if isinstance(value, str):
        return [line for line in (part.strip() for part in value.splitlines()) if line]
    return value


#: Lines of a block (agency name, signer's titles): one string or a list of strings.
Dong = Annotated[
    list[str],
    BeforeValidator(_lines),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}),
]


def accepts_string(schema: dict[str, Any]) -> None:
    """JSON Schema that accepts the short string form as well as the full object."""
    full = dict(schema)
    schema.clear()
    schema["anyOf"] = [{"type": "string"}, full]


class CoQuan(VBModel):
    """Ô 2: the issuing agency, with its direct superior above it (ND30-CQ-02)."""

    chu_quan: Dong = Field(
        default_factory=list,
        description="Cơ quan chủ quản trực tiếp, mỗi dòng một phần tử (ví dụ: UBND TỈNH LẠNG SƠN).",
    )
    ten: Dong = Field(min_length=1, description="Tên cơ quan ban hành, mỗi dòng một phần tử.")
    viet_tat: str = Field(description="Chữ viết tắt tên cơ quan trong ký hiệu (ví dụ: SKHCN).")
    ten_goi: str | None = Field(
        default=None, description="Tên cơ quan viết thường, dùng trong câu (ví dụ: Sở Khoa học và Công nghệ)."
    )

    @model_validator(mode="before")
    @classmethod
    def _spoken(cls, data: Any) -> Any:
        """A name typed as a sentence writes it ("Phòng Tài nguyên và Môi trường") is the name used in sentences."""
        if isinstance(data, dict) and not data.get("ten_goi"):
            given = data.get("ten")
            parts = [part for part in (given if isinstance(given, list) else [given]) if isinstance(part, str)]
            written = " ".join(" ".join(parts).split())
            if any(c.islower() for c in written):
                return {**data, "ten_goi": written}
        return data

    @field_validator("chu_quan", "ten")
    @classmethod
    def _upper(cls, lines: list[str]) -> list[str]:
        if any(len(line) > MAX_DONG_TEN for line in lines):
            raise ValueError(f"một dòng tên cơ quan dài hơn {MAX_DONG_TEN} ký tự; mỗi dòng một phần tử")
        return [text.viet_hoa(line) for line in lines if line]

    @field_validator("viet_tat")
    @classmethod
    def _abbreviation(cls, value: str) -> str:
        if not (_VIET_TAT_RE.fullmatch(value) or PLACEHOLDER_RE.fullmatch(value)):
            raise ValueError(f"chữ viết tắt '{value}' sai dạng; chữ và số không dấu cách, ví dụ SKHCN hoặc UBND")
        return value


class SoKyHieu(VBModel):
    """Ô 3: number and ký hiệu, written ``19/KH-SKHCN``; a draft leaves the number out (``/KH-SKHCN``)."""

    so: int | None = Field(default=None, ge=1, le=999_999, description="Số văn bản; bỏ trống khi là dự thảo.")
    ky_hieu: str = Field(description="Ký hiệu: chữ viết tắt tên loại + cơ quan, ví dụ KH-SKHCN.")
    nguyen_van: str | None = Field(
        default=None, description="Số, ký hiệu như văn bản đọc vào viết, khi khác mẫu thường gặp (in ra như vậy)."
    )

    model_config = ConfigDict(json_schema_extra=accepts_string)

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        if not isinstance(data, str):
            return data
        match = _SO_KY_HIEU_RE.match(text.nfc(data))
        if not match:
            raise ValueError(f"số, ký hiệu '{data}' sai dạng; cần dạng 19/KH-SKHCN (dự thảo: /KH-SKHCN)")
        number = match["so"].replace("\u00a0", "").strip().strip(" .…_")
        if number and not number.isdigit():
            raise ValueError(f"số '{match['so']}' phải là chữ số Ả Rập, ví dụ 19 hoặc 05")
        return {"so": int(number) if number else None, "ky_hieu": match["ky_hieu"]}

    @field_validator("ky_hieu")
    @classmethod
    def _check_ky_hieu(cls, value: str) -> str:
        if not (_KY_HIEU_RE.match(value) or re.fullmatch(rf"{_GROUP}-{PLACEHOLDER_RE.pattern}", value)):
            raise ValueError(
                f"ký hiệu '{value}' sai dạng; các nhóm chữ viết tắt nối bằng dấu '-' không có dấu cách, ví dụ KH-SKHCN"
            )
        return value

    @property
    def loai(self) -> str:
        """The first group: the type abbreviation of a typed document (KH, BC, …)."""
        return self.ky_hieu.split("-", 1)[0]

    def __str__(self) -> str:
        if self.nguyen_van:
            return self.nguyen_van
        number = "" if self.so is None else text.so_hai_chu(self.so)
        return f"{number}/{self.ky_hieu}"

    @model_serializer(mode="wrap")
    def _to_text(self, handler: Any) -> Any:
        return handler(self) if self.nguyen_van else str(self)


class NgayDuThao(VBModel):
    """The issue date of a draft: the registry fills the blanks after signing (ND30-DD-06)."""

    nam: int = Field(ge=1900, le=2200)
    thang: int | None = Field(default=None, ge=1, le=12)


def parse_date(value: Any) -> Any:
    """Accept ``31/01/2024`` as well as ISO ``2024-01-31``; say in Vietnamese what is wrong."""
    if isinstance(value, str):
        raw = value.strip()
        match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", raw) or re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", raw)
        if not match:
            raise ValueError(f"ngày '{value}' sai dạng; cần dd/mm/yyyy, ví dụ 31/01/2024")
        a, b, c = (int(part) for part in match.groups())
        day, month, year = (a, b, c) if "/" in raw else (c, b, a)
        try:
            return date(year, month, day)
        except ValueError:
            raise ValueError(f"ngày {day:02d}/{month:02d}/{year} không tồn tại") from None
    return value


class VanBanDanChieu(VBModel):
    """A cited document (ND30-ND-07): type, number, date, issuer, trích yếu."""

    loai: str = Field(description="Tên loại, ví dụ: Quyết định, Nghị định, Kế hoạch.")
    so_ky_hieu: str | None = Field(default=None, description="Ví dụ: 145/QĐ-UBND; Luật thì bỏ trống.")
    ngay: date | None = None
    co_quan: str | None = Field(default=None, description="Cơ quan ban hành, ví dụ: UBND tỉnh Lạng Sơn.")
    trich_yeu: str | None = Field(default=None, description="Trích yếu kèm từ nối, ví dụ: về việc phê duyệt …")

    _date = field_validator("ngay", mode="before")(parse_date)

    def __str__(self) -> str:
        parts = [self.loai]
        if self.so_ky_hieu:
            parts.append(f"số {self.so_ky_hieu}")
        if self.ngay:
            parts.append(f"ngày {text.ngay_ngan(self.ngay)}")
        if self.co_quan:
            parts.append(f"của {self.co_quan}")
        if self.trich_yeu:
            parts.append(self.trich_yeu)
        return " ".join(parts)


class CanCu(VBModel):
    """One căn cứ: a cited document or free text, after a lead word such as ``Căn cứ`` or ``Thực hiện``."""

    dan_nhap: str = Field(default="", description="Từ dẫn: Căn cứ, Thực hiện, … (có thể bỏ trống).")
    van_ban: VanBanDanChieu | None = None
    noi_dung: str | None = Field(default=None, description="Căn cứ viết tự do, khi không tách được văn bản.")

    model_config = ConfigDict(json_schema_extra=accepts_string)

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        return {"noi_dung": data} if isinstance(data, str) else data

    @model_validator(mode="after")
    def _one_of(self) -> CanCu:
        if (self.van_ban is None) == (self.noi_dung is None):
            raise ValueError("căn cứ cần đúng một trong hai: 'van_ban' hoặc 'noi_dung'")
        return self

    def __str__(self) -> str:
        body = str(self.van_ban) if self.van_ban else self.noi_dung or ""
        return f"{self.dan_nhap} {body}".strip()


class NguoiKy(VBModel):
    """Ô 7: quyền hạn and chức vụ lines (``KT. GIÁM ĐỐC`` / ``PHÓ GIÁM ĐỐC``), then the name."""

    chuc_vu: Dong = Field(min_length=1, description="Các dòng quyền hạn, chức vụ (in hoa).")
    ho_ten: str | None = Field(default=None, description="Họ tên người ký; bỏ trống ở dự thảo.")
    chuc_vu_tren_ten: Dong = Field(
        default_factory=list, description="Chức danh kiêm nhiệm ghi dưới chỗ ký, ngay trên họ tên (in hoa)."
    )
    dong_khac: list[str] = Field(default_factory=list, description="Dòng khác ở chỗ ký, như văn bản viết: (Đã ký).")
    chuc_vu_sau: Dong = Field(
        default_factory=list, description="Chức danh ghi dưới họ tên (kiêm nhiệm), như văn bản viết."
    )

    @field_validator("chuc_vu")
    @classmethod
    def _check_lines(cls, lines: list[str]) -> list[str]:
        checked = []
        for line in lines:
            line = text.viet_hoa(line)
            match = _PREFIX_RE.match(line)
            if match and " " not in match["prefix"]:
                prefix = match["prefix"]
                if prefix not in QUYEN_HAN:
                    allowed = ", ".join(QUYEN_HAN)
                    raise ValueError(f"quyền hạn '{prefix}' không hợp lệ; chỉ dùng {allowed}")
                line = f"{prefix} {match['rest']}"
            checked.append(line)
        return checked

    @property
    def quyen_han(self) -> str | None:
        """The first signing-authority prefix (TM., KT., Q., TL., TUQ.), if any."""
        for line in self.chuc_vu:
            head = line.split(" ", 1)[0]
            if head in QUYEN_HAN:
                return head
        return None


class NguoiNhan(VBModel):
    """One recipient, written ``UBND tỉnh (b/c)``: name and the purpose mark."""

    ten: str
    muc_dich: str | None = Field(default=None, description="Ví dụ: b/c (báo cáo), t/h (thực hiện).")

    model_config = ConfigDict(json_schema_extra=accepts_string)

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        if not isinstance(data, str):
            return data
        line = text.nfc(data).strip().lstrip("-–•").strip().rstrip(";.").strip()
        match = _MARK_RE.search(line[-40:])  # only the end can hold the mark: no scan of a long line
        if match:
            return {"ten": line[: len(line) - (len(line[-40:]) - match.start())].rstrip(), "muc_dich": match["mark"]}
        return {"ten": line}

    def __str__(self) -> str:
        return f"{self.ten} ({self.muc_dich})" if self.muc_dich else self.ten

    @model_serializer(mode="plain")
    def _to_text(self) -> str:
        return str(self)


class NoiNhan(VBModel):
    """Ô 9b: recipients, then the archive line ``Lưu: VT, <đơn vị>.`` (ND30-NN-04)."""

    danh_sach: list[NguoiNhan] = Field(default_factory=list)
    luu: str | None = Field(
        description="Dòng Lưu, ví dụ: VT, KH&QLCN hoặc VT, HC (2); null khi văn bản đọc vào không có dòng Lưu."
    )

    @model_validator(mode="before")
    @classmethod
    def _need_luu(cls, data: Any) -> Any:
        if isinstance(data, dict) and "luu" in data and data["luu"] is None:
            return data
        if isinstance(data, dict) and not data.get("luu"):
            raise ValueError("nơi nhận thiếu dòng 'luu' (ví dụ: luu: VT, KH&QLCN)")
        return data

    @field_validator("luu")
    @classmethod
    def _check_luu(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = re.sub(r"^-?\s*Lưu\s*:\s*", "", value).rstrip(". ")
        if not value:
            raise ValueError("dòng Lưu trống; ví dụ: VT, KH&QLCN")
        return value  # a Lưu line without VT is kept as written; the checker reports it (ND30-NN-04)


class ThoiGian(VBModel):
    """A time frame: the whole year, quarters, months, a date, or free text.

    Written as the plans write it (``cả năm 2024``, ``Quý I, II năm 2024``,
    ``Tháng 12 năm 2024``); ``han`` marks a deadline (Thời gian hoàn thành).
    """

    loai: Literal["ca_nam", "quy", "thang", "ngay", "khac"]
    nam: int | None = Field(default=None, ge=1900, le=2200)
    quy: list[int] = Field(default_factory=list)
    thang: list[int] = Field(default_factory=list)
    ngay: date | None = None
    noi_dung: str | None = Field(default=None, description="Thời gian viết tự do (loai: khac).")
    han: bool = Field(default=False, description="Là hạn hoàn thành chứ không phải khoảng thực hiện.")

    model_config = ConfigDict(json_schema_extra=accepts_string)

    _date = field_validator("ngay", mode="before")(parse_date)

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        return _parse_thoi_gian(text.nfc(data)) if isinstance(data, str) else data

    @model_validator(mode="after")
    def _consistent(self) -> ThoiGian:
        need = {"ca_nam": "nam", "quy": "quy", "thang": "thang", "ngay": "ngay", "khac": "noi_dung"}[self.loai]
        if not getattr(self, need):
            raise ValueError(f"thời gian loại '{self.loai}' cần trường '{need}'")
        if any(not 1 <= q <= 4 for q in self.quy):
            raise ValueError("quý phải từ 1 đến 4")
        if any(not 1 <= m <= 12 for m in self.thang):
            raise ValueError("tháng phải từ 1 đến 12")
        return self

    def __str__(self) -> str:
        year = f" năm {self.nam}" if self.nam else ""
        if self.loai == "ca_nam":
            return f"cả năm {self.nam}"
        if self.loai == "quy":
            return "Quý " + ", ".join(text.la_ma(q) for q in self.quy) + year
        if self.loai == "thang":
            return "Tháng " + ", ".join(str(m) for m in self.thang) + year
        if self.loai == "ngay" and self.ngay:
            return ("Trước ngày " if self.han else "Ngày ") + text.ngay_ngan(self.ngay)
        return self.noi_dung or ""

    @property
    def nhan(self) -> str:
        """The label plans put before it."""
        return "Thời gian hoàn thành" if self.han else "Thời gian thực hiện"

    def cac_thang(self, nam: int) -> set[int] | None:
        """The months of year ``nam`` this time frame names (empty: another year; None: free text, unplaced)."""
        if self.nam not in (None, nam):
            return set()
        if self.loai == "ca_nam":
            return set(range(1, 13))
        if self.loai == "quy":
            return {m for q in self.quy for m in range(3 * q - 2, 3 * q + 1)}
        if self.loai == "thang":
            return set(self.thang)
        if self.loai == "ngay" and self.ngay:
            return {self.ngay.month} if self.ngay.year == nam else set()
        return None

    @model_serializer(mode="plain")
    def _to_text(self) -> Any:
        short = str(self)
        if self.han and self.loai != "ngay":
            short = f"hạn {short}"
        try:
            same = ThoiGian.model_validate(short) == self
        except ValueError:
            same = False
        if same:
            return short
        data: dict[str, Any] = {"loai": self.loai}
        for key in ("nam", "quy", "thang", "ngay", "noi_dung", "han"):
            value = getattr(self, key)
            if value:
                data[key] = value.isoformat() if isinstance(value, date) else value
        return data


_ROMAN_LIST = r"[IVX]+(?:\s*(?:,|và|-)\s*[IVX]+)*"


def _parse_thoi_gian(raw: str) -> dict[str, Any]:
    value = raw.strip().rstrip(".;")
    if m := re.match(r"(?i)(hạn|hoàn thành)\s*:?\s+", value):
        return {**_parse_thoi_gian(value[m.end() :]), "han": True}
    lower = value.lower()
    if m := re.fullmatch(r"(?:trong\s+)?cả năm (\d{4})", lower):
        return {"loai": "ca_nam", "nam": int(m[1])}
    if m := re.fullmatch(rf"quý ({_ROMAN_LIST})(?:\s*(?:năm\s+|/)(\d{{4}}))?", value, re.IGNORECASE):
        quarters = [text.tu_la_ma(q) for q in re.findall(r"[IVX]+", m[1].upper())]
        return {"loai": "quy", "quy": quarters, "nam": int(m[2]) if m[2] else None}
    if m := re.fullmatch(r"tháng (\d{1,2}(?:\s*,\s*\d{1,2})*)(?:\s*(?:năm\s+|/)(\d{4}))?", lower):
        months = [int(x) for x in re.findall(r"\d{1,2}", m[1])]
        if all(1 <= x <= 12 for x in months):
            return {"loai": "thang", "thang": months, "nam": int(m[2]) if m[2] else None}
    if m := re.fullmatch(r"(trước |hạn |chậm nhất |)ngày (\d{1,2}/\d{1,2}/\d{4})", lower):
        return {"loai": "ngay", "ngay": m[2], "han": bool(m[1])}
    return {"loai": "khac", "noi_dung": raw.strip()}
