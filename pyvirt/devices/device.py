"""Device: the base class of every MMIO device model (docs/architecture.md, "Device interface").

Contract:
- `read(offset, size)` / `write(offset, size, value)`: `offset` is relative to the device's
  base, `size` is 1, 2, 4 or 8 bytes, values are zero-extended little-endian integers.
  Registers a device does not implement (or an access width it does not support) read as 0
  and ignore writes, as QEMU does for reserved registers; an access never raises.
- Devices touch guest RAM only through `GuestMemory`, which checks every address and length.
- `get_state()` returns plain data (ints, bytes, str, lists, dicts) that `set_state()` accepts
  on a device built with the same constructor arguments. `set_state()` re-drives the
  device's output lines (IRQ, hart pins) to the restored levels; doing so is idempotent
  when the whole machine is restored from one snapshot.
- `stats()` returns a dict of int counters (empty if the device counts nothing).
"""


class Device:
    """An MMIO device model: `name` (statistics key) and `size` (bytes of MMIO space)."""

    name = "device"
    size = 0

    def read(self, offset: int, size: int) -> int:
        return 0

    def write(self, offset: int, size: int, value: int) -> None:
        pass

    def get_state(self) -> dict:
        return {}

    def set_state(self, state: dict) -> None:
        pass

    def stats(self) -> dict:
        return {}
