"""The physical bus: MMIO dispatch to a device (offsets, widths, values, sign extension),
access faults for unmapped physical addresses, device side effects during run(), statistics and
cost, and the GuestMemory service (GuestMemoryError outside RAM)."""
import pytest

from pyvirt.devices.device import Device
from pyvirt.errors import GuestMemoryError

from . import asm as A
from .asm import CODE, DATA, MASK64, PRV_S, RAM_BASE, RAM_SIZE, Machine

DEV_BASE = 0x1000_0000


class Recorder(Device):
    """Returns `value` (truncated by the bus) for reads; records every access."""

    name = "rec"
    size = 0x100

    def __init__(self, value=0):
        self.value = value
        self.log = []
        self.on_write = None

    def read(self, offset, size):
        self.log.append(("r", offset, size))
        return self.value

    def write(self, offset, size, value):
        self.log.append(("w", offset, size, value))
        if self.on_write:
            self.on_write(offset, value)


@pytest.fixture
def dev():
    return Recorder()


@pytest.fixture
def m(dev):
    mach = Machine().park_handlers()
    mach.bus.add_device(DEV_BASE, dev)
    return mach


@pytest.mark.parametrize("op,size,want", [
    ("lb", 1, 0xFFFFFFFFFFFFFF88), ("lbu", 1, 0x88), ("lh", 2, 0xFFFFFFFFFFFF8788), ("lhu", 2, 0x8788),
    ("lw", 4, 0xFFFFFFFF85868788), ("lwu", 4, 0x85868788), ("ld", 8, 0x8182838485868788),
])
def test_mmio_loads(m, dev, op, size, want):
    dev.value = 0x8182838485868788
    m.exec(getattr(A, op)("a1", "a0", 0x10), a0=DEV_BASE)
    assert dev.log == [("r", 0x10, size)]
    assert m.x("a1") == want


@pytest.mark.parametrize("op,size", [("sb", 1), ("sh", 2), ("sw", 4), ("sd", 8)])
def test_mmio_stores(m, dev, op, size):
    # docs/architecture.md, Device interface: values are zero-extended size-byte integers
    m.exec(getattr(A, op)("a1", "a0", 0x18), a0=DEV_BASE, a1=0x1122334455667788)
    assert dev.log == [("w", 0x18, size, 0x1122334455667788 & ((1 << (8 * size)) - 1))]


def test_device_value_is_truncated_to_the_access_width(m, dev):
    dev.value = 0x1_0000_01FF
    m.exec(A.lbu("a1", "a0", 0), a0=DEV_BASE)
    assert m.x("a1") == 0xFF


def test_mmio_through_a_page_table(m, dev):
    from .test_mmu import PageTables, RX, RW, AF, DF
    pt = PageTables(m, pool=RAM_BASE + 0x8_0000)
    pt.map(CODE, CODE, RX | AF)
    pt.map(0x4000_0000, DEV_BASE, RW | AF | DF)
    m.set_csr("satp", pt.satp())
    dev.value = 42
    m.exec([A.lw("a1", "a0", 4), A.sw("a1", "a0", 8)], priv=PRV_S, a0=0x4000_0000)
    assert dev.log == [("r", 4, 4), ("w", 8, 4, 42)]
    assert m.x("a1") == 42


def test_every_access_reaches_the_device(m, dev):
    # repeated MMIO accesses are never cached by the TLB fast path
    p = A.Asm()
    for i in range(5):
        p.lw("a1", "a0", 0)
        p.sw("a1", "a0", 4)
    m.exec(p, a0=DEV_BASE)
    assert len(dev.log) == 10


@pytest.mark.parametrize("addr", [0x0, 0x1000, DEV_BASE + 0x100, DEV_BASE - 4, 0x7FFF_FFF8,
                                  RAM_BASE + RAM_SIZE, 0xFFFF_FFFF_FFFF_FFF8])
def test_unmapped_physical_addresses_fault(m, dev, addr):
    m.exec(A.ld("a1", "a0", 0), n=1, a0=addr)
    assert m.trap() == (5, CODE, addr)
    m.exec(A.sd("a1", "a0", 0), n=1, a0=addr)
    assert m.trap() == (7, CODE, addr)
    assert dev.log == []


def test_access_straddling_the_device_end_faults(m):
    odd = Recorder()
    odd.size = 0x104
    m.bus.add_device(DEV_BASE + 0x1000, odd)
    m.exec(A.lw("a1", "a0", 0x100), n=1, a0=DEV_BASE + 0x1000)
    assert odd.log == [("r", 0x100, 4)]
    m.exec(A.ld("a1", "a0", 0x100), n=1, a0=DEV_BASE + 0x1000)
    assert m.trap() == (5, CODE, DEV_BASE + 0x1100), "an aligned access running past the device"
    assert odd.log == [("r", 0x100, 4)]


def test_misaligned_mmio_faults(m, dev):
    m.exec(A.lw("a1", "a0", 0), n=1, a0=DEV_BASE + 2)
    cause, epc, tval = m.trap()
    assert cause in (4, 5) and tval == DEV_BASE + 2
    assert dev.log == []


def test_fetch_from_a_device_is_an_access_fault(m, dev):
    m.exec(A.jalr(0, "a0", 0), n=2, a0=DEV_BASE)
    assert m.trap() == (1, DEV_BASE, DEV_BASE)
    assert dev.log == []


def test_load_from_last_bytes_of_ram(m):
    end = RAM_BASE + RAM_SIZE
    m.bus.write_u64(end - 8, 0xAABBCCDD11223344)
    m.exec(A.ld("a1", "a0", 0), n=1, a0=end - 8)
    assert m.x("a1") == 0xAABBCCDD11223344
    m.exec(A.lw("a1", "a0", 0), n=1, a0=end - 2)
    assert m.trap()[0] == 5, "a load running off the end of RAM faults"


def test_access_running_off_the_end_of_ram(m):
    # privileged 1.12, 3.1.16: for a misaligned access that faults, mtval holds the address
    # of the portion of the access that caused the fault (here: the part beyond RAM)
    end = RAM_BASE + RAM_SIZE
    m.bus.write_bytes(end - 4, b"\x11\x22\x33\x44")
    m.exec(A.lw("a1", "a0", 0), n=1, a0=end - 2, a1=7)
    cause, epc, tval = m.trap()
    assert (cause, epc) == (5, CODE) and m.x("a1") == 7
    assert end <= tval < end + 2, hex(tval)
    m.exec(A.sd("a1", "a0", 0), n=1, a0=end - 4, a1=A.MASK64)
    cause, epc, tval = m.trap()
    assert (cause, epc) == (7, CODE)
    assert m.bus.read_bytes(end - 4, 4) == b"\x11\x22\x33\x44", "nothing stored"
    assert end <= tval < end + 4, hex(tval)


def test_device_can_stop_the_hart(m, dev):
    dev.on_write = lambda offset, value: m.hart.request_stop()
    code = m.exec([A.sw("a1", "a0", 0), A.addi("a2", 0, 1), A.addi("a2", 0, 2)], n=3, a0=DEV_BASE)
    assert code == A.EXIT_STOP
    assert m.hart.pc == CODE + 4, "the stop takes effect after the storing instruction"
    assert m.x("a2") == 0


def test_device_can_raise_an_interrupt(m, dev):
    dev.on_write = lambda offset, value: m.hart.set_mip_bit(11, bool(value))
    m.set_csr("mie", 1 << 11)
    m.set_csr("mstatus", 1 << 3)
    m.exec([A.sw("a1", "a0", 0), A.nop(), A.nop()], n=3, a0=DEV_BASE, a1=1)
    assert m.csr("mcause") == (1 << 63) | 11 and m.csr("mepc") == CODE + 4


def test_device_statistics_and_cost(dev):
    m = Machine(costs=(A.UNIT_CPI, dict(A.UNIT_EVENTS, device_access=50), 1))
    m.bus.add_device(DEV_BASE, dev)
    m.exec([A.lw("a1", "a0", 0), A.sw("a1", "a0", 0), A.sw("a1", "a0", 4)], a0=DEV_BASE)
    assert m.bus.device_stats() == {"rec": {"reads": 1, "writes": 2}}
    st = m.hart.stats()
    assert st["cycles"]["by_category"]["device"] == 150
    assert st["cycles"]["total"] == 153


def test_device_at(m, dev):
    assert m.bus.device_at(DEV_BASE + 0x80) is dev
    assert m.bus.device_at(DEV_BASE + 0x100) is None
    assert m.bus.device_at(RAM_BASE) is None


def test_two_devices_are_dispatched_by_address(m, dev):
    other = Recorder(7)
    other.name = "other"
    m.bus.add_device(DEV_BASE + 0x1000, other)
    dev.value = 3
    m.exec([A.lw("a1", "a0", 0x20), A.lw("a2", "a3", 0x24)], a0=DEV_BASE, a3=DEV_BASE + 0x1000)
    assert (m.x("a1"), m.x("a2")) == (3, 7)
    assert dev.log == [("r", 0x20, 4)] and other.log == [("r", 0x24, 4)]
    assert m.bus.device_stats() == {"rec": {"reads": 1, "writes": 0}, "other": {"reads": 1, "writes": 0}}


# ---- GuestMemory ----
def test_guest_memory_round_trip(m):
    m.bus.write_bytes(DATA, b"hello")
    assert m.bus.read_bytes(DATA, 5) == b"hello"
    m.bus.write_u16(DATA, 0x1234)
    m.bus.write_u32(DATA + 4, 0x89ABCDEF)
    m.bus.write_u64(DATA + 8, MASK64)
    assert m.bus.read_u16(DATA) == 0x1234 and m.bus.read_u32(DATA + 4) == 0x89ABCDEF
    assert m.bus.read_u64(DATA + 8) == MASK64
    assert m.bus.read_bytes(DATA, 0) == b""
    m.bus.write_bytes(RAM_BASE + RAM_SIZE - 3, b"end")
    assert m.bus.read_bytes(RAM_BASE + RAM_SIZE - 3, 3) == b"end"
    assert len(m.bus.ram_bytes()) == RAM_SIZE


def test_guest_memory_is_what_the_hart_sees(m):
    m.exec(A.sd("a1", "a0", 0), a0=DATA, a1=0x0102030405060708)
    assert m.bus.read_bytes(DATA, 8) == bytes([8, 7, 6, 5, 4, 3, 2, 1])


@pytest.mark.parametrize("addr,n", [
    (RAM_BASE - 1, 1), (RAM_BASE - 4, 8), (RAM_BASE + RAM_SIZE, 1), (RAM_BASE + RAM_SIZE - 4, 8),
    (RAM_BASE, RAM_SIZE + 1), (0, 16), (DEV_BASE, 4), (RAM_BASE + 16, MASK64),
    (MASK64, 2), (MASK64 - RAM_BASE, RAM_SIZE),
])
def test_guest_memory_error_outside_ram(m, addr, n):
    with pytest.raises(GuestMemoryError) as err:
        m.bus.read_bytes(addr, n)
    assert err.value.addr == addr and err.value.length == n
    if n <= RAM_SIZE + 1:
        with pytest.raises(GuestMemoryError):
            m.bus.write_bytes(addr, bytes(n))


@pytest.mark.parametrize("method", ["read_u16", "read_u32", "read_u64"])
def test_guest_memory_word_reads_check_range(m, method):
    with pytest.raises(GuestMemoryError):
        getattr(m.bus, method)(RAM_BASE + RAM_SIZE - 1)


@pytest.mark.parametrize("method", ["write_u16", "write_u32", "write_u64"])
def test_guest_memory_word_writes_check_range(m, method):
    before = m.bus.read_bytes(RAM_BASE + RAM_SIZE - 1, 1)
    with pytest.raises(GuestMemoryError):
        getattr(m.bus, method)(RAM_BASE + RAM_SIZE - 1, MASK64)
    assert m.bus.read_bytes(RAM_BASE + RAM_SIZE - 1, 1) == before, "nothing written"


def test_narrow_store_to_the_finisher_passes_only_the_stored_bytes():
    # A 16-bit store of 0x3333 (FAIL, code 0) from a register holding 0x13333: the device must
    # see the 16-bit value 0x3333, as on QEMU, not a failure with code 1.
    from pyvirt.devices.sifive_test import SifiveTest
    calls = []
    m = Machine().park_handlers()
    m.bus.add_device(0x10_0000, SifiveTest(lambda kind, code: calls.append((kind, code))))
    m.exec(A.sh("a1", "a0", 0), a0=0x10_0000, a1=0x1_3333)
    assert calls == [("fail", 0)]
