# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
# The paravirtual core (docs/hypercall-abi.md): runs the pv guest kernel and its processes on
# the physical hart in U-mode, on the guest's own (validated) page tables, and handles every
# trap that reaches the VMM's M-mode:
#   ecall from the guest kernel   - a hypercall: the frequent ones here, the rest (console,
#                                   event channels, rings, memory, shutdown) in Python
#   ecall / exceptions of guest user mode - bounced to the guest kernel as an upcall
#   timer and device interrupts   - the virtual timer; device interrupts become events
#   faults of the guest kernel    - device registers it touches are emulated; others stop it
# Two address spaces per guest process, as Xen's x86-64 PV: the kernel root (user pages +
# the kernel's own pages, mapped U=1) and the user root (user pages only), with different
# hardware ASIDs, so a switch between guest kernel and guest user mode needs no TLB flush.
# Costs: the hart charges trap entry; the VMM charges its entry path per exit (pv_hypercall:
# hypercalls and bounced traps save only the caller-saved registers; vmm_exit, as the trap
# VMM's, for an emulated device access), vmm_inject per upcall, pv_pte_validate per present
# PTE validated, vmm_emulate per other operation applied, vmm_decode per decoded instruction
# or multicall entry.
cimport cython
from libc.stdint cimport int64_t, uint8_t, uint16_t, uint32_t, uint64_t
from libc.string cimport memcpy
from pyvirt.machine.dirty cimport dirty_mark
from pyvirt.machine.state cimport *
from pyvirt.machine.hart cimport Hart
from pyvirt.machine.bus cimport Bus
from pyvirt.machine.decode cimport *
from pyvirt.machine.alu cimport extend_load
from pyvirt.machine.csr cimport csr_write
from pyvirt.machine.mmu cimport tlb_flush
from pyvirt.machine.trap cimport mtime, charge_cycles, account_segment
from pyvirt.hypervisors.pv.abi cimport *
from pyvirt.hypervisors.pv.paging cimport DirectPaging

EXIT_PV_SLOW = 8        # run() result: Python must finish a hypercall or claim a device interrupt
EXIT_PV_FATAL = 9       # run() result: the guest kernel cannot continue (diagnostic in .fatal)

cdef enum:
    SLOW_NONE = 0
    SLOW_HYPERCALL = 1
    SLOW_IRQ = 2

# exit reasons (statistics)
cdef enum:
    R_HYPERCALL = 0
    R_SYSCALL
    R_USER_PAGE_FAULT
    R_USER_EXCEPTION
    R_TIMER
    R_DEVICE_IRQ
    R_MMIO
    R_UPCALL
    R_IDLE
    NUM_R

REASON_NAMES = ("hypercall", "syscall", "user_page_fault", "user_exception", "timer", "device_irq",
                "mmio", "upcall", "idle")
HYPERCALL_NAMES = ("console_io", "set_timer", "set_callbacks", "mmu_update", "mmuext_op", "switch_as",
                   "tlb_flush", "multicall", "event_channel_op", "sched_op", "ring_setup", "memory_op",
                   "trap_return", "update_va_mapping")
VMM_EVENTS = ("pv_hypercall", "vmm_exit", "vmm_decode", "vmm_emulate", "vmm_inject", "pv_pte_validate")
BATCH_BUCKETS = ("1", "2-7", "8-63", "64-511", "512-2048")

cdef enum:
    VE_HYPERCALL = 0
    VE_EXIT
    VE_DECODE
    VE_EMULATE
    VE_INJECT
    VE_VALIDATE
    NUM_VE

# the shared page (docs/hypercall-abi.md)
cdef enum:
    SH_UPCALL_PENDING = 0
    SH_UPCALL_MASK = 1
    SH_VSIE = 8
    SH_VSIP = 16
    SH_KERNEL_SP = 24
    SH_TRAP = 32
    SH_EVTCHN_PENDING = 128
    SH_EVTCHN_MASK = 144

cdef uint64_t VSIP_TIMER = 1 << 5
cdef uint64_t VSIP_EVENT = 1 << 9
cdef uint64_t ASID_KERNEL = 1, ASID_USER = 2
cdef int VMODE_USER = 0, VMODE_KERNEL = 1


cdef inline int bucket_of(uint64_t n) noexcept:
    return 0 if n <= 1 else 1 if n < 8 else 2 if n < 64 else 3 if n < 512 else 4


@cython.final
cdef class PvCore:
    cdef Hart hart
    cdef HartState* ps
    cdef Bus bus
    cdef DirectPaging paging
    cdef uint64_t cost[NUM_VE]
    cdef uint64_t mmio_allowed             # bit i: the guest kernel may touch bus region i
    # the virtual CPU
    cdef readonly int vmode                # 1: guest kernel, 0: guest user
    cdef readonly uint64_t trap_entry, shared_pa, kernel_satp, user_satp, deadline
    cdef uint8_t* shared
    cdef readonly int blocked
    cdef public int timer_port             # the event port of VIRQ_TIMER, or 0: the vsip timer bit
    cdef readonly int slow                 # SLOW_* waiting for Python
    cdef public str fatal
    # accounting by virtual mode
    cdef uint64_t insns[2]
    cdef uint64_t exec_cycles[2]
    cdef uint64_t mark_insns, mark_exec
    # statistics
    cdef uint64_t hc_count[NUM_HC]
    cdef uint64_t hc_cycles[NUM_HC]
    cdef uint64_t exits[NUM_R]
    cdef uint64_t vmm_cycles[NUM_R]
    cdef uint64_t mmu_batches[5]
    cdef uint64_t multicall_batches[5]
    cdef uint64_t upcalls[16]
    cdef uint64_t irq_upcalls[16]
    cdef uint64_t mmio_exits[64]
    cdef readonly uint64_t events_raised
    # per-exit accounting
    cdef int reason, hc
    cdef uint64_t n_decode, n_emulate, n_inject, mark_validated

    def __cinit__(self, Hart hart, Bus bus, DirectPaging paging, events):
        cdef int i
        self.hart = hart
        self.ps = &hart.st
        self.bus = bus
        self.paging = paging
        paging.ram = hart.st.ram
        paging.log = hart.st.log
        for i, name in enumerate(VMM_EVENTS):
            self.cost[i] = events[name]
        self.vmode = VMODE_KERNEL
        self.deadline = NEVER
        self.fatal = None
        self.hc = -1

    def configure(self, uint64_t mmio_allowed):
        """Set the physical hart up for pv: U-mode, every trap to the VMM, U-mode confined to
        guest RAM by PMP, the counters readable, the VMM's timer and device interrupts on."""
        cdef HartState* ps = self.ps
        self.mmio_allowed = mmio_allowed
        ps.firmware_owns_m = 1
        csr_write(ps, 0x302, 0)                          # medeleg
        csr_write(ps, 0x303, 0)                          # mideleg
        csr_write(ps, 0x304, (1 << IRQ_MTI) | (1 << IRQ_MEI))
        csr_write(ps, 0x30A, 0)                          # menvcfg: no Sstc
        csr_write(ps, 0x306, 7)                          # mcounteren: cycle, time, instret
        csr_write(ps, 0x106, 7)                          # scounteren
        csr_write(ps, 0x3B0, ps.ram_base >> 2)           # pmpaddr0 .. pmpaddr1: guest RAM (TOR)
        csr_write(ps, 0x3B1, (ps.ram_base + ps.ram_size) >> 2)
        csr_write(ps, 0x3A0, 0x0F << 8)                  # pmp1cfg: TOR, RWX
        csr_write(ps, 0x180, 0)
        ps.mtimecmp = NEVER
        ps.next_check = 0
        self.mark_insns = ps.instret
        self.mark_exec = ps.cycles - ps.event_cycles

    # ---- accounting ----
    cdef void account(self) noexcept:
        cdef uint64_t exec_now = self.ps.cycles - self.ps.event_cycles
        self.insns[self.vmode] += self.ps.instret - self.mark_insns
        self.exec_cycles[self.vmode] += exec_now - self.mark_exec
        self.mark_insns = self.ps.instret
        self.mark_exec = exec_now

    cdef inline void charge_vmm(self, int reason, uint64_t c) noexcept:
        self.ps.cycles += c
        self.ps.event_cycles += c
        self.vmm_cycles[reason] += c
        if reason == R_HYPERCALL and self.hc >= 0:
            self.hc_cycles[self.hc] += c

    cdef void begin(self, int reason) noexcept:
        self.reason = reason
        self.hc = -1
        self.n_decode = self.n_emulate = self.n_inject = 0
        self.mark_validated = self.paging.validated

    # end: charge the exit: its entry path (pv_hypercall; vmm_exit for an emulated device
    # access, which may name any register; none for an upcall delivered after another exit)
    # plus the operations performed.
    cdef void end(self) noexcept:
        cdef uint64_t entry = self.cost[VE_EXIT] if self.reason == R_MMIO else \
            0 if self.reason == R_UPCALL else self.cost[VE_HYPERCALL]
        cdef uint64_t c = entry + self.n_decode * self.cost[VE_DECODE] + \
            self.n_emulate * self.cost[VE_EMULATE] + self.n_inject * self.cost[VE_INJECT] + \
            (self.paging.validated - self.mark_validated) * self.cost[VE_VALIDATE]
        self.exits[self.reason] += 1
        if self.reason == R_HYPERCALL and self.hc >= 0:
            self.hc_count[self.hc] += 1
        self.charge_vmm(self.reason, c)

    # ---- address spaces ----
    cdef void load_satp(self) noexcept:
        cdef uint64_t satp = 0
        if self.vmode == VMODE_KERNEL and self.kernel_satp:
            satp = (self.kernel_satp & ~(<uint64_t>0xFFFF << 44)) | (ASID_KERNEL << 44)
        elif self.vmode == VMODE_USER:
            satp = (self.user_satp & ~(<uint64_t>0xFFFF << 44)) | (ASID_USER << 44)
        if satp != self.ps.satp:
            csr_write(self.ps, 0x180, satp)

    cdef void set_vmode(self, int vmode) noexcept:
        if vmode != self.vmode:
            self.account()
            self.vmode = vmode
            self.load_satp()

    # guest: a host pointer to [pa, pa + n) of guest RAM, or NULL (overflow-safe).
    cdef inline uint8_t* guest(self, uint64_t pa, uint64_t n) noexcept:
        cdef HartState* ps = self.ps
        if pa - ps.ram_base >= ps.ram_size or n > ps.ram_size - (pa - ps.ram_base):
            return NULL
        return ps.ram + (pa - ps.ram_base)

    # guest_w: like guest(), for a range the VMM writes: never part of a pinned page table.
    cdef uint8_t* guest_w(self, uint64_t pa, uint64_t n) noexcept:
        cdef uint8_t* p = self.guest(pa, n)
        cdef uint64_t f
        if p == NULL:
            return NULL
        f = (pa - self.ps.ram_base) >> 12
        while f <= (pa + n - 1 - self.ps.ram_base) >> 12:
            if self.paging.ftype[f]:
                return NULL
            f += 1
        if n:
            dirty_mark(self.ps.log, pa - self.ps.ram_base, n)
        return p

    # shared_w: the shared page, which the VMM is about to write (marked in the dirty log).
    cdef inline uint64_t* shared_w(self) noexcept:
        dirty_mark(self.ps.log, self.shared_pa - self.ps.ram_base, 4096)
        return <uint64_t*>self.shared

    # ---- the run loop ----
    def run(self, uint64_t budget):
        """Run the guest for at most budget instructions; an EXIT_* code for the VMM."""
        cdef HartState* ps = self.ps
        cdef uint64_t limit = ps.instret + budget
        cdef int r
        if self.slow != SLOW_NONE:
            raise RuntimeError("a slow hypercall or interrupt is still waiting for the VMM")
        while True:
            r = self.update()
            if r >= 0:
                return r
            if self.blocked:
                r = self.block_wait()
                if r >= 0:
                    return r
                continue
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
        cdef uint64_t cause = <uint64_t>ps.exit_cause, tval = ps.exit_tval, pc = ps.exit_pc
        cdef int r = -1
        ps.trap_repeat = 0
        ps.last_trap_instret = NEVER
        ps.pc = pc
        if cause & INTERRUPT_BIT:
            if (cause & 63) == IRQ_MEI:
                self.begin(R_DEVICE_IRQ)
                self.end()
                self.slow = SLOW_IRQ
                return EXIT_PV_SLOW
            self.begin(R_TIMER)               # the virtual timer: update() raises it
        elif self.vmode == VMODE_USER:
            self.begin(R_SYSCALL if cause == EXC_ECALL_U else
                       R_USER_PAGE_FAULT if cause in (EXC_INSN_PAGE, EXC_LOAD_PAGE, EXC_STORE_PAGE) else
                       R_USER_EXCEPTION)
            r = self.upcall(cause, tval, pc)
        elif cause == EXC_ECALL_U:
            self.begin(R_HYPERCALL)
            r = self.hypercall(pc)
        elif cause in (EXC_LOAD_PAGE, EXC_STORE_PAGE, EXC_LOAD_ACCESS, EXC_STORE_ACCESS):
            self.begin(R_MMIO)
            r = self.emulate_mmio(cause, tval, pc)
        else:
            return self.stop_guest(cause, tval, pc)
        self.end()
        return r

    cdef int stop_guest(self, uint64_t cause, uint64_t tval, uint64_t pc) except -2:
        self.fatal = (f"pv guest kernel fault: cause {cause} at pc=0x{pc:x} (tval 0x{tval:x}) "
                      f"after {self.ps.instret} instructions")
        return EXIT_PV_FATAL

    # Re-evaluate the virtual timer and interrupts and deliver an upcall if one is due and
    # the guest can take it. -1, or an EXIT_* code.
    cdef int update(self) except -2:
        cdef HartState* ps = self.ps
        cdef uint64_t now = mtime(ps), cmp = NEVER
        if self.deadline != NEVER and now < self.deadline:
            cmp = self.deadline
        if ps.mtimecmp != cmp:
            ps.mtimecmp = cmp
            ps.next_check = 0
        if self.shared == NULL or self.refresh() == 0:
            return -1
        if self.shared[SH_UPCALL_MASK] and self.vmode == VMODE_KERNEL:
            return -1
        self.begin(R_UPCALL)
        self.upcall(INTERRUPT_BIT | (IRQ_SEI if self.pending_virq() & VSIP_EVENT else IRQ_STI), 0, ps.pc)
        self.end()
        return -1

    # fire_timer: with the timer bound to an event port (VIRQ_TIMER), a due deadline raises
    # the port once (Xen's one-shot timer); unbound, it stays the vsip timer bit.
    cdef void fire_timer(self) noexcept:
        cdef uint64_t* w = self.shared_w()
        if self.timer_port and self.deadline != NEVER and mtime(self.ps) >= self.deadline:
            w[SH_EVTCHN_PENDING // 8 + self.timer_port // 64] |= (<uint64_t>1) << (self.timer_port % 64)
            self.deadline = NEVER
            self.events_raised += 1

    # pending_virq: vsip & vsie (timer due; an unmasked event port pending).
    cdef uint64_t pending_virq(self) noexcept:
        cdef uint64_t* w = self.shared_w()
        cdef uint64_t vsip = 0
        self.fire_timer()
        if self.deadline != NEVER and mtime(self.ps) >= self.deadline:
            vsip |= VSIP_TIMER
        if (w[SH_EVTCHN_PENDING // 8] & ~w[SH_EVTCHN_MASK // 8]) or \
                (w[SH_EVTCHN_PENDING // 8 + 1] & ~w[SH_EVTCHN_MASK // 8 + 1]):
            vsip |= VSIP_EVENT
        w[SH_VSIP // 8] = vsip
        return vsip & w[SH_VSIE // 8]

    # refresh: update vsip and upcall_pending in the shared page; whether an upcall is pending.
    cdef int refresh(self) noexcept:
        cdef int pending = self.pending_virq() != 0
        self.shared[SH_UPCALL_PENDING] = pending
        return pending

    # Deliver a trap to the guest kernel (docs/hypercall-abi.md, "Delivery").
    cdef int upcall(self, uint64_t cause, uint64_t tval, uint64_t epc) except -2:
        cdef HartState* ps = self.ps
        cdef uint64_t* info
        if self.shared == NULL:
            return self.stop_guest(cause, tval, epc)
        info = self.shared_w() + SH_TRAP // 8
        info[0] = epc
        info[1] = ((<uint64_t>self.vmode) << 8) | ((<uint64_t>(self.shared[SH_UPCALL_MASK] == 0)) << 5)
        info[2] = cause
        info[3] = tval
        info[4] = ps.x[2]
        if self.vmode == VMODE_USER:
            ps.x[2] = (<uint64_t*>(self.shared + SH_KERNEL_SP))[0]
            self.set_vmode(VMODE_KERNEL)
        self.shared[SH_UPCALL_MASK] = 1
        ps.pc = self.trap_entry
        self.n_inject += 1
        if cause & INTERRUPT_BIT:
            self.irq_upcalls[cause & 15] += 1
        else:
            self.upcalls[cause & 15] += 1
        return -1

    # Wait in sched_op(block) until an enabled virtual interrupt is pending: idle to the
    # virtual timer's deadline, or hand a device interrupt or the wait to the VMM.
    cdef int block_wait(self) except -2:
        cdef HartState* ps = self.ps
        if self.shared != NULL and self.pending_virq():
            self.blocked = 0
            return -1
        if ps.mip_lines & (1 << IRQ_MEI):
            self.begin(R_DEVICE_IRQ)
            self.end()
            self.slow = SLOW_IRQ
            return EXIT_PV_SLOW
        if self.deadline == NEVER:
            return EXIT_WFI_IDLE
        self.exits[R_IDLE] += 1
        if self.deadline * ps.cycles_per_tick > ps.cycles:
            charge_cycles(ps, self.deadline * ps.cycles_per_tick - ps.cycles, CAT_IDLE)
        ps.next_check = 0
        return -1

    # ---- hypercalls ----
    cdef int hypercall(self, uint64_t pc) except -2:
        cdef HartState* ps = self.ps
        cdef uint64_t nr = ps.x[17]
        cdef int64_t result
        self.hc = <int>nr if nr < NUM_HC else -1
        if nr == HC_TRAP_RETURN:
            return self.trap_return(ps.x[10], pc)
        if nr == HC_SCHED_OP and ps.x[10] == SCHEDOP_BLOCK:
            self.blocked = 1
            ps.x[10] = 0
            ps.pc = pc + 4
            return -1
        if self.is_slow(nr, ps.x[10]):
            self.slow = SLOW_HYPERCALL
            return EXIT_PV_SLOW
        result = self.fast_call(nr, ps.x[10], ps.x[11], ps.x[12], ps.x[13])
        ps.x[10] = <uint64_t>result
        ps.pc = pc + 4
        return -1

    cdef inline int is_slow(self, uint64_t nr, uint64_t cmd) noexcept:
        return nr == HC_CONSOLE_IO or nr == HC_EVENT_CHANNEL_OP or nr == HC_RING_SETUP or \
            (nr == HC_SCHED_OP and cmd == SCHEDOP_SHUTDOWN)

    # fast_call: the hypercalls handled here (multicall may contain any of them).
    cdef int64_t fast_call(self, uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3) except? -1000:
        if nr == HC_SET_TIMER:
            self.deadline = a0
            self.n_emulate += 1
            return 0
        if nr == HC_SET_CALLBACKS:
            return self.set_callbacks(a0, a1)
        if nr == HC_MMU_UPDATE:
            return self.mmu_update(a0, a1, a2)
        if nr == HC_MMUEXT_OP:
            return self.mmuext_op(a0, a1)
        if nr == HC_SWITCH_AS:
            return self.switch_as(a0, a1, a2)
        if nr == HC_TLB_FLUSH:
            return self.flush(a0, a1)
        if nr == HC_MULTICALL:
            return self.multicall(a0, a1)
        if nr == HC_SCHED_OP:
            return 0 if a0 == SCHEDOP_YIELD or a0 == SCHEDOP_CHECK else -E_INVAL
        if nr == HC_UPDATE_VA_MAPPING:
            return self.update_va_mapping(a0, a1, a2)
        if nr == HC_MEMORY_OP:
            return self.memory_op(a0, a1, a2)
        return -E_NOSYS

    cdef int64_t set_callbacks(self, uint64_t entry, uint64_t shared_pa) except? -1000:
        cdef uint8_t* p = self.guest(shared_pa, 4096)
        cdef int r
        if p == NULL or (shared_pa & 0xFFF):
            return -E_INVAL
        r = self.paging.set_shared_frame(shared_pa)
        if r < 0:
            return r
        self.trap_entry = entry
        self.shared_pa = shared_pa
        self.shared = p
        self.n_emulate += 1
        return 0

    cdef int64_t mmu_update(self, uint64_t reqs, uint64_t count, uint64_t done_pa) except? -1000:
        cdef uint64_t* req = <uint64_t*>self.guest(reqs, count * 16)
        cdef uint8_t* done = NULL
        cdef uint64_t i
        cdef int r = 0
        if count > MAX_MMU_BATCH or (reqs & 7) or (count and req == NULL):
            return -E_INVAL
        if done_pa:
            done = self.guest_w(done_pa, 8)
            if done == NULL or (done_pa & 7):
                return -E_FAULT
        self.mmu_batches[bucket_of(count)] += 1
        for i in range(count):
            r = self.paging.update(req[2 * i], req[2 * i + 1])
            if r < 0:
                break
        if done != NULL:
            (<uint64_t*>done)[0] = i if r < 0 else count
        return r

    cdef int64_t mmuext_op(self, uint64_t cmd, uint64_t table) except? -1000:
        cdef uint64_t root = table >> 12
        self.n_emulate += 1
        if cmd <= MMUEXT_PIN_L2:
            return self.paging.pin(table, <int>cmd)
        if cmd == MMUEXT_UNPIN:
            if ((self.kernel_satp & PPN_MASK) == root and self.kernel_satp) or \
                    ((self.user_satp & PPN_MASK) == root and self.user_satp):
                return -E_BUSY
            return self.paging.unpin(table)
        return -E_INVAL

    cdef int64_t switch_as(self, uint64_t satp, uint64_t flags, uint64_t user_satp) except? -1000:
        cdef int r
        if not self.paging.is_root(satp) or (user_satp and not self.paging.is_root(user_satp)):
            return -E_INVAL
        if not self.kernel_satp:                     # translation was off until now
            r = self.paging.revalidate_all()
            if r < 0:
                return r
        self.kernel_satp = satp
        self.user_satp = user_satp
        self.load_satp()
        if flags & 1:
            tlb_flush(self.ps, 0, 0, 0, 0)
        self.n_emulate += 1
        return 0

    cdef int64_t flush(self, uint64_t va, uint64_t scope) except? -1000:
        if scope > 1:
            return -E_INVAL
        tlb_flush(self.ps, <int>scope, va, 0, 0)
        self.n_emulate += 1
        return 0

    cdef int64_t update_va_mapping(self, uint64_t ptr, uint64_t val, uint64_t va) except? -1000:
        cdef int r = self.paging.update(ptr, val)
        if r < 0:
            return r
        self.mmu_batches[0] += 1
        tlb_flush(self.ps, 1, va, 0, 0)
        self.n_emulate += 1
        return 0

    # memory_op: give count frames (guest frame numbers in the array at frames) back to the
    # VMM (decrease), or take released frames back (increase: the array receives them).
    # The number of frames done.
    cdef int64_t memory_op(self, uint64_t cmd, uint64_t frames, uint64_t count) except? -1000:
        cdef uint64_t* a
        cdef uint64_t i, base = self.ps.ram_base >> 12
        cdef int64_t f
        if count > MAX_MMU_BATCH or (frames & 7) or cmd > MEMOP_DECREASE:
            return -E_INVAL
        a = <uint64_t*>(self.guest_w(frames, count * 8) if cmd == MEMOP_INCREASE else self.guest(frames, count * 8))
        if count and a == NULL:
            return -E_FAULT
        for i in range(count):
            self.n_emulate += 1
            if cmd == MEMOP_DECREASE:
                if a[i] < base or self.paging.release(a[i] - base) < 0:
                    return <int64_t>i
            else:
                f = self.paging.reclaim()
                if f < 0:
                    return <int64_t>i
                a[i] = base + <uint64_t>f
        return <int64_t>count

    # multicall: entries {op, args[6], result} run in order until one fails.
    cdef int64_t multicall(self, uint64_t calls, uint64_t count) except? -1000:
        cdef uint64_t* e = <uint64_t*>self.guest_w(calls, count * 64)
        cdef uint64_t i, op
        cdef int64_t r
        if count > MAX_MULTICALL or (calls & 7) or (count and e == NULL):
            return -E_INVAL
        self.multicall_batches[bucket_of(count)] += 1
        for i in range(count):
            op = e[8 * i]
            self.n_decode += 1
            if op == HC_MULTICALL or op == HC_TRAP_RETURN or op >= NUM_HC or self.is_slow(op, e[8 * i + 1]) \
                    or (op == HC_SCHED_OP and e[8 * i + 1] == SCHEDOP_BLOCK):
                r = -E_INVAL
            else:
                r = self.fast_call(op, e[8 * i + 1], e[8 * i + 2], e[8 * i + 3], e[8 * i + 4])
            e[8 * i + 7] = <uint64_t>r
            if r < 0:
                break
        return 0

    # trap_return(frame): restore the guest's registers and mode from a trap frame.
    cdef int trap_return(self, uint64_t frame_pa, uint64_t pc) except -2:
        cdef HartState* ps = self.ps
        cdef uint64_t* f = <uint64_t*>self.guest(frame_pa, 36 * 8)
        cdef uint64_t status
        cdef int i
        if f == NULL or (frame_pa & 7) or self.shared == NULL:
            ps.x[10] = <uint64_t>(-E_FAULT)
            ps.pc = pc + 4
            return -1
        status = f[33]
        if not (status & (1 << 8)) and not self.user_satp:
            ps.x[10] = <uint64_t>(-E_INVAL)          # no user address space to return to
            ps.pc = pc + 4
            return -1
        for i in range(1, 32):
            ps.x[i] = f[i]
        ps.pc = f[32]
        self.shared_w()
        self.shared[SH_UPCALL_MASK] = 0 if status & (1 << 5) else 1
        self.set_vmode(VMODE_KERNEL if status & (1 << 8) else VMODE_USER)
        self.n_emulate += 1
        return -1

    # ---- device registers touched by the guest kernel ----
    # Decode the load or store at pc and perform it on the device at its (guest-physical)
    # address: the guest kernel does not map devices, so it uses their physical addresses.
    cdef int emulate_mmio(self, uint64_t cause, uint64_t addr, uint64_t pc) except -2:
        cdef HartState* ps = self.ps
        cdef uint64_t lo = 0, hi = 0, v = 0, target
        cdef uint32_t raw
        cdef Decoded d
        cdef int size, region, fault
        if self.hart._load_slow(pc, 2, &lo) or ((lo & 3) == 3 and self.hart._load_slow(pc + 2, 2, &hi)):
            return self.stop_guest(cause, addr, pc)
        raw = <uint32_t>(lo | (hi << 16))
        decode(raw, &d)
        self.n_decode += 1
        target = ps.x[d.rs1] + <uint64_t>d.imm
        if K_LB <= d.kind <= K_LWU:
            size = 1 << ((d.kind - K_LB) & 3)
        elif K_SB <= d.kind <= K_SD:
            size = 1 << (d.kind - K_SB)
        else:
            return self.stop_guest(cause, addr, pc)
        region = self.bus.find(target, size)
        if target != addr or region < 0 or region >= 64 or not ((self.mmio_allowed >> region) & 1):
            return self.stop_guest(cause, addr, pc)
        if K_LB <= d.kind <= K_LWU:
            fault = self.hart._phys_read(target, size, &v, EXC_LOAD_ACCESS)
            ps.x[d.rd] = extend_load(v, d.kind - K_LB)
        else:
            fault = self.hart._phys_write(target, size, ps.x[d.rs2], EXC_STORE_ACCESS)
        if fault:
            return self.stop_guest(cause, addr, pc)
        self.mmio_exits[region] += 1
        self.n_emulate += 1
        ps.pc = pc + d.length
        ps.instret += 1
        return -1

    # ---- Python API (the VMM's slow paths, tests) ----
    def slow_call(self):
        """The waiting hypercall: (number, a0, a1, a2, a3, a4, a5)."""
        cdef uint64_t* x = self.ps.x
        return (x[17], x[10], x[11], x[12], x[13], x[14], x[15])

    def finish_slow(self, int64_t result=0, resume=True):
        """Complete the waiting hypercall with result (or the interrupt claim) and go on."""
        if self.slow == SLOW_HYPERCALL:
            self.ps.x[10] = <uint64_t>result
            if resume:
                self.ps.pc += 4
        self.slow = SLOW_NONE

    @property
    def slow_kind(self):
        return ("none", "hypercall", "irq")[self.slow]

    def charge_cycles(self, uint64_t cycles):
        """Charge cycles of VMM work to the waiting slow hypercall or interrupt."""
        self.charge_vmm(self.reason, cycles)

    def writable(self, uint64_t pa, uint64_t n):
        """Whether the VMM may write [pa, pa + n) for the guest (RAM, not a page table)."""
        return n == 0 or self.guest_w(pa, n) != NULL

    def raise_event(self, int port):
        """Set event port pending in the shared page (the guest sees it at its next upcall)."""
        cdef uint64_t* w
        if self.shared == NULL or port <= 0 or port >= 128:
            return False
        w = self.shared_w()
        w[SH_EVTCHN_PENDING // 8 + port // 64] |= (<uint64_t>1) << (port % 64)
        self.events_raised += 1
        return True

    def event_pending(self, int port):
        cdef uint64_t* w = <uint64_t*>self.shared
        return self.shared != NULL and 0 < port < 128 and bool((w[SH_EVTCHN_PENDING // 8 + port // 64] >> (port % 64)) & 1)

    def hypercall_now(self, uint64_t nr, uint64_t a0=0, uint64_t a1=0, uint64_t a2=0, uint64_t a3=0):
        """Perform a fast hypercall as if the guest kernel issued it; its result (tests)."""
        if self.is_slow(nr, a0) or nr == HC_TRAP_RETURN or (nr == HC_SCHED_OP and a0 == SCHEDOP_BLOCK):
            raise ValueError(f"hypercall {nr} is not a fast hypercall")
        self.begin(R_HYPERCALL)
        self.hc = <int>nr if nr < NUM_HC else -1
        r = self.fast_call(nr, a0, a1, a2, a3)
        self.end()
        return r

    def get_state(self):
        """The virtual CPU, the accounting marks and the counters as plain data (snapshots;
        taken between slices, when nothing waits for Python)."""
        cdef int i
        if self.slow != SLOW_NONE:
            raise RuntimeError("a slow hypercall is waiting: no snapshot now")
        return {
            "cpu": [self.vmode, self.trap_entry, self.shared_pa, self.kernel_satp, self.user_satp, self.deadline,
                    self.blocked, self.mmio_allowed, self.timer_port],
            "marks": [self.insns[0], self.insns[1], self.exec_cycles[0], self.exec_cycles[1], self.mark_insns,
                      self.mark_exec, self.events_raised],
            "hc": [[self.hc_count[i], self.hc_cycles[i]] for i in range(NUM_HC)],
            "reasons": [[self.exits[i], self.vmm_cycles[i]] for i in range(NUM_R)],
            "batches": [[self.mmu_batches[i], self.multicall_batches[i]] for i in range(5)],
            "upcalls": [[self.upcalls[i], self.irq_upcalls[i]] for i in range(16)],
            "mmio": [self.mmio_exits[i] for i in range(64)],
        }

    def set_state(self, st):
        """Restore get_state() into a core of the same machine."""
        cdef int i
        (self.vmode, self.trap_entry, self.shared_pa, self.kernel_satp, self.user_satp, self.deadline,
         self.blocked, self.mmio_allowed, self.timer_port) = st["cpu"]
        (self.insns[0], self.insns[1], self.exec_cycles[0], self.exec_cycles[1], self.mark_insns,
         self.mark_exec, self.events_raised) = st["marks"]
        for i in range(NUM_HC):
            self.hc_count[i], self.hc_cycles[i] = st["hc"][i]
        for i in range(NUM_R):
            self.exits[i], self.vmm_cycles[i] = st["reasons"][i]
        for i in range(5):
            self.mmu_batches[i], self.multicall_batches[i] = st["batches"][i]
        for i in range(16):
            self.upcalls[i], self.irq_upcalls[i] = st["upcalls"][i]
        for i in range(64):
            self.mmio_exits[i] = st["mmio"][i]
        self.shared = self.guest(self.shared_pa, 4096) if self.shared_pa else NULL
        self.slow = SLOW_NONE

    def stats(self, region_names):
        """Exits and VMM cycles by reason and hypercall, batch sizes, upcalls, MMIO by device,
        instructions and execution cycles by virtual mode."""
        cdef int i
        from pyvirt.machine.hart import EXCEPTION_NAMES, INTERRUPT_NAMES
        self.account()
        return {
            "instructions": {"user": self.insns[VMODE_USER], "supervisor": self.insns[VMODE_KERNEL]},
            "cycles": {"user": self.exec_cycles[VMODE_USER], "supervisor": self.exec_cycles[VMODE_KERNEL]},
            "reasons": {REASON_NAMES[i]: {"exits": self.exits[i], "vmm_cycles": self.vmm_cycles[i]}
                        for i in range(NUM_R) if self.exits[i] or self.vmm_cycles[i]},
            "hypercalls": {HYPERCALL_NAMES[i]: {"count": self.hc_count[i], "vmm_cycles": self.hc_cycles[i]}
                           for i in range(NUM_HC) if self.hc_count[i]},
            "mmu_update_batches": {BATCH_BUCKETS[i]: self.mmu_batches[i] for i in range(5) if self.mmu_batches[i]},
            "multicall_batches": {BATCH_BUCKETS[i]: self.multicall_batches[i] for i in range(5)
                                  if self.multicall_batches[i]},
            "upcalls": {**{EXCEPTION_NAMES[i]: self.upcalls[i] for i in range(16) if self.upcalls[i]},
                        **{INTERRUPT_NAMES[i]: self.irq_upcalls[i] for i in range(16) if self.irq_upcalls[i]}},
            "mmio_exits": {region_names[i]: self.mmio_exits[i] for i in range(min(64, len(region_names)))
                           if self.mmio_exits[i]},
            "events_raised": self.events_raised,
        }
