"""Reading the user's files within bounds, and writing so that a failure never leaves half a file behind.

Every write goes through a fresh temporary file created in the target's folder (``O_EXCL``, never
following a link) and is renamed into place; :func:`write_all` puts several outputs in place
together or not at all.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import stat
import tempfile
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TypeVar

from ._errors import InputError, WriteError, os_message

PathLike = str | os.PathLike[str]
P = TypeVar("P", bound=str | os.PathLike[str])

MAX_TEXT = 16 * 1024 * 1024  # a YAML, JSON, CSV or text file
_UMASK = os.umask(0o022)
os.umask(_UMASK)
_MODE = 0o666 & ~_UMASK
#: First line of every YAML file vanban writes; a side file that carries it may be replaced.
HEADER = "# vanban"


def read_bytes(path: PathLike, *, limit: int, error: type[InputError] = InputError, what: str = "tệp") -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; a folder, FIFO or device is refused."""
    name = str(path)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise error("đây là thư mục, không phải tệp", source=name)
        if not stat.S_ISREG(info.st_mode):
            raise error(f"không phải {what} thông thường (thiết bị, ống dẫn…): không đọc", source=name)
        if info.st_size > limit:
            raise error(f"{what} quá lớn ({_mb(info.st_size)}; tối đa {_mb(limit)})", source=name)
        with open(path, "rb") as stream:
            data = stream.read(limit + 1)
    except FileNotFoundError:
        raise error("không tìm thấy tệp", source=name) from None
    except PermissionError:
        raise error("không có quyền đọc tệp", source=name) from None
    except OSError as exc:
        raise error(f"không đọc được tệp: {os_message(exc.__class__(exc.errno, ''))}", source=name) from None
    if len(data) > limit:
        raise error(f"{what} quá lớn (tối đa {_mb(limit)})", source=name)
    return data


def read_text(path: PathLike, *, windows: bool = False, limit: int = MAX_TEXT) -> str:
    """A UTF-8 text file (a BOM is allowed), NFC; with ``windows``, Windows-1258 (Excel's CSV on a
    Vietnamese Windows) is read too."""
    data = read_bytes(path, limit=limit)
    try:
        value = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        if not windows:
            raise InputError("tệp phải lưu dạng văn bản UTF-8", source=str(path)) from None
        try:
            value = data.decode("cp1258")
        except UnicodeDecodeError:
            raise InputError("tệp không phải văn bản UTF-8 hay Windows-1258", source=str(path)) from None
    return unicodedata.normalize("NFC", value)


def _mb(size: int) -> str:
    return f"{size / 1_048_576:.0f} MB" if size >= 1_048_576 else f"{size / 1024:.0f} KB"


def _identity(path: Path) -> tuple[object, ...]:
    """What makes two paths one file: the device and inode when it exists (links followed), else the full path."""
    try:
        info = os.stat(path)
        return ("inode", info.st_dev, info.st_ino)
    except OSError:
        return ("path", str(path.resolve()))


def guard_outputs(inputs: Iterable[PathLike | None], outputs: Iterable[PathLike | None]) -> None:
    """Refuse a command that would write over one of its inputs, or write two outputs to one file."""
    sources = {_identity(Path(p)): Path(p) for p in inputs if p is not None}
    targets = [Path(p) for p in outputs if p is not None]
    if not sources and len(targets) < 2:
        return  # nothing to compare with
    seen: set[tuple[object, ...]] = set()
    for target in targets:
        identity = _identity(target)
        if identity in sources:
            raise InputError(f"tệp ra '{target}' trùng với tệp vào '{sources[identity]}': không ghi đè tệp của bạn")
        if identity in seen:
            raise InputError(f"hai tệp ra cùng là '{target}'")
        seen.add(identity)


def written_by_vanban(path: PathLike) -> bool:
    """Whether an existing regular file starts with vanban's header line (so vanban may replace it)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):  # a FIFO would block the read
            return False
        with open(path, "rb") as stream:
            return stream.read(len(HEADER) + 3).decode("utf-8-sig", "replace").startswith(HEADER)
    except OSError:
        return False


def _temporary(path: Path) -> Path:
    """A new, empty temporary file beside ``path`` (O_EXCL: never an existing file or link)."""
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    return Path(name)


def _fail(path: Path, exc: OSError) -> WriteError:
    reason = "không có quyền ghi" if isinstance(exc, PermissionError) else os_message(exc.__class__(exc.errno, ""))
    return WriteError(f"không ghi được '{path}': {reason}")


def write_all(
    files: Mapping[P, bytes],
    *,
    inputs: Iterable[PathLike | None] = (),
    side_files: Iterable[PathLike] = (),
    dry_run: bool = False,
) -> list[Path]:
    """Write every file, all together or none: on any failure no target is changed and no temporary file is left.

    A target that is one of ``inputs`` (also through a link), or named twice, is refused; so is a target in
    ``side_files`` that exists and was not written by vanban (a file the user did not name to be replaced).
    ``dry_run`` only checks that, before the work that makes the content.
    """
    targets = [Path(p) for p in files]
    guard_outputs(inputs, targets)
    for side in side_files:
        if os.path.lexists(side) and not written_by_vanban(side):
            raise InputError(f"'{side}' đã có và không do vanban ghi: không ghi đè (cho phép ghi đè: --overwrite)")
    for target in targets:
        _writable(target)
    if dry_run:
        return targets
    staged: list[tuple[Path, Path]] = []
    backups: list[tuple[Path, Path | None]] = []
    current = targets[0] if targets else Path()
    try:
        for current, data in zip(targets, files.values(), strict=True):
            _writable(current)
            handle, name = tempfile.mkstemp(prefix=f".{current.name}.", suffix=".tmp", dir=current.parent)
            temp = Path(name)
            staged.append((current, temp))
            with os.fdopen(handle, "wb") as stream:  # the file O_EXCL made, never a name someone put there since
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temp, _MODE)
        for current, temp in staged:
            backups.append((current, _backup(current) if len(staged) > 1 else None))
            os.replace(temp, current)
    except OSError as exc:
        _roll_back(staged, backups)
        raise _fail(current, exc) from None
    except BaseException:
        _roll_back(staged, backups)
        raise
    for _, backup in backups:
        if backup is not None:
            backup.unlink(missing_ok=True)
    return targets


def _writable(target: Path) -> None:
    """A target may be a new name, a regular file or a link (the link is replaced, never written through)."""
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise _fail(target, exc) from None
    if stat.S_ISDIR(mode):
        raise WriteError(f"'{target}' là thư mục, không ghi đè được")
    if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
        raise WriteError(f"'{target}' không phải tệp thông thường (thiết bị, ống dẫn…): không ghi")


def _backup(target: Path) -> Path | None:
    """A second name for what is now at ``target`` (restored if a later write of the same command fails): a hard
    link to it (to the link itself for a symbolic link), else a copy of a regular file; never read through a link."""
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        return None
    backup = target.with_name(f".{target.name}.{secrets.token_hex(6)}.bak")
    try:
        os.link(target, backup, follow_symlinks=False)
        return backup
    except OSError:
        if not stat.S_ISREG(mode):
            raise
    backup = _temporary(target)
    try:
        shutil.copyfile(target, backup, follow_symlinks=False)
    except BaseException:
        backup.unlink(missing_ok=True)
        raise
    return backup


def _roll_back(staged: list[tuple[Path, Path]], backups: list[tuple[Path, Path | None]]) -> None:
    for target, backup in reversed(backups):
        with contextlib.suppress(OSError):
            if backup is not None:
                os.replace(backup, target)
            else:
                target.unlink(missing_ok=True)
    for _, temp in staged:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)


def write_atomic(path: PathLike, data: bytes) -> Path:
    """Write one file in one step: the old content stays whole until the new one is complete."""
    return write_all({path: data})[0]
