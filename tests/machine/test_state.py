"""Hart snapshots: get_state()/set_state() round trip. Running N then M instructions must equal
running N, taking a snapshot (hart state + RAM), restoring it into a fresh hart and running M:
identical registers, CSRs, statistics and memory."""
import json

import pytest

from pyvirt.machine.bus import Bus
from pyvirt.machine.hart import Hart

from . import asm as A
from .asm import CODE, M_HANDLER, PRV_S, RAM_BASE, S_HANDLER, Machine
from .test_mmu import AF, PageTables, RW, RX, V

RAM = 4 << 20
DATA_VA = 0x1000_0000
DATA_PA = RAM_BASE + 0x30_0000

CSRS = ["sstatus", "sie", "stvec", "scounteren", "senvcfg", "sscratch", "sepc", "scause", "stval", "sip",
        "stimecmp", "satp", "mstatus", "misa", "medeleg", "mideleg", "mie", "mtvec", "mcounteren", "menvcfg",
        "mscratch", "mepc", "mcause", "mtval", "mip", "pmpcfg0", "pmpaddr0", "mcycle", "minstret", "cycle",
        "time", "instret"]


def build(m):
    """An S-mode workload under Sv39 with ecalls to M, Sstc timer interrupts taken in S, AMOs,
    multiplies, sfences and data-dependent branches; page tables with A/D left for hardware."""
    pt = PageTables(m, pool=RAM_BASE + 0x20_0000)
    pt.map(CODE, CODE, RX)
    pt.map(S_HANDLER, S_HANDLER, RX)
    pt.map(DATA_VA, DATA_PA, RW)
    pt.map(DATA_VA + 0x1000, DATA_PA + 0x1000, RW | (1 << 5))     # a global page
    prog = A.Asm()
    prog.label("loop")
    prog.ld("t0", "a0", 0)
    prog.addi("t0", "t0", 1)
    prog.sd("t0", "a0", 0)
    prog.amoadd_d("t1", "a2", "a1")
    prog.mul("t2", "t0", "t1")
    prog.xor("s2", "s2", "t2")
    prog.andi("t3", "t0", 7)
    prog.bnez("t3", "skip")
    prog.ecall()
    prog.sfence_vma("a0", 0)
    prog.label("skip")
    prog.sw("t0", "a1", 0x7F0)
    prog.csrr("t4", "time")
    prog.c_addi("s3", 1)
    prog.j("loop")
    m.load(prog)
    mh = A.Asm(M_HANDLER)                       # M: count ecalls, skip them
    mh.addi("s9", "s9", 1)
    mh.csrr("s10", "mepc")
    mh.addi("s10", "s10", 4)
    mh.csrw("mepc", "s10")
    mh.mret()
    m.load(mh)
    sh = A.Asm(S_HANDLER)                       # S: timer interrupt, re-arm 97 ticks later
    sh.addi("s8", "s8", 1)
    sh.csrr("s7", "time")
    sh.addi("s7", "s7", 97)
    sh.csrw("stimecmp", "s7")
    sh.sret()
    m.load(sh)
    m.set_csr("mtvec", M_HANDLER)
    m.set_csr("stvec", S_HANDLER)
    m.set_csr("mideleg", 1 << 5)
    m.set_csr("mie", 1 << 5)
    m.set_csr("menvcfg", 1 << 63)
    m.set_csr("mcounteren", 7)
    m.set_csr("stimecmp", 150)
    m.set_csr("mstatus", 1 << 1)                # SIE
    m.set_csr("satp", pt.satp(asid=3))
    m.set_regs(a0=DATA_VA, a1=DATA_VA + 0x1008, a2=3)
    m.start(CODE, PRV_S)


def fresh():
    m = Machine(RAM)
    build(m)
    return m


def observe(m):
    h = m.hart
    return {
        "x": [h.get_reg(i) for i in range(32)],
        "pc": h.pc, "priv": h.priv,
        "csrs": {c: m.csr(c) for c in CSRS},
        "stats": h.stats(),
        "state": h.get_state(),
        "ram": m.bus.ram_bytes(),
    }


def restore(state, ram, tlb_entries=64, tlb_ways=4):
    bus = Bus(RAM_BASE, RAM)
    hart = Hart(bus, tlb_entries, tlb_ways)
    hart.set_costs(A.UNIT_CPI, A.UNIT_EVENTS, 1)
    bus.write_bytes(RAM_BASE, ram)
    hart.set_state(state)
    m = Machine.__new__(Machine)
    m.bus, m.hart = bus, hart
    return m


def diff(a, b):
    return [k for k in a if a[k] != b[k]]


@pytest.mark.parametrize("n,mm", [(1, 500), (137, 2000), (1000, 3000), (4321, 777)])
def test_snapshot_restore_equals_straight_run(n, mm):
    straight = fresh()
    assert straight.run(n) == A.EXIT_BUDGET
    assert straight.run(mm) == A.EXIT_BUDGET
    want = observe(straight)
    assert want["x"][25] > 0 and want["x"][24] > 0, "the workload took ecalls and timer interrupts"

    first = fresh()
    first.run(n)
    snap, ram = first.hart.get_state(), first.bus.ram_bytes()
    restored = restore(json.loads(json.dumps(snap)), ram)    # the state is plain, serializable data
    assert restored.run(mm) == A.EXIT_BUDGET
    got = observe(restored)
    assert not diff(want, got), {k: (want[k], got[k]) for k in diff(want, got) if k != "ram"}


def test_snapshot_is_plain_data_and_complete():
    m = fresh()
    m.run(2500)
    st = m.hart.get_state()
    assert json.loads(json.dumps(st)) == json.loads(json.dumps(st))
    again = restore(st, m.bus.ram_bytes())
    assert json.dumps(again.hart.get_state(), sort_keys=True) == json.dumps(st, sort_keys=True)
    assert again.hart.stats() == m.hart.stats()
    for c in CSRS:
        assert again.csr(c) == m.csr(c), c


def test_restore_into_other_tlb_geometry_is_refused():
    m = fresh()
    m.run(100)
    with pytest.raises(ValueError):
        restore(m.hart.get_state(), m.bus.ram_bytes(), tlb_entries=32, tlb_ways=4)


def test_snapshot_taken_inside_a_trap_handler():
    # find an instruction count at which the hart is in the M-mode handler
    probe = fresh()
    n = 0
    while probe.hart.pc < M_HANDLER or probe.hart.pc >= M_HANDLER + 0x100:
        probe.run(1)
        n += 1
        assert n < 5000
    probe.run(2)                                 # in the middle of the handler
    restored = restore(probe.hart.get_state(), probe.bus.ram_bytes())
    straight = fresh()
    straight.run(n + 2)
    straight.run(1000)
    restored.run(1000)
    assert observe(restored)["x"] == observe(straight)["x"]
    assert restored.hart.stats() == straight.hart.stats()


def test_snapshot_preserves_a_pending_lr_reservation():
    m = Machine()
    m.bus.write_u64(A.DATA, 5)
    m.exec([A.lr_d("t0", "a0")], a0=A.DATA)
    restored = restore_small(m)
    restored.exec([A.sc_d("t1", "t2", "a0")], a0=A.DATA, t2=9)
    assert restored.x("t1") == 0 and restored.bus.read_u64(A.DATA) == 9


def restore_small(m):
    bus = Bus(RAM_BASE, A.RAM_SIZE)
    hart = Hart(bus)
    hart.set_costs(A.UNIT_CPI, A.UNIT_EVENTS, 1)
    bus.write_bytes(RAM_BASE, m.bus.ram_bytes())
    hart.set_state(m.hart.get_state())
    r = Machine.__new__(Machine)
    r.bus, r.hart = bus, hart
    return r


def test_snapshot_preserves_timers_and_interrupt_lines():
    m = Machine().park_handlers()
    m.hart.set_mtimecmp(300)
    m.hart.set_mip_bit(11, True)
    m.set_csr("menvcfg", 1 << 63)
    m.set_csr("stimecmp", 200)
    r = restore_small(m)
    assert r.hart.get_mtimecmp() == 300 and r.csr("stimecmp") == 200
    assert r.csr("mip") & (1 << 11)
    r.set_csr("mie", 1 << 7)
    r.set_csr("mstatus", 1 << 3)
    r.exec([A.nop()] * 400, n=400)
    assert r.csr("mcause") == (1 << 63) | 7 and r.csr("mepc") == CODE + 4 * 300
