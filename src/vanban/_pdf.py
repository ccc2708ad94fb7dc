"""DOCX → PDF through LibreOffice headless: a whole batch in one LibreOffice run.

Each run uses its own temporary LibreOffice profile (so it works while the user has LibreOffice
open) and its own temporary output folder (so a failure leaves no partial PDF). LibreOffice runs in
a process group of its own: on a timeout or Ctrl-C the whole group is ended before the temporary
folders are removed.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Sequence
from pathlib import Path

from ._errors import InputError, RenderError, VanbanWarning
from ._files import guard_outputs, write_atomic

FONT_HINT = (
    "chép tệp phông Times New Roman (times.ttf, timesbd.ttf, timesi.ttf, timesbi.ttf) vào ~/.local/share/fonts "
    "(Linux; rồi chạy fc-cache -f) hoặc cài vào Windows/macOS, rồi xuất lại"
)
INSTALL_HINT = "cài LibreOffice: sudo apt-get install libreoffice-writer-nogui (Debian/Ubuntu), hoặc tải tại libreoffice.org (Windows, macOS)"
_WINDOWS_PLACES = ("ProgramFiles", "ProgramFiles(x86)", "ProgramW6432", "LOCALAPPDATA")


class FontWarning(VanbanWarning):
    """A PDF was made with another font than Times New Roman (the decree's font) because the machine lacks it."""


_BASE_FONT = re.compile(rb"/BaseFont\s*/(?:[A-Z]{6}\+)?([A-Za-z0-9,_\-]+)")


def pdf_fonts(data: bytes) -> list[str]:
    """The fonts a PDF names (subset prefixes removed), in order; empty when they are inside compressed streams."""
    found: list[str] = []
    for match in _BASE_FONT.finditer(data[: 64 * 1024 * 1024]):
        name = match[1].decode("ascii", "replace")
        if name not in found:
            found.append(name)
    return found


def check_fonts(pdfs: Sequence[Path]) -> None:
    """One warning, naming the fonts, when PDFs' text is not in Times New Roman (the decree's font)."""
    others: list[str] = []
    count = 0
    for pdf in pdfs:
        fonts = [f for f in pdf_fonts(pdf.read_bytes()) if "times" not in f.lower() and "symbol" not in f.lower()]
        count += bool(fonts)
        others += [f for f in fonts if f not in others]
    if others:
        which = str(pdfs[0]) if len(pdfs) == 1 else f"{count}/{len(pdfs)} tệp PDF"
        warnings.warn(
            f"{which}: dùng phông {', '.join(others)} thay cho Times New Roman (máy chưa có phông này); "
            f"chữ và khoảng cách có thể khác bản in từ Word. Cách sửa: {FONT_HINT}",
            FontWarning,
            stacklevel=3,
        )


def soffice(purpose: str = "xuất PDF") -> str:
    """The LibreOffice program, or a Vietnamese error saying how to install it (and what it was needed for)."""
    for name in ("soffice", "libreoffice", "soffice.exe"):
        found = shutil.which(name)
        if found:
            return found
    candidates = [
        Path(os.environ[variable]) / folder / "program" / "soffice.exe"
        for variable in _WINDOWS_PLACES
        if os.environ.get(variable)
        for folder in ("LibreOffice", "LibreOffice 7", "LibreOffice 24", "Programs/LibreOffice")
    ]
    candidates.append(Path("/Applications/LibreOffice.app/Contents/MacOS/soffice"))
    for candidate in candidates:
        if candidate.is_file():
            return str(candidate)
    raise RenderError(f"không tìm thấy LibreOffice để {purpose}; {INSTALL_HINT}")


def _start(command: list[str]) -> subprocess.Popen[bytes]:
    if sys.platform == "win32":
        flags = getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0) | getattr(subprocess, "CREATE_NO_WINDOW", 0)
        return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, creationflags=flags)
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def _end(process: subprocess.Popen[bytes]) -> None:
    """End LibreOffice and every process it started, and wait until they are gone."""
    with contextlib.suppress(OSError):
        if sys.platform == "win32":
            process.kill()
        else:
            os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.communicate(timeout=10)


def _soffice_convert(sources: list[Path], target: str, staging: Path, profile: Path, limit: float) -> list[str]:
    """Run LibreOffice once over ``sources`` into ``staging``; its log lines."""
    command = [
        soffice("xuất PDF" if target == "pdf" else "đọc tệp Word 97–2003 (.doc)"),
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        target,
        "--outdir",
        str(staging),
        *[str(s.resolve()) for s in sources],
    ]
    process = _start(command)
    try:
        stdout, stderr = process.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        _end(process)
        raise RenderError(
            f"LibreOffice không xuất xong PDF (hoặc không chuyển xong tệp) trong {limit:.0f} giây"
        ) from None
    except BaseException:
        _end(process)
        raise
    finally:
        if process.poll() is None:
            _end(process)
    return (stderr or stdout or b"").decode("utf-8", "replace").strip().splitlines()


def convert(source: Path, target: str, out_dir: Path, *, timeout: float = 120) -> Path:
    """One file converted by LibreOffice (``target``: docx, pdf, …) into ``out_dir``; InputError if it cannot be."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="vanban-lo-") as work:
        try:
            log = _soffice_convert([source], target, out_dir, Path(work) / "profile", timeout)
        except RenderError as exc:
            raise InputError(str(exc)) from None
    made = out_dir / f"{source.stem}.{target.split(':')[0]}"
    if not made.is_file() or made.stat().st_size == 0:
        raise InputError("LibreOffice không chuyển được tệp" + (f": {log[-1]}" if log else ""))
    return made


def to_pdf(
    documents: Sequence[str | os.PathLike[str]], out_dir: str | os.PathLike[str], *, timeout: float | None = None
) -> dict[Path, Path | str]:
    """Convert DOCX files to PDF in one LibreOffice run.

    Returns, for each input, the PDF written to ``out_dir`` or the reason it failed.
    """
    sources = [Path(d) for d in documents]
    if not sources:
        return {}
    missing = [str(s) for s in sources if not s.is_file()]
    if missing:
        raise InputError(f"không tìm thấy tệp: {', '.join(missing)}")
    names = [s.stem for s in sources]
    if len(set(names)) != len(names):
        raise RenderError("hai tệp cùng tên (khác thư mục) sẽ ghi đè PDF của nhau; đổi tên một tệp")
    out = Path(out_dir)
    guard_outputs(sources, [out / f"{s.stem}.pdf" for s in sources])  # "vanban pdf *" beside its own PDFs
    soffice()
    out.mkdir(parents=True, exist_ok=True)
    limit = timeout if timeout is not None else 90 + 6 * len(sources)
    with tempfile.TemporaryDirectory(prefix="vanban-pdf-") as work:
        staging = Path(work) / "out"
        log = _soffice_convert(sources, "pdf", staging, Path(work) / "profile", limit)
        results: dict[Path, Path | str] = {}
        for source in sources:
            made = staging / f"{source.stem}.pdf"
            if made.is_file() and made.stat().st_size > 0:
                results[source] = write_atomic(out / made.name, made.read_bytes())
            else:
                results[source] = "LibreOffice không xuất được PDF" + (f": {log[-1]}" if log else "")
        check_fonts([made for made in results.values() if isinstance(made, Path)])
        return results
