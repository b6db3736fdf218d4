"""Trap mode: full virtualization by trap-and-emulate (docs/architecture.md, "The trap VMM").

The guest image is the same as native. Every guest instruction runs on the physical hart in
U-mode; the physical hart sends every trap to the VMM (core.pyx), which emulates privileged
instructions and CSR accesses against the virtual hart (vcpu.pyx), keeps shadow page tables
(shadow.pyx), emulates every device access, injects the virtual hart's interrupts and, with
--bios builtin, provides the SBI to the virtual S-mode kernel.
"""
from pyvirt.config import SHADOW_POLICIES
from pyvirt.errors import PyvirtError
from pyvirt.firmware.sbi import FirmwareTrap, Sbi
from pyvirt.hypervisors.base import EXIT_TRAP_LOOP, VMM
from pyvirt.hypervisors.trap.core import EXIT_VMM_STUCK, REASON_NAMES, VMM_EVENTS, TrapCore
from pyvirt.hypervisors.trap.shadow import ShadowMMU
from pyvirt.hypervisors.trap.vcpu import VirtualHart

PRV_U, PRV_M = 0, 3
SBI_LEGACY_PUTCHAR, SBI_LEGACY_GETCHAR, SBI_EXT_DBCN = 0x01, 0x02, 0x4442434E

# CSR names for the statistics (privileged spec 1.12, tables 2.2-2.5; Sstc)
CSR_NAMES = {
    0x100: "sstatus", 0x104: "sie", 0x105: "stvec", 0x106: "scounteren", 0x10A: "senvcfg",
    0x140: "sscratch", 0x141: "sepc", 0x142: "scause", 0x143: "stval", 0x144: "sip", 0x14D: "stimecmp",
    0x180: "satp", 0x300: "mstatus", 0x301: "misa", 0x302: "medeleg", 0x303: "mideleg", 0x304: "mie",
    0x305: "mtvec", 0x306: "mcounteren", 0x30A: "menvcfg", 0x320: "mcountinhibit", 0x340: "mscratch",
    0x341: "mepc", 0x342: "mcause", 0x343: "mtval", 0x344: "mip", 0xB00: "mcycle", 0xB02: "minstret",
    0xC00: "cycle", 0xC01: "time", 0xC02: "instret", 0xF11: "mvendorid", 0xF12: "marchid",
    0xF13: "mimpid", 0xF14: "mhartid", 0xF15: "mconfigptr",
}
CSR_NAMES.update({0x3A0 + i: f"pmpcfg{i}" for i in range(16)})
CSR_NAMES.update({0x3B0 + i: f"pmpaddr{i}" for i in range(64)})
INTERRUPT_NAMES = {1: "ssi", 3: "msi", 5: "sti", 7: "mti", 9: "sei", 11: "mei"}


def csr_name(num):
    return CSR_NAMES.get(num, f"0x{num:03x}")


class FirmwareCpu:
    """What the SBI sees in trap mode: the virtual hart's CSRs, privilege and trap information,
    the guest's registers (in the physical hart) and the VMM's TLB and cost hooks."""

    def __init__(self, vmm):
        self._vmm = vmm
        self._hart = vmm.hart
        self._vcpu = vmm.vcpu

    def get_reg(self, i):
        return self._hart.get_reg(i)

    def set_reg(self, i, v):
        self._hart.set_reg(i, v)

    def read_csr(self, num):
        return self._vcpu.read_csr(num)

    def write_csr(self, num, v):
        self._vcpu.write_csr(num, v)

    @property
    def pc(self):
        return self._hart.pc

    @pc.setter
    def pc(self, v):
        self._hart.pc = v

    @property
    def priv(self):
        return self._vcpu.priv

    @priv.setter
    def priv(self, v):
        self._vcpu.priv = v

    @property
    def firmware_owns_m(self):
        return self._vcpu.firmware_owns_m

    @firmware_owns_m.setter
    def firmware_owns_m(self, v):
        self._vcpu.firmware_owns_m = v

    exit_cause = property(lambda self: self._vcpu.exit_cause)
    exit_tval = property(lambda self: self._vcpu.exit_tval)
    exit_pc = property(lambda self: self._vcpu.exit_pc)

    def charge_firmware_call(self):
        self._hart.charge_firmware_call()

    def complete_mtrap(self, next_pc):
        self._hart.complete_mtrap(next_pc)
        self._vcpu.complete_mtrap()

    def flush_tlb(self):
        self._vmm.core.guest_tlb_flush()

    def request_stop(self):
        self._hart.request_stop()


class TrapVMM(VMM):
    mode = "trap"

    def board_options(self):
        pool = self.config.shadow_pool_bytes
        return {"private_bytes": pool, "pins": VirtualHart}

    def __init__(self, config, **kwargs):
        if config.shadow_policy not in SHADOW_POLICIES:
            raise PyvirtError(f"unknown shadow policy '{config.shadow_policy}' (choose from "
                              f"{', '.join(SHADOW_POLICIES)})")
        if not 16 * 4096 <= config.shadow_pool_bytes < 0xFFFF * 4096:
            raise PyvirtError("the shadow pool must hold 16 to 65534 pages")
        super().__init__(config, **kwargs)
        self.vcpu = self.board.pins
        self.mmu = ShadowMMU(self.hart, self.vcpu, self.board.bus, config.shadow_pool_bytes,
                             config.shadow_policy, config.shadow_roots, config.shadow_flood_limit)
        self.core = TrapCore(self.hart, self.vcpu, self.mmu, self.board.bus, self.profile.events)
        self.board.bus.write_observer = self.mmu.dma_write if self.mmu.trace else None
        self.sbi = Sbi(self.board, FirmwareCpu(self)) if config.bios == "builtin" else None
        events = self.profile.events
        if getattr(self.profile, "hypervisor", "bare-metal") == "hosted":   # [model] (docs/cost-model.md)
            self.core.set_hosted(2 * events["world_switch"] + events["host_io"] + events["host_sched_delay"])

    def boot(self):
        image = self.board.load_kernel()
        self.hart.reset(image.entry, PRV_U)
        self.vcpu.reset(image.entry, PRV_M)
        if self.sbi is not None:
            self.sbi.boot(image.entry)
        else:
            self.hart.set_reg(10, 0)
            self.hart.set_reg(11, self.board.dtb_addr)
        self.core.configure()

    def run_slice(self, budget):
        return self.core.run(budget)

    def save_state(self):
        """The virtual hart, the core's counters and the shadow MMU's metadata (the shadow
        tables themselves are in the private pool, which the snapshot saves as memory)."""
        return {"vcpu": self.vcpu.get_state(), "core": self.core.get_state(), "shadow": self.mmu.get_state()}

    def load_state(self, state):
        self.vcpu.set_state(state["vcpu"])
        self.core.set_state(state["core"])
        self.mmu.set_state(state["shadow"])

    def _handle(self, code):
        if code == EXIT_TRAP_LOOP:
            vcpu = self.vcpu
            return self._stop(f"guest stuck in a trap loop: cause {vcpu.exit_cause} repeated without "
                              f"progress at pc=0x{vcpu.exit_pc:x} (tval 0x{vcpu.exit_tval:x}) "
                              f"after {self.hart.instret} instructions")
        if code == EXIT_VMM_STUCK:
            return self._stop(f"trap VMM made no progress at pc=0x{self.hart.pc:x} (cause "
                              f"{self.hart.exit_cause}, tval 0x{self.hart.exit_tval:x}) after "
                              f"{self.hart.instret} instructions")
        return super()._handle(code)

    def handle_mtrap(self):
        if self.sbi is None:
            return self._stop(f"trap into M-mode owned by no firmware: mcause=0x{self.vcpu.exit_cause:x}")
        ext = self.hart.get_reg(17)
        try:
            self.sbi.handle_trap()
        except FirmwareTrap as trap:
            return self._stop(str(trap))
        if ext in (SBI_LEGACY_PUTCHAR, SBI_LEGACY_GETCHAR, SBI_EXT_DBCN):
            self.core.charge_host()            # console I/O: through the host OS when hosted
        return None

    def stats(self):
        """The common statistics, with instructions and execution cycles by VIRTUAL privilege,
        the guest-visible traps, VMM cycles by reason, and a `trap` section (exits by reason,
        CSR and device, the shadow MMU's counters)."""
        result = super().stats()
        vstats = self.vcpu.stats()
        result["instructions"].update(vstats["instructions"])
        result["physical_traps"] = result["traps"]
        result["traps"] = vstats["traps"]
        core = self.core.stats(list(self.board.bus.device_stats()))
        by_cat = result["cycles"]["by_category"]
        by_cat.update(vstats["cycles"])
        trap_entry = self.profile.events["trap_entry"]
        reasons = {}
        for name, entry in core["reasons"].items():
            if name == "mmio":
                continue
            by_cat[f"vmm:{name}"] = entry["vmm_cycles"]
            count_key = "count" if name == "inject" else "exits"
            reasons[name] = {count_key: entry["exits"], "vmm_cycles": entry["vmm_cycles"]}
            if name != "inject":
                reasons[name]["trap_entry_cycles"] = entry["exits"] * trap_entry
        if core["host_cycles"]:
            by_cat["host"] = core["host_cycles"]
        for dev, entry in core["mmio"].items():
            by_cat[f"vmm:mmio:{dev}"] = entry["vmm_cycles"]
            reasons[f"mmio:{dev}"] = {"exits": entry["exits"], "vmm_cycles": entry["vmm_cycles"],
                                      "trap_entry_cycles": entry["exits"] * trap_entry}
        result["trap"] = {
            "exits": sum(e.get("exits", 0) for e in reasons.values()),
            "by_reason": reasons,
            "csr_exits": {csr_name(num): n for num, n in core["csr"].items()},
            "injected": {INTERRUPT_NAMES.get(i, f"irq{i}"): n for i, n in core["injected"].items()},
            "emulated_instructions": core["emulated_instructions"],
            "host_exits": core["host_exits"],
            "shadow": self.mmu.stats(),
            "vmm_events": {name: self.profile.events[name] for name in VMM_EVENTS},
        }
        return result


__all__ = ["TrapVMM", "FirmwareCpu", "REASON_NAMES"]
