"""Event channels, the PV console and the block ring's backend under abuse: bad ports,
pointers and ring indices, lengths and addresses get error codes or error responses, never a
host memory access, and the disk is untouched by refused requests."""
import struct

import pytest

from tests.pv.harness import EBUSY, EFAULT, EINVAL, ENODEV, PvTest, frame, pv  # noqa: F401

BIND_PIRQ, SEND, MASK, UNMASK, EOI = 2, 3, 4, 5, 6
SHARED = frame(20)
RING = frame(30)
ARG = frame(31)
BUF = frame(40)
SECTORS = 64


def test_event_channel_ports(pv):
    assert pv.call("set_callbacks", 0x8020_0000, SHARED) == 0
    events = pv.vmm.events
    pv.bus.write_u32(ARG, 10)
    assert events.op(BIND_PIRQ, ARG) == 0
    port = pv.bus.read_u32(ARG + 4)
    assert 0 < port < 128 and events.stats()["ports_bound"] == {"pirq": 1}
    assert events.op(BIND_PIRQ, ARG) == EBUSY                 # the source is bound already
    pv.bus.write_u32(ARG, 64)
    assert events.op(BIND_PIRQ, ARG) == EINVAL
    pv.bus.write_u32(ARG, port)
    assert events.op(SEND, ARG) == EINVAL                      # no backend behind a pirq
    assert events.op(MASK, ARG) == 0 and pv.bus.read_u64(SHARED + 144) >> port & 1
    assert events.op(UNMASK, ARG) == 0 and not pv.bus.read_u64(SHARED + 144) >> port & 1
    assert events.op(EOI, ARG) == 0
    for bad in (0, 77, 128, 2**32 - 1):
        pv.bus.write_u32(ARG, bad)
        assert events.op(SEND, ARG) == EINVAL
    assert events.op(SEND, 0x1000_0000) == EFAULT
    assert events.op(SEND, ARG + 1) == EFAULT
    assert events.op(99, ARG) == EINVAL


def test_event_channel_out_field_never_lands_in_a_page_table(pv):
    assert pv.pin(frame(50), 0) == 0
    pv.bus.write_u32(frame(50), 12)                            # pirq 12 (a not-present entry)
    assert pv.vmm.events.op(BIND_PIRQ, frame(50)) == EFAULT
    assert pv.get(frame(50)) == 12 and pv.vmm.events.stats()["ports_bound"] == {}


def test_console_io(pv):
    con = pv.vmm.pv_console
    pv.bus.write_bytes(BUF, b"hello")
    assert con.io(0, 5, BUF) == 5 and bytes(pv.console) == b"hello"
    assert con.io(0, 4097, BUF) == EINVAL
    assert con.io(0, 16, 0x8000_0000 + (128 << 20) - 8) == EFAULT
    assert con.io(5, 1, BUF) == EINVAL
    assert con.io(1, 16, BUF) == 0                              # nothing typed yet
    con.feed(b"typed")                                          # buffered until VIRQ_CONSOLE is bound
    assert con.io(1, 3, BUF) == 3 and pv.bus.read_bytes(BUF, 3) == b"typ"
    assert pv.pin(frame(50), 0) == 0
    assert con.io(1, 2, frame(50)) == EFAULT                   # never into a page table
    assert con.io(1, 16, BUF) == 2 and pv.bus.read_bytes(BUF, 2) == b"ed"


def test_console_virq_announces_input(pv):
    assert pv.call("set_callbacks", 0x8020_0000, SHARED) == 0
    pv.vmm.pv_console.feed(b"x")
    pv.bus.write_u32(ARG, 1)                                    # VIRQ_CONSOLE
    assert pv.vmm.events.op(1, ARG) == 0
    port = pv.bus.read_u32(ARG + 4)
    assert pv.core.event_pending(port)                          # what waited is announced at binding
    assert pv.vmm.events.op(1, ARG) == EBUSY


@pytest.fixture
def ring(tmp_path):
    disk = tmp_path / "disk.img"
    disk.write_bytes(bytes(range(256)) * 2 * SECTORS)
    t = PvTest(tmp_path, drives=[f"file={disk},if=pv"])
    assert t.call("set_callbacks", 0x8020_0000, SHARED) == 0
    t.disk = disk
    return t


def request(t, slot, req_id, op, count, lba, buf):
    t.bus.write_bytes(RING + 64 + 32 * slot, struct.pack("<QIIQQ", req_id, op, count, lba, buf))


def response(t, slot):
    return struct.unpack("<Qq", t.bus.read_bytes(RING + 64 + 32 * slot, 16))


def produce(t, n):
    t.bus.write_u32(RING, n)
    t.vmm.blkback.kick(t.vmm.blkback.port)


def test_ring_setup_checks(ring, pv):
    assert pv.vmm._ring_setup(1, RING, 1) == ENODEV             # no pv drive on this machine
    assert ring.vmm._ring_setup(2, RING, 1) == ENODEV
    for addr, pages in ((RING + 8, 1), (RING, 0), (RING, 9), (0x1000_0000, 1), (0x8000_0000 + (128 << 20) - 4096, 2)):
        assert ring.vmm._ring_setup(1, addr, pages) == EINVAL
    assert ring.pin(frame(50), 0) == 0
    assert ring.vmm._ring_setup(1, frame(50), 1) == EINVAL      # a page table cannot be a ring
    port = ring.vmm._ring_setup(1, RING, 1)
    assert port > 0 and ring.bus.read_u32(RING + 8) == 64 and ring.bus.read_u64(RING + 16) == SECTORS
    assert ring.vmm._ring_setup(1, RING, 1) == EBUSY


def test_ring_requests(ring):
    port = ring.vmm._ring_setup(1, RING, 1)
    before = ring.disk.read_bytes()
    assert ring.pin(frame(50), 0) == 0
    bad = [(0, 9, 1, 0, BUF), (1, 0, 0, 0, BUF), (2, 0, 129, 0, BUF), (3, 0, 1, SECTORS, BUF),
           (4, 0, 2, SECTORS - 1, BUF), (5, 0, 1, 0, 0x1000_0000), (6, 0, 1, 0, frame(50)),
           (7, 1, 1, 0, 0x8000_0000 + (128 << 20) - 256), (8, 0, 1, 2**64 - 1, BUF)]
    for slot, req in enumerate(bad):
        request(ring, slot, *req)
    request(ring, len(bad), 100, 0, 2, 1, BUF)                  # a good read
    produce(ring, len(bad) + 1)
    statuses = [response(ring, slot) for slot in range(len(bad) + 1)]
    assert statuses == [(0, EINVAL), (1, EINVAL), (2, EINVAL), (3, EINVAL), (4, EINVAL), (5, EFAULT),
                        (6, EFAULT), (7, EFAULT), (8, EINVAL), (100, 0)]
    assert ring.bus.read_bytes(BUF, 1024) == before[512:1536]
    assert ring.get(frame(50)) == 0 and ring.disk.read_bytes() == before
    assert ring.bus.read_u32(RING + 4) == len(bad) + 1          # rsp_prod
    assert ring.core.event_pending(port)                         # one event for the batch
    st = ring.vmm.blkback.stats()
    assert st["batches"] == 1 and st["requests"] == 10 and st["errors"] == 9


def test_ring_write_reaches_the_disk(ring):
    ring.vmm._ring_setup(1, RING, 1)
    ring.bus.write_bytes(BUF, b"\xAB" * 512)
    request(ring, 0, 1, 1, 1, 3, BUF)
    produce(ring, 1)
    assert response(ring, 0) == (1, 0)
    assert ring.disk.read_bytes()[3 * 512:4 * 512] == b"\xAB" * 512


def test_ring_index_overrun_is_ignored(ring):
    ring.vmm._ring_setup(1, RING, 1)
    before = ring.bus.read_bytes(RING, 4096)
    ring.bus.write_u32(RING, 65)                                 # more requests than slots
    ring.vmm.blkback.kick(ring.vmm.blkback.port)
    assert ring.vmm.blkback.stats()["ring_errors"] == 1
    assert ring.bus.read_bytes(RING + 4, 4092) == before[4:]
    ring.bus.write_u32(RING, 2**32 - 1)                          # indices wrap, still too many
    ring.vmm.blkback.kick(ring.vmm.blkback.port)
    assert ring.vmm.blkback.stats()["ring_errors"] == 2


def test_ring_that_became_a_page_table_is_not_written(ring):
    ring.vmm._ring_setup(1, RING, 1)
    request(ring, 0, 2, 0, 1, 0, BUF)                            # (the words read as
    request(ring, 1, 4, 0, 2, 0, BUF)                            #  not-present PTEs)
    ring.bus.write_u32(RING, 2)
    assert ring.pin(RING, 0) == 0
    before = ring.bus.read_bytes(RING, 4096)
    ring.vmm.blkback.kick(ring.vmm.blkback.port)
    assert ring.bus.read_bytes(RING, 4096) == before
    assert ring.vmm.blkback.stats()["ring_errors"] == 1


def test_if_pv_drive_needs_pv_mode(tmp_path):
    from pyvirt.config import MachineConfig
    from pyvirt.errors import PyvirtError
    from pyvirt.hypervisors import create
    from tests.pv.harness import KERNEL_PV
    (tmp_path / "d.img").write_bytes(bytes(4096))
    with pytest.raises(PyvirtError, match="if=pv needs --mode pv"):
        create(MachineConfig(kernel=KERNEL_PV, drives=[f"file={tmp_path / 'd.img'},if=pv"]))


def test_timer_as_an_event(pv):
    BIND_VIRQ = 1
    assert pv.call("set_callbacks", 0x8020_0000, SHARED) == 0
    events = pv.vmm.events
    pv.bus.write_u32(ARG, 3)
    assert events.op(BIND_VIRQ, ARG) == EINVAL                 # only VIRQ_TIMER (0) exists
    pv.bus.write_u32(ARG, 0)
    assert events.op(BIND_VIRQ, ARG) == 0
    port = pv.bus.read_u32(ARG + 4)
    assert pv.core.timer_port == port and events.op(BIND_VIRQ, ARG) == EBUSY
    assert pv.call("set_timer", 0) == 0                         # due at once
    pv.core.run(0)                                              # the VMM's next look at the timer
    assert pv.core.event_pending(port) and pv.core.deadline == 2**64 - 1   # one-shot
    assert pv.bus.read_u64(SHARED + 16) & (1 << 5) == 0          # not the vsip timer bit
