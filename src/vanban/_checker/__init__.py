"""Check any DOCX against Nghị định 30/2020/NĐ-CP and report every violation by rule ID; fix what is only
formatting, never a word.

    >>> result = vanban.check("ke-hoach.docx")                   # doctest: +SKIP
    >>> [f.rule for f in result.findings if f.severity == "E"]  # doctest: +SKIP
    >>> fixed = vanban.fix("ke-hoach.docx"); fixed.changes       # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from .._deprecated import renamed_keywords
from .catalogue import RuleStatus
from .catalogue import catalogue as list_rules
from .core import RULES, SEVERITY_ORDER, Context, Finding, Severity, run
from .profile import CheckProfile, load_profile

Source = str | os.PathLike[str] | bytes | IO[bytes]


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


@dataclass
class FixResult:
    """A fixed copy: its bytes, the check before and after, and every change made (formatting only)."""

    data: bytes
    before: CheckResult
    after: CheckResult
    changes: list[str] = field(default_factory=list)

    @property
    def fixed(self) -> int:
        """How many findings the fixes removed."""
        return len(self.before.findings) - len(self.after.findings)

    def __iter__(self) -> Iterator[Any]:  # vanban 0.1: ``data, result = fix(path)``
        return iter((self.data, self.after))


def _profile(profile: CheckProfile | str | os.PathLike[str] | None) -> CheckProfile | None:
    if profile is None or isinstance(profile, CheckProfile):
        return profile
    return load_profile(profile)


def _context(source: Source, du_thao: bool | None, profile: CheckProfile | str | os.PathLike[str] | None) -> Context:
    from .._docx import open_docx
    from .._parts import find

    doc = open_docx(source)
    parts = find(doc)
    return Context(doc, parts, parts.draft if du_thao is None else du_thao, _profile(profile))


@renamed_keywords(draft="du_thao")
def check(
    source: Source, *, du_thao: bool | None = None, profile: CheckProfile | str | os.PathLike[str] | None = None
) -> CheckResult:
    """Check a DOCX (path, bytes or binary file). ``du_thao=None`` recognises drafts by their blanks;
    ``profile`` is an agency's local conventions (:class:`CheckProfile` or the path of a ``vanban.toml``)."""
    ctx = _context(source, du_thao, profile)
    return CheckResult(ctx.doc.name, run(ctx), ctx.draft, ctx.parts.kind)


@renamed_keywords(draft="du_thao")
def fix(
    source: Source,
    *,
    du_thao: bool | None = None,
    profile: CheckProfile | str | os.PathLike[str] | None = None,
    rules: Iterable[str] | None = None,
) -> FixResult:
    """A copy of the DOCX with the fixable findings fixed (all, or those of ``rules``), checked again.

    Only formatting changes: no text, field, symbol, bookmark, footer or paragraph is removed or moved;
    the only change to characters is Unicode NFC.
    """
    ctx = _context(source, du_thao, profile)
    findings = run(ctx)
    wanted = set(rules) if rules is not None else None
    changes: list[str] = []
    for found in findings:
        if found.fixable and (wanted is None or found.rule in wanted):
            fixer = RULES[found.rule].fix
            assert fixer is not None
            changes += [change for change in fixer.apply(ctx, found) if change]
    data = ctx.doc.to_bytes()
    before = CheckResult(ctx.doc.name, findings, ctx.draft, ctx.parts.kind)
    return FixResult(data, before, check(data, du_thao=du_thao, profile=ctx.profile), list(dict.fromkeys(changes)))


def annotate(
    source: Source, *, du_thao: bool | None = None, profile: CheckProfile | str | os.PathLike[str] | None = None
) -> tuple[bytes, CheckResult]:
    """A copy of the DOCX with each finding as a Word comment at its place, and the check."""
    from .._docx.annotate import annotate_findings
    from .._docx.package import source_bytes

    data, _ = source_bytes(source)
    ctx = _context(data, du_thao, profile)
    result = CheckResult(
        getattr(source, "name", str(source)) if not isinstance(source, bytes) else "<bytes>",
        run(ctx),
        ctx.draft,
        ctx.parts.kind,
    )
    return annotate_findings(ctx.doc, result.findings, data), result


__all__ = [
    "SEVERITY_ORDER",
    "CheckProfile",
    "CheckResult",
    "Finding",
    "FixResult",
    "RuleStatus",
    "Severity",
    "annotate",
    "check",
    "fix",
    "list_rules",
    "load_profile",
]
