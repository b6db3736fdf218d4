"""SiFive CLINT for one hart (SiFive CLINT / RISC-V ACLINT spec: MSWI + MTIMER, QEMU virt layout).

Registers (offsets from 0x0200_0000):
  0x0000  msip      32-bit; bit 0 drives mip.MSIP (bit 3), the other bits read 0
  0x4000  mtimecmp  64-bit; 8-byte access, or 4-byte halves at 0x4000 (lo) / 0x4004 (hi)
  0xBFF8  mtime     64-bit, read-only here; 8-byte, or 4-byte halves at 0xBFF8 / 0xBFFC
mtime is derived from simulated cycles by the hart (`hart.mtime()`), so guest writes to
mtime are ignored (QEMU lets them move the timebase; pyvirt keeps simulated time a function
of the instruction stream only). mtimecmp lives in the hart (`hart.set_mtimecmp()`), which
compares it with mtime and drives mip.MTIP; it is part of the hart's state, not this device's.
"""
from pyvirt.devices.device import Device

MSIP = 0x0000
MTIMECMP = 0x4000
MTIME = 0xBFF8
MIP_MSIP_BIT = 3
LOW32 = 0xFFFF_FFFF


def _read64(value: int, offset: int, base: int, size: int) -> int:
    """Read a 64-bit register at `base` whole (8 bytes) or by 4-byte halves; 0 otherwise."""
    if size == 8 and offset == base:
        return value
    if size == 4 and offset in (base, base + 4):
        return (value >> (8 * (offset - base))) & LOW32
    return 0


def _merge64(old: int, offset: int, base: int, size: int, value: int) -> int:
    """Return `old` with an 8-byte write or a 4-byte half write at `offset` applied."""
    if size == 8 and offset == base:
        return value & 0xFFFF_FFFF_FFFF_FFFF
    if size == 4 and offset in (base, base + 4):
        shift = 8 * (offset - base)
        return (old & ~(LOW32 << shift)) | ((value & LOW32) << shift)
    return old


class Clint(Device):
    """CLINT of a single hart; `hart` provides set_mip_bit, mtime, set_mtimecmp, get_mtimecmp."""

    size = 0x1_0000

    def __init__(self, hart, name: str = "clint"):
        self.name = name
        self._hart = hart
        self._msip = 0

    def read(self, offset: int, size: int) -> int:
        if offset == MSIP and size == 4:
            return self._msip
        if MTIMECMP <= offset < MTIMECMP + 8:
            return _read64(self._hart.get_mtimecmp(), offset, MTIMECMP, size)
        if MTIME <= offset < MTIME + 8:
            return _read64(self._hart.mtime(), offset, MTIME, size)
        return 0

    def write(self, offset: int, size: int, value: int) -> None:
        if offset == MSIP and size == 4:
            self._set_msip(value & 1)
        elif MTIMECMP <= offset < MTIMECMP + 8:
            old = self._hart.get_mtimecmp()
            self._hart.set_mtimecmp(_merge64(old, offset, MTIMECMP, size, value))

    def _set_msip(self, bit: int) -> None:
        self._msip = bit
        self._hart.set_mip_bit(MIP_MSIP_BIT, bool(bit))

    def get_state(self) -> dict:
        return {"msip": self._msip}

    def set_state(self, state: dict) -> None:
        self._set_msip(state["msip"])
