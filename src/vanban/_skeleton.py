"""A template's zip package kept as it is, written again with a few parts replaced: the other parts' compressed
bytes are copied, not inflated and deflated again. Only for vanban's own templates (their bytes are trusted)."""

from __future__ import annotations

import struct
import zlib
from typing import NamedTuple

_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_VERSION = 20  # deflate, no zip64: what the spec asks a reader to support
_STORED, _DEFLATED = 0, 8


class _Member(NamedTuple):
    name: bytes
    method: int
    time: int
    date: int
    crc: int
    size: int
    data: bytes  # as stored (deflated or not)

    def local(self) -> bytes:
        head = _LOCAL.pack(
            0x04034B50, _VERSION, 0, self.method, self.time, self.date, self.crc, len(self.data), self.size,
            len(self.name), 0,
        )  # fmt: skip
        return head + self.name + self.data

    def central(self, offset: int) -> bytes:
        head = _CENTRAL.pack(
            0x02014B50, _VERSION, _VERSION, 0, self.method, self.time, self.date, self.crc, len(self.data),
            self.size, len(self.name), 0, 0, 0, 0, 0, offset,
        )  # fmt: skip
        return head + self.name


class Skeleton:
    """The parts of a DOCX in their order, each ready to be written unchanged."""

    def __init__(self, package: bytes) -> None:
        self._members: list[_Member] = []
        end = package.rindex(b"PK\x05\x06")
        count, _, start = struct.unpack_from("<HII", package, end + 10)
        for _ in range(count):
            fields = _CENTRAL.unpack_from(package, start)
            method, time, date, crc, size_in, size, name_length, extra_length, comment_length = fields[4:13]
            offset = fields[16]
            name = package[start + _CENTRAL.size : start + _CENTRAL.size + name_length]
            local_name, local_extra = struct.unpack_from("<HH", package, offset + 26)
            data_at = offset + 30 + local_name + local_extra
            self._members.append(_Member(name, method, time, date, crc, size, package[data_at : data_at + size_in]))
            start += _CENTRAL.size + name_length + extra_length + comment_length
        self._copied = {member.name.decode(): member.local() for member in self._members}

    def names(self) -> list[str]:
        return [member.name.decode() for member in self._members]

    def read(self, name: str) -> bytes:
        """One part as it is in the template, uncompressed."""
        member = next(member for member in self._members if member.name.decode() == name)
        return zlib.decompress(member.data, -15) if member.method == _DEFLATED else member.data

    def write(self, replaced: dict[str, bytes]) -> bytes:
        """The package with the parts named in ``replaced`` given new content (deflated), the others copied."""
        chunks: list[bytes] = []
        central: list[bytes] = []
        offset = 0
        for member in self._members:
            name = member.name.decode()
            if name in replaced:
                content = replaced[name]
                packer = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
                new = _Member(
                    member.name,
                    _DEFLATED,
                    member.time,
                    member.date,
                    zlib.crc32(content),
                    len(content),
                    packer.compress(content) + packer.flush(),
                )
                record = new.local()
                central.append(new.central(offset))
            else:
                record = self._copied[name]
                central.append(member.central(offset))
            chunks.append(record)
            offset += len(record)
        directory = b"".join(central)
        count = len(self._members)
        end = _END.pack(0x06054B50, 0, 0, count, count, len(directory), offset, 0)
        return b"".join([*chunks, directory, end])
