"""Text assigned to a model after it is built is normalised as text read from a file is."""

from __future__ import annotations

import unicodedata

import pytest
from conftest import EXAMPLE

import vanban


def test_assigned_text_is_nfc_on_one_line():
    plan = vanban.load_ke_hoach(EXAMPLE)
    decomposed = unicodedata.normalize("NFD", "Nghiệm thu\tkết quả Đề tài")
    plan.trich_yeu = decomposed + "\nnăm 2024"
    plan.nhiem_vu[0].ten = decomposed
    plan.nhiem_vu[0].phoi_hop = [decomposed]
    assert plan.trich_yeu == "Nghiệm thu kết quả Đề tài\nnăm 2024"  # the trích yếu keeps its lines
    assert plan.nhiem_vu[0].ten == "Nghiệm thu kết quả Đề tài"
    assert plan.nhiem_vu[0].phoi_hop == ["Nghiệm thu kết quả Đề tài"]


def test_a_list_too_long_assigned_is_an_input_error_and_changes_nothing():
    plan = vanban.load_ke_hoach(EXAMPLE)
    before = list(plan.nhiem_vu[0].phoi_hop)
    with pytest.raises(vanban.InputError, match="20.000|20000"):
        plan.nhiem_vu[0].phoi_hop = ["đơn vị"] * 30_000
    assert plan.nhiem_vu[0].phoi_hop == before


def test_text_is_normalised_once_per_input_however_deep(monkeypatch):
    from vanban.models import _common

    data = vanban.load_ke_hoach(EXAMPLE).model_dump(mode="json")

    def nodes(value):
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
        return 1 + sum(nodes(child) for child in children)

    calls = []
    original = _common._normalise

    def counting(value, keep_lines=False):
        calls.append(1)
        return original(value, keep_lines)

    monkeypatch.setattr(_common, "_normalise", counting)
    vanban.KeHoach.model_validate(data)
    assert len(calls) == sum(nodes(value) for value in data.values())  # each value once, not once per level


@pytest.mark.parametrize("escaped", ["\\x00", "\\e", "\\a", "\\uFFFE"])
def test_a_control_character_escaped_in_yaml_is_refused_naming_the_field(tmp_path, escaped):
    text = EXAMPLE.read_text(encoding="utf-8").replace("dia_danh: Lạng Sơn", f'dia_danh: "Lạng{escaped}Sơn"')
    assert f'"Lạng{escaped}Sơn"' in text
    path = tmp_path / "k.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(vanban.InputError, match="dia_danh.*không phải chữ"):
        vanban.load(path)
