from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "ke-hoach-19-KH-SKHCN-2024.yaml"
SHARED = ROOT.parent / "shared"
SEED = Path(__file__).parent / "data" / "ke-hoach-19-KH-SKHCN-2024.txt"  # copy of ../shared/seed

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent / "checker"))


@pytest.fixture(scope="session")
def example_plan():
    import vanban

    return vanban.load(EXAMPLE)


@pytest.fixture(scope="session")
def example_docx(example_plan) -> bytes:
    import vanban

    return vanban.render_bytes(example_plan)
