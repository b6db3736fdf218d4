"""The legacy PIO disk: an IDE/ATA-PIO-style controller whose data moves 8 bytes per MMIO
access (docs/pio-disk.md has the register map and protocol). Commands complete synchronously
and deterministically; the interrupt line is raised when a sector's data phase starts and
when a command completes, and lowered by reading STATUS, as ATA does."""
import struct

from pyvirt.devices.device import Device
from pyvirt.devices.disk_image import SECTOR_SIZE, DiskImage

DATA, COUNT, LBA_LO, LBA_HI, COMMAND_STATUS, ERROR, CONTROL, CAP_LO, CAP_HI = \
    0x00, 0x08, 0x0C, 0x10, 0x14, 0x18, 0x1C, 0x20, 0x24
CMD_READ, CMD_WRITE, CMD_FLUSH, CMD_IDENTIFY = 0x20, 0x30, 0xE7, 0xEC
ST_DRDY, ST_DF, ST_DRQ, ST_ERR = 0x40, 0x20, 0x08, 0x01
ERR_ABRT, ERR_IDNF = 0x04, 0x10
CTL_NIEN, CTL_SRST = 0x02, 0x04
COUNTERS = ("commands", "sectors_read", "sectors_written", "data_accesses", "errors")


class PioDisk(Device):
    """A PIO disk over the image at `path`, raising `irq(level)`."""

    size = 0x1000

    def __init__(self, path: str, irq, name: str = "piodisk"):
        self.name = name
        self._image = DiskImage(path)
        self._irq = irq
        self._counters = dict.fromkeys(COUNTERS, 0)
        self._reset()

    def _reset(self):
        self._count = self._lba = self._error = self._control = 0
        self._status = ST_DRDY
        self._command = 0
        self._sector = 0              # sector of the current data phase
        self._left = 0                # sectors still to transfer
        self._buffer = bytearray(SECTOR_SIZE)
        self._pos = 0
        self._set_irq(False)

    def close(self):
        self._image.close()

    # --- registers ----------------------------------------------------------------------
    def read(self, offset: int, size: int) -> int:
        if offset == DATA and size == 8:
            return self._read_data()
        if size != 4:
            return 0
        if offset == COMMAND_STATUS:
            self._set_irq(False)
            return self._status
        return {COUNT: self._count, LBA_LO: self._lba & 0xFFFFFFFF, LBA_HI: self._lba >> 32,
                ERROR: self._error, CAP_LO: self._image.capacity & 0xFFFFFFFF,
                CAP_HI: self._image.capacity >> 32}.get(offset, 0)

    def write(self, offset: int, size: int, value: int) -> None:
        if offset == DATA and size == 8:
            self._write_data(value)
        elif size != 4:
            return
        elif offset == COUNT:
            self._count = value & 0xFFFFFFFF
        elif offset == LBA_LO:
            self._lba = (self._lba & ~0xFFFFFFFF) | (value & 0xFFFFFFFF)
        elif offset == LBA_HI:
            self._lba = (self._lba & 0xFFFFFFFF) | ((value & 0xFFFFFFFF) << 32)
        elif offset == COMMAND_STATUS:
            self._start(value & 0xFF)
        elif offset == CONTROL:
            self._control = value & CTL_NIEN
            if value & CTL_SRST:
                self._reset()

    # --- commands -----------------------------------------------------------------------
    def _start(self, command: int):
        """Begin a command: validate it and enter its data phase (or complete it)."""
        self._counters["commands"] += 1
        self._error = 0
        self._command = command
        sectors = self._count or 256
        if command in (CMD_READ, CMD_WRITE):
            if not self._image.in_range(self._lba, sectors * SECTOR_SIZE):
                return self._fail(ERR_IDNF)
            self._sector, self._left = self._lba, sectors
            if command == CMD_READ:
                return self._load_sector()
            return self._data_phase()
        if command == CMD_FLUSH:
            return self._complete(ST_DRDY if self._image.flush() else ST_DRDY | ST_DF | ST_ERR)
        if command == CMD_IDENTIFY:
            self._left = 1
            self._buffer = bytearray(self._identify())
            return self._data_phase()
        return self._fail(ERR_ABRT)

    def _identify(self) -> bytes:
        """ATA IDENTIFY DEVICE data: 256 words; 60-61 and 100-103 hold the capacity."""
        words = [0] * 256
        cap = self._image.capacity
        words[60], words[61] = cap & 0xFFFF, (cap >> 16) & 0xFFFF
        for i in range(4):
            words[100 + i] = (cap >> (16 * i)) & 0xFFFF
        return struct.pack("<256H", *words)

    def _load_sector(self):
        data = self._image.read(self._sector, SECTOR_SIZE)
        if data is None:
            return self._fail(ERR_ABRT, ST_DF)
        self._buffer = bytearray(data)
        self._data_phase()

    def _data_phase(self):
        self._pos = 0
        self._status = ST_DRDY | ST_DRQ
        self._set_irq(True)

    def _read_data(self) -> int:
        if not (self._status & ST_DRQ) or self._command == CMD_WRITE:
            self._error = ERR_ABRT
            return 0
        self._counters["data_accesses"] += 1
        value = int.from_bytes(self._buffer[self._pos:self._pos + 8], "little")
        self._pos += 8
        if self._pos == SECTOR_SIZE:
            self._sector_done()
        return value

    def _write_data(self, value: int):
        if not (self._status & ST_DRQ) or self._command != CMD_WRITE:
            self._error = ERR_ABRT
            return
        self._counters["data_accesses"] += 1
        self._buffer[self._pos:self._pos + 8] = value.to_bytes(8, "little")
        self._pos += 8
        if self._pos == SECTOR_SIZE:
            if not self._image.write(self._sector, bytes(self._buffer)):
                return self._fail(ERR_ABRT, ST_DF)
            self._sector_done()

    def _sector_done(self):
        """One sector transferred: start the next or complete the command."""
        if self._command == CMD_READ:
            self._counters["sectors_read"] += 1
        elif self._command == CMD_WRITE:
            self._counters["sectors_written"] += 1
        self._sector += 1
        self._left -= 1
        if self._left == 0:
            return self._complete(ST_DRDY)
        if self._command == CMD_READ:
            return self._load_sector()
        self._data_phase()

    def _complete(self, status: int):
        self._status = status
        self._set_irq(True)

    def _fail(self, error: int, extra: int = 0):
        self._counters["errors"] += 1
        self._error = error
        self._left = 0
        self._complete(ST_DRDY | ST_ERR | extra)

    def _set_irq(self, level: bool):
        self._irq_level = bool(level) and not (self._control & CTL_NIEN)
        self._irq(self._irq_level)

    # --- snapshot / statistics ----------------------------------------------------------
    def get_state(self) -> dict:
        return {"count": self._count, "lba": self._lba, "error": self._error, "control": self._control,
                "status": self._status, "command": self._command, "sector": self._sector,
                "left": self._left, "buffer": bytes(self._buffer), "pos": self._pos,
                "irq": self._irq_level, "counters": dict(self._counters)}

    def set_state(self, state: dict) -> None:
        self._count, self._lba, self._error = state["count"], state["lba"], state["error"]
        self._control, self._status, self._command = state["control"], state["status"], state["command"]
        self._sector, self._left, self._pos = state["sector"], state["left"], state["pos"]
        self._buffer = bytearray(state["buffer"])
        self._counters = dict(state["counters"])
        self._set_irq(state["irq"])

    def stats(self) -> dict:
        return dict(self._counters)
