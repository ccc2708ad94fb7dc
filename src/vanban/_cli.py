"""The ``vanban`` command. The one place that turns errors into messages and exit codes.

Exit codes: 0 done, 1 the work failed, 2 bad usage or bad input.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from . import __version__
from ._errors import InputError, RenderError, VanbanError
from ._files import write_atomic

app = typer.Typer(
    name="vanban",
    help=(
        "Soạn kế hoạch, báo cáo hành chính đúng thể thức Nghị định 30/2020/NĐ-CP.\n\n"
        "Ví dụ: vanban render examples/ke-hoach-19-KH-SKHCN-2024.yaml -o ke-hoach-19.docx"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

_state = {"debug": False}

_USAGE_MESSAGES = {
    "Missing argument": "thiếu tham số",
    "Missing option": "thiếu tùy chọn",
    "No such option": "không có tùy chọn",
    "No such command": "không có lệnh",
    "Invalid value for": "giá trị không hợp lệ cho",
    "Got unexpected extra argument": "thừa tham số",
    "Option '": "tùy chọn '",
    "requires an argument": "cần một giá trị",
    "does not exist": "không tồn tại",
}


def _fail(message: str, code: int = 2) -> NoReturn:
    _print_error(message)
    raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"vanban {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    debug: Annotated[
        bool, typer.Option("--debug", help="Hiện toàn bộ traceback khi có lỗi (cho lập trình viên).")
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="In phiên bản rồi thoát.")
    ] = False,
) -> None:
    _state["debug"] = debug


@app.command()
def render(
    files: Annotated[
        list[str],
        typer.Argument(help="Tệp .yaml/.yml/.json, thư mục, hoặc mẫu như 'ke-hoach/*.yaml'.", show_default=False),
    ],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Tệp .docx ra (khi chỉ có một tệp vào).")
    ] = None,
    out_dir: Annotated[
        Path | None, typer.Option("--out-dir", help="Thư mục ghi các tệp .docx (xuất nhiều tệp).")
    ] = None,
    template: Annotated[
        Path | None,
        typer.Option("--template", help="Mẫu Word (.docx) thay cho mẫu có sẵn; chạy trong hộp cát Jinja."),
    ] = None,
    pdf: Annotated[
        bool, typer.Option("--pdf", help="Xuất thêm PDF (qua LibreOffice, cả lô trong một lần chạy).")
    ] = False,
    jobs: Annotated[int, typer.Option("-j", "--jobs", help="Số tiến trình chạy song song.")] = 1,
) -> None:
    """Xuất kế hoạch, báo cáo (YAML/JSON) ra Word .docx đúng thể thức; --pdf để có thêm PDF.

    Một tệp: `vanban render KH.yaml -o KH.docx`. Nhiều tệp: `vanban render a.yaml b.yaml --out-dir ra/ -j 2`.
    Tệp lỗi không làm dừng các tệp khác; có lỗi thì mã thoát 1. Không bao giờ để lại tệp ghi dở.
    """
    from ._batch import check_jobs, expand

    check_jobs(jobs)
    sources = expand(files)
    if not sources:
        raise InputError("không có tệp .yaml/.yml/.json nào để xuất")
    if output is not None:
        if len(sources) != 1 or out_dir is not None:
            raise InputError("-o chỉ dùng khi xuất một tệp; nhiều tệp thì dùng --out-dir")
        if output.suffix.lower() != ".docx":
            raise InputError(f"tệp ra '{output}' phải có đuôi .docx")
        if not output.parent.is_dir():
            raise InputError(f"thư mục '{output.parent}' không tồn tại")
        _render_single(sources[0], output, template, pdf)
        return
    if out_dir is None:
        raise InputError("cần -o TỆP.docx (một tệp) hoặc --out-dir THƯ_MỤC (nhiều tệp)")
    _render_many(sources, out_dir, template, pdf, jobs)


def _render_single(source: Path, output: Path, template: Path | None, pdf: bool) -> None:
    from ._io import load
    from ._render import render as render_docx

    render_docx(load(source), output, template)
    typer.echo(f"Đã ghi {output}")
    if pdf:
        from ._pdf import to_pdf

        made = to_pdf([output], output.parent)[output]
        if not isinstance(made, Path):
            raise RenderError(f"{output}: {made}")
        typer.echo(f"Đã ghi {made}")


def _render_many(sources: list[Path], out_dir: Path, template: Path | None, pdf: bool, jobs: int) -> None:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ._batch import render_batch

    console = Console(stderr=True, highlight=False)
    with Progress(
        TextColumn("Đang xuất"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console, transient=True
    ) as bar:
        task = bar.add_task("render", total=len(sources))
        results = render_batch(
            sources, out_dir, template=template, jobs=jobs, pdf=pdf, progress=lambda _: bar.advance(task)
        )
    failed = [r for r in results if not r.ok]
    done = len(results) - len(failed)
    typer.echo(
        f"Xong: {done}/{len(results)} tệp vào {out_dir}" + (" (kèm PDF)" if pdf else "") + f"; lỗi: {len(failed)}."
    )
    for result in failed:
        error = result.error or ""
        _print_error(error if error.startswith(result.source) else f"{result.source}: {error}")
    if failed:
        raise typer.Exit(1)


@app.command()
def pdf(
    files: Annotated[list[Path], typer.Argument(help="Các tệp .docx cần xuất PDF.", show_default=False)],
    out_dir: Annotated[
        Path | None, typer.Option("--out-dir", help="Thư mục ghi PDF (mặc định: cạnh tệp .docx).")
    ] = None,
) -> None:
    """Xuất PDF từ tệp Word qua LibreOffice (cả lô trong một lần chạy, không đụng tới LibreOffice đang mở)."""
    from ._pdf import to_pdf

    missing = [f for f in files if not f.is_file()]
    if missing:
        raise InputError(f"không tìm thấy tệp: {', '.join(map(str, missing))}")
    groups: dict[Path, list[Path]] = {}
    for path in files:
        groups.setdefault(out_dir or path.parent, []).append(path)
    failed = 0
    for folder, paths in groups.items():
        for source, made in to_pdf(paths, folder).items():
            if isinstance(made, Path):
                typer.echo(f"Đã ghi {made}")
            else:
                failed += 1
                _print_error(f"{source}: {made}")
    if failed:
        raise typer.Exit(1)


@app.command()
def schema(
    kind: Annotated[str, typer.Argument(help="Loại văn bản: ke-hoach.")] = "ke-hoach",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Ghi ra tệp thay vì màn hình.")] = None,
) -> None:
    """In JSON Schema của tệp YAML/JSON, để trình soạn thảo gợi ý và kiểm tra khi gõ."""
    from ._io import json_schema

    text = json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_atomic(output, text.encode("utf-8"))
        typer.echo(f"Đã ghi {output}")


@app.command()
def report(
    plan: Annotated[Path, typer.Argument(help="Kế hoạch .yaml/.json hoặc .docx.", show_default=False)],
    ky: Annotated[
        str,
        typer.Option(
            "--ky", help="Kỳ báo cáo: 'tháng 3', 'quý I', '6 tháng đầu năm', '9 tháng', 'năm'.", show_default=False
        ),
    ],
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Tệp báo cáo .docx; bản YAML để sửa ghi cạnh nó.", show_default=False)
    ],
    progress: Annotated[
        list[Path], typer.Option("--progress", help="Tệp tiến độ .yaml/.csv/.xlsx; lặp lại để cộng nhiều kỳ.")
    ] = [],  # noqa: B006
    nam: Annotated[int | None, typer.Option("--nam", help="Năm của kỳ báo cáo (mặc định: năm của kế hoạch).")] = None,
    so: Annotated[int | None, typer.Option("--so", help="Số báo cáo (mặc định để trống cho văn thư).")] = None,
    ngay: Annotated[str | None, typer.Option("--ngay", help="Ngày ban hành dd/mm/yyyy (mặc định để trống).")] = None,
    nguoi_ky: Annotated[
        str | None, typer.Option("--nguoi-ky", help="Họ tên người ký (chức vụ lấy từ kế hoạch).")
    ] = None,
    kinh_gui: Annotated[list[str], typer.Option("--kinh-gui", help="Nơi được kính gửi; lặp lại cho nhiều nơi.")] = [],  # noqa: B006
) -> None:
    """Soạn dự thảo báo cáo (tháng, quý, 6 tháng, 9 tháng, năm) từ kế hoạch và số liệu tiến độ.

    Ghi RA.docx và RA.yaml (để sửa rồi `vanban render RA.yaml`). Chỗ chưa có số liệu được đánh dấu
    [Bổ sung …] (tô vàng) và liệt kê ở cuối; không có con số nào được tự bịa ra.
    """
    from pydantic import ValidationError

    from ._derive import quarterly_report
    from ._io import dumps_yaml
    from ._render import render_bytes
    from ._tien_do import load_progress
    from .models import BaoCao, KyBaoCao, NguoiKy
    from .models._common import parse_date
    from .models.bao_cao import parse_ky

    if output.suffix.lower() != ".docx":
        raise InputError(f"tệp ra '{output}' phải có đuôi .docx")
    model = _load_document(plan)
    try:
        period = KyBaoCao.model_validate(parse_ky(ky, nam or model.nam))
    except ValidationError as exc:
        reasons = "; ".join(str(e["msg"]).removeprefix("Value error, ") for e in exc.errors())
        raise InputError(f"kỳ báo cáo '{ky}': {reasons}") from None
    except ValueError as exc:
        raise InputError(str(exc)) from None
    try:
        issued = parse_date(ngay) if ngay else None
    except ValueError as exc:
        raise InputError(f"--ngay: {exc}") from None
    periods = [entry for path in progress for entry in load_progress(path, period)]
    signer = NguoiKy(chuc_vu=model.nguoi_ky.chuc_vu, ho_ten=nguoi_ky) if nguoi_ky else None
    draft: BaoCao = quarterly_report(
        model, period, periods, so=so, ngay=issued, nguoi_ky=signer, kinh_gui=kinh_gui or None
    )
    data = render_bytes(draft)
    yaml_path = output.with_suffix(".yaml")
    write_atomic(output, data)
    write_atomic(yaml_path, dumps_yaml(draft).encode("utf-8"))
    typer.echo(f"Đã ghi {output} và {yaml_path} (báo cáo {period}, {len(draft.ket_qua)} nhiệm vụ).")
    missing = draft.placeholders()
    if missing:
        typer.echo(f"Còn {len(missing)} chỗ cần bổ sung (tô vàng trong tệp Word):")
        for item in missing:
            typer.echo(f"  - {item}")


def _load_document(path: Path, kind: str = "KH"):
    """A plan (or, with ``kind="BC"``, a report) from YAML/JSON, or read from a DOCX (what the parser was unsure of is listed)."""
    from ._io import load
    from .models import BaoCao, KeHoach

    if path.suffix.lower() == ".docx":
        from ._parse import parse_detailed

        result = parse_detailed(path)
        model = result.model
        if result.notes:
            typer.echo(
                f"Đọc {path}: độ chắc chắn {result.confidence:.0%}, {len(result.notes)} chỗ cần xem lại (xem `vanban parse`).",
                err=True,
            )
    else:
        model = load(path)
    if not isinstance(model, KeHoach if kind == "KH" else BaoCao):
        what = "kế hoạch" if kind == "KH" else "báo cáo"
        raise InputError(f"'{path}' không phải {what} (ký hiệu phải là {kind}-…)")
    return model


@app.command("next-year")
def next_year_command(
    plan: Annotated[Path, typer.Argument(help="Kế hoạch năm nay (.yaml/.json hoặc .docx).", show_default=False)],
    output: Annotated[
        Path,
        typer.Option(
            "-o", "--output", help="Kế hoạch năm sau: .yaml (giữ chú thích của tệp gốc) hoặc .docx.", show_default=False
        ),
    ],
    nam: Annotated[int | None, typer.Option("--nam", help="Năm mới (mặc định: năm sau năm của kế hoạch).")] = None,
    report_file: Annotated[
        Path | None,
        typer.Option(
            "--report", help="Báo cáo năm (.yaml hoặc .docx): bỏ nhiệm vụ đã hoàn thành, chuyển tiếp phần còn lại."
        ),
    ] = None,
    keep_done: Annotated[bool, typer.Option("--giu-hoan-thanh", help="Giữ cả nhiệm vụ đã hoàn thành.")] = False,
    changes: Annotated[Path | None, typer.Option("--changes", help="Ghi danh sách thay đổi ra tệp Markdown.")] = None,
) -> None:
    """Soạn kế hoạch năm sau từ kế hoạch năm nay, kèm danh sách mọi thay đổi và chỗ cần xem lại.

    Năm của chính kế hoạch được dời (trích yếu, thời gian, hạn); văn bản, giai đoạn khác giữ nguyên.
    Số và ngày ban hành để trống cho văn thư; văn bản khung của năm mới để [Bổ sung số], [Bổ sung ngày].
    """
    from ._derive import changes_markdown, next_year
    from ._io import save
    from ._render import render_bytes

    suffix = output.suffix.lower()
    if suffix not in (".yaml", ".yml", ".docx"):
        raise InputError(f"tệp ra '{output}' phải có đuôi .yaml hoặc .docx")
    if output.exists() and output.resolve() == plan.resolve():
        raise InputError("không ghi đè kế hoạch gốc: chọn tên khác cho -o")
    model = _load_document(plan)
    year_end = _load_document(report_file, "BC") if report_file else None
    new_plan, found = next_year(model, nam, year_end, keep_done=keep_done)
    if suffix == ".docx":
        write_atomic(output, render_bytes(new_plan))
    else:
        save(new_plan, output, keep_comments_from=plan if plan.suffix.lower() in (".yaml", ".yml") else None)
    listing = changes_markdown(found, model.nam, new_plan.nam)
    if changes is not None:
        write_atomic(changes, listing.encode("utf-8"))
    typer.echo(listing)
    typer.echo(f"Đã ghi {output}" + (f" và {changes}" if changes else ""))


@app.command("parse")
def parse_command(
    source: Annotated[
        Path,
        typer.Argument(help="Kế hoạch hoặc báo cáo có sẵn: .docx, hoặc .txt (mỗi đoạn một dòng).", show_default=False),
    ],
    output: Annotated[Path, typer.Option("-o", "--output", help="Tệp .yaml hoặc .json ghi ra.", show_default=False)],
) -> None:
    """Đọc kế hoạch hoặc báo cáo có sẵn (Word hoặc văn bản) thành tệp YAML để sửa, soạn báo cáo, lập kế hoạch năm sau.

    In ra những chỗ không xếp được vào trường nào (vẫn giữ nguyên chữ) và độ chắc chắn.
    """
    from ._io import save
    from ._parse import parse_detailed

    if output.suffix.lower() not in (".yaml", ".yml", ".json"):
        raise InputError(f"tệp ra '{output}' phải có đuôi .yaml hoặc .json")
    result = parse_detailed(source)
    save(result.model, output)
    kind = "kế hoạch" if result.model.LOAI == "KH" else "báo cáo"
    typer.echo(f"Đã đọc {kind} {result.model.so_ky_hieu}, ghi {output}. Độ chắc chắn: {result.confidence:.0%}.")
    if result.notes:
        typer.echo(f"{len(result.notes)} chỗ cần xem lại:")
        for note in result.notes:
            detail = f" «{note.text[:80]}»" if note.text else ""
            typer.echo(f"  - {note.where}: {note.reason}{detail}")


class Format(str, Enum):
    text = "text"
    json = "json"


@app.command()
def check(
    files: Annotated[list[Path], typer.Argument(help="Một hay nhiều tệp .docx cần kiểm tra.", show_default=False)],
    format: Annotated[
        Format, typer.Option("--format", "-f", help="text: báo cáo đọc được; json: cho chương trình.")
    ] = Format.text,
    fix: Annotated[bool, typer.Option("--fix", help="Sửa các lỗi sửa được an toàn vào một bản sao (cần -o).")] = False,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Tệp .docx ghi bản đã sửa (với --fix).")] = None,
    draft: Annotated[
        bool | None,
        typer.Option(
            "--du-thao/--chinh-thuc",
            help="Coi là dự thảo (số, ngày để trống chỉ là thông tin) hay bản chính thức. Mặc định: tự nhận biết.",
        ),
    ] = None,
) -> None:
    """Kiểm tra thể thức văn bản .docx theo Nghị định 30/2020/NĐ-CP, báo lỗi theo mã quy tắc.

    Mã thoát: 0 không có lỗi E; 1 có lỗi E; 2 có tệp không đọc được.
    """
    from ._checker import check as check_docx
    from ._checker.fix import fix as fix_docx
    from ._docx import DocxError

    if fix:
        if output is None or len(files) != 1:
            raise InputError("--fix cần đúng một tệp vào và -o TỆP_RA.docx")
        if output.suffix.lower() != ".docx":
            raise InputError(f"tệp ra '{output}' phải có đuôi .docx")
        if output.exists() and output.resolve() == files[0].resolve():
            raise InputError("không ghi đè tệp gốc: chọn tên khác cho -o")
    elif output is not None:
        raise InputError("-o chỉ dùng cùng --fix")
    results, unreadable = [], []
    for path in files:
        try:
            if fix:
                before = check_docx(path, draft=draft)
                data, result = fix_docx(path, draft=draft)
                write_atomic(output, data)
                typer.echo(
                    f"Đã sửa {len(before.findings) - len(result.findings)} mục, ghi {output}; kiểm tra lại:",
                    err=format is Format.json,
                )
            else:
                result = check_docx(path, draft=draft)
            results.append(result)
        except DocxError as exc:
            unreadable.append(str(exc))
    if format is Format.json:
        payload = [r.to_dict() for r in results] + [{"source": None, "error": e} for e in unreadable]
        typer.echo(json.dumps(payload if len(files) > 1 else payload[0], ensure_ascii=False, indent=2))
    else:
        from ._printout import print_report

        for result in results:
            print_report(result)
        for error in unreadable:
            _print_error(error)
    if unreadable:
        raise typer.Exit(2)
    if any(not r.ok for r in results):
        raise typer.Exit(1)


def _print_error(message: str) -> None:
    from rich.console import Console

    Console(stderr=True, highlight=False, soft_wrap=True).print(f"[bold red]Lỗi:[/] {message}", markup=True)


def _translate_usage(message: str) -> str:
    for english, vietnamese in _USAGE_MESSAGES.items():
        message = message.replace(english, vietnamese)
    return message


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``vanban`` script."""
    command = typer.main.get_command(app)
    try:
        code = command.main(args=argv, prog_name="vanban", standalone_mode=False)
    except VanbanError as exc:
        if _state["debug"]:
            raise
        code = _report(str(exc), 2 if isinstance(exc, ValueError) else 1)
    except Exception as exc:  # click's (vendored by typer) usage errors, Exit and Abort
        if hasattr(exc, "format_message"):
            ctx = getattr(exc, "ctx", None)
            hint = f" (xem: {ctx.command_path} --help)" if ctx else ""
            code = _report(_translate_usage(exc.format_message()) + hint, getattr(exc, "exit_code", 2))
        elif hasattr(exc, "exit_code"):
            code = exc.exit_code
        elif type(exc).__name__ == "Abort":
            code = 130
        else:
            raise
    sys.exit(code if isinstance(code, int) else 0)


def _report(message: str, code: int) -> int:
    try:
        _fail(message, code)
    except typer.Exit as done:
        return done.exit_code
    return code
