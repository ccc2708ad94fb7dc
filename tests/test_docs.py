"""The documentation as a user meets it: every Python example of README.md and docs/ runs, and passes
`mypy --strict`; the source passes `mypy --strict`; the docs site builds without a warning."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

import vanban

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
EXAMPLES = [
    pytest.param(block, id=f"{page.name}-{number}")
    for page in PAGES
    for number, block in enumerate(re.findall(r"```python\n(.*?)```", page.read_text(encoding="utf-8"), re.S))
]


def test_there_are_examples_to_check():
    assert len(EXAMPLES) >= 6


@pytest.mark.parametrize("block", EXAMPLES)
def test_example_runs(block, tmp_path, monkeypatch):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    vanban.render(
        vanban.load_ke_hoach(ROOT / "examples" / "ke-hoach-19-KH-SKHCN-2024.yaml"), tmp_path / "ke-hoach.docx"
    )
    monkeypatch.chdir(tmp_path)
    exec(compile(block, "example", "exec"), {"__name__": "__example__"})


needs_mypy = pytest.mark.skipif(
    importlib.util.find_spec("mypy") is None, reason="mypy chưa cài (pip install -e .[test])"
)


@needs_mypy
def test_examples_pass_mypy_strict(tmp_path):
    for number, param in enumerate(EXAMPLES):
        (tmp_path / f"example_{number}.py").write_text(param.values[0], encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--config-file", str(ROOT / "pyproject.toml"), str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout


@pytest.mark.skipif(
    shutil.which("basedpyright") is None and not (Path(sys.executable).parent / "basedpyright").exists(),
    reason="basedpyright chưa cài (pip install -e .[test])",
)
def test_examples_pass_basedpyright(tmp_path):
    for number, param in enumerate(EXAMPLES):
        (tmp_path / f"example_{number}.py").write_text(param.values[0], encoding="utf-8")
    program = Path(sys.executable).parent / "basedpyright"
    done = subprocess.run(
        [
            str(program) if program.exists() else "basedpyright",
            "--level",
            "error",
            "--pythonpath",
            sys.executable,
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert done.returncode == 0 and done.stdout.startswith("0 errors"), done.stdout


@needs_mypy
def test_the_package_passes_mypy_strict():
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml")],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0 and "Success" in done.stdout, done.stdout


@pytest.mark.skipif(importlib.util.find_spec("mkdocs") is None, reason="mkdocs chưa cài (pip install -e .[test])")
@pytest.mark.skipif(sys.version_info < (3, 11), reason="the site is built with Python 3.11+ (pymdown-extensions 13)")
def test_the_docs_site_builds_without_warnings(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(tmp_path / "site")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert done.returncode == 0, done.stderr
    api = (tmp_path / "site" / "api" / "index.html").read_text(encoding="utf-8")
    missing = [name for name in vanban.__all__ if name != "__version__" and name not in api]
    assert missing == []


def test_docs_and_readme_stay_inside_the_project():
    """A clone or a PyPI user has no ../shared: the documentation never sends them there."""
    for page in [*PAGES, *(ROOT / "examples").iterdir()]:
        assert "../shared" not in page.read_text(encoding="utf-8"), page.name
