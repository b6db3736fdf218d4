"""The migration stream over a socket. Both sides first send the 12-byte handshake (magic
b"PYVMIG\\0\\0", version u32 LE) and check the other's; then messages are frames:

    kind (u8) | payload length (u32 LE) | crc32 of the payload (u32 LE) | payload

Kinds: HELLO (JSON: the guest RAM size, the mode), PAGES (zstd of: page count u32, then per page its frame number u32 and 4096 bytes),
STATE (a snapshot file's bytes without the `ram` section: snapshot/format.py), ACK (the
destination has restored the VM and runs it; empty). On a control connection to a `pyvirt host`
(`pyvirt migrate`): MIGRATE (JSON: the destination, the link, the instruction to migrate at)
and its answer REPORT (JSON: the migration report, or the error)."""
import struct
import zlib

import zstandard

from pyvirt.errors import PyvirtError

MAGIC = b"PYVMIG\0\0"
VERSION = 1
PAGE = 4096
HELLO, PAGES, STATE, ACK, MIGRATE, REPORT = 1, 2, 3, 4, 5, 6
KIND_NAMES = {HELLO: "HELLO", PAGES: "PAGES", STATE: "STATE", ACK: "ACK", MIGRATE: "MIGRATE", REPORT: "REPORT"}
_HANDSHAKE = struct.Struct("<8sI")
_FRAME = struct.Struct("<BII")
_COUNT = struct.Struct("<I")


class MigrationError(PyvirtError):
    """The migration stream broke or carried something unexpected."""


def handshake(sock) -> None:
    """Exchange and check the magic and version with the other side."""
    sock.sendall(_HANDSHAKE.pack(MAGIC, VERSION))
    magic, version = _HANDSHAKE.unpack(_recv_exact(sock, _HANDSHAKE.size))
    if magic != MAGIC:
        raise MigrationError("the other side is not a pyvirt migration peer")
    if version != VERSION:
        raise MigrationError(f"the other side speaks migration stream version {version}, this pyvirt {VERSION}")


def send(sock, kind: int, payload: bytes = b"") -> None:
    sock.sendall(_FRAME.pack(kind, len(payload), zlib.crc32(payload)) + payload)


def receive(sock):
    """(kind, payload) of the next frame; MigrationError if it is damaged or the stream ended."""
    kind, length, crc = _FRAME.unpack(_recv_exact(sock, _FRAME.size))
    if kind not in KIND_NAMES:
        raise MigrationError(f"unknown frame kind {kind}")
    payload = _recv_exact(sock, length)
    if zlib.crc32(payload) != crc:
        raise MigrationError(f"{KIND_NAMES[kind]} frame damaged (crc32 mismatch)")
    return kind, payload


def _recv_exact(sock, n: int) -> bytes:
    parts, left = [], n
    while left:
        chunk = sock.recv(min(left, 1 << 20))
        if not chunk:
            raise MigrationError("the connection closed in the middle of the migration")
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


def pack_pages(ram: bytes, frames) -> bytes:
    """A PAGES payload with the given page frame numbers' contents from ram."""
    parts = [_COUNT.pack(len(frames))]
    for pfn in frames:
        parts += [_COUNT.pack(pfn), ram[pfn * PAGE:(pfn + 1) * PAGE]]
    return zstandard.ZstdCompressor(level=1).compress(b"".join(parts))


def unpack_pages(payload: bytes, image: bytearray) -> int:
    """Write a PAGES payload's pages into image; return how many there were."""
    try:
        data = zstandard.ZstdDecompressor().decompress(payload)
    except zstandard.ZstdError as e:
        raise MigrationError(f"PAGES frame does not decompress ({e})") from None
    (count,) = _COUNT.unpack_from(data, 0)
    if len(data) != 4 + count * (4 + PAGE):
        raise MigrationError("PAGES frame has the wrong length")
    for i in range(count):
        at = 4 + i * (4 + PAGE)
        (pfn,) = _COUNT.unpack_from(data, at)
        if (pfn + 1) * PAGE > len(image):
            raise MigrationError(f"PAGES frame names page {pfn}, beyond guest RAM")
        image[pfn * PAGE:(pfn + 1) * PAGE] = data[at + 4:at + 4 + PAGE]
    return count
