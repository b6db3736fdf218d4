"""sifive_test finisher: pass / fail(code) / reset, everything else ignored."""
import pytest

from pyvirt.devices.sifive_test import SifiveTest


@pytest.fixture
def finisher():
    calls = []
    return SifiveTest(lambda kind, code: calls.append((kind, code))), calls


def test_pass(finisher):
    dev, calls = finisher
    dev.write(0, 4, 0x5555)
    assert calls == [("pass", 0)]


def test_fail_carries_exit_code(finisher):
    dev, calls = finisher
    dev.write(0, 4, 0x3333 | (42 << 16))
    assert calls == [("fail", 42)]


def test_reset_is_power_off_with_reset_reason(finisher):
    dev, calls = finisher
    dev.write(0, 4, 0x7777)
    assert calls == [("reset", 0)]


@pytest.mark.parametrize("offset,size,value", [
    (0, 4, 0x1234),          # unknown status
    (4, 4, 0x5555),          # wrong offset
    (0, 1, 0x55),            # byte write
])
def test_other_writes_are_ignored(finisher, offset, size, value):
    dev, calls = finisher
    dev.write(offset, size, value)
    assert calls == []


def test_reads_zero_and_size(finisher):
    dev, _ = finisher
    assert dev.read(0, 4) == 0
    assert dev.size == 0x1000
    assert dev.name == "sifive_test"
