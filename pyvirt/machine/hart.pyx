# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
# The hart: fetch, decode and execute RV64IMAC + Zicsr + Zifencei in M, S and U modes
# (unprivileged spec 20191213, privileged spec 1.12). Hart.run(budget) is the KVM-like entry:
# it runs guest instructions until the budget is spent or something needs the level above.
from libc.stdint cimport int8_t, int16_t, uint8_t, uint16_t, uint32_t, int32_t, uint64_t, int64_t
from libc.string cimport memcpy
from libc.stdlib cimport calloc, free
from pyvirt.machine.state cimport *
from pyvirt.machine.bus cimport Bus
from pyvirt.machine.decode cimport *
from pyvirt.machine.alu cimport muldiv, muldivw, sext32, extend_load, amo_compute
from pyvirt.machine.mmu cimport (data_host, mmu_translate, mmu_fetch_page, mmu_update_mode, tlb_flush, tlb_alloc,
                                 tlb_grant, dirty_write, dirty_revoke)
from pyvirt.machine.csr cimport csr_insn, csr_read, csr_write, csr_reset
from pyvirt.machine.trap cimport (take_trap, take_pending_interrupt, pending_interrupts, do_mret, do_sret,
                                  set_priv, account_segment, charge, charge_cycles, mtime, timer_update,
                                  next_timer_cycle)
from pyvirt.machine.vmx cimport (vmx_system_exits, vmx_mmio_exits, vmx_exit, VMX_PREEMPT, EXC_GUEST_LOAD,
                                 EXC_GUEST_STORE)

cdef enum:
    RET_NEXT = -1        # retired; pc = next instruction
    RET_JUMPED = -3      # retired; pc already set
    RET_IDLE = -4        # retired wfi with nothing that can wake the hart from inside
    RET_VMEXIT = -5      # not executed: the instruction exits to the hvm VMM


EXIT_NAMES = {EXIT_BUDGET: "budget", EXIT_STOP: "stop", EXIT_MTRAP: "mtrap", EXIT_WFI_IDLE: "wfi-idle",
              EXIT_TOHOST: "tohost", EXIT_TRAP_LOOP: "trap-loop", EXIT_LIMIT: "limit", EXIT_VMEXIT: "vmexit"}
CLASS_NAMES = ("alu", "mul", "div", "load", "store", "branch", "jump", "csr", "amo", "fence", "system")
EVENT_NAMES = ("trap_entry", "tlb_walk_ref", "device_access", "firmware_call")
CATEGORY_NAMES = ("user", "supervisor", None, "machine", "trap_entry", "page_walk", "device", "firmware", "idle")


# Load f3's width from host memory and sign- or zero-extend it.
cdef inline uint64_t load_host(const uint8_t* p, uint32_t f3) noexcept nogil:
    cdef uint64_t v = 0
    if f3 == 0: return <uint64_t><int64_t>(<const int8_t*>p)[0]
    if f3 == 4: return p[0]
    if f3 == 3:
        memcpy(&v, p, 8)
        return v
    if f3 == 1 or f3 == 5:
        memcpy(&v, p, 2)
        return <uint64_t><int64_t><int16_t>v if f3 == 1 else v
    memcpy(&v, p, 4)
    return sext32(v) if f3 == 2 else v


# The trap value of an exception raised while executing an instruction (section 3.1.16).
cdef inline uint64_t trap_value(int cause, uint32_t raw, uint64_t addr) noexcept nogil:
    if cause == EXC_ILLEGAL:
        return raw
    if cause == EXC_BREAKPOINT or cause == EXC_ECALL_U or cause == EXC_ECALL_S or cause == EXC_ECALL_M:
        return 0
    return addr


cdef class Hart:
    def __cinit__(self, Bus bus, int tlb_entries=64, int tlb_ways=4):
        self.bus = bus
        self.st.ram = bus.ram
        self.st.log = &bus.log
        self.st.ram_base = bus.ram_base
        self.st.ram_size = bus.ram_size + bus.private_size   # a VMM's private pool is RAM to the hart
        self.st.cycles_per_tick = 1
        self.st.watch_page = NEVER
        self.st.tohost_addr = NEVER
        self.st.mtimecmp = NEVER
        self.st.stimecmp = NEVER
        self.st.last_trap_instret = NEVER
        self.st.dcache = <Decoded*>calloc(DCACHE_ENTRIES, sizeof(Decoded))
        if tlb_alloc(&self.st, tlb_entries, tlb_ways) < 0 or self.st.dcache == NULL:
            raise MemoryError("cannot allocate the TLB and decode cache")
        self.console_write = None
        self.reset(bus.ram_base)

    def __dealloc__(self):
        free(self.st.dcache)
        free(self.st.tlb)
        free(self.st.tlb_victim)

    def reset(self, uint64_t pc, int priv=PRV_M):
        """Reset architectural state (registers zero, M-mode CSR reset values) and start at pc."""
        cdef HartState* s = &self.st
        account_segment(s)
        for i in range(32):
            s.x[i] = 0
        csr_reset(s)
        s.pc = pc
        s.priv = priv
        s.next_check = 0
        mmu_update_mode(s)
        tlb_flush(s, 0, 0, 0, 0)

    def set_costs(self, cpi, events, uint64_t cycles_per_tick):
        """Install a cost profile: cpi and events map CLASS_NAMES / EVENT_NAMES to cycles."""
        for i, name in enumerate(CLASS_NAMES):
            self.st.cpi[i] = cpi[name]
        for i, name in enumerate(EVENT_NAMES):
            self.st.event_cost[i] = events[name]
        self.st.cycles_per_tick = cycles_per_tick
        self.st.next_check = 0

    # ---- Python API: registers, CSRs, pins ----
    property pc:
        def __get__(self): return self.st.pc
        def __set__(self, uint64_t v):
            self.st.pc = v
    property priv:
        def __get__(self): return self.st.priv
        def __set__(self, int v):
            set_priv(&self.st, v)
            self.st.next_check = 0
    property cycles:
        def __get__(self): return self.st.cycles
    property instret:
        def __get__(self): return self.st.instret
    property firmware_owns_m:
        def __get__(self): return bool(self.st.firmware_owns_m)
        def __set__(self, v): self.st.firmware_owns_m = 1 if v else 0
    property exit_cause:
        def __get__(self): return self.st.exit_cause
    property exit_tval:
        def __get__(self): return self.st.exit_tval
    property exit_pc:
        def __get__(self): return self.st.exit_pc
    property tohost_value:
        def __get__(self): return self.st.tohost_value

    def get_reg(self, int i):
        return self.st.x[i & 31]

    def set_reg(self, int i, uint64_t v):
        if i & 31:
            self.st.x[i & 31] = v

    def read_csr(self, int num):
        """Raw CSR read (no privilege check); KeyError if the CSR does not exist."""
        cdef uint64_t v
        if csr_read(&self.st, num, &v) < 0:
            raise KeyError(f"no CSR 0x{num:x}")
        return v

    def write_csr(self, int num, uint64_t v):
        """Raw CSR write with WARL legalization (no privilege check)."""
        if csr_write(&self.st, num, v) < 0:
            raise KeyError(f"no CSR 0x{num:x}")

    def set_mip_bit(self, int bit, level):
        """Drive hardware interrupt line bit (MSIP 3, SEIP 9, MEIP 11) to level."""
        if level:
            self.st.mip_lines |= (<uint64_t>1 << bit)
        else:
            self.st.mip_lines &= ~(<uint64_t>1 << bit)
        self.st.next_check = 0

    def mtime(self):
        return mtime(&self.st)

    def set_mtimecmp(self, uint64_t v):
        self.st.mtimecmp = v
        self.st.next_check = 0

    def get_mtimecmp(self):
        return self.st.mtimecmp

    def request_stop(self):
        """End the current run() after the current instruction with EXIT_STOP."""
        self.st.stop_requested = EXIT_STOP
        self.st.next_check = 0

    def set_tohost(self, uint64_t addr):
        """Watch the 64-bit HTIF tohost word at physical address addr."""
        self.st.tohost_addr = addr
        self.st.watch_page = addr >> 12
        tlb_flush(&self.st, 0, 0, 0, 0)

    def log_dirty(self, on):
        """Turn the dirty log of guest memory on (empty) or off; the stores' fast path is taken
        back from every page and granted again as the log allows (mmu.pxd: DIRECT_WRITE)."""
        self.bus.log.on = 1 if on else 0
        self.bus.take_dirty()
        dirty_revoke(&self.st)

    def take_dirty(self):
        """The guest-RAM page numbers written since log_dirty(True) or the last take; the log
        starts over, so the next store to each page is marked again."""
        frames = self.bus.take_dirty()
        dirty_revoke(&self.st)
        return frames

    def flush_tlb(self):
        tlb_flush(&self.st, 0, 0, 0, 0)

    def charge_firmware_call(self):
        """Charge one built-in firmware (SBI) handler invocation."""
        charge(&self.st, EV_FIRMWARE, CAT_FIRMWARE)

    def complete_mtrap(self, uint64_t next_pc):
        """Resume after the built-in firmware handled an M-mode trap: continue at next_pc."""
        self.st.pc = next_pc
        self.st.trap_repeat = 0
        self.st.last_trap_instret = NEVER

    def next_timer_cycle(self):
        """The cycle at which the next armed timer fires, or None."""
        cdef uint64_t c = next_timer_cycle(&self.st)
        return None if c == NEVER else c

    def skip_to_cycle(self, uint64_t cycle):
        """Idle until cycle (charged as idle time)."""
        if cycle > self.st.cycles:
            charge_cycles(&self.st, cycle - self.st.cycles, CAT_IDLE)
        self.st.next_check = 0

    def interrupt_pending(self):
        """Whether any interrupt is pending and enabled in mie (wfi's wake-up condition)."""
        return pending_interrupts(&self.st) != 0

    def run(self, uint64_t budget):
        """Run at most budget instructions; return the EXIT_* code saying why it stopped."""
        return self._run(budget)

    # ---- the interpreter loop ----
    # pc, cycles and instret live in registers; they are written back to the HartState before
    # any call that reads or charges them (slow paths, traps, CSRs) and reloaded after it.
    cdef int _run(self, uint64_t budget) except -2:
        cdef HartState* s = &self.st
        cdef uint64_t pc = s.pc, cycles = s.cycles, instret = s.instret
        cdef uint64_t limit = instret + budget
        cdef uint64_t npc = 0, a, v, addr = 0
        cdef uint64_t* x = s.x
        cdef uint32_t raw = 0
        cdef uint8_t* host
        cdef Decoded* d = s.dcache
        cdef int cause, r, kind, taken
        while True:
            if cycles >= s.next_check or instret >= limit:
                s.pc, s.cycles, s.instret = pc, cycles, instret
                if instret >= limit:
                    return EXIT_BUDGET
                r = self._check()
                pc, cycles = s.pc, s.cycles
                if r >= 0:
                    return r
                continue
            cause = -1
            if (pc >> 12) != s.fetch_vpage:
                s.cycles = cycles
                cause = mmu_fetch_page(s, pc) or -1
                cycles = s.cycles
                addr = pc
            if cause < 0:
                host = s.fetch_host + (pc & 0xFFF)
                raw = (<uint16_t*>host)[0]
                if (raw & 3) != 3:
                    npc = pc + 2             # a control (not data) dependency: predicted, not waited for
                elif (pc & 0xFFF) != 0xFFE:
                    memcpy(&raw, host, 4)
                    npc = pc + 4
                else:
                    s.cycles = cycles
                    cause = self._fetch_cross(pc, &raw) or -1
                    cycles = s.cycles
                    addr = pc + 2
                    npc = pc + 4
            if cause < 0:
                d = &s.dcache[(pc >> 1) & (DCACHE_ENTRIES - 1)]
                if d.raw != raw:
                    decode(raw, d)
                kind = d.kind
                if kind == K_ADDI: x[d.rd] = x[d.rs1] + <uint64_t>d.imm
                elif kind == K_ADD: x[d.rd] = x[d.rs1] + x[d.rs2]
                elif kind == K_LD or kind == K_LW or kind == K_LWU or kind == K_LBU or kind == K_LB or \
                        kind == K_LH or kind == K_LHU:
                    addr = x[d.rs1] + <uint64_t>d.imm
                    host = data_host(s, addr, 1 << ((kind - K_LB) & 3), 0)
                    if host != NULL:
                        x[d.rd] = load_host(host, kind - K_LB)
                    else:
                        s.cycles = cycles
                        self.fault_va = addr
                        cause = self._load_slow(addr, 1 << ((kind - K_LB) & 3), &v)
                        cycles = s.cycles
                        addr = self.fault_va
                        if cause == 0:
                            cause = -1
                            x[d.rd] = extend_load(v, kind - K_LB)
                elif kind == K_SD or kind == K_SW or kind == K_SH or kind == K_SB:
                    addr = x[d.rs1] + <uint64_t>d.imm
                    host = data_host(s, addr, 1 << (kind - K_SB), 1)
                    if host != NULL:
                        memcpy(host, &x[d.rs2], 1 << (kind - K_SB))
                    else:
                        s.cycles = cycles
                        self.fault_va = addr
                        cause = self._store_slow(addr, 1 << (kind - K_SB), x[d.rs2])
                        cycles = s.cycles
                        addr = self.fault_va
                        if cause == 0:
                            cause = -1
                elif kind == K_BEQ or kind == K_BNE or kind == K_BLT or kind == K_BGE or kind == K_BLTU or \
                        kind == K_BGEU:
                    if kind == K_BEQ: taken = x[d.rs1] == x[d.rs2]
                    elif kind == K_BNE: taken = x[d.rs1] != x[d.rs2]
                    elif kind == K_BLT: taken = <int64_t>x[d.rs1] < <int64_t>x[d.rs2]
                    elif kind == K_BGE: taken = <int64_t>x[d.rs1] >= <int64_t>x[d.rs2]
                    elif kind == K_BLTU: taken = x[d.rs1] < x[d.rs2]
                    else: taken = x[d.rs1] >= x[d.rs2]
                    if taken:
                        npc = pc + <uint64_t>d.imm
                elif kind == K_JAL:
                    x[d.rd] = npc
                    npc = pc + <uint64_t>d.imm
                elif kind == K_JALR:
                    a = (x[d.rs1] + <uint64_t>d.imm) & ~<uint64_t>1
                    x[d.rd] = npc
                    npc = a
                elif kind == K_LUI: x[d.rd] = <uint64_t>d.imm
                elif kind == K_AUIPC: x[d.rd] = pc + <uint64_t>d.imm
                elif kind == K_SLTI: x[d.rd] = <int64_t>x[d.rs1] < d.imm
                elif kind == K_SLTIU: x[d.rd] = x[d.rs1] < <uint64_t>d.imm
                elif kind == K_XORI: x[d.rd] = x[d.rs1] ^ <uint64_t>d.imm
                elif kind == K_ORI: x[d.rd] = x[d.rs1] | <uint64_t>d.imm
                elif kind == K_ANDI: x[d.rd] = x[d.rs1] & <uint64_t>d.imm
                elif kind == K_SLLI: x[d.rd] = x[d.rs1] << d.imm
                elif kind == K_SRLI: x[d.rd] = x[d.rs1] >> d.imm
                elif kind == K_SRAI: x[d.rd] = <uint64_t>(<int64_t>x[d.rs1] >> d.imm)
                elif kind == K_SUB: x[d.rd] = x[d.rs1] - x[d.rs2]
                elif kind == K_SLL: x[d.rd] = x[d.rs1] << (x[d.rs2] & 63)
                elif kind == K_SLT: x[d.rd] = <int64_t>x[d.rs1] < <int64_t>x[d.rs2]
                elif kind == K_SLTU: x[d.rd] = x[d.rs1] < x[d.rs2]
                elif kind == K_XOR: x[d.rd] = x[d.rs1] ^ x[d.rs2]
                elif kind == K_SRL: x[d.rd] = x[d.rs1] >> (x[d.rs2] & 63)
                elif kind == K_SRA: x[d.rd] = <uint64_t>(<int64_t>x[d.rs1] >> (x[d.rs2] & 63))
                elif kind == K_OR: x[d.rd] = x[d.rs1] | x[d.rs2]
                elif kind == K_AND: x[d.rd] = x[d.rs1] & x[d.rs2]
                elif kind == K_ADDIW: x[d.rd] = sext32(x[d.rs1] + <uint64_t>d.imm)
                elif kind == K_SLLIW: x[d.rd] = sext32(<uint32_t>x[d.rs1] << d.imm)
                elif kind == K_SRLIW: x[d.rd] = sext32(<uint32_t>x[d.rs1] >> d.imm)
                elif kind == K_SRAIW: x[d.rd] = <uint64_t>(<int64_t>(<int32_t>x[d.rs1] >> d.imm))
                elif kind == K_ADDW: x[d.rd] = sext32(x[d.rs1] + x[d.rs2])
                elif kind == K_SUBW: x[d.rd] = sext32(x[d.rs1] - x[d.rs2])
                elif kind == K_SLLW: x[d.rd] = sext32(<uint32_t>x[d.rs1] << (x[d.rs2] & 31))
                elif kind == K_SRLW: x[d.rd] = sext32(<uint32_t>x[d.rs1] >> (x[d.rs2] & 31))
                elif kind == K_SRAW: x[d.rd] = <uint64_t>(<int64_t>(<int32_t>x[d.rs1] >> (x[d.rs2] & 31)))
                elif kind == K_MUL or kind == K_MULH or kind == K_MULHSU or kind == K_MULHU or kind == K_DIV or \
                        kind == K_DIVU or kind == K_REM or kind == K_REMU:
                    x[d.rd] = muldiv(kind - K_MUL, x[d.rs1], x[d.rs2])
                elif kind == K_MULW or kind == K_DIVW or kind == K_DIVUW or kind == K_REMW or kind == K_REMUW:
                    x[d.rd] = muldivw(0 if kind == K_MULW else kind - K_DIVW + 4, x[d.rs1], x[d.rs2])
                elif kind == K_FENCE:
                    pass
                elif kind == K_AMO:
                    addr = x[d.rs1]
                    s.cycles = cycles
                    cause = self._amo(<uint32_t>d.imm)
                    cycles = s.cycles
                elif kind == K_SYSTEM:
                    s.pc, s.cycles, s.instret = pc, cycles, instret
                    cause = self._system(<uint32_t>d.imm, npc)
                    cycles, instret = s.cycles, s.instret
                    if cause == RET_JUMPED:
                        npc = s.pc
                        cause = -1
                    elif cause == RET_IDLE:
                        s.pc, s.cycles, s.instret = npc, cycles + s.cpi[d.cls], instret + 1
                        return EXIT_WFI_IDLE
                    elif cause == RET_VMEXIT:
                        return EXIT_VMEXIT
                else:
                    cause = EXC_ILLEGAL
            if cause >= 0:
                s.pc, s.cycles, s.instret = pc, cycles, instret
                r = self._exception(cause, trap_value(cause, raw, addr))
                pc, cycles = s.pc, s.cycles
                if r >= 0:
                    return r
                continue
            pc = npc
            instret += 1
            cycles += s.cpi[d.cls]

    # Slow check between instructions: stop requests, timers, interrupts. Returns an EXIT_*
    # code to leave run(), or -1 to continue.
    cdef int _check(self) except -2:
        cdef HartState* s = &self.st
        cdef int r
        if s.vmcs.suppress:
            return EXIT_BUDGET                # the hvm VMM's single step ends at a trap
        if s.stop_requested:
            r = s.stop_requested
            s.stop_requested = 0
            return r
        if s.vmcs.nonroot and s.cycles >= s.vmcs.preempt_at:
            s.vmcs.preempt_at = NEVER
            return vmx_exit(s, VMX_PREEMPT, 0)
        timer_update(s)
        r = take_pending_interrupt(s)
        return -1 if r <= 0 else r

    # Raise exception cause with trap value tval. Returns an EXIT_* code or -1.
    cdef int _exception(self, int cause, uint64_t tval) noexcept:
        cdef int r = take_trap(&self.st, cause, tval, 0)
        return r if r > 0 else -1

    # Fetch a 32-bit instruction whose upper half lies on the next page.
    cdef int _fetch_cross(self, uint64_t pc, uint32_t* insn) noexcept:
        cdef HartState* s = &self.st
        cdef uint16_t lo = (<uint16_t*>(s.fetch_host + 0xFFE))[0]
        cdef int cause = mmu_fetch_page(s, pc + 2)
        if cause:
            return cause
        insn[0] = lo | (<uint32_t>(<uint16_t*>s.fetch_host)[0] << 16)
        s.fetch_vpage = NEVER      # the buffer now holds the next page; refill for pc's page
        return 0

    # Load from physical address pa (RAM or MMIO). Returns 0 or an access-fault cause.
    cdef int _phys_read(self, uint64_t pa, int size, uint64_t* value, int cause) except -2:
        cdef HartState* s = &self.st
        if pa - s.ram_base < s.ram_size and pa + size - s.ram_base <= s.ram_size:
            value[0] = 0
            memcpy(value, s.ram + (pa - s.ram_base), size)
            return 0
        if pa & (size - 1):
            return cause                      # misaligned device access
        if s.vmcs.nonroot and vmx_mmio_exits(s, self.bus.find(pa, size), pa):
            return EXC_GUEST_LOAD
        if self.bus.mmio_read(pa, size, value) < 0:
            return cause
        charge(s, EV_DEVICE, CAT_DEVICE)
        return 0

    cdef int _phys_write(self, uint64_t pa, int size, uint64_t value, int cause) except -2:
        cdef HartState* s = &self.st
        if pa - s.ram_base < s.ram_size and pa + size - s.ram_base <= s.ram_size:
            memcpy(s.ram + (pa - s.ram_base), &value, size)
            dirty_write(s, pa, size)
            if pa <= s.tohost_addr < pa + size:
                self._tohost_written()
            return 0
        if pa & (size - 1):
            return cause
        if s.vmcs.nonroot and vmx_mmio_exits(s, self.bus.find(pa, size), pa):
            return EXC_GUEST_STORE
        if self.bus.mmio_write(pa, size, value) < 0:
            return cause
        charge(s, EV_DEVICE, CAT_DEVICE)
        return 0

    # Load that the fast path could not serve: translation miss, MMIO, or a page-crossing
    # misaligned access (done byte by byte after translating both pages). Returns 0 or a cause;
    # a fault on the second page sets fault_va to that page's part of the access (the tval).
    cdef int _load_slow(self, uint64_t va, int size, uint64_t* value) except -2:
        cdef HartState* s = &self.st
        cdef uint64_t pa, pa2, byte
        cdef int cause, i, first
        first = 0x1000 - (va & 0xFFF)
        cause = mmu_translate(s, va, ACC_READ, &pa, min(first, size))
        if cause:
            return cause
        if first >= size:
            return self._phys_read(pa, size, value, EXC_LOAD_ACCESS)
        cause = mmu_translate(s, va + first, ACC_READ, &pa2, size - first)
        if cause:
            self.fault_va = va + first
            return cause
        value[0] = 0
        for i in range(size):
            cause = self._phys_read(pa + i if i < first else pa2 + (i - first), 1, &byte, EXC_LOAD_ACCESS)
            if cause:
                self.fault_va = va + i
                return cause
            value[0] |= byte << (8 * i)
        return 0

    cdef int _store_slow(self, uint64_t va, int size, uint64_t value) except -2:
        cdef HartState* s = &self.st
        cdef uint64_t pa, pa2
        cdef int cause, i, first
        first = 0x1000 - (va & 0xFFF)
        cause = mmu_translate(s, va, ACC_WRITE, &pa, min(first, size))
        if cause:
            return cause
        if first >= size:
            return self._phys_write(pa, size, value, EXC_STORE_ACCESS)
        cause = mmu_translate(s, va + first, ACC_WRITE, &pa2, size - first)
        if cause:
            self.fault_va = va + first
            return cause
        if pa - s.ram_base >= s.ram_size or pa2 - s.ram_base >= s.ram_size:
            # a page-crossing store must not half-complete; tval is the part that cannot be stored
            self.fault_va = va if pa - s.ram_base >= s.ram_size else va + first
            return EXC_STORE_ACCESS
        for i in range(size):
            self._phys_write(pa + i if i < first else pa2 + (i - first), 1, (value >> (8 * i)) & 0xFF,
                             EXC_STORE_ACCESS)
        return 0

    # HTIF: a non-zero tohost ends the run (exit status value >> 1), except the console
    # putchar command (device 1, command 1), which prints and acknowledges.
    cdef void _tohost_written(self) except *:
        cdef HartState* s = &self.st
        cdef uint64_t v = 0
        memcpy(&v, s.ram + (s.tohost_addr - s.ram_base), 8)
        if v == 0:
            return
        if (v >> 48) == 0x0101 and self.console_write is not None:
            self.console_write(bytes([v & 0xFF]))
            v = 0
            memcpy(s.ram + (s.tohost_addr - s.ram_base), &v, 8)
            return
        s.tohost_value = v
        s.stop_requested = EXIT_TOHOST
        s.next_check = 0

    # A extension: lr/sc and the AMOs (aligned only; device memory does not support them).
    # Returns -1 when retired, else the exception cause.
    cdef int _amo(self, uint32_t insn) except -2:
        cdef HartState* s = &self.st
        cdef uint32_t f3 = (insn >> 12) & 7, f5 = insn >> 27
        cdef uint32_t rd = (insn >> 7) & 31
        cdef uint64_t va = s.x[(insn >> 15) & 31], src = s.x[(insn >> 20) & 31], pa, old = 0, new
        cdef int size = 4 if f3 == 2 else 8
        cdef int cause
        cdef uint8_t* p
        if (f3 != 2 and f3 != 3) or (f5 == 2 and ((insn >> 20) & 31) != 0) or \
                f5 not in (0, 1, 2, 3, 4, 8, 0xC, 0x10, 0x14, 0x18, 0x1C):
            return EXC_ILLEGAL
        if va & (size - 1):
            return EXC_LOAD_MISALIGNED if f5 == 2 else EXC_STORE_MISALIGNED
        cause = mmu_translate(s, va, ACC_READ if f5 == 2 else ACC_WRITE, &pa, size)
        if cause:
            return cause
        if pa - s.ram_base >= s.ram_size:
            return EXC_LOAD_ACCESS if f5 == 2 else EXC_STORE_ACCESS
        p = s.ram + (pa - s.ram_base)
        if f5 == 3:                                          # sc
            if s.reservation_valid and s.reservation == pa:
                memcpy(p, &src, size)
                dirty_write(s, pa, size)
                old = 0
                if pa <= s.tohost_addr < pa + size:
                    self._tohost_written()
            else:
                old = 1
            s.reservation_valid = 0
            if rd:
                s.x[rd] = old
            return -1
        memcpy(&old, p, size)
        if size == 4:
            old = sext32(old)
        if f5 == 2:                                          # lr
            s.reservation = pa
            s.reservation_valid = 1
            if rd:
                s.x[rd] = old
            return -1
        new = amo_compute(f5, size, old, src)
        memcpy(p, &new, size)
        dirty_write(s, pa, size)
        if pa <= s.tohost_addr < pa + size:
            self._tohost_written()
        if rd:
            s.x[rd] = old
        return -1

    # SYSTEM opcode: CSR instructions, ecall, ebreak, mret, sret, wfi, sfence.vma.
    # Returns RET_NEXT, RET_JUMPED, RET_IDLE or an exception cause.
    cdef int _system(self, uint32_t insn, uint64_t next_pc) except -2:
        cdef HartState* s = &self.st
        cdef uint32_t f3 = (insn >> 12) & 7, rd = (insn >> 7) & 31, rs1 = (insn >> 15) & 31
        cdef uint32_t rs2 = (insn >> 20) & 31
        cdef uint64_t result
        cdef int cause
        if s.vmcs.nonroot and vmx_system_exits(s, insn):
            return RET_VMEXIT
        if f3 != 0:
            if f3 == 4:
                return EXC_ILLEGAL
            cause = csr_insn(s, insn, &result)
            if cause:
                return cause
            if rd:
                s.x[rd] = result
            return RET_NEXT
        if (insn >> 25) == 0x09 and rd == 0:                  # sfence.vma
            if s.priv == PRV_U or (s.priv == PRV_S and (s.mstatus & MSTATUS_TVM)):
                return EXC_ILLEGAL
            tlb_flush(s, rs1 != 0, s.x[rs1], rs2 != 0, s.x[rs2])
            return RET_NEXT
        if rd != 0 or rs1 != 0:
            return EXC_ILLEGAL
        if insn == 0x00000073:
            return EXC_ECALL_U + s.priv
        if insn == 0x00100073:
            return EXC_BREAKPOINT
        if insn == 0x30200073:                               # mret
            if s.priv != PRV_M:
                return EXC_ILLEGAL
            do_mret(s)
            return RET_JUMPED
        if insn == 0x10200073:                               # sret
            if s.priv == PRV_U or (s.priv == PRV_S and (s.mstatus & MSTATUS_TSR)):
                return EXC_ILLEGAL
            do_sret(s)
            return RET_JUMPED
        if insn == 0x10500073:                               # wfi
            if s.priv == PRV_U or (s.priv == PRV_S and (s.mstatus & MSTATUS_TW)):
                return EXC_ILLEGAL
            return self._wfi()
        return EXC_ILLEGAL

    # wfi: a no-op when an interrupt is pending in mie; otherwise the hart idles until the next
    # timer deadline (simulated time jumps there), or reports that only the outside can wake it.
    cdef int _wfi(self) noexcept:
        cdef HartState* s = &self.st
        cdef uint64_t deadline
        if pending_interrupts(s):
            return RET_NEXT
        deadline = next_timer_cycle(s)
        if deadline == NEVER:
            return RET_IDLE
        if deadline > s.cycles:
            charge_cycles(s, deadline - s.cycles, CAT_IDLE)
        s.next_check = 0
        return RET_NEXT

    # ---- statistics and serializable state ----
    def stats(self):
        """Counters of this hart: instructions by privilege, cycles by category, traps, TLB."""
        cdef HartState* s = &self.st
        account_segment(s)
        return {
            "instructions": {"total": s.instret, "user": s.insn_by_priv[PRV_U],
                             "supervisor": s.insn_by_priv[PRV_S], "machine": s.insn_by_priv[PRV_M]},
            "cycles": {"total": s.cycles,
                       "by_category": {name: s.cat_cycles[i] for i, name in enumerate(CATEGORY_NAMES) if name}},
            "traps": {"exceptions": {EXCEPTION_NAMES[i]: s.exc_count[i] for i in range(16) if s.exc_count[i]},
                      "interrupts": {INTERRUPT_NAMES[i]: s.irq_count[i] for i in range(16) if s.irq_count[i]}},
            "tlb": {"entries": (s.tlb_set_mask + 1) * s.tlb_ways, "ways": s.tlb_ways, "hits": s.tlb_hits,
                    "misses": s.tlb_misses, "walk_refs": s.walk_refs, "flushes": s.tlb_flushes},
        }

    def get_state(self):
        """Architectural, timer, TLB and accounting state as plain data (RAM is the Bus's)."""
        return state_of(&self.st)

    def set_state(self, st):
        """Restore what get_state() returned (same TLB geometry)."""
        load_state(&self.st, st)


# A HartState's architectural, timer, TLB and accounting state as plain data (Hart.get_state;
# the trap VMM's virtual hart uses it too).
cdef dict state_of(HartState* s):
    account_segment(s)
    st = scalars_of(s)
    st["x"] = [s.x[i] for i in range(32)]
    st["pmpcfg"] = [s.pmpcfg[i] for i in range(16)]
    st["pmpaddr"] = [s.pmpaddr[i] for i in range(64)]
    st["cat_cycles"] = [s.cat_cycles[i] for i in range(NUM_CAT)]
    st["insn_by_priv"] = [s.insn_by_priv[i] for i in range(4)]
    st["exc_count"] = [s.exc_count[i] for i in range(16)]
    st["irq_count"] = [s.irq_count[i] for i in range(16)]
    st["tlb"] = [(s.tlb[i].vpn, s.tlb[i].ppn, s.tlb[i].asid, s.tlb[i].flags, s.tlb[i].level,
                  s.tlb[i].pmp_split) for i in range((s.tlb_set_mask + 1) * s.tlb_ways)]
    st["tlb_victim"] = [s.tlb_victim[i] for i in range(s.tlb_set_mask + 1)]
    # the fetch page buffer (a micro-TLB): its virtual page and RAM offset
    st["fetch_page"] = None if s.fetch_vpage == NEVER else (s.fetch_vpage, <uint64_t>(s.fetch_host - s.ram))
    return st


# Restore what state_of() returned into s (same TLB geometry); ValueError if it does not fit.
cdef void load_state(HartState* s, st) except *:
    cdef uint64_t pa, vpn, ppn
    restore_scalars(s, st)
    for i in range(32): s.x[i] = st["x"][i]
    for i in range(16): s.pmpcfg[i] = st["pmpcfg"][i]
    for i in range(64): s.pmpaddr[i] = st["pmpaddr"][i]
    for i in range(NUM_CAT): s.cat_cycles[i] = st["cat_cycles"][i]
    for i in range(4): s.insn_by_priv[i] = st["insn_by_priv"][i]
    for i in range(16): s.exc_count[i] = st["exc_count"][i]
    for i in range(16): s.irq_count[i] = st["irq_count"][i]
    if len(st["tlb"]) != (s.tlb_set_mask + 1) * s.tlb_ways:
        raise ValueError("TLB geometry differs from the saved state")
    for i, (vpn, ppn, asid, flags, level, split) in enumerate(st["tlb"]):
        s.tlb[i].vpn, s.tlb[i].ppn, s.tlb[i].asid, s.tlb[i].flags, s.tlb[i].level = vpn, ppn, asid, flags, level
        pa = ppn << 12
        s.tlb[i].pmp_split = 1 if split else 0
        s.tlb[i].direct = tlb_grant(s, ppn, s.tlb[i].pmp_split)
        s.tlb[i].addend = <int64_t>(s.ram + (pa - s.ram_base)) - <int64_t>(vpn << 12)
    for i in range(s.tlb_set_mask + 1): s.tlb_victim[i] = st["tlb_victim"][i]
    s.seg_exec_mark = s.cycles - s.event_cycles
    s.seg_instret_mark = s.instret
    mmu_update_mode(s)
    if st["fetch_page"] is not None:
        vpage, offset = st["fetch_page"]
        if offset % 4096 or not 0 <= offset < s.ram_size:
            raise ValueError("fetch page outside RAM in the saved state")
        s.fetch_vpage = vpage
        s.fetch_host = s.ram + <uint64_t>offset
    s.next_check = 0


EXCEPTION_NAMES = ("insn_misaligned", "insn_access", "illegal_insn", "breakpoint", "load_misaligned",
                   "load_access", "store_misaligned", "store_access", "ecall_u", "ecall_s", "reserved10",
                   "ecall_m", "insn_page_fault", "load_page_fault", "reserved14", "store_page_fault")
INTERRUPT_NAMES = ("irq0", "ssi", "irq2", "msi", "irq4", "sti", "irq6", "mti", "irq8", "sei", "irq10", "mei",
                   "irq12", "irq13", "irq14", "irq15")
# The scalar fields of HartState as a dict, and back (snapshots; pointers are not state).
cdef dict scalars_of(HartState* s):
    return {
        "pc": s.pc,
        "priv": s.priv,
        "mstatus": s.mstatus,
        "medeleg": s.medeleg,
        "mideleg": s.mideleg,
        "mie": s.mie,
        "mip": s.mip,
        "mip_lines": s.mip_lines,
        "mtvec": s.mtvec,
        "mscratch": s.mscratch,
        "mepc": s.mepc,
        "mcause": s.mcause,
        "mtval": s.mtval,
        "mcounteren": s.mcounteren,
        "menvcfg": s.menvcfg,
        "stvec": s.stvec,
        "sscratch": s.sscratch,
        "sepc": s.sepc,
        "scause": s.scause,
        "stval": s.stval,
        "satp": s.satp,
        "scounteren": s.scounteren,
        "senvcfg": s.senvcfg,
        "stimecmp": s.stimecmp,
        "mtimecmp": s.mtimecmp,
        "cycles": s.cycles,
        "instret": s.instret,
        "mcycle_offset": s.mcycle_offset,
        "minstret_offset": s.minstret_offset,
        "reservation": s.reservation,
        "reservation_valid": s.reservation_valid,
        "tohost_addr": s.tohost_addr,
        "watch_page": s.watch_page,
        "tlb_hits": s.tlb_hits,
        "tlb_misses": s.tlb_misses,
        "tlb_flushes": s.tlb_flushes,
        "walk_refs": s.walk_refs,
        "event_cycles": s.event_cycles,
        "last_trap_instret": s.last_trap_instret,
        "trap_repeat": s.trap_repeat,
        "firmware_owns_m": s.firmware_owns_m,
    }


cdef void restore_scalars(HartState* s, dict d) except *:
    s.pc = d["pc"]
    s.priv = d["priv"]
    s.mstatus = d["mstatus"]
    s.medeleg = d["medeleg"]
    s.mideleg = d["mideleg"]
    s.mie = d["mie"]
    s.mip = d["mip"]
    s.mip_lines = d["mip_lines"]
    s.mtvec = d["mtvec"]
    s.mscratch = d["mscratch"]
    s.mepc = d["mepc"]
    s.mcause = d["mcause"]
    s.mtval = d["mtval"]
    s.mcounteren = d["mcounteren"]
    s.menvcfg = d["menvcfg"]
    s.stvec = d["stvec"]
    s.sscratch = d["sscratch"]
    s.sepc = d["sepc"]
    s.scause = d["scause"]
    s.stval = d["stval"]
    s.satp = d["satp"]
    s.scounteren = d["scounteren"]
    s.senvcfg = d["senvcfg"]
    s.stimecmp = d["stimecmp"]
    s.mtimecmp = d["mtimecmp"]
    s.cycles = d["cycles"]
    s.instret = d["instret"]
    s.mcycle_offset = d["mcycle_offset"]
    s.minstret_offset = d["minstret_offset"]
    s.reservation = d["reservation"]
    s.reservation_valid = d["reservation_valid"]
    s.tohost_addr = d["tohost_addr"]
    s.watch_page = d["watch_page"]
    s.tlb_hits = d["tlb_hits"]
    s.tlb_misses = d["tlb_misses"]
    s.tlb_flushes = d["tlb_flushes"]
    s.walk_refs = d["walk_refs"]
    s.event_cycles = d["event_cycles"]
    s.last_trap_instret = d["last_trap_instret"]
    s.trap_repeat = d["trap_repeat"]
    s.firmware_owns_m = d["firmware_owns_m"]
