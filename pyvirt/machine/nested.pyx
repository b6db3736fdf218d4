# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
# The second stage of nested paging (hvm): an Sv39x4-style walk of the tables the VMM built
# in its private pool (privileged spec 1.12, section 8.5.1: a 41-bit guest-physical address,
# a 16 KiB root of 2048 entries, then two levels of 512; leaves at any level), every
# reference counted and charged, and the page-walk cache of the guest's table pages.
from libc.stdint cimport uint64_t
from libc.string cimport memcpy
from pyvirt.machine.state cimport *
from pyvirt.machine.mmu cimport PTE_V, PTE_R, PTE_X


# Translate guest-physical gpa; store the host-physical address. Returns 1, or 0 when the
# second stage does not map gpa (an EPT violation: a device, or nothing).
cdef int g_translate(HartState* s, uint64_t gpa, uint64_t* hpa) noexcept nogil:
    cdef uint64_t table = s.vmcs.ept_root, pte = 0, ppn, pte_pa
    cdef int level = 2, shift
    if gpa >> 41:
        return 0
    while True:
        pte_pa = table + ((gpa >> (12 + 9 * level)) & (0x7FF if level == 2 else 0x1FF)) * 8
        if pte_pa - s.ram_base >= s.ram_size:
            return 0
        walk_ref(s)
        s.vmcs.ept_refs += not s.vmcs.suppress
        memcpy(&pte, s.ram + (pte_pa - s.ram_base), 8)
        if not (pte & PTE_V):
            return 0
        if pte & (PTE_R | PTE_X):
            break
        if level == 0:
            return 0
        level -= 1
        table = ((pte >> 10) & PPN_MASK) << 12
    ppn = (pte >> 10) & PPN_MASK
    shift = 12 + 9 * level
    hpa[0] = ((ppn >> (9 * level)) << shift) | (gpa & ((<uint64_t>1 << shift) - 1))
    return 1


# g_translate for the address of a guest page-table entry, through the page-walk cache
# (direct-mapped, PWC_ENTRIES pages) when it is on.
cdef int g_translate_table(HartState* s, uint64_t gpa, uint64_t* hpa) noexcept nogil:
    cdef uint64_t page = gpa >> 12
    cdef int i = page % PWC_ENTRIES
    if s.vmcs.pwc and s.vmcs.pwc_gpage[i] == page:
        s.vmcs.pwc_hits += 1
        hpa[0] = (s.vmcs.pwc_hpage[i] << 12) | (gpa & 0xFFF)
        return 1
    if not g_translate(s, gpa, hpa):
        return 0
    if s.vmcs.pwc:
        s.vmcs.pwc_gpage[i] = page
        s.vmcs.pwc_hpage[i] = hpa[0] >> 12
    return 1


# Empty the page-walk cache.
cdef void pwc_flush(HartState* s) noexcept nogil:
    cdef int i
    for i in range(PWC_ENTRIES):
        s.vmcs.pwc_gpage[i] = NO_PAGE
