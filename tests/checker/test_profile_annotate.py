"""An agency's own conventions (vanban.toml), findings as Word comments, and the list of every rule ID."""

from __future__ import annotations

import zipfile

import pytest
from builder import make_docx
from test_cli import call

import vanban


def test_a_profile_turns_rules_off_and_accepts_local_conventions(tmp_path):
    data = make_docx(can_cu_italic=False, tieu_ngu="Độc lập – Tự do – Hạnh phúc", quoc_hieu_size=14, right_width=6300)
    plain = vanban.check(data)
    assert {"ND30-CC-01", "ND30-QH-03", "ND30-QH-02"} <= plain.rules()
    profile = tmp_path / "vanban.toml"
    profile.write_text(
        '[check]\ntieu_ngu_gach_dai = true\n[check.muc_do]\n"ND30-CC-01" = "tat"\n[check.co_chu]\nquoc_hieu = [14]\n',
        encoding="utf-8",
    )
    local = vanban.check(data, profile=profile)
    assert not {"ND30-CC-01", "ND30-QH-03", "ND30-QH-02"} & local.rules()
    severe = tmp_path / "nghiem.toml"
    severe.write_text('[check.muc_do]\n"ND30-CC-01" = "E"\n', encoding="utf-8")
    assert "ND30-CC-01" in vanban.check(data, profile=severe).rules("E")


def test_the_profile_of_the_current_folder_is_used_by_the_command(tmp_path, capsys, monkeypatch):
    path = tmp_path / "kh.docx"
    path.write_bytes(make_docx(can_cu_italic=False))
    monkeypatch.chdir(tmp_path)
    _, out, _ = call(capsys, "check", str(path))
    assert "ND30-CC-01" in out
    (tmp_path / "pyproject.toml").write_text('[tool.vanban.check.muc_do]\n"ND30-CC-01" = "tat"\n', encoding="utf-8")
    _, out, _ = call(capsys, "check", str(path))
    assert "ND30-CC-01" not in out


@pytest.mark.parametrize(
    "content, message",
    [
        ('[check]\nmuc_do = {"ND30-XX-99" = "E"}\n', "không có quy tắc 'ND30-XX-99'"),
        ('[check.muc_do]\n"ND30-CC-01" = "rat nang"\n', "chỉ nhận E, W, I hoặc tat"),
        ("[check]\nthu_moi = 1\n", "khóa không hiểu: thu_moi"),
        ("[check.co_chu]\nquoc_hieu = [200]\n", "cần danh sách cỡ chữ"),
        ("[check\n", "TOML sai cú pháp"),
    ],
)
def test_a_wrong_profile_names_the_file_and_the_key(tmp_path, content, message):
    profile = tmp_path / "vanban.toml"
    profile.write_text(content, encoding="utf-8")
    with pytest.raises(vanban.InputError, match=message) as caught:
        vanban.load_profile(profile)
    assert str(profile) in str(caught.value)


def test_annotate_writes_each_finding_as_a_comment_at_its_place(tmp_path, capsys):
    source = tmp_path / "sai.docx"
    source.write_bytes(make_docx(so_size=14, ngay="Lạng Sơn, ngày 5 tháng 3 năm 2024"))
    out = tmp_path / "ghi-chu.docx"
    code, stdout, _ = call(capsys, "check", str(source), "--annotate", "-o", str(out))
    assert code == 1 and "thành ghi chú" in stdout
    comments = zipfile.ZipFile(out).read("word/comments.xml").decode("utf-8")
    assert "ND30-SO-01" in comments and "ND30-DD-02" in comments
    document = zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")
    assert document.count("<w:commentRangeStart") == len(vanban.check(source).findings)
    assert vanban.check(out).rules() == vanban.check(source).rules()  # comments change nothing checked


def test_every_rule_id_of_the_decree_is_listed_with_its_status(capsys):
    code, out, _ = call(capsys, "check", "--rules")
    lines = [line for line in out.splitlines() if line.startswith("ND30-")]
    families = {
        "PAGE": 7,
        "LAYOUT": 6,
        "QH": 7,
        "CQ": 6,
        "SO": 9,
        "DD": 6,
        "TL": 5,
        "KG": 4,
        "ND": 7,
        "CC": 1,
        "HD": 11,
    }
    families |= {"CK": 8, "NN": 7, "MAT": 3, "PL": 6, "SIG": 4, "VH": 15, "KH": 3, "BC": 3}
    assert sum(families.values()) == 118 and len(lines) == 118 and code == 0
    for family, count in families.items():
        assert len([line for line in lines if line.startswith(f"ND30-{family}-")]) == count, family
    assert out.strip().endswith("không kiểm tra được trên tệp Word.")
    statuses = {item.id: item.status for item in vanban.list_rules()}
    from vanban._checker.core import RULES

    assert all(statuses[rule_id] == "kiểm tra" for rule_id in RULES)
    assert all(item.note for item in vanban.list_rules() if item.status != "kiểm tra")
