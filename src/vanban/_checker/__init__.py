"""Check any DOCX against Nghị định 30/2020/NĐ-CP and report every violation by rule ID.

    >>> result = vanban.check("ke-hoach.docx")        # doctest: +SKIP
    >>> [f.rule for f in result.findings if f.severity == "E"]   # doctest: +SKIP

Checks are values, not exceptions: each rule yields :class:`Finding` objects.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from typing import IO, Literal

from .._deprecated import renamed_keywords

Severity = Literal["E", "W", "I"]
SEVERITY_ORDER = {"E": 0, "W": 1, "I": 2}


@dataclass(frozen=True)
class Finding:
    """One violation (or note) of a rule of the spec, where it is, and what was expected."""

    rule: str
    severity: Severity
    message: str
    component: str
    where: str = ""
    expected: str = ""
    actual: str = ""
    fixable: bool = False

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class CheckResult:
    """The findings of one document, in report order."""

    source: str
    findings: list[Finding] = field(default_factory=list)
    draft: bool = False
    kind: str | None = None

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "E"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "W"]

    @property
    def ok(self) -> bool:
        """No E finding."""
        return not self.errors

    def rules(self, *severities: str) -> set[str]:
        """IDs of the rules that fired (optionally only of the given severities)."""
        return {f.rule for f in self.findings if not severities or f.severity in severities}

    def to_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "kind": self.kind,
            "draft": self.draft,
            "ok": self.ok,
            "counts": {s: sum(1 for f in self.findings if f.severity == s) for s in ("E", "W", "I")},
            "findings": [f.to_dict() for f in self.findings],
        }


@renamed_keywords(draft="du_thao")
def check(source: str | os.PathLike[str] | bytes | IO[bytes], *, du_thao: bool | None = None) -> CheckResult:
    """Check a DOCX (path, bytes or binary file). ``du_thao=None`` recognises drafts by their blanks."""
    from .._docx import open_docx
    from .._parts import find
    from .rules import run_rules

    doc = open_docx(source)
    parts = find(doc)
    is_draft = parts.draft if du_thao is None else du_thao
    findings = list(run_rules(doc, parts, is_draft))
    return CheckResult(doc.name, findings, is_draft, parts.kind)


__all__ = ["CheckResult", "Finding", "Severity", "check"]
