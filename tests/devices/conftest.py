"""Fakes for device tests: a hart's interrupt pins and timer, guest RAM, an IRQ line recorder,
and a minimal virtio-mmio driver (virtio 1.2 §3.1.1 and §2.7) for the virtio tests."""
import struct

import pytest

from pyvirt.errors import GuestMemoryError

RAM_BASE = 0x8000_0000


class FakeHart:
    """Records set_mip_bit calls; mtime is settable; keeps mtimecmp like the hart does."""

    def __init__(self):
        self.mip_calls = []            # (bit, level) in call order
        self.mip = 0
        self.mtime_value = 0
        self.mtimecmp = (1 << 64) - 1

    def set_mip_bit(self, bit, level):
        self.mip_calls.append((bit, bool(level)))
        self.mip = (self.mip | (1 << bit)) if level else (self.mip & ~(1 << bit))

    def mip_bit(self, bit):
        return bool(self.mip >> bit & 1)

    def mtime(self):
        return self.mtime_value

    def set_mtimecmp(self, value):
        self.mtimecmp = value

    def get_mtimecmp(self):
        return self.mtimecmp


class FakeMemory:
    """GuestMemory over a bytearray at RAM_BASE; GuestMemoryError outside it."""

    def __init__(self, size=1 << 20, base=RAM_BASE):
        self.base = base
        self.ram = bytearray(size)

    def _offset(self, pa, n):
        if pa < self.base or pa + n > self.base + len(self.ram):
            raise GuestMemoryError(pa, n)
        return pa - self.base

    def read_bytes(self, pa, n):
        offset = self._offset(pa, n)
        return bytes(self.ram[offset:offset + n])

    def write_bytes(self, pa, data):
        offset = self._offset(pa, len(data))
        self.ram[offset:offset + len(data)] = data

    def read_u16(self, pa):
        return struct.unpack("<H", self.read_bytes(pa, 2))[0]

    def read_u32(self, pa):
        return struct.unpack("<I", self.read_bytes(pa, 4))[0]

    def read_u64(self, pa):
        return struct.unpack("<Q", self.read_bytes(pa, 8))[0]

    def write_u16(self, pa, value):
        self.write_bytes(pa, struct.pack("<H", value))

    def write_u32(self, pa, value):
        self.write_bytes(pa, struct.pack("<I", value))

    def write_u64(self, pa, value):
        self.write_bytes(pa, struct.pack("<Q", value))


class IrqLine:
    """A callable `irq(level)` that remembers the level and every call."""

    def __init__(self):
        self.level = False
        self.calls = []

    def __call__(self, level):
        self.level = bool(level)
        self.calls.append(self.level)


class VirtioDriver:
    """Drives a VirtioMmio device the way a guest driver does, with rings in FakeMemory."""

    DESC = RAM_BASE + 0x1000
    AVAIL = RAM_BASE + 0x2000
    USED = RAM_BASE + 0x3000
    DATA = RAM_BASE + 0x10000

    def __init__(self, dev, mem, num=8):
        self.dev, self.mem, self.num = dev, mem, num
        self.next_desc = 0
        self.avail_idx = 0

    def reg(self, offset):
        return self.dev.read(offset, 4)

    def set(self, offset, value):
        self.dev.write(offset, 4, value)

    def status(self):
        return self.reg(0x70)

    def add_status(self, bits):
        self.set(0x70, self.status() | bits)

    def device_features(self):
        self.set(0x14, 0)
        low = self.reg(0x10)
        self.set(0x14, 1)
        return self.reg(0x10) << 32 | low

    def negotiate(self, features):
        """Write the driver features, set FEATURES_OK; True if the device kept it."""
        self.set(0x24, 0)
        self.set(0x20, features & 0xFFFF_FFFF)
        self.set(0x24, 1)
        self.set(0x20, features >> 32)
        self.add_status(8)
        return bool(self.status() & 8)

    def setup_queue(self, index=0, num=None):
        self.set(0x30, index)
        self.set(0x38, self.num if num is None else num)
        for low, addr in ((0x80, self.DESC), (0x90, self.AVAIL), (0xA0, self.USED)):
            self.set(low, addr & 0xFFFF_FFFF)
            self.set(low + 4, addr >> 32)
        self.set(0x44, 1)

    def init(self, features=None):
        """Reset, ACKNOWLEDGE, DRIVER, negotiate, set up fresh rings for queue 0, DRIVER_OK."""
        self.set(0x70, 0)
        self.mem.write_bytes(self.DESC, bytes(self.USED + 0x1000 - self.DESC))
        self.next_desc = self.avail_idx = 0
        self.add_status(1)
        self.add_status(2)
        assert self.negotiate(self.device_features() if features is None else features)
        self.setup_queue()
        self.add_status(4)

    def put_descriptor(self, index, addr, length, flags, next_index=0, table=None):
        table = self.DESC if table is None else table
        entry = struct.pack("<QIHH", addr, length, flags, next_index)
        self.mem.write_bytes(table + 16 * index, entry)

    def submit(self, buffers):
        """Chain `buffers` [(addr, length, device_writable)] in free descriptors, publish it."""
        indices = [(self.next_desc + i) % self.num for i in range(len(buffers))]
        self.next_desc = (self.next_desc + len(buffers)) % self.num
        for i, (addr, length, writable) in enumerate(buffers):
            last = i == len(buffers) - 1
            flags = (0 if last else 1) | (2 if writable else 0)
            self.put_descriptor(indices[i], addr, length, flags, 0 if last else indices[i + 1])
        self.publish(indices[0])
        return indices[0]

    def publish(self, head):
        self.mem.write_u16(self.AVAIL + 4 + 2 * (self.avail_idx % self.num), head)
        self.avail_idx = (self.avail_idx + 1) & 0xFFFF
        self.mem.write_u16(self.AVAIL + 2, self.avail_idx)

    def notify(self, queue=0):
        self.set(0x50, queue)

    def used(self):
        """[(id, len)] of every used-ring entry the device has published."""
        count = self.mem.read_u16(self.USED + 2)
        return [struct.unpack("<II", self.mem.read_bytes(self.USED + 4 + 8 * (i % self.num), 8))
                for i in range(count)]


@pytest.fixture
def hart():
    return FakeHart()


@pytest.fixture
def mem():
    return FakeMemory()


@pytest.fixture
def irq():
    return IrqLine()


@pytest.fixture
def make_driver(mem):
    return lambda dev, num=8: VirtioDriver(dev, mem, num)
