"""Reading plans back: our own output, the seed text, a LibreOffice DOCX typed by hand, the real corpus."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from conftest import EXAMPLE, SEED
from test_cli import call
from test_render_data import grouped_plan

import vanban
from vanban import Bang, Khoan
from vanban._errors import InputError
from vanban._parse import parse_citation, parse_detailed, targets_in

CORPUS = Path(__file__).parent / "data" / "corpus"
FIRST_SIX = (
    "baocao-sctlaocai-2026-1",
    "baocao-ubndlamdong-2026-1",
    "kehoach-mttqluongminh-2025-1",
    "kehoach-sctlaocai-2026-4",
    "kehoach-thptcaolanh2-2026-1",
    "kehoach-ubndlamdong-2026-1",
)


@pytest.fixture(scope="module")
def example():
    return vanban.load(EXAMPLE)


def test_our_own_output_reads_back_exactly(example):
    result = parse_detailed(vanban.render_bytes(example))
    assert result.model == example
    assert result.notes == [] and result.confidence == 1.0


def test_grouped_plan_with_appendix_reads_back_exactly():
    plan = grouped_plan()
    assert vanban.parse(vanban.render_bytes(plan)) == plan


@pytest.mark.parametrize(
    ("period", "progress", "kinh_gui"),
    [
        ("quý I", ["tien-do-quy-I-2024.yaml"], ["UBND tỉnh"]),
        (
            "6 tháng đầu năm",
            ["tien-do-quy-I-2024.yaml", "tien-do-quy-II-2024.csv"],
            ["UBND tỉnh", "Bộ Khoa học và Công nghệ"],
        ),
        ("năm", ["tien-do-quy-I-2024.yaml", "tien-do-quy-II-2024.csv"], []),
        ("quý II", [], ["UBND tỉnh"]),
    ],
)
def test_report_reads_back_exactly(period, progress, kinh_gui):
    """Per-task results, status, targets reached (with the annual verdict), lead units from the appendix, sections."""
    from vanban._derive import draft_report

    data = [item for name in progress for item in vanban.load_progress(EXAMPLE.with_name(name))]
    report = draft_report(vanban.load(EXAMPLE), period, data, kinh_gui=kinh_gui)
    result = parse_detailed(vanban.render_bytes(report))
    assert result.model == report
    assert result.notes == [] and result.confidence == 1.0


def test_hand_written_report_text():
    """A report typed by hand: results written its own way stay as written (titled khoản, no label added), an
    unknown section is kept, the period is the one reported on."""
    text = """UBND HUYỆN A
PHÒNG GIÁO DỤC VÀ ĐÀO TẠO
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 12/BC-PGDĐT
Huyện A, ngày 05 tháng 7 năm 2025
BÁO CÁO
Kết quả thực hiện kế hoạch 6 tháng đầu năm 2025 và phương hướng 6 tháng cuối năm 2025

I. KẾT QUẢ ĐẠT ĐƯỢC
Nhìn chung các nhiệm vụ được triển khai đúng tiến độ.
1. Nâng cao chất lượng dạy học
- Tình trạng: Đang thực hiện
- Tổ chức 03 chuyên đề cấp huyện.
2. Chuyển đổi số & <quản lý> hồ sơ
- Triển khai sổ điểm điện tử ở 100% trường.
II. KHÓ KHĂN, VƯỚNG MẮC
- Thiếu giáo viên tin học.
III. ĐÁNH GIÁ CHUNG
Cơ bản hoàn thành.
IV. PHƯƠNG HƯỚNG 6 THÁNG CUỐI NĂM
- Tiếp tục chuyển đổi số.

Nơi nhận:
- UBND huyện;
- Lưu: VT.
TRƯỞNG PHÒNG
Nguyễn Văn B
"""
    result = parse_detailed(text)
    report = result.model
    assert report.LOAI == "BC" and str(report.ky) == "6 tháng đầu năm 2025"
    assert report.ket_qua == []  # not written as vanban writes a task's result: kept as written
    assert report.tong_quan == [
        "Nhìn chung các nhiệm vụ được triển khai đúng tiến độ.",
        Khoan(
            tieu_de="Nâng cao chất lượng dạy học",
            doan=["- Tình trạng: Đang thực hiện", "- Tổ chức 03 chuyên đề cấp huyện."],
        ),
        Khoan(tieu_de="Chuyển đổi số & <quản lý> hồ sơ", doan=["- Triển khai sổ điểm điện tử ở 100% trường."]),
    ]
    assert [(m.tieu_de, m.sau, m.noi_dung) for m in report.muc_khac] == [
        ("ĐÁNH GIÁ CHUNG", "ton_tai", ["Cơ bản hoàn thành."])
    ]
    assert report.ton_tai == ["Thiếu giáo viên tin học."] and report.nhiem_vu_tiep_theo == ["Tiếp tục chuyển đổi số."]
    assert report.tieu_de.ton_tai == "KHÓ KHĂN, VƯỚNG MẮC" and not report.phu_luc
    assert any(note.text == "ĐÁNH GIÁ CHUNG" and "muc_khac" in note.reason and not note.guess for note in result.notes)
    rendered = vanban.render_bytes(report)
    assert vanban.parse(rendered) == report
    from docx_xml import Docx

    lines = Docx(rendered).text_lines()
    assert not any("Nhiệm vụ 1" in line or "[Bổ sung" in line for line in lines)
    assert "1. Nâng cao chất lượng dạy học" in lines and "- Tình trạng: Đang thực hiện" in lines


def test_seed_text_gives_the_example_but_for_the_two_assumed_lines(example):
    result = parse_detailed(SEED.read_text(encoding="utf-8"))
    expected = example.model_copy(
        update={
            "co_quan": example.co_quan.model_copy(update={"chu_quan": []}),  # assumed in the example
            "nguoi_ky": result.model.nguoi_ky,  # assumed in the example
        }
    )
    assert result.model == expected
    assert result.model.nguoi_ky.ho_ten == "Nguyễn Thị Hà"
    assert {note.where for note in result.notes} == {"cơ quan ban hành", "người ký"}


HEADER = (
    "UBND TỈNH LẠNG SƠN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "SỞ KHOA HỌC VÀ CÔNG NGHỆ\tĐộc lập - Tự do - Hạnh phúc\n"
    "Số: 19/KH-SKHCN\tLạng Sơn, ngày 31 tháng 01 năm 2024\n"
)


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) chưa cài: chạy scripts/setup.sh --test")
def test_seed_typed_by_hand_in_libreoffice(example, tmp_path):
    seed = SEED.read_text(encoding="utf-8").replace("*", "")
    seed = re.sub(r"^\s*Số: 19/KH-SKHCN\s*Lạng Sơn, ngày 31 tháng 01 năm 2024\s*", HEADER + "\n", seed)
    seed = seed.replace("- Lưu: VT, KH&QLCN.\n", "- Lưu: VT, KH&QLCN.\nGIÁM ĐỐC\n")
    source = tmp_path / "ke-hoach.txt"
    source.write_text(seed, encoding="utf-8")
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--infilter=Text (encoded):UTF8,LF,,,",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    parsed = vanban.parse(tmp_path / "ke-hoach.docx")
    assert parsed == example


def _seed_with_header() -> str:
    seed = SEED.read_text(encoding="utf-8")
    seed = re.sub(
        r"^\s*Số: 19/KH-SKHCN\s*Lạng Sơn, ngày 31 tháng 01 năm 2024\s*",
        "UBND TỈNH LẠNG SƠN\nSỞ KHOA HỌC VÀ CÔNG NGHỆ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 19/KH-SKHCN\nLạng Sơn, ngày 31 tháng 01 năm 2024\n\n",
        seed,
    )
    return seed.replace("- Lưu: VT, KH&QLCN.\n", "- Lưu: VT, KH&QLCN.\nGIÁM ĐỐC\n")


def test_text_with_the_hand_made_header(example):
    assert vanban.parse(_seed_with_header()) == example


@pytest.mark.parametrize(
    "written, loai, so, co_quan, trich_yeu",
    [
        (
            "Căn cứ Quyết định số 145/QĐ-UBND ngày 20/01/2024 của UBND tỉnh Lạng Sơn về việc phê duyệt nhiệm vụ;",
            "Quyết định",
            "145/QĐ-UBND",
            "UBND tỉnh Lạng Sơn",
            "về việc phê duyệt nhiệm vụ",
        ),
        (
            "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ ban hành Chương trình tổng thể",
            "Nghị quyết",
            "76/NQ-CP",
            "Chính phủ",
            "ban hành Chương trình tổng thể",
        ),
        (
            "Thực hiện Chỉ thị số 23/CT-TTg ngày 02/9/2021 của Thủ tướng Chính phủ về đẩy mạnh",
            "Chỉ thị",
            "23/CT-TTg",
            "Thủ tướng Chính phủ",
            "về đẩy mạnh",
        ),
    ],
)
def test_citations(written, loai, so, co_quan, trich_yeu):
    cited = parse_citation(written).van_ban
    assert (cited.loai, cited.so_ky_hieu, cited.co_quan, cited.trich_yeu) == (loai, so, co_quan, trich_yeu)


def test_a_citation_that_does_not_fit_stays_whole():
    text = "Căn cứ Luật Bầu cử đại biểu Quốc hội số 85/2015/QH13, ngày 25/6/2015 và được sửa đổi, bổ sung"
    cited = parse_citation(text)
    assert cited.van_ban is None and cited.dan_nhap == "Căn cứ" and str(cited) == text


@pytest.mark.parametrize(
    "result, expected",
    [
        ("15 Doanh nghiệp, Hợp tác xã được cấp giấy chứng nhận", [(15, "Doanh nghiệp, Hợp tác xã")]),
        ("03 Dự án/ý tưởng khởi nghiệp được hỗ trợ", [(3, "Dự án/ý tưởng khởi nghiệp")]),
        ("25 mô hình ứng dụng tiến bộ kỹ thuật", [(25, "mô hình")]),
        ("Báo cáo khoa học về thực trạng", []),
    ],
)
def test_targets_in_result_text(result, expected):
    assert [(t.so_luong, t.don_vi) for t in targets_in(result)] == expected


def test_corpus_plans_read_with_their_tasks():
    """Pinned from the real plans (tests/data/corpus), checked by hand against the documents."""
    mttq = vanban.parse(CORPUS / "kehoach-mttqluongminh-2025-1.docx")
    assert mttq.so_ky_hieu.ky_hieu == "KH-MTTQ-BTT" and mttq.nam == 2025
    assert [len(area.nhiem_vu) for area in mttq.linh_vuc] == [3, 3, 4, 2, 2, 2, 2]
    first = mttq.linh_vuc[0].nhiem_vu[0]
    assert first.ten.startswith("Xây dựng và ban hành Hướng dẫn của Ban Thường trực")
    assert first.chu_tri == "Đồng chí Phó chủ tịch Thường trực, phụ trách lĩnh vực Giám sát và Phản biện xã hội"
    assert str(first.thoi_gian).startswith("Dự kiến tháng 11/2025")
    assert first.ket_qua == "Dự thảo Hướng dẫn trình Ban Thường trực ban hành."
    assert str(mttq.linh_vuc[1].nhiem_vu[0].thoi_gian) == "Quý IV/2025 và Quý I/2026"
    assert mttq.nguoi_ky.chuc_vu == ["TM. BAN THƯỜNG TRỰC", "CHỦ TỊCH"]

    lam_dong = vanban.parse(CORPUS / "kehoach-ubndlamdong-2026-1.docx")
    assert [area.ten for area in lam_dong.linh_vuc][:2] == ["Cải cách thể chế", "Cải cách thủ tục hành chính"]
    assert [len(area.muc_tieu) for area in lam_dong.linh_vuc] == [5, 9, 5, 4, 6, 14, 0]
    table = lam_dong.phu_luc.nhom
    assert [len(group.nhiem_vu) for group in table] == [4, 12, 5, 4, 6, 11, 7]
    task = table[0].nhiem_vu[1]
    assert task.ten.startswith("Định kỳ thực hiện việc công bố danh mục")
    assert task.chu_tri == "Sở Tư pháp; UBND các xã, phường, đặc khu" and task.theo_doi == "Sở Tư pháp"
    assert str(task.thoi_gian) == "Trước ngày 31/01 năm liền kề"
    times = [str(t.thoi_gian) for group in table for t in group.nhiem_vu]
    assert "Ban hành kế hoạch chậm nhất là ngày 31/12/2025 và tổ chức mở lớp theo kế hoạch đề ra." in times
    assert len(lam_dong.tat_ca_nhiem_vu) == 49  # the report on this plan counts 49 tasks

    sct = vanban.parse(CORPUS / "kehoach-sctlaocai-2026-4.docx")
    assert len(sct.nhiem_vu) == 6 and sct.nhan.nhiem_vu is None
    assert sct.nhiem_vu[0].ten.startswith("Phối hợp với Sở Xây dựng, Ủy ban nhân dân cấp xã")
    assert sct.trinh_bay_can_cu == "gop_mo_dau" and sct.can_cu[0].van_ban.so_ky_hieu == "235/QĐ-TTg"

    school = parse_detailed(CORPUS / "kehoach-thptcaolanh2-2026-1.docx")
    assert len(school.model.nhiem_vu) == 5 and school.model.nguoi_ky.chuc_vu == ["KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG"]
    kept = school.model.muc_khac[0]
    assert kept.tieu_de == "THỜI GIAN, HÌNH THỨC VÀ THÀNH PHẦN THAM DỰ" and kept.sau == "nhiem_vu"
    assert any(n.where.startswith("mục «THỜI GIAN") and not n.guess for n in school.notes)  # kept on purpose
    assert school.model.nam == 2025 and school.model.den_nam == 2026  # năm học 2025 - 2026


def test_real_reports():
    """Lâm Đồng's quý I report: results by area kept as its titled khoản, its own sections, and its appendix (a
    title page, then seven statistics forms each a landscape table) kept as appendices with tables."""
    result = parse_detailed(CORPUS / "baocao-ubndlamdong-2026-1.docx")
    report = result.model
    assert str(report.ky) == "quý I năm 2026"
    assert report.ket_qua == []
    assert [k.tieu_de for k in report.tong_quan if isinstance(k, Khoan)][:3] == [
        "Cải cách thể chế",
        "Cải cách thủ tục hành chính",
        "Cải cách tổ chức bộ máy",
    ]
    assert report.muc_khac == []
    assert report.tieu_de.chi_dao == "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CCHC" and report.tieu_de.ton_tai == "ĐÁNH GIÁ CHUNG"
    assert [k.tieu_de for k in report.ton_tai if isinstance(k, Khoan)] == [
        "Mặt tích cực",
        "Những tồn tại, hạn chế, nguyên nhân",
    ]
    assert report.tieu_de.nhiem_vu_tiep_theo == "PHƯƠNG HƯỚNG, NHIỆM VỤ CCHC QUÝ II NĂM 2026"
    assert not report.phu_luc
    labels = [p.nhan for p in report.phu_luc_khac]
    assert labels == ["Phụ lục", *(f"Biểu mẫu {n}" for n in range(1, 8))]  # "PHỤ LỤC" written as the decree has it
    forms = report.phu_luc_khac[1:]
    assert all(p.ngang for p in report.phu_luc_khac) and all(isinstance(x, Bang) for p in forms for x in p.noi_dung)
    first = forms[0].noi_dung[0]
    assert [cell.chu for cell in first.hang[0]][:2] == [
        "STT",
        "Chỉ tiêu thống kê (Sử dụng trong kỳ báo cáo hàng quý, 6 tháng, năm)",
    ]
    assert sum(1 for note in result.notes if note.where == "chú thích cuối trang") == 1 and len(report.chu_thich) == 6
    from docx_xml import Docx, q

    rendered = vanban.render_bytes(report)
    orients = [size.get(q("orient")) for size in Docx(rendered).xml("word/document.xml").iter(q("pgSz"))]
    assert orients[-1] == "landscape"  # its appendix on landscape pages
    assert len(list(Docx(rendered).xml("word/document.xml").iter(q("tbl")))) >= 2 + 9  # header, signature, forms
    assert not vanban.check(rendered).rules("E") & {"ND30-PL-02", "ND30-PL-03", "ND30-PL-04"}
    lines = Docx(rendered).text_lines()
    assert any(line.startswith("6. Tập trung đẩy nhanh tiến độ giải ngân") for line in lines)
    assert not any(re.match(r"^- \d+\. ", line) for line in lines)  # its own numbers, no dash added before them
    assert vanban.parse(rendered) == report


@pytest.mark.parametrize("path", [CORPUS / f"{n}.docx" for n in FIRST_SIX], ids=lambda p: p.stem)
def test_no_real_document_crashes_and_the_text_survives(path):
    import unicodedata

    from docx_xml import Docx

    def words(line: str) -> str:
        """Text without the numbering and bullets, which are written anew."""
        line = re.sub(r"^(\d+(\.\d+)*\.?|[IVX]+\.|[a-zđ]\))\s+", "", unicodedata.normalize("NFC", line).lstrip("-+ "))
        return " ".join(line.split())

    model = vanban.parse(path)
    rendered = " ".join(words(line) for line in Docx(vanban.render_bytes(model)).text_lines())
    original = [words(line) for line in Docx(path.read_bytes()).text_lines() if len(line.split()) > 6]
    body = [line for line in original if not line.startswith(("|", "Nơi nhận", "Lưu"))]
    missing = [line for line in body if line[:60] not in rendered]
    assert len(missing) <= len(body) // 10, missing[:5]
    assert vanban.parse(vanban.render_bytes(model)) == model  # what was read is read again alike


def test_bad_input():
    with pytest.raises(InputError, match="không tìm thấy tên loại"):
        vanban.parse("Một dòng\nHai dòng\n")
    with pytest.raises(InputError, match="không phải tệp Word"):
        vanban.parse(b"PK\x03\x04 broken")


def test_cli_parse(capsys, tmp_path):
    out = tmp_path / "ke-hoach.yaml"
    code, stdout, _ = call(capsys, "parse", str(CORPUS / "kehoach-thptcaolanh2-2026-1.docx"), "-o", str(out))
    assert code == 0 and "Độ chắc chắn: 100%" in stdout and "chỗ đoán" not in stdout
    assert "Giữ nguyên như văn bản:" in stdout and "THỜI GIAN, HÌNH THỨC" in stdout
    assert vanban.load(out).so_ky_hieu.so == 58
    out = tmp_path / "ke-hoach-2.yaml"
    code, stdout, _ = call(capsys, "parse", str(CORPUS / "kehoach-sctlaocai-2026-4.docx"), "-o", str(out))
    assert code == 0 and "1 chỗ đoán, cần xem lại:" in stdout and "trích yếu không ghi năm" in stdout
    assert "Độ chắc chắn: 100%" not in stdout


def test_confidence_counts_guesses_only():
    """Text kept verbatim on purpose costs nothing; a role inferred without a marker does; so does a year taken
    from the issue date."""
    labelled = parse_detailed(CORPUS / "kehoach-ubndlamdong-2026-1.docx")  # kept sections, typed tasks, no guess
    assert labelled.confidence == 1.0 and not [n for n in labelled.notes if n.guess]
    assert any(not n.guess for n in labelled.notes) or not labelled.notes
    unlabelled = parse_detailed(CORPUS / "kehoach-mttqluongminh-2025-2.docx")
    guesses = [n for n in unlabelled.notes if n.guess]
    assert sum("dòng không nhãn" in n.reason for n in guesses) >= 3
    assert unlabelled.confidence < 0.9
    assert parse_detailed(CORPUS / "kehoach-sctlaocai-2026-4.docx").confidence < 1.0  # year from the issue date


def test_text_the_reader_could_not_place_is_reported(monkeypatch):
    """The reader's own check: if a paragraph of the document ends up nowhere in the model, the notes say which
    words, and the confidence is below 100 %."""
    from vanban import _parse

    original = _parse._Reader.blocks

    def losing_one(self):
        before, body, appendix, after = original(self)
        return before, [item for item in body if "Phối hợp với Sở Xây dựng" not in item.text], appendix, after

    monkeypatch.setattr(_parse._Reader, "blocks", losing_one)
    result = parse_detailed(CORPUS / "kehoach-sctlaocai-2026-4.docx")
    lost = [n for n in result.notes if n.where == "cả văn bản"]
    assert lost and lost[0].guess and int(lost[0].reason.split()[0]) >= 20 and result.confidence <= 0.99


def test_a_table_nested_in_a_cell_keeps_its_words(example):
    """A body table whose cell holds another table: the inner rows stay as lines of the cell, noted."""
    import io
    import zipfile

    from docx_xml import Docx
    from lxml import etree

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    source = zipfile.ZipFile(io.BytesIO(vanban.render_bytes(example)))
    document = etree.fromstring(source.read("word/document.xml"))

    def cell(content: str) -> str:
        return f"<w:tc><w:tcPr><w:tcW w:w='3000' w:type='dxa'/></w:tcPr>{content}</w:tc>"

    def para(text: str) -> str:
        return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"

    inner = f"<w:tbl><w:tblGrid><w:gridCol w:w='1400'/><w:gridCol w:w='1400'/></w:tblGrid><w:tr>{cell(para('Trong một'))}{cell(para('Trong hai'))}</w:tr></w:tbl>"
    outer = f"<w:tbl xmlns:w='{w}'><w:tblGrid><w:gridCol w:w='3000'/><w:gridCol w:w='3000'/></w:tblGrid><w:tr>{cell(para('Ngoài') + inner + para(''))}{cell(para('Bên cạnh'))}</w:tr></w:tbl>"
    anchor = next(p for p in document.iter(f"{{{w}}}p") if "".join(p.itertext()) == example.muc_dich[0])
    anchor.addnext(etree.fromstring(outer))
    result = parse_detailed(_repack(source, {"word/document.xml": etree.tostring(document)}))
    section = result.model.muc_khac[0]  # a table in Mục đích: the section is kept as written, table in place
    assert section.tieu_de == "MỤC ĐÍCH, YÊU CẦU" and section.noi_dung[0].tieu_de == "Mục đích"
    kept = [t for t in section.noi_dung[0].doan if isinstance(t, Bang)]
    assert [[c.doan for c in row] for row in kept[0].hang] == [[["Ngoài", "Trong một | Trong hai"], ["Bên cạnh"]]]
    assert any(n.where == "bảng lồng trong ô" and not n.guess for n in result.notes) and result.confidence == 1.0
    assert "Trong một | Trong hai" in Docx(vanban.render_bytes(result.model)).text_lines()


def _to_tcvn3(data: bytes) -> bytes:
    """Our own output retyped in TCVN3: letters re-encoded, .VnTime fonts, .VnTimeH for capital letters with marks."""
    from vanban.text import _TCVN3

    encode = {unicode: code for code, unicode in _TCVN3.items()}

    def retype(text: str) -> list[tuple[str, str]]:
        pieces = []
        for piece in _chunks(text):
            capital = _marked_capital(piece[0])
            pieces.append(
                (
                    "".join(encode.get(c, c) for c in (piece.lower() if capital else piece)),
                    ".VnTimeH" if capital else ".VnTime",
                )
            )
        return pieces

    return _retype(data, retype)


# VNI-Windows written out by hand: the code after a base letter for each mark (and letters of their own).
_VNI_CODES = {
    "\u0302": "âÂ",
    "\u0306": "êÊ",
    "\u0301": "ùÙ",
    "\u0300": "øØ",
    "\u0309": "ûÛ",
    "\u0303": "õÕ",
    "\u0323": "ïÏ",
    "\u0302\u0301": "áÁ",
    "\u0302\u0300": "àÀ",
    "\u0302\u0309": "åÅ",
    "\u0302\u0303": "ãÃ",
    "\u0302\u0323": "äÄ",
    "\u0306\u0301": "éÉ",
    "\u0306\u0300": "èÈ",
    "\u0306\u0309": "úÚ",
    "\u0306\u0303": "üÜ",
    "\u0306\u0323": "ëË",
}
_VNI_OWN = {
    "đ": "ñ",
    "Đ": "Ñ",
    "ơ": "ô",
    "Ơ": "Ô",
    "ư": "ö",
    "Ư": "Ö",
    "í": "í",
    "Í": "Í",
    "ì": "ì",
    "Ì": "Ì",
    "ỉ": "æ",
    "Ỉ": "Æ",
    "ĩ": "ó",
    "Ĩ": "Ó",
    "ị": "ò",
    "Ị": "Ò",
    "ỵ": "î",
    "Ỵ": "Î",
}


def _vni(text: str) -> str:
    import unicodedata

    out = []
    for char in text:
        if char in _VNI_OWN:
            out.append(_VNI_OWN[char])
            continue
        base, *marks = unicodedata.normalize("NFD", char)
        marks.sort(key=lambda mark: mark not in "\u0302\u0306\u031b")  # the letter's own mark, then the tone
        if base in "oOuU" and "\u031b" in marks:  # ơ, ư with a tone
            marks.remove("\u031b")
            base = _VNI_OWN[unicodedata.normalize("NFC", base + "\u031b")]
        out.append(base + (_VNI_CODES["".join(marks)][char.isupper()] if marks else ""))
    return "".join(out)


def _to_vni(data: bytes) -> bytes:
    """Our own output retyped in VNI-Windows, in VNI-Times."""
    return _retype(data, lambda text: [(_vni(text), "VNI-Times")])


def _retype(data: bytes, retype) -> bytes:
    """The document with the text of each run replaced by runs of ``retype(text)``: (text, font) pairs."""
    import io
    import zipfile

    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    source = zipfile.ZipFile(io.BytesIO(data))
    document = etree.fromstring(source.read("word/document.xml"))
    for run in list(document.iter(f"{w}r")):
        node = run.find(f"{w}t")
        if node is None or not node.text:
            continue
        for text, font in retype(node.text):
            clone = etree.fromstring(etree.tostring(run))
            clone.find(f"{w}t").text = text
            props = clone.find(f"{w}rPr")
            if props is None:
                props = etree.SubElement(clone, f"{w}rPr")
                clone.insert(0, props)
            fonts = props.find(f"{w}rFonts")
            if fonts is None:
                fonts = etree.Element(f"{w}rFonts")
                props.insert(0, fonts)
            for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
                fonts.set(f"{w}{slot}", font)
            run.addprevious(clone)
        run.getparent().remove(run)
    return _repack(source, {"word/document.xml": etree.tostring(document)})


def _repack(source, parts: dict[str, bytes]) -> bytes:
    """The package ``source`` (a ZipFile) with ``parts`` put in place of, or added to, its own."""
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            target.writestr(item, parts.get(item.filename, source.read(item.filename)))
        for name in parts.keys() - set(source.namelist()):
            target.writestr(name, parts[name])
    return out.getvalue()


def _marked_capital(char: str) -> bool:
    """A capital letter TCVN3 only has in its capital fonts (.VnTimeH): one with a Vietnamese mark."""
    import unicodedata

    return char.isupper() and (unicodedata.normalize("NFD", char) != char or char in "ĐĂÂÊÔƠƯ")


def _chunks(text: str) -> list[str]:
    """Split where capital letters with Vietnamese marks start or stop (they need the capital font)."""
    out: list[str] = []
    for char in text:
        if out and _marked_capital(out[-1][-1]) == _marked_capital(char):
            out[-1] += char
        else:
            out.append(char)
    return out


def test_tcvn3_document_is_read_as_unicode(example):
    from docx_xml import Docx

    legacy = _to_tcvn3(vanban.render_bytes(example))
    assert "KÕ HO¹CH" in Docx(legacy).text_lines()
    assert vanban.check(legacy).rules("E") >= {"ND30-PAGE-04"}
    assert vanban.parse(legacy) == example


def test_vni_document_is_read_as_unicode(example):
    from docx_xml import Docx

    assert _vni("Cộng hòa xã hội chủ nghĩa Việt Nam") == "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"
    legacy = _to_vni(vanban.render_bytes(example))
    assert "KEÁ HOAÏCH" in Docx(legacy).text_lines()
    assert vanban.check(legacy).rules("E") >= {"ND30-PAGE-04"}
    assert vanban.parse(legacy) == example


def test_vni_text_is_read_as_unicode(example):
    legacy = _vni(_seed_with_header())
    assert "Quyeát ñònh" in legacy
    assert vanban.parse(legacy) == example


def test_word_numbering_and_bullets_that_are_not_in_the_text():
    """Headings numbered by Word (I., 1.) and • bullets: the numbers come from numbering.xml."""
    import io

    from docx import Document
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    doc = Document()
    numbering = doc.part.numbering_part.element
    numbering.insert(
        0,
        parse_xml(
            f'<w:abstractNum {w} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>'
            '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>'
            "</w:abstractNum>"
        ),
    )
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))

    def add(text: str, level: int | None = None, bold: bool = False) -> None:
        para = doc.add_paragraph()
        para.add_run(text).bold = bold
        if level is not None:
            para._p.get_or_add_pPr().append(
                parse_xml(f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>')
            )

    for line in (
        "SỞ NỘI VỤ\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "\tĐộc lập - Tự do - Hạnh phúc",
        "Số: 05/KH-SNV\tLạng Sơn, ngày 05 tháng 3 năm 2024",
        "KẾ HOẠCH",
        "Cải cách hành chính năm 2024",
        "",
    ):
        add(line)
    add("Sở Nội vụ xây dựng kế hoạch như sau:")
    add("MỤC ĐÍCH, YÊU CẦU", 0, bold=True)
    add("Mục đích", 1, bold=True)
    add("Nâng cao chất lượng phục vụ người dân.")
    add("Yêu cầu", 1, bold=True)
    add("Đúng tiến độ.")
    add("NỘI DUNG THỰC HIỆN", 0, bold=True)
    add("Nhiệm vụ 1: Rà soát thủ tục hành chính", 1, bold=True)
    add("Bộ phận chủ trì tham mưu: Văn phòng Sở.", 2)
    add("Thời gian thực hiện: Quý I, II năm 2024", 2)
    add("Nơi nhận:")
    add("- Lưu: VT, VP.")
    add("GIÁM ĐỐC")
    add("Nguyễn Văn A")
    out = io.BytesIO()
    doc.save(out)
    plan = vanban.parse(out.getvalue())
    assert plan.tieu_de.muc_dich_yeu_cau == "MỤC ĐÍCH, YÊU CẦU" and plan.muc_dich == [
        "Nâng cao chất lượng phục vụ người dân."
    ]
    assert plan.yeu_cau == ["Đúng tiến độ."]
    task = plan.nhiem_vu[0]
    assert (
        task.ten == "Rà soát thủ tục hành chính"
        and task.chu_tri == "Văn phòng Sở."
        and str(task.thoi_gian) == "Quý I, II năm 2024"
    )
    assert (
        plan.co_quan.ten == ["SỞ NỘI VỤ"]
        and str(plan.so_ky_hieu) == "05/KH-SNV"
        and plan.ngay_ban_hanh == date(2024, 3, 5)
    )


def test_footnotes_are_kept_where_they_are_referenced(example):
    """A footnote on the line citing a decision: the line keeps a [^1] mark where the reference was, the note's
    text is the model's first footnote, and the re-render has it as a real footnote again (no words added)."""
    import io
    import zipfile

    from lxml import etree

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    note = "Đã sửa đổi bởi Quyết định số 20/QĐ-UBND ngày 05/3/2024 & <bổ sung>"
    source = zipfile.ZipFile(io.BytesIO(vanban.render_bytes(example)))
    document = etree.fromstring(source.read("word/document.xml"))
    cited = next(p for p in document.iter(f"{{{w}}}p") if "145/QĐ-UBND" in "".join(p.itertext()))
    cited.append(etree.fromstring(f'<w:r xmlns:w="{w}"><w:footnoteReference w:id="1"/></w:r>'))
    footnotes = (
        f'<w:footnotes xmlns:w="{w}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        f'</w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> '
        f"{note.replace('&', '&amp;').replace('<', '&lt;')}</w:t></w:r></w:p></w:footnote></w:footnotes>"
    )
    rels = (
        source.read("word/_rels/document.xml.rels")
        .decode()
        .replace(
            "</Relationships>",
            '<Relationship Id="rIdNote" Target="footnotes.xml" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"/></Relationships>',
        )
    )
    types = (
        source.read("[Content_Types].xml")
        .decode()
        .replace(
            "</Types>",
            '<Override PartName="/word/footnotes.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
        )
    )
    footnoted = _repack(
        source,
        {
            "word/document.xml": etree.tostring(document),
            "word/_rels/document.xml.rels": rels.encode(),
            "[Content_Types].xml": types.encode(),
            "word/footnotes.xml": footnotes.encode(),
        },
    )

    from docx_xml import Docx, q

    result = parse_detailed(footnoted)
    model = result.model
    assert model.chu_thich == [note]
    marked = [str(c) for c in model.can_cu if "[^1]" in str(c)]
    assert len(marked) == 1 and "145/QĐ-UBND" in marked[0] and marked[0].rstrip(";.").endswith("[^1]")
    assert any(n.text == note and not n.guess for n in result.notes)
    rendered = Docx(vanban.render_bytes(model))
    assert "[^1]" not in "\n".join(rendered.text_lines())
    body = rendered.xml("word/document.xml")
    assert [ref.get(q("id")) for ref in body.iter(q("footnoteReference"))] == ["1"]
    notes = rendered.xml("word/footnotes.xml")
    texts = ["".join(t.text or "" for t in fn.iter(q("t"))).strip() for fn in notes.iter(q("footnote"))]
    assert note in texts
    assert vanban.parse(vanban.render_bytes(model)) == model


def test_header_block_in_text_boxes(example):
    """The header typed in two text boxes (agency and number left, motto and date right) instead of a table."""
    import copy
    import io
    import zipfile

    from lxml import etree

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    v = "urn:schemas-microsoft-com:vml"
    source = zipfile.ZipFile(io.BytesIO(vanban.render_bytes(example)))
    document = etree.fromstring(source.read("word/document.xml"))
    header = document.find(f".//{{{w}}}tbl")
    columns: list[list] = [[], []]
    for row in header.iter(f"{{{w}}}tr"):
        for column, cell in enumerate(row.iter(f"{{{w}}}tc")):
            columns[column] += [copy.deepcopy(p) for p in cell.iter(f"{{{w}}}p")]
    holder = etree.fromstring(f'<w:p xmlns:w="{w}"/>')
    for left, paragraphs in zip((0, 240), columns, strict=True):
        run = etree.fromstring(
            f'<w:r xmlns:w="{w}" xmlns:v="{v}"><w:pict><v:shape style="position:absolute;margin-left:{left}pt;'
            'width:230pt;height:90pt"><v:textbox><w:txbxContent/></v:textbox></v:shape></w:pict></w:r>'
        )
        run.find(f".//{{{w}}}txbxContent").extend(paragraphs)
        holder.append(run)
    header.addprevious(holder)
    header.getparent().remove(header)
    assert vanban.parse(_repack(source, {"word/document.xml": etree.tostring(document)})) == example


def test_report_sections_out_of_vanban_order_stay_where_they_are():
    """vanban prints chỉ đạo, kết quả, đánh giá, phương hướng, đề xuất in that order; a report that puts
    chỉ đạo after its results keeps it there, as a section of its own, so the words keep their order."""
    text = """SỞ NỘI VỤ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 3/BC-SNV
An Giang, ngày 05 tháng 4 năm 2025
BÁO CÁO
Kết quả cải cách hành chính quý I năm 2025

I. KẾT QUẢ THỰC HIỆN
Đã hoàn thành 05 nhiệm vụ.
II. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH
Ban hành 02 công văn.
III. ĐỀ XUẤT, KIẾN NGHỊ
Không.

Nơi nhận:
- UBND tỉnh;
- Lưu: VT.
GIÁM ĐỐC
Lê Văn C
"""
    report = parse_detailed(text).model
    assert report.tong_quan == ["Đã hoàn thành 05 nhiệm vụ."] and report.chi_dao == []
    assert [(m.tieu_de, m.sau, m.noi_dung) for m in report.muc_khac] == [
        ("CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "ket_qua", ["Ban hành 02 công văn."])
    ]
    assert report.de_xuat == ["Không."]
    from docx_xml import Docx

    lines = Docx(vanban.render_bytes(report)).text_lines()
    headings = [line for line in lines if re.match(r"^[IVX]+\. ", line)]
    assert headings == ["I. KẾT QUẢ THỰC HIỆN", "II. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH", "III. ĐỀ XUẤT, KIẾN NGHỊ"]
