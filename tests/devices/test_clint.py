"""CLINT: msip -> mip.MSIP, mtimecmp through the hart (whole and halves), mtime read-only."""
import pytest

from pyvirt.devices.clint import Clint


@pytest.fixture
def clint(hart):
    return Clint(hart)


def test_msip_drives_mip_bit_3(clint, hart):
    clint.write(0x0, 4, 1)
    assert hart.mip_calls[-1] == (3, True)
    assert clint.read(0x0, 4) == 1
    clint.write(0x0, 4, 0)
    assert hart.mip_calls[-1] == (3, False)
    assert clint.read(0x0, 4) == 0


def test_msip_keeps_only_bit_0(clint, hart):
    clint.write(0x0, 4, 0xFFFF_FFFE)
    assert clint.read(0x0, 4) == 0
    assert not hart.mip_bit(3)


def test_mtimecmp_64_bit_access(clint, hart):
    clint.write(0x4000, 8, 0x1122_3344_5566_7788)
    assert hart.mtimecmp == 0x1122_3344_5566_7788
    assert clint.read(0x4000, 8) == 0x1122_3344_5566_7788
    assert clint.read(0x4000, 4) == 0x5566_7788
    assert clint.read(0x4004, 4) == 0x1122_3344


def test_mtimecmp_32_bit_halves(clint, hart):
    hart.mtimecmp = 0
    clint.write(0x4004, 4, 0xAAAA_BBBB)
    clint.write(0x4000, 4, 0xCCCC_DDDD)
    assert hart.mtimecmp == 0xAAAA_BBBB_CCCC_DDDD
    clint.write(0x4004, 4, 0)
    assert hart.mtimecmp == 0xCCCC_DDDD


def test_mtime_reads_the_hart_and_ignores_writes(clint, hart):
    hart.mtime_value = 0x0000_0001_2345_6789
    assert clint.read(0xBFF8, 8) == 0x1_2345_6789
    assert clint.read(0xBFF8, 4) == 0x2345_6789
    assert clint.read(0xBFFC, 4) == 1
    clint.write(0xBFF8, 8, 0)
    assert clint.read(0xBFF8, 8) == 0x1_2345_6789


def test_unimplemented_offsets_read_zero(clint):
    assert clint.read(0x4, 4) == 0        # msip of a second hart
    assert clint.read(0x4008, 8) == 0     # mtimecmp of a second hart
    assert clint.read(0x4002, 2) == 0     # odd width inside mtimecmp


def test_state_round_trip(clint, hart):
    clint.write(0x0, 4, 1)
    state = clint.get_state()
    other_hart = type(hart)()
    restored = Clint(other_hart)
    restored.set_state(state)
    assert restored.read(0x0, 4) == 1
    assert other_hart.mip_bit(3)
