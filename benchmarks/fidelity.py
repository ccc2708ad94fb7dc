"""How faithfully vanban reads real documents back: which of their words it keeps, and what re-rendering adds.

For every .docx and .doc of a folder (default tests/data/corpus; .doc converted by LibreOffice first):

- trong mô hình: share of the source's words (fixed layout words such as the motto left out) found among the
  words of the values of the parsed model, saved as YAML;
- sau khi xuất lại: share of the source's words found in ``vanban.render_bytes(model)``, and the words the
  re-render added (count, the first few);
- vòng lặp: whether ``vanban.parse(render_bytes(model))`` gives the same model back;
- then the key facts read (kind, number, date, agency, period, signer, recipients, Lưu line).

Words are counted by tests/word_reader.py, which does not use vanban. This is a measurement, not a test:
it always exits 0.

Run: .venv/bin/python benchmarks/fidelity.py [FOLDER] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from word_reader import added, docx_words, share_found, text_words  # noqa: E402

import vanban  # noqa: E402

YAML_KEY = re.compile(r"^(\s*(?:-\s+)*)[A-Za-z_][A-Za-z0-9_]*:(?=\s|$)", re.MULTILINE)  # field names are not words


def to_docx(path: Path, tmp: Path) -> Path | None:
    """The .docx of a .doc, converted once by LibreOffice (None when soffice is missing)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    profile = (tmp / "lo-profile").as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "docx", "--outdir", str(tmp)]
    subprocess.run([*command, str(path)], capture_output=True, timeout=120, check=False)
    converted = tmp / (path.stem + ".docx")
    if not converted.is_file():
        raise RuntimeError("LibreOffice không chuyển được tệp")
    return converted


def show(value: Any) -> str:
    if value is None:
        return "—"
    if hasattr(value, "model_dump"):
        data = value.model_dump(mode="json")
        return data if isinstance(data, str) else " ".join(f"{k}={v}" for k, v in data.items() if v is not None)
    if isinstance(value, list | tuple):
        return " / ".join(str(item) for item in value)
    return str(value)


def facts(model: Any) -> dict[str, str]:
    co_quan, nguoi_ky, noi_nhan = (getattr(model, name, None) for name in ("co_quan", "nguoi_ky", "noi_nhan"))
    found = {
        "loại": type(model).__name__,
        "số, ký hiệu": show(getattr(model, "so_ky_hieu", None)),
        "ngày": show(getattr(model, "ngay_ban_hanh", None)),
        "cơ quan": show(getattr(co_quan, "ten", None)),
        "kỳ": show(getattr(model, "ky", None) or getattr(model, "nam", None)),
    }
    if hasattr(model, "giai_doan"):
        found["giai đoạn"] = show(model.giai_doan)
    found["người ký"] = f"{show(getattr(nguoi_ky, 'chuc_vu', None))} — {show(getattr(nguoi_ky, 'ho_ten', None))}"
    found["nơi nhận"] = str(len(getattr(noi_nhan, "danh_sach", None) or []))
    found["lưu"] = show(getattr(noi_nhan, "luu", None))
    return found


def measure(path: Path, tmp: Path) -> dict[str, Any]:
    row: dict[str, Any] = {"tệp": path.stem}
    try:
        if path.suffix.lower() == ".doc":
            converted = to_docx(path, tmp)
            if converted is None:
                row["lỗi"] = "cần LibreOffice"
                return row
            path = converted
        source = path.read_bytes()
        row["từ nguồn"] = sum(docx_words(source).values())
        detailed = getattr(vanban, "parse_detailed", None)
        if detailed is not None:
            result = detailed(source)
            model, row["độ tin cậy"], row["ghi chú"] = result.model, result.confidence, len(result.notes)
        else:
            model = vanban.parse(source)
        row["facts"] = facts(model)
        yaml_path = tmp / "m.yaml"
        yaml_path.unlink(missing_ok=True)
        vanban.save(model, yaml_path)
        model_words = text_words(YAML_KEY.sub(r"\1", yaml_path.read_text(encoding="utf-8")))
        row["trong mô hình"] = share_found(docx_words(source, fixed_layout=True), model_words)
        rendered = vanban.render_bytes(model)
        source_words, rendered_words = docx_words(source), docx_words(rendered)
        row["sau khi xuất lại"] = share_found(source_words, rendered_words)
        extra = added(source_words, rendered_words)
        row["thêm"] = sum(extra.values())
        row["từ thêm"] = [f"{word}×{count}" if count > 1 else word for word, count in extra.most_common(8)]
        row["vòng lặp"] = vanban.parse(rendered).model_dump() == model.model_dump()
    except Exception as exc:  # a measurement: record what failed and go on
        details = "; ".join(str(item) for item in getattr(exc, "details", None) or [])
        row["lỗi"] = f"{type(exc).__name__}: {exc}".splitlines()[0] + (f" ({details})" if details else "")
    return row


def percent(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}%"


def print_table(rows: list[dict[str, Any]]) -> None:
    detailed = any("độ tin cậy" in row for row in rows)
    titles = ["tệp", "từ nguồn", "trong mô hình", "sau khi xuất lại", "thêm", "vòng lặp"]
    titles += ["độ tin cậy", "ghi chú"] if detailed else []
    lines = []
    for row in rows:
        cells = [
            row["tệp"],
            str(row.get("từ nguồn", "—")),
            percent(row.get("trong mô hình")),
            percent(row.get("sau khi xuất lại")),
            str(row.get("thêm", "—")),
            {True: "có", False: "không"}.get(row.get("vòng lặp"), "—"),
        ]
        if detailed:
            confidence = row.get("độ tin cậy")
            cells += ["—" if confidence is None else f"{confidence:.2f}", str(row.get("ghi chú", "—"))]
        tail = row.get("lỗi") or ", ".join(row.get("từ thêm", []))
        lines.append((cells, tail))
    widths = [max(len(title), *(len(cells[i]) for cells, _ in lines)) for i, title in enumerate(titles)]
    align = [str.ljust] + [str.rjust] * (len(titles) - 1)
    print("  ".join(a(t, w) for a, t, w in zip(align, titles, widths, strict=True)) + "  từ thêm / lỗi")
    for cells, tail in lines:
        print("  ".join(a(c, w) for a, c, w in zip(align, cells, widths, strict=True)) + "  " + tail)


def summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    read = [row for row in rows if "facts" in row]
    in_model = [row["trong mô hình"] for row in rows if "trong mô hình" in row]
    rerendered = [row["sau khi xuất lại"] for row in rows if "sau khi xuất lại" in row]
    return {
        "đọc được": len(read),
        "tổng": len(rows),
        "trong mô hình thấp nhất": min(in_model, default=None),
        "trong mô hình trung bình": statistics.fmean(in_model) if in_model else None,
        "xuất lại thấp nhất": min(rerendered, default=None),
        "xuất lại trung bình": statistics.fmean(rerendered) if rerendered else None,
        "tổng từ thêm": sum(row.get("thêm", 0) for row in rows),
        "vòng lặp giống hệt": sum(1 for row in rows if row.get("vòng lặp")),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default="tests/data/corpus", help="thư mục chứa .docx/.doc")
    parser.add_argument("--json", metavar="OUT", help="ghi mọi số liệu ra tệp JSON")
    args = parser.parse_args()
    folder = Path(args.folder) if Path(args.folder).is_absolute() else ROOT / args.folder
    paths = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".docx", ".doc") and not p.name.startswith("~$"))
    with tempfile.TemporaryDirectory(prefix="vanban-fidelity-") as tmp:
        rows = [measure(path, Path(tmp)) for path in paths]
    print_table(rows)
    print()
    for row in rows:
        if "facts" in row:
            print(f"{row['tệp']}: " + "; ".join(f"{key}: {value}" for key, value in row["facts"].items()))
    total = summary(rows)
    print()
    print(
        f"đọc được {total['đọc được']}/{total['tổng']} tài liệu; trong mô hình: thấp nhất "
        f"{percent(total['trong mô hình thấp nhất'])}, trung bình {percent(total['trong mô hình trung bình'])}; "
        f"sau khi xuất lại: thấp nhất {percent(total['xuất lại thấp nhất'])}, trung bình "
        f"{percent(total['xuất lại trung bình'])}; thêm {total['tổng từ thêm']} từ; "
        f"vòng lặp giống hệt {total['vòng lặp giống hệt']}/{total['tổng']}"
    )
    if args.json:
        Path(args.json).write_text(
            json.dumps({"tài liệu": rows, "tổng hợp": total}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )


if __name__ == "__main__":
    main()
