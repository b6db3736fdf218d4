# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
# Control and status registers (privileged spec 1.12, chapters 2, 3 and 4; Sstc; Zicntr).
# csr_insn executes csrrw/csrrs/csrrc and their immediate forms with the access rules:
# privilege level from bits 9:8 of the number, read-only from bits 11:10, TVM for satp,
# mcounteren/scounteren for the user counters, menvcfg.STCE for stimecmp.
from libc.stdint cimport uint32_t, uint64_t
from pyvirt.machine.state cimport *
from pyvirt.machine.mmu cimport mmu_update_mode, tlb_flush
from pyvirt.machine.pmp cimport pmp_csr_read, pmp_csr_write
from pyvirt.machine.trap cimport mtime

cdef uint64_t MSTATUS_WRITABLE = 0x7E19AA   # SIE MIE SPIE MPIE SPP MPP MPRV SUM MXR TVM TW TSR
cdef uint64_t SSTATUS_READABLE = 0x80000003000DE762
cdef uint64_t SSTATUS_WRITABLE = 0xC0122       # SIE SPIE SPP SUM MXR
cdef uint64_t MSTATUS_XLEN = (<uint64_t>2 << 32) | (<uint64_t>2 << 34)   # UXL = SXL = 64
cdef uint64_t MEDELEG_WRITABLE = 0xB3FF
cdef uint64_t S_INTERRUPTS = 0x222              # SSI STI SEI
cdef uint64_t ALL_INTERRUPTS = 0xAAA
cdef uint64_t MENVCFG_WRITABLE = MENVCFG_STCE | 1
cdef uint64_t MISA = (<uint64_t>2 << 62) | (1 << 0) | (1 << 2) | (1 << 8) | (1 << 12) | (1 << 18) | (1 << 20)


cdef void csr_reset(HartState* s) noexcept nogil:
    s.mstatus = MSTATUS_XLEN


# Whether the current privilege may access counter CSR num (0xC00..0xC1F) or stimecmp.
cdef int _counter_allowed(HartState* s, int bit) noexcept nogil:
    if s.priv < PRV_M and not ((s.mcounteren >> bit) & 1):
        return 0
    if s.priv < PRV_S and not ((s.scounteren >> bit) & 1):
        return 0
    return 1


# Access checks beyond the number's privilege/read-only bits.
cdef int _allowed(HartState* s, int num) noexcept nogil:
    if 0xC00 <= num <= 0xC1F:
        return _counter_allowed(s, num - 0xC00)
    if num == 0x14D and s.priv < PRV_M:
        return (s.menvcfg & MENVCFG_STCE) != 0 and (s.mcounteren & 2) != 0
    if num == 0x180 and s.priv == PRV_S:
        return not (s.mstatus & MSTATUS_TVM)
    return 1


# Raw read without privilege checks. Returns 0, or -1 if no such CSR exists.
cdef int csr_read(HartState* s, int num, uint64_t* value) noexcept nogil:
    cdef uint64_t v = 0
    if num == 0x300: v = s.mstatus
    elif num == 0x301: v = MISA
    elif num == 0x302: v = s.medeleg
    elif num == 0x303: v = s.mideleg
    elif num == 0x304: v = s.mie
    elif num == 0x305: v = s.mtvec
    elif num == 0x306: v = s.mcounteren
    elif num == 0x30A: v = s.menvcfg
    elif num == 0x340: v = s.mscratch
    elif num == 0x341: v = s.mepc
    elif num == 0x342: v = s.mcause
    elif num == 0x343: v = s.mtval
    elif num == 0x344: v = s.mip | s.mip_lines
    elif num == 0x100: v = s.mstatus & SSTATUS_READABLE
    elif num == 0x104: v = s.mie & s.mideleg
    elif num == 0x105: v = s.stvec
    elif num == 0x106: v = s.scounteren
    elif num == 0x10A: v = s.senvcfg
    elif num == 0x140: v = s.sscratch
    elif num == 0x141: v = s.sepc
    elif num == 0x142: v = s.scause
    elif num == 0x143: v = s.stval
    elif num == 0x144: v = (s.mip | s.mip_lines) & s.mideleg
    elif num == 0x14D: v = s.stimecmp
    elif num == 0x180: v = s.satp
    elif num == 0xB00 or num == 0xC00: v = s.cycles + s.mcycle_offset
    elif num == 0xB02 or num == 0xC02: v = s.instret + s.minstret_offset
    elif num == 0xC01: v = mtime(s)
    elif 0xB03 <= num <= 0xB1F or 0xC03 <= num <= 0xC1F or num == 0x320 or 0x323 <= num <= 0x33F: v = 0
    elif 0xF11 <= num <= 0xF15: v = 0   # mvendorid marchid mimpid mhartid mconfigptr
    elif 0x3A0 <= num <= 0x3EF:
        if pmp_csr_read(s, num, &v) < 0:
            return -1
    else:
        return -1
    value[0] = v
    return 0


cdef void _write_mstatus(HartState* s, uint64_t v) noexcept nogil:
    cdef uint64_t old_mpp = s.mstatus & (3 << 11)
    s.mstatus = (s.mstatus & ~MSTATUS_WRITABLE) | (v & MSTATUS_WRITABLE) | MSTATUS_XLEN
    if ((s.mstatus >> 11) & 3) == 2:                 # MPP = 2 (H) is not a legal value
        s.mstatus = (s.mstatus & ~(<uint64_t>3 << 11)) | old_mpp
    mmu_update_mode(s)
    s.next_check = 0


# Raw write with WARL legalization and side effects, without privilege checks.
# Returns 0, or -1 if no such CSR exists.
cdef int csr_write(HartState* s, int num, uint64_t v) noexcept nogil:
    if num == 0x300: _write_mstatus(s, v)
    elif num == 0x302: s.medeleg = v & MEDELEG_WRITABLE
    elif num == 0x303:
        s.mideleg = v & S_INTERRUPTS
        s.next_check = 0
    elif num == 0x304:
        s.mie = v & ALL_INTERRUPTS
        s.next_check = 0
    elif num == 0x305 or num == 0x105:
        if (v & 3) < 2:
            if num == 0x305: s.mtvec = v
            else: s.stvec = v
    elif num == 0x306: s.mcounteren = v & <uint64_t>0xFFFFFFFF
    elif num == 0x30A:
        s.menvcfg = v & MENVCFG_WRITABLE
        s.next_check = 0
    elif num == 0x340: s.mscratch = v
    elif num == 0x341: s.mepc = v & ~<uint64_t>1
    elif num == 0x342: s.mcause = v
    elif num == 0x343: s.mtval = v
    elif num == 0x344:
        _write_mip(s, v, S_INTERRUPTS & ~((1 << IRQ_STI) if s.menvcfg & MENVCFG_STCE else 0))
    elif num == 0x100:
        _write_mstatus(s, (s.mstatus & ~SSTATUS_WRITABLE) | (v & SSTATUS_WRITABLE))
    elif num == 0x104:
        s.mie = (s.mie & ~s.mideleg) | (v & s.mideleg & S_INTERRUPTS)
        s.next_check = 0
    elif num == 0x106: s.scounteren = v & <uint64_t>0xFFFFFFFF
    elif num == 0x10A: s.senvcfg = v & 1
    elif num == 0x140: s.sscratch = v
    elif num == 0x141: s.sepc = v & ~<uint64_t>1
    elif num == 0x142: s.scause = v
    elif num == 0x143: s.stval = v
    elif num == 0x144: _write_mip(s, v, s.mideleg & (1 << IRQ_SSI))
    elif num == 0x14D:
        s.stimecmp = v
        s.next_check = 0
    elif num == 0x180:
        if (v >> 60) == 0 or (v >> 60) == 8:   # other modes: the whole write has no effect
            s.satp = v & ((<uint64_t>0xF << 60) | (<uint64_t>0xFFFF << 44) | ((<uint64_t>1 << 44) - 1))
            mmu_update_mode(s)
    elif num == 0xB00: s.mcycle_offset = v - s.cycles
    elif num == 0xB02: s.minstret_offset = v - s.instret
    elif 0x3A0 <= num <= 0x3EF:
        if pmp_csr_write(s, num, v) < 0:
            return -1
        tlb_flush(s, 0, 0, 0, 0)           # translations cached under the old PMP re-check
        mmu_update_mode(s)
    else:
        return csr_read(s, num, &v)   # existing read-only-zero counters ignore writes
    return 0


cdef void _write_mip(HartState* s, uint64_t v, uint64_t mask) noexcept nogil:
    s.mip = (s.mip & ~mask) | (v & mask)
    s.next_check = 0


# Execute a Zicsr instruction: returns 0 and the old value for rd, or EXC_ILLEGAL.
cdef int csr_insn(HartState* s, uint32_t insn, uint64_t* result) noexcept nogil:
    cdef int num = insn >> 20
    cdef int f3 = (insn >> 12) & 7
    cdef uint32_t src = (insn >> 15) & 31
    cdef uint64_t operand = src if f3 >= 5 else s.x[src]
    cdef int writes = f3 == 1 or f3 == 5 or src != 0
    cdef uint64_t old = 0, new
    if s.priv < ((num >> 8) & 3) or not _allowed(s, num):
        return EXC_ILLEGAL
    if writes and (num >> 10) == 3:
        return EXC_ILLEGAL
    if csr_read(s, num, &old) < 0:
        return EXC_ILLEGAL
    if writes:
        if f3 & 3 == 1:
            new = operand
        elif f3 & 3 == 2:
            new = old | operand
        else:
            new = old & ~operand
        csr_write(s, num, new)
        # the value written to mcycle/minstret is what the next instruction reads: it
        # replaces the writing instruction's own increment
        if num == 0xB00:
            s.mcycle_offset -= s.cpi[CLS_CSR]
        elif num == 0xB02:
            s.minstret_offset -= 1
    result[0] = old
    return 0
