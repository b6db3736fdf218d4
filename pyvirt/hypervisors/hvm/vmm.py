"""Hvm mode: hardware-assisted virtualization, VT-x style (docs/hvm.md).

The hart runs the unmodified guest in non-root mode on the guest's own state (the VMCS
guest-state area is the hart's state), at the guest's privilege, and exits to this VMM only
where a VMCS control says so (machine/vmx.pxd). Each exit costs the hardware's `vm_exit`, the
VMM's work per operation, and `vm_entry`; the VMM emulates the exiting instruction by running
it on the guest state with exits suppressed (the machine's own code), delivers the traps that
target the guest's M level (or serves them with the built-in SBI) and injects interrupts at
VM entry. Memory: nested paging (second stage built by ept.py) or shadow paging (shadowing.pyx,
the trap VMM's ShadowMMU behind satp-write, sfence.vma and page-fault exits).
"""
from pyvirt.config import MMU_MODES, SHADOW_POLICIES
from pyvirt.errors import PyvirtError
from pyvirt.firmware.sbi import FirmwareTrap, Sbi
from pyvirt.hypervisors.base import EXIT_BUDGET, EXIT_MTRAP, VMM
from pyvirt.hypervisors.hvm import controls as controls_mod
from pyvirt.hypervisors.hvm.accounting import ExitAccounting
from pyvirt.hypervisors.hvm.controls import EPT_PAGES
from pyvirt.hypervisors.hvm.ept import SecondStage, pool_bytes
from pyvirt.hypervisors.hvm.shadowing import ShadowPaging
from pyvirt.machine.vmx import CONTROL_BITS, REASON_NAMES, VM_EXIT as EXIT_VMEXIT, Vmx

PRV_M = 3
INTERRUPT_BIT = 1 << 63
ECALL_FROM_S = 9
PAGE_FAULTS = controls_mod.PAGE_FAULTS
PMP_CSRS = controls_mod.PMP_CSRS
SBI_CONSOLE = (0x01, 0x02, 0x4442434E)       # legacy putchar/getchar, DBCN: host I/O when hosted
STUCK_LIMIT = 100_000
VPID = 1
EXIT_VMM_STUCK = 7            # run_slice: the VMM made no progress (a bug): the run is stopped


class HvmVMM(VMM):
    mode = "hvm"

    def __init__(self, config, console=None, input_source=None, profile=None):
        if config.mmu not in MMU_MODES:
            raise PyvirtError(f"unknown --mmu '{config.mmu}' (choose from {', '.join(MMU_MODES)})")
        if config.mmu == "shadow":
            _check_shadow(config)
        super().__init__(config, console, input_source, profile)
        try:
            self.controls = self._controls()
        except PyvirtError:
            self.board.close()
            raise
        self.vmx = Vmx(self.hart)
        self.acct = ExitAccounting(self.vmx, self.profile, self.controls)
        self.shadow = None
        self._configure()
        self.sbi = Sbi(self.board) if config.bios == "builtin" else None
        self._stuck = (None, 0)
        self._in_guest = False

    def _controls(self):
        """The VMCS controls: the defaults for --mmu, then the profile's [model] hvm, then --hvm."""
        spec = ",".join(s for s in (self.profile.hvm, self.config.hvm) if s)
        controls = controls_mod.parse(spec, self.config.mmu)
        if self.config.mmu == "shadow":
            return controls_mod.for_shadow(controls, self.config.shadow_policy)
        return controls

    def board_options(self):
        if self.config.mmu == "shadow":
            return {"private_bytes": self.config.shadow_pool_bytes + 4096}    # + the empty root
        return {"private_bytes": pool_bytes(self.config.mem_bytes)}

    def _configure(self):
        """Fill the VMCS: execution controls, the CSR bitmap, the device regions that exit and
        the second stage."""
        c = self.controls
        bits = sum(bit for name, bit in CONTROL_BITS.items() if getattr(c, name))
        regions = list(self.board.bus.device_stats())
        self.vmx.configure(bits, sum(1 << e for e in c.exceptions), c.csr_bits(), c.mmio_mask(regions))
        bus, config = self.board.bus, self.config
        if config.mmu == "shadow":
            self.shadow = ShadowPaging(self.hart, bus, config.shadow_pool_bytes, config.shadow_policy,
                                       config.shadow_roots, config.shadow_flood_limit)
            return
        stage = SecondStage(bus.ram_base + bus.ram_size, bus.private_size)
        root = stage.map_identity(bus.ram_base, bus.ram_size, EPT_PAGES[c.ept_page])
        stage.write(self.vmx)
        self.vmx.set_nested(root, VPID if c.vpid else 0, 1 if c.pwc else 0)

    def boot(self):
        image = self.board.load_kernel()
        if self.sbi is not None:
            self.sbi.boot(image.entry)
        else:
            self.hart.reset(image.entry, PRV_M)
            self.hart.set_reg(10, 0)
            self.hart.set_reg(11, self.board.dtb_addr)

    # ---- snapshots ----
    def save_state(self):
        """The VMCS, the exit accounting, the shadow MMU (--mmu shadow) and where the run loop
        is (in the guest, or between an exit and the next entry). The guest state and its
        VPID-tagged TLB are the hart's state; the second-stage and shadow tables are in the
        private pool."""
        return {"vmcs": self.vmx.get_state(), "accounting": self.acct.get_state(),
                "shadow": None if self.shadow is None else self.shadow.get_state(),
                "in_guest": self._in_guest, "stuck": list(self._stuck)}

    def load_state(self, state):
        """Restore save_state() after the hart's state (the VMCS's derived translation state is
        recomputed then); charges and counts nothing."""
        if self.shadow is not None:
            self.shadow.set_state(state["shadow"])
        self.vmx.set_state(state["vmcs"])
        self.acct.set_state(state["accounting"])
        mark, count = state["stuck"]
        self._in_guest, self._stuck = state["in_guest"], (None if mark is None else tuple(mark), count)

    # ---- the run loop: enter, hart.run until a VM exit, handle it ----
    def run_slice(self, budget):
        limit = self.hart.instret + budget
        while self.hart.instret < limit:
            if not self._in_guest:
                code = self._vm_entry()
                if code != EXIT_BUDGET:
                    return code
            code = self.hart.run(limit - self.hart.instret)
            if code != EXIT_VMEXIT:
                return code
            code = self._vm_exit()
            if code != EXIT_BUDGET:
                return code
        return EXIT_BUDGET

    def _vm_exit(self):
        """Handle the VM exit the hart reported; an EXIT_* code (EXIT_BUDGET: enter again)."""
        reason = self.vmx.reason
        self._in_guest = False
        if self._no_progress():
            return EXIT_VMM_STUCK
        self.acct.exit_begin(reason)
        code = self.HANDLERS[reason](self)
        self.acct.exit_end()
        return code

    def _no_progress(self):
        mark = (self.hart.instret, self.hart.exit_pc)
        count = self._stuck[1] + 1 if self._stuck[0] == mark else 0
        self._stuck = (mark, count)
        return count > STUCK_LIMIT

    def _vm_entry(self):
        """VM entry: inject the interrupt the guest takes now, arm the preemption timer."""
        irq = self.vmx.inject()
        if irq <= -2:
            return -2 - irq
        if irq >= 0:
            self.acct.injected(irq)
        self.acct.entry()
        self.vmx.enter(self.controls.preempt)
        self._in_guest = True
        return EXIT_BUDGET

    # ---- exit handlers: each returns an EXIT_* code (EXIT_BUDGET: continue the guest) ----
    def _emulate(self):
        """CSR access, satp write, mret, wfi, sfence.vma: run it on the guest state (and keep
        the shadow tables coherent with what it changed)."""
        reason, insn = self.vmx.reason, self.vmx.insn
        self.acct.work(vmcs_reads=1, decode=1, emulate=1, vmcs_writes=1)
        if reason in (REASON["csr_read"], REASON["csr_write"], REASON["satp_write"]):
            self.acct.csr_exit(self.vmx.qual)
        rs1, rs2 = (insn >> 15) & 31, (insn >> 20) & 31
        va = self.hart.get_reg(rs1)
        code = self.vmx.step()
        if self.shadow is not None:
            if reason == REASON["satp_write"]:
                self.shadow.reset_views()
            elif reason == REASON["csr_write"] and self.vmx.qual in PMP_CSRS:
                self.shadow.pmp_written()
            elif reason == REASON["sfence.vma"]:
                self.shadow.sfence(rs1 != 0, va, rs2 != 0)
        return code

    def _device(self):
        """EPT violation on a device region: decode the instruction (walking the guest's tables
        for its pc and address) and perform it against the device model."""
        walks = 2 * 3 if self.vmx.guest_translates else 0
        self.acct.work(vmcs_reads=2, decode=1, emulate=1, vmcs_writes=1, guest_pte_reads=walks)
        self.acct.device_exit(self.board.bus.device_at(self.vmx.gpa).name)
        self.acct.host_pass()
        return self.vmx.step()

    def _reflect(self):
        """An exception of the bitmap: deliver it into the guest (a page fault under shadow
        paging goes to the shadow MMU first)."""
        if self.shadow is not None and self.vmx.qual in PAGE_FAULTS:
            return self._shadow_fault()
        return self._deliver(self.vmx.qual)

    def _shadow_fault(self):
        """A page fault under shadow paging: a hidden fault (fill the shadow), a true fault
        (deliver it), or an access the VMM emulates (device, traced page table, MPRV)."""
        reads, writes = self.shadow.counters()
        name, pa, cause = self.shadow.fault(self.vmx.qual, self.hart.exit_tval)
        reads, writes = (a - b for a, b in zip(self.shadow.counters(), (reads, writes)))
        self.acct.rename(name)
        if name == "shadow_fill":
            self.acct.work(vmcs_reads=2, guest_pte_reads=reads, shadow_pte_writes=writes)
            return EXIT_BUDGET
        if name == "guest_page_fault":
            return self._deliver(cause, guest_pte_reads=reads, shadow_pte_writes=writes)
        walks = 2 * 3 if self.vmx.guest_translates else 0
        self.acct.work(vmcs_reads=2, decode=1, emulate=1, vmcs_writes=1, guest_pte_reads=reads + walks,
                       shadow_pte_writes=writes)
        if name == "mmio":
            self.acct.device_exit(self.board.bus.device_at(pa).name)
            self.acct.host_pass()
        code = self.vmx.step()
        if name == "pt_write":
            self.shadow.guest_write(pa, 8)
        return code

    def _interrupt(self):
        """External interrupt or interrupt window: injected at the VM entry that follows."""
        self.acct.work(vmcs_reads=1)
        return EXIT_BUDGET

    def _vmcall(self):
        """ecall from the guest's S-mode with vmcall exiting: the SBI (--bios none: the guest's
        own handler)."""
        if self.sbi is None:
            return self._deliver(ECALL_FROM_S)
        self.acct.work(fixed="hypercall")
        return self._sbi()

    def _trap_to_m(self):
        """A trap into the guest's M level: the built-in SBI serves it, or it enters the guest's
        own M-mode handler (--bios none)."""
        if self.sbi is not None:
            self.acct.work(vmcs_reads=2, decode=1)
            return self._sbi()
        return self._deliver(self.vmx.qual)

    def _preempt(self):
        """The preemption timer: the VMM has control; the guest continues."""
        self.acct.work()
        return EXIT_BUDGET

    def _deliver(self, cause, **work):
        """Enter the guest's handler for the trap that exited (mcause value: bit 63 for an
        interrupt), as the hardware would have without the exit."""
        self.acct.work(vmcs_reads=2, inject=1, vmcs_writes=1, **work)
        r = self.vmx.deliver(cause & ~INTERRUPT_BIT, self.hart.exit_tval, 1 if cause & INTERRUPT_BIT else 0)
        return EXIT_BUDGET if r == 0 else r

    def _sbi(self):
        """An SBI call; any other trap into the firmware goes to handle_mtrap (which stops the
        guest, as natively)."""
        if self.hart.exit_cause != ECALL_FROM_S:
            return EXIT_MTRAP
        ext = self.hart.get_reg(17)
        self.sbi.handle_trap()
        if ext in SBI_CONSOLE:
            self.acct.host_pass()
        return EXIT_BUDGET

    def handle_mtrap(self):
        """A trap into the firmware's M-mode the SBI does not serve (or, under --bios none, that
        no firmware owns): the guest is stopped, as natively."""
        if self.sbi is None:
            return self._stop(f"trap into M-mode owned by no firmware: mcause=0x{self.hart.exit_cause:x}")
        try:
            self.sbi.handle_trap()
        except FirmwareTrap as trap:
            return self._stop(str(trap))
        return None

    def _handle(self, code):
        if code == EXIT_VMM_STUCK:
            return self._stop(f"hvm VMM made no progress at pc=0x{self.hart.exit_pc:x} (exit "
                              f"{REASON_NAMES.get(self.vmx.reason)}) after {self.hart.instret} instructions")
        return super()._handle(code)

    def stats(self):
        """The common statistics plus an `hvm` section: exits by reason with their cycles, VM
        entry/exit cycles, CSR and device exits, injections, the second stage's counters."""
        result = super().stats()
        self.acct.add_stats(result)
        result["hvm"]["mmu"] = self.config.mmu
        result["hvm"]["controls"] = self.controls.to_dict()
        if self.shadow is not None:
            result["hvm"]["shadow"] = self.shadow.mmu.stats()
        return result


def _check_shadow(config):
    """The shadow MMU's options (as trap mode checks them)."""
    if config.shadow_policy not in SHADOW_POLICIES:
        raise PyvirtError(f"unknown shadow policy '{config.shadow_policy}' (choose from "
                          f"{', '.join(SHADOW_POLICIES)})")
    if not 16 * 4096 <= config.shadow_pool_bytes < 0xFFFF * 4096:
        raise PyvirtError("the shadow pool must hold 16 to 65534 pages")


REASON = {name: num for num, name in REASON_NAMES.items()}
HvmVMM.HANDLERS = {
    REASON["csr_read"]: HvmVMM._emulate, REASON["csr_write"]: HvmVMM._emulate,
    REASON["satp_write"]: HvmVMM._emulate, REASON["mret"]: HvmVMM._emulate, REASON["wfi"]: HvmVMM._emulate,
    REASON["sfence.vma"]: HvmVMM._emulate, REASON["ept_violation"]: HvmVMM._device,
    REASON["exception"]: HvmVMM._reflect, REASON["external_interrupt"]: HvmVMM._interrupt,
    REASON["interrupt_window"]: HvmVMM._interrupt, REASON["vmcall"]: HvmVMM._vmcall,
    REASON["trap_to_m"]: HvmVMM._trap_to_m, REASON["preemption_timer"]: HvmVMM._preempt,
}
