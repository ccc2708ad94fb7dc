from __future__ import annotations

import json
import shutil

import jsonschema
import pytest
from conftest import EXAMPLE

import vanban
from vanban._errors import InputError
from vanban._io import json_schema, read_data


def write(tmp_path, text: str, name: str = "kh.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def example_with(tmp_path, old: str, new: str):
    text = EXAMPLE.read_text(encoding="utf-8")
    assert old in text
    return write(tmp_path, text.replace(old, new, 1))


def test_yaml_syntax_error_names_the_line(tmp_path):
    path = example_with(tmp_path, "dia_danh: Lạng Sơn", "dia_danh: [Lạng Sơn")
    with pytest.raises(InputError) as caught:
        vanban.load(path)
    assert "dòng" in str(caught.value) and "YAML sai cú pháp" in str(caught.value)


def test_unknown_key_names_field_and_line(tmp_path):
    path = example_with(tmp_path, "dia_danh: Lạng Sơn", "dia_danh: Lạng Sơn\nđia_danh_phu: x")
    with pytest.raises(InputError) as caught:
        vanban.load(path)
    message = str(caught.value)
    assert "đia_danh_phu (dòng 12)" in message and "không có trong mô hình" in message


def test_bad_so_ky_hieu(tmp_path):
    path = example_with(tmp_path, "so_ky_hieu: 19/KH-SKHCN", "so_ky_hieu: 19/KH SKHCN")
    with pytest.raises(InputError, match="so_ky_hieu") as caught:
        vanban.load(path)
    assert "sai dạng" in str(caught.value)


def test_wrong_type_code_for_a_plan(tmp_path):
    path = example_with(tmp_path, "so_ky_hieu: 19/KH-SKHCN", "so_ky_hieu: 19/CV-SKHCN")
    with pytest.raises(InputError, match="mã loại 'CV', nhưng các trường là của kế hoạch; sửa ký hiệu thành KH-"):
        vanban.load(path)
    path.write_text(path.read_text(encoding="utf-8").replace("19/CV-SKHCN", "19/BC-SKHCN"), encoding="utf-8")
    with pytest.raises(InputError) as caught:  # a plan with a report's code: one message naming the cause
        vanban.load(path)
    assert "mã loại 'BC'" in str(caught.value) and len(caught.value.details) == 0


@pytest.mark.parametrize("written", ["2024-02-31", "31/02/2024", "'31/02/2024'"])
def test_impossible_date(tmp_path, written):
    path = example_with(tmp_path, "ngay_ban_hanh: 2024-01-31", f"ngay_ban_hanh: {written}")
    with pytest.raises(InputError) as caught:
        vanban.load(path)
    message = str(caught.value)
    assert "không tồn tại" in message and "dòng 12" in message


def test_nested_error_has_path_and_line(tmp_path):
    path = example_with(tmp_path, "thoi_gian: Quý I, II năm 2024", "thoi_gian: {loai: quy, quy: [7]}")
    with pytest.raises(InputError) as caught:
        vanban.load(path)
    assert "nhiem_vu.4.hoat_dong.1.thoi_gian (dòng 71): quý phải từ 1 đến 4" in str(caught.value)  # counted from 1


def test_json_round_trip(tmp_path, example_plan):
    path = vanban.save(example_plan, tmp_path / "kh.json")
    assert json.loads(path.read_text(encoding="utf-8"))["so_ky_hieu"] == "19/KH-SKHCN"
    assert vanban.load(path) == example_plan


def test_json_syntax_error(tmp_path):
    """Python 3.13 points at the comma (line 1), 3.11 at the brace (line 2): both say the comma is in excess."""
    with pytest.raises(InputError, match=r"dòng [12], cột \d+: JSON sai cú pháp \([^)]*dấu phẩy thừa\)"):
        vanban.load(write(tmp_path, '{"a": 1,\n}', "kh.json"))


def test_yaml_save_keeps_comments(tmp_path, example_plan):
    path = tmp_path / "kh.yaml"
    shutil.copy(EXAMPLE, path)
    changed = example_plan.model_copy(update={"dia_danh": "Thành phố Lạng Sơn"})
    vanban.save(changed, path)
    text = path.read_text(encoding="utf-8")
    assert "# GIẢ ĐỊNH: văn bản gốc thiếu dòng cơ quan chủ quản" in text
    assert "# GIẢ ĐỊNH: văn bản gốc chỉ có họ tên người ký" in text
    assert "dia_danh: Thành phố Lạng Sơn" in text
    assert vanban.load(path) == changed
    unchanged_lines = [line for line in EXAMPLE.read_text(encoding="utf-8").splitlines() if "dia_danh" not in line]
    saved = [line for line in text.splitlines() if "dia_danh" not in line]
    # the file now says its format and kind, right after the user's own leading comments; nothing else moved
    assert saved[:4] == unchanged_lines[:4] and saved[4:6] == ["dinh_dang: 2", "loai: ke_hoach"]
    assert saved[6:] == unchanged_lines[4:]
    assert not text.startswith("# vanban")  # the user's file is not marked as written by vanban


def test_yaml_save_new_file_is_minimal(tmp_path, example_plan):
    path = vanban.save(example_plan, tmp_path / "moi.yaml")
    data = read_data(path)
    assert "nhan" not in data and "tieu_de" not in data  # defaults left out
    assert vanban.load(path) == example_plan


def test_schema_validates_the_example():
    schema = json_schema("ke-hoach")
    data = json.loads(json.dumps(read_data(EXAMPLE), default=str))
    jsonschema.validate(data, schema)
    broken = dict(data, so_ky_hieu_sai="x")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_schema_unknown_kind():
    with pytest.raises(InputError, match="không có loại"):
        json_schema("cong-van")


def test_readme_yaml_example_is_a_valid_plan(tmp_path):
    import re

    from conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(.*?)```", readme, re.S).group(1)
    plan = vanban.load(write(tmp_path, block))
    assert plan.nhiem_vu[0].chi_tieu[0].so_luong == 15
    assert plan.nguoi_ky.quyen_han == "KT."


def test_bom_and_windows_line_ends(tmp_path, example_plan):
    path = tmp_path / "kh.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + EXAMPLE.read_bytes().replace(b"\n", b"\r\n"))
    assert vanban.load(path) == example_plan


def cp1258(value: str) -> bytes:
    """Text as Windows-1258 stores it: vowels precomposed, tone marks as combining characters."""
    import unicodedata

    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for char in value:
        parts = unicodedata.normalize("NFD", char)
        marks = "".join(c for c in parts if c in tones)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones)) + marks)
    return "".join(out).encode("cp1258")


def test_yaml_in_windows_1258_is_named(tmp_path):
    path = tmp_path / "kh.yaml"
    path.write_bytes(cp1258("dia_danh: Lạng Sơn\n"))
    with pytest.raises(InputError, match="UTF-8") as caught:
        vanban.load(path)
    assert str(path) in str(caught.value)


def test_csv_saved_by_excel_in_windows_1258(tmp_path):
    from vanban import KyBaoCao, load_progress

    path = tmp_path / "tien-do.csv"
    path.write_bytes(cp1258("nhiem_vu;dat;ket_qua\r\n2;1.000;Đã hoàn thành đánh giá\r\n"))
    [period] = load_progress(path, KyBaoCao.model_validate("quý I năm 2024"))
    assert period.nhiem_vu["2"].dat == {"1": 1000} and period.nhiem_vu["2"].ket_qua == ["Đã hoàn thành đánh giá"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch, example_plan):
    import vanban._files as files

    target = tmp_path / "kh.docx"
    target.write_bytes(b"old")

    def full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", full)
    with pytest.raises(vanban.WriteError, match="ổ đĩa hết chỗ"):
        vanban.render(example_plan, target)
    assert target.read_bytes() == b"old" and sorted(p.name for p in tmp_path.iterdir()) == ["kh.docx"]
