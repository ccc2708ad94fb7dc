"""How long `vanban.check` takes on a 20-page plan and on the real documents of tests/data/corpus.

Run: .venv/bin/python benchmarks/check_speed.py   (figures are medians of several runs)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from _timing import machine, median  # noqa: E402

import vanban  # noqa: E402


def twenty_page_plan() -> bytes:
    """The seed plan with its five tasks repeated seven times: about 20 pages."""
    plan = vanban.load(ROOT / "examples" / "ke-hoach-19-KH-SKHCN-2024.yaml")
    tasks = [task for _ in range(7) for task in plan.nhiem_vu]
    return vanban.render_bytes(plan.model_copy(update={"nhiem_vu": tasks}))


def pages(data: bytes) -> str:
    if not shutil.which("soffice") or not shutil.which("pdfinfo"):
        return "?"
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "doc.docx"
        source.write_bytes(data)
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{folder}/profile",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                folder,
                str(source),
            ],
            capture_output=True,
            timeout=300,
        )
        info = subprocess.run(["pdfinfo", str(Path(folder) / "doc.pdf")], capture_output=True, text=True).stdout
        return next((line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")), "?")


def main() -> None:
    print(machine())
    data = twenty_page_plan()
    rows = [("kế hoạch mẫu, 35 nhiệm vụ", pages(data), len(data), median(lambda: vanban.check(data)))]
    for path in sorted((ROOT / "tests" / "data" / "corpus").glob("*.docx")):
        content = path.read_bytes()
        rows.append((path.stem, pages(content), len(content), median(lambda c=content: vanban.check(c), runs=5)))
    print(f"{'tài liệu':34} {'trang':>5} {'KB':>6} {'kiểm tra (s)':>13}")
    for name, page_count, size, seconds in rows:
        print(f"{name:34} {page_count:>5} {size // 1024:>6} {seconds:>13.3f}")


if __name__ == "__main__":
    main()
