# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
# Trap entry and return, interrupt selection and timers (privileged spec 1.12, sections
# 3.1.6, 3.1.9, 3.3.2, 4.1.1, and the Sstc extension), plus the cycle-accounting helpers.
from libc.stdint cimport uint64_t
from pyvirt.machine.state cimport *
from pyvirt.machine.mmu cimport mmu_update_mode
from pyvirt.machine.vmx cimport vmx_trap_exits


# Interrupt priority order (section 3.1.9): MEI, MSI, MTI, SEI, SSI, STI.
cdef int IRQ_ORDER[6]
IRQ_ORDER[:] = [IRQ_MEI, IRQ_MSI, IRQ_MTI, IRQ_SEI, IRQ_SSI, IRQ_STI]


# Close the current privilege segment: attribute its instructions and execution cycles.
cdef void account_segment(HartState* s) noexcept nogil:
    cdef uint64_t exec_now = s.cycles - s.event_cycles
    s.cat_cycles[s.priv] += exec_now - s.seg_exec_mark
    s.insn_by_priv[s.priv] += s.instret - s.seg_instret_mark
    s.seg_exec_mark = exec_now
    s.seg_instret_mark = s.instret


cdef void charge_cycles(HartState* s, uint64_t cycles, int category) noexcept nogil:
    s.cycles += cycles
    s.event_cycles += cycles
    s.cat_cycles[category] += cycles


cdef void charge(HartState* s, int event, int category) noexcept nogil:
    charge_cycles(s, s.event_cost[event], category)


cdef void set_priv(HartState* s, int priv) noexcept nogil:
    account_segment(s)
    s.priv = priv
    mmu_update_mode(s)


cdef uint64_t mtime(HartState* s) noexcept nogil:
    return s.cycles // s.cycles_per_tick


cdef inline uint64_t _deadline(HartState* s, uint64_t cmp) noexcept nogil:
    if cmp > NEVER // s.cycles_per_tick:
        return NEVER
    return cmp * s.cycles_per_tick


# Set the MTIP (and, with Sstc enabled, STIP) lines from the current time and arm
# next_check at the next cycle a timer line can change (or the hvm preemption timer fires).
cdef void timer_update(HartState* s) noexcept nogil:
    cdef uint64_t now = mtime(s)
    if now >= s.mtimecmp:
        s.mip_lines |= 1 << IRQ_MTI
    else:
        s.mip_lines &= ~(<uint64_t>1 << IRQ_MTI)
    if (s.menvcfg & MENVCFG_STCE) and now >= s.stimecmp:
        s.mip_lines |= 1 << IRQ_STI
    else:
        s.mip_lines &= ~(<uint64_t>1 << IRQ_STI)
    s.next_check = next_timer_cycle(s)
    if s.vmcs.nonroot and s.vmcs.preempt_at < s.next_check:
        s.next_check = s.vmcs.preempt_at


# The cycle at which the next not-yet-firing timer fires (NEVER if none).
cdef uint64_t next_timer_cycle(HartState* s) noexcept nogil:
    cdef uint64_t now = mtime(s), best = NEVER
    if s.mtimecmp > now:
        best = _deadline(s, s.mtimecmp)
    if (s.menvcfg & MENVCFG_STCE) and s.stimecmp > now:
        best = min(best, _deadline(s, s.stimecmp))
    return best


cdef uint64_t pending_interrupts(HartState* s) noexcept nogil:
    return (s.mip | s.mip_lines) & s.mie


# The interrupt the hart takes now (section 3.1.9), or -1.
cdef int _select_interrupt(HartState* s) noexcept nogil:
    cdef uint64_t pend = pending_interrupts(s)
    cdef uint64_t m_enabled = 0, s_enabled = 0, enabled
    cdef int i
    if pend == 0:
        return -1
    if s.priv < PRV_M or (s.mstatus & MSTATUS_MIE):
        m_enabled = pend & ~s.mideleg
    if s.priv < PRV_S or (s.priv == PRV_S and (s.mstatus & MSTATUS_SIE)):
        s_enabled = pend & s.mideleg
    enabled = m_enabled if m_enabled else s_enabled     # M-destined interrupts go first
    if enabled == 0:
        return -1
    for i in range(6):
        if enabled & (<uint64_t>1 << IRQ_ORDER[i]):
            return IRQ_ORDER[i]
    return -1


# Take the highest-priority enabled pending interrupt, if any. Returns -1 if none was taken,
# otherwise take_trap's result.
cdef int take_pending_interrupt(HartState* s) noexcept nogil:
    cdef int irq = _select_interrupt(s)
    if irq < 0:
        return -1
    return take_trap(s, irq, 0, 1)


# Enter the trap handler for cause (section 3.1.6 / 4.1.1): choose M or S by delegation,
# save pc/cause/tval and the interrupt-enable stack, switch privilege and jump to the vector.
# Returns 0, EXIT_MTRAP when the trap targets M-mode owned by the built-in firmware (state
# left untouched for the firmware), EXIT_VMEXIT when it exits to the hvm VMM (untouched too),
# or EXIT_TRAP_LOOP when exceptions repeat without progress.
cdef int take_trap(HartState* s, uint64_t cause, uint64_t tval, int interrupt) noexcept nogil:
    cdef uint64_t deleg = s.mideleg if interrupt else s.medeleg
    cdef int to_s = s.priv <= PRV_S and ((deleg >> cause) & 1)
    cdef uint64_t vec
    if s.vmcs.nonroot and vmx_trap_exits(s, cause, tval, interrupt):
        return EXIT_VMEXIT
    charge(s, EV_TRAP_ENTRY, CAT_TRAP_ENTRY)
    if interrupt:
        s.irq_count[cause & 15] += 1
    else:
        s.exc_count[cause & 15] += 1
        if s.instret == s.last_trap_instret:
            s.trap_repeat += 1
            if s.trap_repeat >= TRAP_LOOP_LIMIT:
                s.exit_cause = cause
                s.exit_tval = tval
                s.exit_pc = s.pc
                return EXIT_TRAP_LOOP
        else:
            s.trap_repeat = 0
            s.last_trap_instret = s.instret
    if not to_s and s.firmware_owns_m:
        s.exit_cause = cause | (INTERRUPT_BIT if interrupt else 0)
        s.exit_tval = tval
        s.exit_pc = s.pc
        return EXIT_MTRAP
    if to_s:
        s.scause = cause | (INTERRUPT_BIT if interrupt else 0)
        s.sepc = s.pc
        s.stval = tval
        s.mstatus = (s.mstatus & ~(MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_SIE)) | \
            ((s.mstatus & MSTATUS_SIE) << 4) | ((<uint64_t>s.priv) << 8)
        vec = s.stvec
        set_priv(s, PRV_S)
    else:
        s.mcause = cause | (INTERRUPT_BIT if interrupt else 0)
        s.mepc = s.pc
        s.mtval = tval
        s.mstatus = (s.mstatus & ~(MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_MIE)) | \
            ((s.mstatus & MSTATUS_MIE) << 4) | ((<uint64_t>s.priv) << 11)
        vec = s.mtvec
        set_priv(s, PRV_M)
    s.pc = vec & ~<uint64_t>3
    if interrupt and (vec & 3) == 1:
        s.pc += 4 * cause
    if s.vmcs.suppress:
        s.next_check = 0                  # an hvm VMM single step ends here
    return 0


# mret (section 3.3.2): restore privilege and MIE from the stack; MPRV clears when leaving M.
cdef void do_mret(HartState* s) noexcept nogil:
    cdef int mpp = (s.mstatus >> 11) & 3
    s.mstatus = (s.mstatus & ~(MSTATUS_MIE | MSTATUS_MPP)) | ((s.mstatus & MSTATUS_MPIE) >> 4) | MSTATUS_MPIE
    if mpp != PRV_M:
        s.mstatus &= ~MSTATUS_MPRV
    s.pc = s.mepc
    set_priv(s, mpp)
    s.next_check = 0


# sret: restore privilege and SIE; MPRV clears (the new privilege is never M).
cdef void do_sret(HartState* s) noexcept nogil:
    cdef int spp = (s.mstatus >> 8) & 1
    s.mstatus = (s.mstatus & ~(MSTATUS_SIE | MSTATUS_SPP | MSTATUS_MPRV)) | \
        ((s.mstatus & MSTATUS_SPIE) >> 4) | MSTATUS_SPIE
    s.pc = s.sepc
    set_priv(s, spp)
    s.next_check = 0
