"""How faithfully vanban reads real documents back: which of their words it keeps, and what re-rendering adds.

For every .docx and .doc of a folder (default tests/data/corpus; .doc converted by LibreOffice first):

- trong mô hình: share of the source's words (fixed layout words such as the motto left out) found among the
  words the parsed model holds (``model_dump`` values, its kind's name, and what its structure stands for once per
  use: see ``model_words``);
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
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from word_reader import added, docx_words, share_found, text_words  # noqa: E402

import vanban  # noqa: E402

CITED = {"so_ky_hieu": "số", "ngay": "ngày", "co_quan": "của"}  # words a structured citation prints between its values
TASK_FIELDS = ("chu_tri", "phoi_hop", "thoi_gian", "ket_qua")


def model_words(data: Any, labels: dict[str, Any] | None = None) -> Counter[str]:
    """The words a model holds: the words of every value (field names are not words), and the words its
    structure stands for when it is printed, counted once per use: a cited document's "số", "ngày", "của"; a
    task's field labels (the plan's ``nhan``) for each field it has; an area's "Mục tiêu" and "Nhiệm vụ"
    headings; the numbers of groups and tasks in an appendix task table."""
    words: Counter[str] = Counter()
    if isinstance(data, dict):
        labels = data.get("nhan") if isinstance(data.get("nhan"), dict) else labels
        if {"loai", "so_ky_hieu", "ngay"} <= data.keys():
            words.update(CITED[name] for name in CITED if data.get(name))
        if labels and "ten" in data and "hoat_dong" in data:  # a task
            for name in TASK_FIELDS:
                value = data.get(name)
                deadline = name == "thoi_gian" and (
                    (isinstance(value, str) and value.startswith("hạn "))
                    or (isinstance(value, dict) and value.get("han"))
                )
                if value:
                    words += text_words("Thời gian hoàn thành" if deadline else str(labels.get(name) or ""))
            if data.get("hoat_dong") and labels.get("hoat_dong"):
                words += text_words(labels["hoat_dong"])
        if "muc_tieu" in data and "nhiem_vu" in data:  # an area
            words += text_words("mục tiêu" if data["muc_tieu"] else "") + text_words(
                "nhiệm vụ" if data["nhiem_vu"] else ""
            )
        if "nhom" in data and "danh_so" in data:  # the appendix task table
            count = 0
            for number, group in enumerate(data["nhom"], 1):
                words += text_words(roman(number))
                count = 0 if data["danh_so"] == "trong_nhom" else count
                for _ in group.get("nhiem_vu", []):
                    count += 1
                    words += text_words(str(count))
        for key, value in data.items():
            if key != "nhan":
                words += model_words(value, labels)
        if "nhan" in data and not isinstance(data.get("nhan"), dict):
            words += model_words(data["nhan"], labels)
    elif isinstance(data, list):
        for value in data:
            words += model_words(value, labels)
    elif isinstance(data, str | int | float) and not isinstance(data, bool):
        words.update(text_words(str(data)))
    return words


def roman(number: int) -> str:
    values = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letters in values:
        while number >= value:
            out, number = out + letters, number - value
    return out


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
    if getattr(model, "den_nam", None):
        found["kỳ"] = f"{model.nam}–{model.den_nam}"
    signer = f"{show(getattr(nguoi_ky, 'chuc_vu', None))} — {show(getattr(nguoi_ky, 'ho_ten', None))}"
    if getattr(nguoi_ky, "chuc_vu_sau", None):
        signer += f" — {show(nguoi_ky.chuc_vu_sau)}"
    found["người ký"] = signer
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
        held = model_words(model.model_dump(mode="json")) + text_words(type(model).TEN_LOAI)  # the kind is the type
        row["trong mô hình"] = share_found(docx_words(source, fixed_layout=True), held)
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
