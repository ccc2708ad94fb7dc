"""The fast YAML reader (libyaml through PyYAML) reads plain data exactly as ruamel.yaml's YAML 1.2 reader does (keys
as text), and leaves to the round-trip reader whatever it should not decide (a key written twice, merge keys)."""

from __future__ import annotations

import pytest
import yaml
from conftest import ROOT
from ruamel.yaml import YAML

from vanban._errors import InputError
from vanban._io import _load_fast, _plain, read_data

SCALARS = [
    "010", "0o17", "0x1F", "0b101", "1_000", "+12", "-7", "0", "1.10", "1.5e3", "1e3", ".5", "-.inf", ".NaN",
    "yes", "no", "on", "off", "y", "n", "true", "False", "TRUE", "null", "~", "Null", "", "1:30", "12:30:00",
    "2024-01-31", "2024-1-31", "2024-01-31 08:30:00", "2024-01-31T08:30:00Z", "'010'", '"true"', "<<x",
    "Sở KH&CN", "Quý I, II năm 2025", "19/KH-SKHCN", "#not", "a # comment", "1.000", "2.000.000", "12,5",
]  # fmt: skip


def ruamel(raw: str):
    return YAML(typ="safe", pure=True).load(raw)


@pytest.mark.parametrize("scalar", SCALARS)
def test_a_scalar_reads_as_ruamel_reads_it(scalar):
    raw = f"a: {scalar}\nb:\n  - {scalar}\n"
    fast, slow = _load_fast(raw), ruamel(raw)
    assert fast == slow or repr(fast) == repr(slow)  # repr: nan is not equal to itself
    kinds = [float if isinstance(v, float) else type(v) for v in fast.values()]  # a float keeps its text (SoDaViet)
    assert kinds == [type(v) for v in slow.values()]


def test_a_lone_equals_sign_is_text_not_an_error():
    assert _load_fast("a: =\n") == {"a": "="}  # ruamel has no constructor for YAML 1.1's value tag


@pytest.mark.parametrize(
    "path", [*sorted((ROOT / "examples").glob("*.yaml")), *sorted((ROOT / "tests" / "data").rglob("*.yaml"))]
)
def test_every_yaml_file_of_the_project_reads_the_same(path):
    raw = path.read_text(encoding="utf-8")
    assert _load_fast(raw) == _plain(ruamel(raw))  # keys as text, as every reader hands them to the model


@pytest.mark.parametrize(
    "raw", ["a: 1\na: 2\n", "1: a\n'1': b\n", "x: &b {c: 1}\ny:\n  <<: *b\n  d: 2\n", "a: {1.10: x, 1.1: y}\n"]
)
def test_what_the_fast_reader_does_not_decide_is_left_to_the_round_trip_reader(raw):
    with pytest.raises((ValueError, yaml.YAMLError)):
        _load_fast(raw)


def test_a_key_written_twice_is_an_error_naming_the_line(tmp_path):
    path = tmp_path / "k.yaml"
    path.write_text("nam: 2024\ntrich_yeu: a\nnam: 2025\n", encoding="utf-8")
    with pytest.raises(InputError, match="dòng 3.*hai lần"):
        read_data(path, round_trip=False)


def test_a_date_that_does_not_exist_names_its_line(tmp_path):
    path = tmp_path / "k.yaml"
    path.write_text("nam: 2024\nngay_ban_hanh: 2024-02-30\n", encoding="utf-8")
    with pytest.raises(InputError, match="dòng 2"):
        read_data(path, round_trip=False)


def test_plain_data_comes_back_as_plain_types(tmp_path):
    path = tmp_path / "k.yaml"
    path.write_text("a:\n  - b: 1\n", encoding="utf-8")
    data = read_data(path, round_trip=False)
    assert type(data) is dict and type(data["a"]) is list and type(data["a"][0]) is dict


@pytest.mark.parametrize("raw", ["a: &x [1, *x]\n", "a: &x {b: *x}\n", "a: &x\n  - b: [*x]\n"])
def test_an_alias_inside_itself_is_refused_not_expanded_for_ever(tmp_path, raw):
    path = tmp_path / "k.yaml"
    path.write_text(raw, encoding="utf-8")
    with pytest.raises(InputError, match="dòng 1: bí danh YAML trỏ về chính phần chứa nó"):
        read_data(path, round_trip=False)


def test_an_alias_used_twice_is_not_mistaken_for_one_inside_itself(tmp_path):
    path = tmp_path / "k.yaml"
    path.write_text("a: &x\n  b: [1, 2]\nc: *x\nd: [*x, *x]\n", encoding="utf-8")
    assert read_data(path, round_trip=False) == {"a": {"b": [1, 2]}, "c": {"b": [1, 2]}, "d": [{"b": [1, 2]}] * 2}


def _read(tmp_path, raw: str):
    path = tmp_path / "k.yaml"
    path.write_text(raw, encoding="utf-8")
    return read_data(path, round_trip=False)


@pytest.mark.parametrize(
    "raw",
    [
        "x: &a [\n",
        "x: &a 1\ny: *b\n",
        "x: &a 1\n---\ny: 2\n",
        "x: -_\n",
        "x: 0b_\n",
        "x: !!seq {a: b}\n",
        "!!map [a]\n",
    ],
)
def test_broken_or_mistagged_yaml_is_an_input_error_not_a_crash(tmp_path, raw):
    with pytest.raises(InputError, match="YAML|dòng"):
        data = _read(tmp_path, raw)
        if not isinstance(data, dict):  # a file that reads but is no document is refused by validate
            raise InputError("YAML")


def test_core_tags_of_collections_are_read_as_ruamel_reads_them(tmp_path):
    data = _plain(_read(tmp_path, "a: !!set {A, B}\nb: !!omap [{x: 1}]\nc: !!str 010\n"))  # as validate sees it
    assert data["a"] == ["A", "B"] and data["c"] == "010" and list(data["b"]) == ["x"]


def test_a_yaml_1_1_directive_is_read_by_its_own_rules(tmp_path):
    raw = "%YAML 1.1\n---\nk: yes\nj: 010\n"
    assert _read(tmp_path, raw) == {"k": True, "j": 8}


def test_a_long_text_used_many_times_through_an_alias_is_refused_quickly(tmp_path):
    raw = "a: &s " + "x" * 100_000 + "\nb: [" + ", ".join(["*s"] * 200) + "]\n"
    with pytest.raises(InputError, match="MB chữ"):
        _read(tmp_path, raw)


def test_a_large_file_of_empty_items_is_refused_before_anything_is_built(tmp_path):
    with pytest.raises(InputError, match="quá nhiều phần tử"):
        _read(tmp_path, "a:\n" + "- \n" * 300_000)


def test_a_number_too_long_to_print_is_named_not_printed(tmp_path):
    from vanban._io import load

    path = tmp_path / "k.yaml"
    path.write_text("dinh_dang: 0x" + "f" * 20_000 + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="số quá dài"):
        load(path)


def test_a_key_written_twice_in_a_large_file_names_its_line(tmp_path):
    filler = "".join(f"k{number}: {'chữ ' * 20}\n" for number in range(12_000))
    path = tmp_path / "k.yaml"
    path.write_text(filler + "k5: lần hai\n", encoding="utf-8")
    assert path.stat().st_size > 1024 * 1024  # read by the fast reader only
    with pytest.raises(InputError, match="dòng 12001, cột 1: YAML sai cú pháp: một trường được viết hai lần"):
        read_data(path, round_trip=False)


@pytest.mark.parametrize(
    "written, number", [("1.500", 1500), ("12.500", 12500), ("'2.000.000'", 2_000_000), ("'12,5'", 12.5), ("15", 15)]
)
def test_a_target_in_a_plan_is_read_the_vietnamese_way(tmp_path, written, number):
    from conftest import EXAMPLE

    from vanban._io import load

    text = EXAMPLE.read_text(encoding="utf-8")
    plan = load(EXAMPLE)
    task = next(i for i, t in enumerate(plan.nhiem_vu) if t.chi_tieu)
    target = plan.nhiem_vu[task].chi_tieu[0]
    old = f"so_luong: {target.so_luong:g}"
    assert text.count(old) >= 1
    path = tmp_path / "k.yaml"
    path.write_text(text.replace(old, f"so_luong: {written}", 1), encoding="utf-8")
    from vanban._io import validate

    assert load(path).nhiem_vu[task].chi_tieu[0].so_luong == number  # the fast reader
    assert validate(read_data(path)).nhiem_vu[task].chi_tieu[0].so_luong == number  # the round-trip reader


def test_a_target_written_1_5_is_refused_as_unclear(tmp_path):
    from conftest import EXAMPLE

    import vanban

    plan = vanban.load(EXAMPLE)
    target = next(t for t in plan.nhiem_vu if t.chi_tieu).chi_tieu[0]
    text = EXAMPLE.read_text(encoding="utf-8").replace(f"so_luong: {target.so_luong:g}", "so_luong: 1.5", 1)
    path = tmp_path / "k.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match="so_luong.*không rõ"):
        vanban.load(path)
