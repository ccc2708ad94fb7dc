"""Derivations: new documents computed from existing ones (pure functions, no files)."""

from .bao_cao import quarterly_report
from .nam_sau import Change, changes_markdown, next_year

__all__ = ["Change", "changes_markdown", "next_year", "quarterly_report"]
