"""Vietnamese formatting for administrative documents (Nghị định 30/2020/NĐ-CP).

Every function is pure; the examples below are run as tests.

>>> from datetime import date
>>> ngay_thang(date(2024, 1, 31))
'ngày 31 tháng 01 năm 2024'
>>> ngay_thang(date(2024, 3, 5))
'ngày 05 tháng 3 năm 2024'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date
from decimal import Decimal

__all__ = [
    "BLANK",
    "dem",
    "la_ma",
    "legacy_encoding",
    "tcvn3_sang_unicode",
    "vni_sang_unicode",
    "sang_unicode",
    "ngat_dong",
    "nfc",
    "ngay_ngan",
    "ngay_thang",
    "so",
    "tu_so",
    "so_hai_chu",
    "so_ky_hieu",
    "thang_chu",
    "ti_le",
    "tu_la_ma",
    "viet_hoa",
]

#: What a draft shows where the registry will later write the number or the day.
BLANK = "\u00a0" * 6

_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)
_ROMAN_RE = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")


def nfc(value: str) -> str:
    """Unicode NFC, the precomposed form TCVN 6909:2001 expects.

    >>> nfc("Ho\u0300a") == "Hòa"
    True
    """
    return unicodedata.normalize("NFC", value)


def viet_hoa(value: str) -> str:
    """Upper case that keeps Vietnamese letters whole (đ → Đ).

    >>> viet_hoa("Sở Khoa học và Công nghệ")
    'SỞ KHOA HỌC VÀ CÔNG NGHỆ'
    >>> viet_hoa("ủy ban nhân dân tỉnh lạng sơn")
    'ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN'
    """
    return nfc(nfc(value).upper())


#: Words that begin the name of an administrative level: a name breaks before them, never inside what follows.
CAP_HANH_CHINH = ("TỈNH", "THÀNH PHỐ", "XÃ", "PHƯỜNG", "ĐẶC KHU", "HUYỆN", "QUẬN", "THỊ XÃ", "THỊ TRẤN")
_JOINERS = ("VÀ", "CỦA", "VỀ", "CÁC", "THUỘC", "TRỰC THUỘC")


#: Two-syllable words of agencies' names, never broken across lines (place names after a level word stay whole).
_TU_GHEP = frozenset(
    """ỦY_BAN UỶ_BAN NHÂN_DÂN HỘI_ĐỒNG NÔNG_NGHIỆP MÔI_TRƯỜNG KHOA_HỌC CÔNG_NGHỆ QUẢN_LÝ CÔNG_NGHIỆP VĂN_HÓA
    VĂN_HOÁ THỂ_THAO DU_LỊCH GIÁO_DỤC ĐÀO_TẠO BẢO_VỆ PHÁT_TRIỂN NỘI_VỤ TÀI_CHÍNH XÂY_DỰNG Y_TẾ TƯ_PHÁP CÔNG_THƯƠNG
    NGOẠI_VỤ DÂN_TỘC TÔN_GIÁO GIAO_THÔNG VẬN_TẢI KẾ_HOẠCH ĐẦU_TƯ LAO_ĐỘNG THƯƠNG_BINH XÃ_HỘI THÔNG_TIN TRUYỀN_THÔNG
    TÀI_NGUYÊN THANH_TRA VĂN_PHÒNG TRUNG_TÂM CHI_CỤC BẢO_HIỂM KHO_BẠC CHỈ_ĐẠO THƯỜNG_TRỰC MẶT_TRẬN TỔ_QUỐC
    VIỆT_NAM BẦU_CỬ TUYÊN_TRUYỀN KHÁNH_TIẾT CÔNG_AN QUÂN_SỰ CHỈ_HUY DOANH_NGHIỆP HỢP_TÁC NĂNG_LƯỢNG SỐ_HÓA
    CHUYỂN_ĐỔI ĐỔI_MỚI SÁNG_TẠO TRƯỜNG_HỌC TRUNG_HỌC TIỂU_HỌC PHỔ_THÔNG MẦM_NON CHÍNH_TRỊ ĐẢNG_ỦY""".split()
)


def _best_lines(words: list[str], fits: Callable[[str], bool], rank: Callable[[int], int]) -> list[str] | None:
    """The words in two or three lines that all fit, broken at the best places: the fewest bad breaks first
    (``rank(i)`` of a break before word ``i``: 0 best), then the fewest lines, then the most even lengths."""
    n = len(words)
    best: tuple[tuple[int, ...], list[str]] | None = None
    cuts = [(i,) for i in range(1, n)] + [(i, j) for i in range(1, n - 1) for j in range(i + 1, n)]
    for cut in cuts:
        bounds = [0, *cut, n]
        lines = [" ".join(words[a:b]) for a, b in zip(bounds, bounds[1:], strict=False)]
        if not all(fits(line) for line in lines):
            continue
        score = (
            max(rank(i) for i in cut),
            sum(rank(i) for i in cut),
            len(lines),
            max(map(len, lines)) - min(map(len, lines)),
        )
        if best is None or score < best[0]:
            best = (score, lines)
    return best[1] if best else None


def ngat_dong(line: str, fits: Callable[[str], bool]) -> list[str]:
    """An agency's name in capitals, broken into lines that ``fits`` accepts, where a person breaks it:
    before the level word (``ỦY BAN NHÂN DÂN / TỈNH LÂM ĐỒNG``), else before a joining word or after a comma
    (``SỞ NÔNG NGHIỆP / VÀ MÔI TRƯỜNG``), else between words, the lines as even as they can be; never inside a
    two-syllable word of an agency's name (``BẢO VỆ``), nor inside the place name after a level word.

    >>> ngat_dong("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG", lambda s: len(s) <= 20)
    ['ỦY BAN NHÂN DÂN', 'TỈNH LÂM ĐỒNG']
    >>> ngat_dong("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", lambda s: len(s) <= 20)
    ['SỞ NÔNG NGHIỆP', 'VÀ MÔI TRƯỜNG']
    >>> ngat_dong("UBND THÀNH PHỐ HỒ CHÍ MINH", lambda s: len(s) <= 20)
    ['UBND', 'THÀNH PHỐ HỒ CHÍ MINH']
    >>> ngat_dong("HỘI ĐỒNG QUẢN LÝ QUỸ BẢO VỆ VÀ PHÁT TRIỂN RỪNG", lambda s: len(s) <= 20)
    ['HỘI ĐỒNG QUẢN LÝ', 'QUỸ BẢO VỆ', 'VÀ PHÁT TRIỂN RỪNG']
    >>> ngat_dong("SỞ TƯ PHÁP", lambda s: len(s) <= 20)
    ['SỞ TƯ PHÁP']
    """
    if fits(line):
        return [line]
    words = line.split()
    level_at = next(
        (i for i in range(1, len(words)) if any(f"{' '.join(words[i:])} ".startswith(f"{w} ") for w in CAP_HANH_CHINH)),
        None,
    )
    if level_at is not None:  # the place name stays whole, even a long one; what comes before it is broken alone
        head = " ".join(words[:level_at])
        return [*ngat_dong(head, fits), " ".join(words[level_at:])]

    def rank(cut: int) -> int:
        if words[cut] in _JOINERS or words[cut - 1].endswith(","):
            return 0
        return 2 if f"{words[cut - 1]}_{words[cut]}" in _TU_GHEP else 1

    return (_best_lines(words, fits, rank) if len(words) <= 40 else None) or _fill(words, fits)


def _fill(words: list[str], fits: Callable[[str], bool]) -> list[str]:
    """Words filled into lines one by one (a text too long for two or three lines)."""
    lines = [words[0]]
    for word in words[1:]:
        if fits(f"{lines[-1]} {word}"):
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


#: Words a trích yếu's phrase starts with: a line may break before them.
_PHRASE_STARTS = frozenset("về của năm trên giai tại nhằm đối theo đến cho trong quý tháng".split())


def ngat_trich_yeu(line: str, fits: Callable[[str], bool]) -> list[str]:
    """A trích yếu line that does not fit, broken into balanced lines before a phrase (``về``, ``của``, ``năm``,
    ``trên địa bàn`` …) or after a comma, never leaving a word alone on a line.

    >>> ngat_trich_yeu("Triển khai thực hiện nhiệm vụ trọng tâm của Sở Khoa học và Công nghệ năm 2024",
    ...                lambda s: len(s) <= 50)
    ['Triển khai thực hiện nhiệm vụ trọng tâm', 'của Sở Khoa học và Công nghệ năm 2024']
    """
    if fits(line):
        return [line]
    words = line.split()
    if len(words) < 4:
        return [line]

    def rank(cut: int) -> int:
        if cut < 2 or cut > len(words) - 2:
            return 9  # one word alone on a line
        if words[cut].lower() in _PHRASE_STARTS:
            return 0
        return 1 if words[cut - 1].endswith((",", ";")) or words[cut].lower() in ("và", "với") else 2

    return (_best_lines(words, fits, rank) if len(words) <= 60 else None) or _fill(words, fits)


_UY_BAN = re.compile(
    r"^(ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|HỘI ĐỒNG NHÂN DÂN)\s+(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN|"
    r"ĐẶC KHU)\s+(\S.*)$"
)
#: Names of departments whose words are not written the usual way (each part's first word capitalised).
_TEN_SO_RIENG = {"CÔNG THƯƠNG": "Công Thương"}


def ten_uy_ban(name: str) -> str | None:
    """A people's committee or council named in capitals, as a sentence writes it: ``ỦY BAN NHÂN DÂN TỈNH LÂM
    ĐỒNG`` is ``Ủy ban nhân dân tỉnh Lâm Đồng`` (a place name capitalises every syllable).

    >>> ten_uy_ban("ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG"), ten_uy_ban("SỞ NỘI VỤ")
    ('Ủy ban nhân dân tỉnh Lâm Đồng', None)
    """
    match = _UY_BAN.match(" ".join(name.split()))
    if not match or any(c.islower() for c in match[3]):
        return None
    body = "Ủy ban nhân dân" if "BAN" in match[1] else "Hội đồng nhân dân"
    return f"{body} {match[2].lower()} {' '.join(word.capitalize() for word in match[3].split())}"


def ten_so(name: str) -> str | None:
    """A department named in capitals as a sentence usually writes it: the first word of each part capitalised
    (``SỞ GIÁO DỤC VÀ ĐÀO TẠO`` → ``Sở Giáo dục và Đào tạo``). A guess: names of people or places inside would
    need their own capitals.

    >>> ten_so("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"), ten_so("SỞ CÔNG THƯƠNG"), ten_so("PHÒNG NỘI VỤ")
    ('Sở Văn hóa, Thể thao và Du lịch', 'Sở Công Thương', None)
    """
    words = " ".join(name.split())
    if not words.startswith("SỞ ") or any(c.islower() for c in words):
        return None
    body = words[3:]
    if body in _TEN_SO_RIENG:
        return f"Sở {_TEN_SO_RIENG[body]}"
    parts = re.split(r"(, | VÀ )", body)
    return "Sở " + "".join(p.lower() if p in (", ", " VÀ ") else p.capitalize() for p in parts)


def so_hai_chu(number: int) -> str:
    """A number below 10 with a leading zero, as the decree writes days and numbers.

    >>> so_hai_chu(5), so_hai_chu(19)
    ('05', '19')
    """
    return f"{number:02d}"


def thang_chu(month: int) -> str:
    """Month as the decree writes it: months 1 and 2 padded, 3-12 not.

    >>> thang_chu(1), thang_chu(2), thang_chu(3), thang_chu(12)
    ('01', '02', '3', '12')
    """
    if not 1 <= month <= 12:
        raise ValueError(f"tháng {month} không tồn tại")
    return f"{month:02d}" if month < 3 else str(month)


def ngay_thang(
    value: date | None = None,
    *,
    nam: int | None = None,
    thang: int | None = None,
    cho_trong: int = 6,
) -> str:
    """Issue date for ô 4 (ND30-DD-02), or the blanks of a draft.

    >>> ngay_thang(date(2020, 3, 5))
    'ngày 05 tháng 3 năm 2020'
    >>> ngay_thang(date(2024, 12, 31))
    'ngày 31 tháng 12 năm 2024'
    >>> ngay_thang(nam=2025, thang=12).replace(BLANK, "_")
    'ngày _ tháng 12 năm 2025'
    >>> ngay_thang(nam=2025).replace(BLANK, "_")
    'ngày _ tháng _ năm 2025'
    """
    if value is not None:
        return f"ngày {so_hai_chu(value.day)} tháng {thang_chu(value.month)} năm {value.year}"
    blank = "\u00a0" * cho_trong  # BLANK, or fewer where a long place name needs the room
    month = thang_chu(thang) if thang else blank
    return f"ngày {blank} tháng {month} năm {nam or blank}"


def ngay_ngan(value: date) -> str:
    """Date of a cited document: day padded, months 1-2 padded.

    >>> ngay_ngan(date(2024, 1, 20))
    '20/01/2024'
    >>> ngay_ngan(date(2021, 9, 2))
    '02/9/2021'
    >>> ngay_ngan(date(2021, 11, 25))
    '25/11/2021'
    """
    return f"{so_hai_chu(value.day)}/{thang_chu(value.month)}/{value.year}"


def so_ky_hieu(so: int | None, ky_hieu: str) -> str:
    """Ô 3: ``Số:`` with the number (padded below 10) and the ký hiệu.

    A draft has no number yet and shows blanks for the registry to fill.

    >>> so_ky_hieu(19, "KH-SKHCN")
    'Số: 19/KH-SKHCN'
    >>> so_ky_hieu(5, "BC-UBND")
    'Số: 05/BC-UBND'
    >>> so_ky_hieu(None, "KH-UBND").replace(BLANK, "_")
    'Số: _/KH-UBND'
    """
    number = BLANK if so is None else so_hai_chu(so)
    return f"Số: {number}/{ky_hieu}"


def dem(count: int, noun: str = "") -> str:
    """A count as plans write it: below 10 with a leading zero, thousands grouped with dots.

    >>> dem(5, "nhiệm vụ")
    '05 nhiệm vụ'
    >>> dem(25, "mô hình")
    '25 mô hình'
    >>> dem(0), dem(12500)
    ('0', '12.500')
    """
    text = so_hai_chu(count) if 0 < count < 10 else so(count)
    return f"{text} {noun}".rstrip()


def la_ma(number: int) -> str:
    """Roman numeral for quarters and section numbers.

    >>> la_ma(1), la_ma(4), la_ma(9), la_ma(14)
    ('I', 'IV', 'IX', 'XIV')
    """
    if not 0 < number < 4000:
        raise ValueError(f"không viết được {number} bằng số La Mã")
    parts = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        parts.append(letters * count)
    return "".join(parts)


def tu_la_ma(numeral: str) -> int:
    """Inverse of :func:`la_ma`.

    >>> tu_la_ma("IV"), tu_la_ma("XII")
    (4, 12)
    """
    numeral = numeral.strip().upper()
    if not numeral or not _ROMAN_RE.match(numeral):
        raise ValueError(f"'{numeral}' không phải số La Mã")
    total, rest = 0, numeral
    for value, letters in _ROMAN:
        while rest.startswith(letters):
            total += value
            rest = rest[len(letters) :]
    return total


def so(value: int | float | Decimal) -> str:
    """A number in Vietnamese notation (babel ``vi``): dot for thousands, comma for decimals.

    >>> so(1234567.5)
    '1.234.567,5'
    >>> so(15)
    '15'
    """
    from babel.numbers import format_decimal

    return format_decimal(value, locale="vi")


def tu_so(value: str) -> int | float:
    """Inverse of :func:`so`, babel's ``vi`` reading: "." groups thousands, "," is the decimal mark; whole
    numbers come back as ``int``. A dot that does not group three digits ("1.5") could be either, so it
    is refused, like a number that is not finite or is absurdly large.

    >>> tu_so("1.234,5"), tu_so("06"), tu_so("2.000"), tu_so("2.000.000"), tu_so("12,5"), tu_so("1 000")
    (1234.5, 6, 2000, 2000000, 12.5, 1000)
    >>> tu_so("1.5")
    Traceback (most recent call last):
    ...
    ValueError: '1.5' không rõ: dấu chấm chỉ dùng để nhóm hàng nghìn (1.500), dấu phẩy là dấu thập phân (1,5)
    """
    from babel.numbers import NumberFormatError, parse_decimal

    raw = re.sub(r"(?<=\d)[ \u00a0\u202f](?=\d{3}\b)", "", value.strip())
    if not re.fullmatch(r"[+-]?\d[\d.,]*", raw):
        raise ValueError(f"'{value}' không phải là số")
    try:
        number = parse_decimal(raw, locale="vi", strict=True)
    except NumberFormatError:
        raise ValueError(
            f"'{value}' không rõ: dấu chấm chỉ dùng để nhóm hàng nghìn (1.500), dấu phẩy là dấu thập phân (1,5)"
        ) from None
    if not number.is_finite() or abs(number) > 10**15:
        raise ValueError(f"'{value}' quá lớn")
    return int(number) if number == number.to_integral_value() else float(number)


def ti_le(value: float | Decimal, digits: int = 2) -> str:
    """A ratio as a Vietnamese percentage.

    >>> ti_le(0.4)
    '40%'
    >>> ti_le(0.2245)
    '22,45%'
    >>> ti_le(1)
    '100%'
    """
    from babel.numbers import format_percent

    pattern = "#,##0" + ("." + "#" * digits if digits else "") + "%"
    return format_percent(value, format=pattern, locale="vi")


_VIETNAMESE_LATIN1 = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")
_COMMON_SYMBOLS = set("°§«»©®±×·\u00a0")


def legacy_encoding(text: str) -> str | None:
    """Name the pre-Unicode encoding (TCVN3 or VNI) a text was typed in, if it shows.

    Typed in a Unicode document, those encodings leave Latin-1 letters that Vietnamese
    never uses.

    >>> legacy_encoding("Céng hßa x· héi chñ nghÜa ViÖt Nam")
    'TCVN3'
    >>> legacy_encoding("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam")
    'VNI'
    >>> legacy_encoding("Cộng hòa xã hội chủ nghĩa Việt Nam") is None
    True
    """
    if len(text) < 8 or any("\u0100" <= c <= "\u1eff" for c in text):
        return None  # short, or has letters (đ, ư, ạ, …) that only Unicode Vietnamese has
    odd = [c for c in text if "\u00a1" <= c <= "\u00ff" and c not in _VIETNAMESE_LATIN1 and c not in _COMMON_SYMBOLS]
    odd += re.findall(r"(?<=[a-z])[ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ]", text)  # a capital inside a word: "kÕ", "vÒ"
    if len(odd) < 2 or len(odd) / len(text) < 0.04:
        return None
    # VNI only uses codes from À up; TCVN3 also uses ¡…¿ (and ß for ò)
    return "TCVN3" if any(c < "\u00c0" or c == "ß" for c in odd) else "VNI"


# TCVN 5712:1993 (TCVN3, "ABC"): the 8-bit code of each Vietnamese letter, as Latin-1 shows it.
_TCVN3 = dict(
    zip(
        "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\u00adõøö÷ùúýûüþ¡¢§£¤¥¦",
        "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ",
        strict=True,
    )
)


def tcvn3_sang_unicode(value: str, hoa: bool = False) -> str:
    """Text typed in TCVN3 (.VnTime fonts) as Unicode; ``hoa`` for the capital fonts (.VnTimeH).

    >>> tcvn3_sang_unicode("Céng hßa x· héi chñ nghÜa ViÖt Nam")
    'Cộng hòa xã hội chủ nghĩa Việt Nam'
    >>> tcvn3_sang_unicode("kÕ ho¹ch", hoa=True)
    'KẾ HOẠCH'
    """
    converted = "".join(_TCVN3.get(char, char) for char in value)
    return nfc(converted.upper() if hoa else converted)


# VNI-Windows (VNI-Times fonts): a base letter followed by a code for its marks, as Latin-1 shows it.
_VNI_LETTERS = dict(zip("ôöñíìæóòîÔÖÑÍÌÆÓÒÎ", "ơưđíìỉĩịỵƠƯĐÍÌỈĨỊỴ", strict=True))
_TONES = "\u0301\u0300\u0309\u0303\u0323"  # sắc, huyền, hỏi, ngã, nặng
_VNI_MARKS = {  # code: (the bases it follows, combining marks)
    **{code: ("aeouyơư", tone) for codes in ("ùøûõï", "ÙØÛÕÏ") for code, tone in zip(codes, _TONES, strict=True)},
    **{
        code: ("aeo", "\u0302" + tone) for codes in ("áàåãä", "ÁÀÅÃÄ") for code, tone in zip(codes, _TONES, strict=True)
    },
    **{code: ("a", "\u0306" + tone) for codes in ("éèúüë", "ÉÈÚÜË") for code, tone in zip(codes, _TONES, strict=True)},
    "â": ("aeo", "\u0302"),
    "Â": ("aeo", "\u0302"),
    "ê": ("a", "\u0306"),
    "Ê": ("a", "\u0306"),
}


def vni_sang_unicode(value: str) -> str:
    """Text typed in VNI-Windows (VNI-Times fonts) as Unicode.

    >>> vni_sang_unicode("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam")
    'Cộng hòa xã hội chủ nghĩa Việt Nam'
    >>> vni_sang_unicode("Ñoäc laäp - Töï do - Haïnh phuùc")
    'Độc lập - Tự do - Hạnh phúc'
    >>> vni_sang_unicode("KEÁ HOAÏCH THÖÏC HIEÄN NAÊM 2024")
    'KẾ HOẠCH THỰC HIỆN NĂM 2024'
    """
    out: list[str] = []
    for char in value:
        mark = _VNI_MARKS.get(char)
        if mark and out and out[-1].lower() in mark[0]:
            out.append(mark[1])
        else:
            out.append(_VNI_LETTERS.get(char, char))
    return nfc("".join(out))


def sang_unicode(value: str) -> str:
    """Text as Unicode, whatever of TCVN3, VNI or Unicode it was typed in (as :func:`legacy_encoding` tells).

    >>> sang_unicode("QuyÕt ®Þnh sè 145/Q§-UBND vÒ kÕ ho¹ch")
    'Quyết định số 145/QĐ-UBND về kế hoạch'
    >>> sang_unicode("Quyeát ñònh soá 145/QÑ-UBND veà keá hoaïch")
    'Quyết định số 145/QĐ-UBND về kế hoạch'
    >>> sang_unicode("Quyết định số 145/QĐ-UBND về kế hoạch")
    'Quyết định số 145/QĐ-UBND về kế hoạch'
    """
    kind = legacy_encoding(value)
    if kind == "TCVN3":
        return tcvn3_sang_unicode(value)
    return vni_sang_unicode(value) if kind == "VNI" else value
