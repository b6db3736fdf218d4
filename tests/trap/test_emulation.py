"""Each class of emulated instruction and CSR under trap mode: the guest must observe exactly
what it observes natively (registers, trap log, memory, CSRs), under both shadow policies.

Every probe is a bare-metal M-mode program (tests/trap/harness.py) whose privileged work all
executes in physical U-mode under trap mode and is decoded and emulated by the VMM."""
import pytest

from tests.machine import asm as A

from .harness import CLINT, DATA, FINISHER, PAGES, PLIC, UART, Probe, log_records, same_everywhere

MPRV, SUM, MXR, TVM, TW, TSR = 1 << 17, 1 << 18, 1 << 19, 1 << 20, 1 << 21, 1 << 22
MIE, SIE, MPIE, SPIE, SPP = 1 << 3, 1 << 1, 1 << 7, 1 << 5, 1 << 8
M_CSRS = ("mstatus", "misa", "medeleg", "mideleg", "mie", "mtvec", "mcounteren", "menvcfg", "mscratch",
          "mepc", "mcause", "mtval", "mip", "pmpcfg0", "pmpaddr0", "mvendorid", "marchid", "mimpid",
          "mhartid", "mconfigptr", "mcountinhibit")
S_CSRS = ("sstatus", "sie", "stvec", "scounteren", "senvcfg", "sscratch", "sepc", "scause", "stval", "sip",
          "satp")


def store_regs(p, regs, base=DATA):
    p.li("t6", base)
    for i, r in enumerate(regs):
        p.sd(r, "t6", 8 * i)
    return p


# ---- CSR instructions: every form, WARL legalization, read-only and privilege rules ----
@pytest.mark.parametrize("csr", M_CSRS + S_CSRS)
def test_csr_write_all_ones_and_zero_read_back(tmp_path, csr):
    p = Probe()
    p.li("t6", DATA).li("a0", -1)
    p.csrrw("a1", csr, "a0").csrr("a2", csr)          # read-only CSRs trap (logged, skipped)
    p.csrrw("a3", csr, "zero").csrr("a4", csr)
    p.csrrs("a5", csr, "a0").csrrc("a6", csr, "a0").csrr("a7", csr)
    p.csrrwi("t1", csr, 0x15).csrrsi("t2", csr, 0xA).csrrci("t3", csr, 0x3).csrr("t4", csr)
    store_regs(p, ["a1", "a2", "a3", "a4", "a5", "a6", "a7", "t1", "t2", "t3", "t4"])
    if csr == "satp":
        p.csrw("satp", "zero")                        # keep the finisher reachable
    if csr == "mstatus" or csr == "sstatus":
        p.li("t0", MPRV).csrc("mstatus", "t0")
    p.finish()
    same_everywhere(tmp_path, p)


@pytest.mark.parametrize("prv", [A.PRV_S, A.PRV_U])
def test_csr_access_below_m_traps_like_the_hart(tmp_path, prv):
    p = Probe()
    p.to_mode(prv, "low")
    p.label("low")
    for csr in ("mstatus", "mepc", "mscratch", "sstatus", "sscratch", "satp", "sepc", "cycle", "time",
                "instret", "mhartid", "stimecmp"):
        p.csrr("a0", csr)
        p.csrrw("a1", csr, "a0")
    p.csrrs("a2", 0x7C0, "zero")                      # a custom CSR that does not exist
    p.ecall()                                         # back to M (logged)
    p.finish()
    _, traps = same_everywhere(tmp_path, p)
    assert traps["trace"].stats["trap"]["by_reason"]["csr"]["exits"] > 0


def test_tvm_makes_satp_and_sfence_illegal_in_s(tmp_path):
    p = Probe()
    p.li("t0", TVM).csrs("mstatus", "t0")
    p.to_mode(A.PRV_S, "s")
    p.label("s")
    p.csrr("a0", "satp").csrw("satp", "zero").emit(A.sfence_vma(0, 0))
    p.ecall().finish()
    same_everywhere(tmp_path, p)


@pytest.mark.parametrize("mcounteren,scounteren", [(0, 0), (7, 0), (7, 7), (5, 2), (2, 7)])
def test_counter_access_from_s_and_u_follows_the_enables(tmp_path, mcounteren, scounteren):
    p = Probe()
    p.li("t0", mcounteren).csrw("mcounteren", "t0").li("t0", scounteren).csrw("scounteren", "t0")
    p.to_mode(A.PRV_S, "s")
    p.label("s")
    p.li("a0", 0).li("a1", 0).li("a2", 0)
    p.csrr("a0", "cycle").csrr("a1", "time").csrr("a2", "instret")
    p.sltu("a0", "zero", "a0").sltu("a1", "zero", "a1")     # nonzero: read; 0: trapped (values differ)
    p.li("t0", SPP).csrc("sstatus", "t0").la("t0", "u").csrw("sepc", "t0").sret()
    p.label("u")
    p.li("a3", 0).li("a4", 0).li("a5", 0)
    p.csrr("a3", "cycle").csrr("a4", "time").csrr("a5", "instret")
    p.sltu("a3", "zero", "a3").sltu("a4", "zero", "a4")
    p.ecall().finish()
    same_everywhere(tmp_path, p)


def test_minstret_and_mcycle_writes(tmp_path):
    p = Probe()
    p.li("a0", 1000).csrw("minstret", "a0").csrr("a1", "minstret").csrr("a2", "instret")
    p.li("a0", 5_000_000).csrw("mcycle", "a0").csrr("a3", "mcycle")
    p.li("t0", 4_999_000).sltu("a3", "t0", "a3")           # the cycle counter continues from the write
    p.finish()
    same_everywhere(tmp_path, p)


# ---- xRET, wfi, sfence.vma and their traps ----
@pytest.mark.parametrize("target", [A.PRV_M, A.PRV_S, A.PRV_U])
def test_mret_to_each_mode_with_the_interrupt_stack(tmp_path, target):
    p = Probe()
    p.li("t0", MPIE | MIE).csrs("mstatus", "t0")
    p.li("t0", 3 << 11).csrc("mstatus", "t0").li("t0", target << 11).csrs("mstatus", "t0")
    p.la("t0", "after").csrw("mepc", "t0").mret()
    p.label("after")
    p.ecall()                                          # logs the mode we arrived in (cause 8/9/11)
    p.csrr("a0", "mstatus").finish()
    same_everywhere(tmp_path, p)


def test_sret_to_s_and_u_and_its_traps(tmp_path):
    p = Probe()
    p.to_mode(A.PRV_S, "s")
    p.label("s")
    p.li("t0", SPP | SPIE).csrs("sstatus", "t0").la("t0", "s2").csrw("sepc", "t0").sret()
    p.label("s2")
    p.csrr("a0", "sstatus")
    p.li("t0", SPP).csrc("sstatus", "t0").la("t0", "u").csrw("sepc", "t0").sret()
    p.label("u")
    p.sret()                                           # illegal in U
    p.mret()                                           # illegal below M
    p.wfi()                                            # illegal in U
    p.emit(A.sfence_vma(0, 0))                         # illegal in U
    p.ecall()
    p.li("t0", TSR).csrs("mstatus", "t0")
    p.to_mode(A.PRV_S, "s3")
    p.label("s3")
    p.sret()                                           # illegal with TSR
    p.mret()
    p.ecall().finish()
    same_everywhere(tmp_path, p)


def test_wfi_with_interrupt_pending_retires_and_tw_traps(tmp_path):
    p = Probe()
    p.li("t0", 1 << 1).csrs("mip", "t0").csrs("mie", "t0")     # SSIP pending, enabled, globally off
    p.wfi()                                            # returns at once
    p.li("t0", 1 << 1).csrw("mideleg", "t0")           # SSI is S-level now; SIE = 0 keeps it pending
    p.to_mode(A.PRV_S, "s")
    p.label("s")
    p.wfi()
    p.ecall()
    p.li("t0", TW).csrs("mstatus", "t0").to_mode(A.PRV_S, "s2")
    p.label("s2")
    p.wfi()                                            # illegal with TW
    p.ecall().finish()
    same_everywhere(tmp_path, p)


def test_wfi_sleeps_until_the_timer(tmp_path):
    p = Probe()
    p.li("t0", CLINT + 0xBFF8).ld("a0", "t0", 0).addi("a0", "a0", 2000)
    p.li("t0", CLINT + 0x4000).sd("a0", "t0", 0)
    p.li("t0", 1 << 7).csrw("mie", "t0")               # MTIE, MIE off: wfi still wakes
    p.wfi()
    p.csrr("a1", "mip").andi("a1", "a1", 1 << 7)
    p.li("t0", CLINT + 0xBFF8).ld("a2", "t0", 0).sltu("a2", "a2", "a0")   # 0: time passed the deadline
    p.li("t0", MIE).csrs("mstatus", "t0")             # the interrupt is taken now
    p.nop().li("a0", 0).finish()
    native, traps = same_everywhere(tmp_path, p)
    assert [r[0] for r in log_records(native)] == [(1 << 63) | 7]


def test_sfence_vma_forms(tmp_path):
    p = Probe()
    p.li("a0", 0x1234000).li("a1", 5)
    for rs1, rs2 in ((0, 0), ("a0", 0), (0, "a1"), ("a0", "a1")):
        p.emit(A.sfence_vma(rs1, rs2))
    p.to_mode(A.PRV_S, "s")
    p.label("s")
    p.emit(A.sfence_vma(0, 0)).emit(A.sfence_vma("a0", "a1"))
    p.ecall().finish()
    same_everywhere(tmp_path, p)


# ---- exceptions reflected into the guest ----
def test_ecall_and_ebreak_from_each_mode_with_delegation(tmp_path):
    p = Probe()
    p.ecall().ebreak().emit(A.c_ebreak()).nop()
    p.li("t0", (1 << 8) | (1 << 3)).csrw("medeleg", "t0")      # ecall from U and ebreak to S
    p.to_mode(A.PRV_S, "s")
    p.label("s")
    p.ebreak()                                          # delegated: S handler
    p.li("t0", SPP).csrc("sstatus", "t0").la("t0", "u").csrw("sepc", "t0").sret()
    p.label("u")
    p.ecall()                                           # delegated to S
    p.ebreak()                                          # S
    p.word(0)                                           # illegal instruction (not delegated): M
    p.emit(A.Half(0)).nop()                             # c.unimp: illegal
    p.li("s8", 0)
    p.la("s8", "back").ld("a0", "zero", 0)              # load access fault in M (not delegated), resume at back
    p.label("back")
    p.csrw("medeleg", "zero").ecall()
    p.finish()
    same_everywhere(tmp_path, p)


def test_misaligned_and_access_faults(tmp_path):
    p = Probe()
    p.li("a0", DATA + 1).lr_d("a1", "a0").amoadd_w("a1", "a1", "a0")       # misaligned AMOs
    p.li("a0", DATA + 0xFFD).li("a1", 0x1122334455667788).sd("a1", "a0", 0).ld("a2", "a0", 0)  # crossing
    p.li("a0", 0x4000_0000).lw("a3", "a0", 0).sw("a3", "a0", 0)              # nothing there
    p.li("s8", 0).la("s8", "ret").li("a0", 0x3000_0000).jalr("ra", "a0", 0)  # fetch access fault
    p.label("ret")
    p.finish()
    same_everywhere(tmp_path, p)


# ---- interrupts: delegation, priorities, enables ----
def test_software_interrupts_delegated_and_not(tmp_path):
    p = Probe()
    p.li("t0", CLINT).li("t1", 1).sw("t1", "t0", 0)     # MSIP via the CLINT (MMIO)
    p.li("t0", (1 << 3) | (1 << 1)).csrw("mie", "t0")
    p.li("t0", 1 << 1).csrs("mip", "t0")                 # SSIP
    p.li("t0", MIE).csrs("mstatus", "t0")                # MSI first (higher priority), MIE cleared by handler
    p.nop()
    p.li("t0", CLINT).sw("zero", "t0", 0)
    p.li("t0", 1 << 1).csrw("mideleg", "t0").csrs("mie", "t0")
    p.to_mode(A.PRV_S, "s")
    p.label("s")
    p.li("t0", SIE).csrs("sstatus", "t0")                # SSI to S now
    p.nop().nop().ecall()
    p.finish()
    native, _ = same_everywhere(tmp_path, p)
    causes = [r[0] for r in log_records(native)]
    assert causes[:2] == [(1 << 63) | 3, (1 << 63) | 1]


def test_interrupt_on_mret_to_lower_privilege(tmp_path):
    p = Probe()
    p.li("t0", 1 << 1).csrs("mip", "t0").csrs("mie", "t0")   # SSIP pending, M-level (not delegated)
    p.to_mode(A.PRV_U, "u")                              # below M: taken at once after mret
    p.label("u")
    p.nop().ecall().finish()
    native, _ = same_everywhere(tmp_path, p)
    assert log_records(native)[0][0] == (1 << 63) | 1


def test_sstc_timer_interrupt(tmp_path):
    p = Probe()
    p.li("t0", 1 << 63).csrw("menvcfg", "t0").li("t0", 2).csrw("mcounteren", "t0")
    p.li("t0", 1 << 5).csrw("mideleg", "t0").csrw("mie", "t0")
    p.to_mode(A.PRV_S, "s")
    p.label("s")
    p.csrr("a0", "time").addi("a0", "a0", 500).csrw("stimecmp", "a0")
    p.li("t0", SIE).csrs("sstatus", "t0")
    p.wfi().nop()
    p.csrr("a1", "sip")
    p.li("t0", -1).csrw("stimecmp", "t0").csrr("a2", "sip")
    p.li("a0", 0).ecall().finish()
    native, _ = same_everywhere(tmp_path, p)
    assert (1 << 63) | 5 in [r[0] for r in log_records(native)]


# ---- MMIO: every access width, sign extension, compressed forms, faults ----
def test_mmio_widths_and_extension(tmp_path):
    p = Probe()
    p.li("s0", UART).li("a0", 0xF5).sb("a0", "s0", 7)                  # scratch register
    p.lb("a1", "s0", 7).lbu("a2", "s0", 7).lb("a3", "s0", 5)          # LSR
    p.li("s1", PLIC + 4).li("a0", 7).sw("a0", "s1", 0).lw("a4", "s1", 0).lwu("a5", "s1", 0)
    p.li("s1", CLINT + 0x4000).li("a0", 0x8765_4321_0FED_CBA9).sd("a0", "s1", 0).ld("a6", "s1", 0)
    p.lw("a7", "s1", 4).lwu("t1", "s1", 0).sw("zero", "s1", 4).ld("t2", "s1", 0)
    p.lh("t3", "s1", 8).sh("a0", "s1", 2)                              # unsupported widths: read 0 / ignored
    p.lh("t4", "s0", 7)                                                 # misaligned: access fault
    store_regs(p, ["a1", "a2", "a3", "a4", "a5", "a6", "a7", "t1", "t2", "t3", "t4"])
    p.li("t0", -1).sd("t0", "s1", 0)
    p.li("x14", PLIC + 8).li("x15", 3).emit(A.c_sw("x15", "x14", 0)).emit(A.c_lw("x15", "x14", 0))
    p.li("x14", UART).emit(A.c_lw("x15", "x14", 4))                    # a 4-byte UART access reads 0
    store_regs(p, ["x15"], base=DATA + 0x100)
    p.finish()
    _, traps = same_everywhere(tmp_path, p)
    devices = traps["trace"].stats["trap"]["by_reason"]
    assert devices["mmio:uart"]["exits"] >= 5 and devices["mmio:plic"]["exits"] >= 4


def test_mmio_faults(tmp_path):
    p = Probe()
    p.li("s0", PLIC + 2).lw("a0", "s0", 0)                             # misaligned device access
    p.li("s0", PLIC).amoadd_w("a1", "a1", "s0").lr_w("a2", "s0")      # AMOs on devices
    p.li("s0", UART + 0xFF).sh("a0", "s0", 0)                          # crosses the device's end
    p.li("s0", FINISHER + 0x1000).lw("a3", "s0", 0)                    # no device
    p.finish()
    same_everywhere(tmp_path, p)


# ---- paging from M: MPRV, and S/U under Sv39 (identity-mapped probe) ----
def sv39_identity(p, user=False, extra=None):
    """Root at PAGES: a gigapage identity map of RAM (S, or U with user=True) and of the
    devices; an L0 window at VA 0x4000_0000 with the leaves in extra {index: (pa, flags)}."""
    root, l1, l0 = PAGES, PAGES + 0x1000, PAGES + 0x2000
    u = 0x10 if user else 0
    p.li("t1", root)
    p.li("t2", ((0x8000_0000 >> 12) << 10) | 0xCF | u).sd("t2", "t1", 2 * 8)          # RAM, RWX A D
    p.li("t2", (0 << 10) | 0xC7).sd("t2", "t1", 0)                                    # devices, RW
    p.li("t2", ((l1 >> 12) << 10) | 1).sd("t2", "t1", 1 * 8)
    p.li("t1", l1).li("t2", ((l0 >> 12) << 10) | 1).sd("t2", "t1", 0)
    p.li("t1", l0)
    for index, (pa, flags) in (extra or {}).items():
        p.li("t2", ((pa >> 12) << 10) | flags).sd("t2", "t1", 8 * index)
    p.li("t0", (8 << 60) | (root >> 12)).csrw("satp", "t0").emit(A.sfence_vma(0, 0))


def test_mprv_loads_and_stores_translate_at_mpp(tmp_path):
    p = Probe()
    sv39_identity(p, extra={0: (DATA, 0xC7), 1: (DATA + 0x1000, 0xD7), 2: (DATA, 0x47)})
    p.li("t0", 0x55).li("t1", DATA).sd("t0", "t1", 0).li("t1", DATA + 0x1000).sd("t0", "t1", 8)
    p.li("t0", MPRV | (1 << 11)).csrs("mstatus", "t0")          # MPRV, MPP = S
    p.li("a0", 0x4000_0000).li("s1", 0x4000_1000).li("s2", 0x4000_2000)
    p.ld("a1", "a0", 0).sd("a1", "a0", 16)
    p.ld("a2", "s1", 8)                                          # user page from S without SUM: fault
    p.li("t0", SUM).csrs("mstatus", "t0").ld("a3", "s1", 8).sd("a3", "s1", 16)
    p.sd("a3", "s2", 0)                                          # clean (D = 0) page: D set by the store
    p.li("t0", 3 << 11).csrc("mstatus", "t0")                    # MPP = U
    p.ld("a4", "a0", 0).ld("a5", "s1", 8)                        # S page faults, U page works
    p.amoadd_d("a6", "a5", "a0")
    p.li("t0", MPRV | SUM).csrc("mstatus", "t0").li("t0", 3 << 11).csrs("mstatus", "t0")
    p.csrw("satp", "zero")
    store_regs(p, ["a1", "a2", "a3", "a4", "a5", "a6"], base=DATA + 0x800)
    p.finish()
    same_everywhere(tmp_path, p, data_bytes=0x3000)


def test_supervisor_and_user_under_sv39_with_faults(tmp_path):
    p = Probe()
    sv39_identity(p, extra={0: (DATA, 0xD7), 1: (DATA + 0x1000, 0x5B), 3: (DATA + 0x2000, 0x49)})
    p.to_mode(A.PRV_S, "s")
    p.label("s")
    p.li("a0", 0x4000_0000).ld("a1", "a0", 0)               # U page from S, SUM = 0: page fault
    p.li("t0", SUM).csrs("sstatus", "t0").sd("a1", "a0", 8).ld("a1", "a0", 8)
    p.li("t0", MXR).csrs("sstatus", "t0").li("a2", 0x4000_3000).ld("a2", "a2", 0)   # X-only page with MXR
    p.li("t0", MXR | SUM).csrc("sstatus", "t0").li("a2", 0x4000_3000).ld("a3", "a2", 0)  # without: fault
    p.li("a4", 0x4000_5000).ld("a4", "a4", 0)                # unmapped: fault
    p.li("t0", 0x80_0000_0000).ld("a5", "t0", 0)             # non-canonical
    p.li("t0", UART).lbu("a6", "t0", 5)                      # MMIO through the S mapping
    p.ecall().csrw("satp", "zero").finish()
    same_everywhere(tmp_path, p, data_bytes=0x3000)


def test_pmp_restricts_s_mode_in_bare_and_translated_views(tmp_path):
    p = Probe()
    # entry 0: DATA page read-only (NAPOT 4 KiB); entry 1: everything else RWX
    p.li("t0", (DATA >> 2) | 0x1FF).csrw("pmpaddr0", "t0")
    p.li("t0", (1 << 54) - 1).csrw(0x3B1, "t0")
    p.li("t0", (0x1F << 8) | 0x19).csrw("pmpcfg0", "t0")
    p.to_mode(A.PRV_S, "s")
    p.label("s")
    p.li("a0", DATA).ld("a1", "a0", 0).sd("a1", "a0", 8)     # store access fault
    p.ecall()
    p.li("t0", (1 << 54) - 1).csrw("pmpaddr0", "t0").li("t0", 0x1F).csrw("pmpcfg0", "t0")
    p.finish()
    same_everywhere(tmp_path, p)
