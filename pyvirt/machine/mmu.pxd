# Sv39 translation: the TLB fast path (inline, used by the hart loop) and the slow path
# (page walk, A/D update, TLB fill) in mmu.pyx.
from libc.stdint cimport uint8_t, uint32_t, uint64_t, int64_t
from pyvirt.machine.state cimport HartState, TlbEntry, NO_PAGE

cdef enum:
    PTE_V = 1
    PTE_R = 2
    PTE_W = 4
    PTE_X = 8
    PTE_U = 16
    PTE_G = 32
    PTE_A = 64
    PTE_D = 128

# TlbEntry.direct and HartState.data_bare_direct: which accesses the fast path may serve. While
# the dirty log is on, a page gets DIRECT_WRITE only once it is marked dirty (write-protection
# dirty logging, as KVM's), so the first store to a clean page takes the slow path and marks it.
cdef enum:
    DIRECT_READ = 1
    DIRECT_WRITE = 2

# Host address of guest virtual address va for an access allowed by perm (a perm_* row) and
# the entry's DIRECT_* grant need, or NULL when the fast path cannot serve it (TLB miss,
# permission or dirty-bit update needed, MMIO, watched or not yet logged page). The caller
# guarantees [va, va+size) does not cross a page.
cdef inline uint8_t* tlb_host(HartState* s, uint64_t va, const uint8_t* perm, uint8_t need) noexcept nogil:
    cdef uint64_t vpn = va >> 12
    cdef TlbEntry* e = s.tlb + (vpn & s.tlb_set_mask) * s.tlb_ways
    cdef uint32_t w
    for w in range(s.tlb_ways):
        if e[w].vpn == vpn and (e[w].asid == s.asid or (e[w].flags & PTE_G)):
            if (e[w].direct & need) and perm[e[w].flags]:
                s.tlb_hits += 1
                return <uint8_t*>(<int64_t>va + e[w].addend)
            return NULL
    return NULL

# Host address for a data access of size bytes at va (translated or bare), or NULL for the slow path.
cdef inline uint8_t* data_host(HartState* s, uint64_t va, uint64_t size, int write) noexcept nogil:
    cdef uint64_t off
    if (va & 0xFFF) > 0x1000 - size:
        return NULL
    if not s.data_translates:
        off = va - s.ram_base
        if (s.data_bare_direct & (DIRECT_WRITE if write else DIRECT_READ)) and off < s.ram_size and \
                not (write and (va >> 12) == s.watch_page):
            return s.ram + off
        return NULL
    return tlb_host(s, va, s.perm_write if write else s.perm_read, DIRECT_WRITE if write else DIRECT_READ)

cdef int mmu_translate(HartState* s, uint64_t va, int acc, uint64_t* pa, uint64_t size) noexcept nogil
cdef int mmu_fetch_page(HartState* s, uint64_t pc) noexcept nogil
cdef void mmu_update_mode(HartState* s) noexcept nogil
cdef void tlb_flush(HartState* s, int by_va, uint64_t va, int by_asid, uint64_t asid) noexcept nogil
cdef int tlb_alloc(HartState* s, uint32_t entries, uint32_t ways) noexcept nogil
cdef uint8_t tlb_grant(HartState* s, uint64_t page, int pmp_split) noexcept nogil
cdef void dirty_write(HartState* s, uint64_t pa, uint64_t n) noexcept nogil
cdef void dirty_revoke(HartState* s) noexcept nogil
