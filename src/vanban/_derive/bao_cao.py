"""Draft a periodic report (Báo cáo) from a plan and progress data: pure, no files.

Every figure comes from the progress data; where it says nothing, the draft says
``[Bổ sung …]`` for the clerk instead of inventing anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from vanban import text

from .._errors import InputError
from ..models import CanCu, KeHoach, NgayDuThao, NguoiKy, NguoiNhan, NoiNhan, SoKyHieu, ThoiGian, VanBanDanChieu
from ..models._common import parse_date
from ..models.bao_cao import TEN_TRANG_THAI, BaoCao, ChiTieuDat, KetQuaNhiemVu, KyBaoCao, TieuDeBaoCao
from ..models.ke_hoach import NhiemVu
from ..models.tien_do import TienDoKy, TienDoNhiemVu

MISSING_RESULT = "[Bổ sung kết quả thực hiện]"
MISSING_ISSUES = "[Bổ sung tồn tại, hạn chế và nguyên nhân]"
MISSING_PROPOSALS = "[Bổ sung đề xuất, kiến nghị (nếu có)]"
MISSING_AGENCY = "[Bổ sung tên cơ quan]"


def draft_report(
    plan: KeHoach,
    ky: KyBaoCao | str,
    tien_do: Sequence[TienDoKy] = (),
    *,
    so: int | None = None,
    ngay: date | str | None = None,
    nguoi_ky: NguoiKy | str | None = None,
    kinh_gui: Sequence[str] | None = None,
) -> BaoCao:
    """The draft report on ``plan`` for period ``ky`` (monthly, quarterly, 6-month, 9-month or annual).

    ``ky`` is a :class:`KyBaoCao` or its words (``"quý I"``: the plan's year is added when no year is
    given). ``tien_do`` may hold several periods; those inside ``ky`` are added up (a 6-month report sums
    quý I and quý II). ``nguoi_ky`` is the signer, or just the signer's name (the titles come from the
    plan). Bad data — a period that does not exist, progress for a task or a target the plan does not
    have — is an :class:`InputError` naming it.
    """
    if not isinstance(plan, KeHoach):
        raise TypeError(f"draft_report: cần một KeHoach, không phải {type(plan).__name__}")
    period = _period(ky, plan.nam)
    issued = _date(ngay)
    if isinstance(nguoi_ky, str):
        nguoi_ky = NguoiKy(chuc_vu=plan.nguoi_ky.chuc_vu, ho_ten=nguoi_ky)
    progress = list(tien_do)
    tasks = plan.tat_ca_nhiem_vu
    _check_progress(tasks, progress)
    inside = _periods_inside(period, progress)
    results = [
        _result(number, task, [p.nhiem_vu[number] for p in inside if number in p.nhiem_vu])
        for number, task in enumerate(tasks, start=1)
    ]
    agency = plan.co_quan.ten_goi or MISSING_AGENCY
    following = period.tiep_theo()
    recipients = kinh_gui if kinh_gui is not None else [r.ten for r in plan.noi_nhan.danh_sach if r.muc_dich == "b/c"]
    copies = [NguoiNhan(ten="Như trên")] if recipients else []
    copies += [r for r in plan.noi_nhan.danh_sach if r.muc_dich != "b/c"]
    return BaoCao(
        co_quan=plan.co_quan,
        so_ky_hieu=SoKyHieu(so=so, ky_hieu=f"BC-{plan.co_quan.viet_tat}"),
        dia_danh=plan.dia_danh,
        ngay_ban_hanh=issued or NgayDuThao(nam=period.nam),
        trich_yeu=_trich_yeu(plan, period, following),
        can_cu=[CanCu(dan_nhap="Thực hiện", van_ban=_cite(plan, agency))],
        trinh_bay_can_cu="gop_mo_dau",
        mo_dau=[f"{agency} báo cáo kết quả thực hiện {period} như sau:"],
        ky=period,
        kinh_gui=recipients,
        ke_hoach=_cite(plan, agency),
        tong_quan=[*_summary(results), "Kết quả từng nhiệm vụ, chỉ tiêu chi tiết tại Phụ lục kèm theo."],
        ket_qua=results,
        ton_tai=_collected(inside, "kho_khan") or [MISSING_ISSUES],
        nhiem_vu_tiep_theo=_next_tasks(tasks, results, period, following, plan.nam),
        de_xuat=_collected(inside, "de_xuat") or [MISSING_PROPOSALS],
        ket_luan=f"Trên đây là báo cáo kết quả thực hiện {period} của {agency}./.",
        nguoi_ky=nguoi_ky or NguoiKy(chuc_vu=plan.nguoi_ky.chuc_vu),
        noi_nhan=NoiNhan(danh_sach=copies, luu=plan.noi_nhan.luu),
        tieu_de=TieuDeBaoCao(
            ket_qua=text.viet_hoa(f"Kết quả thực hiện nhiệm vụ {period}"),
            nhiem_vu_tiep_theo=text.viet_hoa(f"Nhiệm vụ, giải pháp trọng tâm {following}"),
        ),
    )


def _period(ky: KyBaoCao | str, year: int) -> KyBaoCao:
    if isinstance(ky, KyBaoCao):
        return ky
    if not isinstance(ky, str):
        raise TypeError(f"ky: cần KyBaoCao hoặc chuỗi như 'quý I', không phải {type(ky).__name__}")
    return KyBaoCao.from_words(ky, year)


def _date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        parsed = parse_date(value)
    except ValueError as exc:
        raise InputError(f"ngày ban hành: {exc}") from None
    return parsed if isinstance(parsed, date) else None


def _cite(plan: KeHoach, agency: str) -> VanBanDanChieu:
    summary = " ".join(plan.trich_yeu.split())
    summary = summary[:1].lower() + summary[1:]
    return VanBanDanChieu(
        loai="Kế hoạch",
        so_ky_hieu=str(plan.so_ky_hieu) if plan.so_ky_hieu.so else None,
        ngay=plan.ngay_ban_hanh if isinstance(plan.ngay_ban_hanh, date) else None,
        co_quan=agency,
        trich_yeu=f"về {summary}",
    )


def _trich_yeu(plan: KeHoach, period: KyBaoCao, following: KyBaoCao) -> str:
    subject = f"Kế hoạch số {plan.so_ky_hieu}" if plan.so_ky_hieu.so else "kế hoạch"
    if period.loai == "nam":
        return f"Kết quả thực hiện {subject} năm {period.nam}"
    if following.nam != period.nam:
        return f"Kết quả thực hiện {subject} {period} và phương hướng, nhiệm vụ {following}"
    ahead = following.ten(False)
    year = f"{period.nam}" if ahead.endswith("năm") else f"năm {period.nam}"
    return f"Kết quả thực hiện {subject} {period.ten(False)} và phương hướng, nhiệm vụ {ahead} {year}"


def _check_progress(tasks: list[NhiemVu], progress: list[TienDoKy]) -> None:
    for period in progress:
        for number, entry in period.nhiem_vu.items():
            if not 1 <= number <= len(tasks):
                raise InputError(
                    f"tiến độ {period.ky}: không có nhiệm vụ số {number} (kế hoạch có {text.dem(len(tasks), 'nhiệm vụ')})"
                )
            _target_index(tasks[number - 1], number, entry, period.ky)


def _target_index(task: NhiemVu, number: int, entry: TienDoNhiemVu, period: KyBaoCao | None = None) -> dict[int, float]:
    """Achieved quantities of one entry by the index of the task's target."""
    out: dict[int, float] = {}
    units = [" ".join(target.don_vi.lower().split()) for target in task.chi_tieu]
    for key, value in entry.dat.items():
        name = " ".join(key.lower().split())
        if name.isdigit() and 1 <= int(name) <= len(units):
            index = int(name) - 1
        elif name in units:
            index = units.index(name)
        else:
            have = "; ".join(target.don_vi for target in task.chi_tieu) or "không có chỉ tiêu nào"
            raise InputError(
                f"tiến độ {period or ''}: nhiệm vụ số {number} không có chỉ tiêu '{key}' (chỉ tiêu của nhiệm vụ: {have})"
            )
        out[index] = out.get(index, 0) + value
    return out


def _periods_inside(period: KyBaoCao, progress: list[TienDoKy]) -> list[TienDoKy]:
    months = set(period.thang)
    inside = sorted(
        (p for p in progress if p.ky.nam == period.nam and set(p.ky.thang) <= months),
        key=lambda p: (p.ky.thang.start, p.ky.thang.stop),
    )
    for first, second in zip(inside, inside[1:], strict=False):
        if set(first.ky.thang) & set(second.ky.thang):
            raise InputError(f"tiến độ của {first.ky} và {second.ky} trùng tháng; chỉ giữ một trong hai")
    return inside


def _result(number: int, task: NhiemVu, entries: list[TienDoNhiemVu]) -> KetQuaNhiemVu:
    status = next((e.trang_thai for e in reversed(entries) if e.trang_thai), None)
    results = [paragraph for e in entries for paragraph in e.ket_qua]
    sums: dict[int, float] = {}
    reported: set[int] = set()
    for entry in entries:
        for index, value in _target_index(task, number, entry).items():
            sums[index] = sums.get(index, 0) + value
            reported.add(index)
    targets = [
        ChiTieuDat(so_luong=target.so_luong, don_vi=target.don_vi, dat=sums[index] if index in reported else None)
        for index, target in enumerate(task.chi_tieu)
    ]
    unit = (task.chu_tri or "").rstrip(". ") or None
    return KetQuaNhiemVu(
        so=number, ten=task.ten, chu_tri=unit, trang_thai=status, ket_qua=results or [MISSING_RESULT], chi_tieu=targets
    )


def _summary(results: list[KetQuaNhiemVu]) -> list[str]:
    counts = {key: sum(1 for r in results if r.trang_thai == key) for key in TEN_TRANG_THAI}
    parts = [f"{text.dem(count)} {TEN_TRANG_THAI[key]}" for key, count in counts.items() if count]
    unknown = sum(1 for r in results if r.trang_thai is None)
    if unknown:
        parts.append(f"{text.dem(unknown)} chưa có số liệu [Bổ sung tình trạng]")
    line = f"Trong {text.dem(len(results), 'nhiệm vụ')}: {', '.join(parts)}."
    done = counts["hoan_thanh"]
    if results:
        line = line[:-1] + f" (hoàn thành {text.ti_le(done / len(results), 2)} số nhiệm vụ)."
    return [line]


def _collected(periods: list[TienDoKy], field: str) -> list[str]:
    out = []
    for period in periods:
        for number, entry in sorted(period.nhiem_vu.items()):
            for paragraph in getattr(entry, field):
                out.append(f"Nhiệm vụ {number}: {paragraph}")
    return out


def _overlaps(frame: ThoiGian | None, months: set[int], year: int) -> bool:
    if frame is None:
        return False
    if frame.nam not in (None, year):
        return False
    if frame.loai == "quy":
        return any(set(range(3 * q - 2, 3 * q + 1)) & months for q in frame.quy)
    if frame.loai == "thang":
        return bool(set(frame.thang) & months)
    if frame.loai == "ngay" and frame.ngay:
        return frame.ngay.year == year and frame.ngay.month in months
    return False


def _next_tasks(
    tasks: list[NhiemVu], results: list[KetQuaNhiemVu], period: KyBaoCao, following: KyBaoCao, plan_year: int
) -> list[str]:
    months = set(following.thang) if following.nam == plan_year else set()
    lines = []
    for number, (task, result) in enumerate(zip(tasks, results, strict=True), start=1):
        if result.trang_thai == "hoan_thanh":
            continue
        timed = [a for a in task.hoat_dong if _overlaps(a.thoi_gian, months, plan_year)]
        if timed:
            for activity in timed:
                lines.append(f"Nhiệm vụ {number}: {activity.noi_dung.rstrip(' .;,')} ({activity.thoi_gian}).")
        elif months:
            lines.append(f"Tiếp tục thực hiện Nhiệm vụ {number}: {task.ten.rstrip(' .;,')}.")
        else:
            remaining = [
                f"còn {text.dem(int(t.so_luong - (t.dat or 0)), t.don_vi)}"
                for t in result.chi_tieu
                if t.dat is not None and t.dat < t.so_luong
            ]
            detail = f" ({'; '.join(remaining)})" if remaining else ""
            lines.append(f"Chuyển tiếp sang năm {plan_year + 1}: Nhiệm vụ {number}: {task.ten.rstrip(' .;,')}{detail}.")
    return lines or [f"Tiếp tục duy trì kết quả các nhiệm vụ đã hoàn thành trong {following}."]
