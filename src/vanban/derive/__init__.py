"""Derivations: new documents computed from existing ones (pure functions, no files)."""

from .bao_cao import quarterly_report

__all__ = ["quarterly_report"]
