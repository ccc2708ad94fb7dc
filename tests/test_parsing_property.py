"""parse(render(m)) == m over generated plans: hard characters, long lines, empty fields, 0 to 60 tasks,
free sections with nested numbered khoản and tables, appendices with tables (merged cells, header rows,
landscape or not), footnotes, titles after the signer's name, lines before the header and after the signature.

Generated plans stay inside what a document can say without ambiguity (the canonical form): a
result that starts with a number names its target, the plan's year ends its trích yếu, and free
text does not look like a heading, a label or a citation.
"""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vanban
from vanban.models import KeHoach

WORDS = [
    "triển khai", "thực hiện", "đơn vị", "chất lượng", "đề án", "Hợp tác xã", "đổi mới", "sáng tạo", "kiểm tra",
    "A&B", "<mẫu>", '"trích dẫn"', "'nháy'", "Đặc khu", "đồng bộ", "hiệu quả", "cán bộ", "tỉnh", "100%", "số hóa",
    "Ủy ban", "hoà", "dịch vụ công", "R&D", "x<y>z", "quản lý", "giai đoạn 2021 – 2025", "nông nghiệp", "Đ",
]  # fmt: skip
AGENCIES = [("SỞ KHOA HỌC VÀ CÔNG NGHỆ", "SKHCN"), ("SỞ NỘI VỤ", "SNV"), ("TRƯỜNG THPT CAO LÃNH 2", "THPTCL2")]
UNITS = ["Doanh nghiệp, Hợp tác xã", "mô hình", "sản phẩm", "hồ sơ"]


def sentence(min_words: int = 3, max_words: int = 14, end: str = "") -> st.SearchStrategy[str]:
    def build(words: list[str]) -> str:
        text = " ".join(words)
        return text[0].upper() + text[1:] + end

    return st.lists(st.sampled_from(WORDS), min_size=min_words, max_size=max_words).map(build)


def time_frame(year: int) -> st.SearchStrategy[str]:
    return st.sampled_from(
        [
            f"cả năm {year}",
            f"Quý I, II năm {year}",
            f"Quý IV năm {year}",
            f"Tháng 12 năm {year}",
            f"hạn Tháng 6 năm {year}",
            "Thường xuyên trong năm",
        ]
    )


@st.composite
def result_with_target(draw: st.DrawFn) -> tuple[str, list[dict]]:
    if draw(st.booleans()):
        return draw(sentence(end=".")), []
    count, unit = draw(st.integers(1, 500)), draw(st.sampled_from(UNITS))
    written = f"{count:02d}" if count < 10 else str(count)
    return f"{written} {unit} được {draw(sentence(2, 6))}.", [{"so_luong": count, "don_vi": unit}]


@st.composite
def task(draw: st.DrawFn, year: int) -> dict:
    data: dict = {"ten": draw(sentence(3, 20))}
    if draw(st.booleans()):
        data["chu_tri"] = draw(sentence(2, 6))
    data["phoi_hop"] = draw(st.lists(sentence(2, 4), max_size=2))
    if draw(st.booleans()):
        data["thoi_gian"] = draw(time_frame(year))
    activities = []
    for _ in range(draw(st.integers(0, 3))):
        if draw(st.booleans()):
            activities.append({"noi_dung": draw(sentence(3, 30, ".")), "thoi_gian": draw(time_frame(year))})
        else:
            activities.append(draw(sentence(3, 60, ".")))
    data["hoat_dong"] = activities
    if draw(st.booleans()):
        data["ket_qua"], data["chi_tieu"] = draw(result_with_target())
    return data


@st.composite
def table(draw: st.DrawFn) -> dict:
    """A table: 1–4 columns, a bold header row or none, cells of one or two lines, a cell spanning two columns
    or two rows now and then."""
    columns = draw(st.integers(2, 4))
    rows = []
    for number in range(draw(st.integers(1, 5))):
        row: list = []
        column = 0
        while column < columns:
            text = draw(sentence(1, 5)) + draw(st.sampled_from(["", "\n" + "Dòng hai"]))
            if column + 1 < columns and number and draw(st.integers(0, 5)) == 0:
                row.append({"doan": text.split("\n"), "gop_cot": 2})
                column += 2
                continue
            if number and rows and draw(st.integers(0, 6)) == 0 and isinstance(rows[-1][0], str) and column == 0:
                row.append({"noi_tren": True})
            else:
                row.append(text)
            column += 1
        rows.append(row)
    header = draw(st.integers(0, 1)) if len(rows) > 1 else 0
    if len(rows) > 2 and draw(st.booleans()):
        rows[-1] = [{"doan": c.split("\n"), "dam": True} if isinstance(c, str) else c for c in rows[-1]]  # a bold row
    return {"hang": rows, "hang_tieu_de": header}


@st.composite
def free_content(draw: st.DrawFn) -> list:
    """Paragraphs, a table, then a titled khoản (with a table and a nested khoản, numbered as written): what follows
    a khoản's title belongs to it, so nothing of the section comes after one."""
    items: list = draw(st.lists(sentence(4, 30, "."), max_size=2))
    if draw(st.booleans()):
        items.append(draw(table()))
    if draw(st.booleans()):
        inner = {
            "tieu_de": draw(sentence(2, 5)),
            "so": "1.2.",
            "doan": draw(st.lists(sentence(4, 20, "."), max_size=1)),
        }
        items.append({"tieu_de": draw(sentence(2, 5)), "doan": [draw(sentence(4, 20, ".")), draw(table()), inner]})
    return items


@st.composite
def appendix(draw: st.DrawFn) -> dict:
    return {
        "nhan": draw(st.sampled_from(["Phụ lục II", "Biểu mẫu số 01", "Phụ lục"])),
        "tieu_de": [draw(sentence(2, 8)).upper()],
        "ghi_chu": draw(st.sampled_from([None, "(Kèm theo Kế hoạch số 19/KH-SKHCN ngày 31/01/2024)"])),
        "noi_dung": [draw(sentence(3, 12, ".")), draw(table())],
        "ngang": draw(st.booleans()),
    }


@st.composite
def plan(draw: st.DrawFn) -> KeHoach:
    year = draw(st.integers(2020, 2030))
    agency, code = draw(st.sampled_from(AGENCIES))
    number = draw(st.one_of(st.none(), st.integers(1, 300)))
    citations = [
        {
            "dan_nhap": "Căn cứ",
            "van_ban": {
                "loai": draw(st.sampled_from(["Quyết định", "Nghị quyết", "Kế hoạch"])),
                "so_ky_hieu": f"{draw(st.integers(1, 999))}/QĐ-UBND",
                "ngay": date(year - 1, draw(st.integers(1, 12)), draw(st.integers(1, 28))).isoformat(),
                "co_quan": draw(st.sampled_from(["UBND tỉnh Lạng Sơn", "Chính phủ", "Bộ Nội vụ"])),
                "trich_yeu": "về việc " + draw(sentence(2, 10)).lower(),
            },
        }
        for _ in range(draw(st.integers(0, 3)))
    ]
    count = draw(st.one_of(st.integers(0, 8), st.sampled_from([30, 60])))
    tasks = draw(st.lists(task(year), min_size=count, max_size=count))
    data = {
        "co_quan": {"chu_quan": draw(st.sampled_from(["", "UBND TỈNH LẠNG SƠN"])), "ten": agency, "viet_tat": code},
        "so_ky_hieu": f"{number or ''}/KH-{code}",
        "dia_danh": draw(st.sampled_from(["Lạng Sơn", "Hà Nội", "Thành phố Hồ Chí Minh"])),
        "ngay_ban_hanh": draw(
            st.sampled_from([date(year, 1, 31).isoformat(), {"nam": year, "thang": 12}, {"nam": year}])
        ),
        "nam": year,
        "trich_yeu": draw(sentence(2, 12)) + draw(st.sampled_from([" ", "\n"])) + f"công tác năm {year}",
        "can_cu": citations,
        "trinh_bay_can_cu": "gop" if len(citations) > 1 and draw(st.booleans()) else "moi_dong",
        "mo_dau": draw(st.lists(sentence(4, 40, " như sau:"), max_size=1)),
        "muc_dich": draw(st.lists(sentence(4, 40, "."), max_size=3)),
        "yeu_cau": draw(st.lists(sentence(4, 40, "."), max_size=3)),
        "nhiem_vu": tasks,
        "to_chuc_thuc_hien": draw(st.lists(sentence(5, 40, "."), max_size=2))
        + [
            {"tieu_de": draw(sentence(2, 5)), "doan": draw(st.lists(sentence(4, 30, "."), max_size=2))}
            for _ in range(draw(st.integers(0, 2)))
        ],
        "ket_luan": draw(st.sampled_from([None, "Trên đây là kế hoạch của đơn vị./."])),
        "nguoi_ky": {
            "chuc_vu": draw(
                st.sampled_from(
                    [
                        ["GIÁM ĐỐC"],
                        ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
                        ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
                    ]
                )
            ),
            "ho_ten": draw(st.sampled_from([None, "Nguyễn Thị Hà"])),
        },
        "noi_nhan": {
            "danh_sach": draw(
                st.lists(st.sampled_from(["UBND tỉnh (b/c)", "Lãnh đạo Sở", "Các phòng (t/h)"]), max_size=3)
            ),
            "luu": f"VT, {code}",
        },
    }
    if tasks and draw(st.booleans()):
        data["nhan"] = {"nhiem_vu": None}
    data["kinh_phi"] = draw(free_content())
    data["phu_luc_khac"] = draw(st.lists(appendix(), max_size=2))
    if draw(st.booleans()):
        data["nguoi_ky"]["chuc_vu_sau"] = ["GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ"]
        data["nguoi_ky"]["ho_ten"] = "Nguyễn Thị Hà"
    if data["muc_dich"] and draw(st.booleans()):
        data["muc_dich"][0] = data["muc_dich"][0] + "[^1]"
        data["chu_thich"] = [draw(sentence(3, 12, "."))]
    if draw(st.booleans()):
        data["dong_dau"] = ["DỰ THẢO"]
    if draw(st.booleans()):
        data["dong_cuoi"] = [draw(sentence(3, 8, "."))]
    return KeHoach.model_validate(data)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(plan())
def test_parse_of_render_is_identity(model):
    assert vanban.parse(vanban.render_bytes(model)) == model
