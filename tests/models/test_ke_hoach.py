from __future__ import annotations

import unicodedata
from datetime import date

import pytest

from vanban import InputError
from vanban.models import (
    KeHoach,
    LinhVuc,
    NgayDuThao,
    NguoiKy,
    NguoiNhan,
    NhiemVu,
    NoiNhan,
    PhuLuc,
    SoKyHieu,
    ThoiGian,
)


def minimal(**changes) -> dict:
    data = {
        "co_quan": {"ten": "Sở Khoa học và Công nghệ", "viet_tat": "SKHCN"},
        "so_ky_hieu": "19/KH-SKHCN",
        "dia_danh": "Lạng Sơn",
        "ngay_ban_hanh": "31/01/2024",
        "nam": 2024,
        "trich_yeu": "Triển khai nhiệm vụ năm 2024",
        "nguoi_ky": {"chuc_vu": ["GIÁM ĐỐC"], "ho_ten": "Nguyễn Văn A"},
        "noi_nhan": {"danh_sach": ["UBND tỉnh (b/c)"], "luu": "VT, VP"},
    }
    data.update(changes)
    return data


def errors_of(data: dict) -> str:
    with pytest.raises(InputError) as caught:
        KeHoach.model_validate(data)
    return str(caught.value)


def test_example_holds_the_seed_shape(example_plan):
    assert example_plan.so_ky_hieu.so == 19 and example_plan.so_ky_hieu.loai == "KH"
    assert example_plan.ngay_ban_hanh == date(2024, 1, 31)
    assert len(example_plan.nhiem_vu) == 5
    task = example_plan.nhiem_vu[1]
    assert [(c.so_luong, c.don_vi) for c in task.chi_tieu] == [(15, "Doanh nghiệp, Hợp tác xã")]
    assert str(task.thoi_gian) == "cả năm 2024"
    timed = example_plan.nhiem_vu[3].hoat_dong
    assert timed[0].thoi_gian.quy == [1, 2] and not timed[0].thoi_gian.han
    assert timed[1].thoi_gian.thang == [12] and timed[1].thoi_gian.han
    assert example_plan.can_cu[0].van_ban.ngay == date(2024, 1, 20)
    assert example_plan.noi_nhan.luu == "VT, KH&QLCN"


def test_text_is_nfc_and_single_line():
    decomposed = unicodedata.normalize("NFD", "Ủy ban nhân dân tỉnh Lạng Sơn")
    plan = KeHoach.model_validate(minimal(mo_dau=[decomposed + "\n tiếp\tdòng"], trich_yeu="Dòng một\nDòng hai"))
    assert plan.mo_dau == ["Ủy ban nhân dân tỉnh Lạng Sơn tiếp dòng"]
    assert unicodedata.is_normalized("NFC", plan.mo_dau[0])
    assert plan.trich_yeu == "Dòng một\nDòng hai"


def test_agency_lines_are_upper_case():
    plan = KeHoach.model_validate(
        minimal(co_quan={"chu_quan": "ủy ban nhân dân tỉnh lạng sơn", "ten": "Sở Nội vụ", "viet_tat": "SNV"})
    )
    assert plan.co_quan.chu_quan == ["ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"]
    assert plan.co_quan.ten == ["SỞ NỘI VỤ"]


def test_type_code_must_be_kh():
    message = errors_of(minimal(so_ky_hieu="19/BC-SKHCN"))
    assert "phải bắt đầu bằng KH-" in message and "Báo cáo" in message


@pytest.mark.parametrize("bad", ["19-KH-SKHCN", "abc/KH-SKHCN", "19/KH SKHCN", "19/KH", "19/KH - SKHCN"])
def test_malformed_number_is_named(bad):
    message = errors_of(minimal(so_ky_hieu=bad))
    assert "so_ky_hieu" in message


def test_number_padding_and_draft():
    assert str(SoKyHieu.model_validate("5/KH-UBND")) == "05/KH-UBND"
    draft = SoKyHieu.model_validate("Số:\u00a0\u00a0\u00a0\u00a0/KH-UBND")
    assert draft.so is None and draft.ky_hieu == "KH-UBND" and str(draft) == "/KH-UBND"


def test_unknown_quyen_han():
    with pytest.raises(InputError, match="quyền hạn 'XT.' không hợp lệ"):
        NguoiKy.model_validate({"chuc_vu": ["XT. GIÁM ĐỐC"]})
    signer = NguoiKy.model_validate({"chuc_vu": ["kt.hiệu trưởng", "phó hiệu trưởng"]})
    assert signer.chuc_vu == ["KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG"] and signer.quyen_han == "KT."


def test_noi_nhan_needs_luu():
    message = errors_of(minimal(noi_nhan={"danh_sach": ["Sở Nội vụ"]}))
    assert "noi_nhan" in message and "luu" in message
    with pytest.raises(InputError, match="dòng Lưu trống"):
        NoiNhan.model_validate({"luu": "- Lưu: ."})
    assert NoiNhan.model_validate({"luu": "MTTQ"}).luu == "MTTQ"  # kept as written; the checker flags it
    assert NoiNhan.model_validate({"luu": "- Lưu: VT, HC (2)."}).luu == "VT, HC (2)"


def test_recipient_marks():
    assert NguoiNhan.model_validate("- UBND tỉnh (b/c);").model_dump() == "UBND tỉnh (b/c)"
    recipient = NguoiNhan.model_validate("Các sở, ngành (để t/h)")
    assert (recipient.ten, recipient.muc_dich) == ("Các sở, ngành", "để t/h")  # printed back as written
    assert str(recipient) == "Các sở, ngành (để t/h)"
    for written, mark in (("Thường trực Đảng ủy (Báo cáo)", "Báo cáo"), ("Đoàn kiểm tra (để báo cáo)", "để báo cáo")):
        assert NguoiNhan.model_validate(written).muc_dich == mark
    assert NguoiNhan.model_validate("Ông A (Giám đốc)").muc_dich is None


@pytest.mark.parametrize("bad", ["31/02/2024", "2024-02-30", "32/01/2024", "31-01-2024"])
def test_impossible_issue_date(bad):
    message = errors_of(minimal(ngay_ban_hanh=bad))
    assert "ngay_ban_hanh" in message and ("không tồn tại" in message or "sai dạng" in message)


def test_draft_issue_date():
    plan = KeHoach.model_validate(minimal(ngay_ban_hanh={"nam": 2025, "thang": 12}, so_ky_hieu="/KH-UBND"))
    assert plan.ngay_ban_hanh == NgayDuThao(nam=2025, thang=12) and plan.nam_ban_hanh == 2025


def test_unknown_key_is_rejected():
    assert "nhiem_vuu: trường không có trong mô hình (gõ sai tên?)" in errors_of(minimal(nhiem_vuu=[]))


@pytest.mark.parametrize(
    "written, kind",
    [
        ("cả năm 2024", "ca_nam"),
        ("Quý I, II năm 2024", "quy"),
        ("Quý IV/2025", "quy"),
        ("Tháng 12 năm 2024", "thang"),
        ("hạn Tháng 12 năm 2024", "thang"),
        ("Trước ngày 31/01/2026", "ngay"),
        ("Thường xuyên trong năm", "khac"),
    ],
)
def test_time_frames_round_trip(written, kind):
    value = ThoiGian.model_validate(written)
    assert value.loai == kind
    assert ThoiGian.model_validate(value.model_dump()) == value


def test_time_frame_checks_its_numbers():
    with pytest.raises(InputError, match="quý phải từ 1 đến 4"):
        ThoiGian.model_validate({"loai": "quy", "quy": [5], "nam": 2024})


def test_grouped_shape_and_appendix():
    area = LinhVuc(
        ten="Cải cách thể chế", muc_tieu=["100% văn bản được kiểm tra."], nhiem_vu=[NhiemVu(ten="Rà soát văn bản")]
    )
    appendix = PhuLuc.model_validate(
        {
            "tieu_de": "PHÂN CÔNG THỰC HIỆN NHIỆM VỤ",
            "nhom": [
                {
                    "ten": "Cải cách thể chế",
                    "nhiem_vu": [{"ten": "Rà soát", "chu_tri": "Sở Tư pháp", "thoi_gian": "Thường xuyên trong năm"}],
                }
            ],
        }
    )
    plan = KeHoach.model_validate(minimal(linh_vuc=[area.model_dump()], phu_luc=appendix.model_dump()))
    assert [t.ten for t in plan.tat_ca_nhiem_vu] == ["Rà soát"]
    assert "chỉ dùng một trong hai" in errors_of(minimal(linh_vuc=[area.model_dump()], nhiem_vu=["Một"]))
