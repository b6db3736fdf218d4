# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
# The virtual hart (see vcpu.pxd). Its HartState holds the guest's privilege level and every
# CSR; the general registers live in the physical hart (they are the guest's). It has a
# one-entry TLB so that mmu_translate can walk the guest's page tables for the VMM (the VMM
# flushes it before each use), and zero event costs: the VMM charges its work on the
# physical hart. Devices drive its interrupt lines through the Hart-compatible pin methods.
from libc.stdint cimport uint32_t, uint64_t
from libc.stdlib cimport free
from pyvirt.machine.state cimport *
from pyvirt.machine.hart cimport Hart, state_of, load_state
from pyvirt.machine.csr cimport csr_insn, csr_read, csr_write, csr_reset
from pyvirt.machine.mmu cimport mmu_update_mode, tlb_alloc, tlb_flush
from pyvirt.machine.trap cimport (take_trap, take_pending_interrupt, pending_interrupts, do_mret, do_sret,
                                  set_priv, account_segment, timer_update, next_timer_cycle, mtime)



cdef class VirtualHart:
    def __cinit__(self, Hart phys):
        self.phys = phys
        self.st.ram = phys.st.ram
        self.st.log = phys.st.log
        self.st.ram_base = phys.st.ram_base
        self.st.ram_size = phys.bus.ram_size          # the guest's RAM only, never the VMM pool
        self.st.cycles_per_tick = phys.st.cycles_per_tick
        self.st.watch_page = NEVER
        self.st.tohost_addr = NEVER
        self.st.mtimecmp = NEVER
        self.st.stimecmp = NEVER
        self.st.last_trap_instret = NEVER
        if tlb_alloc(&self.st, 1, 1) < 0:
            raise MemoryError("cannot allocate the virtual TLB")
        self.on_change = None
        self.reset(phys.st.ram_base)

    def __dealloc__(self):
        free(self.st.tlb)
        free(self.st.tlb_victim)

    cdef void sync(self) noexcept:
        cdef HartState* p = &self.phys.st
        self.st.cycles = p.cycles
        self.st.instret = p.instret
        self.st.event_cycles = p.event_cycles
        self.st.cycles_per_tick = p.cycles_per_tick

    def reset(self, uint64_t pc, int priv=PRV_M):
        """Reset the virtual CSRs (M-mode reset values) and start at pc in priv."""
        self.sync()
        account_segment(&self.st)
        csr_reset(&self.st)
        self.st.pc = pc
        self.st.priv = priv
        self.st.firmware_owns_m = 0
        mmu_update_mode(&self.st)
        tlb_flush(&self.st, 0, 0, 0, 0)

    # ---- state ----
    property priv:
        def __get__(self): return self.st.priv
        def __set__(self, int v):
            self.sync()
            set_priv(&self.st, v)
    property pc:
        def __get__(self): return self.st.pc
        def __set__(self, uint64_t v): self.st.pc = v
    property firmware_owns_m:
        def __get__(self): return bool(self.st.firmware_owns_m)
        def __set__(self, v): self.st.firmware_owns_m = 1 if v else 0
    property exit_cause:
        def __get__(self): return self.st.exit_cause
    property exit_tval:
        def __get__(self): return self.st.exit_tval
    property exit_pc:
        def __get__(self): return self.st.exit_pc

    def complete_mtrap(self):
        """The firmware served the trap into M-mode: restart trap-loop detection (as the
        hart's complete_mtrap does)."""
        self.st.trap_repeat = 0
        self.st.last_trap_instret = NEVER

    def read_csr(self, int num):
        """Raw CSR read (no privilege check); KeyError if the CSR does not exist."""
        cdef uint64_t v
        self.sync()
        if csr_read(&self.st, num, &v) < 0:
            raise KeyError(f"no CSR 0x{num:x}")
        return v

    def write_csr(self, int num, uint64_t v):
        """Raw CSR write with WARL legalization (no privilege check)."""
        self.sync()
        if csr_write(&self.st, num, v) < 0:
            raise KeyError(f"no CSR 0x{num:x}")

    def csr_insn(self, uint32_t insn, uint64_t rs1_value):
        """Execute Zicsr instruction insn at the virtual privilege with rs1 = rs1_value.
        Returns (0, old value) or (EXC_ILLEGAL, 0)."""
        cdef uint64_t result = 0
        cdef int cause
        self.sync()
        self.st.x[(insn >> 15) & 31] = rs1_value
        cause = csr_insn(&self.st, insn, &result)
        return cause, result

    def take_trap(self, uint64_t cause, uint64_t tval, interrupt=False):
        """Enter the guest's trap handler (delegation, stacks, vectoring) from the current pc.
        Returns 0, EXIT_MTRAP (a trap into M-mode owned by the VMM's firmware) or EXIT_TRAP_LOOP."""
        self.sync()
        return take_trap(&self.st, cause, tval, 1 if interrupt else 0)

    def mret(self):
        self.sync()
        do_mret(&self.st)

    def sret(self):
        self.sync()
        do_sret(&self.st)

    def pending_interrupts(self):
        """Pending and enabled-in-mie interrupt bits (wfi's wake-up condition)."""
        self.sync()
        timer_update(&self.st)
        return pending_interrupts(&self.st)

    def take_pending_interrupt(self):
        """Take the interrupt the virtual hart would take now; -1 if none, else take_trap's result."""
        self.sync()
        timer_update(&self.st)
        return take_pending_interrupt(&self.st)

    def next_timer_cycle(self):
        """The physical cycle at which the next armed virtual timer fires, or None."""
        cdef uint64_t c
        self.sync()
        c = next_timer_cycle(&self.st)
        return None if c == NEVER else c

    def get_state(self):
        """The virtual privilege, CSRs, timers and guest-visible counters as plain data (the
        general registers that count are the physical hart's)."""
        self.sync()
        return state_of(&self.st)

    def set_state(self, st):
        """Restore get_state() (after the physical hart's, whose counters it mirrors)."""
        load_state(&self.st, st)

    # ---- pins: the Hart methods the CLINT and PLIC call ----
    def set_mip_bit(self, int bit, level):
        """Drive the virtual hardware interrupt line bit (MSIP 3, SEIP 9, MEIP 11) to level."""
        if level:
            self.st.mip_lines |= (<uint64_t>1 << bit)
        else:
            self.st.mip_lines &= ~(<uint64_t>1 << bit)
        if self.on_change is not None:
            self.on_change()

    def mtime(self):
        return mtime(&self.phys.st)

    def set_mtimecmp(self, uint64_t v):
        self.st.mtimecmp = v
        if self.on_change is not None:
            self.on_change()

    def get_mtimecmp(self):
        return self.st.mtimecmp

    def request_stop(self):
        self.phys.request_stop()

    def stats(self):
        """Guest-visible counts: instructions and execution cycles by virtual privilege, traps."""
        from pyvirt.machine.hart import EXCEPTION_NAMES, INTERRUPT_NAMES
        cdef HartState* s = &self.st
        self.sync()
        account_segment(s)
        return {
            "instructions": {"user": s.insn_by_priv[PRV_U], "supervisor": s.insn_by_priv[PRV_S],
                             "machine": s.insn_by_priv[PRV_M]},
            "cycles": {"user": s.cat_cycles[PRV_U], "supervisor": s.cat_cycles[PRV_S],
                       "machine": s.cat_cycles[PRV_M]},
            "traps": {"exceptions": {EXCEPTION_NAMES[i]: s.exc_count[i] for i in range(16) if s.exc_count[i]},
                      "interrupts": {INTERRUPT_NAMES[i]: s.irq_count[i] for i in range(16) if s.irq_count[i]}},
        }
