"""Names of vanban 0.1 kept for one release: they work and warn (DeprecationWarning) with the new name."""

from __future__ import annotations

import functools
import importlib
import importlib.abc
import importlib.util
import sys
import warnings
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

#: Modules of vanban 0.1 and where their content lives now (import the public names from ``vanban``).
MODULES = {
    "vanban.errors": "vanban._errors",
    "vanban.io": "vanban._io",
    "vanban.components": "vanban._parts",
    "vanban.docview": "vanban._docx",
    "vanban.renderer": "vanban._render",
    "vanban.batch": "vanban._batch",
    "vanban.pdf": "vanban._pdf",
    "vanban.parsing": "vanban._parse",
    "vanban.tien_do": "vanban._tien_do",
    "vanban.checker": "vanban._checker",
    "vanban.checker.fix": "vanban._checker",
    "vanban.derive": "vanban._derive",
    "vanban.derive.bao_cao": "vanban._derive.bao_cao",
    "vanban.derive.nam_sau": "vanban._derive.nam_sau",
    "vanban.cli": "vanban._cli",
}


def warn(old: str, new: str) -> None:
    warnings.warn(f"vanban: '{old}' đã đổi thành '{new}'; tên cũ sẽ bỏ ở bản sau", DeprecationWarning, stacklevel=3)


def renamed_keywords(**names: str) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Accept a function's old keyword names, with a warning naming the new one."""

    def wrap(function: Callable[P, T]) -> Callable[P, T]:
        @functools.wraps(function)
        def call(*args: P.args, **kwargs: P.kwargs) -> T:
            for old, new in names.items():
                if old in kwargs:
                    warn(f"{function.__name__}({old}=…)", f"{function.__name__}({new}=…)")
                    kwargs[new] = kwargs.pop(old)
            return function(*args, **kwargs)

        return call

    return wrap


def alias(function: Callable[P, T], old: str) -> Callable[P, T]:
    """``function`` under its old name, warning on each call."""

    @functools.wraps(function)
    def call(*args: P.args, **kwargs: P.kwargs) -> T:
        warn(old, function.__name__)
        return function(*args, **kwargs)

    call.__name__ = call.__qualname__ = old
    return call


class _OldModules(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    """``import vanban.parsing`` and the like still work, with a warning, for one release."""

    def find_spec(self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None) -> Any:
        if fullname in MODULES:
            return importlib.util.spec_from_loader(fullname, self)
        return None

    def create_module(self, spec: Any) -> ModuleType:
        warn(spec.name, f"{MODULES[spec.name]} (dùng tên công khai trong 'vanban')")
        return importlib.import_module(MODULES[spec.name])

    def exec_module(self, module: ModuleType) -> None:
        pass


def install() -> None:
    if not any(isinstance(finder, _OldModules) for finder in sys.meta_path):
        sys.meta_path.insert(0, _OldModules())
