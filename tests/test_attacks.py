"""Hostile files and faults, run as a clerk runs vanban (its own process): a clear Vietnamese error (or the
right result) within 10 s and 500 MB, the documented exit code, no traceback, nothing foreign written,
no process left behind."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import warnings
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLE, ROOT

import vanban

PROGRESS = ROOT / "examples" / "tien-do-quy-I-2024.yaml"
_RUNNER = (  # the peak is this process's own (VmHWM: ru_maxrss would count the parent's pages before exec)
    "import sys\n"
    "from vanban._cli import main\n"
    "def peak():\n"
    "    try:\n"
    "        return int(open('/proc/self/status').read().split('VmHWM:')[1].split()[0]) // 1024\n"
    "    except (OSError, IndexError):\n"
    "        import resource\n"
    "        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024\n"
    "try:\n    main(sys.argv[1:])\n"
    "finally:\n    print(f'@@peak {peak()}', file=sys.stderr)\n"
)


def attack(*args: str, cwd: Path | None = None, seconds: float = 10) -> tuple[int, str, str]:
    """``vanban ARGS`` in its own process: (exit code, stdout, stderr); fails past 10 s or 500 MB."""
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", _RUNNER, *args], capture_output=True, text=True, timeout=seconds + 20, cwd=cwd
    )
    took = time.monotonic() - start
    peak = int(done.stderr.rsplit("@@peak ", 1)[1].split()[0]) if "@@peak" in done.stderr else 0
    stderr = done.stderr.rsplit("@@peak", 1)[0]
    assert took < seconds, f"{took:.1f} s: {args}"
    assert peak < 500, f"{peak} MB: {args}"
    assert "Traceback" not in stderr, stderr
    return done.returncode, done.stdout, stderr


def docx_with(
    replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None, zeros: dict[str, int] | None = None
) -> bytes:
    """The example's DOCX with members replaced or added; ``zeros`` adds members of that many zero bytes,
    written a megabyte at a time (so this process never holds them)."""
    source = vanban.render_bytes(vanban.load(EXAMPLE))
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item.filename, (replace or {}).get(item.filename, zin.read(item.filename)))
        for name, data in (add or {}).items():
            zout.writestr(name, data)
        for name, size in (zeros or {}).items():
            with zout.open(name, "w", force_zip64=True) as stream:
                chunk = b"\0" * 1_048_576
                for _ in range(size // len(chunk)):
                    stream.write(chunk)
    return out.getvalue()


# --- the user's files --------------------------------------------------------------------------
def test_report_never_writes_its_yaml_over_the_plan(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(EXAMPLE.read_bytes())
    code, _, stderr = attack("report", str(plan), "--ky", "quý I", "-o", str(tmp_path / "plan.docx"))
    assert code == 2 and "trùng với tệp vào" in stderr
    assert plan.read_bytes() == EXAMPLE.read_bytes() and not (tmp_path / "plan.docx").exists()


def test_report_never_writes_over_its_progress_data(tmp_path):
    progress = tmp_path / "tiendo.yaml"
    progress.write_bytes(PROGRESS.read_bytes())
    code, _, stderr = attack(
        "report", str(EXAMPLE), "--ky", "quý I", "--tien-do", str(progress), "-o", str(tmp_path / "tiendo.docx")
    )
    assert code == 2 and "trùng với tệp vào" in stderr and progress.read_bytes() == PROGRESS.read_bytes()


def test_next_year_never_writes_its_change_list_over_the_plan(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_bytes(EXAMPLE.read_bytes())
    code, _, stderr = attack("next-year", str(plan), "-o", str(tmp_path / "ny.yaml"), "--thay-doi", str(plan))
    assert code == 2 and "trùng với tệp vào" in stderr and plan.read_bytes() == EXAMPLE.read_bytes()
    assert not (tmp_path / "ny.yaml").exists()
    link = tmp_path / "link.yaml"
    link.symlink_to(plan)  # the same file through a link
    code, _, stderr = attack("next-year", str(plan), "-o", str(link))
    assert code == 2 and plan.read_bytes() == EXAMPLE.read_bytes()


def test_a_side_file_the_user_wrote_is_not_replaced(tmp_path):
    mine = tmp_path / "bc.yaml"
    mine.write_text("# ghi chép của tôi\n", encoding="utf-8")
    code, _, stderr = attack("report", str(EXAMPLE), "--ky", "quý I", "-o", str(tmp_path / "bc.docx"))
    assert code == 2 and "không do vanban ghi" in stderr and "--overwrite" in stderr
    assert mine.read_text(encoding="utf-8") == "# ghi chép của tôi\n" and not (tmp_path / "bc.docx").exists()
    code, _, _ = attack("report", str(EXAMPLE), "--ky", "quý I", "-o", str(tmp_path / "bc.docx"), "--overwrite")
    assert code == 0 and mine.read_text(encoding="utf-8").startswith("# vanban")
    code, _, _ = attack("report", str(EXAMPLE), "--ky", "quý II", "-o", str(tmp_path / "bc.docx"))
    assert code == 0  # now vanban's own file: replaced without asking


# --- small files that used to crash or hang ---------------------------------------------------
def test_a_picture_that_inflates_to_a_gigabyte(tmp_path):
    source = tmp_path / "bom.docx"
    source.write_bytes(docx_with(zeros={"word/media/image1.png": 1024**3}))
    assert source.stat().st_size < 2_000_000
    code, _, stderr = attack("check", str(source), "--fix", "-o", str(tmp_path / "ra.docx"))
    assert code == 2 and "zip bomb" in stderr and not (tmp_path / "ra.docx").exists()


def test_a_huge_font_size_does_not_hang_the_page_count(tmp_path):
    xml = vanban.render_bytes(vanban.load(EXAMPLE))
    with zipfile.ZipFile(io.BytesIO(xml)) as package:
        styles = package.read("word/styles.xml")
    assert b'<w:sz w:val="28"/>' in styles
    source = tmp_path / "sz.docx"
    source.write_bytes(
        docx_with(replace={"word/styles.xml": styles.replace(b'<w:sz w:val="28"/>', b'<w:sz w:val="2000000000"/>')})
    )
    code, stdout, _ = attack("check", str(source))
    assert code in (0, 1) and "ND30" in stdout


@pytest.mark.parametrize(
    "content, message",
    [
        (
            "a: &a [x,x,x,x,x,x,x,x,x]\n"
            + "".join(f"{c}: &{c} [{', '.join(['*' + p] * 9)}]\n" for p, c in zip("abcdefgh", "bcdefghi", strict=True)),
            "bí danh",
        ),
        ("[" * 100_000, "lồng nhau quá sâu"),
        ("- " * 5000 + "x\n", "lồng nhau quá sâu"),
        ("so_ky_hieu: 19/KH-A\nnam: \x07\n", "ký tự điều khiển"),
        ("nam: " + "9" * 5000 + "\n", "số quá dài"),
    ],
    ids=["alias-bomb", "nested-brackets", "nested-lists", "control-byte", "5000-digits"],
)
def test_hostile_yaml(tmp_path, content, message):
    source = tmp_path / "x.yaml"
    source.write_text(content, encoding="utf-8")
    code, _, stderr = attack("render", str(source), "-o", str(tmp_path / "x.docx"))
    assert code == 2 and message in stderr and str(source) in stderr


def test_a_yaml_file_too_large_to_be_a_plan(tmp_path):
    source = tmp_path / "lon.yaml"
    with open(source, "wb") as stream:
        stream.truncate(100 * 1024 * 1024)  # 100 MB, sparse
    code, _, stderr = attack("render", str(source), "-o", str(tmp_path / "x.docx"))
    assert code == 2 and "quá lớn" in stderr


@pytest.mark.skipif(sys.platform == "win32", reason="no /dev/zero or FIFO")
def test_devices_and_pipes_are_not_read(tmp_path):
    code, _, stderr = attack("render", "/dev/zero", "-o", str(tmp_path / "x.docx"))
    assert code == 2 and ("không phải tệp" in stderr or "chỉ đọc được" in stderr)
    fifo = tmp_path / "ke-hoach.yaml"
    os.mkfifo(fifo)
    code, _, stderr = attack("render", str(fifo), "-o", str(tmp_path / "x.docx"))
    assert code == 2 and "không phải tệp thông thường" in stderr
    code, _, stderr = attack("check", "/dev/zero")
    assert code == 2 and "không phải tệp thông thường" in stderr


def _xlsx(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _repack_xlsx(data: bytes, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item.filename, change(item.filename, zin.read(item.filename)))
    return out.getvalue()


def test_a_sheet_that_claims_every_row_and_column(tmp_path):
    """The dimension says A1:XFD1048576 and one cell really sits there: read what is there, or a clear error."""
    claims = _repack_xlsx(
        _xlsx([["nhiem_vu", "dat"], [2, 6]]),
        lambda name, body: (
            body.replace(b'<dimension ref="A1:B2"/>', b'<dimension ref="A1:XFD1048576"/>')
            if name.endswith("sheet1.xml")
            else body
        ),
    )
    far = _repack_xlsx(
        claims,
        lambda name, body: (
            body.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>')
            if name.endswith("sheet1.xml")
            else body
        ),
    )
    assert b"XFD1048576" in zipfile.ZipFile(io.BytesIO(far)).read("xl/worksheets/sheet1.xml")
    for name, data in (("claims.xlsx", claims), ("far.xlsx", far)):
        source = tmp_path / name
        source.write_bytes(data)
        code, stdout, stderr = attack(
            "report", str(EXAMPLE), "--ky", "quý I", "--tien-do", str(source), "-o", str(tmp_path / "bc.docx")
        )
        if name == "claims.xlsx":
            assert code == 0 and "báo cáo quý I năm 2024" in stdout
        else:
            assert code == 2 and "hơn 20.000 dòng" in stderr


def test_a_sheet_that_is_a_zip_bomb(tmp_path):
    source = tmp_path / "bomb.xlsx"
    with (
        zipfile.ZipFile(io.BytesIO(_xlsx([["nhiem_vu", "dat"]]))) as zin,
        zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as zout,
    ):
        for item in zin.infolist():
            if not item.filename.endswith("sheet1.xml"):
                zout.writestr(item.filename, zin.read(item.filename))
        with zout.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as stream:
            stream.write(b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
            for _ in range(600):
                stream.write(b" " * 1_048_576)
            stream.write(b"</sheetData></worksheet>")
    assert source.stat().st_size < 2_000_000
    code, _, stderr = attack(
        "report", str(EXAMPLE), "--ky", "quý I", "--tien-do", str(source), "-o", str(tmp_path / "bc.docx")
    )
    assert code == 2 and "zip bomb" in stderr


def test_a_sheet_with_an_xml_entity(tmp_path):
    entity = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "1">]>'
    data = _repack_xlsx(
        _xlsx([["nhiem_vu", "dat"], [1, 6]]),
        lambda name, body: entity + body.split(b"?>", 1)[-1] if name.endswith("sheet1.xml") else body,
    )
    assert b"<!ENTITY" in zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    source = tmp_path / "entity.xlsx"
    source.write_bytes(data)
    code, _, stderr = attack(
        "report", str(EXAMPLE), "--ky", "quý I", "--tien-do", str(source), "-o", str(tmp_path / "bc.docx")
    )
    assert code == 2 and "DTD/thực thể" in stderr


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("      - so_luong: 15", "      - so_luong: .inf", "số hữu hạn"),
        ("nam: 2024", "nam: " + "2" * 400, "nam"),
        ("viet_tat: SKHCN", "viet_tat: SK HCN", "viet_tat"),
    ],
    ids=["inf-target", "huge-year", "space-in-abbreviation"],
)
def test_bad_numbers_and_codes_in_a_plan(tmp_path, old, new, message):
    source = tmp_path / "kh.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text
    source.write_text(text.replace(old, new, 1), encoding="utf-8")
    for command in (
        ["render", str(source), "-o", str(tmp_path / "kh.docx")],
        ["report", str(source), "--ky", "quý I", "-o", str(tmp_path / "bc.docx")],
    ):
        code, _, stderr = attack(*command)
        assert code == 2 and message in stderr, stderr
    assert not list(tmp_path.glob("*.docx"))


# --- templates ----------------------------------------------------------------------------------
def _template(tmp_path: Path, jinja: str) -> Path:
    """The bundled plan template with a Jinja snippet put into its first paragraph."""
    from vanban._templates import template_path

    with zipfile.ZipFile(template_path("KH")) as package:
        document = package.read("word/document.xml")
    snippet = b"<w:p><w:r><w:t>" + jinja.encode() + b"</w:t></w:r></w:p>"
    document = document.replace(b"<w:body>", b"<w:body>" + snippet, 1)
    out = io.BytesIO()
    with zipfile.ZipFile(template_path("KH")) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item.filename, document if item.filename == "word/document.xml" else zin.read(item.filename))
    path = tmp_path / "mau.docx"
    path.write_bytes(out.getvalue())
    return path


@pytest.mark.parametrize(
    "jinja, message",
    [
        ("{{ cycler.__init__.__globals__.os.popen('id').read() }}", "không an toàn"),
        ("{{ nhiem_vu.append(nhiem_vu[0]) }}", "không an toàn"),
        ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", "bước"),
        ("{{ 'x' * 100000000 }}", "chuỗi quá dài"),
        ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "lỗi khi điền dữ liệu"),
    ],
    ids=["os-popen", "mutate-model", "nested-loops", "huge-string", "recursion"],
)
def test_a_hostile_template(tmp_path, jinja, message, example_plan):
    template = _template(tmp_path, jinja)
    before = example_plan.model_dump()
    with pytest.raises(vanban.TemplateError, match=message):
        vanban.render_bytes(example_plan, vanban.Template(template))  # a Template is sandboxed by default
    assert example_plan.model_dump() == before
    code, _, stderr = attack("render", str(EXAMPLE), "-o", str(tmp_path / "x.docx"), "--template", str(template))
    assert code == 2 and message in stderr and not (tmp_path / "x.docx").exists()


# --- writes, concurrency, signals -----------------------------------------------------------------
def test_threads_writing_one_file_never_leave_it_corrupt(tmp_path, example_plan):
    target = tmp_path / "kh.docx"
    data = [vanban.render_bytes(example_plan), vanban.render_bytes(vanban.draft_report(example_plan, "quý I"))]
    errors: list[BaseException] = []

    def write(round_: int) -> None:
        try:
            vanban.write_all({target: data[round_ % 2]})
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(60)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and target.read_bytes() in data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kh.docx"]  # no temporary file left


def test_a_link_planted_at_the_old_temporary_name_is_not_followed(tmp_path, example_plan):
    victim = tmp_path / "victim.txt"
    victim.write_text("giữ nguyên", encoding="utf-8")
    target = tmp_path / "kh.docx"
    for pid in range(os.getpid() - 5, os.getpid() + 5):
        (tmp_path / f".kh.docx.tmp{pid}").symlink_to(victim)
    vanban.render(example_plan, target)
    assert victim.read_text(encoding="utf-8") == "giữ nguyên" and target.stat().st_size > 0


def test_outputs_of_one_command_appear_together_or_not_at_all(tmp_path, monkeypatch):
    import vanban._files as files

    first, second = tmp_path / "a.docx", tmp_path / "a.yaml"
    first.write_bytes(b"old docx")
    real = os.replace
    calls = []

    def failing(src, dst):
        calls.append(dst)
        if Path(dst) == second:
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(files.os, "replace", failing)
    with pytest.raises(vanban.WriteError, match="không ghi được"):
        vanban.write_all({first: b"new docx", second: b"new yaml"})
    monkeypatch.setattr(files.os, "replace", real)
    assert first.read_bytes() == b"old docx" and not second.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.docx"]


def test_a_write_error_is_exit_1_with_a_message(tmp_path):
    blocker = tmp_path / "khong-phai-thu-muc"
    blocker.write_text("x", encoding="utf-8")
    code, _, stderr = attack("render", str(EXAMPLE), "-o", str(blocker / "kh.docx"))
    assert code == 2 and "không tồn tại" in stderr  # the folder is checked first
    folder = tmp_path / "la-thu-muc.docx"
    folder.mkdir()
    code, _, stderr = attack("render", str(EXAMPLE), "-o", str(folder))
    assert code == 1 and "là thư mục" in stderr


def _batch_folder(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "vao"
    folder.mkdir()
    text = EXAMPLE.read_text(encoding="utf-8")
    for number in range(count):
        (folder / f"kh-{number:03d}.yaml").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_stops_a_batch_within_a_second(tmp_path):
    folder = _batch_folder(tmp_path, 4000)
    process = subprocess.Popen(
        [sys.executable, "-m", "vanban", "render", str(folder), "--out-dir", str(tmp_path / "ra"), "-j", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(2.5)
    sent = time.monotonic()
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=20)
    assert time.monotonic() - sent < 1.5
    assert process.returncode == 130 and "Đã dừng" in stderr and "Traceback" not in stderr
    assert not list((tmp_path / "ra").glob(".*tmp*"))


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_workers_die_with_their_parent(tmp_path):
    folder = _batch_folder(tmp_path, 4000)
    process = subprocess.Popen(
        [sys.executable, "-m", "vanban", "render", str(folder), "--out-dir", str(tmp_path / "ra"), "-j", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(2.5)
    children = [int(p) for p in Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()]
    assert children
    process.kill()
    process.wait()
    time.sleep(1.5)
    alive = [pid for pid in children if Path(f"/proc/{pid}").exists() and "zombie" not in _state(pid)]
    assert not alive


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/status").read_text().split("State:")[1].split("\n")[0].lower()
    except (OSError, IndexError):
        return "zombie"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_pdf_timeout_leaves_no_libreoffice_behind(tmp_path, example_plan):
    import tempfile

    from vanban import _pdf as pdf

    source = vanban.render(example_plan, tmp_path / "kh.docx")
    before = set(Path(tempfile.gettempdir()).glob("vanban-pdf-*"))
    with pytest.raises(vanban.RenderError, match="không xuất xong PDF"):
        pdf.to_pdf([source], tmp_path, timeout=0.3)
    time.sleep(0.5)
    left = subprocess.run(["pgrep", "-f", "vanban-pdf-"], capture_output=True, text=True).stdout.split()
    assert not left
    assert set(Path(tempfile.gettempdir()).glob("vanban-pdf-*")) == before


# --- DOCX details ------------------------------------------------------------------------------------
def test_a_doctype_after_a_long_comment_is_refused(tmp_path):
    document = b'<?xml version="1.0"?><!--' + b"x" * 70_000 + b'--><!DOCTYPE w:document [<!ENTITY a "b">]>'
    xml = vanban.render_bytes(vanban.load(EXAMPLE))
    with zipfile.ZipFile(io.BytesIO(xml)) as package:
        body = package.read("word/document.xml")
    source = tmp_path / "dtd.docx"
    source.write_bytes(docx_with(replace={"word/document.xml": document + body.split(b"?>", 1)[1]}))
    code, _, stderr = attack("check", str(source))
    assert code == 2 and "DTD" in stderr


def test_auto_and_nonsense_measures_in_fix(tmp_path):
    xml = vanban.render_bytes(vanban.load(EXAMPLE))
    with zipfile.ZipFile(io.BytesIO(xml)) as package:
        body = package.read("word/document.xml")
    body = body.replace(b'w:left="1701"', b'w:left="auto"', 1).replace(b'w:top="1134"', b'w:top="1e999"', 1)
    source = tmp_path / "auto.docx"
    source.write_bytes(docx_with(replace={"word/document.xml": body}))
    code, stdout, _ = attack("check", str(source), "--fix", "-o", str(tmp_path / "ra.docx"))
    assert code in (0, 1) and "Đã sửa" in stdout


def test_fix_does_not_copy_hostile_member_names(tmp_path):
    data = docx_with(add={"../../evil.txt": b"x", "/abs.txt": b"x", "C:\\win.txt": b"x"})
    out = io.BytesIO(data)
    with warnings.catch_warnings(), zipfile.ZipFile(out, "a") as package:
        warnings.simplefilter("ignore")
        package.writestr("word/document.xml", b"<duplicate/>")  # a second member with the same name
    data = out.getvalue()
    source = tmp_path / "hostile.docx"
    source.write_bytes(data)
    code, _, stderr = attack("check", str(source), "--fix", "-o", str(tmp_path / "ra.docx"))
    assert code in (0, 1), stderr
    names = zipfile.ZipFile(tmp_path / "ra.docx").namelist()
    assert len(names) == len(set(names)) and not [n for n in names if ".." in n or n.startswith("/") or "\\" in n]


def test_a_hundred_thousand_paragraphs(tmp_path):
    body = b"".join(b"<w:p><w:r><w:t>%d</w:t></w:r></w:p>" % i for i in range(100_000))
    xml = vanban.render_bytes(vanban.load(EXAMPLE))
    with zipfile.ZipFile(io.BytesIO(xml)) as package:
        document = package.read("word/document.xml")
    document = document.replace(b"<w:body>", b"<w:body>" + body, 1)
    source = tmp_path / "dai.docx"
    source.write_bytes(docx_with(replace={"word/document.xml": document}))
    code, _, stderr = attack("check", str(source), "--fix", "-o", str(tmp_path / "ra.docx"))
    assert code == 2 and "quá lớn" in stderr


# --- found by a second attack review ---------------------------------------------------------------
@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links and FIFOs")
def test_an_output_that_is_a_link_to_a_device_is_replaced_not_written_through(tmp_path):
    plan = tmp_path / "k.yaml"
    plan.write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "thay-doi.md").symlink_to("/dev/zero")
    code, _, stderr = attack(
        "next-year", str(plan), "-o", str(tmp_path / "ny.yaml"), "--thay-doi", str(tmp_path / "thay-doi.md")
    )
    assert code == 0, stderr
    assert not (tmp_path / "thay-doi.md").is_symlink() and (tmp_path / "thay-doi.md").stat().st_size < 100_000
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file, no backup left


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs")
def test_a_pipe_where_an_output_goes_is_refused_at_once(tmp_path):
    os.mkfifo(tmp_path / "bc.yaml")
    code, _, stderr = attack("report", str(EXAMPLE), "--ky", "quý I", "-o", str(tmp_path / "bc.docx"), seconds=5)
    assert code == 2 and "bc.yaml" in stderr and not (tmp_path / "bc.docx").exists()
    os.mkfifo(tmp_path / "x.docx")
    code, _, stderr = attack("render", str(EXAMPLE), "-o", str(tmp_path / "x.docx"), seconds=5)
    assert code == 1 and "không phải tệp thông thường" in stderr


def test_a_batch_never_writes_over_its_template(tmp_path):
    from vanban._templates import template_path

    folder = tmp_path / "ra"
    folder.mkdir()
    template = folder / "ke-hoach.docx"
    template.write_bytes(template_path("KH").read_bytes())
    plan = tmp_path / "ke-hoach.yaml"
    plan.write_bytes(EXAMPLE.read_bytes())
    before = template.read_bytes()
    code, _, stderr = attack("render", str(plan), "--out-dir", str(folder), "--template", str(template))
    assert code == 2 and "trùng với tệp vào" in stderr and template.read_bytes() == before


def test_pdf_never_writes_over_its_input(tmp_path, example_plan):
    source = tmp_path / "van-ban.pdf"
    source.write_bytes(vanban.render_bytes(example_plan))  # a DOCX that a clerk named .pdf
    before = source.read_bytes()
    code, _, stderr = attack("pdf", str(source))
    assert code == 2 and "trùng với tệp vào" in stderr and source.read_bytes() == before


def test_workers_are_no_more_than_the_files_and_the_processors(monkeypatch, tmp_path):
    from vanban import _batch

    asked: list[int] = []

    class Recording(_batch.ProcessPoolExecutor):
        def __init__(self, max_workers: int, **options: object) -> None:
            asked.append(max_workers)
            super().__init__(max_workers=max_workers, **options)

    monkeypatch.setattr(_batch, "ProcessPoolExecutor", Recording)
    files = []
    for name in ("a", "b", "c"):
        files.append(tmp_path / f"{name}.yaml")
        files[-1].write_bytes(EXAMPLE.read_bytes())
    results = vanban.render_batch(files, tmp_path / "ra", jobs=3000)
    assert all(r.ok for r in results)
    assert asked in ([], [min(3, os.cpu_count() or 1)]) and (asked or (os.cpu_count() or 1) == 1)


@pytest.mark.parametrize(
    "jinja",
    [
        "{{ ('x'|center(2000000000))|length }}",
        "{{ '{:>1500000000}'.format(1)|length }}",
        "{{ ('a' * 40000)|replace('a', 'a' * 40000)|length }}",
        "{{ lipsum(300000, False, 100, 101)|length }}",
        "{% set s = namespace(x='ab') %}{% for i in range(40) %}{% set s.x = s.x ~ s.x %}{% endfor %}{{ s.x|length }}",
        "{{ ('a\\nb' * 1000)|indent(2000000) }}",
    ],
    ids=["center", "format-width", "replace-growth", "lipsum", "tilde-doubling", "indent"],
)
def test_a_template_cannot_build_a_huge_string(tmp_path, jinja):
    template = _template(tmp_path, jinja)
    code, _, stderr = attack("render", str(EXAMPLE), "-o", str(tmp_path / "x.docx"), "--template", str(template))
    assert code == 2 and "tệp mẫu" in stderr and not (tmp_path / "x.docx").exists()


def test_a_long_agency_name_is_refused_quickly(tmp_path):
    plan = tmp_path / "k.yaml"
    plan.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("ten: Sở Khoa học và Công nghệ", "ten: Sở " + "Khoa " * 1000, 1),
        encoding="utf-8",
    )
    code, _, stderr = attack("render", str(plan), "-o", str(tmp_path / "k.docx"), seconds=5)
    assert code == 2 and "co_quan.ten" in stderr and "dài hơn" in stderr


def test_breaking_a_long_line_is_fast():
    started = time.monotonic()
    lines = vanban.text.ngat_dong("SỞ " + "KHOA " * 3000, lambda s: len(s) <= 40)
    assert time.monotonic() - started < 1 and all(len(line) <= 40 for line in lines)


def _styled_docx(styles: bytes, body: bytes, numbering: bytes | None = None) -> bytes:
    """A DOCX of the example's package with these styles, body paragraphs and numbering."""
    w = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = b"<w:document " + w + b"><w:body>" + body + b"</w:body></w:document>"
    replace = {"word/styles.xml": b"<w:styles " + w + b">" + styles + b"</w:styles>", "word/document.xml": document}
    add = {}
    if numbering is not None:
        add["word/numbering.xml"] = b"<w:numbering " + w + b">" + numbering + b"</w:numbering>"
    data = docx_with(replace=replace, add=add)
    if numbering is None:
        return data
    rel = (
        b'<Relationship Id="rIdNum" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"'
        b' Target="numbering.xml"/></Relationships>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            content = zin.read(item.filename)
            if item.filename == "word/_rels/document.xml.rels":
                content = content.replace(b"</Relationships>", rel)
            zout.writestr(item.filename, content)
    return out.getvalue()


def test_a_long_chain_of_styles_with_numbering(tmp_path):
    styles = b"".join(
        b'<w:style w:type="paragraph" w:styleId="s%d"><w:basedOn w:val="s%d"/></w:style>' % (n, n + 1)
        for n in range(5000)
    )
    body = b'<w:p><w:pPr><w:pStyle w:val="s0"/></w:pPr><w:r><w:t>x</w:t></w:r></w:p>' * 5000
    source = tmp_path / "chain.docx"
    source.write_bytes(_styled_docx(styles, body, numbering=b""))
    for command in (["check", str(source)], ["parse", str(source), "-o", str(tmp_path / "c.yaml")]):
        code, _, stderr = attack(*command)
        assert code in (1, 2)


def test_every_paragraph_with_its_own_numbering(tmp_path):
    numbering = b"".join(
        b'<w:abstractNum w:abstractNumId="%d"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%%1."/>'
        b'</w:lvl></w:abstractNum><w:num w:numId="%d"><w:abstractNumId w:val="%d"/></w:num>' % (n, n + 1, n)
        for n in range(19000)
    )
    body = b"".join(
        b'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="%d"/></w:numPr></w:pPr><w:r><w:t>m</w:t></w:r></w:p>'
        % (n + 1)
        for n in range(19000)
    )
    source = tmp_path / "nums.docx"
    source.write_bytes(_styled_docx(b"", body, numbering=numbering))
    code, stdout, stderr = attack("check", str(source))
    assert code in (1, 2) and "chỗ khác cùng mã" in stdout  # 19,000 findings of one rule: 20 shown, the rest counted


def test_xml_parts_larger_than_a_document_needs(tmp_path):
    source = tmp_path / "big.docx"
    filler = b"<w:x/>" * 4_500_000  # 27 MB of XML, over the 24 MB a part may have
    header = b'<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' + filler + b"</w:hdr>"
    source.write_bytes(docx_with(replace={"word/header1.xml": header}))
    code, _, stderr = attack("check", str(source))
    assert code == 2 and "quá lớn" in stderr and "big.docx" in stderr


def test_too_many_tables(tmp_path):
    body = b"<w:tbl/>" * 6000 + b"<w:p/>"
    source = tmp_path / "tables.docx"
    source.write_bytes(_styled_docx(b"", body))
    code, _, stderr = attack("check", str(source))
    assert code == 2 and "bảng" in stderr


def test_a_list_longer_than_any_document_needs(tmp_path):
    plan = tmp_path / "k.yaml"
    plan.write_text(EXAMPLE.read_text(encoding="utf-8") + "dong_cuoi:\n" + "  - a\n" * 20_001, encoding="utf-8")
    code, _, stderr = attack("render", str(plan), "-o", str(tmp_path / "k.docx"), seconds=8)
    assert code == 2 and "dong_cuoi" in stderr and "quá 20000" in stderr


def test_spaces_in_a_number_do_not_stall_the_reader(tmp_path):
    plan = tmp_path / "k.yaml"
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        "so_ky_hieu: 19/KH-SKHCN", 'so_ky_hieu: "19' + "\u00a0" * 80_000 + 'x"'
    )
    plan.write_text(text, encoding="utf-8")
    code, _, stderr = attack("render", str(plan), "-o", str(tmp_path / "k.docx"), seconds=3)
    assert code == 2 and "so_ky_hieu" in stderr and len(stderr) < 2000  # the 80,000 spaces are not echoed


def test_a_text_with_very_many_commas_or_lines(tmp_path):
    head = "SỞ A\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 1/KH-SA\nA, ngày 1 tháng 1 năm 2025\nKẾ HOẠCH\nViệc A năm 2025\n"
    commas = tmp_path / "phay.txt"
    commas.write_text(head + "Căn cứ " + "a, " * 200_000 + "x:\n", encoding="utf-8")
    code, _, stderr = attack("parse", str(commas), "-o", str(tmp_path / "p.yaml"), seconds=8)
    assert code == 0, stderr
    lines = tmp_path / "dong.txt"
    lines.write_text(head + "a\n" * 30_000, encoding="utf-8")
    code, _, stderr = attack("parse", str(lines), "-o", str(tmp_path / "q.yaml"), seconds=8)
    assert code == 2 and "dong.txt" in stderr and "dòng" in stderr


def _sheet(tmp_path: Path, name: str, extra: dict[str, bytes]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["nhiem_vu", "trang_thai"])
    book.active.append([1, "đang thực hiện"])
    plain = io.BytesIO()
    book.save(plain)
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item.filename, extra.pop(item.filename, zin.read(item.filename)))
        for member, data in extra.items():
            zout.writestr(member, data)
    path = tmp_path / name
    path.write_bytes(out.getvalue())
    return path


@pytest.mark.parametrize(
    "member, data",
    [
        ("xl/worksheets/sheet2.XML", b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><x>&e;</x>'),
        ("xl/extra.bin", b"<!--" + os.urandom(2_300_000).hex().encode() + b'--><!DOCTYPE x [<!ENTITY e "boom">]>'),
    ],
    ids=["upper-case-name", "after-4-MB"],
)
def test_an_entity_anywhere_in_a_sheet_is_refused(tmp_path, member, data):
    sheet = _sheet(tmp_path, "tien-do.xlsx", {member: data})
    code, _, stderr = attack(
        "report", str(EXAMPLE), "--ky", "quý I", "--tien-do", str(sheet), "-o", str(tmp_path / "bc.docx")
    )
    assert code == 2 and "DTD" in stderr and "tien-do.xlsx" in stderr


@pytest.mark.skipif(sys.platform == "win32" or shutil.which("soffice") is None, reason="signals, LibreOffice")
def test_sigterm_ends_libreoffice_and_cleans_up(tmp_path, example_plan):
    import tempfile

    sources = [str(vanban.render(example_plan, tmp_path / f"kh-{n}.docx")) for n in range(12)]
    before = set(Path(tempfile.gettempdir()).glob("vanban-pdf-*"))
    process = subprocess.Popen(
        [sys.executable, "-m", "vanban", "pdf", *sources], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    time.sleep(0.8)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=20)
    time.sleep(0.5)
    assert process.returncode == 143 and "Đã dừng" in stderr and "Traceback" not in stderr
    assert not subprocess.run(["pgrep", "-f", "vanban-pdf-"], capture_output=True, text=True).stdout.split()
    assert set(Path(tempfile.gettempdir()).glob("vanban-pdf-*")) == before


def test_paths_the_system_refuses_get_a_vietnamese_message(tmp_path):
    (tmp_path / "tep").write_text("x")
    for args, words in (
        (["render", str(EXAMPLE), "--out-dir", str(tmp_path / "tep")], "cần một thư mục"),
        (["render", str(EXAMPLE), "--out-dir", str(tmp_path / "tep" / "con")], "là tệp, không phải thư mục"),
        (["render", str(tmp_path / ("a" * 300 + ".yaml")), "-o", str(tmp_path / "x.docx")], "tên tệp quá dài"),
    ):
        code, _, stderr = attack(*args)
        assert code == 2 and words in stderr, stderr
    if sys.platform != "win32":
        (tmp_path / "l1.yaml").symlink_to(tmp_path / "l2.yaml")
        (tmp_path / "l2.yaml").symlink_to(tmp_path / "l1.yaml")
        code, _, stderr = attack("render", str(tmp_path / "l1.yaml"), "-o", str(tmp_path / "x.docx"))
        assert code == 2 and "vòng" in stderr


@pytest.mark.parametrize(
    "content, words",
    [
        ("nam: 2024\nnam: 2025\n", "hai lần"),
        ("ngay_ban_hanh: 2024-01-31T10:11:12\n", "không kèm giờ"),
        ("nam: true\n", "true/false"),
    ],
    ids=["duplicate-key", "datetime", "boolean-year"],
)
def test_yaml_mistakes_are_told_in_vietnamese(tmp_path, content, words):
    plan = tmp_path / "k.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.startswith(("nam:", "ngay_ban_hanh:")))
    plan.write_text(text + "\n" + content, encoding="utf-8")
    code, _, stderr = attack("render", str(plan), "-o", str(tmp_path / "k.docx"))
    assert code == 2 and words in stderr and "k.yaml" in stderr


def test_an_empty_period_is_a_mistake(tmp_path):
    code, _, stderr = attack("report", str(EXAMPLE), "--ky", "", "-o", str(tmp_path / "bc.docx"))
    assert code == 2 and "kỳ báo cáo trống" in stderr


def test_misused_functions_say_so_in_vietnamese(example_plan, tmp_path):
    with pytest.raises(vanban.InputError, match="không phải tệp Word"):
        vanban.parse(b"\xff\xfe\x00abc")
    with pytest.raises(vanban.InputError, match="ke_hoach"):
        vanban.json_schema(None)
    with pytest.raises(vanban.InputError, match="kỳ báo cáo trống"):
        vanban.KyBaoCao.from_words(None, 2024)
    broken = example_plan.model_copy(deep=True)
    broken.nhiem_vu.append(123)  # a list changed in place is not checked by pydantic
    with pytest.raises(vanban.InputError, match="nhiem_vu.6"):
        vanban.save(broken, tmp_path / "k.yaml")
    with pytest.raises(vanban.InputError, match="nhiem_vu.6"):
        vanban.render_bytes(broken)
    assert not (tmp_path / "k.yaml").exists()
