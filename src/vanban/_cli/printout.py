"""The findings of a check, grouped by component, for the terminal (rich): the checker's printout."""

from __future__ import annotations

from typing import Any

from vanban import CheckResult

_STYLE = {"E": "bold red", "W": "yellow", "I": "cyan"}
_NAME = {"E": "lỗi", "W": "cảnh báo", "I": "thông tin"}
SHOWN_PER_RULE = 20  # findings printed per rule; the rest are counted


def print_findings(result: CheckResult, console: Any = None) -> None:
    """Print one document's findings, grouped by component, with a summary line."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    out = console if console is not None else Console(highlight=False, soft_wrap=False)
    kind = {"KH": "kế hoạch", "BC": "báo cáo"}.get(result.kind or "", result.kind or "văn bản")
    state = " (dự thảo)" if result.draft else ""
    out.print(Text(f"{result.source} — {kind}{state}", style="bold"))
    if not result.findings:
        out.print(Text("  Không có vi phạm nào. Đạt thể thức Nghị định 30/2020/NĐ-CP.", style="green"))
        return
    groups: dict[str, list[Any]] = {}
    for finding in result.findings:
        groups.setdefault(finding.component, []).append(finding)
    for component, findings in groups.items():
        table = Table(title=component, title_justify="left", show_header=False, box=None, padding=(0, 1), expand=True)
        table.add_column(width=1, no_wrap=True)
        table.add_column(width=15, no_wrap=True)
        table.add_column(ratio=1)
        shown: dict[str, int] = {}
        for finding in findings:
            shown[finding.rule] = shown.get(finding.rule, 0) + 1
            if shown[finding.rule] > SHOWN_PER_RULE:
                continue
            detail = Text(finding.message)
            if finding.where:
                detail.append(f"\n{finding.where}", style="dim")
            if finding.expected or finding.actual:
                detail.append(f"\ncần: {finding.expected} · đang: {finding.actual}", style="dim")
            if finding.fixable:
                detail.append("  [sửa được: --fix]", style="green")
            table.add_row(Text(finding.severity, style=_STYLE[finding.severity]), finding.rule, detail)
        for rule, count in shown.items():
            if count > SHOWN_PER_RULE:
                more = Text(f"… và {count - SHOWN_PER_RULE} chỗ khác cùng mã (xem đủ: --json)", style="dim")
                table.add_row(Text(""), rule, more)
        out.print(table)
    counts = ", ".join(f"{len([f for f in result.findings if f.severity == s])} {_NAME[s]}" for s in ("E", "W", "I"))
    verdict = Text(
        "  Không đạt" if not result.ok else "  Đạt (không có lỗi E)", style="bold red" if not result.ok else "green"
    )
    out.print(verdict + Text(f": {counts}."))
    out.print()
