"""Run guests under native and trap mode in-process and compare what they can observe.

`run(kernel, mode, ...)` runs an ELF through pyvirt's VMM (console captured) and returns a
Run. `Probe` builds a bare-metal M-mode program with the tests' assembler (tests/machine/asm.py):
a prologue installs M and S trap handlers that log every trap (cause, epc, tval, status) to
LOG and skip the trapping instruction (or resume at s8 when it is non-zero), the body runs,
and the epilogue powers off through the sifive_test finisher. `same_everywhere(probe)` runs it
natively and under trap with both shadow policies and asserts that registers, pc, privilege,
the trap log, the data area and the guest-visible CSRs are identical.

Registers s8-s11 belong to the handlers: s8 = resume address (0: skip the instruction),
s9/s10 = scratch, s11 = the log pointer.
"""
import io
import os

from pyvirt.config import MachineConfig
from pyvirt.console import Console
from pyvirt.hypervisors import create
from tests.elfutil import make_elf
from tests.machine import asm as A

RAM_BASE = A.RAM_BASE
M_HANDLER = RAM_BASE + 0x8000
S_HANDLER = RAM_BASE + 0x8100
LOG = RAM_BASE + 0x1_0000           # 32-byte records: cause, epc, tval, status
DATA = RAM_BASE + 0x2_0000          # scratch data compared at the end (4 KiB)
PAGES = RAM_BASE + 0x4_0000         # room for page tables
FINISHER = 0x10_0000
UART = 0x1000_0000
CLINT = 0x0200_0000
PLIC = 0x0C00_0000
# CSRs both modes must agree on at the end of a probe (counters and time excluded)
COMPARED_CSRS = ("mstatus", "medeleg", "mideleg", "mie", "mip", "mtvec", "mscratch", "mepc", "mcause",
                 "mtval", "mcounteren", "menvcfg", "sstatus", "sie", "sip", "stvec", "sscratch", "sepc",
                 "scause", "stval", "satp", "scounteren", "senvcfg", "minstret", "instret", "pmpcfg0",
                 "pmpaddr0", "misa", "mhartid")
POLICIES = ("trace", "resync")


class Run:
    def __init__(self, status, output, vmm):
        self.status, self.output, self.vmm = status, output, vmm

    @property
    def stats(self):
        return self.vmm.stats()

    @property
    def cpu(self):
        """(register file, csr reader, privilege) as the guest sees them."""
        vmm = self.vmm
        if vmm.mode == "trap":
            return vmm.hart, vmm.vcpu.read_csr, vmm.vcpu.priv
        return vmm.hart, vmm.hart.read_csr, vmm.hart.priv

    def guest_state(self, data_bytes=4096):
        hart, read_csr, priv = self.cpu
        bus = self.vmm.board.bus
        log_end = hart.get_reg(27)
        log = bus.read_bytes(LOG, max(0, min(log_end - LOG, 0x8000))) if LOG <= log_end else b""
        return {
            "status": self.status,
            "output": self.output,
            "x": [hart.get_reg(i) for i in range(32)],
            "pc": hart.pc,
            "priv": priv,
            "csrs": {name: read_csr(A.CSR[name]) for name in COMPARED_CSRS},
            "log": log,
            "data": bus.read_bytes(DATA, data_bytes),
            "instret": hart.instret,
        }


def run(kernel, mode="native", bios="none", append="", policy="trace", max_insns=20_000_000, profile="unit",
        drives=(), mem=128 << 20, **extra):
    out = io.BytesIO()
    config = MachineConfig(kernel=str(kernel), mode=mode, bios=bios, append=append, profile=profile,
                           max_insns=max_insns, shadow_policy=policy, drives=list(drives), mem_bytes=mem, **extra)
    vmm = create(config, console=Console(out))
    status = vmm.run()
    return Run(status, out.getvalue().decode("latin-1"), vmm)


class Probe(A.Asm):
    """An M-mode test program (see the module docstring)."""

    def __init__(self):
        super().__init__(RAM_BASE)
        self.li("t0", M_HANDLER).csrw("mtvec", "t0")
        self.li("t0", S_HANDLER).csrw("stvec", "t0")
        self.li("t0", (1 << 54) - 1).csrw("pmpaddr0", "t0")
        self.li("t0", 0x1F).csrw("pmpcfg0", "t0")
        self.li("s11", LOG).li("s8", 0)
        self.label("body")

    def li(self, rd, value):
        return self.emit(A.li(rd, value))

    def finish(self):
        """Power off (status 0) through the sifive_test finisher."""
        self.li("t0", FINISHER).li("t1", 0x5555).sw("t1", "t0", 0)
        self.label("_park")
        self.j("_park")
        return self

    def to_mode(self, prv, label):
        """From M: continue at label in privilege prv (mret with MPP = prv, MPIE = 0)."""
        self.li("t0", (3 << 11) | (1 << 7)).csrc("mstatus", "t0")
        self.li("t0", prv << 11).csrs("mstatus", "t0")
        self.la("t0", label).csrw("mepc", "t0").mret()
        return self

    def la(self, rd, label):
        """rd = the address of label (auipc + addi, resolved at assembly)."""
        start = self.pc
        self._put(4, lambda pc, rd=rd, label=label: A.auipc(rd, ((self.labels[label] - start + 0x800) >> 12) & 0xFFFFF))
        self._put(4, lambda pc, rd=rd, label=label: A.addi(rd, rd, A.sext(self.labels[label] - start, 12)))
        return self

    def _handlers(self):
        for base, x in ((M_HANDLER, "m"), (S_HANDLER, "s")):
            self.org(base)
            for csr, off in ((f"{x}cause", 0), (f"{x}epc", 8), (f"{x}tval", 16), (f"{x}status", 24)):
                self.csrr("s10", csr).sd("s10", "s11", off)
            self.addi("s11", "s11", 32)
            self.csrr("s10", f"{x}cause").blt("s10", "zero", f"_{x}irq")
            self.bnez("s8", f"_{x}resume")
            self.csrr("s10", f"{x}epc").lhu("s9", "s10", 0).andi("s9", "s9", 3).addi("s10", "s10", 2)
            self.addi("s9", "s9", -3).bnez("s9", f"_{x}len")
            self.addi("s10", "s10", 2)
            self.label(f"_{x}len")
            self.csrw(f"{x}epc", "s10")
            self.emit(A.mret() if x == "m" else A.sret())
            self.label(f"_{x}resume")
            self.csrw(f"{x}epc", "s8").li("s8", 0)
            self.emit(A.mret() if x == "m" else A.sret())
            self.label(f"_{x}irq")
            self.csrw("mie" if x == "m" else "sie", "zero")
            self.emit(A.mret() if x == "m" else A.sret())
        self.align(8)

    def build(self):
        """The program as an ELF file image."""
        body_end = self.pc
        assert body_end <= M_HANDLER, "probe body overlaps the handlers"
        self._handlers()
        return make_elf(self.assemble())


def write_elf(tmp_path, probe, name="probe.elf"):
    os.makedirs(str(tmp_path), exist_ok=True)
    path = os.path.join(str(tmp_path), name)
    with open(path, "wb") as f:
        f.write(probe.build())
    return path


def same_everywhere(tmp_path, probe, max_insns=200_000, data_bytes=4096, policies=POLICIES):
    """Run probe natively and under trap (each policy); assert the guest saw the same; return
    (native Run, {policy: trap Run})."""
    path = write_elf(tmp_path, probe)
    native = run(path, "native", max_insns=max_insns)
    want = native.guest_state(data_bytes)
    assert native.status == 0, (native.status, native.vmm.diagnostic)
    traps = {}
    for policy in policies:
        got = run(path, "trap", policy=policy, max_insns=max_insns)
        state = got.guest_state(data_bytes)
        for key in want:
            assert state[key] == want[key], f"{policy}: {key} differs: native {want[key]!r} trap {state[key]!r}"
        traps[policy] = got
    return native, traps


def same_program(elf, variants, max_insns, bios="none", native_ok=True):
    """Run elf natively and under each variant (a dict of run() keywords: mode, policy, mmu...);
    assert each ends with the native status and output; return (native Run, [Runs])."""
    native = run(elf, "native", bios=bios, max_insns=max_insns)
    assert native.status == 0 or not native_ok, native.vmm.diagnostic
    runs = []
    for variant in variants:
        got = run(elf, bios=bios, max_insns=max_insns, **variant)
        assert (got.status, got.output) == (native.status, native.output), \
            f"{variant}: status {got.status}, {got.vmm.diagnostic}"
        runs.append(got)
    return native, runs


def same_functional_output(native, got):
    """The kernel's `run all` under a VMM: the same functional output as natively, all passed."""
    from tests.test_guest_kernel import done_lines, functional
    assert native.status == 0 and "SUMMARY ran=14 failed=0" in native.output
    assert got.status == 0, got.vmm.diagnostic
    assert functional(got.output) == functional(native.output)
    assert set(done_lines(got.output).values()) == {"0"}


def assert_kernel_accounting(stats):
    """Every cycle in a category; the kernel's instructions split between user and supervisor."""
    cycles = stats["cycles"]
    assert cycles["total"] == sum(cycles["by_category"].values())
    insns = stats["instructions"]
    assert insns["total"] == insns["user"] + insns["supervisor"] + insns["machine"]
    assert insns["user"] > 0 and insns["supervisor"] > 0 and insns["machine"] == 0


def same_disk_output(tmp_path, variant, driver, interface, max_insns=200_000_000):
    """The kernel's disk and build workloads on a fresh disk natively and under variant (run()
    keywords): the same functional output and disk contents; return the variant's Run."""
    from tests.test_guest_kernel import DISK_SECTORS, KERNEL, functional
    outputs, runs = {}, {}
    for name, keywords in (("native", {"mode": "native"}), ("vmm", variant)):
        image = tmp_path / f"{name}.img"
        image.write_bytes(bytes(512 * DISK_SECTORS))
        r = run(KERNEL, bios="builtin", append=f"run disk {driver}; run build 3",
                drives=[f"file={image},if={interface}"], max_insns=max_insns, **keywords)
        assert r.status == 0, (name, r.output[-2000:], r.vmm.diagnostic)
        outputs[name] = (functional(r.output), image.read_bytes())
        runs[name] = r
    assert outputs["vmm"] == outputs["native"]
    return runs["vmm"]


def log_records(run_):
    """The trap log of a finished probe: [(cause, epc, tval, status)]."""
    state = run_.guest_state()
    raw = state["log"]
    return [tuple(int.from_bytes(raw[i + 8 * k:i + 8 * k + 8], "little") for k in range(4))
            for i in range(0, len(raw), 32)]


__all__ = ["Probe", "Run", "run", "same_everywhere", "same_program", "same_functional_output", "same_disk_output",
           "assert_kernel_accounting",
           "write_elf",
           "log_records", "RAM_BASE",
           "DATA", "LOG", "PAGES", "UART", "CLINT", "PLIC", "FINISHER", "POLICIES"]
