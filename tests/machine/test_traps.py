"""Traps (privileged spec 1.12, sections 3.1.6-3.1.9, 3.1.14-3.1.16, 3.3, 4.1): exception causes
and trap values, delegation, trap vectors, interrupt priority and global enables, mret/sret,
wfi and simulated time, trap-loop detection, and the firmware-owned M-mode exit."""
import pytest

from . import asm as A
from .asm import CODE, DATA, M_HANDLER, MASK64, PRV_M, PRV_S, PRV_U, S_HANDLER, Machine

INT = 1 << 63
MIE, SIE, SPIE, MPIE, SPP, MPRV = 1 << 3, 1 << 1, 1 << 5, 1 << 7, 1 << 8, 1 << 17
MPP_SHIFT = 11
SSI, MSI, STI, MTI, SEI, MEI = 1, 3, 5, 7, 9, 11


@pytest.fixture
def m():
    return Machine().park_handlers()


# ---- exception causes and trap values ----
def test_instruction_access_fault(m):
    m.exec(A.jalr(0, "a0", 0), n=2, a0=0x1000)      # the jump retires; the fetch at 0x1000 faults
    assert m.trap() == (1, 0x1000, 0x1000)
    assert m.hart.pc == M_HANDLER


def test_instruction_access_fault_on_second_half_of_crossing_instruction(m):
    # a 32-bit instruction in the last 2 bytes of RAM: the second half is outside RAM
    end = A.RAM_BASE + A.RAM_SIZE
    m.bus.write_bytes(end - 2, A.addi("a0", 0, 1).to_bytes(4, "little")[:2])
    m.hart.pc = end - 2
    m.run(1)
    cause, epc, tval = m.trap()
    assert cause == 1 and epc == end - 2
    assert tval in (end - 2, end), "mtval: the instruction or the portion that faulted"


@pytest.mark.parametrize("insn,cause,addr", [
    (A.ld("a1", "a0", 0), 5, 0x0), (A.lw("a1", "a0", 0), 5, 0x4000_0000), (A.lbu("a1", "a0", 0), 5, 0x7FFF_FFFF),
    (A.sd("a1", "a0", 0), 7, 0x0), (A.sb("a1", "a0", 0), 7, 0x9000_0000),
])
def test_load_store_access_faults(m, insn, cause, addr):
    m.exec(insn, n=1, a0=addr, a1=0x55)
    assert m.trap() == (cause, CODE, addr)
    assert m.x("a1") == 0x55, "a faulting load does not write rd"


def test_misaligned_lr_reports_load_address_misaligned(m):
    m.exec(A.lr_d("a1", "a0"), n=1, a0=DATA + 4)
    assert m.trap() == (4, CODE, DATA + 4)


@pytest.mark.parametrize("priv,cause", [(PRV_U, 8), (PRV_S, 9), (PRV_M, 11)])
def test_ecall_cause_by_privilege(m, priv, cause):
    m.exec(A.ecall(), n=1, priv=priv)
    assert m.trap() == (cause, CODE, 0)
    assert (m.csr("mstatus") >> MPP_SHIFT) & 3 == priv
    assert m.hart.priv == PRV_M


def test_breakpoint(m):
    m.exec(A.ebreak(), n=1, priv=PRV_S)
    cause, epc, tval = m.trap()
    assert (cause, epc) == (3, CODE)
    assert tval in (0, CODE), "ebreak: mtval is zero or the pc"


def test_exception_counters(m):
    m.exec(A.ecall(), n=1)
    m.exec(A.ecall(), n=1, priv=PRV_U)
    m.exec(0, n=1)
    assert m.hart.stats()["traps"]["exceptions"] == {"ecall_m": 1, "ecall_u": 1, "illegal_insn": 1}


# ---- delegation ----
@pytest.mark.parametrize("priv", [PRV_U, PRV_S])
def test_delegated_exception_goes_to_s(m, priv):
    m.set_csr("medeleg", 1 << 2)
    m.set_csr("mstatus", SIE)
    m.exec(0xFFFFFFFF, n=1, priv=priv, pc=CODE + 8)
    assert m.hart.pc == S_HANDLER and m.hart.priv == PRV_S
    assert m.strap() == (2, CODE + 8, 0xFFFFFFFF)
    st = m.csr("mstatus")
    assert bool(st & SPP) == (priv == PRV_S)
    assert st & SPIE and not st & SIE
    assert m.csr("mcause") == 0 and m.csr("mepc") == 0, "M-mode trap registers untouched"


def test_delegated_ecall_from_u(m):
    m.set_csr("medeleg", 1 << 8)
    m.exec(A.ecall(), n=1, priv=PRV_U)
    assert m.strap() == (8, CODE, 0) and m.hart.priv == PRV_S


def test_undelegated_exception_from_s_goes_to_m(m):
    m.set_csr("medeleg", 0xB3FF & ~(1 << 9))
    m.exec(A.ecall(), n=1, priv=PRV_S)
    assert m.hart.pc == M_HANDLER and m.csr("mcause") == 9 and m.csr("scause") == 0


def test_traps_in_m_never_go_down(m):
    m.set_csr("medeleg", 0xB3FF)
    m.exec(A.ebreak(), n=1, priv=PRV_M)
    assert m.hart.pc == M_HANDLER and m.hart.priv == PRV_M
    assert m.csr("mcause") == 3 and m.csr("scause") == 0


def test_delegated_interrupt_goes_to_s(m):
    m.set_csr("mideleg", 1 << STI)
    m.set_csr("mie", 1 << STI)
    m.set_csr("mip", 1 << STI)
    m.exec(A.nop(), n=1, priv=PRV_U)
    assert m.hart.priv == PRV_S and m.hart.pc == S_HANDLER
    assert m.strap() == (INT | STI, CODE, 0)


def test_undelegated_s_interrupt_goes_to_m(m):
    m.set_csr("mie", 1 << STI)
    m.set_csr("mip", 1 << STI)
    m.exec(A.nop(), n=1, priv=PRV_S)
    assert m.hart.priv == PRV_M and m.trap() == (INT | STI, CODE, 0)


# ---- vectors ----
def test_vectored_mtvec_applies_to_interrupts_only(m):
    base = A.RAM_BASE + 0x4000
    for i in range(16):
        m.bus.write_u32(base + 4 * i, A.j(0))
    m.set_csr("mtvec", base | 1)
    m.exec(A.ecall(), n=1)
    assert m.hart.pc == base, "exceptions use the base"
    m.set_csr("mie", 1 << MTI)
    m.set_csr("mstatus", MIE)
    m.hart.set_mtimecmp(0)
    m.exec(A.nop(), n=1)
    assert m.hart.pc == base + 4 * MTI
    assert m.csr("mcause") == INT | MTI


def test_vectored_stvec(m):
    base = A.RAM_BASE + 0x5000
    for i in range(16):
        m.bus.write_u32(base + 4 * i, A.j(0))
    m.set_csr("stvec", base | 1)
    m.set_csr("medeleg", 1 << 8)
    m.set_csr("mideleg", 1 << SSI)
    m.exec(A.ecall(), n=1, priv=PRV_U)
    assert m.hart.pc == base
    m.set_csr("mie", 1 << SSI)
    m.set_csr("mip", 1 << SSI)
    m.exec(A.nop(), n=1, priv=PRV_U)
    assert m.hart.pc == base + 4 * SSI and m.csr("scause") == INT | SSI


# ---- interrupt priority ----
def _raise_all(m):
    m.set_csr("menvcfg", 0)
    m.hart.set_mip_bit(MEI, True)
    m.hart.set_mip_bit(MSI, True)
    m.hart.set_mtimecmp(0)                       # MTIP
    m.set_csr("mip", (1 << SEI) | (1 << SSI) | (1 << STI))


def test_m_mode_priority_order(m):
    _raise_all(m)
    m.set_csr("mstatus", MIE)
    enabled = 0xAAA
    taken = []
    for _ in range(6):
        m.set_csr("mie", enabled)
        m.set_csr("mstatus", MIE)
        m.exec(A.nop(), n=1)
        cause = m.csr("mcause")
        assert cause >> 63, "an interrupt was taken"
        taken.append(cause & 0xF)
        enabled &= ~(1 << (cause & 0xF))
    assert taken == [MEI, MSI, MTI, SEI, SSI, STI]


def test_s_mode_priority_order(m):
    _raise_all(m)
    m.hart.set_mip_bit(MEI, False)
    m.hart.set_mip_bit(MSI, False)
    m.hart.set_mtimecmp(MASK64)
    m.set_csr("mideleg", 0x222)
    enabled = 0x222
    taken = []
    for _ in range(3):
        m.set_csr("mie", enabled)
        m.set_csr("mstatus", SIE)
        m.exec(A.nop(), n=1, priv=PRV_S)
        cause = m.csr("scause")
        taken.append(cause & 0xF)
        enabled &= ~(1 << (cause & 0xF))
    assert taken == [SEI, SSI, STI]


def test_interrupts_for_m_are_taken_before_interrupts_for_s(m):
    # privileged 1.12, 3.1.9: "Multiple simultaneous interrupts destined for different privilege
    # modes are handled in decreasing order of destined privilege mode". In U-mode with SEI
    # delegated to S and SSI kept in M, both pending and enabled, the M-destined SSI goes first.
    m.set_csr("mideleg", 1 << SEI)
    m.set_csr("mie", (1 << SEI) | (1 << SSI))
    m.set_csr("mip", (1 << SEI) | (1 << SSI))
    m.exec(A.nop(), n=1, priv=PRV_U)
    assert m.hart.priv == PRV_M
    assert m.csr("mcause") == INT | SSI


# ---- global enables ----
def test_m_interrupts_in_m_need_mie(m):
    m.set_csr("mie", 1 << MSI)
    m.hart.set_mip_bit(MSI, True)
    m.set_csr("mstatus", 0)
    m.exec([A.nop(), A.nop()])
    assert m.hart.pc == CODE + 8, "MIE = 0: not taken"
    m.exec([A.csrrsi(0, "mstatus", MIE), A.nop()], n=2)
    assert m.trap() == (INT | MSI, CODE + 4, 0), "taken right after the csr write retires"


def test_m_interrupts_are_always_enabled_below_m(m):
    m.set_csr("mie", 1 << MSI)
    m.hart.set_mip_bit(MSI, True)
    for priv in (PRV_S, PRV_U):
        m.set_csr("mstatus", 0)
        m.exec(A.nop(), n=1, priv=priv)
        assert m.hart.priv == PRV_M and m.csr("mcause") == INT | MSI


def test_s_interrupts_never_taken_in_m(m):
    m.set_csr("mideleg", 1 << SSI)
    m.set_csr("mie", 1 << SSI)
    m.set_csr("mip", 1 << SSI)
    m.set_csr("mstatus", MIE | SIE)
    m.exec([A.nop(), A.nop()])
    assert m.hart.pc == CODE + 8 and m.hart.priv == PRV_M


def test_s_interrupts_in_s_need_sie_but_not_in_u(m):
    m.set_csr("mideleg", 1 << SSI)
    m.set_csr("mie", 1 << SSI)
    m.set_csr("mip", 1 << SSI)
    m.set_csr("mstatus", 0)
    m.exec([A.nop(), A.nop()], priv=PRV_S)
    assert m.hart.pc == CODE + 8, "SIE = 0 in S: not taken"
    m.set_csr("mstatus", 0)
    m.exec(A.nop(), n=1, priv=PRV_U)
    assert m.hart.priv == PRV_S and m.csr("scause") == INT | SSI and m.csr("sepc") == CODE


def test_mie_register_masks_individual_interrupts(m):
    m.hart.set_mip_bit(MEI, True)
    m.set_csr("mie", 0xAAA & ~(1 << MEI))
    m.set_csr("mstatus", MIE)
    m.exec([A.nop(), A.nop()])
    assert m.hart.pc == CODE + 8
    m.hart.set_mip_bit(MEI, False)
    m.set_csr("mie", 1 << MEI)
    m.exec([A.nop(), A.nop()])
    assert m.hart.pc == CODE + 8, "a lowered line is no longer pending"
    assert m.hart.stats()["traps"]["interrupts"] == {}


# ---- trap entry and return: the interrupt-enable stack ----
def test_trap_entry_stacks_mie(m):
    m.set_csr("mstatus", MIE)
    m.exec(A.ecall(), n=1)
    st = m.csr("mstatus")
    assert not st & MIE and st & MPIE and (st >> MPP_SHIFT) & 3 == PRV_M


@pytest.mark.parametrize("mpp", [PRV_U, PRV_S, PRV_M])
@pytest.mark.parametrize("mpie", [0, 1])
def test_mret(m, mpp, mpie):
    m.set_csr("mstatus", (mpp << MPP_SHIFT) | (MPIE if mpie else 0) | MPRV)
    m.set_csr("mepc", CODE + 0x100)
    m.exec(A.mret(), n=1)
    st = m.csr("mstatus")
    assert m.hart.pc == CODE + 0x100 and m.hart.priv == mpp
    assert bool(st & MIE) == bool(mpie), "MIE = MPIE"
    assert st & MPIE, "MPIE = 1"
    assert (st >> MPP_SHIFT) & 3 == PRV_U, "MPP = least-privileged mode"
    assert bool(st & MPRV) == (mpp == PRV_M), "MPRV cleared when returning below M"


@pytest.mark.parametrize("spp", [PRV_U, PRV_S])
@pytest.mark.parametrize("spie", [0, 1])
def test_sret(m, spp, spie):
    m.set_csr("mstatus", (SPP if spp else 0) | (SPIE if spie else 0) | MPRV | (3 << MPP_SHIFT))
    m.set_csr("sepc", CODE + 0x200)
    m.exec(A.sret(), n=1, priv=PRV_S)
    st = m.csr("mstatus")
    assert m.hart.pc == CODE + 0x200 and m.hart.priv == spp
    assert bool(st & SIE) == bool(spie) and st & SPIE and not st & SPP
    assert not st & MPRV, "sret clears MPRV"


def test_s_trap_entry_and_sret_round_trip(m):
    m.set_csr("medeleg", 1 << 8)
    p = A.Asm(S_HANDLER)
    p.csrr("t0", "sepc")
    p.addi("t0", "t0", 4)
    p.csrw("sepc", "t0")
    p.sret()
    m.load(p)
    m.set_csr("mstatus", SIE)
    m.exec([A.addi("a0", 0, 1), A.ecall(), A.addi("a0", "a0", 1)], n=6, priv=PRV_U)
    assert m.x("a0") == 2 and m.hart.priv == PRV_U and m.hart.pc == CODE + 12
    st = m.csr("mstatus")
    assert st & SIE and st & SPIE, "the trap saved SIE = 1 in SPIE; sret restored it and set SPIE"
    assert not st & SPP


def test_interrupt_epc_is_the_next_instruction(m):
    m.hart.set_mtimecmp(3)
    m.set_csr("mie", 1 << MTI)
    m.set_csr("mstatus", MIE)
    m.exec([A.nop()] * 10, n=5)
    cause, epc, tval = m.trap()
    assert cause == INT | MTI and tval == 0
    assert epc == CODE + 4 * 3, "mtime reached 3 after the third instruction"


# ---- wfi and simulated time ----
def test_wfi_sleeps_until_the_timer_deadline(m):
    m.hart.set_mtimecmp(100_000)
    m.set_csr("mie", 1 << MTI)
    m.set_csr("mstatus", MIE)
    code = m.exec([A.nop(), A.wfi(), A.nop()], n=3)
    assert code == A.EXIT_BUDGET
    assert m.csr("mcause") == INT | MTI and m.csr("mepc") == CODE + 8
    assert m.hart.mtime() >= 100_000
    st = m.hart.stats()
    assert st["instructions"]["total"] == 3
    assert st["cycles"]["by_category"]["idle"] >= 100_000 - 10


def test_wfi_with_interrupts_globally_disabled_resumes_after_the_deadline(m):
    m.hart.set_mtimecmp(5000)
    m.set_csr("mie", 1 << MTI)
    m.set_csr("mstatus", 0)
    m.exec([A.wfi(), A.csrr("a0", "time")])
    assert m.hart.pc == CODE + 8, "woken but not trapped (MIE = 0)"
    assert m.x("a0") >= 5000


def test_wfi_with_pending_interrupt_is_a_nop(m):
    m.set_csr("mip", 1 << SSI)
    m.set_csr("mie", 1 << SSI)
    m.set_csr("mideleg", 1 << SSI)                         # masked in M: not taken, but wakes wfi
    m.exec([A.wfi(), A.nop()])
    assert m.hart.pc == CODE + 8 and m.hart.mtime() < 10


def test_wfi_with_nothing_to_wait_for_exits_idle(m):
    code = m.exec([A.wfi(), A.nop()], n=2)
    assert code == A.EXIT_WFI_IDLE
    assert m.hart.pc == CODE + 4, "wfi retired; the VMM resumes after it"


def test_wfi_wakes_on_sstc_deadline(m):
    m.set_csr("menvcfg", 1 << 63)
    m.set_csr("mideleg", 1 << STI)
    m.set_csr("mie", 1 << STI)
    m.set_csr("stimecmp", 2000)
    m.set_csr("mstatus", SIE)
    m.exec([A.wfi(), A.nop()], n=2, priv=PRV_S)
    assert m.hart.pc == S_HANDLER and m.csr("scause") == INT | STI
    assert m.hart.mtime() >= 2000


def test_timer_interrupt_after_busy_loop(m):
    p = A.Asm()
    p.label("spin")
    p.addi("a0", "a0", 1)
    p.j("spin")
    m.hart.set_mtimecmp(1000)
    m.set_csr("mie", 1 << MTI)
    m.set_csr("mstatus", MIE)
    m.exec(p, n=5000)
    assert m.csr("mcause") == INT | MTI
    assert 990 <= m.x("a0") * 2 <= 1002


# ---- trap loops and the firmware exit ----
def test_trap_loop_is_detected(m):
    m.set_csr("mtvec", 0x2000)                             # the handler is not in RAM
    code = m.exec(A.ecall(), n=100_000)
    assert code == A.EXIT_TRAP_LOOP
    assert m.hart.exit_cause == 1 and m.hart.exit_pc == 0x2000 and m.hart.exit_tval == 0x2000
    assert m.hart.stats()["instructions"]["total"] == 0


def test_repeated_traps_with_progress_are_not_a_loop(m):
    p = A.Asm(M_HANDLER)
    p.csrr("t0", "mepc")
    p.addi("t0", "t0", 4)
    p.csrw("mepc", "t0")
    p.mret()
    m.load(p)
    prog = A.Asm()
    prog.label("l")
    prog.ecall()
    prog.j("l")
    code = m.exec(prog, n=20_000)
    assert code == A.EXIT_BUDGET
    assert m.hart.stats()["traps"]["exceptions"]["ecall_m"] > 3000


def test_firmware_owned_m_mode_exits_instead_of_trapping(m):
    m.hart.firmware_owns_m = True
    m.set_csr("mepc", 0x1234)
    code = m.exec(A.ecall(), n=5, priv=PRV_S, pc=CODE + 0x20)
    assert code == A.EXIT_MTRAP
    assert (m.hart.exit_cause, m.hart.exit_pc, m.hart.exit_tval) == (9, CODE + 0x20, 0)
    assert m.csr("mepc") == 0x1234 and m.hart.priv == PRV_S, "state left for the firmware"
    m.hart.complete_mtrap(CODE + 0x24)
    m.bus.write_u32(CODE + 0x24, A.addi("a0", 0, 3))
    m.run(1)
    assert m.x("a0") == 3


def test_firmware_owned_m_still_delivers_delegated_traps(m):
    m.hart.firmware_owns_m = True
    m.set_csr("medeleg", 1 << 2)
    code = m.exec(0, n=1, priv=PRV_S)
    assert code == A.EXIT_BUDGET and m.hart.pc == S_HANDLER
    code = m.exec(A.ebreak(), n=1, priv=PRV_S)
    assert code == A.EXIT_MTRAP and m.hart.exit_cause == 3


def test_trap_entry_is_charged(m):
    m.exec(A.ecall(), n=1)
    st = m.hart.stats()
    assert st["cycles"]["by_category"]["trap_entry"] == 1
    assert st["cycles"]["total"] == 2                         # the trap + the handler's j .
