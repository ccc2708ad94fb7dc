"""The rule registry (in the manner of ruff and pylint): each rule is one unit that declares its ID, severity,
component, what the decree asks, the clause, and where safe its fix. Rules are listed in report order.

A check yields :class:`Finding` values. Whether a finding is fixable is decided per finding by its rule's
fix (``applies``), never at the place that reports it; :func:`fix` applies the fixes of the findings it
is given and lists every change.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

from .._docx import DocView, Para
from .._nd30 import Format, allowed_sizes
from .._parts import Components, clean, is_upper

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
    count: int = 1  # places with the same fault, reported once
    targets: tuple[Any, ...] = field(default=(), repr=False, compare=False)  # what a fix acts on
    data: tuple[tuple[str, Any], ...] = field(default=(), repr=False, compare=False)

    def to_dict(self) -> dict[str, object]:
        out = asdict(self)
        del out["targets"], out["data"]
        return out

    def value(self, name: str, default: Any = None) -> Any:
        return dict(self.data).get(name, default)


@dataclass
class Context:
    doc: DocView
    parts: Components
    draft: bool
    profile: Any = None  # vanban._checker.profile.Profile

    def format_of(self, component: str) -> Format:
        return self.profile.format(component) if self.profile is not None else _default_format(component)


def _default_format(component: str) -> Format:
    from .._nd30 import FORMATS

    return FORMATS[component]


Check = Callable[[Context], Iterable[Finding]]


@dataclass
class Fix:
    """A rule's fix: whether it applies to a finding, and what it does (it returns the changes made)."""

    apply: Callable[[Context, Finding], list[str]]
    applies: Callable[[Context, Finding], bool] = lambda ctx, finding: True


@dataclass
class Rule:
    id: str
    severity: Severity
    component: str
    title: str
    clause: str
    check: Check
    fix: Fix | None = None

    def fixer(
        self, applies: Callable[[Context, Finding], bool] | None = None
    ) -> Callable[[Callable[[Context, Finding], list[str]]], Callable[[Context, Finding], list[str]]]:
        """Attach the rule's fix: ``@RULE.fixer()`` over a function ``(ctx, finding) -> changes``."""

        def attach(apply: Callable[[Context, Finding], list[str]]) -> Callable[[Context, Finding], list[str]]:
            self.fix = Fix(apply, applies or (lambda ctx, finding: True))
            return apply

        return attach


RULES: dict[str, Rule] = {}


def rule(rule_id: str, severity: Severity, component: str, title: str, clause: str) -> Callable[[Check], Rule]:
    """Register a rule (report order is registration order)."""

    def register(check: Check) -> Rule:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} registered twice")
        created = Rule(rule_id, severity, component, title, clause, check)
        RULES[rule_id] = created
        return created

    return register


def run(ctx: Context) -> list[Finding]:
    """Every rule's findings, each marked fixable when its rule's fix applies to it."""
    out = []
    for current in RULES.values():
        if ctx.profile is not None and ctx.profile.off(current.id):
            continue
        for found in current.check(ctx):
            if ctx.profile is not None:
                found = ctx.profile.adjust(found)
            fixable = current.fix is not None and current.fix.applies(ctx, found)
            out.append(replace(found, fixable=fixable))
    return out


# --- building findings ----------------------------------------------------------------------------
def snippet(para: Para | None, length: int = 48) -> str:
    if para is None:
        return ""
    text = clean(para.full_text)
    return text if len(text) <= length else text[: length - 1] + "…"


def where(para: Para | None) -> str:
    if para is None:
        return ""
    place = {"table": "bảng", "textbox": "hộp văn bản", "header": "đầu trang", "footer": "chân trang"}.get(para.place)
    suffix = f" ({place})" if place else ""
    return f"đoạn {para.index + 1}{suffix}: «{snippet(para)}»"


def finding(
    rule_id: str,
    message: str,
    para: Para | None = None,
    expected: object = "",
    actual: object = "",
    *,
    severity: Severity | None = None,
    at: str = "",
    targets: Iterable[Any] = (),
    count: int = 1,
    **data: Any,
) -> Finding:
    """A finding of a registered rule (its severity and component unless said otherwise)."""
    known = RULES[rule_id]
    chosen = list(targets) or ([para] if para is not None else [])
    return Finding(
        rule_id,
        severity or known.severity,
        message,
        known.component,
        at or where(para),
        str(expected),
        str(actual),
        count=count,
        targets=tuple(chosen),
        data=tuple(sorted(data.items())),
    )


def grouped(findings: Iterable[Finding]) -> Iterator[Finding]:
    """One finding per kind of fault, with the count, the first place and every target."""
    groups: dict[tuple[str, str, str], list[Finding]] = {}
    for item in findings:
        groups.setdefault((item.rule, item.severity, item.message), []).append(item)
    for items in groups.values():
        first = items[0]
        prefix = f"{len(items)} chỗ — " if len(items) > 1 else ""
        yield replace(
            first,
            message=prefix + first.message,
            count=len(items),
            targets=tuple(t for item in items for t in item.targets),
        )


def pt(size: float | None) -> str:
    return "không rõ" if size is None else f"{size:g} pt"


def format_findings(
    para: Para, fmt: Format, name: str, rules: dict[str, str], *, sizes: set[float] | None = None
) -> Iterator[Finding]:
    """Size, bold, italic, capitals and centring of one component paragraph, against its format.

    ``rules`` names the rule for each aspect: ``size``, ``bold``, ``italic``, ``caps``, ``center``.
    """
    allowed = sizes if sizes is not None else allowed_sizes(fmt)
    actual = {size for size in para.sizes if size is not None}
    if "size" in rules and actual and not actual <= allowed:
        wanted = "–".join(f"{s:g}" for s in sorted(set(fmt.sizes)))
        yield finding(
            rules["size"],
            f"{name}: cỡ chữ phải {wanted} pt",
            para,
            f"{wanted} pt",
            ", ".join(pt(s) for s in sorted(actual)),
            aspect="size",
            size=fmt.size,
        )
    if "bold" in rules:
        if fmt.bold is True and not para.bold:
            yield finding(rules["bold"], f"{name}: phải in đậm", para, "đậm", "không đậm", aspect="bold", value=True)
        if fmt.bold is False and para.any_bold:
            yield finding(rules["bold"], f"{name}: không in đậm", para, "không đậm", "đậm", aspect="bold", value=False)
    if "italic" in rules:
        if fmt.italic is True and not para.italic:
            yield finding(
                rules["italic"], f"{name}: phải in nghiêng", para, "nghiêng", "đứng", aspect="italic", value=True
            )
        if fmt.italic is False and para.any_italic:
            yield finding(
                rules["italic"],
                f"{name}: phải để chữ đứng (không nghiêng)",
                para,
                "đứng",
                "nghiêng",
                aspect="italic",
                value=False,
            )
    if "caps" in rules and fmt.caps:
        if any(run.small_caps for run in para.visible_runs):
            yield finding(
                rules["caps"],
                f"{name}: phải in hoa thật, không dùng chữ hoa nhỏ (small caps)",
                para,
                "IN HOA",
                "small caps",
                aspect="small_caps",
            )
        elif not is_upper(para.text):
            by_format = bool(para.visible_runs) and all(r.caps for r in para.visible_runs)
            shown = "chữ thường đổi thành hoa bằng định dạng" if by_format else "có chữ thường"
            yield finding(
                rules["caps"],
                f"{name}: phải in hoa",
                para,
                "IN HOA",
                shown,
                severity="W" if by_format else None,
                aspect="caps",
            )
    if "center" in rules and fmt.center and para.jc != "center":
        if para.text.startswith(("  ", "\t")):
            yield finding(
                rules["center"],
                f"{name}: căn giữa bằng dấu cách/tab, nên dùng căn giữa",
                para,
                "căn giữa",
                "dấu cách",
                severity="W",
                aspect="center",
            )
        else:
            yield finding(
                rules["center"], f"{name}: phải căn giữa", para, "căn giữa", para.jc or "căn trái", aspect="center"
            )


def rule_line_finding(
    rule_id: str, line_length: int | None, text_length: int, name: str, para: Para | None, *, full: bool, drawn: bool
) -> Iterator[Finding]:
    """A solid rule under a component: the Tiêu ngữ's length (full) or 1/3–1/2 of the text."""
    from .._nd30 import RULE_ERROR, RULE_WARN, TIEU_NGU_RULE_ERROR, TIEU_NGU_RULE_WARN

    if not drawn:
        yield finding(rule_id, f"thiếu đường kẻ dưới {name}", para, "đường kẻ liền", "không có")
        return
    if not line_length or not text_length:
        return
    ratio = line_length / text_length
    if full:
        warn, error, wanted = TIEU_NGU_RULE_WARN, TIEU_NGU_RULE_ERROR, "bằng độ dài Tiêu ngữ"
    else:
        warn, error, wanted = RULE_WARN, RULE_ERROR, "từ 1/3 đến 1/2 độ dài dòng chữ"
    if not error[0] <= ratio <= error[1]:
        severity: Severity = "E"
    elif not warn[0] <= ratio <= warn[1]:
        severity = "W"
    else:
        return
    yield finding(
        rule_id, f"đường kẻ dưới {name} dài chưa đúng ({wanted})", para, wanted,
        f"{ratio:.0%} độ dài chữ ({line_length / 567:.1f} cm)", severity=severity,
    )  # fmt: skip


def heading_title(text: str) -> str:
    """The title part of a heading line: before a colon that is followed by content."""
    match = re.match(r"^(.*?):\s*\S", text)
    return match[1] if match else text
