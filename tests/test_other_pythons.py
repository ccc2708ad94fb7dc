"""vanban supports Python 3.10–3.13: where another of those interpreters is on this machine, the core of the suite
runs under it too (in its own venv, kept between runs in .venv-3.x). Skipped, with the reason, when the interpreter
is missing or its packages cannot be installed (no network)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

CORE = ["tests/models", "tests/derive", "tests/test_api.py", "tests/test_io.py", "tests/test_thu_thap.py"]


def _interpreter(version: str) -> str | None:
    """A working Python of this version: pyenv's own, else one on PATH (a pyenv shim may not run)."""
    pyenv = sorted((Path.home() / ".pyenv" / "versions").glob(f"{version}.*"))
    candidates = [str(p / "bin" / "python") for p in reversed(pyenv)] + [shutil.which(f"python{version}") or ""]
    for candidate in candidates:
        if candidate and subprocess.run([candidate, "-c", "pass"], capture_output=True).returncode == 0:
            return candidate
    return None


@pytest.mark.parametrize("version", ["3.10", "3.13"])
def test_core_suite_on(version):
    if f"{sys.version_info.major}.{sys.version_info.minor}" == version:
        pytest.skip(f"this is Python {version} already")
    python = _interpreter(version)
    if python is None:
        pytest.skip(f"no Python {version} on this machine")
    venv = ROOT / f".venv-{version}"
    own = venv / "bin" / "python"
    if not own.is_file():
        subprocess.run([python, "-m", "venv", str(venv)], check=True, capture_output=True)
    ready = subprocess.run(
        [str(own), "-c", "import pytest, hypothesis, openpyxl, vanban; print(vanban.__file__)"],
        capture_output=True,
        text=True,
    )
    if ready.returncode != 0 or not ready.stdout.startswith(str(ROOT / "src")):  # this checkout, editable
        installed = subprocess.run(
            [str(own), "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[test]"], capture_output=True, text=True
        )
        if installed.returncode != 0:
            pytest.skip(f"cannot install the packages for Python {version} (offline?): {installed.stderr[-300:]}")
    done = subprocess.run(
        [str(own), "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *CORE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-3000:]
