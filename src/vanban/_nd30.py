"""The numbers and words of Nghị định 30/2020/NĐ-CP (Phụ lục I) in one place: page, margins, fonts, the
format of every component, spacing and tolerances, and the style ids of vanban's templates. The template
builder, the renderer and the checker all read them from here.

Units: twips (1/20 pt, 1 mm = 56.693 tw) for lengths, points for font sizes.
"""

from __future__ import annotations

from typing import NamedTuple

FONT = "Times New Roman"
QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"

# --- page (ND30-PAGE) --------------------------------------------------------------------------
A4 = (11906, 16838)  # portrait width × height
PAGE_TOLERANCE = 20
MARGINS = {"top": (1134, 1417), "bottom": (1134, 1417), "left": (1701, 1984), "right": (850, 1134)}
MARGIN_TOLERANCE = 6  # mm → twip rounding: 1417/1418, 850/851 are both in range
#: vanban's choice inside the ranges (the most common: 20, 20, 30, 15 mm), header 10 mm.
MARGIN = {"top": 1134, "bottom": 1134, "left": 1701, "right": 851, "header": 567, "footer": 567, "gutter": 0}
TEXT_WIDTH = A4[0] - MARGIN["left"] - MARGIN["right"]  # 9354
LANDSCAPE_TEXT_WIDTH = A4[1] - MARGIN["left"] - MARGIN["right"]
PAGE_NUMBER_SIZES = (13.0, 14.0)


class Format(NamedTuple):
    """How one component is written: allowed sizes (the first is vanban's), bold, italic, capitals,
    centred. ``None`` means the decree does not say."""

    sizes: tuple[float, ...]
    bold: bool | None
    italic: bool | None = False
    caps: bool | None = None
    center: bool = False

    @property
    def size(self) -> float:
        """The size vanban writes."""
        return self.sizes[0]


#: Phụ lục I, Phần I, Mục II: each component's format (spec §3–§5). vanban writes the first size.
FORMATS: dict[str, Format] = {
    "quoc_hieu": Format((12.0, 13.0), bold=True, caps=True, center=True),
    "tieu_ngu": Format((13.0, 14.0), bold=True, center=True),
    "chu_quan": Format((13.0, 12.0), bold=False, caps=True, center=True),
    "co_quan": Format((13.0, 12.0), bold=True, caps=True, center=True),
    "so": Format((13.0,), bold=False, center=True),
    "ngay": Format((14.0, 13.0), bold=False, italic=True, center=True),
    "ten_loai": Format((14.0, 13.0), bold=True, caps=True, center=True),
    "trich_yeu": Format((14.0, 13.0), bold=True, center=True),
    "kinh_gui": Format((14.0, 13.0), bold=None),
    "noi_dung": Format((14.0, 13.0), bold=None, italic=None),
    "chuc_vu": Format((14.0, 13.0), bold=True, caps=True, center=True),
    "ho_ten": Format((14.0, 13.0), bold=True, center=True),
    "noi_nhan_nhan": Format((12.0,), bold=True, italic=True),
    "noi_nhan": Format((11.0,), bold=False),
    "phu_luc_nhan": Format((14.0,), bold=True, center=True),
    "phu_luc_ten": Format((14.0, 13.0), bold=True, caps=True, center=True),
    "phu_luc_kem_theo": Format((14.0, 13.0), bold=False, italic=True, center=True),
    "so_trang": Format((14.0, 13.0), bold=False, center=True),
}
#: Word's half sizes inside a range (13.5 in "13–14") are accepted (spec §9.4).
HALF_SIZES = {(12.0, 13.0): 12.5, (13.0, 14.0): 13.5}


def allowed_sizes(fmt: Format) -> set[float]:
    sizes = set(fmt.sizes)
    low, high = min(sizes), max(sizes)
    if (low, high) in HALF_SIZES:
        sizes.add(HALF_SIZES[(low, high)])
    return sizes


# --- body (ND30-ND) --------------------------------------------------------------------------------
FIRST_LINE = (567, 720)  # 1 cm or 1.27 cm
INDENT_TOLERANCE = 28
PARAGRAPH_GAP = 120  # 6 pt between paragraphs
GAP_TOLERANCE = 1
LINE_AUTO = (240, 360)  # single to 1.5 lines, in 240ths of a line
LINE_TOLERANCE = 6
LINE_HEIGHT = 1.15  # Times New Roman's single line is about 1.15 × its size
LINE_EXACT_ERROR = (0.90, 1.55)  # × the single line height
BODY_LINE = 276  # vanban's line spacing (1.15)
BODY_AFTER = 120

# --- rule lines (QH-05, CQ-05, TL-03) ----------------------------------------------------------------
RULE_RATIO = 0.4  # vanban's rule under the agency and the trích yếu: inside 1/3–1/2
RULE_WARN = (0.30, 0.55)
RULE_ERROR = (0.25, 0.60)
TIEU_NGU_RULE_WARN = (0.90, 1.10)
TIEU_NGU_RULE_ERROR = (0.75, 1.25)

# --- the named paragraph styles of vanban's templates, and the component each one holds -------------
STYLE_ROLES = {
    "VBQuocHieu": "quoc_hieu",
    "VBTieuNgu": "tieu_ngu",
    "VBChuQuan": "chu_quan",
    "VBCoQuan": "co_quan",
    "VBSoKyHieu": "so",
    "VBDiaDanhNgay": "ngay",
    "VBTenLoai": "ten_loai",
    "VBTrichYeu": "trich_yeu",
    "VBNoiNhan": "noi_nhan_label",
    "VBNoiNhanMuc": "noi_nhan",
    "VBChucVu": "chuc_vu",
    "VBHoTen": "ho_ten",
}
QUYEN_HAN = ("TM.", "KT.", "Q.", "TL.", "TUQ.")
DIEM_ORDER = "a b c d đ e g h i k l m n o p q r s t u v x y".split()
