"""vanban's own templates are written without python-docx (their parts copied, the filled ones spliced in) and
compiled from a cache built with the package. Both must give what the docxtpl/python-docx path gives."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile

import pytest
from conftest import EXAMPLE, ROOT
from lxml import etree

import vanban
from vanban import _compiled
from vanban._render import Template, bundled_template, jinja_env, numbered

CORPUS = ROOT / "tests" / "data" / "corpus"
TEMPLATES = {"KH": ROOT / "templates" / "ke_hoach.docx", "BC": ROOT / "templates" / "bao_cao.docx"}


def canonical(name: str, data: bytes) -> bytes | list[bytes]:
    """A part as XML canonical form; the content types as a set (python-docx sorts them)."""
    root = etree.fromstring(data)
    if name == "[Content_Types].xml":
        return sorted(etree.tostring(child, method="c14n") for child in root)
    return etree.tostring(root, method="c14n")


def assert_same_document(direct: bytes, through_docx: bytes) -> None:
    one, two = zipfile.ZipFile(io.BytesIO(direct)), zipfile.ZipFile(io.BytesIO(through_docx))
    assert one.testzip() is None
    assert sorted(one.namelist()) == sorted(two.namelist())
    for name in two.namelist():
        assert canonical(name, one.read(name)) == canonical(name, two.read(name)), name


def through_docx(model: vanban.VanBan) -> bytes:
    return Template(TEMPLATES[model.LOAI], sandboxed=False).render(model)


def plans() -> list[vanban.VanBan]:
    example = vanban.load_ke_hoach(EXAMPLE)
    forty = example.model_copy(update={"nhiem_vu": [example.nhiem_vu[i % len(example.nhiem_vu)] for i in range(40)]})
    noted = example.model_copy(
        update={"mo_dau": ["Theo Quyết định số 1[^1], năm 2024[^2]."], "chu_thich": ["Ghi chú một & <hai>", "Ba"]}
    )
    progress = vanban.load_progress(ROOT / "examples" / "tien-do-quy-I-2024.yaml")
    report = vanban.draft_report(example, "quý I năm 2024", progress)
    parsed = [vanban.parse(path) for path in sorted(CORPUS.glob("*.docx"))[::4]]
    return [example, forty, noted, report, *parsed]


@pytest.mark.parametrize("model", plans(), ids=lambda m: f"{m.LOAI}-{m.so_ky_hieu}")
def test_direct_writer_matches_python_docx(model):
    direct = bundled_template(model.LOAI)
    assert direct._skeleton is not None  # the bundled templates take the direct path
    assert_same_document(direct.render(model), through_docx(model))


def test_unchanged_parts_are_the_template_bytes():
    out = zipfile.ZipFile(io.BytesIO(vanban.render_bytes(vanban.load_ke_hoach(EXAMPLE))))
    template = zipfile.ZipFile(TEMPLATES["KH"])
    assert out.namelist() == template.namelist()
    for name in ("word/styles.xml", "[Content_Types].xml", "word/_rels/document.xml.rels", "word/header1.xml"):
        assert out.read(name) == template.read(name)
        assert out.getinfo(name).compress_size == template.getinfo(name).compress_size
    assert out.read("word/document.xml") != template.read("word/document.xml")


@pytest.mark.parametrize("code", sorted(TEMPLATES))
def test_the_cache_built_with_the_package_fits_its_template(code):
    """Fails when a template or what vanban makes of it changed without `python scripts/build_templates.py`."""
    from vanban._prepare import prepare

    path = TEMPLATES[code]
    data = path.read_bytes()
    cached = _compiled.load(path, data)
    assert cached is not None, "chạy lại: python scripts/build_templates.py"
    prepared, python, codes = cached
    fresh = prepare(data, str(path))
    assert prepared == fresh
    env = jinja_env()
    assert python == [env.compile(numbered(source), raw=True) for source in fresh.sources()]
    if sys.implementation.cache_tag == "cpython-311":  # the Python that built the cache
        assert codes is not None and len(codes) == len(python)


def test_a_changed_template_is_compiled_again_not_taken_from_the_cache(tmp_path):
    original = TEMPLATES["KH"]
    for suffix in (".jinja.json", f".{sys.implementation.cache_tag}.marshal"):
        if (original.with_suffix("").parent / (original.stem + suffix)).exists():
            shutil.copy(original.with_suffix("").parent / (original.stem + suffix), tmp_path / ("ke_hoach" + suffix))
    changed = tmp_path / "ke_hoach.docx"
    with zipfile.ZipFile(original) as source, zipfile.ZipFile(changed, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = data.replace("Nơi nhận:".encode(), "Nơi gửi đến:".encode())
            target.writestr(info, data)
    assert _compiled.load(changed, changed.read_bytes()) is None
    text = Template.bundled(changed).render(vanban.load_ke_hoach(EXAMPLE))
    document = zipfile.ZipFile(io.BytesIO(text)).read("word/document.xml").decode()
    assert "Nơi gửi đến:" in document and "Nơi nhận:" not in document


def test_a_foreign_marshal_file_is_not_run(tmp_path):
    for name in ("ke_hoach.docx", "ke_hoach.jinja.json"):
        shutil.copy(ROOT / "templates" / name, tmp_path / name)
    import marshal

    evil = compile("raise SystemExit('ran')", "<x>", "exec")
    (tmp_path / f"ke_hoach.{sys.implementation.cache_tag}.marshal").write_bytes(marshal.dumps(("other key", [evil])))
    cached = _compiled.load(tmp_path / "ke_hoach.docx", (tmp_path / "ke_hoach.docx").read_bytes())
    assert cached is not None and cached[2] is None
    model = vanban.load_ke_hoach(EXAMPLE)
    assert_same_document(Template.bundled(tmp_path / "ke_hoach.docx").render(model), through_docx(model))


def test_rendering_with_a_bundled_template_loads_neither_python_docx_nor_docxtpl():
    code = (
        "import sys, vanban; p = vanban.load_ke_hoach(sys.argv[1]); vanban.render_bytes(p);"
        "print(','.join(m for m in ('docx', 'docxtpl') if m in sys.modules) or '-')"
    )
    done = subprocess.run([sys.executable, "-c", code, str(EXAMPLE)], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "-"


def test_custom_templates_still_go_through_python_docx(tmp_path):
    path = tmp_path / "mau.docx"
    path.write_bytes(vanban.template_docx("ke-hoach"))
    template = Template(path)
    assert template._skeleton is None
    model = vanban.load_ke_hoach(EXAMPLE)
    assert_same_document(vanban.render_bytes(model), template.render(model))


def test_footnotes_replace_the_templates_separators():
    model = plans()[2]
    out = zipfile.ZipFile(io.BytesIO(vanban.render_bytes(model)))
    notes = out.read("word/footnotes.xml").decode()
    assert "Ghi chú một &amp; &lt;hai&gt;" in notes and notes.count("<w:footnote ") == 4
    assert 'w:footnoteReference w:id="2"' in out.read("word/document.xml").decode()


def test_garbage_collection_is_on_again_after_a_render_that_fails_or_succeeds(tmp_path):
    import gc

    model = vanban.load_ke_hoach(EXAMPLE)
    vanban.render_bytes(model)
    assert gc.isenabled()
    broken = tmp_path / "mau.docx"
    with zipfile.ZipFile(TEMPLATES["KH"]) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"{{ dia_danh }}", b"{{ khong_co_truong_nay }}")
            target.writestr(info, data)
    with pytest.raises(vanban.TemplateError):
        vanban.render_bytes(model, broken)
    assert gc.isenabled()
