"""Draft a periodic report (Báo cáo) from a plan and progress data: pure, no files.

The draft follows the outline of real periodic reports: the plan and the request it answers, I. công tác chỉ
đạo, điều hành, II. kết quả (overall figures in prose, then each task), III. đánh giá chung (mặt được; tồn
tại, hạn chế; nguyên nhân), IV. phương hướng, nhiệm vụ kỳ tới (only tasks due in or overdue by then), V. đề
xuất, kiến nghị, and the appendices the body refers to. It states only what the plan and the progress data
say: every figure, status and sentence of fact comes from them, counts and rates are taken over the tasks that
have data (and say so), and what is unknown stays a visible ``[Bổ sung …]`` for the clerk.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from datetime import date

from vanban import text

from .._errors import InputError, VanbanWarning
from ..models import (
    CanCu,
    KeHoach,
    Khoan,
    NgayDuThao,
    NguoiKy,
    NguoiNhan,
    NoiNhan,
    SoKyHieu,
    VanBanDanChieu,
)
from ..models._common import parse_date
from ..models._van_ban import NoiDung
from ..models.bao_cao import TEN_TRANG_THAI, BaoCao, ChiTieuDat, KetQuaNhiemVu, KyBaoCao, TieuDeBaoCao, cac_ky
from ..models.ke_hoach import NhiemVu
from ..models.tien_do import TienDoKy, TienDoNhiemVu

MISSING_RESULT = "[Bổ sung kết quả thực hiện]"
MISSING_AGENCY = "[Bổ sung tên cơ quan]"
MISSING_NAME = "[Bổ sung họ tên]"
MISSING_ADDRESSEE = "[Bổ sung nơi được kính gửi]"


class ReportWarning(VanbanWarning):
    """Something a clerk should know about a draft that is not an error (the period lies before the plan …)."""


def draft_report(
    plan: KeHoach,
    ky: KyBaoCao | str,
    tien_do: Sequence[TienDoKy] = (),
    *,
    so: int | None = None,
    ngay: date | str | None = None,
    nguoi_ky: NguoiKy | str | None = None,
    kinh_gui: Sequence[str] | None = None,
    theo: CanCu | VanBanDanChieu | str | None = None,
) -> BaoCao:
    """The draft report on ``plan`` for period ``ky`` (monthly, quarterly, 6-month, 9-month or annual).

    ``ky`` is a :class:`KyBaoCao` or its words (``"quý I"``: the plan's year is added). ``tien_do`` may hold
    several periods; those inside ``ky`` are added up, each one's part labelled. ``nguoi_ky`` is the signer or
    just the name (titles from the plan); ``kinh_gui`` the addressees (default: the plan's ``b/c`` recipients);
    ``theo`` the request being answered (a công văn of the superior body: a citation or its words), cited first. Progress for a task or a
    target the plan does not have is an :class:`InputError` naming the file and period.
    """
    if not isinstance(plan, KeHoach):
        raise TypeError(f"draft_report: cần một KeHoach, không phải {type(plan).__name__}")
    period = _period(ky, plan.nam)
    _check_period(plan, period)
    issued = _date(ngay)
    if isinstance(nguoi_ky, str):
        nguoi_ky = NguoiKy(chuc_vu=plan.nguoi_ky.chuc_vu, ho_ten=nguoi_ky)
    tasks = plan.cac_nhiem_vu()
    inside = _periods_inside(period, list(tien_do))
    entries = _entries(tasks, inside)
    parts = _sub_periods(period, inside)
    fields = _fields(plan)
    results = [
        _result(place, ma, task, entries.get(ma, []), parts).model_copy(update={"linh_vuc": field})
        for place, ((ma, task), field) in enumerate(zip(tasks, fields, strict=True), 1)
    ]
    full = " ".join(plan.co_quan.ten)
    agency = plan.co_quan.ten_goi or text.ten_uy_ban(full) or text.ten_so(full) or MISSING_AGENCY
    following = period.tiep_theo()
    superiors = [r for r in plan.noi_nhan.danh_sach if _reported_to(r)]
    recipients = kinh_gui if kinh_gui is not None else [r.ten for r in superiors]
    recipients = [_full_name(name, plan) for name in recipients] or [MISSING_ADDRESSEE]
    addressed = {_plain_name(name) for name in recipients}
    copies = [NguoiNhan(ten="Như trên")] + [
        r
        for r in plan.noi_nhan.danh_sach
        if r not in superiors and _plain_name(_full_name(r.ten, plan)) not in addressed
    ]
    reported = _cite(plan, agency)
    cited = [CanCu(dan_nhap="Thực hiện", van_ban=reported) if isinstance(reported, VanBanDanChieu) else reported]
    if theo is not None:
        cited.insert(0, _request(theo))
        cited[1] = cited[1].model_copy(update={"dan_nhap": ""})
    signer = nguoi_ky or NguoiKy(chuc_vu=plan.nguoi_ky.chuc_vu, ho_ten=plan.nguoi_ky.ho_ten or MISSING_NAME)
    return BaoCao(
        co_quan=plan.co_quan if agency == MISSING_AGENCY else plan.co_quan.model_copy(update={"ten_goi": agency}),
        so_ky_hieu=SoKyHieu(so=so, ky_hieu=f"BC-{plan.co_quan.viet_tat}"),
        dia_danh=plan.dia_danh,
        ngay_ban_hanh=issued or NgayDuThao(nam=period.nam),
        trich_yeu=_trich_yeu(plan, period, agency),
        can_cu=cited,
        trinh_bay_can_cu="moi_dong" if agency == MISSING_AGENCY else "gop_mo_dau",
        mo_dau=[f"{agency} báo cáo kết quả thực hiện kế hoạch {period} như sau:"],
        chi_dao=_direction(inside, period),
        ky=period,
        kinh_gui=recipients,
        ke_hoach=reported if isinstance(reported, VanBanDanChieu) else None,
        tong_quan=_overview(results, period, parts, inside, [a.ten for a in plan.linh_vuc if not a.nhiem_vu]),
        ket_qua=results,
        ton_tai=_assessment(inside, tasks),
        nhiem_vu_tiep_theo=_next_tasks(tasks, results, period, following, plan.nam, parts[-1]),
        de_xuat=_proposals(inside, tasks),
        ket_luan=f"Trên đây là báo cáo kết quả thực hiện kế hoạch {period} của {agency}./.",
        nguoi_ky=signer,
        noi_nhan=NoiNhan(danh_sach=copies, luu=_archive(plan.noi_nhan.luu)),
        phu_luc=bool(results),
        thong_ke=bool(results),
        tieu_de=TieuDeBaoCao(
            ket_qua=text.viet_hoa(f"Kết quả thực hiện nhiệm vụ {period}"),
            ton_tai="ĐÁNH GIÁ CHUNG",
            nhiem_vu_tiep_theo=text.viet_hoa(f"Phương hướng, nhiệm vụ {following}"),
        ),
    )


def _period(ky: KyBaoCao | str, year: int) -> KyBaoCao:
    if isinstance(ky, KyBaoCao):
        return ky
    if not isinstance(ky, str):
        raise TypeError(f"ky: cần KyBaoCao hoặc chuỗi như 'quý I', không phải {type(ky).__name__}")
    return KyBaoCao.from_words(ky, year)


def _check_period(plan: KeHoach, period: KyBaoCao) -> None:
    """A warning when the period lies outside the plan's years, or the plan was issued after the period ended."""
    last = plan.den_nam or plan.nam
    if not plan.nam <= period.nam <= last:  # plans that run past their year (an election in March) are real
        years = f"{plan.nam}–{plan.den_nam}" if plan.den_nam else str(plan.nam)
        warnings.warn(f"kỳ {period} ngoài năm của kế hoạch ({years}): kiểm tra kỳ báo cáo", ReportWarning, stacklevel=3)
    issued = plan.ngay_ban_hanh
    if isinstance(issued, date):
        end_month = period.thang.stop - 1
        if (issued.year, issued.month) > (period.nam, end_month):
            warnings.warn(
                f"kế hoạch ban hành ngày {text.ngay_ngan(issued)}, sau khi kỳ {period} đã kết thúc: kiểm tra kỳ báo cáo",
                ReportWarning,
                stacklevel=3,
            )


def _request(theo: CanCu | VanBanDanChieu | str) -> CanCu:
    """The request a report answers, cited first: ``Thực hiện Công văn số … của …``."""
    if isinstance(theo, CanCu):
        return theo.model_copy(update={"dan_nhap": theo.dan_nhap or "Thực hiện"})
    if isinstance(theo, VanBanDanChieu):
        return CanCu(dan_nhap="Thực hiện", van_ban=theo)
    if not isinstance(theo, str) or not theo.strip():
        raise InputError("văn bản yêu cầu báo cáo (theo) trống")
    words = " ".join(theo.split()).rstrip(";.,")
    lead = re.match(r"^(Thực hiện|Căn cứ|Theo)\s+", words)
    return CanCu(dan_nhap=lead[1] if lead else "Thực hiện", noi_dung=words[lead.end() :] if lead else words)


def _date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        parsed = parse_date(value)
    except ValueError as exc:
        raise InputError(f"ngày ban hành: {exc}") from None
    return parsed if isinstance(parsed, date) else None


def _cite(plan: KeHoach, agency: str) -> VanBanDanChieu | CanCu:
    """The plan reported on; one read without its number (a draft) is cited with the number left to fill in."""
    summary = " ".join(plan.trich_yeu.split())
    summary = f"về {summary[:1].lower()}{summary[1:]}"
    if not plan.so_ky_hieu.so:
        words = f"Kế hoạch số [Bổ sung số, ngày của kế hoạch] của {agency} {summary}"
        return CanCu(dan_nhap="Thực hiện", noi_dung=words)
    return VanBanDanChieu(
        loai="Kế hoạch",
        so_ky_hieu=str(plan.so_ky_hieu),
        ngay=plan.ngay_ban_hanh if isinstance(plan.ngay_ban_hanh, date) else None,
        co_quan=agency,
        trich_yeu=summary,
    )


def _trich_yeu(plan: KeHoach, period: KyBaoCao, agency: str) -> str:
    """``Kết quả thực hiện Kế hoạch số 19/KH-SKHCN ngày 31/01/2024 / của Sở … quý I năm 2024`` (two lines)."""
    if plan.so_ky_hieu.so:
        issued = f" ngày {text.ngay_ngan(plan.ngay_ban_hanh)}" if isinstance(plan.ngay_ban_hanh, date) else ""
        return f"Kết quả thực hiện Kế hoạch số {plan.so_ky_hieu}{issued}\ncủa {agency} {period}"
    summary = " ".join(plan.trich_yeu.split())
    summary = re.sub(rf"\s*năm {period.nam}$", "", summary)
    return f"Kết quả thực hiện Kế hoạch {summary[:1].lower()}{summary[1:]}\n{period}"


_ABBREVIATIONS = (
    (r"\bUBND\b", "Ủy ban nhân dân"),
    (r"\bHĐND\b", "Hội đồng nhân dân"),
    (r"\bKH&CN\b", "Khoa học và Công nghệ"),
    (r"\bGD&ĐT\b|\bGDĐT\b", "Giáo dục và Đào tạo"),
    (r"\bMTTQ\b", "Mặt trận Tổ quốc"),
)


def _reported_to(recipient: NguoiNhan) -> bool:
    """A recipient the plan sends to "để báo cáo": the body a report on it goes to."""
    mark = " ".join((recipient.muc_dich or "").lower().split()).removeprefix("để ")
    return mark in ("b/c", "báo cáo")


def _plain_name(name: str) -> str:
    return " ".join(name.casefold().split()).rstrip(" .;")


def _archive(kept: str | None) -> str:
    """``Lưu: VT, <đơn vị soạn thảo>`` (ND30-NN-04): the plan's own, with the records office first."""
    units = (kept or "").strip(" .")
    if re.match(r"^VT\b", units):
        return units
    return f"VT, {units}" if units else "VT"


def _full_name(name: str, plan: KeHoach) -> str:
    """An addressee in full (``UBND tỉnh`` → ``Ủy ban nhân dân tỉnh Lạng Sơn`` when the plan's header names the
    province; ``UBND thành phố``, ``UBND xã`` … the same way)."""
    full = name
    for short, long in _ABBREVIATIONS:
        full = re.sub(short, long, full)
    if re.fullmatch(r"(Ủy ban nhân dân|Hội đồng nhân dân) (tỉnh|thành phố|xã|phường|đặc khu|huyện|quận|thị xã)", full):
        level = full.split(" ", 3)[3]
        for line in [*plan.co_quan.chu_quan, *plan.co_quan.ten]:
            spoken = text.ten_uy_ban(re.sub(r"^UBND\b", "ỦY BAN NHÂN DÂN", " ".join(line.split())))
            if spoken and spoken.split(" ", 3)[3].startswith(f"{level} "):
                return f"{full} {spoken.split(' ', 3)[3].removeprefix(level + ' ')}"
    return full


def _fields(plan: KeHoach) -> list[str | None]:
    """The field (area, or group of the appendix table) of each task, when the plan groups its tasks."""
    if plan.phu_luc and plan.phu_luc.nhiem_vu:
        groups = plan.phu_luc.nhom
        named = len(groups) > 1 and all(group.ten.strip() for group in groups if group.nhiem_vu)
        return [group.ten if named else None for group in groups for _ in group.nhiem_vu]
    if plan.linh_vuc:
        return [area.ten for area in plan.linh_vuc for _ in area.nhiem_vu]
    return [None] * len(plan.nhiem_vu)


def _periods_inside(period: KyBaoCao, progress: list[TienDoKy]) -> list[TienDoKy]:
    months = set(period.thang)
    for given in progress:
        if given.ky.nam != period.nam or not set(given.ky.thang) <= months:
            raise InputError(f"tiến độ {given.noi} không thuộc {period}: bỏ tệp này hoặc chọn kỳ báo cáo khác")
    inside = sorted(progress, key=lambda p: (p.ky.thang.start, p.ky.thang.stop))
    for first, second in zip(inside, inside[1:], strict=False):
        if set(first.ky.thang) & set(second.ky.thang):
            raise InputError(f"tiến độ của {first.noi} và {second.noi} trùng tháng; chỉ giữ một trong hai")
    return inside


def _entries(
    tasks: list[tuple[str, NhiemVu]], inside: list[TienDoKy]
) -> dict[str, list[tuple[TienDoKy, TienDoNhiemVu]]]:
    """Each task's progress entries by its identity (a plain number is the task's place), checked against the plan."""
    identities = [ma for ma, _ in tasks]
    out: dict[str, list[tuple[TienDoKy, TienDoNhiemVu]]] = {}
    for period in inside:
        for key, entry in period.nhiem_vu.items():
            if key in identities:
                ma = key
            elif key.isdigit() and 1 <= int(key) <= len(tasks):
                ma = identities[int(key) - 1]
            else:
                shown = ", ".join(identities[:6]) + ("…" if len(identities) > 6 else "")
                raise InputError(
                    f"tiến độ {period.noi}: không có nhiệm vụ '{key}' "
                    f"(kế hoạch có {text.dem(len(tasks), 'nhiệm vụ')}: {shown})"
                )
            task = tasks[identities.index(ma)][1]
            _target_index(task, ma, entry, period)
            out.setdefault(ma, []).append((period, entry))
    return out


def _target_index(task: NhiemVu, ma: str, entry: TienDoNhiemVu, period: TienDoKy) -> dict[int, float]:
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
                f"tiến độ {period.noi}: nhiệm vụ {ma} không có chỉ tiêu '{key}' (chỉ tiêu của nhiệm vụ: {have})"
            )
        out[index] = out.get(index, 0) + value
    return out


def _sub_periods(period: KyBaoCao, inside: list[TienDoKy]) -> list[KyBaoCao]:
    """The parts an accumulated period is reported in: the quarters (or months) it covers, as the data has them."""
    if period.loai in ("thang", "quy"):
        return [period]
    monthly = any(p.ky.loai == "thang" for p in inside)
    if monthly:
        return [KyBaoCao(loai="thang", so=m, nam=period.nam) for m in period.thang]
    return [KyBaoCao(loai="quy", so=q, nam=period.nam) for q in range(1, 5) if 3 * q in period.thang]


def _covered(part: KyBaoCao, entries: list[tuple[TienDoKy, TienDoNhiemVu]]) -> bool:
    return any(set(part.thang) & set(p.ky.thang) for p, _ in entries)


def _result(
    place: int, ma: str, task: NhiemVu, entries: list[tuple[TienDoKy, TienDoNhiemVu]], parts: list[KyBaoCao]
) -> KetQuaNhiemVu:
    status = next((e.trang_thai for _, e in reversed(entries) if e.trang_thai), None)
    labelled = len(parts) > 1
    results = []
    for period, entry in entries:
        for paragraph in entry.ket_qua:
            results.append(
                f"{text.viet_hoa(str(period.ky))[:1]}{str(period.ky)[1:]}: {paragraph}" if labelled else paragraph
            )
    missing_parts = [str(part) for part in parts if not _covered(part, entries)] if labelled and entries else []
    sums: dict[int, float] = {}
    reported: set[int] = set()
    for period, entry in entries:
        for index, value in _target_index(task, ma, entry, period).items():
            sums[index] = sums.get(index, 0) + value
            reported.add(index)
    for index, value in sums.items():
        planned = task.chi_tieu[index].so_luong
        if planned and value > 10 * planned:
            warnings.warn(
                f"nhiệm vụ {ma}: số đạt được {text.so(value)} gấp hơn 10 lần chỉ tiêu {text.so(planned)} "
                f"{task.chi_tieu[index].don_vi}: kiểm tra số liệu",
                ReportWarning,
                stacklevel=4,
            )
    targets = [
        ChiTieuDat(
            so_luong=target.so_luong,
            don_vi=target.don_vi,
            dat=sums[index] if index in reported else None,
            thieu=missing_parts if index in reported else [],
        )
        for index, target in enumerate(task.chi_tieu)
    ]
    unit = (task.chu_tri or "").rstrip(". ") or None
    return KetQuaNhiemVu(
        so=place,
        ma=ma,
        ten=task.ten,
        chu_tri=unit,
        trang_thai=status,
        # a status not known at the period's end (a task done stays done)
        thieu=missing_parts if status not in (None, "hoan_thanh") and missing_parts[-1:] == [str(parts[-1])] else [],
        ket_qua=results or [MISSING_RESULT],
        chi_tieu=targets,
    )


def _overview(
    results: list[KetQuaNhiemVu],
    period: KyBaoCao,
    parts: list[KyBaoCao],
    inside: list[TienDoKy],
    fields_without_tasks: list[str],
) -> NoiDung:
    """The overall figures in prose, over the tasks that have data only, and what has no data; fields of the plan
    that list no task get a line to fill."""
    if not results:  # tasks not written as a list vanban reads: nothing to count
        return [f"[Bổ sung kết quả thực hiện các nội dung của kế hoạch trong {period}]"]
    total = len(results)
    known = [r for r in results if r.trang_thai is not None]
    if not known:
        lines: NoiDung = [
            f"Kế hoạch có {text.dem(total, 'nhiệm vụ')}; chưa có số liệu về tình trạng của nhiệm vụ nào trong "
            f"{period}: [Bổ sung kết quả thực hiện các nhiệm vụ]."
        ]
    else:
        counts = [
            f"{text.dem(sum(r.trang_thai == key for r in known))} {name}"
            for key, name in TEN_TRANG_THAI.items()
            if any(r.trang_thai == key for r in known)
        ]
        done = sum(r.trang_thai == "hoan_thanh" for r in known)
        rate = text.ti_le(done / len(known), 2)
        if len(known) == total:
            lines = [
                f"Kế hoạch có {text.dem(total, 'nhiệm vụ')}, trong đó: {', '.join(counts)}; đã hoàn thành "
                f"{text.dem(done)}/{text.dem(total)} nhiệm vụ (đạt {rate})."
            ]
        else:
            missing = [r.ma or str(r.so) for r in results if r.trang_thai is None]
            lines = [
                f"Kế hoạch có {text.dem(total, 'nhiệm vụ')}; {text.dem(len(known))}/{text.dem(total)} nhiệm vụ đã có "
                f"số liệu, trong đó: {', '.join(counts)}; hoàn thành {text.dem(done)}/{text.dem(len(known))} nhiệm vụ "
                f"có số liệu (đạt {rate}).",
                f"{text.dem(len(missing))} nhiệm vụ chưa có số liệu về tình trạng: [Bổ sung tình trạng "
                f"{'các nhiệm vụ' if len(missing) > 1 else 'nhiệm vụ'} {', '.join(missing)}].",
            ]
    if len(parts) > 1 and inside:
        empty = [str(part) for part in parts if not any(set(part.thang) & set(p.ky.thang) for p in inside)]
        if empty:
            these = "các kỳ này" if len(empty) > 1 else "kỳ này"
            lines.append(f"Chưa có số liệu {cac_ky(empty)}; số liệu cộng dồn chưa gồm {these}.")
        partial = [r for r in known if r.thieu]
        if partial:
            lines.append(
                f"{text.dem(len(partial))} nhiệm vụ chưa có số liệu đủ các kỳ; tình trạng của "
                f"{'các nhiệm vụ này' if len(partial) > 1 else 'nhiệm vụ này'} là theo kỳ gần nhất có số liệu."
            )
    lines += [f"{field.rstrip(' .:')}: [Bổ sung kết quả thực hiện]." for field in fields_without_tasks]
    lines.append("Kết quả từng nhiệm vụ nêu dưới đây; số liệu chi tiết tại Phụ lục và Biểu 01 kèm theo báo cáo.")
    return lines


def _direction(inside: list[TienDoKy], period: KyBaoCao) -> NoiDung:
    """Documents issued, meetings held, inspections made in the period: from the data, else a placeholder."""
    done: NoiDung = [line for p in inside for line in p.chi_dao]
    if done:
        return done
    return [
        f"[Bổ sung văn bản đã ban hành, hội nghị, kiểm tra để chỉ đạo, điều hành thực hiện kế hoạch trong {period}]"
    ]


def _by_task(inside: list[TienDoKy], tasks: list[tuple[str, NhiemVu]], field: str) -> list[str]:
    identities = [ma for ma, _ in tasks]
    out = [line for p in inside for line in getattr(p, field)]
    for period in inside:
        for key, entry in period.nhiem_vu.items():
            ma = key if key in identities else identities[int(key) - 1]
            out += [f"Nhiệm vụ {ma}: {paragraph}" for paragraph in getattr(entry, field)]
    return out


def _assessment(inside: list[TienDoKy], tasks: list[tuple[str, NhiemVu]]) -> NoiDung:
    """Đánh giá chung: what went well, shortcomings (from the data) and their causes — a person writes the judgement."""
    issues = _by_task(inside, tasks, "kho_khan")
    return [
        Khoan(tieu_de="Mặt tích cực", doan=["[Bổ sung những kết quả nổi bật, mặt tích cực]"]),
        Khoan(tieu_de="Tồn tại, hạn chế", doan=issues or ["[Bổ sung tồn tại, hạn chế]"]),
        Khoan(tieu_de="Nguyên nhân", doan=["[Bổ sung nguyên nhân của tồn tại, hạn chế]"]),
    ]


def _proposals(inside: list[TienDoKy], tasks: list[tuple[str, NhiemVu]]) -> NoiDung:
    proposals: NoiDung = [*_by_task(inside, tasks, "de_xuat")]
    return proposals or ["[Bổ sung đề xuất, kiến nghị (nếu có)]"]


def _lower(frame: object) -> str:
    """A time frame inside a sentence: ``quý I, II năm 2024``, ``tháng 12 năm 2024``."""
    words = str(frame)
    first = words.split(" ", 1)[0]
    return words[:1].lower() + words[1:] if first in ("Quý", "Tháng", "Cả", "Trước", "Ngày", "Hạn") else words


def _remaining(result: KetQuaNhiemVu) -> str:
    left = [
        f"còn {text.dem(int(t.so_luong - t.dat), t.don_vi)}"
        for t in result.chi_tieu
        if t.dat is not None and not t.thieu and t.dat < t.so_luong and float(t.so_luong - t.dat).is_integer()
    ]
    return f" ({'; '.join(left)})" if left else ""


def _starts_after(task: NhiemVu, period: KyBaoCao, year: int) -> bool:
    """Whether the plan sets a task's time frame wholly after the period (not yet due: no figure is missing)."""
    frame = task.thoi_gian.cac_thang(year) if task.thoi_gian else None
    return bool(frame) and period.nam == year and min(frame or {0}) >= period.thang.stop


def _next_tasks(
    tasks: list[tuple[str, NhiemVu]],
    results: list[KetQuaNhiemVu],
    period: KyBaoCao,
    following: KyBaoCao,
    year: int,
    last_part: KyBaoCao,
) -> NoiDung:
    """Only what is due in the next period or already overdue, as actions, with what remains of its targets. A
    task whose status is not known up to the end of the period is left to the clerk."""
    lines: NoiDung = []
    ongoing: list[str] = []
    later = {ma for ma, task in tasks if _starts_after(task, period, year)}  # nothing to report on yet
    unknown = [
        r.ma or str(r.so)
        for r in results
        if (r.trang_thai is None or str(last_part) in r.thieu) and (r.ma or str(r.so)) not in later
    ]
    within = following.nam == year
    ahead = set(following.thang) if within else set()
    passed = set(range(1, period.thang.stop))
    for (ma, task), result in zip(tasks, results, strict=True):
        if result.trang_thai == "hoan_thanh" or (result.ma or str(result.so)) in unknown:
            continue
        name = task.ten.rstrip(" .;,:")
        if not within:
            lines.append(f"Tiếp tục thực hiện nhiệm vụ {ma}: {name}{_remaining(result)}.")
            continue
        timed = [(a.noi_dung, a.thoi_gian, a.thoi_gian.cac_thang(year)) for a in task.hoat_dong if a.thoi_gian]
        due = [(n, f) for n, f, months in timed if months and months & ahead]
        late = [(n, f) for n, f, months in timed if months and max(months) in passed and not months & ahead]
        frame = task.thoi_gian.cac_thang(year) if task.thoi_gian else None
        for content, when in late:
            lines.append(
                f"Nhiệm vụ {ma}: {content.rstrip(' .;,:')} (thời hạn theo kế hoạch: {_lower(when)}; nhiệm vụ chưa "
                "hoàn thành)."
            )
        for content, when in due:
            lines.append(f"Nhiệm vụ {ma}: {content.rstrip(' .;,:')} ({_lower(when)}).")
        if due or late:
            continue
        if frame and frame == set(range(1, 13)):
            ongoing.append(ma)
        elif frame and frame & ahead:
            lines.append(f"Thực hiện nhiệm vụ {ma}: {name} ({_lower(task.thoi_gian)}){_remaining(result)}.")
        elif frame and max(frame) in passed:
            lines.append(
                f"Nhiệm vụ {ma}: {name} (thời hạn theo kế hoạch: {_lower(task.thoi_gian)}; chưa hoàn thành)"
                f"{_remaining(result)}."
            )
        elif frame is None:
            ongoing.append(ma)
    if ongoing:
        lines.append(
            f"Tiếp tục thực hiện các nhiệm vụ chưa hoàn thành của kế hoạch: nhiệm vụ {', '.join(ongoing)} "
            f"(chi tiết tại Phụ lục)."
        )
    if unknown:
        which = "các nhiệm vụ" if len(unknown) > 1 else "nhiệm vụ"
        lines.append(f"[Bổ sung phương hướng cho {which} chưa có số liệu đến hết {period}: {', '.join(unknown)}]")
    return lines or [f"[Bổ sung phương hướng, nhiệm vụ {following}]"]
