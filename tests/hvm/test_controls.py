"""Each VMCS execution control both ways: on, it causes exactly the exits it should; off, none;
the guest sees the same as natively either way (also with every control at an extreme)."""
import pytest

from tests.machine import asm as A
from tests.test_isa import isa_test_names, programs_dir  # noqa: F401 (fixture)
from tests.test_prebuilt import PREBUILT
from tests.test_sbi import PROGRAMS as SBI_PROGRAMS, built  # noqa: F401 (fixture)
from tests.trap.harness import CLINT, Probe, run, same_program

from .harness import MMUS

from .harness import csr_exits, exits, same_as_native

MSIP, MTIMECMP = CLINT, CLINT + 0x4000
SIE, MIE, SSIP, MSIE, MTIE = 1 << 1, 1 << 3, 1 << 1, 1 << 3, 1 << 7


def each(runs):
    return list(runs.values())


@pytest.mark.parametrize("controls,reads,writes", [("csr=mscratch:r", 5, 0), ("csr=mscratch:w", 0, 3),
                                                   ("csr=mscratch", 5, 3), ("csr=none", 0, 0)])
def test_csr_bitmap(tmp_path, controls, reads, writes):
    p = Probe()
    for i in range(3):
        p.li("a0", i).csrw("mscratch", "a0")
    for _ in range(5):
        p.csrr("a1", "mscratch")
    p.finish()
    for r in each(same_as_native(tmp_path, p, controls)):
        pmp = r.stats["hvm"]["csr_exits"].get("pmpaddr0", 0) + r.stats["hvm"]["csr_exits"].get("pmpcfg0", 0)
        assert exits(r, "csr_read") == reads and exits(r, "csr_write") == writes + pmp
        assert csr_exits(r) == ({"mscratch": reads + writes} if reads + writes else {})


def test_csr_bitmap_leaves_illegal_accesses_to_the_guest(tmp_path):
    p = Probe()
    p.to_mode(A.PRV_S, "s").label("s")
    p.csrr("a0", "sscratch").csrw("sscratch", "a0")      # exits (S-level CSR in the bitmap)
    p.csrr("a1", "mscratch")                            # illegal from S: the guest's M handler
    p.ecall().finish()
    for r in each(same_as_native(tmp_path, p, "csr=sscratch+mscratch")):
        assert csr_exits(r) == {"sscratch": 2}
        assert r.stats["traps"]["exceptions"]["illegal_insn"] == 1


@pytest.mark.parametrize("controls,expected", [("exceptions=3", 4), ("exceptions=none", 0)])
def test_exception_bitmap(tmp_path, controls, expected):
    p = Probe()
    p.li("t0", 1 << 3).csrs("medeleg", "t0")            # breakpoints go to S natively
    p.to_mode(A.PRV_S, "s").label("s")
    for _ in range(4):
        p.emit(A.ebreak())
    p.ecall().finish()
    for r in each(same_as_native(tmp_path, p, controls)):
        assert exits(r, "exception") == expected
        assert r.stats["traps"]["exceptions"]["breakpoint"] == 4


@pytest.mark.parametrize("controls,expected", [("wfi=on", 3), ("wfi=off", 0)])
def test_wfi_exiting(tmp_path, controls, expected):
    p = Probe()
    p.li("t0", MSIE).csrw("mie", "t0").li("t0", MSIP).li("t1", 1).sw("t1", "t0", 0)   # pending, MIE off
    for _ in range(3):
        p.emit(A.wfi())
    p.li("t0", MSIP).sw("zero", "t0", 0).finish()
    for r in each(same_as_native(tmp_path, p, controls)):
        assert exits(r, "wfi") == expected


@pytest.mark.parametrize("controls,expected", [("satp=on", 4), ("satp=off", 0)])
def test_satp_write_exiting(tmp_path, controls, expected):
    p = Probe()
    for _ in range(4):
        p.csrw("satp", "zero")
    p.csrr("a0", "satp").finish()
    for r in each(same_as_native(tmp_path, p, controls, mmus=MMUS if expected else ("nested",))):
        assert exits(r, "satp_write") == expected


@pytest.mark.parametrize("controls,expected", [("sfence=on", 3), ("sfence=off", 0)])
def test_sfence_exiting(tmp_path, controls, expected):
    p = Probe()
    for _ in range(3):
        p.emit(A.sfence_vma(0, 0))
    p.finish()
    for r in each(same_as_native(tmp_path, p, controls)):
        assert exits(r, "sfence.vma") == expected


@pytest.mark.parametrize("controls,expected", [("intwin=on", 1), ("intwin=off", 0)])
def test_interrupt_window_exiting(tmp_path, controls, expected):
    p = Probe()
    p.li("t0", SSIP).csrs("mideleg", "t0")
    p.to_mode(A.PRV_S, "s").label("s")
    p.li("t0", SSIP).csrw("sie", "t0").csrs("sip", "t0")   # software-pending, SIE off: not taken
    p.li("t0", SIE).csrs("sstatus", "t0")                # the window opens: taken
    p.ecall().finish()
    for r in each(same_as_native(tmp_path, p, controls)):
        assert exits(r, "interrupt_window") == expected
        assert r.stats["traps"]["interrupts"] == {"ssi": 1}
        assert r.stats["hvm"]["injected"] == ({"ssi": 1} if expected else {})


@pytest.mark.parametrize("controls,expected", [("extint=on", 1), ("extint=off", 0)])
def test_external_interrupt_exiting(tmp_path, controls, expected):
    p = Probe()
    p.li("t0", MTIMECMP).li("t1", 5000).sd("t1", "t0", 0)
    p.li("t0", MTIE).csrw("mie", "t0").li("t0", MIE).csrs("mstatus", "t0")
    p.emit(A.wfi())                                      # idles to the deadline, then the interrupt
    p.li("t0", MTIMECMP).li("t1", -1).sd("t1", "t0", 0).finish()
    for r in each(same_as_native(tmp_path, p, controls + ",wfi=off")):    # the hart idles, not the VMM
        assert exits(r, "external_interrupt") == expected
        assert r.stats["traps"]["interrupts"] == {"mti": 1}
        # the interrupt targets the guest's M level: with extint off it exits as a trap into M
        assert exits(r, "trap_to_m") == 1 - expected


@pytest.mark.parametrize("name", SBI_PROGRAMS[:1])
@pytest.mark.parametrize("vmcall", ["on", "off"])
def test_vmcall_exiting(built, name, vmcall):  # noqa: F811
    native = run(built / f"{name}.elf", "native", bios="builtin")
    calls = sum(native.stats["firmware"]["sbi_calls"].values())
    r = run(built / f"{name}.elf", "hvm", bios="builtin", hvm=f"vmcall={vmcall}")
    assert (r.status, r.output) == (native.status, native.output)
    assert exits(r, "vmcall") == (calls if vmcall == "on" else 0)
    assert exits(r, "trap_to_m") == (0 if vmcall == "on" else calls)


@pytest.mark.parametrize("preempt", [0, 1_000_000])
def test_preemption_timer(preempt):
    native = run(PREBUILT / "crc32.elf", "native", max_insns=100_000_000)
    r = run(PREBUILT / "crc32.elf", "hvm", hvm=f"preempt={preempt}", max_insns=100_000_000)
    assert (r.status, r.output) == (native.status, native.output)
    n = exits(r, "preemption_timer")
    if not preempt:
        assert n == 0
    else:
        # re-armed at every entry: one exit per `preempt` cycles of guest time between other exits
        others = r.stats["hvm"]["exits"] - n
        assert r.stats["cycles"]["total"] // preempt - others - 1 <= n <= r.stats["cycles"]["total"] // preempt


@pytest.mark.parametrize("mmio", ["all", "uart", "none"])
def test_mmio_regions_that_exit(mmio):
    native = run(PREBUILT / "hello.elf", "native")
    r = run(PREBUILT / "hello.elf", "hvm", hvm=f"mmio={mmio}")
    assert (r.status, r.output) == (native.status, native.output)
    assert r.stats["devices"] == native.stats["devices"]
    devices = {name: d["reads"] + d["writes"] for name, d in native.stats["devices"].items() if d["reads"] + d["writes"]}
    exiting = {name: n for name, n in devices.items() if mmio == "all" or name == mmio}
    assert {name: m["exits"] for name, m in r.stats["hvm"]["mmio_exits"].items()} == exiting
    assert exits(r, "ept_violation") == sum(exiting.values())


def test_vpid_off_flushes_the_tlb_at_every_entry_and_exit():
    on = run(PREBUILT / "hello.elf", "hvm")
    off = run(PREBUILT / "hello.elf", "hvm", hvm="vpid=off")
    assert off.output == on.output
    hvm = off.stats["hvm"]
    assert hvm["exits"] == on.stats["hvm"]["exits"]
    assert off.stats["tlb"]["flushes"] - on.stats["tlb"]["flushes"] == hvm["exits"] + hvm["entries"]
    assert off.stats["tlb"]["misses"] > on.stats["tlb"]["misses"]


EXTREMES = [  # every exception exits, timer preemption, all optional exits on; or everything off
    {"mode": "hvm", "mmu": "nested", "hvm": "exceptions=0+1+2+3+4+5+6+7+8+9+11+12+13+15,preempt=5000,sfence=on,"
                                            "satp=on,vpid=off,pwc=on,ept-page=2m"},
    {"mode": "hvm", "mmu": "nested", "hvm": "extint=off,intwin=off,wfi=off,vmcall=off,csr=none,mmio=none"},
    {"mode": "hvm", "mmu": "shadow", "hvm": "sfence=off,extint=off,intwin=off,wfi=off,vmcall=off,csr=none"},
]


@pytest.mark.parametrize("name", isa_test_names())
def test_controls_never_change_what_the_guest_computes(programs_dir, name):  # noqa: F811
    same_program(programs_dir / "isa" / f"{name}.elf", EXTREMES, 5_000_000)


def test_the_vmm_pool_is_never_guest_memory(tmp_path):
    pool = A.RAM_BASE + (128 << 20)                      # right after guest RAM: the VMM's tables
    p = Probe()
    p.li("t6", pool).ld("a0", "t6", 0).sd("a0", "t6", 8)  # M-mode, Bare: access faults natively
    p.li("t0", (1 << 17) | (1 << 11)).csrs("mstatus", "t0")            # MPRV with MPP = S: emulated
    p.ld("a1", "t6", 16).li("t0", 1 << 17).csrc("mstatus", "t0")
    p.finish()
    for r in each(same_as_native(tmp_path, p)):
        assert r.stats["traps"]["exceptions"] == {"load_access": 2, "store_access": 1}
