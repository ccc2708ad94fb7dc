"""Derivations: new documents computed from existing ones (pure functions, no files)."""

from .._deprecated import alias, renamed_keywords
from .bao_cao import ReportWarning, draft_report
from .nam_sau import Change, changes_json, changes_markdown
from .nam_sau import next_year as _next_year

next_year = renamed_keywords(year="nam", report="bao_cao", keep_done="giu_hoan_thanh")(_next_year)
draft_report = renamed_keywords(progress="tien_do")(draft_report)
#: vanban 0.1's name of :func:`draft_report`, which drafts monthly to annual reports, not only quarterly ones.
quarterly_report = alias(draft_report, "quarterly_report")

__all__ = [
    "Change",
    "ReportWarning",
    "changes_json",
    "changes_markdown",
    "draft_report",
    "next_year",
    "quarterly_report",
]
