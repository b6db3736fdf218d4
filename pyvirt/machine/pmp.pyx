# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
# Physical memory protection (privileged spec 1.12, section 3.7): 16 implemented entries
# (pmpcfg0, pmpcfg2, pmpaddr0-15; the other PMP CSRs read zero), TOR / NA4 / NAPOT matching,
# the lowest-numbered matching entry decides, locked entries bind M-mode, and an S/U access no
# entry matches fails. Checked on translation (TLB fill, page-walk references, bare S/U
# accesses, instruction pages); a PMP write flushes the TLB so cached translations re-check.
from libc.stdint cimport uint64_t
from pyvirt.machine.state cimport *
from pyvirt.machine.mmu cimport mmu_update_mode, tlb_flush

cdef enum:
    PMP_ENTRIES = 16
    CFG_L = 0x80
    A_OFF = 0
    A_TOR = 1
    A_NA4 = 2
    A_NAPOT = 3

cdef uint64_t ADDR_MASK = (<uint64_t>1 << 54) - 1


cdef inline int _cfg(HartState* s, int i) noexcept nogil:
    return (s.pmpcfg[(i // 8) * 2] >> (8 * (i % 8))) & 0xFF


# The byte range [lo, hi) entry i covers; returns 0 when the entry is off or empty.
cdef int _range(HartState* s, int i, uint64_t* lo, uint64_t* hi) noexcept nogil:
    cdef int a = (_cfg(s, i) >> 3) & 3
    cdef uint64_t addr = s.pmpaddr[i], ones
    if a == A_OFF:
        return 0
    if a == A_TOR:
        lo[0] = s.pmpaddr[i - 1] << 2 if i > 0 else 0
        hi[0] = addr << 2
    elif a == A_NA4:
        lo[0] = addr << 2
        hi[0] = lo[0] + 4
    else:
        ones = (addr ^ (addr + 1)) >> 1           # the trailing one bits of pmpaddr
        lo[0] = (addr & ~ones) << 2
        hi[0] = lo[0] + ((ones + 1) << 3) if ones != ADDR_MASK else <uint64_t>1 << 56
    return lo[0] < hi[0]


# Whether an access of size bytes at physical pa is allowed for privilege priv.
cdef int pmp_check(HartState* s, uint64_t pa, uint64_t size, int acc, int priv) noexcept nogil:
    cdef uint64_t lo, hi
    cdef int i, cfg
    for i in range(PMP_ENTRIES):
        if not _range(s, i, &lo, &hi) or pa + size <= lo or pa >= hi:
            continue
        if pa < lo or pa + size > hi:
            return 0                               # the matching entry must cover every byte
        cfg = _cfg(s, i)
        if priv == PRV_M and not (cfg & CFG_L):
            return 1
        return (cfg >> acc) & 1                    # R, W, X are bits 0, 1, 2 like ACC_*
    return priv == PRV_M


# The R/W/X permissions (bits 0-2) that hold for every byte of the 4 KiB page at page_pa, or -1
# when entries split the page (its accesses must then be checked one by one).
cdef int pmp_page_perms(HartState* s, uint64_t page_pa, int priv) noexcept nogil:
    cdef uint64_t lo, hi, end = page_pa + 0x1000
    cdef int i, cfg
    for i in range(PMP_ENTRIES):
        if not _range(s, i, &lo, &hi) or end <= lo or page_pa >= hi:
            continue
        if page_pa < lo or end > hi:
            return -1
        cfg = _cfg(s, i)
        return 7 if (priv == PRV_M and not (cfg & CFG_L)) else cfg & 7
    return 7 if priv == PRV_M else 0


cdef int pmp_csr_read(HartState* s, int num, uint64_t* value) noexcept nogil:
    if 0x3A0 <= num <= 0x3AF:
        if num & 1:
            return -1                              # odd pmpcfg registers do not exist on RV64
        value[0] = s.pmpcfg[num - 0x3A0]
        return 0
    if 0x3B0 <= num <= 0x3EF:
        value[0] = s.pmpaddr[num - 0x3B0]
        return 0
    return -1


# Whether pmpaddr i is locked: by its own L bit, or by a locked TOR entry i + 1 using it.
cdef int _addr_locked(HartState* s, int i) noexcept nogil:
    if _cfg(s, i) & CFG_L:
        return 1
    return i + 1 < PMP_ENTRIES and (_cfg(s, i + 1) & CFG_L) and ((_cfg(s, i + 1) >> 3) & 3) == A_TOR


# Legalize one configuration byte: reserved bits 6:5 read zero, W without R is reserved.
cdef inline uint64_t _legal_cfg(uint64_t b) noexcept nogil:
    b &= 0x9F
    if (b & 2) and not (b & 1):
        b &= ~<uint64_t>2
    return b


cdef int pmp_csr_write(HartState* s, int num, uint64_t v) noexcept nogil:
    cdef int i, first
    cdef uint64_t cfg = 0, byte
    if 0x3A0 <= num <= 0x3AF:
        if num & 1:
            return -1
        first = (num - 0x3A0) * 4
        if first >= PMP_ENTRIES:
            return 0                               # entries beyond 16 are read-only zero
        for i in range(8):
            byte = _cfg(s, first + i)
            if not (byte & CFG_L):                 # a locked entry keeps its configuration
                byte = _legal_cfg((v >> (8 * i)) & 0xFF)
            cfg |= byte << (8 * i)
        s.pmpcfg[num - 0x3A0] = cfg
    elif 0x3B0 <= num <= 0x3EF:
        i = num - 0x3B0
        if i < PMP_ENTRIES and not _addr_locked(s, i):
            s.pmpaddr[i] = v & ADDR_MASK
    else:
        return -1
    return 0


# Whether any entry is locked (then M-mode accesses are checked too).
cdef int pmp_any_locked(HartState* s) noexcept nogil:
    cdef int i
    for i in range(PMP_ENTRIES):
        if _cfg(s, i) & CFG_L:
            return 1
    return 0


# Whether an active entry has a boundary inside a 4 KiB page (so a page may be split).
cdef int pmp_has_fine_entries(HartState* s) noexcept nogil:
    cdef uint64_t lo, hi
    cdef int i
    for i in range(PMP_ENTRIES):
        if _range(s, i, &lo, &hi) and ((lo | hi) & 0xFFF):
            return 1
    return 0
