"""Rendering speed against plain docxtpl, batch throughput, scaling, PDF batching and start-up.

Run from the README's test setup:  .venv/bin/python benchmarks/render_speed.py [--quick]
Every figure is the median of several runs; --quick uses fewer runs and smaller batches.
"""

from __future__ import annotations

import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from _timing import machine, median  # noqa: E402

import vanban  # noqa: E402
from vanban._io import read_data  # noqa: E402
from vanban.models import KeHoach  # noqa: E402

EXAMPLE = ROOT / "examples" / "ke-hoach-19-KH-SKHCN-2024.yaml"
TEMPLATE = ROOT / "templates" / "ke_hoach.docx"
QUICK = "--quick" in sys.argv


def plain_docxtpl(plan: KeHoach) -> None:
    """What a user of docxtpl alone does for one document: load, render, save."""
    from docxtpl import DocxTemplate

    from vanban._render import jinja_env

    template = DocxTemplate(str(TEMPLATE))
    template.render({name: getattr(plan, name) for name in KeHoach.model_fields}, jinja_env=jinja_env())
    template.save(io.BytesIO())


def with_tasks(plan: KeHoach, count: int) -> KeHoach:
    tasks = [plan.nhiem_vu[i % len(plan.nhiem_vu)] for i in range(count)]
    return plan.model_copy(update={"nhiem_vu": tasks})


def peak_memory_mb(count: int) -> float:
    code = (
        f"import resource, sys; sys.path.insert(0, {str(ROOT / 'src')!r}); import vanban;"
        f"p = vanban.load({str(EXAMPLE)!r}); t = [p.nhiem_vu[i % 5] for i in range({count})];"
        "vanban.render_bytes(p.model_copy(update={'nhiem_vu': t}));"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return int(out.strip()) / 1024


def main() -> None:
    runs = 5 if QUICK else 15
    rows: list[tuple[str, str, str, str]] = []
    print(machine())

    raw = read_data(EXAMPLE)
    plan = vanban.load(EXAMPLE)
    from vanban._io import _plain
    from vanban._render import Template

    template = Template(TEMPLATE)
    plain = median(lambda: plain_docxtpl(plan), runs)
    batch = median(lambda: template.render(plan), runs)
    single = median(lambda: Template(TEMPLATE).render(KeHoach.model_validate(_plain(raw))), runs)
    rows.append(("docxtpl thuần, 1 văn bản (nạp + điền + ghi)", f"{plain * 1000:.1f} ms", "", ""))
    rows.append(("vanban, trong lô (mẫu nạp một lần)", f"{batch * 1000:.1f} ms", f"tỉ lệ {batch / plain:.2f}", "≤ 1,0"))
    rows.append(
        (
            "vanban, 1 văn bản (kiểm dữ liệu + nạp mẫu + điền)",
            f"{single * 1000:.1f} ms",
            f"tỉ lệ {single / plain:.2f}",
            "≤ 1,3",
        )
    )

    count = 200 if QUICK else 1000
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in"
        source.mkdir()
        for number in range(count):
            shutil.copy(EXAMPLE, source / f"kh-{number:04d}.yaml")
        start = time.perf_counter()
        results = vanban.render_batch(sorted(source.iterdir()), Path(folder) / "out", jobs=2)
        seconds = time.perf_counter() - start
        assert all(r.ok for r in results)
    rows.append(
        (
            f"lô {count} kế hoạch, -j 2 (đọc YAML + kiểm + xuất)",
            f"{seconds:.1f} s",
            f"{count / seconds:.0f} văn bản/s",
            "1.000 < 15 s",
        )
    )

    small, large = with_tasks(plan, 100), with_tasks(plan, 1000)
    t100 = median(lambda: template.render(small), 3 if QUICK else 5)
    t1000 = median(lambda: template.render(large), 3 if QUICK else 5)
    rows.append(("100 nhiệm vụ / 1.000 nhiệm vụ", f"{t100:.2f} s / {t1000:.2f} s", f"tỉ lệ {t1000 / t100:.1f}", "≤ 12"))
    rows.append(("bộ nhớ đỉnh khi xuất 1.000 nhiệm vụ", f"{peak_memory_mb(1000):.0f} MB", "", "< 300 MB"))

    if shutil.which("soffice"):
        documents = 10 if QUICK else 50
        with tempfile.TemporaryDirectory() as folder:
            paths = []
            for number in range(documents):
                path = Path(folder) / f"kh-{number:02d}.docx"
                path.write_bytes(template.render(plan))
                paths.append(path)
            start = time.perf_counter()
            vanban.to_pdf(paths, Path(folder) / "lo")
            together = time.perf_counter() - start
            start = time.perf_counter()
            for path in paths:
                vanban.to_pdf([path], Path(folder) / "le")
            apart = time.perf_counter() - start
        rows.append(
            (
                f"PDF {documents} văn bản: một lần chạy / từng tệp",
                f"{together:.1f} s / {apart:.1f} s",
                f"nhanh {apart / together:.1f}×",
                "≥ 5×",
            )
        )
    else:
        rows.append(("PDF", "bỏ qua: chưa cài LibreOffice", "", ""))

    help_times = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "vanban", "--help"],
            capture_output=True,
            check=True,
            env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        )
        help_times.append(time.perf_counter() - start)
    heavy = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, vanban; print(','.join(m for m in ('docx', 'docxtpl', 'lxml') if m in sys.modules) or 'không')",
        ],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    ).stdout.strip()
    rows.append(("vanban --help", f"{statistics.median(help_times):.2f} s", "", "< 0,3 s"))
    rows.append(("import vanban nạp docx/docxtpl/lxml?", heavy, "", "không"))

    width = max(len(r[0]) for r in rows)
    print(f"{'phép đo':{width}}  {'kết quả':>22}  {'so sánh':>16}  mục tiêu")
    for name, value, compare, goal in rows:
        print(f"{name:{width}}  {value:>22}  {compare:>16}  {goal}")


if __name__ == "__main__":
    main()
