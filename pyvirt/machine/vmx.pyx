# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
# The hardware-assist facility's VMM interface (hvm, docs/hvm.md): VMCS set-up, VM entry,
# the exit information, and the operations the VMM performs on the guest state with exits
# suppressed (single-stepping the exiting instruction, delivering a trap, injecting an
# interrupt) - the machine's own code, so emulation is exact by construction.
from libc.stdint cimport uint8_t, uint64_t
from libc.string cimport memcpy, memset
from pyvirt.machine.state cimport *
from pyvirt.machine.hart cimport Hart
from pyvirt.machine.mmu cimport mmu_update_mode, tlb_flush, dirty_write
from pyvirt.machine.nested cimport pwc_flush
from pyvirt.machine.trap cimport take_trap, take_pending_interrupt, pending_interrupts, timer_update
from pyvirt.machine.vmx cimport *

REASON_NAMES = {VMX_EXCEPTION: "exception", VMX_EXTINT: "external_interrupt", VMX_INTWIN: "interrupt_window",
                VMX_WFI: "wfi", VMX_SFENCE: "sfence.vma", VMX_VMCALL: "vmcall", VMX_SATP: "satp_write",
                VMX_CSR_READ: "csr_read", VMX_CSR_WRITE: "csr_write", VMX_EPT_VIOLATION: "ept_violation",
                VMX_PREEMPT: "preemption_timer", VMX_MTRAP: "trap_to_m", VMX_MRET: "mret"}
VM_EXIT = EXIT_VMEXIT               # Hart.run's code for a VM exit
CONTROL_BITS = {"extint": CTL_EXTINT, "intwin": CTL_INTWIN, "wfi": CTL_WFI, "satp": CTL_SATP,
                "vmcall": CTL_VMCALL, "sfence": CTL_SFENCE}


cdef class Vmx:
    """The VMCS of one hart and the VMM's operations on it."""
    cdef Hart hart
    cdef HartState* s
    cdef uint64_t host_size, guest_size     # the hart's memory (RAM + the VMM's pool); guest RAM

    def __cinit__(self, Hart hart):
        self.hart = hart
        self.s = &hart.st
        self.host_size = hart.st.ram_size
        self.guest_size = hart.bus.ram_size
        self.s.vmcs.preempt_at = NEVER
        pwc_flush(self.s)

    def configure(self, int controls, uint64_t exc_bitmap, csr_bits, uint64_t mmio_exit):
        """Execution controls: CTL_* bits, the exception bitmap, the CSR bitmap as
        (number, read, write) triples, and the bus regions (bit per region) whose accesses exit."""
        cdef HartState* s = self.s
        s.vmcs.controls = controls
        s.vmcs.exc_bitmap = exc_bitmap
        memset(s.vmcs.csr_bitmap, 0, sizeof(s.vmcs.csr_bitmap))     # then the union of csr_bits
        for num, read, write in csr_bits:
            if not 0 <= num < 4096:
                raise ValueError(f"no CSR 0x{num:x}")
            if read:
                s.vmcs.csr_bitmap[(2 * num) >> 3] |= 1 << ((2 * num) & 7)
            if write:
                s.vmcs.csr_bitmap[(2 * num + 1) >> 3] |= 1 << ((2 * num + 1) & 7)
        s.vmcs.mmio_exit = mmio_exit

    def set_nested(self, uint64_t ept_root, int vpid, int pwc):
        """Nested paging with the second-stage root at ept_root (host physical), TLB tag vpid
        (0: VPID off) and the page-walk cache on or off."""
        self.s.vmcs.nested = 1
        self.s.vmcs.ept_root = ept_root
        self.s.vmcs.vpid = vpid
        self.s.vmcs.pwc = pwc
        pwc_flush(self.s)

    def write_host(self, uint64_t pa, const unsigned char[:] data):
        """Store data into host memory (RAM or the VMM's private pool): the VMM's tables."""
        cdef uint64_t n = data.shape[0]
        if n == 0:
            return
        if pa - self.s.ram_base > self.s.ram_size or n > self.s.ram_size - (pa - self.s.ram_base):
            raise ValueError(f"host range 0x{pa:x}+{n} outside memory")
        memcpy(self.s.ram + (pa - self.s.ram_base), &data[0], n)
        dirty_write(self.s, pa, n)

    def enter(self, uint64_t preempt_cycles=0):
        """VM entry: non-root mode on, the preemption timer armed (0: off)."""
        cdef HartState* s = self.s
        s.vmcs.nonroot = 1
        s.vmcs.suppress = 0
        s.vmcs.preempt_at = s.cycles + preempt_cycles if preempt_cycles else NEVER
        mmu_update_mode(s)
        s.next_check = 0

    def flush_tlb(self):
        """Flush the whole TLB (VM entry and exit without VPID)."""
        tlb_flush(self.s, 0, 0, 0, 0)

    def charge(self, uint64_t cycles):
        """Charge cycles of VMM work or a VM transition (the caller attributes them)."""
        self.s.cycles += cycles
        self.s.event_cycles += cycles

    cdef void _suppress(self, int on) noexcept:
        """Exits off (the VMM acts on the guest state) or on again; under shadow paging the
        translation switches between the guest's own tables and the shadow, and the hart sees
        guest RAM only (not the pool of shadow tables) while the VMM emulates."""
        self.s.vmcs.suppress = on
        if self.s.vmcs.shadow:
            self.s.ram_size = self.guest_size if on else self.host_size
            mmu_update_mode(self.s)
        if not on:
            self.s.next_check = 0

    def step(self):
        """Execute the exiting instruction on the guest state with exits suppressed (the VMM's
        emulation). Returns the hart's exit code (EXIT_BUDGET when it retired or trapped)."""
        cdef int r
        self._suppress(1)
        self.s.next_check = NEVER
        try:
            r = self.hart._run(1)
        finally:
            self._suppress(0)
        return r

    def deliver(self, uint64_t cause, uint64_t tval, int interrupt):
        """Enter the guest's handler for the trap that exited (its M-level trap entry, or an
        exception reflected from the bitmap). Returns take_trap's result (0, or an EXIT_*)."""
        cdef int r
        self._suppress(1)
        r = take_trap(self.s, cause, tval, interrupt)
        self._suppress(0)
        return r

    def inject(self):
        """Event injection at VM entry: the interrupt the guest takes now, if any. Returns its
        number, or -1 (none), or -2 - an EXIT_* code (it targets the firmware's M-mode)."""
        cdef HartState* s = self.s
        cdef int r
        timer_update(s)                           # a deadline the VMM's work or an idle wfi passed
        if not pending_interrupts(s):
            return -1
        self._suppress(1)
        r = take_pending_interrupt(s)
        self._suppress(0)
        if r > 0:
            return -2 - r
        if r < 0:
            return -1
        return (s.mcause if s.priv == PRV_M else s.scause) & 0xFFF

    property reason:
        def __get__(self): return self.s.vmcs.reason
    property qual:
        def __get__(self): return self.s.vmcs.qual
    property gpa:
        def __get__(self): return self.s.vmcs.gpa
    property insn:
        def __get__(self): return self.s.vmcs.insn
    property guest_translates:
        def __get__(self): return (self.s.satp >> 60) == 8 and self.s.priv != PRV_M

    # ---- snapshots (the guest-state area, the TLB with its VPID tags: the hart's own state) ----
    def get_state(self):
        """The whole VMCS as plain data: controls and bitmaps, the second stage and the
        page-walk cache, the shadow roots, the exit information, the counters."""
        cdef dict st = self.s.vmcs
        st["csr_bitmap"] = (<char*>self.s.vmcs.csr_bitmap)[:sizeof(self.s.vmcs.csr_bitmap)]   # not up to a NUL
        return st

    def set_state(self, st):
        """Restore get_state() after the hart's state: the translation state derived from the
        VMCS is recomputed, the fetch page the hart's state restored is kept."""
        cdef HartState* s = self.s
        cdef uint64_t vpage = s.fetch_vpage
        cdef uint8_t* host = s.fetch_host
        s.vmcs = st
        mmu_update_mode(s)
        s.fetch_vpage, s.fetch_host = vpage, host

    def counters(self):
        """Second-stage counters: 2D walks, second-stage references, page-walk-cache hits."""
        return {"walks_2d": self.s.vmcs.walks_2d, "ept_refs": self.s.vmcs.ept_refs,
                "pwc_hits": self.s.vmcs.pwc_hits}
