"""CSRs (privileged spec 1.12 chapters 2-4, Zicsr, Zicntr, Sstc): the CSR instructions, WARL
legalization and read/write masks of every implemented CSR, read-only and privilege rules,
TVM/TW/TSR, counter-enable gating, Sstc, counter writes, satp modes, and the supervisor
views (sstatus, sie, sip) of the machine registers."""
import pytest

from . import asm as A
from .asm import CODE, M_HANDLER, MASK64, PRV_M, PRV_S, PRV_U, Machine

MISA_VALUE = (2 << 62) | (1 << 0) | (1 << 2) | (1 << 8) | (1 << 12) | (1 << 18) | (1 << 20)   # rv64imacsu
XLEN_FIELDS = (2 << 32) | (2 << 34)          # mstatus.UXL = SXL = 2 (64-bit)
MSTATUS_MIE, MSTATUS_SIE, MSTATUS_MPP = 1 << 3, 1 << 1, 3 << 11
TVM, TW, TSR = 1 << 20, 1 << 21, 1 << 22


@pytest.fixture
def m():
    return Machine().park_handlers()


def do(m, insn, priv=PRV_M, **regs):
    """Execute one instruction at priv. Returns ('ok', None) or ('trap', mcause, mtval)."""
    m.set_csr("mcause", 0)
    m.set_csr("mtval", 0)
    m.exec(insn, n=1, priv=priv, **regs)
    if m.hart.pc == M_HANDLER:
        assert m.csr("mepc") == CODE
        return ("trap", m.csr("mcause"), m.csr("mtval"))
    assert m.hart.pc == CODE + 4
    return ("ok", None)


def illegal(insn):
    return ("trap", 2, insn)


def write_read(m, csr, value, priv=PRV_M):
    """csrrw then csrr at priv; returns what the read returned."""
    assert do(m, A.csrrw(0, csr, "a0"), priv, a0=value & MASK64) == ("ok", None)
    assert do(m, A.csrr("a1", csr), priv) == ("ok", None)
    return m.x("a1")


# ---- the CSR instructions ----
def test_csrrw_returns_old_value_and_writes(m):
    m.set_csr("mscratch", 111)
    do(m, A.csrrw("a1", "mscratch", "a0"), a0=222)
    assert m.x("a1") == 111 and m.csr("mscratch") == 222


def test_csrrs_csrrc_set_and_clear_bits(m):
    m.set_csr("mscratch", 0xF0F0)
    do(m, A.csrrs("a1", "mscratch", "a0"), a0=0x0F00)
    assert m.x("a1") == 0xF0F0 and m.csr("mscratch") == 0xFFF0
    do(m, A.csrrc("a1", "mscratch", "a0"), a0=0x00F0)
    assert m.x("a1") == 0xFFF0 and m.csr("mscratch") == 0xFF00


def test_immediate_forms(m):
    m.set_csr("mscratch", 0x100)
    do(m, A.csrrsi("a1", "mscratch", 0x1F))
    assert m.x("a1") == 0x100 and m.csr("mscratch") == 0x11F
    do(m, A.csrrci("a1", "mscratch", 0x3))
    assert m.csr("mscratch") == 0x11C
    do(m, A.csrrwi("a1", "mscratch", 7))
    assert m.x("a1") == 0x11C and m.csr("mscratch") == 7


def test_rd_x0_and_rs1_x0_forms(m):
    m.set_csr("mscratch", 5)
    do(m, A.csrrw(0, "mscratch", "a0"), a0=9)
    assert m.csr("mscratch") == 9 and m.x(0) == 0
    do(m, A.csrrs("a1", "mscratch", 0))          # csrr: no write
    do(m, A.csrrc("a2", "mscratch", 0))
    assert m.x("a1") == 9 and m.x("a2") == 9 and m.csr("mscratch") == 9


# ---- read-only, nonexistent and privileged CSRs ----
READ_ONLY = ["mvendorid", "marchid", "mimpid", "mhartid", "mconfigptr", "cycle", "time", "instret",
             0xC03, 0xC1F]


@pytest.mark.parametrize("csr", READ_ONLY, ids=str)
def test_read_only_csrs_read_but_writes_are_illegal(m, csr):
    m.set_csr("mcounteren", 0xFFFFFFFF)
    assert do(m, A.csrr("a1", csr)) == ("ok", None)
    for insn in (A.csrrw(0, csr, "a0"), A.csrrw("a1", csr, 0), A.csrrs("a1", csr, "a0"),
                 A.csrrc("a1", csr, "a0"), A.csrrwi("a1", csr, 0), A.csrrsi("a1", csr, 1),
                 A.csrrci("a1", csr, 1)):
        assert do(m, insn, a0=1) == illegal(insn), hex(insn)
    # the set/clear forms with x0 / uimm 0 do not write, so they are legal reads
    assert do(m, A.csrrsi("a1", csr, 0)) == ("ok", None)
    assert do(m, A.csrrc("a1", csr, 0)) == ("ok", None)


def test_identification_values(m):
    for csr in ("mvendorid", "marchid", "mimpid", "mhartid", "mconfigptr"):
        do(m, A.csrr("a1", csr), a1=0xDEAD)
        assert m.x("a1") == 0, csr


def test_misa_value_and_writes_ignored(m):
    do(m, A.csrr("a1", "misa"))
    assert m.x("a1") == MISA_VALUE
    assert do(m, A.csrrw(0, "misa", "a0"), a0=0) == ("ok", None)     # WARL: the write is ignored
    assert m.csr("misa") == MISA_VALUE


NONEXISTENT = [0x001, 0x002, 0x003,             # fflags frm fcsr: no F extension
               0x200, 0x600, 0x680,             # hypervisor CSRs: no H extension
               0x3A1, 0x3A3,                    # odd pmpcfg numbers do not exist on RV64
               0x7A0, 0x7B0, 0x7B1,             # trigger / debug-mode CSRs
               0x5C0, 0x7C0, 0x800, 0xFC0,      # custom spaces
               0x321, 0x322,                    # between mcountinhibit and mhpmevent3: not defined
               0x015]                           # seed (Zkr) not implemented


@pytest.mark.parametrize("csr", NONEXISTENT, ids=hex)
def test_nonexistent_csrs_are_illegal(m, csr):
    for insn in (A.csrr("a1", csr), A.csrrw(0, csr, "a0")):
        assert do(m, insn) == illegal(insn)
    with pytest.raises(KeyError):
        m.hart.read_csr(csr)


M_ONLY = ["mstatus", "misa", "medeleg", "mideleg", "mie", "mtvec", "mcounteren", "menvcfg", "mscratch",
          "mepc", "mcause", "mtval", "mip", "pmpcfg0", "pmpaddr0", "mcycle", "minstret", "mhartid",
          "mcountinhibit"]
S_CSRS = ["sstatus", "sie", "stvec", "scounteren", "senvcfg", "sscratch", "sepc", "scause", "stval", "sip",
          "satp"]


@pytest.mark.parametrize("csr", M_ONLY)
def test_machine_csrs_are_illegal_below_m(m, csr):
    for priv in (PRV_S, PRV_U):
        insn = A.csrr("a1", csr)
        assert do(m, insn, priv) == illegal(insn), (csr, priv)
        assert m.csr("mstatus") >> 11 & 3 == priv, "mstatus.MPP records the trapping privilege"


@pytest.mark.parametrize("csr", S_CSRS)
def test_supervisor_csrs_are_legal_in_s_and_illegal_in_u(m, csr):
    assert do(m, A.csrr("a1", csr), PRV_S) == ("ok", None)
    insn = A.csrrs("a1", csr, 0)
    assert do(m, insn, PRV_U) == illegal(insn)


# ---- WARL legalization: write all ones / all zeros, read back ----
WARL = {
    # csr: (value read after writing all ones, value read after writing zero)
    "mstatus": (0x7E19AA | XLEN_FIELDS, XLEN_FIELDS),
    "medeleg": (0xB3FF, 0),                     # ecall-from-M (11) and reserved 10/14/16+ are zero
    "mideleg": (0x222, 0),                      # only SSI, STI, SEI can be delegated
    "mie": (0xAAA, 0),
    "mtvec": (None, 0),                         # mode 3 is reserved: see test_tvec_modes
    "mcounteren": (0xFFFFFFFF, 0),
    "scounteren": (0xFFFFFFFF, 0),
    "menvcfg": ((1 << 63) | 1, 0),              # STCE and FIOM
    "senvcfg": (1, 0),                          # FIOM
    "mscratch": (MASK64, 0),
    "sscratch": (MASK64, 0),
    "mepc": (MASK64 - 1, 0),                    # IALIGN = 16: bit 0 is zero
    "sepc": (MASK64 - 1, 0),
    "mcountinhibit": (None, 0),
}


@pytest.mark.parametrize("csr", sorted(WARL))
def test_warl_masks(m, csr):
    ones, zeros = WARL[csr]
    got = write_read(m, csr, MASK64)
    if ones is not None:
        assert got == ones, f"{csr}: 0x{got:x}"
    assert write_read(m, csr, 0) == zeros


def test_mstatus_mpp_is_warl(m):
    m.set_csr("mstatus", 1 << 11)                        # MPP = S
    m.set_csr("mstatus", 2 << 11)                        # MPP = 2 (reserved): not stored
    assert (m.csr("mstatus") >> 11) & 3 != 2
    for mpp in (0, 1, 3):
        m.set_csr("mstatus", mpp << 11)
        assert (m.csr("mstatus") >> 11) & 3 == mpp


def test_mstatus_xlen_fields_are_read_only(m):
    m.set_csr("mstatus", 0)
    assert m.csr("mstatus") & XLEN_FIELDS == XLEN_FIELDS
    assert (m.csr("mstatus") >> 36) & 0xF == 0          # SBE, MBE: little-endian only
    assert m.csr("mstatus") >> 63 == 0                  # SD: no FS/VS/XS state


@pytest.mark.parametrize("tvec", ["mtvec", "stvec"])
def test_tvec_modes(m, tvec):
    assert write_read(m, tvec, A.RAM_BASE + 0x101) == A.RAM_BASE + 0x101      # vectored
    assert write_read(m, tvec, A.RAM_BASE + 0x200) == A.RAM_BASE + 0x200      # direct
    for reserved in (2, 3):
        got = write_read(m, tvec, A.RAM_BASE + 0x300 + reserved)
        assert got & 3 in (0, 1), f"{tvec} mode {reserved} must not be stored"


def test_mip_writable_bits(m):
    assert write_read(m, "mip", MASK64) == 0x222       # SSIP STIP SEIP; MSIP MTIP MEIP read-only
    assert write_read(m, "mip", 0) == 0
    m.hart.set_mip_bit(3, True)                         # MSIP comes from the CLINT
    m.hart.set_mip_bit(11, True)
    assert write_read(m, "mip", 0) == (1 << 3) | (1 << 11), "software cannot clear MSIP/MEIP"


# ---- supervisor views ----
SSTATUS_VISIBLE = (1 << 1) | (1 << 5) | (1 << 6) | (1 << 8) | (3 << 9) | (3 << 13) | (3 << 15) | \
    (1 << 18) | (1 << 19) | (3 << 32) | (1 << 63)


def test_sstatus_is_a_view_of_mstatus(m):
    m.set_csr("mstatus", MASK64)
    mst = m.csr("mstatus")
    assert m.csr("sstatus") == mst & SSTATUS_VISIBLE
    assert m.csr("sstatus") & (MSTATUS_MIE | MSTATUS_MPP | TVM | TW | TSR | (1 << 17)) == 0
    # writing sstatus from S changes only SIE SPIE SPP SUM MXR
    assert do(m, A.csrrw(0, "sstatus", "a0"), PRV_S, a0=0) == ("ok", None)
    assert m.csr("mstatus") == mst & ~((1 << 1) | (1 << 5) | (1 << 8) | (1 << 18) | (1 << 19))
    assert do(m, A.csrrs(0, "sstatus", "a0"), PRV_S, a0=(1 << 18) | (1 << 3) | (3 << 11)) == ("ok", None)
    assert m.csr("mstatus") & (1 << 18)
    assert m.csr("mstatus") & (MSTATUS_MIE | MSTATUS_MPP) == mst & (MSTATUS_MIE | MSTATUS_MPP)


def test_sie_is_mie_through_mideleg(m):
    m.set_csr("mie", 0xAAA)
    m.set_csr("mideleg", 0)
    assert m.csr("sie") == 0, "undelegated interrupts are read-only zero in sie"
    m.set_csr("sie", 0)
    assert m.csr("mie") == 0xAAA
    m.set_csr("mideleg", 1 << 5)                        # only STI delegated
    assert m.csr("sie") == 1 << 5
    assert do(m, A.csrrw(0, "sie", "a0"), PRV_S, a0=0) == ("ok", None)
    assert m.csr("mie") == 0xAAA & ~(1 << 5)
    assert do(m, A.csrrw(0, "sie", "a0"), PRV_S, a0=MASK64) == ("ok", None)
    assert m.csr("mie") == 0xAAA
    m.set_csr("mie", 0)
    m.set_csr("mideleg", 0x222)
    m.set_csr("sie", MASK64)
    assert m.csr("mie") == 0x222 and m.csr("sie") == 0x222


def test_sip_is_mip_through_mideleg(m):
    m.set_csr("mip", 0x222)
    m.set_csr("mideleg", 0)
    assert m.csr("sip") == 0
    m.set_csr("mideleg", 0x222)
    assert m.csr("sip") == 0x222
    # only SSIP is writable through sip; STIP and SEIP are read-only there
    assert do(m, A.csrrw(0, "sip", "a0"), PRV_S, a0=0) == ("ok", None)
    assert m.csr("mip") == 0x220
    m.set_csr("mideleg", 0x220)                          # SSI no longer delegated
    m.set_csr("sip", 0x2)
    assert m.csr("mip") & 2 == 0, "an undelegated SSIP is not writable through sip"


# ---- satp ----
def test_satp_mode_legalization(m):
    sv39 = (8 << 60) | (0x1234 << 44) | 0x80123
    assert write_read(m, "satp", sv39) == sv39
    for mode in (1, 9, 10, 15):                          # unsupported: the whole write has no effect
        assert write_read(m, "satp", (mode << 60) | 0x999) == sv39, mode
    assert write_read(m, "satp", 0) == 0


def test_tvm_traps_satp_and_sfence_in_s_only(m):
    m.set_csr("mstatus", TVM)
    for insn in (A.csrr("a1", "satp"), A.csrrw(0, "satp", "a0"), A.sfence_vma(), A.sfence_vma("a0", "a1")):
        assert do(m, insn, PRV_S) == illegal(insn)
        assert do(m, insn, PRV_M) == ("ok", None)
    m.set_csr("mstatus", 0)
    assert do(m, A.csrr("a1", "satp"), PRV_S) == ("ok", None)
    assert do(m, A.sfence_vma(), PRV_S) == ("ok", None)
    assert do(m, A.sfence_vma(), PRV_U) == illegal(A.sfence_vma())


def _pending_but_masked_sti(m):
    """An STI pending, enabled in sie, delegated, with sstatus.SIE = 0: wfi completes at once
    (it ignores the global enables) but no interrupt is taken in S-mode."""
    m.set_csr("mideleg", 1 << 5)
    m.set_csr("mie", 1 << 5)
    m.set_csr("mip", 1 << 5)


def test_tw_traps_wfi_in_s(m):
    _pending_but_masked_sti(m)
    m.set_csr("mstatus", TW)
    assert do(m, A.wfi(), PRV_S) == illegal(A.wfi())
    assert do(m, A.wfi(), PRV_M) == ("ok", None)
    m.set_csr("mstatus", 0)
    assert do(m, A.wfi(), PRV_S) == ("ok", None)
    m.set_csr("mip", 0)                                  # (in U the STI would be taken first)
    m.hart.set_mtimecmp(10_000)
    assert do(m, A.wfi(), PRV_U) == illegal(A.wfi()), "wfi in U-mode is illegal when S-mode exists"


def test_wfi_in_s_waits_for_the_timer(m):
    m.hart.set_mtimecmp(500)
    m.set_csr("mie", 1 << 7)
    m.exec(A.wfi(), n=2, priv=PRV_S)
    assert m.csr("mcause") == (1 << 63) | 7, "the M timer interrupt woke the hart"
    assert m.csr("mepc") == CODE + 4, "wfi retired; the interrupt is taken after it"
    assert m.hart.mtime() >= 500


def test_tsr_traps_sret_in_s(m):
    m.set_csr("mstatus", TSR | (1 << 8))                 # SPP = S
    m.set_csr("sepc", CODE + 0x40)
    assert do(m, A.sret(), PRV_S) == illegal(A.sret())
    m.exec(A.sret(), n=1, priv=PRV_M)                    # M-mode may still execute sret
    assert m.hart.pc == CODE + 0x40 and m.hart.priv == PRV_S
    m.set_csr("mstatus", 1 << 8)
    m.exec(A.sret(), n=1, priv=PRV_S)
    assert m.hart.pc == CODE + 0x40


def test_mret_is_illegal_below_m(m):
    for priv in (PRV_S, PRV_U):
        assert do(m, A.mret(), priv) == illegal(A.mret())
    assert do(m, A.sret(), PRV_U) == illegal(A.sret())


# ---- counters ----
@pytest.mark.parametrize("bit,csr", [(0, "cycle"), (1, "time"), (2, "instret"), (3, 0xC03), (31, 0xC1F)])
def test_counter_enable_gating(m, bit, csr):
    insn = A.csrr("a1", csr)
    m.set_csr("mcounteren", 0)
    m.set_csr("scounteren", 0xFFFFFFFF)
    assert do(m, insn, PRV_S) == illegal(insn)
    assert do(m, insn, PRV_U) == illegal(insn)
    assert do(m, insn, PRV_M) == ("ok", None)
    m.set_csr("mcounteren", 1 << bit)
    assert do(m, insn, PRV_S) == ("ok", None)
    assert do(m, insn, PRV_U) == ("ok", None)
    m.set_csr("scounteren", ~(1 << bit))
    assert do(m, insn, PRV_S) == ("ok", None)
    assert do(m, insn, PRV_U) == illegal(insn), "U needs scounteren too"
    m.set_csr("mcounteren", ~(1 << bit))
    m.set_csr("scounteren", 0xFFFFFFFF)
    assert do(m, insn, PRV_U) == illegal(insn), "U needs mcounteren too"


def test_counters_track_execution(m):
    prog = [A.csrr("a0", "cycle"), A.csrr("a1", "instret"), A.csrr("a2", "time")] + [A.nop()] * 10 + \
        [A.csrr("a3", "cycle"), A.csrr("a4", "instret"), A.csrr("a5", "time"), A.csrr("a6", "mcycle"),
         A.csrr("a7", "minstret")]
    m.exec(prog)
    assert m.x("a4") - m.x("a1") == 13                   # reads see the value before their own retirement
    assert m.x("a3") - m.x("a0") == 13                   # unit costs: one cycle per instruction
    assert m.x("a5") - m.x("a2") == 13                   # one cycle per mtime tick
    assert m.x("a6") == m.x("a3") + 3 and m.x("a7") == m.x("a4") + 3


def test_minstret_write_replaces_the_increment(m):
    # Zicsr: "If a CSR access instruction writes such a CSR, the write is done instead of the
    # increment": the next instruction reads exactly the value written.
    m.exec([A.csrrw(0, "minstret", "a0"), A.csrr("a1", "minstret"), A.csrr("a2", "instret")], a0=1000)
    assert m.x("a1") == 1000
    assert m.x("a2") == 1001


def test_mcycle_write_replaces_the_increment(m):
    m.exec([A.csrrw(0, "mcycle", "a0"), A.csrr("a1", "mcycle"), A.csrr("a2", "cycle")], a0=5000)
    assert m.x("a1") == 5000
    assert m.x("a2") == 5001


def test_mcycle_write_does_not_move_time(m):
    m.exec([A.csrr("a3", "time"), A.csrrw(0, "mcycle", "a0"), A.csrrw(0, "minstret", "a0"),
            A.csrr("a4", "time")], a0=1 << 40)
    assert m.x("a4") - m.x("a3") == 3
    assert m.csr("mcycle") >= 1 << 40 and m.csr("minstret") >= 1 << 40
    assert m.hart.stats()["instructions"]["total"] == 4, "statistics are not affected by CSR writes"


def test_hpm_counters_read_zero(m):
    for csr in (0xB03, 0xB1F, 0x323, 0x33F, 0xC03, 0xC1F):
        m.set_csr("mcounteren", 0xFFFFFFFF)
        do(m, A.csrrw("a1", csr, "a0") if csr < 0xC00 else A.csrr("a1", csr), a0=77, a1=5)
        assert m.x("a1") == 0 and m.csr(csr) == 0, hex(csr)


# ---- Sstc ----
def test_stimecmp_access_rules(m):
    rd, wr = A.csrr("a1", "stimecmp"), A.csrrw(0, "stimecmp", "a0")
    m.set_csr("menvcfg", 0)
    m.set_csr("mcounteren", 0xFFFFFFFF)
    assert do(m, rd, PRV_S) == illegal(rd), "menvcfg.STCE = 0"
    assert do(m, rd, PRV_M) == ("ok", None)
    m.set_csr("menvcfg", 1 << 63)
    assert do(m, rd, PRV_S) == ("ok", None)
    assert do(m, wr, PRV_S, a0=1234) == ("ok", None) and m.csr("stimecmp") == 1234
    m.set_csr("mcounteren", ~2)
    assert do(m, wr, PRV_S) == illegal(wr), "mcounteren.TM = 0"
    m.set_csr("mcounteren", 0xFFFFFFFF)
    m.set_csr("scounteren", 0xFFFFFFFF)
    assert do(m, rd, PRV_U) == illegal(rd), "stimecmp is an S-mode CSR"


def test_stimecmp_drives_stip_only_with_stce(m):
    m.set_csr("stimecmp", 50)
    m.set_csr("menvcfg", 0)
    m.exec([A.nop()] * 100)
    assert m.csr("mip") & (1 << 5) == 0, "without STCE, stimecmp does not drive STIP"
    m.set_csr("menvcfg", 1 << 63)
    m.exec([A.nop()] * 2)
    assert m.csr("mip") & (1 << 5), "time >= stimecmp: STIP"
    m.set_csr("mip", 0)
    assert m.csr("mip") & (1 << 5), "with STCE, STIP is read-only in mip"
    m.set_csr("stimecmp", MASK64)
    m.exec([A.nop()])
    assert m.csr("mip") & (1 << 5) == 0, "a later stimecmp clears STIP"


def test_stip_is_software_writable_without_stce(m):
    m.set_csr("menvcfg", 0)
    m.set_csr("mip", 1 << 5)
    m.exec([A.nop()])
    assert m.csr("mip") & (1 << 5)
    m.set_csr("mip", 0)
    assert m.csr("mip") & (1 << 5) == 0


# ---- PMP registers (storage only: pyvirt does not check PMP on accesses) ----
def test_pmp_registers(m):
    assert write_read(m, "pmpaddr0", MASK64) == (1 << 54) - 1
    m.set_csr("pmpcfg0", 0x1F0F)
    assert m.csr("pmpcfg0") == 0x1F0F
    m.set_csr(0x3A2, 0x8F)                               # pmpcfg2: entries 8..15
    assert m.csr(0x3A2) == 0x8F
    m.set_csr(0x3B8, 0x1234)                             # pmpaddr8 is locked by pmpcfg2 entry 8
    assert m.csr(0x3B8) == 0


def test_locked_pmp_entry_ignores_writes(m):
    m.set_csr("pmpaddr0", 0x1000)
    m.set_csr("pmpcfg0", 0x9F)                           # entry 0: L | NAPOT | RWX
    m.set_csr("pmpcfg0", 0x0F00)                         # entry 0 stays; entry 1 written
    assert m.csr("pmpcfg0") == 0x0F9F
    m.set_csr("pmpaddr0", 0x2000)
    assert m.csr("pmpaddr0") == 0x1000


def test_locked_tor_entry_locks_the_previous_address(m):
    # privileged 1.12, 3.7.1: "if PMP entry i is locked and pmpicfg.A = TOR, writes to
    # pmpaddr(i-1) are ignored"
    m.set_csr("pmpaddr0", 0x1000)
    m.set_csr("pmpcfg0", 0x8F << 8)                      # entry 1: L | TOR | RWX
    m.set_csr("pmpaddr0", 0x2000)
    assert m.csr("pmpaddr0") == 0x1000


def test_pmp_denies_s_mode_access_outside_its_entries():
    # privileged 1.12, 3.7.1: pmpcfg/pmpaddr are implemented (16 writable entries), so accesses
    # are checked: a locked-out region faults, and "if no PMP entry matches an S or U-mode access,
    # but at least one PMP entry is implemented, the access fails".
    m = Machine().park_handlers()
    data = A.DATA
    m.set_csr("pmpaddr0", (data >> 2) | 0x1FF)          # NAPOT 4 KiB at DATA: no permissions
    m.set_csr(0x3B1, (1 << 54) - 1)                     # pmpaddr1: everything else, RWX
    m.set_csr("pmpcfg0", (0x1F << 8) | 0x18)
    assert do(m, A.ld("a1", "a0", 0), PRV_S, a0=data) == ("trap", 5, data)
    assert do(m, A.sd("a1", "a0", 0), PRV_S, a0=data) == ("trap", 7, data)
    assert do(m, A.ld("a1", "a0", 0), PRV_S, a0=data + 0x1000) == ("ok", None)
