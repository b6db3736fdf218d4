# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
# The trap-and-emulate core: runs the guest on the physical hart in U-mode and handles every
# exit (a trap that reaches the physical M-mode, which the VMM owns) against the virtual hart:
#   illegal instruction   - privileged instructions and CSR accesses: emulated with the
#                           machine's own csr/trap functions on the virtual state, at the
#                           virtual privilege (or reflected as illegal, as the hart would)
#   ecall, ebreak, ...    - reflected into the guest (take_trap on the virtual state); an
#                           ecall into a virtual M-mode owned by the VMM's firmware goes to
#                           the SBI (Python)
#   page faults           - the shadow MMU: hidden faults are filled, true faults reflected,
#                           device accesses, writes to traced page tables and MPRV accesses
#                           are decoded and emulated
#   timer interrupt       - the physical timer is armed at the earliest virtual deadline
# After every exit the core re-evaluates the virtual timers and interrupts (injecting what
# the virtual hart takes), the shadow view (physical satp) and the counter enables.
# Each exit is charged the hardware trap entry (by the physical hart) plus the VMM's work per
# operation (profile events vmm_*), attributed to the exit's reason.
cimport cython
from libc.stdint cimport int8_t, int16_t, uint8_t, uint16_t, uint32_t, int32_t, uint64_t, int64_t
from libc.string cimport memcpy
from pyvirt.machine.state cimport *
from pyvirt.machine.hart cimport Hart
from pyvirt.machine.bus cimport Bus, MAX_REGIONS
from pyvirt.machine.decode cimport *
from pyvirt.machine.alu cimport sext32, extend_load, amo_compute
from pyvirt.machine.csr cimport csr_insn, csr_write
from pyvirt.machine.mmu cimport mmu_translate, tlb_flush, dirty_write
from pyvirt.machine.trap cimport (take_trap, take_pending_interrupt, pending_interrupts, do_mret, do_sret,
                                  charge, charge_cycles, mtime, timer_update, next_timer_cycle)
from pyvirt.hypervisors.trap.vcpu cimport VirtualHart
from pyvirt.machine.vmx cimport shadow_view
from pyvirt.hypervisors.trap.shadow cimport ShadowMMU, F_OK, F_FAULT, F_MMIO, F_PTWRITE, F_EMULATE

cdef int STUCK_LIMIT = 100000

# exit reasons
cdef enum:
    R_CSR = 0
    R_MRET
    R_SRET
    R_WFI
    R_SFENCE
    R_ECALL
    R_SBI
    R_EBREAK
    R_ILLEGAL
    R_EXCEPTION
    R_HIDDEN_PF
    R_TRUE_PF
    R_PT_WRITE
    R_MMIO
    R_EMULATE
    R_TIMER
    R_INJECT
    NUM_R

REASON_NAMES = ("csr", "mret", "sret", "wfi", "sfence.vma", "ecall", "sbi", "ebreak", "illegal", "exception",
                "shadow_fill", "guest_page_fault", "pt_write", "mmio", "mem_emulate", "timer", "inject")

# VMM cost events (profile [events] keys)
cdef enum:
    VE_EXIT = 0
    VE_DECODE
    VE_EMULATE
    VE_PTE_READ
    VE_SHADOW_WRITE
    VE_INJECT
    NUM_VE

VMM_EVENTS = ("vmm_exit", "vmm_decode", "vmm_emulate", "vmm_guest_pte_read", "vmm_shadow_pte_write", "vmm_inject")

EXIT_VMM_STUCK = 7      # run() result: the VMM made no progress (a bug): the run is stopped


@cython.final
cdef class TrapCore:
    cdef Hart hart
    cdef HartState* ps
    cdef VirtualHart vcpu
    cdef HartState* vs
    cdef ShadowMMU mmu
    cdef Bus bus
    cdef readonly int cur_view
    cdef uint64_t cost[NUM_VE]
    # statistics
    cdef uint64_t exits[NUM_R]
    cdef uint64_t vmm_cycles[NUM_R]
    cdef uint64_t csr_exits[4096]
    cdef uint64_t mmio_exits[MAX_REGIONS]
    cdef uint64_t mmio_cycles[MAX_REGIONS]
    cdef uint64_t injects[16]
    cdef uint64_t emulated
    # hosted hypervisor (profile [model] hypervisor = "hosted"): device exits go through a host OS
    cdef int hosted
    cdef uint64_t host_cost
    cdef uint64_t host_exits, host_cycles
    # per-exit accounting
    cdef int reason
    cdef int region
    cdef uint64_t n_decode, n_emulate, n_inject, mark_reads, mark_writes
    cdef uint64_t fault_va
    cdef uint64_t last_instret, last_pc, stuck

    def __cinit__(self, Hart hart, VirtualHart vcpu, ShadowMMU mmu, Bus bus, events):
        cdef int i
        self.hart = hart
        self.ps = &hart.st
        self.vcpu = vcpu
        self.vs = &vcpu.st
        self.mmu = mmu
        self.bus = bus
        for i, name in enumerate(VMM_EVENTS):
            self.cost[i] = events[name]
        self.cur_view = -1
        self.last_instret = NEVER
        self.hosted = 0

    def set_hosted(self, uint64_t cost):
        """Model a hosted (type-2) VMM: each exit that needs a device model or host I/O also
        costs cost cycles (2 world switches + the host's I/O path + its scheduling delay)."""
        self.hosted = 1
        self.host_cost = cost

    def charge_host(self):
        """One pass through the host OS (an exit the firmware served with host I/O)."""
        if self.hosted:
            self.host_exits += 1
            self.host_cycles += self.host_cost
            self.ps.cycles += self.host_cost
            self.ps.event_cycles += self.host_cost

    def configure(self):
        """Set the physical hart up for trap mode: U-mode, every trap to the VMM, PMP open,
        the timer interrupt enabled, the shadow root of the current virtual view."""
        cdef HartState* ps = self.ps
        ps.firmware_owns_m = 1
        csr_write(ps, 0x302, 0)                     # medeleg
        csr_write(ps, 0x303, 0)                     # mideleg
        csr_write(ps, 0x304, 1 << IRQ_MTI)          # mie: only the VMM's timer
        csr_write(ps, 0x30A, 0)                     # menvcfg: no Sstc on the physical hart
        csr_write(ps, 0x106, 0xFFFFFFFF)            # scounteren: mcounteren alone decides
        csr_write(ps, 0x3B0, (<uint64_t>1 << 54) - 1)   # pmpaddr0: all memory
        csr_write(ps, 0x3A0, 0x1F)                  # pmpcfg0: NAPOT RWX
        ps.mtimecmp = NEVER
        ps.next_check = 0
        self.update()

    # ---- accounting ----
    cdef inline void begin(self) noexcept:
        self.n_decode = self.n_emulate = self.n_inject = 0
        self.mark_reads = self.mmu.pte_reads + self.vs.walk_refs
        self.mark_writes = self.mmu.pte_writes
        self.region = -1

    cdef inline void charge_vmm(self, int reason, uint64_t c) noexcept:
        self.ps.cycles += c
        self.ps.event_cycles += c
        self.vmm_cycles[reason] += c

    cdef void end(self, int reason) noexcept:
        cdef uint64_t reads = self.mmu.pte_reads + self.vs.walk_refs - self.mark_reads
        cdef uint64_t writes = self.mmu.pte_writes - self.mark_writes
        cdef uint64_t c = self.cost[VE_EXIT] + self.n_decode * self.cost[VE_DECODE] + \
            self.n_emulate * self.cost[VE_EMULATE] + reads * self.cost[VE_PTE_READ] + \
            writes * self.cost[VE_SHADOW_WRITE] + self.n_inject * self.cost[VE_INJECT]
        self.exits[reason] += 1
        self.charge_vmm(reason, c)
        if reason == R_MMIO and self.region >= 0:
            self.mmio_exits[self.region] += 1
            self.mmio_cycles[self.region] += c
        if reason == R_MMIO:
            self.charge_host()

    # ---- the run loop ----
    def run(self, uint64_t budget):
        """Run the guest for at most budget instructions; return an EXIT_* code for the VMM
        (budget, stop, tohost, wfi-idle, trap-loop, mtrap = a trap into the firmware's M-mode)."""
        cdef HartState* ps = self.ps
        cdef uint64_t limit = ps.instret + budget
        cdef int r = self.update()
        if r >= 0:
            return r
        while True:
            if ps.instret >= limit:
                return EXIT_BUDGET
            r = self.hart._run(limit - ps.instret)
            if r != EXIT_MTRAP:
                return r
            r = self.handle_exit()
            if r >= 0:
                return r

    cdef int handle_exit(self) except -2:
        cdef HartState* ps = self.ps
        cdef HartState* vs = self.vs
        cdef uint64_t cause = <uint64_t>ps.exit_cause, tval = ps.exit_tval, pc = ps.exit_pc
        cdef int r
        ps.trap_repeat = 0
        ps.last_trap_instret = NEVER
        if ps.instret == self.last_instret and pc == self.last_pc:
            self.stuck += 1
            if self.stuck > STUCK_LIMIT:
                return EXIT_VMM_STUCK
        else:
            self.stuck = 0
            self.last_instret = ps.instret
            self.last_pc = pc
        self.begin()
        self.vcpu.sync()
        self.reason = R_EXCEPTION
        if cause & INTERRUPT_BIT:
            self.reason = R_TIMER
            r = -1
        elif cause == EXC_ILLEGAL:
            r = self.on_illegal(<uint32_t>tval, pc)
        elif cause == EXC_ECALL_U:
            r = self.reflect(EXC_ECALL_U + vs.priv, 0, pc)
            self.reason = R_SBI if r == EXIT_MTRAP else R_ECALL
        elif cause == EXC_INSN_PAGE or cause == EXC_LOAD_PAGE or cause == EXC_STORE_PAGE:
            r = self.on_page_fault(cause, tval, pc)
        elif cause == EXC_BREAKPOINT:
            self.reason = R_EBREAK
            r = self.reflect(cause, tval, pc)
        else:
            r = self.reflect(cause, tval, pc)
        self.end(self.reason)
        if r < 0:
            r = self.update()
        return r

    # Re-evaluate the virtual hart after an exit: interrupts to inject, the shadow view, the
    # counter enables and the physical timer. Returns -1, or an EXIT_* code for the VMM.
    cdef int update(self) except -2:
        cdef HartState* ps = self.ps
        cdef HartState* vs = self.vs
        cdef uint64_t satp, mask, cmp, now
        cdef int view, r
        self.vcpu.sync()
        timer_update(vs)
        if pending_interrupts(vs):
            vs.pc = ps.pc
            r = take_pending_interrupt(vs)
            if r == 0:
                self.injects[(vs.mcause if vs.priv == PRV_M else vs.scause) & 15] += 1
                ps.pc = vs.pc
                self.exits[R_INJECT] += 1
                self.charge_vmm(R_INJECT, self.cost[VE_INJECT])
            elif r > 0:
                return r
        view = self.view_of()
        satp = self.mmu.activate(view)
        self.cur_view = view
        if satp != ps.satp:
            csr_write(ps, 0x180, satp)
        if vs.priv == PRV_M:
            mask = 0xFFFFFFFF
        elif vs.priv == PRV_S:
            mask = vs.mcounteren
        else:
            mask = vs.mcounteren & vs.scounteren
        ps.mcounteren = mask
        ps.mcycle_offset = vs.mcycle_offset
        ps.minstret_offset = vs.minstret_offset
        now = mtime(vs)
        cmp = NEVER
        if vs.mtimecmp > now:
            cmp = vs.mtimecmp
        if (vs.menvcfg & MENVCFG_STCE) and now < vs.stimecmp < cmp:
            cmp = vs.stimecmp
        if ps.mtimecmp != cmp:
            ps.mtimecmp = cmp
            ps.next_check = 0
        return -1

    cdef int view_of(self) noexcept:
        return shadow_view(self.vs)

    # Enter the guest's trap handler for an exception raised at pc.
    cdef int reflect(self, uint64_t cause, uint64_t tval, uint64_t pc) except -2:
        cdef int r
        self.vs.pc = pc
        self.vcpu.sync()
        r = take_trap(self.vs, cause, tval, 0)
        self.n_inject += 1
        if r > 0:
            return r
        self.ps.pc = self.vs.pc
        return -1

    cdef inline void retire(self, uint64_t next_pc) noexcept:
        self.ps.pc = next_pc
        self.ps.instret += 1
        self.emulated += 1

    # ---- privileged instructions ----
    cdef int on_illegal(self, uint32_t insn, uint64_t pc) except -2:
        cdef HartState* ps = self.ps
        cdef HartState* vs = self.vs
        cdef uint32_t f3 = (insn >> 12) & 7, rd = (insn >> 7) & 31, rs1 = (insn >> 15) & 31
        cdef uint32_t rs2 = (insn >> 20) & 31
        cdef uint64_t result = 0, deadline
        cdef int num, cause
        if (insn & 0x7F) != 0x73 or f3 == 4:
            self.reason = R_ILLEGAL
            return self.reflect(EXC_ILLEGAL, insn, pc)
        self.n_decode += 1
        if f3 != 0:
            num = insn >> 20
            self.reason = R_CSR
            self.csr_exits[num] += 1
            vs.x[rs1] = ps.x[rs1]
            cause = csr_insn(vs, insn, &result)
            if cause:
                return self.reflect(EXC_ILLEGAL, insn, pc)
            self.n_emulate += 1
            if rd:
                ps.x[rd] = result
            if 0x3A0 <= num <= 0x3EF and (f3 == 1 or f3 == 5 or rs1 != 0):
                self.mmu.reset_all()                 # the guest's PMP shapes every shadow leaf
            self.retire(pc + 4)
            return -1
        if (insn >> 25) == 0x09 and rd == 0:         # sfence.vma
            self.reason = R_SFENCE
            if vs.priv == PRV_U or (vs.priv == PRV_S and (vs.mstatus & MSTATUS_TVM)):
                return self.reflect(EXC_ILLEGAL, insn, pc)
            self.n_emulate += 1
            self.mmu.sfence(rs1 != 0, ps.x[rs1], rs2 != 0)
            self.retire(pc + 4)
            return -1
        if rd != 0 or rs1 != 0:
            self.reason = R_ILLEGAL
            return self.reflect(EXC_ILLEGAL, insn, pc)
        if insn == 0x30200073:                       # mret
            self.reason = R_MRET
            if vs.priv != PRV_M:
                return self.reflect(EXC_ILLEGAL, insn, pc)
            self.n_emulate += 1
            do_mret(vs)
            self.retire(vs.pc)
            return -1
        if insn == 0x10200073:                       # sret
            self.reason = R_SRET
            if vs.priv == PRV_U or (vs.priv == PRV_S and (vs.mstatus & MSTATUS_TSR)):
                return self.reflect(EXC_ILLEGAL, insn, pc)
            self.n_emulate += 1
            do_sret(vs)
            self.retire(vs.pc)
            return -1
        if insn == 0x10500073:                       # wfi
            self.reason = R_WFI
            if vs.priv == PRV_U or (vs.priv == PRV_S and (vs.mstatus & MSTATUS_TW)):
                return self.reflect(EXC_ILLEGAL, insn, pc)
            self.n_emulate += 1
            timer_update(vs)
            if pending_interrupts(vs):
                self.retire(pc + 4)
                return -1
            deadline = next_timer_cycle(vs)
            self.retire(pc + 4)
            if deadline == NEVER:
                return EXIT_WFI_IDLE
            if deadline > ps.cycles:
                charge_cycles(ps, deadline - ps.cycles, CAT_IDLE)
            return -1
        self.reason = R_ILLEGAL
        return self.reflect(EXC_ILLEGAL, insn, pc)

    # ---- page faults ----
    cdef int on_page_fault(self, uint64_t cause, uint64_t va, uint64_t pc) except -2:
        cdef int acc = ACC_EXEC if cause == EXC_INSN_PAGE else (ACC_READ if cause == EXC_LOAD_PAGE else ACC_WRITE)
        cdef uint64_t pa = 0
        cdef int fcause = 0
        cdef int r = self.mmu.fill(va, acc, self.cur_view, &pa, &fcause)
        if r == F_OK:
            self.reason = R_HIDDEN_PF
            return -1
        if r == F_FAULT:
            self.reason = R_TRUE_PF
            return self.reflect(fcause, va, pc)
        self.reason = R_MMIO if r == F_MMIO else (R_PT_WRITE if r == F_PTWRITE else R_EMULATE)
        if r == F_MMIO:
            self.region = self.bus.find(pa, 1)       # the device (also when the access then faults)
        return self.emulate_mem(pc)

    # Translate va for the virtual hart (its one-entry TLB flushed: a fresh walk of the
    # guest's tables, with A/D updates and PMP checks, counted in walk_refs).
    cdef inline int vtranslate(self, uint64_t va, int acc, uint64_t* pa, uint64_t size) noexcept:
        tlb_flush(self.vs, 0, 0, 0, 0)
        return mmu_translate(self.vs, va, acc, pa, size)

    # Fetch the instruction at pc through the guest's translation. Returns 0 or a cause.
    cdef int fetch(self, uint64_t pc, uint32_t* raw) except -2:
        cdef uint64_t pa, v = 0
        cdef int cause = self.vtranslate(pc, ACC_EXEC, &pa, 2)
        if cause:
            self.fault_va = pc
            return cause
        if pa - self.vs.ram_base >= self.vs.ram_size - 1:
            self.fault_va = pc
            return EXC_INSN_ACCESS
        memcpy(&v, self.vs.ram + (pa - self.vs.ram_base), 2)
        raw[0] = <uint32_t>v
        if (v & 3) != 3:
            return 0
        if (pc & 0xFFF) != 0xFFE:
            pa += 2                                  # the upper half is on the same page
        else:
            cause = self.vtranslate(pc + 2, ACC_EXEC, &pa, 2)
            if cause:
                self.fault_va = pc + 2
                return cause
        if pa - self.vs.ram_base >= self.vs.ram_size - 1:
            self.fault_va = pc + 2
            return EXC_INSN_ACCESS
        v = 0
        memcpy(&v, self.vs.ram + (pa - self.vs.ram_base), 2)
        raw[0] |= <uint32_t>v << 16
        return 0

    # Decode and perform the load, store or AMO at pc on the guest's behalf (devices, traced
    # page tables, MPRV), exactly as the hart would. Returns -1 or an EXIT_* code.
    cdef int emulate_mem(self, uint64_t pc) except -2:
        cdef HartState* ps = self.ps
        cdef uint32_t raw = 0
        cdef Decoded d
        cdef uint64_t addr, v = 0
        cdef int cause, kind
        cause = self.fetch(pc, &raw)
        if cause:
            return self.reflect(cause, self.fault_va, pc)
        self.n_decode += 1
        decode(raw, &d)
        kind = d.kind
        if K_LB <= kind <= K_LWU:
            addr = ps.x[d.rs1] + <uint64_t>d.imm
            cause = self.load(addr, 1 << ((kind - K_LB) & 3), &v)
            if cause:
                return self.reflect(cause, self.fault_va, pc)
            ps.x[d.rd] = extend_load(v, kind - K_LB)
        elif K_SB <= kind <= K_SD:
            addr = ps.x[d.rs1] + <uint64_t>d.imm
            cause = self.store(addr, 1 << (kind - K_SB), ps.x[d.rs2])
            if cause:
                return self.reflect(cause, self.fault_va, pc)
        elif kind == K_AMO:
            cause = self.amo(<uint32_t>d.imm)
            if cause:
                return self.reflect(cause, self.fault_va, pc)
        else:
            return -1             # not a memory access (the code changed): let the hart retry
        self.n_emulate += 1
        self.retire(pc + d.length)
        return -1

    cdef int phys_read(self, uint64_t pa, int size, uint64_t* value, int cause) except -2:
        cdef HartState* vs = self.vs
        cdef int i
        if pa - vs.ram_base < vs.ram_size and pa + size - vs.ram_base <= vs.ram_size:
            value[0] = 0
            memcpy(value, vs.ram + (pa - vs.ram_base), size)
            return 0
        if pa & (size - 1):
            return cause
        i = self.bus.mmio_read(pa, size, value)
        if i < 0:
            return cause
        charge(self.ps, EV_DEVICE, CAT_DEVICE)
        self.region = i
        return 0

    cdef int phys_write(self, uint64_t pa, int size, uint64_t value, int cause) except -2:
        cdef HartState* vs = self.vs
        cdef int i
        if pa - vs.ram_base < vs.ram_size and pa + size - vs.ram_base <= vs.ram_size:
            memcpy(vs.ram + (pa - vs.ram_base), &value, size)
            return self.after_ram_write(pa, size)
        if pa & (size - 1):
            return cause
        i = self.bus.mmio_write(pa, size, value)
        if i < 0:
            return cause
        charge(self.ps, EV_DEVICE, CAT_DEVICE)
        self.region = i
        return 0

    cdef int load(self, uint64_t va, int size, uint64_t* value) except -2:
        cdef uint64_t pa, pa2, byte
        cdef int cause, i, first = 0x1000 - (va & 0xFFF)
        self.fault_va = va
        cause = self.vtranslate(va, ACC_READ, &pa, min(first, size))
        if cause:
            return cause
        if first >= size:
            return self.phys_read(pa, size, value, EXC_LOAD_ACCESS)
        cause = self.vtranslate(va + first, ACC_READ, &pa2, size - first)
        if cause:
            self.fault_va = va + first
            return cause
        value[0] = 0
        for i in range(size):
            cause = self.phys_read(pa + i if i < first else pa2 + (i - first), 1, &byte, EXC_LOAD_ACCESS)
            if cause:
                self.fault_va = va + i
                return cause
            value[0] |= byte << (8 * i)
        return 0

    cdef int store(self, uint64_t va, int size, uint64_t value) except -2:
        cdef HartState* vs = self.vs
        cdef uint64_t pa, pa2
        cdef int cause, i, first = 0x1000 - (va & 0xFFF)
        self.fault_va = va
        cause = self.vtranslate(va, ACC_WRITE, &pa, min(first, size))
        if cause:
            return cause
        if first >= size:
            return self.phys_write(pa, size, value, EXC_STORE_ACCESS)
        cause = self.vtranslate(va + first, ACC_WRITE, &pa2, size - first)
        if cause:
            self.fault_va = va + first
            return cause
        if pa - vs.ram_base >= vs.ram_size or pa2 - vs.ram_base >= vs.ram_size:
            self.fault_va = va if pa - vs.ram_base >= vs.ram_size else va + first
            return EXC_STORE_ACCESS
        for i in range(size):
            self.phys_write(pa + i if i < first else pa2 + (i - first), 1, (value >> (8 * i)) & 0xFF,
                            EXC_STORE_ACCESS)
        return 0

    cdef int amo(self, uint32_t insn) except -2:
        cdef HartState* ps = self.ps
        cdef HartState* vs = self.vs
        cdef uint32_t f3 = (insn >> 12) & 7, f5 = insn >> 27, rd = (insn >> 7) & 31
        cdef uint64_t va = ps.x[(insn >> 15) & 31], src = ps.x[(insn >> 20) & 31], pa, old = 0, new
        cdef int size = 4 if f3 == 2 else 8
        cdef int cause
        cdef uint8_t* p
        self.fault_va = va
        if (f3 != 2 and f3 != 3) or (f5 == 2 and ((insn >> 20) & 31) != 0) or \
                f5 not in (0, 1, 2, 3, 4, 8, 0xC, 0x10, 0x14, 0x18, 0x1C):
            self.fault_va = insn
            return EXC_ILLEGAL
        if va & (size - 1):
            return EXC_LOAD_MISALIGNED if f5 == 2 else EXC_STORE_MISALIGNED
        cause = self.vtranslate(va, ACC_READ if f5 == 2 else ACC_WRITE, &pa, size)
        if cause:
            return cause
        if pa - vs.ram_base >= vs.ram_size:
            return EXC_LOAD_ACCESS if f5 == 2 else EXC_STORE_ACCESS
        p = vs.ram + (pa - vs.ram_base)
        if f5 == 3:                                          # sc
            if ps.reservation_valid and ps.reservation == pa:
                memcpy(p, &src, size)
                old = 0
                self.after_ram_write(pa, size)
            else:
                old = 1
            ps.reservation_valid = 0
            if rd:
                ps.x[rd] = old
            return 0
        memcpy(&old, p, size)
        if size == 4:
            old = sext32(old)
        if f5 == 2:                                          # lr
            ps.reservation = pa
            ps.reservation_valid = 1
            if rd:
                ps.x[rd] = old
            return 0
        new = amo_compute(f5, size, old, src)
        memcpy(p, &new, size)
        self.after_ram_write(pa, size)
        if rd:
            ps.x[rd] = old
        return 0

    # An emulated store of size bytes reached RAM at pa: the dirty log, HTIF, shadow coherence.
    cdef int after_ram_write(self, uint64_t pa, int size) except -2:
        dirty_write(self.ps, pa, size)
        if pa <= self.ps.tohost_addr < pa + size:
            self.hart._tohost_written()
        if self.mmu.traced(pa):
            self.mmu.guest_write(pa, size)
        return 0

    # ---- Python API ----
    def update_now(self):
        """Re-evaluate the virtual hart (after the firmware changed it); an EXIT_* code or -1."""
        return self.update()

    def guest_tlb_flush(self):
        """The guest asked for a full TLB flush through the SBI (remote sfence.vma)."""
        self.mmu.sfence(0, 0, 0)

    # ---- snapshots ----
    def get_state(self):
        """The statistics counters and the per-exit bookkeeping as plain data (the cost
        table and the hosted model come from the profile)."""
        cdef int i
        return {
            "cur_view": self.cur_view,
            "exits": [self.exits[i] for i in range(NUM_R)],
            "vmm_cycles": [self.vmm_cycles[i] for i in range(NUM_R)],
            "csr_exits": [[i, self.csr_exits[i]] for i in range(4096) if self.csr_exits[i]],
            "mmio_exits": [self.mmio_exits[i] for i in range(MAX_REGIONS)],
            "mmio_cycles": [self.mmio_cycles[i] for i in range(MAX_REGIONS)],
            "injects": [self.injects[i] for i in range(16)],
            "scalars": [self.emulated, self.host_exits, self.host_cycles, self.reason, self.region, self.n_decode,
                        self.n_emulate, self.n_inject, self.mark_reads, self.mark_writes, self.fault_va,
                        self.last_instret, self.last_pc, self.stuck],
        }

    def set_state(self, st):
        """Restore get_state()."""
        cdef int i
        self.cur_view = st["cur_view"]
        for i in range(NUM_R):
            self.exits[i], self.vmm_cycles[i] = st["exits"][i], st["vmm_cycles"][i]
        for i in range(4096):
            self.csr_exits[i] = 0
        for i, n in st["csr_exits"]:
            self.csr_exits[i] = n
        for i in range(MAX_REGIONS):
            self.mmio_exits[i], self.mmio_cycles[i] = st["mmio_exits"][i], st["mmio_cycles"][i]
        for i in range(16):
            self.injects[i] = st["injects"][i]
        (self.emulated, self.host_exits, self.host_cycles, self.reason, self.region, self.n_decode, self.n_emulate,
         self.n_inject, self.mark_reads, self.mark_writes, self.fault_va, self.last_instret, self.last_pc,
         self.stuck) = st["scalars"]

    def stats(self, region_names):
        """Exits and VMM cycles by reason; CSR exits by number; MMIO exits by device."""
        cdef int i
        reasons = {}
        for i in range(NUM_R):
            if self.exits[i] or self.vmm_cycles[i]:
                reasons[REASON_NAMES[i]] = {"exits": self.exits[i], "vmm_cycles": self.vmm_cycles[i]}
        mmio = {}
        for i, name in enumerate(region_names):
            if self.mmio_exits[i]:
                mmio[name] = {"exits": self.mmio_exits[i], "vmm_cycles": self.mmio_cycles[i]}
        return {
            "reasons": reasons,
            "csr": {num: self.csr_exits[num] for num in range(4096) if self.csr_exits[num]},
            "mmio": mmio,
            "injected": {i: self.injects[i] for i in range(16) if self.injects[i]},
            "emulated_instructions": self.emulated,
            "host_exits": self.host_exits,
            "host_cycles": self.host_cycles,
        }
