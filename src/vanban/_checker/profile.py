"""An agency's local conventions for the checker: severity overrides and what it accepts beyond the decree's
letter, read from ``vanban.toml`` (or ``[tool.vanban]`` in ``pyproject.toml``)::

    [check.muc_do]            # "E", "W", "I", or "tat" to turn a rule off
    "ND30-CC-01" = "I"
    [check.co_chu]            # sizes accepted besides the decree's, per component
    quoc_hieu = [14]
    [check]
    tieu_ngu_gach_dai = true  # accept en dashes: "Độc lập – Tự do – Hạnh phúc"
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .._errors import InputError
from .._files import read_text
from .._nd30 import FORMATS, TIEU_NGU, Format
from .core import RULES, Finding

_OFF = "tat"


@dataclass(frozen=True)
class CheckProfile:
    """Local conventions: severities by rule ID (``"tat"`` turns a rule off), extra sizes by component,
    and the Tiêu ngữ forms accepted."""

    muc_do: dict[str, str] = field(default_factory=dict)
    co_chu: dict[str, tuple[float, ...]] = field(default_factory=dict)
    tieu_ngu_gach_dai: bool = False
    source: str = ""

    @property
    def tieu_ngu(self) -> tuple[str, ...]:
        return (TIEU_NGU, TIEU_NGU.replace(" - ", " – ")) if self.tieu_ngu_gach_dai else (TIEU_NGU,)

    def off(self, rule_id: str) -> bool:
        return self.muc_do.get(rule_id) == _OFF

    def adjust(self, found: Finding) -> Finding:
        severity = self.muc_do.get(found.rule)
        return replace(found, severity=severity) if severity in ("E", "W", "I") else found  # type: ignore[arg-type]

    def format(self, component: str) -> Format:
        base = FORMATS[component]
        extra = self.co_chu.get(component)
        return base._replace(sizes=tuple(dict.fromkeys([*base.sizes, *extra]))) if extra else base


def _toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    try:
        return tomllib.loads(read_text(path, limit=1024 * 1024))
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"TOML sai cú pháp ({exc})", source=str(path)) from None


def profile_from(data: dict[str, Any], source: str = "") -> CheckProfile:
    """A profile from the ``check`` table of a TOML file, every key checked."""
    known = {"muc_do", "co_chu", "tieu_ngu_gach_dai"}
    unknown = set(data) - known
    if unknown:
        raise InputError(
            f"check: khóa không hiểu: {', '.join(sorted(unknown))} (có: {', '.join(sorted(known))})", source=source
        )
    severities = data.get("muc_do", {})
    for rule_id, value in severities.items():
        if rule_id not in RULES:
            raise InputError(f"check.muc_do: không có quy tắc '{rule_id}'", source=source)
        if value not in ("E", "W", "I", _OFF):
            raise InputError(
                f"check.muc_do.{rule_id}: '{value}' không hợp lệ; chỉ nhận E, W, I hoặc tat", source=source
            )
    sizes: dict[str, tuple[float, ...]] = {}
    for component, values in data.get("co_chu", {}).items():
        if component not in FORMATS:
            raise InputError(
                f"check.co_chu: không có thành phần '{component}' (có: {', '.join(FORMATS)})", source=source
            )
        if not isinstance(values, list) or not all(isinstance(v, (int, float)) and 6 <= v <= 40 for v in values):
            raise InputError(f"check.co_chu.{component}: cần danh sách cỡ chữ, ví dụ [12, 13, 14]", source=source)
        sizes[component] = tuple(float(v) for v in values)
    dashes = data.get("tieu_ngu_gach_dai", False)
    if not isinstance(dashes, bool):
        raise InputError("check.tieu_ngu_gach_dai: cần true hoặc false", source=source)
    return CheckProfile(dict(severities), sizes, dashes, source)


def load_profile(
    path: str | os.PathLike[str] | None = None, folder: str | os.PathLike[str] = "."
) -> CheckProfile | None:
    """The profile in ``path``; without one, ``vanban.toml`` or ``[tool.vanban]`` of ``pyproject.toml`` in ``folder``."""
    if path is not None:
        data = _toml(Path(path))
        table = data.get("tool", {}).get("vanban", data) if Path(path).name == "pyproject.toml" else data
        return profile_from(table.get("check", {}), str(path))
    own = Path(folder) / "vanban.toml"
    if own.is_file():
        return profile_from(_toml(own).get("check", {}), str(own))
    project = Path(folder) / "pyproject.toml"
    if project.is_file():
        table = _toml(project).get("tool", {}).get("vanban")
        if table is not None:
            return profile_from(table.get("check", {}), f"{project} [tool.vanban]")
    return None
