"""The snapshot file: a header, then named sections, each compressed with zstd and checked by
sha256 (docs/snapshots.md has the byte layout). Files are written atomically: a temporary
file in the same directory, fsync, rename over the final name, fsync of the directory.

    header   magic b"PYVSNAP\\0" | format version (u32 LE) | section count (u32 LE)
    section  name length (u16 LE) | name (UTF-8) | stored length (u64 LE) | raw length (u64 LE)
             | sha256 of the stored bytes (32) | stored bytes (a zstd frame)
"""
import hashlib
import os
import struct
import tempfile

import zstandard

from pyvirt.errors import PyvirtError

MAGIC = b"PYVSNAP\0"
FORMAT_VERSION = 1
_HEADER = struct.Struct("<8sII")
_SECTION = struct.Struct("<QQ32s")
_NAME_LEN = struct.Struct("<H")
ZSTD_LEVEL = 3


class SnapshotError(PyvirtError):
    """A snapshot file that cannot be used (corrupted, truncated, another format version, ...)."""


def pack(sections: dict) -> bytes:
    """The snapshot file's bytes for sections {name: bytes}."""
    parts = [_HEADER.pack(MAGIC, FORMAT_VERSION, len(sections))]
    for name, raw in sections.items():
        stored = zstandard.ZstdCompressor(level=ZSTD_LEVEL).compress(raw)
        encoded = name.encode()
        parts += [_NAME_LEN.pack(len(encoded)), encoded, _SECTION.pack(len(stored), len(raw),
                                                                       hashlib.sha256(stored).digest()), stored]
    return b"".join(parts)


def write(path: str, sections: dict) -> int:
    """Write sections {name: bytes} to path atomically; return the file's size in bytes."""
    data = pack(sections)
    directory = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=f".{os.path.basename(path)}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    _fsync_directory(directory)
    return len(data)


def _umask() -> int:
    """The process's umask (a new snapshot gets the permissions open() would give it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _fsync_directory(directory: str) -> None:
    """Make the rename durable (where the platform allows opening a directory)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def read(path: str) -> dict:
    """The sections {name: bytes} of the snapshot file at path; SnapshotError if it is not a
    complete, intact snapshot of this format version."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise SnapshotError(f"{path}: cannot read snapshot: {e.strerror}") from None
    return unpack(data, path)


def unpack(data: bytes, path: str = "<snapshot>") -> dict:
    """The sections of a snapshot's bytes (path names it in errors)."""
    if data[:len(MAGIC)] != MAGIC[:len(data)]:
        raise SnapshotError(f"{path}: not a pyvirt snapshot (bad magic)")
    reader = _Reader(path, data)
    _, version, count = reader.unpack(_HEADER, "header")
    if version != FORMAT_VERSION:
        raise SnapshotError(f"{path}: snapshot format version {version}, this pyvirt reads version {FORMAT_VERSION}")
    sections = {}
    for _ in range(count):
        name, raw = reader.section()
        sections[name] = raw
    if not reader.at_end():
        raise SnapshotError(f"{path}: {len(data) - reader.pos} bytes of garbage after the last section")
    return sections


class _Reader:
    """Sequential, bounds-checked parsing of a snapshot's bytes."""

    def __init__(self, path: str, data: bytes):
        self.path, self.data, self.pos = path, data, 0

    def take(self, n: int, what: str) -> bytes:
        if self.pos + n > len(self.data):
            raise SnapshotError(f"{self.path}: truncated snapshot (in the {what})")
        chunk = self.data[self.pos:self.pos + n]
        self.pos += n
        return chunk

    def unpack(self, fmt: struct.Struct, what: str):
        return fmt.unpack(self.take(fmt.size, what))

    def at_end(self) -> bool:
        return self.pos == len(self.data)

    def section(self):
        """(name, raw bytes) of the next section, checked and decompressed."""
        (name_len,) = self.unpack(_NAME_LEN, "section header")
        try:
            name = self.take(name_len, "section header").decode()
        except UnicodeDecodeError:
            raise SnapshotError(f"{self.path}: corrupted snapshot (bad section name)") from None
        stored_len, raw_len, digest = self.unpack(_SECTION, f"header of section '{name}'")
        stored = self.take(stored_len, f"section '{name}'")
        if hashlib.sha256(stored).digest() != digest:
            raise SnapshotError(f"{self.path}: section '{name}' is corrupted (checksum mismatch)")
        try:
            raw = zstandard.ZstdDecompressor().decompress(stored, max_output_size=raw_len)
        except zstandard.ZstdError as e:
            raise SnapshotError(f"{self.path}: section '{name}' does not decompress ({e})") from None
        if len(raw) != raw_len:
            raise SnapshotError(f"{self.path}: section '{name}' has {len(raw)} bytes, the header says {raw_len}")
        return name, raw
