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
from ._files import write_atomic
from .errors import InputError, VanbanError

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
    plan: Annotated[Path, typer.Argument(help="Tệp kế hoạch .yaml, .yml hoặc .json.", show_default=False)],
    output: Annotated[Path, typer.Option("-o", "--output", help="Tệp .docx sẽ ghi ra.", show_default=False)],
    template: Annotated[
        Path | None,
        typer.Option("--template", help="Mẫu Word (.docx) thay cho mẫu có sẵn; chạy trong hộp cát Jinja."),
    ] = None,
) -> None:
    """Xuất một kế hoạch (YAML/JSON) ra tệp Word .docx đúng thể thức.

    Nếu có lỗi, không tệp nào được ghi ra.
    """
    from .io import load
    from .renderer import render as render_docx

    if output.suffix.lower() != ".docx":
        raise InputError(f"tệp ra '{output}' phải có đuôi .docx")
    if not output.parent.is_dir():
        raise InputError(f"thư mục '{output.parent}' không tồn tại")
    model = load(plan)
    render_docx(model, output, template)
    typer.echo(f"Đã ghi {output}")


@app.command()
def schema(
    kind: Annotated[str, typer.Argument(help="Loại văn bản: ke-hoach.")] = "ke-hoach",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Ghi ra tệp thay vì màn hình.")] = None,
) -> None:
    """In JSON Schema của tệp YAML/JSON, để trình soạn thảo gợi ý và kiểm tra khi gõ."""
    from .io import json_schema

    text = json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_atomic(output, text.encode("utf-8"))
        typer.echo(f"Đã ghi {output}")


@app.command()
def report(
    plan: Annotated[Path, typer.Argument(help="Kế hoạch .yaml/.json.", show_default=False)],
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

    from .derive import quarterly_report
    from .io import dumps_yaml, load
    from .models import BaoCao, KeHoach, KyBaoCao, NguoiKy
    from .models._common import parse_date
    from .models.bao_cao import parse_ky
    from .renderer import render_bytes
    from .tien_do import load_progress

    if output.suffix.lower() != ".docx":
        raise InputError(f"tệp ra '{output}' phải có đuôi .docx")
    if plan.suffix.lower() == ".docx":
        raise InputError("chưa đọc được kế hoạch .docx; hãy dùng tệp YAML/JSON của kế hoạch")
    model = load(plan)
    if not isinstance(model, KeHoach):
        raise InputError(f"'{plan}' không phải kế hoạch (ký hiệu phải là KH-…)")
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


@app.command("next-year")
def next_year_command(
    plan: Annotated[Path, typer.Argument(help="Kế hoạch năm nay (.yaml/.json).", show_default=False)],
    output: Annotated[
        Path,
        typer.Option(
            "-o", "--output", help="Kế hoạch năm sau: .yaml (giữ chú thích của tệp gốc) hoặc .docx.", show_default=False
        ),
    ],
    nam: Annotated[int | None, typer.Option("--nam", help="Năm mới (mặc định: năm sau năm của kế hoạch).")] = None,
    report_file: Annotated[
        Path | None,
        typer.Option("--report", help="Báo cáo năm (.yaml): bỏ nhiệm vụ đã hoàn thành, chuyển tiếp phần còn lại."),
    ] = None,
    keep_done: Annotated[bool, typer.Option("--giu-hoan-thanh", help="Giữ cả nhiệm vụ đã hoàn thành.")] = False,
    changes: Annotated[Path | None, typer.Option("--changes", help="Ghi danh sách thay đổi ra tệp Markdown.")] = None,
) -> None:
    """Soạn kế hoạch năm sau từ kế hoạch năm nay, kèm danh sách mọi thay đổi và chỗ cần xem lại.

    Năm của chính kế hoạch được dời (trích yếu, thời gian, hạn); văn bản, giai đoạn khác giữ nguyên.
    Số và ngày ban hành để trống cho văn thư; văn bản khung của năm mới để [Bổ sung số], [Bổ sung ngày].
    """
    from .derive import changes_markdown, next_year
    from .io import load, save
    from .models import BaoCao, KeHoach
    from .renderer import render_bytes

    suffix = output.suffix.lower()
    if suffix not in (".yaml", ".yml", ".docx"):
        raise InputError(f"tệp ra '{output}' phải có đuôi .yaml hoặc .docx")
    if plan.suffix.lower() == ".docx":
        raise InputError("chưa đọc được kế hoạch .docx; hãy dùng tệp YAML/JSON của kế hoạch")
    if output.exists() and output.resolve() == plan.resolve():
        raise InputError("không ghi đè kế hoạch gốc: chọn tên khác cho -o")
    model = load(plan)
    if not isinstance(model, KeHoach):
        raise InputError(f"'{plan}' không phải kế hoạch (ký hiệu phải là KH-…)")
    year_end = load(report_file) if report_file else None
    if year_end is not None and not isinstance(year_end, BaoCao):
        raise InputError(f"'{report_file}' không phải báo cáo (ký hiệu phải là BC-…)")
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
    from .checker import check as check_docx
    from .checker.fix import fix as fix_docx
    from .docview import DocxError

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
        from .report import print_report

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
