"""Errors raised by vanban. The CLI alone turns them into messages and exit codes."""

from __future__ import annotations


class VanbanError(Exception):
    """Base of every error vanban raises on purpose; the message is Vietnamese."""


class VanbanWarning(UserWarning):
    """Something a clerk should know that is not an error; the command line prints it as "Chú ý: …"."""


class InputError(VanbanError, ValueError):
    """A user's file or value is wrong: where it is, and what was expected."""

    def __init__(self, message: str, *, source: str | None = None, details: list[str] | None = None):
        self.source = source
        self.details = details or []
        super().__init__(message)

    def __str__(self) -> str:
        head = f"{self.source}: {self.args[0]}" if self.source else self.args[0]
        return "\n".join([head, *(f"  - {line}" for line in self.details)])


class TemplateError(VanbanError, ValueError):
    """A Word template is missing, unreadable, or uses a variable the model lacks."""


class RenderError(VanbanError, RuntimeError):
    """Rendering failed for a reason other than bad input."""


class WriteError(VanbanError, OSError):
    """An output could not be written (permissions, disk full, a folder in the way); nothing was left half-written."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


_REASONS = {
    "ENOENT": "không có tệp hay thư mục này",
    "EACCES": "không có quyền",
    "EPERM": "không có quyền",
    "EEXIST": "đã có một tệp trùng tên (cần một thư mục)",
    "ENOTDIR": "một phần của đường dẫn là tệp, không phải thư mục",
    "EISDIR": "đây là thư mục, không phải tệp",
    "ENAMETOOLONG": "tên tệp quá dài",
    "ELOOP": "đường dẫn vòng (liên kết trỏ lẫn nhau)",
    "ENOSPC": "ổ đĩa hết chỗ",
    "EROFS": "ổ đĩa chỉ đọc",
    "EFBIG": "tệp quá lớn",
    "EMFILE": "mở quá nhiều tệp cùng lúc",
    "EBUSY": "tệp đang bận (đang mở ở chương trình khác?)",
}


def os_message(exc: OSError) -> str:
    """What the system refused, in Vietnamese, with the path it named."""
    import errno

    reason = _REASONS.get(errno.errorcode.get(exc.errno or 0, ""), "hệ thống không cho thực hiện")
    path = exc.filename if exc.filename is not None else ""
    return f"'{path}': {reason}" if path else reason
