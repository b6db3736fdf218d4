"""The legacy PIO disk (docs/pio-disk.md): the ATA-PIO-style protocol, errors and interrupts."""
import struct

import pytest

from pyvirt.devices.piodisk import (CAP_HI, CAP_LO, CMD_FLUSH, CMD_IDENTIFY, CMD_READ, CMD_WRITE,
                                    COMMAND_STATUS, CONTROL, COUNT, CTL_NIEN, CTL_SRST, DATA, ERR_ABRT,
                                    ERR_IDNF, ERROR, LBA_HI, LBA_LO, PioDisk, ST_DRDY, ST_DRQ, ST_ERR)

SECTORS = 16


@pytest.fixture
def image(tmp_path):
    path = tmp_path / "disk.img"
    path.write_bytes(bytes(range(256)) * 2 * SECTORS)
    return path


@pytest.fixture
def disk(image):
    levels = []
    dev = PioDisk(str(image), levels.append)
    dev.levels = levels
    yield dev
    dev.close()


def command(dev, cmd, lba=0, count=1):
    dev.write(COUNT, 4, count)
    dev.write(LBA_LO, 4, lba & 0xFFFFFFFF)
    dev.write(LBA_HI, 4, lba >> 32)
    dev.write(COMMAND_STATUS, 4, cmd)


def read_sector(dev):
    return b"".join(dev.read(DATA, 8).to_bytes(8, "little") for _ in range(64))


def test_capacity_registers(disk):
    assert disk.read(CAP_LO, 4) == SECTORS
    assert disk.read(CAP_HI, 4) == 0
    assert disk.read(COMMAND_STATUS, 4) == ST_DRDY


def test_read_two_sectors_through_the_data_port(disk, image):
    command(disk, CMD_READ, lba=3, count=2)
    assert disk.read(COMMAND_STATUS, 4) == ST_DRDY | ST_DRQ
    data = read_sector(disk) + read_sector(disk)
    assert data == image.read_bytes()[3 * 512:5 * 512]
    assert disk.read(COMMAND_STATUS, 4) == ST_DRDY          # DRQ clears after the last sector
    assert disk.stats()["sectors_read"] == 2
    assert disk.stats()["data_accesses"] == 128


def test_write_then_read_back(disk, image):
    payload = bytes((i * 7) & 0xFF for i in range(512))
    command(disk, CMD_WRITE, lba=5)
    for i in range(64):
        disk.write(DATA, 8, int.from_bytes(payload[8 * i:8 * i + 8], "little"))
    assert disk.read(COMMAND_STATUS, 4) == ST_DRDY
    assert image.read_bytes()[5 * 512:6 * 512] == payload
    command(disk, CMD_READ, lba=5)
    assert read_sector(disk) == payload


def test_out_of_range_sets_idnf(disk):
    command(disk, CMD_READ, lba=SECTORS - 1, count=2)
    assert disk.read(COMMAND_STATUS, 4) == ST_DRDY | ST_ERR
    assert disk.read(ERROR, 4) == ERR_IDNF
    assert disk.read(DATA, 8) == 0                            # no data phase


def test_unknown_command_aborts(disk):
    command(disk, 0x99)
    assert disk.read(COMMAND_STATUS, 4) & ST_ERR
    assert disk.read(ERROR, 4) == ERR_ABRT


def test_identify_reports_capacity(disk):
    command(disk, CMD_IDENTIFY)
    words = struct.unpack("<256H", read_sector(disk))
    assert words[60] | (words[61] << 16) == SECTORS
    assert words[100] == SECTORS


def test_interrupt_raised_per_data_phase_and_acknowledged_by_status(disk):
    command(disk, CMD_READ, lba=0, count=1)
    assert disk.levels[-1] is True
    disk.read(COMMAND_STATUS, 4)
    assert disk.levels[-1] is False
    read_sector(disk)                                         # completion raises it again
    assert disk.levels[-1] is True


def test_nien_masks_the_interrupt_and_srst_resets(disk):
    disk.write(CONTROL, 4, CTL_NIEN)
    command(disk, CMD_FLUSH)
    assert disk.levels[-1] is False
    command(disk, CMD_READ, lba=0, count=1)
    disk.write(CONTROL, 4, CTL_SRST)
    assert disk.read(COMMAND_STATUS, 4) == ST_DRDY            # the data phase was abandoned


def test_state_round_trip_mid_transfer(disk, image):
    command(disk, CMD_READ, lba=1, count=1)
    first = [disk.read(DATA, 8) for _ in range(10)]
    state = disk.get_state()
    other = PioDisk(str(image), lambda level: None)
    other.set_state(state)
    rest = [other.read(DATA, 8) for _ in range(54)]
    data = b"".join(v.to_bytes(8, "little") for v in first + rest)
    assert data == image.read_bytes()[512:1024]
    other.close()
