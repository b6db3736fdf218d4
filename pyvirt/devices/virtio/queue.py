"""Split virtqueue, device side (virtio 1.2 §2.7 "Split Virtqueues").

Layout in guest memory (little-endian): the descriptor table holds `num` 16-byte entries
{addr u64, len u32, flags u16, next u16}; the available (driver) ring is {flags u16, idx u16,
ring[num] u16}; the used (device) ring is {flags u16, idx u16, ring[num] {id u32, len u32}}.
Supported: NEXT chaining, WRITE buffers, indirect tables (VIRTIO_F_INDIRECT_DESC, §2.7.5.3)
and VIRTQ_AVAIL_F_NO_INTERRUPT; VIRTIO_F_EVENT_IDX is not offered.

Everything the driver controls is checked: queue size and ring alignment at activation, the
available index (never more than `num` ahead), descriptor indices, chain length (a loop ends
the walk), indirect table sizes, buffer ordering (readable before writable) and chain byte
counts. A violation raises VirtqueueError; guest memory accesses raise GuestMemoryError
outside RAM. The transport turns either into DEVICE_NEEDS_RESET.
"""
import struct
from dataclasses import dataclass, field
from typing import Iterator, List, Tuple

VIRTQ_DESC_F_NEXT = 0x1
VIRTQ_DESC_F_WRITE = 0x2
VIRTQ_DESC_F_INDIRECT = 0x4
VIRTQ_AVAIL_F_NO_INTERRUPT = 0x1

DESC_SIZE = 16
DESC_FORMAT = "<QIHH"
MAX_CHAIN_BYTES = 1 << 32          # §2.7.13.1: a chain is at most 2^32 bytes
ADDRESS_LIMIT = 1 << 64


class VirtqueueError(Exception):
    """The driver broke a virtqueue rule; the device needs a reset."""


@dataclass
class Chain:
    """One descriptor chain: device-readable then device-writable (address, length) segments."""
    head: int
    readable: List[Tuple[int, int]] = field(default_factory=list)
    writable: List[Tuple[int, int]] = field(default_factory=list)
    readable_len: int = 0
    writable_len: int = 0

    def add(self, addr: int, length: int, device_writable: bool) -> None:
        if addr + length > ADDRESS_LIMIT:
            raise VirtqueueError(f"descriptor 0x{addr:x}+{length} wraps the address space")
        if self.readable_len + self.writable_len + length > MAX_CHAIN_BYTES:
            raise VirtqueueError("descriptor chain longer than 2^32 bytes")
        if device_writable:
            self.writable.append((addr, length))
            self.writable_len += length
        elif self.writable:
            raise VirtqueueError("device-readable descriptor after a device-writable one")
        else:
            self.readable.append((addr, length))
            self.readable_len += length


def _pieces(segments: List[Tuple[int, int]], offset: int, n: int) -> List[Tuple[int, int]]:
    """(address, length) pieces covering bytes [offset, offset+n) of `segments`."""
    pieces = []
    for addr, length in segments:
        if n == 0:
            break
        if offset >= length:
            offset -= length
            continue
        take = min(length - offset, n)
        pieces.append((addr + offset, take))
        offset, n = 0, n - take
    if n:
        raise VirtqueueError("request does not fit in the descriptor chain")
    return pieces


class Virtqueue:
    """One split virtqueue: driver-set configuration plus the device's ring positions."""

    def __init__(self, mem, num_max: int):
        self.mem = mem
        self.num_max = num_max
        self.reset()

    def reset(self) -> None:
        self.num = self.num_max
        self.desc_addr = self.driver_addr = self.device_addr = 0
        self.ready = False
        self.indirect = False              # VIRTIO_F_INDIRECT_DESC negotiated
        self.last_avail_idx = 0            # next available-ring entry the device reads
        self.used_idx = 0                  # the device's copy of used.idx
        self.used_since_interrupt = False

    def activate(self, indirect: bool) -> None:
        """Start the queue after checking size and ring alignment (§2.7: 16, 2, 4 bytes)."""
        num = self.num
        if not (1 <= num <= self.num_max and num & (num - 1) == 0):
            raise VirtqueueError(f"queue size {num} is not a power of 2 in 1..{self.num_max}")
        if self.desc_addr % 16 or self.driver_addr % 2 or self.device_addr % 4:
            raise VirtqueueError("misaligned virtqueue ring")
        self.indirect = indirect
        self.ready = True

    # --- available ring ----------------------------------------------------------------
    def drain(self) -> Iterator[Chain]:
        """Yield the chains the driver made available up to avail.idx as read on entry."""
        avail_idx = self.mem.read_u16(self.driver_addr + 2)
        count = (avail_idx - self.last_avail_idx) & 0xFFFF
        if count > self.num:
            raise VirtqueueError(f"avail.idx {avail_idx} is {count} entries ahead of the device")
        for _ in range(count):
            slot = self.last_avail_idx % self.num
            head = self.mem.read_u16(self.driver_addr + 4 + 2 * slot)
            self.last_avail_idx = (self.last_avail_idx + 1) & 0xFFFF
            yield self._walk(head)

    def _descriptor(self, table: int, index: int) -> Tuple[int, int, int, int]:
        return struct.unpack(DESC_FORMAT, self.mem.read_bytes(table + DESC_SIZE * index, DESC_SIZE))

    def _walk(self, head: int) -> Chain:
        """Follow a chain from `head`; at most `count` descriptors per table, so loops end."""
        chain = Chain(head)
        table, count, index, in_indirect, visited = self.desc_addr, self.num, head, False, 0
        while True:
            if index >= count:
                raise VirtqueueError(f"descriptor index {index} out of range (table of {count})")
            visited += 1
            if visited > count:
                raise VirtqueueError("descriptor chain loops")
            addr, length, flags, next_index = self._descriptor(table, index)
            if flags & VIRTQ_DESC_F_INDIRECT:
                self._check_indirect(length, flags, in_indirect)
                table, count, index, in_indirect, visited = addr, length // DESC_SIZE, 0, True, 0
                continue
            chain.add(addr, length, bool(flags & VIRTQ_DESC_F_WRITE))
            if not flags & VIRTQ_DESC_F_NEXT:
                return chain
            index = next_index

    def _check_indirect(self, length: int, flags: int, in_indirect: bool) -> None:
        """§2.7.5.3: negotiated, not nested, not combined with NEXT, a whole number of entries."""
        if not self.indirect:
            raise VirtqueueError("indirect descriptor without VIRTIO_F_INDIRECT_DESC")
        if in_indirect or flags & VIRTQ_DESC_F_NEXT:
            raise VirtqueueError("nested indirect table or INDIRECT with NEXT")
        if length == 0 or length % DESC_SIZE:
            raise VirtqueueError(f"indirect table length {length} is not a multiple of 16")

    # --- buffer data -------------------------------------------------------------------
    def read(self, chain: Chain, offset: int, n: int) -> bytes:
        """n bytes of the chain's device-readable part, from `offset`."""
        return b"".join(self.mem.read_bytes(addr, length)
                        for addr, length in _pieces(chain.readable, offset, n))

    def write(self, chain: Chain, offset: int, data: bytes) -> None:
        """Store `data` into the chain's device-writable part at `offset`."""
        done = 0
        for addr, length in _pieces(chain.writable, offset, len(data)):
            self.mem.write_bytes(addr, data[done:done + length])
            done += length

    # --- used ring ---------------------------------------------------------------------
    def push(self, chain: Chain, written: int) -> None:
        """Return `chain` to the driver, `written` bytes having been stored into it."""
        entry = self.device_addr + 4 + 8 * (self.used_idx % self.num)
        self.mem.write_bytes(entry, struct.pack("<II", chain.head, written))
        self.used_idx = (self.used_idx + 1) & 0xFFFF
        self.mem.write_u16(self.device_addr + 2, self.used_idx)
        self.used_since_interrupt = True

    def take_interrupt(self) -> bool:
        """True once after buffers were used, unless the driver set VIRTQ_AVAIL_F_NO_INTERRUPT."""
        if not self.used_since_interrupt:
            return False
        self.used_since_interrupt = False
        return not self.mem.read_u16(self.driver_addr) & VIRTQ_AVAIL_F_NO_INTERRUPT

    # --- snapshot ----------------------------------------------------------------------
    STATE_FIELDS = ("num", "desc_addr", "driver_addr", "device_addr", "ready", "indirect",
                    "last_avail_idx", "used_idx", "used_since_interrupt")

    def get_state(self) -> dict:
        return {key: getattr(self, key) for key in self.STATE_FIELDS}

    def set_state(self, state: dict) -> None:
        for key in self.STATE_FIELDS:
            setattr(self, key, state[key])
