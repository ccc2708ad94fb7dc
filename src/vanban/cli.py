"""The ``vanban`` command. The one place that turns errors into messages and exit codes.

Exit codes: 0 done, 1 the work failed, 2 bad usage or bad input.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from . import __version__
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
    from rich.console import Console

    Console(stderr=True, highlight=False, soft_wrap=True).print(f"[bold red]Lỗi:[/] {message}", markup=True)
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
    from ._files import write_atomic
    from .io import json_schema

    text = json.dumps(json_schema(kind), ensure_ascii=False, indent=2) + "\n"
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_atomic(output, text.encode("utf-8"))
        typer.echo(f"Đã ghi {output}")


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
