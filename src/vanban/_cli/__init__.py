"""The ``vanban`` command: argparse with Vietnamese help, the one place that turns errors into messages
and exit codes. It uses only the public names of :mod:`vanban`.

Exit codes: 0 done, 1 the work failed (findings with E, a file that could not be written, a batch with
failures), 2 bad usage or bad input, 130 stopped by Ctrl-C.
"""

from __future__ import annotations

import argparse
import contextlib
import gettext
import io
import os
import signal
import sys
import warnings
from collections.abc import Callable, Iterator, Sequence
from typing import Any, NoReturn

from .. import __version__
from .._errors import os_message
from .commands import COMMANDS

#: argparse's own words, in Vietnamese (argparse looks them up through gettext at run time).
_WORDS = {
    "usage: ": "Cách dùng: ",
    "positional arguments": "tham số",
    "options": "tùy chọn",
    "optional arguments": "tùy chọn",
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
    "show program's version number and exit": "in phiên bản rồi thoát",
    "the following arguments are required: %s": "thiếu: %s",
    "unrecognized arguments: %s": "không hiểu: %s",
    "expected one argument": "cần một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "expected at most one argument": "chỉ nhận một giá trị",
    "invalid choice: %(value)r (choose from %(choices)s)": "không có %(value)r; chọn một trong: %(choices)s",
    "invalid %(type)s value: %(value)r": "giá trị không hợp lệ: %(value)r",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "ambiguous option: %(option)s could match %(matches)s": "tùy chọn %(option)s không rõ, có thể là %(matches)s",
    "not allowed with argument %s": "không dùng cùng %s",
    "one of the arguments %s is required": "cần một trong: %s",
    "ignored explicit argument %r": "thừa giá trị %r",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "unexpected option string: %s": "tùy chọn lạ: %s",
}


class _Vietnamese(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return _WORDS.get(message, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return _WORDS.get(singular if n == 1 else plural, singular if n == 1 else plural)


@contextlib.contextmanager
def _argparse_in_vietnamese() -> Iterator[None]:
    words = _Vietnamese()
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = words.gettext, words.ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class UsageError(Exception):
    """Bad command-line usage (exit 2)."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (xem: {self.prog} --help)")


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=32, width=min(100, _columns()))


def _columns() -> int:
    try:
        return os.get_terminal_size().columns
    except OSError:
        return int(os.environ.get("COLUMNS", "100") or 100)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="vanban",
        description="Soạn kế hoạch, báo cáo hành chính đúng thể thức Nghị định 30/2020/NĐ-CP.",
        epilog="Ví dụ: vanban render examples/ke-hoach-19-KH-SKHCN-2024.yaml -o ke-hoach-19.docx\n"
        "Mã thoát: 0 xong; 1 công việc thất bại; 2 dùng sai lệnh hoặc dữ liệu vào sai; 130 bị dừng (Ctrl-C).",
        formatter_class=_Formatter,
        allow_abbrev=False,
    )
    parser.add_argument("--debug", action="store_true", help="hiện toàn bộ traceback khi có lỗi (cho lập trình viên)")
    parser.add_argument("--version", action="version", version=f"vanban {__version__}")
    commands = parser.add_subparsers(title="lệnh", metavar="LỆNH", dest="command", parser_class=_Parser)
    for command in COMMANDS:
        command.add(commands, _Formatter)
    return parser


def _utf8_console() -> None:
    """Vietnamese text on any console (Windows' cp1252 included): UTF-8, never an encoding error."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure: Callable[..., Any] | None = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (stream.encoding or "").lower().replace("-", "") != "utf8":
            with contextlib.suppress(ValueError, io.UnsupportedOperation):
                reconfigure(encoding="utf-8", errors="replace")


def print_error(message: str) -> None:
    print(f"Lỗi: {message}", file=sys.stderr)


class _Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP: stopped like Ctrl-C, so that LibreOffice, workers and temporary files are cleaned up."""


def _stop(signum: int, frame: object) -> None:
    raise _Stopped()


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """Entry point of the ``vanban`` script."""
    _utf8_console()
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), _stop)
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    sys.exit(_run(args, debug))


def _run(args: list[str], debug: bool) -> int:
    import vanban

    try:
        with _argparse_in_vietnamese():
            parser = build_parser()
            if not args:
                parser.print_help()
                return 0
            options = parser.parse_args(args)
        if options.command is None:
            parser.print_help()
            return 0
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", vanban.VanbanWarning)
            try:
                result = options.run(options)
            finally:
                for warning in caught:
                    if issubclass(warning.category, vanban.VanbanWarning):
                        print(f"Chú ý: {warning.message}", file=sys.stderr)
                    else:
                        warnings.showwarning(warning.message, warning.category, warning.filename, warning.lineno)
        return int(result or 0)
    except SystemExit as done:  # --help and --version
        return done.code if isinstance(done.code, int) else 0
    except UsageError as exc:
        print_error(str(exc))
        return 2
    except KeyboardInterrupt as stopped:
        how = "tín hiệu dừng" if isinstance(stopped, _Stopped) else "Ctrl-C"
        print(f"\nĐã dừng theo yêu cầu ({how}); không có tệp nào ghi dở.", file=sys.stderr)
        return 143 if isinstance(stopped, _Stopped) else 130
    except BrokenPipeError:
        with contextlib.suppress(OSError):
            sys.stdout.close()
        return 1
    except vanban.VanbanError as exc:
        if debug:
            raise
        print_error(str(exc))
        return 2 if isinstance(exc, ValueError) else 1
    except OSError as exc:  # a path the system refuses (a file where a folder should be, a name too long …)
        if debug:
            raise
        print_error(os_message(exc))
        return 2
    except Exception as exc:
        if debug:
            raise
        if isinstance(exc, RecursionError) or (isinstance(exc, RuntimeError) and "loop" in str(exc).lower()):
            print_error("đường dẫn vòng (liên kết trỏ lẫn nhau) hoặc dữ liệu lồng quá sâu")
            return 2
        print_error(f"lỗi không lường trước ({type(exc).__name__}); chạy lại với --debug để xem chi tiết")
        return 1
