"""Every rule ID of the spec (118) and what the checker does with it: checked by a rule of its own, checked
under another ID, or not checkable in a DOCX file, and why. ``vanban check --rules`` prints this."""

from __future__ import annotations

from dataclasses import dataclass

from . import appendix, body, header, page, signature, title  # noqa: F401  (they register the rules)
from .core import RULES

#: IDs checked by another rule's finding, and which.
COVERED = {
    "ND30-PL-05": "ND30-PAGE-06",
    "ND30-KG-04": "ND30-NN-05 (báo cáo: ND30-BC-02)",
    "ND30-DD-04": "ND30-DD-03 (căn giữa) và ND30-LAYOUT-02 (cùng dòng với số)",
    "ND30-TL-05": "ND30-SO-04, ND30-KH-01, ND30-BC-01",
    "ND30-KH-02": "ND30-HD-02, ND30-HD-03, ND30-HD-10",
    "ND30-HD-04": "ND30-HD-10 (khoản không tên viết như nội dung: ND30-ND-01)",
    "ND30-QH-07": "ND30-QH-02 và ND30-QH-04 (mỗi cỡ trong khoảng của nó)",
}

#: IDs a DOCX cannot show, and why.
NOT_CHECKABLE = {
    "ND30-SO-06": "chữ viết tắt tên cơ quan do người đứng đầu quy định; không có danh mục để đối chiếu",
    "ND30-DD-05": "địa danh đúng của từng cơ quan cần danh mục đơn vị hành chính, không có trong tệp",
    "ND30-HD-06": "gạch đầu dòng '-', '+' dưới điểm là thói quen, Nghị định không quy định",
    "ND30-HD-07": "Nghị định không quy định căn lề dòng I., 1., a)",
    "ND30-CK-05": "chức vụ có do Nhà nước quy định hay không cần danh mục chức danh",
    "ND30-CK-06": "khoảng trống để ký không được quy định (chỉ là thói quen)",
    "ND30-CK-07": "mực xanh là của bản giấy, không có trong tệp Word",
    "ND30-NN-06": "ghi chú (để b/c), (để t/h) chỉ là thông tin, không có gì để báo lỗi",
    "ND30-MAT-01": "mẫu dấu mật theo luật bảo vệ bí mật nhà nước, ngoài Nghị định 30",
    "ND30-SIG-01": "chữ ký số do phần mềm ký số đóng vào bản PDF, không có trong tệp Word",
    "ND30-SIG-02": "chữ ký số của cơ quan do phần mềm ký số đóng vào bản PDF",
    "ND30-SIG-03": "chữ ký số trên tệp đính kèm do phần mềm ký số đóng",
    "ND30-SIG-04": "bản sao điện tử do phần mềm ký số tạo",
    "ND30-VH-01": "viết hoa đầu câu cần tách câu chắc chắn; dễ báo nhầm với tên viết tắt, số thứ tự",
    "ND30-VH-02": "tên người cần nhận biết tên riêng",
    "ND30-VH-03": "cần danh mục đơn vị hành chính để biết đâu là tên riêng",
    "ND30-VH-04": "cần danh mục đơn vị hành chính mang số, tên người, sự kiện",
    "ND30-VH-06": "cần danh mục địa danh",
    "ND30-VH-07": "cần danh mục tên cơ quan, tổ chức",
    "ND30-VH-08": "cần danh mục tên cơ quan đặc biệt",
    "ND30-VH-09": "cần danh mục tên tổ chức nước ngoài",
    "ND30-VH-10": "'Nhân dân', 'Nhà nước' viết thường là đúng trong nhiều cụm (Ủy ban nhân dân); cần phân tích câu",
    "ND30-VH-11": "chức vụ gắn với người cụ thể cần phân tích câu",
    "ND30-VH-14": "ngày lễ, sự kiện cần danh mục",
    "ND30-VH-15": "Đảng, Bác, Người viết hoa khi dùng tôn kính: cần hiểu nghĩa câu",
}

#: The 118 IDs of the spec (§1–§8), in its order.
SPEC_IDS = (
    [f"ND30-PAGE-0{n}" for n in range(1, 8)]
    + [f"ND30-LAYOUT-0{n}" for n in range(1, 7)]
    + [f"ND30-QH-0{n}" for n in range(1, 8)]
    + [f"ND30-CQ-0{n}" for n in range(1, 7)]
    + [f"ND30-SO-0{n}" for n in range(1, 10)]
    + [f"ND30-DD-0{n}" for n in range(1, 7)]
    + [f"ND30-TL-0{n}" for n in range(1, 6)]
    + [f"ND30-KG-0{n}" for n in range(1, 5)]
    + [f"ND30-ND-0{n}" for n in range(1, 8)]
    + ["ND30-CC-01"]
    + [f"ND30-HD-{n:02d}" for n in range(1, 12)]
    + [f"ND30-CK-0{n}" for n in range(1, 9)]
    + [f"ND30-NN-0{n}" for n in range(1, 8)]
    + [f"ND30-MAT-0{n}" for n in range(1, 4)]
    + [f"ND30-PL-0{n}" for n in range(1, 7)]
    + [f"ND30-SIG-0{n}" for n in range(1, 5)]
    + [f"ND30-VH-{n:02d}" for n in range(1, 16)]
    + ["ND30-KH-01", "ND30-KH-02", "ND30-KH-03", "ND30-BC-01", "ND30-BC-02", "ND30-BC-03"]
)


@dataclass(frozen=True)
class RuleStatus:
    """What the checker does with one rule ID of the spec."""

    id: str
    status: str  # "kiểm tra", "kiểm tra qua mã khác", "không kiểm tra được"
    title: str
    severity: str
    fixable: bool
    note: str = ""


def catalogue() -> list[RuleStatus]:
    """Every ID of the spec with its status, in the spec's order."""
    out = []
    for rule_id in SPEC_IDS:
        known = RULES.get(rule_id)
        if known is not None:
            out.append(
                RuleStatus(rule_id, "kiểm tra", known.title, known.severity, known.fix is not None, known.clause)
            )
        elif rule_id in COVERED:
            out.append(RuleStatus(rule_id, "kiểm tra qua mã khác", "", "", False, COVERED[rule_id]))
        else:
            out.append(RuleStatus(rule_id, "không kiểm tra được", "", "", False, NOT_CHECKABLE[rule_id]))
    return out
