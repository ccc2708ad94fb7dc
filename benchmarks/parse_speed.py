"""How long `vanban.parse` takes on a plan with 300 tasks (DOCX and text), and on the real plans.

Run: .venv/bin/python benchmarks/parse_speed.py   (medians of several runs)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from _timing import machine, median  # noqa: E402

import vanban  # noqa: E402


def main() -> None:
    print(machine())
    plan = vanban.load(ROOT / "examples" / "ke-hoach-19-KH-SKHCN-2024.yaml")
    big = plan.model_copy(update={"nhiem_vu": [plan.nhiem_vu[i % 5] for i in range(300)]})
    data = vanban.render_bytes(big)
    assert vanban.parse(data) == big
    rows = [("kế hoạch 300 nhiệm vụ, DOCX", len(data) // 1024, median(lambda: vanban.parse(data)))]
    for path in sorted((ROOT / "tests" / "data" / "corpus").glob("kehoach-*.docx")):
        content = path.read_bytes()
        rows.append((path.stem, len(content) // 1024, median(lambda c=content: vanban.parse(c), 5)))
    print(f"{'tài liệu':32} {'KB':>5} {'đọc (s)':>9}   mục tiêu: 300 nhiệm vụ < 1 s")
    for name, size, seconds in rows:
        print(f"{name:32} {size:>5} {seconds:>9.3f}")


if __name__ == "__main__":
    main()
