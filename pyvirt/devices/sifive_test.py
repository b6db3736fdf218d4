"""SiFive test finisher ("sifive,test0" as on QEMU virt at 0x0010_0000).

A write to offset 0 of 16 or 32 bits (QEMU accepts both widths) is decoded as
`status = value & 0xFFFF`, `code = value >> 16`:
  0x5555 -> pass (exit code 0), 0x3333 -> fail with exit status `code`,
  0x7777 -> reset, which pyvirt treats as power-off with the 'reset' reason.
Other values, offsets and widths are ignored; reads return 0. The device keeps no state.
"""
from pyvirt.devices.device import Device

FINISHER_PASS = 0x5555
FINISHER_FAIL = 0x3333
FINISHER_RESET = 0x7777


class SifiveTest(Device):
    """Calls `on_power(kind, code)`: ('pass', 0), ('fail', code) or ('reset', 0)."""

    size = 0x1000

    def __init__(self, on_power, name: str = "sifive_test"):
        self.name = name
        self._on_power = on_power

    def write(self, offset: int, size: int, value: int) -> None:
        if offset != 0 or size not in (2, 4):
            return
        status = value & 0xFFFF
        code = (value >> 16) & 0xFFFF
        if status == FINISHER_PASS:
            self._on_power("pass", 0)
        elif status == FINISHER_FAIL:
            self._on_power("fail", code)
        elif status == FINISHER_RESET:
            self._on_power("reset", 0)
