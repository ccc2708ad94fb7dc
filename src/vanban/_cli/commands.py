"""The commands of ``vanban``, each its arguments and what it does, through the public API only.

Naming (docs/naming.md): words about the document and the clerk's work are Vietnamese (``--ky``,
``--tien-do``, ``--bao-cao``, ``--thay-doi``, ``--nam``, ``--nguoi-ky``); options about files and
running the tool are the usual ones (``-o/--output``, ``--out-dir``, ``-j/--jobs``, ``--format``,
``--template``, ``--overwrite``).
"""

from __future__ import annotations

import argparse
import dataclasses
import glob
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import vanban

Args = argparse.Namespace


@dataclass
class Command:
    name: str
    help: str
    description: str
    arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[Args], int | None]

    def add(self, commands: Any, formatter: type[argparse.HelpFormatter]) -> None:
        parser = commands.add_parser(
            self.name, help=self.help, description=self.description, formatter_class=formatter, allow_abbrev=False
        )
        self.arguments(parser)
        parser.set_defaults(run=self.run)


def _warn_old(old: str, new: str) -> None:
    print(f"Lưu ý: '{old}' đã đổi thành '{new}'; tên cũ sẽ bỏ ở bản sau.", file=sys.stderr)


class _Renamed(argparse.Action):
    """A vanban 0.1 option name: works, says its new name."""

    def __call__(self, parser: Any, namespace: Args, values: Any, option_string: str | None = None) -> None:
        _warn_old(str(option_string), str(self.metavar or ""))
        if isinstance(getattr(namespace, self.dest, None), list):
            getattr(namespace, self.dest).append(values)
        elif self.nargs == 0:
            setattr(namespace, self.dest, True)
        else:
            setattr(namespace, self.dest, values)


def _old_option(parser: argparse.ArgumentParser, old: str, new: str, dest: str, flag: bool = False) -> None:
    parser.add_argument(old, dest=dest, action=_Renamed, metavar=new, nargs=0 if flag else None, help=argparse.SUPPRESS)


def _suffix(path: Path, allowed: tuple[str, ...], option: str = "-o") -> Path:
    if path.suffix.lower() not in allowed:
        raise vanban.InputError(f"{option} '{path}': cần đuôi {' hoặc '.join(allowed)}")
    if not path.parent.is_dir():
        raise vanban.InputError(f"{option} '{path}': thư mục '{path.parent}' không tồn tại")
    return path


def _echo(message: str) -> None:
    print(message)


def _load_document(path: Path, kind: type[vanban.VanBan] | None = None) -> Any:
    """A plan (or report) from YAML/JSON, or read from a DOCX (the parser's doubts are summed up)."""
    kind = kind or vanban.KeHoach  # looked up here: `vanban --help` does not load the models
    if path.suffix.lower() in (".docx", ".doc"):
        found = vanban.parse_detailed(path)
        guesses = [note for note in found.notes if note.guess]
        if guesses:
            print(
                f"Đọc {path}: độ chắc chắn {found.confidence:.0%}, {len(guesses)} chỗ đoán cần xem lại (xem `vanban parse`).",
                file=sys.stderr,
            )
        if not isinstance(found.model, kind):
            raise vanban.InputError(f"'{path}' là {found.model.TEN_LOAI.lower()}, không phải {kind.TEN_LOAI.lower()}")
        return found.model
    return vanban.load(path, kind)


# --- render ---------------------------------------------------------------------------------------
def _render_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files", nargs="+", metavar="TỆP", help="tệp .yaml/.yml/.json, thư mục, hoặc mẫu như 'ke-hoach/*.yaml'"
    )
    parser.add_argument("-o", "--output", type=Path, metavar="RA.docx", help="tệp .docx ra (khi chỉ có một tệp vào)")
    parser.add_argument("--out-dir", type=Path, metavar="THƯ_MỤC", help="thư mục ghi các tệp .docx (xuất nhiều tệp)")
    parser.add_argument(
        "--template", type=Path, metavar="MẪU.docx", help="mẫu Word thay cho mẫu có sẵn (chạy trong hộp cát)"
    )
    parser.add_argument("--pdf", action="store_true", help="xuất thêm PDF (LibreOffice, cả lô trong một lần chạy)")
    parser.add_argument(
        "-j", "--jobs", type=int, default=1, metavar="N", help="số tiến trình chạy song song (mặc định 1)"
    )


def _render(args: Args) -> int:
    if args.jobs < 1:
        raise vanban.InputError("-j: số tiến trình phải từ 1 trở lên")
    if args.output is not None:
        single = args.files[0]
        if (
            len(args.files) != 1
            or args.out_dir is not None
            or Path(single).is_dir()
            or (any(c in single for c in "*?[") and not Path(single).exists())
        ):
            raise vanban.InputError("-o chỉ dùng khi xuất một tệp; nhiều tệp, thư mục hay mẫu tên thì dùng --out-dir")
        output = _suffix(args.output, (".docx",))
        source = Path(args.files[0])
        vanban.write_all({output: b""}, inputs=[source, args.template], dry_run=True)
        vanban.render(vanban.load(source), output, args.template)
        _echo(f"Đã ghi {output}")
        if args.pdf:
            made = vanban.to_pdf([output], output.parent)[output]
            if not isinstance(made, Path):
                raise vanban.RenderError(f"{output}: {made}")
            _echo(f"Đã ghi {made}")
        return 0
    if args.out_dir is None:
        raise vanban.InputError("cần -o TỆP.docx (một tệp) hoặc --out-dir THƯ_MỤC (nhiều tệp)")
    return _render_many(args)


def _expand(inputs: list[str], suffixes: tuple[str, ...] = (".yaml", ".yml", ".json")) -> list[Path]:
    """Files, folders (their files with these suffixes) and glob patterns, in a stable order, each once."""
    found: list[Path] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found += sorted(
                p for p in path.iterdir() if p.suffix.lower() in suffixes and not p.name.startswith((".", "~$"))
            )
        elif any(c in item for c in "*?[") and not path.exists():
            found += sorted(Path(p) for p in glob.glob(item) if Path(p).suffix.lower() in suffixes)
        else:
            found.append(path)
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


def _render_many(args: Args) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True, highlight=False)
    with Progress(
        TextColumn("Đang xuất"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console, transient=True
    ) as bar:
        sources = _expand(args.files)
        if not sources:
            raise vanban.InputError("không có tệp .yaml/.yml/.json nào để xuất")
        task = bar.add_task("render", total=len(sources))
        results = vanban.render_batch(
            sources,
            args.out_dir,
            template=args.template,
            jobs=args.jobs,
            pdf=args.pdf,
            progress=lambda _: bar.advance(task),
        )
    failed = [r for r in results if not r.ok]
    extra = " (kèm PDF)" if args.pdf else ""
    _echo(f"Xong: {len(results) - len(failed)}/{len(results)} tệp vào {args.out_dir}{extra}; lỗi: {len(failed)}.")
    from . import print_error

    for result in failed:
        error = result.error or ""
        print_error(error if error.startswith(result.source) else f"{result.source}: {error}")
    return 1 if failed else 0


# --- pdf, schema ---------------------------------------------------------------------------------
def _pdf_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", type=Path, metavar="TỆP.docx", help="các tệp Word cần xuất PDF")
    parser.add_argument("--out-dir", type=Path, metavar="THƯ_MỤC", help="thư mục ghi PDF (mặc định: cạnh tệp .docx)")


def _pdf(args: Args) -> int:
    from . import print_error

    missing = [str(f) for f in args.files if not f.is_file()]
    if missing:
        raise vanban.InputError(f"không tìm thấy tệp: {', '.join(missing)}")
    groups: dict[Path, list[Path]] = {}
    for path in args.files:
        groups.setdefault(args.out_dir or path.parent, []).append(path)
    failed = 0
    for folder, paths in groups.items():
        for source, made in vanban.to_pdf(paths, folder).items():
            if isinstance(made, Path):
                _echo(f"Đã ghi {made}")
            else:
                failed += 1
                print_error(f"{source}: {made}")
    return 1 if failed else 0


def _schema_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("kind", nargs="?", default="ke_hoach", metavar="LOẠI", help="ke_hoach (mặc định) hoặc bao_cao")
    parser.add_argument("-o", "--output", type=Path, metavar="TỆP.json", help="ghi ra tệp thay vì màn hình")


def _schema(args: Args) -> int:
    text = json.dumps(vanban.json_schema(args.kind), ensure_ascii=False, indent=2) + "\n"
    if args.output is None:
        sys.stdout.write(text)
    else:
        vanban.write_all({args.output: text.encode("utf-8")})
        _echo(f"Đã ghi {args.output}")
    return 0


# --- report --------------------------------------------------------------------------------------
def _report_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", type=Path, metavar="KẾ_HOẠCH", help="kế hoạch .yaml/.json hoặc .docx")
    parser.add_argument(
        "--ky", required=True, metavar="KỲ", help="kỳ báo cáo: 'tháng 3', 'quý I', '6 tháng đầu năm', '9 tháng', 'năm'"
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="RA.docx",
        help="tệp báo cáo .docx; bản YAML để sửa ghi cạnh nó",
    )
    parser.add_argument(
        "--tien-do",
        type=Path,
        action="append",
        default=[],
        metavar="TỆP",
        help="số liệu tiến độ .yaml/.csv/.xlsx; lặp lại để cộng nhiều kỳ",
    )
    parser.add_argument("--nam", type=int, metavar="NĂM", help="năm của kỳ báo cáo (mặc định: năm của kế hoạch)")
    parser.add_argument("--so", type=int, metavar="SỐ", help="số báo cáo (mặc định để trống cho văn thư)")
    parser.add_argument("--ngay", metavar="dd/mm/yyyy", help="ngày ban hành (mặc định để trống)")
    parser.add_argument("--nguoi-ky", metavar="HỌ_TÊN", help="họ tên người ký (chức vụ lấy từ kế hoạch)")
    parser.add_argument(
        "--kinh-gui", action="append", default=[], metavar="NƠI", help="nơi được kính gửi; lặp lại cho nhiều nơi"
    )
    parser.add_argument(
        "--theo",
        metavar="VĂN_BẢN",
        help="văn bản yêu cầu báo cáo, dẫn đầu tiên: 'Công văn số 123/UBND-KT ngày 05/3/2024 của UBND tỉnh về …'",
    )
    parser.add_argument(
        "--overwrite", action="store_true", help="cho ghi đè tệp YAML cạnh tệp ra dù không do vanban ghi"
    )
    _old_option(parser, "--progress", "--tien-do", "tien_do")


def _report(args: Args) -> int:
    output = _suffix(args.output, (".docx",))
    yaml_path = output.with_suffix(".yaml")
    vanban.write_all(
        {output: b"", yaml_path: b""},
        inputs=[args.plan, *args.tien_do],
        side_files=[] if args.overwrite else [yaml_path],
        dry_run=True,
    )
    plan = _load_document(args.plan)
    period = vanban.KyBaoCao.from_words(args.ky, args.nam or plan.nam)
    periods = [entry for path in args.tien_do for entry in vanban.load_progress(path, period)]
    from vanban._parse import parse_citation

    request = parse_citation(args.theo) if args.theo and args.theo.strip() else args.theo
    draft = vanban.draft_report(
        plan,
        period,
        periods,
        so=args.so,
        ngay=args.ngay,
        nguoi_ky=args.nguoi_ky,
        kinh_gui=args.kinh_gui or None,
        theo=request,
    )
    vanban.write_all(
        {output: vanban.render_bytes(draft), yaml_path: vanban.to_yaml(draft).encode("utf-8")},
        inputs=[args.plan, *args.tien_do],
        side_files=[] if args.overwrite else [yaml_path],
    )
    _echo(f"Đã ghi {output} và {yaml_path} (báo cáo {draft.ky}, {len(draft.ket_qua)} nhiệm vụ).")
    missing = draft.placeholders()
    if missing:
        _echo(f"Còn {len(missing)} chỗ cần bổ sung (tô vàng trong tệp Word):")
        for item in missing:
            _echo(f"  - {item}")
    return 0


# --- tien-do (progress collection) ---------------------------------------------------------------------
def _progress_arguments(parser: argparse.ArgumentParser) -> None:
    steps = parser.add_subparsers(title="việc", metavar="VIỆC", dest="viec", required=True, parser_class=type(parser))
    forms = steps.add_parser(
        "mau",
        help="lập biểu mẫu Excel cho từng đơn vị chủ trì",
        description="Lập biểu mẫu báo cáo tiến độ (.xlsx) cho từng đơn vị chủ trì, chỉ gồm nhiệm vụ của đơn vị đến\n"
        "hạn trong hoặc trước kỳ; chỉ tiêu ghi sẵn, khóa; tình trạng chọn trong danh sách; ô số chỉ nhận số.",
        formatter_class=parser.formatter_class,
    )
    forms.add_argument("plan", type=Path, metavar="KẾ_HOẠCH", help="kế hoạch .yaml/.json hoặc .docx")
    forms.add_argument("--ky", required=True, metavar="KỲ", help="kỳ báo cáo: 'quý II', '6 tháng đầu năm', 'tháng 3' …")
    forms.add_argument("--out-dir", type=Path, metavar="THƯ_MỤC", help="thư mục ghi các biểu mẫu (một tệp mỗi đơn vị)")
    forms.add_argument("--mot-tep", action="store_true", help="một tệp, mỗi đơn vị một trang")
    forms.add_argument("-o", "--output", type=Path, metavar="RA.xlsx", help="tên tệp khi --mot-tep")
    forms.add_argument("--nam", type=int, metavar="NĂM", help="năm của kỳ (mặc định: năm của kế hoạch)")
    forms.add_argument("--han-nop", metavar="dd/mm/yyyy", help="hạn gửi lại, in ở trang hướng dẫn")
    forms.add_argument("--gui-ve", metavar="NƠI", help="gửi về đâu (đơn vị, thư điện tử), in ở trang hướng dẫn")
    forms.add_argument("--overwrite", action="store_true", help="cho ghi đè biểu mẫu đã có trong thư mục")
    forms.set_defaults(run=_progress_forms)
    merge = steps.add_parser(
        "gop",
        help="gộp các biểu mẫu đơn vị gửi lại thành tệp tiến độ",
        description="Gộp các biểu mẫu đã điền thành tệp tiến độ cho `vanban report --tien-do`; in đơn vị chưa gửi,\n"
        "nhiệm vụ chưa có số liệu và chỗ mâu thuẫn với kế hoạch.",
        formatter_class=parser.formatter_class,
    )
    merge.add_argument(
        "files", nargs="+", metavar="BIỂU_MẪU", help="các tệp .xlsx, thư mục, hoặc mẫu như 'bieu-mau/*.xlsx'"
    )
    merge.add_argument("-o", "--output", type=Path, required=True, metavar="RA.yaml", help="tệp tiến độ .yaml ra")
    merge.add_argument("--ke-hoach", "--plan", type=Path, metavar="KẾ_HOẠCH", help="kế hoạch để đối chiếu")
    merge.add_argument("--ky", metavar="KỲ", help="kỳ phải có của mọi biểu mẫu")
    merge.set_defaults(run=_progress_merge)


def _progress_forms(args: Args) -> int:
    if args.mot_tep == (args.out_dir is not None) and args.output is None:
        raise vanban.InputError("cần --out-dir THƯ_MỤC (mỗi đơn vị một tệp), hoặc --mot-tep -o TỆP.xlsx")
    if args.output is not None and not args.mot_tep:
        raise vanban.InputError("-o chỉ dùng cùng --mot-tep; nhiều tệp thì dùng --out-dir")
    folder = args.out_dir if args.out_dir is not None else (args.output.parent if args.output else Path("."))
    if not folder.is_dir():
        if not folder.parent.is_dir():
            raise vanban.InputError(f"--out-dir '{folder}': thư mục '{folder.parent}' không tồn tại")
        folder.mkdir()
    plan = _load_document(args.plan)
    period = vanban.KyBaoCao.from_words(args.ky, args.nam or plan.nam)
    made = vanban.progress_forms(plan, period, mot_tep=args.mot_tep, han_nop=args.han_nop, gui_ve=args.gui_ve)
    targets = {
        (_suffix(args.output, (".xlsx",)) if args.output else folder / name): data for name, data in made.items()
    }
    existing = [str(path) for path in targets if path.exists()]
    if existing and not args.overwrite:
        raise vanban.InputError(
            f"đã có {', '.join(existing[:3])}{' …' if len(existing) > 3 else ''}: không ghi đè biểu mẫu có thể đã điền "
            "(cho phép: --overwrite)"
        )
    vanban.write_all(targets, inputs=[args.plan])
    _echo(f"Đã lập {len(targets)} biểu mẫu {period}:")
    for path in targets:
        _echo(f"  - {path}")
    return 0


def _progress_merge(args: Args) -> int:
    output = _suffix(args.output, (".yaml", ".yml"))
    files = _expand(args.files, (".xlsx",))
    vanban.write_all({output: b""}, inputs=[*files, args.ke_hoach], dry_run=True)
    plan = _load_document(args.ke_hoach) if args.ke_hoach else None
    found = vanban.merge_progress(files, plan, args.ky)
    from vanban._thu_thap import progress_yaml

    vanban.write_all({output: progress_yaml(found.progress, [str(f) for f in files]).encode("utf-8")}, inputs=files)
    _echo(
        f"Đã gộp {len(files)} tệp, {len(found.replied)}/{len(found.units)} đơn vị có số liệu, "
        f"{len(found.progress.nhiem_vu)} nhiệm vụ; ghi {output}."
    )
    for title, items in (
        ("Đơn vị chưa gửi:", found.missing_units),
        ("Đơn vị gửi nhưng chưa điền:", found.empty_units),
        ("Chưa có số liệu:", found.missing_figures),
        ("Cần xem lại (mâu thuẫn với kế hoạch hoặc giữa các đơn vị):", found.contradictions),
    ):
        if items:
            _echo(title)
            for item in items:
                _echo(f"  - {item}")
    return 0


# --- mau (a bundled template to edit) ---------------------------------------------------------------
def _template_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("loai", choices=("ke-hoach", "bao-cao"), metavar="LOẠI", help="ke-hoach hoặc bao-cao")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="RA.docx", help="tệp mẫu .docx ra")
    parser.add_argument("--overwrite", action="store_true", help="cho ghi đè tệp đã có")


def _template(args: Args) -> int:
    output = _suffix(args.output, (".docx",))
    if output.exists() and not args.overwrite:
        raise vanban.InputError(f"'{output}' đã có: không ghi đè (cho phép: --overwrite)")
    vanban.write_all({output: vanban.template_docx(args.loai)})
    _echo(
        f"Đã ghi {output}: mẫu {args.loai} để sửa trong Word (giữ các thẻ {{{{ … }}}} và {{%p … %}}), "
        f"rồi dùng: vanban render TỆP.yaml -o RA.docx --template {output}"
    )
    return 0


# --- next-year -----------------------------------------------------------------------------------
def _next_year_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan", type=Path, metavar="KẾ_HOẠCH", help="kế hoạch năm nay (.yaml/.json hoặc .docx)")
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="RA",
        help="kế hoạch năm sau: .yaml (giữ chú thích của tệp gốc) hoặc .docx",
    )
    parser.add_argument("--nam", type=int, metavar="NĂM", help="năm mới (mặc định: năm sau năm của kế hoạch)")
    parser.add_argument(
        "--bao-cao",
        type=Path,
        metavar="BÁO_CÁO",
        help="báo cáo năm (.yaml hoặc .docx): bỏ nhiệm vụ đã hoàn thành, chuyển tiếp phần còn lại",
    )
    parser.add_argument("--giu-hoan-thanh", action="store_true", help="giữ cả nhiệm vụ đã hoàn thành")
    parser.add_argument(
        "--thay-doi",
        type=Path,
        metavar="TỆP.md|.json",
        help="ghi danh sách thay đổi (đã dời, giữ nguyên, cần xem lại) ra tệp Markdown, hoặc JSON cho chương trình",
    )
    _old_option(parser, "--report", "--bao-cao", "bao_cao")
    _old_option(parser, "--changes", "--thay-doi", "thay_doi")


def _next_year(args: Args) -> int:
    output = _suffix(args.output, (".yaml", ".yml", ".docx"))
    plan_path, report_path = Path(args.plan), Path(args.bao_cao) if args.bao_cao else None
    changes_path = Path(args.thay_doi) if args.thay_doi else None
    outputs: dict[Path, bytes] = {output: b""}
    if changes_path is not None:
        outputs[changes_path] = b""
    vanban.write_all(outputs, inputs=[plan_path, report_path], dry_run=True)
    plan = _load_document(plan_path)
    year_end = _load_document(report_path, vanban.BaoCao) if report_path else None
    new_plan, found = vanban.next_year(plan, args.nam, year_end, giu_hoan_thanh=args.giu_hoan_thanh)
    if output.suffix.lower() == ".docx":
        outputs[output] = vanban.render_bytes(new_plan)
    else:
        outputs[output] = vanban.to_yaml(new_plan, keep_comments_from=plan_path).encode("utf-8")
    listing = vanban.changes_markdown(found, plan.nam, new_plan.nam)
    if changes_path is not None:
        written = listing
        if changes_path.suffix.lower() == ".json":
            written = vanban.changes_json(found, plan.nam, new_plan.nam)
        outputs[changes_path] = written.encode("utf-8")
    vanban.write_all(outputs, inputs=[plan_path, report_path])
    _echo(listing)
    _echo(f"Đã ghi {output}" + (f" và {changes_path}" if changes_path else ""))
    return 0


# --- parse ---------------------------------------------------------------------------------------
def _parse_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "source",
        type=Path,
        metavar="NGUỒN",
        help="kế hoạch hoặc báo cáo có sẵn: .docx, .doc hoặc .txt (mỗi đoạn một dòng)",
    )
    parser.add_argument(
        "-o", "--output", type=Path, required=True, metavar="RA.yaml", help="tệp .yaml hoặc .json ghi ra"
    )


def _parse(args: Args) -> int:
    output = _suffix(args.output, (".yaml", ".yml", ".json"))
    vanban.write_all({output: b""}, inputs=[args.source], dry_run=True)
    found = vanban.parse_detailed(args.source)
    vanban.save(found.model, output)
    kind = found.model.TEN_LOAI.lower()
    _echo(f"Đã đọc {kind} {found.model.so_ky_hieu}, ghi {output}. Độ chắc chắn: {found.confidence:.0%}.")
    guesses = [note for note in found.notes if note.guess]
    kept = [note for note in found.notes if not note.guess]
    for title, notes in ((f"{len(guesses)} chỗ đoán, cần xem lại:", guesses), ("Giữ nguyên như văn bản:", kept)):
        if notes:
            _echo(title)
            for note in notes:
                detail = f" «{note.text[:80]}»" if note.text else ""
                _echo(f"  - {note.where}: {note.reason}{detail}")
    return 0


# --- check ---------------------------------------------------------------------------------------
def _check_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="*", type=Path, metavar="TỆP.docx", help="một hay nhiều tệp Word cần kiểm tra")
    parser.add_argument(
        "--rules", action="store_true", help="liệt kê mọi mã quy tắc của Nghị định và việc kiểm tra từng mã"
    )
    parser.add_argument(
        "--annotate",
        action="store_true",
        help="ghi mỗi lỗi thành ghi chú (comment) Word tại chỗ của nó, vào bản sao (cần -o)",
    )
    parser.add_argument(
        "--profile",
        type=Path,
        metavar="vanban.toml",
        help="quy ước riêng của cơ quan (mặc định: vanban.toml hoặc [tool.vanban] của pyproject.toml ở thư mục hiện tại)",
    )
    parser.add_argument(
        "-f",
        "--format",
        choices=("text", "json"),
        default="text",
        help="text: đọc được (mặc định); json: cho chương trình",
    )
    parser.add_argument(
        "--fix", action="store_true", help="sửa các lỗi định dạng sửa được an toàn vào một bản sao (cần -o)"
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="RA.docx",
        help="tệp .docx ghi bản đã sửa (với --fix) hoặc có ghi chú (với --annotate)",
    )
    state = parser.add_mutually_exclusive_group()
    state.add_argument(
        "--du-thao",
        dest="du_thao",
        action="store_const",
        const=True,
        help="coi là dự thảo (số, ngày để trống chỉ là thông tin)",
    )
    state.add_argument(
        "--chinh-thuc",
        dest="du_thao",
        action="store_const",
        const=False,
        help="coi là bản chính thức; mặc định: tự nhận biết",
    )


def _check(args: Args) -> int:
    from . import print_error

    if args.rules:
        _print_rules()
        return 0
    if not args.files:
        raise vanban.InputError("cần ít nhất một tệp .docx (hoặc --rules)")
    if args.fix and args.annotate:
        raise vanban.InputError("--fix và --annotate dùng riêng: mỗi lệnh ghi một bản sao")
    if args.fix or args.annotate:
        option = "--fix" if args.fix else "--annotate"
        if args.output is None or len(args.files) != 1:
            raise vanban.InputError(f"{option} cần đúng một tệp vào và -o TỆP_RA.docx")
        _suffix(args.output, (".docx",))
        vanban.write_all({args.output: b""}, inputs=args.files, dry_run=True)
    elif args.output is not None:
        raise vanban.InputError("-o chỉ dùng cùng --fix hoặc --annotate")
    profile = vanban.load_profile(args.profile) if args.profile else vanban.load_profile()
    output: Path = args.output or Path()  # set whenever --fix or --annotate writes (checked above)
    results, unreadable = [], []
    for path in args.files:
        try:
            if args.fix:
                fixed = vanban.fix(path, du_thao=args.du_thao, profile=profile)
                vanban.write_all({output: fixed.data}, inputs=args.files)
                stream = sys.stderr if args.format == "json" else sys.stdout
                print(
                    f"Đã sửa {fixed.fixed} lỗi ({len(fixed.changes)} thay đổi định dạng), ghi {args.output}:",
                    file=stream,
                )
                for change in fixed.changes:
                    print(f"  - {change}", file=stream)
                print("Kiểm tra lại bản đã sửa:", file=stream)
                result = dataclasses.replace(fixed.after, source=str(output))  # named by its file, not "<bytes>"
            elif args.annotate:
                annotated, result = vanban.annotate(path, du_thao=args.du_thao, profile=profile)
                vanban.write_all({output: annotated}, inputs=args.files)
                print(
                    f"Đã ghi {args.output}: {len(result.findings)} lỗi thành ghi chú (comment) Word",
                    file=sys.stderr if args.format == "json" else sys.stdout,
                )
            else:
                result = vanban.check(path, du_thao=args.du_thao, profile=profile)
            results.append(result)
        except vanban.DocxError as exc:
            unreadable.append(str(exc))
    if args.format == "json":
        payload = [r.to_dict() for r in results] + [{"source": None, "error": e} for e in unreadable]
        _echo(json.dumps(payload if len(args.files) > 1 else payload[0], ensure_ascii=False, indent=2))
    else:
        from .printout import print_findings

        for result in results:
            print_findings(result)
        for error in unreadable:
            print_error(error)
    if unreadable:
        return 2
    return 1 if any(not r.ok for r in results) else 0


def _print_rules() -> None:
    rules = vanban.list_rules()
    for item in rules:
        if item.status == "kiểm tra":
            fix = ", sửa được" if item.fixable else ""
            _echo(f"{item.id:15} {item.severity}  {item.title} [{item.note}{fix}]")
        else:
            _echo(f"{item.id:15} -  {item.status}: {item.note}")
    checked = sum(1 for item in rules if item.status == "kiểm tra")
    covered = sum(1 for item in rules if item.status == "kiểm tra qua mã khác")
    _echo(
        f"{len(rules)} mã: {checked} kiểm tra, {covered} kiểm tra qua mã khác, {len(rules) - checked - covered} không kiểm tra được trên tệp Word."
    )


COMMANDS = (
    Command(
        "render",
        "xuất kế hoạch, báo cáo (YAML/JSON) ra Word .docx đúng thể thức",
        "Xuất kế hoạch, báo cáo (YAML/JSON) ra Word .docx đúng thể thức; --pdf để có thêm PDF.\n\n"
        "Một tệp: vanban render KH.yaml -o KH.docx\nNhiều tệp: vanban render a.yaml b.yaml --out-dir ra/ -j 2\n"
        "Tệp lỗi không làm dừng các tệp khác (mã thoát 1). Không bao giờ để lại tệp ghi dở.",
        _render_arguments,
        _render,
    ),
    Command(
        "report",
        "soạn dự thảo báo cáo tháng, quý, 6 tháng, 9 tháng, năm",
        "Soạn dự thảo báo cáo từ kế hoạch và số liệu tiến độ. Ghi RA.docx và RA.yaml (để sửa rồi\n"
        "`vanban render RA.yaml`). Chỗ chưa có số liệu để [Bổ sung …] (tô vàng) và liệt kê ở cuối;\n"
        "không có con số nào tự bịa ra.",
        _report_arguments,
        _report,
    ),
    Command(
        "tien-do",
        "lập biểu mẫu tiến độ cho các đơn vị; gộp biểu mẫu gửi lại",
        "Thu thập số liệu tiến độ trước mỗi kỳ báo cáo, ba bước:\n"
        "  vanban tien-do mau KH.yaml --ky 'quý II' --out-dir bieu-mau/   (gửi mỗi đơn vị một tệp)\n"
        "  vanban tien-do gop bieu-mau-da-dien/*.xlsx -o tien-do-quy-II.yaml --ke-hoach KH.yaml\n"
        "  vanban report KH.yaml --ky 'quý II' --tien-do tien-do-quy-II.yaml -o bao-cao-quy-II.docx",
        _progress_arguments,
        lambda args: 0,
    ),
    Command(
        "next-year",
        "soạn kế hoạch năm sau từ kế hoạch năm nay",
        "Soạn kế hoạch năm sau, kèm danh sách mọi thay đổi và chỗ cần xem lại. Năm của chính kế hoạch\n"
        "được dời; văn bản được dẫn, giai đoạn khác giữ nguyên. Số và ngày ban hành để trống cho văn thư.",
        _next_year_arguments,
        _next_year,
    ),
    Command(
        "parse",
        "đọc kế hoạch, báo cáo có sẵn (Word, văn bản) thành YAML",
        "Đọc kế hoạch hoặc báo cáo có sẵn thành YAML để sửa, soạn báo cáo, lập kế hoạch năm sau.\n"
        "Không bỏ chữ nào; in những chỗ cần xem lại và độ chắc chắn.",
        _parse_arguments,
        _parse,
    ),
    Command(
        "check",
        "kiểm tra thể thức một tệp Word theo Nghị định 30",
        "Kiểm tra thể thức văn bản .docx theo Nghị định 30/2020/NĐ-CP, báo lỗi theo mã quy tắc.\n"
        "Mã thoát: 0 không có lỗi E; 1 có lỗi E; 2 có tệp không đọc được.",
        _check_arguments,
        _check,
    ),
    Command(
        "pdf",
        "xuất PDF từ tệp Word (LibreOffice)",
        "Xuất PDF từ tệp Word qua LibreOffice (cả lô trong một lần chạy, không đụng tới LibreOffice đang mở).",
        _pdf_arguments,
        _pdf,
    ),
    Command(
        "mau",
        "xuất mẫu Word có sẵn (kế hoạch, báo cáo) để sửa",
        "Xuất mẫu Word vanban dùng (ke-hoach hoặc bao-cao) để cơ quan sửa cách trình bày trong Word;\n"
        "dùng lại bằng --template. Ví dụ: vanban mau ke-hoach -o mau-ke-hoach.docx",
        _template_arguments,
        _template,
    ),
    Command(
        "schema",
        "in JSON Schema của tệp YAML/JSON (cho trình soạn thảo)",
        "In JSON Schema của tệp YAML/JSON, để trình soạn thảo gợi ý và kiểm tra khi gõ.",
        _schema_arguments,
        _schema,
    ),
)
