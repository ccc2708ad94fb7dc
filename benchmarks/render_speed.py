"""Rendering speed: against plain docxtpl, the physical floor, the commit before the performance work, and plain
LibreOffice for PDF. Every figure is printed; nothing here passes or fails.

Run from the README's test setup:  .venv/bin/python benchmarks/render_speed.py [--quick] [--before REV]
--quick uses fewer runs and smaller batches. The commit before the performance work (BEFORE) is checked out in a
temporary git worktree and measured in the same run, by the same scripts, on the same machine.
"""

from __future__ import annotations

import copy
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from _timing import machine, median  # noqa: E402

EXAMPLE = ROOT / "examples" / "ke-hoach-19-KH-SKHCN-2024.yaml"
TEMPLATE = ROOT / "templates" / "ke_hoach.docx"
QUICK = "--quick" in sys.argv
#: The commit measured against: the last one before the performance work (#18), or ``--before REV`` (d5bcbcf: the
#: state in which the issue was written).
BEFORE = sys.argv[sys.argv.index("--before") + 1] if "--before" in sys.argv else "a42a0c5"
SIZES = (10, 100, 1000, 3000, 6000)

# Each measurement runs in a fresh interpreter with PYTHONPATH set to the source tree measured (this one or
# BEFORE's), so both are timed by the same code. They use only what both versions have: load, render_bytes,
# render_batch.
WARM = """
import statistics, sys, time, vanban
plan = vanban.load(sys.argv[1]); vanban.render_bytes(plan)
times = []
for _ in range(int(sys.argv[2])):
    start = time.perf_counter(); vanban.render_bytes(plan); times.append(time.perf_counter() - start)
print(statistics.median(times))
"""
SCALING = """
import json, statistics, sys, time, vanban
plan = vanban.load(sys.argv[1]); found = {}
for size in json.loads(sys.argv[2]):
    big = plan.model_copy(update={"nhiem_vu": [plan.nhiem_vu[i % len(plan.nhiem_vu)] for i in range(size)]})
    vanban.render_bytes(big); times = []
    for _ in range(int(sys.argv[3])):
        start = time.perf_counter(); vanban.render_bytes(big); times.append(time.perf_counter() - start)
    found[size] = min(times)  # the best of several: the machine's load only ever adds
print(json.dumps(found))
"""
PEAK = """
import resource, sys, vanban
plan = vanban.load(sys.argv[1])
big = plan.model_copy(update={"nhiem_vu": [plan.nhiem_vu[i % len(plan.nhiem_vu)] for i in range(int(sys.argv[2]))]})
vanban.render_bytes(big)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""
FIRST = """
import sys, time, vanban
plan = vanban.load(sys.argv[1])
start = time.perf_counter(); vanban.render_bytes(plan); print(time.perf_counter() - start)
"""
# Plain docxtpl's first document in a process, with the same template and the same context (built by vanban
# before the clock starts: the model, the broken agency lines, the header's widths).
PLAIN_FIRST = """
import io, sys, time
from docxtpl import DocxTemplate
import vanban
from vanban._render import bundled_template, jinja_env
plan = vanban.load_ke_hoach(sys.argv[1]); context = bundled_template("KH").context(plan); env = jinja_env()
start = time.perf_counter()
template = DocxTemplate(sys.argv[2]); template.render(context, jinja_env=env); template.save(io.BytesIO())
print(time.perf_counter() - start)
"""
# What a script author writes with docxtpl alone to make one document from a plan file: load the data (with
# vanban's models: the template reads them), fill the template, save.
PLAIN_SCRIPT = """
import sys
from docxtpl import DocxTemplate
import vanban
from vanban._render import bundled_template, jinja_env
plan = vanban.load_ke_hoach(sys.argv[1])
template = DocxTemplate(sys.argv[2])
template.render(bundled_template("KH").context(plan), jinja_env=jinja_env())
template.save(sys.argv[3])
"""
BATCH = """
import json, sys, time, vanban
paths = json.loads(sys.argv[1])
start = time.perf_counter()
results = vanban.render_batch(paths, sys.argv[2], jobs=int(sys.argv[3]))
seconds = time.perf_counter() - start
assert all(r.ok for r in results), [r.error for r in results if not r.ok][:3]
print(seconds)
"""


def python(code: str, source: Path, *args: object) -> str:
    env = {**os.environ, "PYTHONPATH": str(source)}
    done = subprocess.run(
        [sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True, env=env, cwd=source.parent
    )
    if done.returncode:
        raise RuntimeError(done.stderr[-2000:])
    return done.stdout.strip()


def fresh(code: str, source: Path, *args: object, runs: int) -> float:
    """Median over ``runs`` fresh processes of the figure the code prints."""
    return statistics.median(float(python(code, source, *args)) for _ in range(runs))


def wall(command: list[str], source: Path, runs: int) -> float:
    """Median wall time of a whole process."""
    env = {**os.environ, "PYTHONPATH": str(source)}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def worktree(folder: Path) -> Path | None:
    """BEFORE checked out in ``folder``; None outside a git checkout."""
    done = subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", str(folder), BEFORE], capture_output=True, text=True
    )
    return folder / "src" if done.returncode == 0 else None


def varied_plans(folder: Path, count: int) -> list[str]:
    """``count`` plans of 3 to 30 tasks with other numbers and titles, in block YAML as a clerk's files are, from
    the example as BEFORE had it (both versions read it)."""
    from ruamel.yaml import YAML

    text = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{BEFORE}:examples/ke-hoach-19-KH-SKHCN-2024.yaml"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    base = YAML(typ="safe").load(text)
    writer = YAML(typ="safe")
    writer.default_flow_style = False
    writer.allow_unicode = True
    writer.width = 4096
    tasks = base["nhiem_vu"]
    pick = random.Random(18)
    paths = []
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        plan = copy.deepcopy(base)
        plan["nhiem_vu"] = [copy.deepcopy(tasks[i % len(tasks)]) for i in range(pick.randint(3, 30))]
        plan["so_ky_hieu"] = f"{number + 1}/KH-SKHCN"
        plan["trich_yeu"] = f"{base['trich_yeu']} (đợt {number + 1})"
        path = folder / f"kh-{number:04d}.yaml"
        with path.open("w", encoding="utf-8") as stream:
            writer.dump(plan, stream)
        paths.append(str(path))
    return paths


def floors(document: bytes) -> tuple[float, float]:
    """What any writer of this document must at least do: copy the template's parts and deflate the new
    document.xml. Counted two ways: the parts' compressed bytes copied as they are (what vanban's writer does), and
    every part copied through Python's zipfile (read, deflated again), the floor as the performance issue measured it."""
    import io
    import zipfile

    template = TEMPLATE.read_bytes()

    def raw_copy() -> None:
        packer = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
        bytes(template) + packer.compress(document) + packer.flush() + zlib.crc32(document).to_bytes(4, "little")

    def zipfile_copy() -> None:
        source = zipfile.ZipFile(io.BytesIO(template))
        with zipfile.ZipFile(io.BytesIO(), "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                target.writestr(info.filename, document if info.filename == "word/document.xml" else source.read(info))

    return median(raw_copy, 200), median(zipfile_copy, 200)


def against(
    name: str, ours: float, other: str, theirs: float, goal: str, before: float | None
) -> list[tuple[str, str, str]]:
    """A figure with its ratio to another program's, that program's figure and BEFORE's."""
    rows = [
        (name, f"{ours * 1000:.0f} ms", f"{ours / theirs:.2f}× {other} ({goal})"),
        (f"  {other}", f"{theirs * 1000:.0f} ms", ""),
    ]
    return rows + ([(f"  {BEFORE}", f"{before * 1000:.0f} ms", "")] if before is not None else [])


def main() -> None:
    import io
    import zipfile

    import vanban

    runs = 5 if QUICK else 11
    rows: list[tuple[str, str, str]] = []
    here = ROOT / "src"
    print(machine())
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        old = worktree(work / "before")
        for tree in (here, old):  # bytecode as an installed package has it (pip compiles at install)
            if tree:
                subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree)], capture_output=True, check=True)
        try:
            plan = vanban.load_ke_hoach(EXAMPLE)
            out = vanban.render_bytes(plan)
            document = zipfile.ZipFile(io.BytesIO(out)).read("word/document.xml")
            warm = float(python(WARM, here, EXAMPLE, 300))
            raw_copy, zipfile_copy = floors(document)
            rows.append(
                ("ấm: kế hoạch mẫu", f"{warm * 1000:.2f} ms", f"{warm / zipfile_copy:.2f}× sàn qua zipfile (≤ 1,5)")
            )
            rows.append(("  sàn: chép các phần qua zipfile + nén document.xml", f"{zipfile_copy * 1000:.2f} ms", ""))
            rows.append(
                (
                    "  sàn: chép nguyên byte đã nén + nén document.xml",
                    f"{raw_copy * 1000:.2f} ms",
                    f"vanban = {warm / raw_copy:.1f}×",
                )
            )
            if old:
                before = float(python(WARM, old, EXAMPLE, 100))
                rows.append((f"  {BEFORE}", f"{before * 1000:.2f} ms", f"nhanh {before / warm:.1f}×"))

            scaling = json.loads(python(SCALING, here, EXAMPLE, json.dumps(SIZES), 3 if QUICK else 5))
            old_scaling = json.loads(python(SCALING, old, EXAMPLE, json.dumps(SIZES), 3)) if old else {}
            for small, large in zip(SIZES, SIZES[1:], strict=False):
                step = scaling[str(large)] / scaling[str(small)]
                goal = " (≤ 2,2)" if (small, large) == (3000, 6000) else ""
                compare = f"×{step:.2f} cho ×{large / small:g} nhiệm vụ{goal}"
                if old_scaling:
                    compare += f"; {BEFORE}: ×{old_scaling[str(large)] / old_scaling[str(small)]:.2f}"
                rows.append((f"{small} → {large} nhiệm vụ", f"{scaling[str(large)] * 1000:.0f} ms", compare))
            if old_scaling:
                rows.append((f"  6000 nhiệm vụ, {BEFORE}", f"{old_scaling['6000'] * 1000:.0f} ms", ""))
            peak = float(python(PEAK, here, EXAMPLE, 6000))
            compare = f"{BEFORE}: {float(python(PEAK, old, EXAMPLE, 6000)):.0f} MB" if old else ""
            rows.append(("bộ nhớ đỉnh (RSS), 6000 nhiệm vụ", f"{peak:.0f} MB", compare))

            first = fresh(FIRST, here, EXAMPLE, runs=runs)
            plain_first = fresh(PLAIN_FIRST, here, EXAMPLE, TEMPLATE, runs=runs)
            before = fresh(FIRST, old, EXAMPLE, runs=runs) if old else None
            rows += against("văn bản đầu tiên trong tiến trình", first, "docxtpl thuần", plain_first, "≤ 0,3", before)

            script = work / "docxtpl_thuan.py"
            script.write_text(PLAIN_SCRIPT, encoding="utf-8")
            command = [sys.executable, "-m", "vanban", "render", str(EXAMPLE), "-o"]
            cli = wall([*command, str(work / "a.docx")], here, runs)
            plain = wall([sys.executable, str(script), str(EXAMPLE), str(TEMPLATE), str(work / "b.docx")], here, runs)
            before = wall([*command, str(work / "c.docx")], old, runs) if old else None
            rows += against("cả tiến trình: vanban render, 1 văn bản", cli, "kịch bản docxtpl", plain, "≤ 1,3", before)

            count = 200 if QUICK else 1000
            paths = varied_plans(work / "lo", count)
            for jobs in (1, 2):
                seconds = before = float("inf")
                for attempt in range(1 if QUICK else 2):  # interleaved, the best of each: this machine's load varies
                    seconds = min(
                        seconds, float(python(BATCH, here, json.dumps(paths), work / f"ra-{jobs}-{attempt}", jobs))
                    )
                    if old:
                        before = min(
                            before, float(python(BATCH, old, json.dumps(paths), work / f"cu-{jobs}-{attempt}", jobs))
                        )
                compare = ""
                if old:
                    compare = f"{BEFORE}: {count / before:.0f} văn bản/s; nhanh {before / seconds:.1f}× (≥ 3)"
                rows.append(
                    (f"lô {count} kế hoạch 3–30 nhiệm vụ, -j {jobs}", f"{count / seconds:.0f} văn bản/s", compare)
                )

            if shutil.which("soffice"):
                documents = 5 if QUICK else 20
                folder = work / "pdf"
                folder.mkdir()
                files = []
                for number in range(documents):
                    files.append(folder / f"kh-{number:02d}.docx")
                    files[-1].write_bytes(out)
                start = time.perf_counter()
                vanban.to_pdf(files, work / "pdf-lo")
                together = time.perf_counter() - start
                start = time.perf_counter()
                for path in files:
                    subprocess.run(
                        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(work / "pdf-le"), str(path)],
                        capture_output=True,
                        check=True,
                    )
                apart = time.perf_counter() - start
                rows.append(
                    (
                        f"PDF {documents} văn bản: vanban.to_pdf / soffice từng tệp",
                        f"{together:.1f} s / {apart:.1f} s",
                        f"nhanh {apart / together:.1f}×",
                    )
                )
            else:
                rows.append(("PDF", "bỏ qua: chưa cài LibreOffice", ""))

            help_time = wall([sys.executable, "-m", "vanban", "--help"], here, 5)
            rows.append(("vanban --help", f"{help_time * 1000:.0f} ms", ""))
            heavy = python(
                "import sys, vanban; print(','.join(m for m in ('docx', 'docxtpl', 'lxml', 'pydantic') if m in sys.modules) or 'không')",
                here,
            )
            rows.append(("import vanban nạp docx/docxtpl/lxml/pydantic?", heavy, ""))
        finally:
            if old:
                subprocess.run(
                    ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old.parent)], capture_output=True
                )

    width = max(len(r[0]) for r in rows)
    print(f"{'phép đo':{width}}  {'kết quả':>18}  so sánh")
    for name, value, compare in rows:
        print(f"{name:{width}}  {value:>18}  {compare}")


if __name__ == "__main__":
    main()
