"""DOCX → PDF through LibreOffice headless: a whole batch in one LibreOffice run.

Each run uses its own temporary LibreOffice profile (so it works while the user has
LibreOffice open) and its own temporary output folder (so a failure leaves no partial PDF).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ._errors import RenderError

INSTALL_HINT = (
    "cài LibreOffice: sudo apt-get install libreoffice-writer-nogui (Debian/Ubuntu) hoặc tải tại libreoffice.org"
)


def soffice() -> str:
    """The LibreOffice program, or a Vietnamese error saying how to install it."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise RenderError(f"không tìm thấy LibreOffice để xuất PDF; {INSTALL_HINT}")


def to_pdf(
    documents: Sequence[str | os.PathLike[str]], out_dir: str | os.PathLike[str], *, timeout: float | None = None
) -> dict[Path, Path | str]:
    """Convert DOCX files to PDF in one LibreOffice run.

    Returns, for each input, the PDF written to ``out_dir`` or the reason it failed.
    """
    program = soffice()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    sources = [Path(d) for d in documents]
    if not sources:
        return {}
    names = [s.stem for s in sources]
    if len(set(names)) != len(names):
        raise RenderError("hai tệp cùng tên (khác thư mục) sẽ ghi đè PDF của nhau; đổi tên một tệp")
    limit = timeout if timeout is not None else 90 + 6 * len(sources)
    with tempfile.TemporaryDirectory(prefix="vanban-pdf-") as work:
        profile = Path(work) / "profile"
        staging = Path(work) / "out"
        command = [
            program,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(staging),
            *[str(s.resolve()) for s in sources],
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=limit)
        except subprocess.TimeoutExpired:
            raise RenderError(f"LibreOffice không xuất xong PDF trong {limit:.0f} giây") from None
        results: dict[Path, Path | str] = {}
        for source in sources:
            made = staging / f"{source.stem}.pdf"
            if made.is_file() and made.stat().st_size > 0:
                target = out / made.name
                shutil.move(str(made), target)
                results[source] = target
            else:
                reason = (done.stderr or done.stdout or "").strip().splitlines()
                results[source] = "LibreOffice không xuất được PDF" + (f": {reason[-1]}" if reason else "")
        return results
