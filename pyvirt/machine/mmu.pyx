# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
# Sv39 address translation (privileged spec 1.12, section 4.4): page walk with permission
# checks, hardware A/D update, TLB model (set-associative, round-robin replacement, ASIDs,
# global pages) and the fetch page buffer.
from libc.stdint cimport uint8_t, uint32_t, uint64_t, int64_t
from libc.stdlib cimport calloc, free
from libc.string cimport memcpy
from pyvirt.machine.state cimport *
from pyvirt.machine.dirty cimport dirty_mark
from pyvirt.machine.mmu cimport PTE_V, PTE_R, PTE_W, PTE_X, PTE_U, PTE_G, PTE_A, PTE_D
from pyvirt.machine.pmp cimport pmp_check, pmp_page_perms, pmp_any_locked, pmp_has_fine_entries
from pyvirt.machine.vmx cimport TAG_BARE, TAG_NOFILL, VPID_SHIFT, shadow_view
from pyvirt.machine.nested cimport walk_ref, g_translate, g_translate_table


# PERM[key][access][flags]: key = user(1) | SUM(2) | MXR(4). Requires V and A, and D for writes.
cdef uint8_t PERM[8][3][256]


# Whether a leaf PTE with these flags allows the access in the mode described by key.
cdef uint8_t _perm_ok(int key, int acc, int f) noexcept nogil:
    cdef int user = key & 1, sum_ = key & 2, mxr = key & 4
    if not (f & PTE_V) or not (f & PTE_A):
        return 0
    if acc == ACC_READ and not ((f & PTE_R) or (mxr and (f & PTE_X))):
        return 0
    if acc == ACC_WRITE and not ((f & PTE_W) and (f & PTE_D)):
        return 0
    if acc == ACC_EXEC and not (f & PTE_X):
        return 0
    if user:
        return 1 if f & PTE_U else 0
    if f & PTE_U:
        return 1 if (sum_ and acc != ACC_EXEC) else 0
    return 1


cdef void _init_perm() noexcept nogil:
    cdef int key, acc, f
    for key in range(8):
        for acc in range(3):
            for f in range(256):
                PERM[key][acc][f] = _perm_ok(key, acc, f)

_init_perm()


cdef inline int _page_fault(int acc) noexcept nogil:
    return EXC_INSN_PAGE if acc == ACC_EXEC else (EXC_LOAD_PAGE if acc == ACC_READ else EXC_STORE_PAGE)


cdef inline int _access_fault(int acc) noexcept nogil:
    return EXC_INSN_ACCESS if acc == ACC_EXEC else (EXC_LOAD_ACCESS if acc == ACC_READ else EXC_STORE_ACCESS)


# The TLB tag of a guest translation regime under nested paging: Sv39 (its ASID) or Bare,
# with the VPID.
cdef inline uint32_t _nested_tag(HartState* s, int sv39) noexcept nogil:
    cdef uint32_t tag = <uint32_t>((s.satp >> 44) & 0xFFFF) if sv39 else TAG_BARE
    return tag | (s.vmcs.vpid << VPID_SHIFT)


# Recompute the derived translation state after a change of privilege, mstatus or satp.
cdef void mmu_update_mode(HartState* s) noexcept nogil:
    cdef int sv39 = (s.satp >> 60) == 8
    cdef int dpriv = s.priv
    if s.priv == PRV_M and (s.mstatus & MSTATUS_MPRV):
        dpriv = (s.mstatus >> 11) & 3
    s.fetch_translates = sv39 and s.priv != PRV_M
    s.data_translates = sv39 and dpriv != PRV_M
    s.data_priv = dpriv
    s.pmp_locked = pmp_any_locked(s)
    s.pmp_fine = pmp_has_fine_entries(s)
    s.data_bare_direct = _bare_direct(s) if dpriv == PRV_M and not s.pmp_locked else 0
    cdef int key = (1 if dpriv == PRV_U else 0) | (2 if s.mstatus & MSTATUS_SUM else 0) | \
                   (4 if s.mstatus & MSTATUS_MXR else 0)
    s.perm_read = &PERM[key][ACC_READ][0]
    s.perm_write = &PERM[key][ACC_WRITE][0]
    s.perm_exec = &PERM[1 if s.priv == PRV_U else 0][ACC_EXEC][0]
    s.asid = (s.satp >> 44) & 0xFFFF
    s.fetch_asid = s.asid
    s.root_pa = (s.satp & PPN_MASK) << 12
    s.fetch_vpage = NO_PAGE
    if s.vmcs.nonroot and s.vmcs.nested:
        # every guest access goes through the two-stage TLB, Bare ones too
        s.asid = _nested_tag(s, s.data_translates)
        s.fetch_asid = _nested_tag(s, s.fetch_translates)
        s.fetch_translates = s.data_translates = 1
        s.data_bare_direct = 0
    elif s.vmcs.nonroot and s.vmcs.shadow:
        _shadow_mode(s)


# The fast-path grant of bare M-mode data accesses: reads, and stores unless the dirty log is on.
cdef inline int _bare_direct(HartState* s) noexcept nogil:
    return DIRECT_READ if s.log.on else DIRECT_READ | DIRECT_WRITE


# hvm with shadow paging: every guest access is translated by the VMM's shadow root of the
# guest's current view (their leaves grant what the view may do, all with U set); while the
# VMM emulates (suppress), the guest's own translation applies, never cached in the TLB.
cdef void _shadow_mode(HartState* s) noexcept nogil:
    cdef uint64_t satp
    if s.vmcs.suppress:
        s.asid |= TAG_NOFILL
        s.fetch_asid |= TAG_NOFILL
        return
    satp = s.vmcs.shadow_satp[shadow_view(s)] or s.vmcs.shadow_empty
    s.fetch_translates = s.data_translates = 1
    s.data_bare_direct = 0
    s.asid = s.fetch_asid = (satp >> 44) & 0xFFFF
    s.root_pa = (satp & PPN_MASK) << 12
    s.perm_read = &PERM[1][ACC_READ][0]
    s.perm_write = &PERM[1][ACC_WRITE][0]
    s.perm_exec = &PERM[1][ACC_EXEC][0]


cdef inline TlbEntry* _tlb_find(HartState* s, uint64_t vpn, uint32_t tag) noexcept nogil:
    cdef TlbEntry* e = s.tlb + (vpn & s.tlb_set_mask) * s.tlb_ways
    cdef uint32_t w
    for w in range(s.tlb_ways):
        if e[w].vpn == vpn and (e[w].asid == tag or (e[w].flags & PTE_G)):
            return &e[w]
    return NULL


cdef void _tlb_fill(HartState* s, uint64_t vpn, uint64_t pa, int flags, int level, int pmp_split,
                    uint32_t tag) noexcept nogil:
    cdef TlbEntry* e = _tlb_find(s, vpn, tag)
    cdef uint32_t set_ = vpn & s.tlb_set_mask
    cdef uint64_t page = pa >> 12
    if tag & TAG_NOFILL:
        return
    if e == NULL:
        e = s.tlb + set_ * s.tlb_ways + s.tlb_victim[set_]
        s.tlb_victim[set_] = (s.tlb_victim[set_] + 1) % s.tlb_ways
    e.vpn = vpn
    e.ppn = page
    e.asid = tag
    e.flags = flags
    e.level = level
    e.pmp_split = pmp_split
    e.direct = tlb_grant(s, page, pmp_split)
    e.addend = <int64_t>(s.ram + ((page << 12) - s.ram_base)) - <int64_t>(vpn << 12)


# The DIRECT_* grant of a TLB entry for physical page `page`: none for MMIO, the watched page
# and PMP-split pages; stores only when the dirty log is off or has the page marked.
cdef uint8_t tlb_grant(HartState* s, uint64_t page, int pmp_split) noexcept nogil:
    cdef uint64_t off = (page << 12) - s.ram_base
    if off >= s.ram_size or page == s.watch_page or pmp_split:
        return 0
    if s.log.on and not s.log.map[off >> 12]:
        return DIRECT_READ
    return DIRECT_READ | DIRECT_WRITE


# A write of n > 0 bytes at physical pa (in RAM) by the hart: mark its pages in the dirty log and
# grant the fast path's stores to the TLB entries that map them.
cdef void dirty_write(HartState* s, uint64_t pa, uint64_t n) noexcept nogil:
    cdef uint64_t i, first = (pa - s.ram_base) >> 12, last = (pa + n - 1 - s.ram_base) >> 12
    cdef uint64_t base = s.ram_base >> 12
    if not s.log.on:
        return
    dirty_mark(s.log, pa - s.ram_base, n)
    for i in range(<uint64_t>(s.tlb_set_mask + 1) * s.tlb_ways):
        if s.tlb[i].direct and s.tlb[i].vpn != NO_PAGE and first <= s.tlb[i].ppn - base <= last:
            s.tlb[i].direct = DIRECT_READ | DIRECT_WRITE


# Grant the stores' fast path anew as the log now allows (a new dirty-log round, or logging
# turned on or off): while logging, TLB entries keep reads only until their page is marked again;
# the bare grant follows the log's state.
cdef void dirty_revoke(HartState* s) noexcept nogil:
    cdef uint64_t i
    for i in range(<uint64_t>(s.tlb_set_mask + 1) * s.tlb_ways):
        if s.tlb[i].direct:
            s.tlb[i].direct = tlb_grant(s, s.tlb[i].ppn, 0)
    if s.data_bare_direct:
        s.data_bare_direct = _bare_direct(s)


# Fill the TLB with the translation of va to pa (leaf flags, level) at privilege priv, keeping
# only the permissions PMP also grants. Returns 0 or an access fault.
cdef int _fill_checked(HartState* s, uint64_t va, uint64_t pa, int flags, int level, int acc, uint64_t size,
                       int priv, uint32_t tag) noexcept nogil:
    cdef int pmp = 7 if (priv == PRV_M and not s.pmp_locked) else pmp_page_perms(s, pa & ~<uint64_t>0xFFF, priv)
    if pmp >= 0 and not ((pmp & 4) and not (pmp & 1)):
        # uniform over the page: the entry keeps only the PTE permissions PMP also grants (so a
        # denied access misses the fast path and re-walks into this check)
        if not (pmp >> acc) & 1:
            return _access_fault(acc)
        _tlb_fill(s, va >> 12, pa, flags & ~((~pmp & 7) << 1), level, 0, tag)
        return 0
    # permissions vary inside the page (or execute-only, which MXR could turn into reads):
    # every access to the page is checked
    if not pmp_check(s, pa, size, acc, priv):
        return _access_fault(acc)
    _tlb_fill(s, va >> 12, pa, flags, level, 1, tag)
    return 0


# Walk the Sv39 tables for va; on success fill the TLB and store the physical address. Under
# nested paging (hvm) every guest-physical address of the walk, and its result, is translated
# by the second stage first (a two-dimensional walk). Returns 0 or the exception cause.
cdef int _walk(HartState* s, uint64_t va, int acc, const uint8_t* perm, uint64_t* pa, uint64_t size,
               uint32_t tag) noexcept nogil:
    cdef uint64_t table = s.root_pa, pte_pa, pte = 0, ppn, need
    cdef int level = 2, shift
    cdef int nested = s.vmcs.nonroot and s.vmcs.nested
    cdef int shadow = s.vmcs.nonroot and s.vmcs.shadow and not s.vmcs.suppress   # the VMM's tables
    if nested:
        s.vmcs.walks_2d += not s.vmcs.suppress
    while True:
        pte_pa = table + ((va >> (12 + 9 * level)) & 0x1FF) * 8
        if pte_pa - s.ram_base >= s.ram_size or (not shadow and not pmp_check(s, pte_pa, 8, ACC_READ, PRV_S)):
            return _access_fault(acc)
        if nested and not g_translate_table(s, pte_pa, &pte_pa):
            return _access_fault(acc)        # not guest RAM: a native access fault
        walk_ref(s)
        memcpy(&pte, s.ram + (pte_pa - s.ram_base), 8)
        if not (pte & PTE_V) or ((pte & PTE_W) and not (pte & PTE_R)) or (pte >> 54) != 0:
            return _page_fault(acc)
        if pte & (PTE_R | PTE_X):
            break
        if level == 0:
            return _page_fault(acc)
        level -= 1
        table = ((pte >> 10) & PPN_MASK) << 12
    if not perm[(pte & 0xFF) | PTE_A | PTE_D]:
        return _page_fault(acc)
    ppn = (pte >> 10) & PPN_MASK
    if level > 0 and (ppn & ((<uint64_t>1 << (9 * level)) - 1)) != 0:
        return _page_fault(acc)          # misaligned superpage
    need = PTE_A | (PTE_D if acc == ACC_WRITE else 0)
    if (pte & need) != need:
        if not pmp_check(s, pte_pa, 8, ACC_WRITE, PRV_S):
            return _access_fault(acc)
        pte |= need
        walk_ref(s)
        memcpy(s.ram + (pte_pa - s.ram_base), &pte, 8)
        dirty_write(s, pte_pa, 8)
    shift = 12 + 9 * level
    pa[0] = ((ppn >> (9 * level)) << shift) | (va & ((<uint64_t>1 << shift) - 1))
    if nested:
        return _nested_final(s, va, acc, pa, size, pte & 0xFF, level, PRV_S, tag)
    if shadow:
        _tlb_fill(s, va >> 12, pa[0], pte & 0xFF, level, 0, tag)    # the leaf includes the guest's PMP
        return 0
    return _fill_checked(s, va, pa[0], pte & 0xFF, level, acc, size, PRV_S, tag)


# The last step of a nested translation: the guest-physical address pa through the second
# stage, then the TLB fill. A guest-physical address the second stage does not map (a
# device) is returned as is, uncached: the device access then exits or is performed. One in
# the hart's memory but not mapped is the VMM's private pool: an access fault, as natively.
cdef int _nested_final(HartState* s, uint64_t va, int acc, uint64_t* pa, uint64_t size, int flags, int level,
                       int priv, uint32_t tag) noexcept nogil:
    cdef uint64_t hpa
    if not g_translate(s, pa[0], &hpa):
        if pa[0] - s.ram_base < s.ram_size or \
                ((priv != PRV_M or s.pmp_locked) and not pmp_check(s, pa[0], size, acc, priv)):
            return _access_fault(acc)
        return 0
    pa[0] = hpa
    return _fill_checked(s, va, hpa, flags, level, acc, size, priv, tag)


# Translate a guest Bare-mode address under nested paging: the second stage alone.
cdef int _nested_bare(HartState* s, uint64_t va, int acc, uint64_t* pa, uint64_t size, uint32_t tag) noexcept nogil:
    cdef int priv = s.priv if acc == ACC_EXEC else s.data_priv
    cdef int flags = PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D | (PTE_U if priv == PRV_U else 0)
    s.vmcs.walks_2d += not s.vmcs.suppress
    pa[0] = va
    return _nested_final(s, va, acc, pa, size, flags, 0, priv, tag)


# Translate va for an access of kind acc and size bytes (inside one page) in the current mode;
# store the physical address. Returns 0 or the exception cause (page fault or access fault).
cdef int mmu_translate(HartState* s, uint64_t va, int acc, uint64_t* pa, uint64_t size) noexcept nogil:
    cdef int translates = s.fetch_translates if acc == ACC_EXEC else s.data_translates
    cdef uint32_t tag = s.fetch_asid if acc == ACC_EXEC else s.asid
    cdef int priv
    cdef const uint8_t* perm
    cdef TlbEntry* e
    if not translates:
        pa[0] = va
        priv = s.priv if acc == ACC_EXEC else s.data_priv
        if (priv != PRV_M or s.pmp_locked) and not pmp_check(s, va, size, acc, priv):
            return _access_fault(acc)
        return 0
    if not (tag & TAG_BARE) and ((<int64_t>(va << 25)) >> 25) != <int64_t>va:
        return _page_fault(acc)          # not a canonical Sv39 address
    perm = s.perm_exec if acc == ACC_EXEC else (s.perm_write if acc == ACC_WRITE else s.perm_read)
    e = _tlb_find(s, va >> 12, tag)
    if e != NULL and perm[e.flags]:
        s.tlb_hits += 1
        pa[0] = (e.ppn << 12) | (va & 0xFFF)
        priv = s.priv if acc == ACC_EXEC else s.data_priv
        if e.pmp_split and (priv != PRV_M or s.pmp_locked) and not pmp_check(s, pa[0], size, acc, priv):
            return _access_fault(acc)
        return 0
    s.tlb_misses += 1
    if tag & TAG_BARE:
        return _nested_bare(s, va, acc, pa, size, tag)
    return _walk(s, va, acc, perm, pa, size, tag)


# Point the fetch page buffer at the page holding pc. Returns 0 or the exception cause.
# A page whose PMP execute permission varies inside it is not kept in the buffer, so every
# fetch from it is checked.
cdef int mmu_fetch_page(HartState* s, uint64_t pc) noexcept nogil:
    cdef uint64_t pa
    cdef int cause = mmu_translate(s, pc, ACC_EXEC, &pa, 2)
    if cause:
        return cause
    if pa - s.ram_base >= s.ram_size:
        return EXC_INSN_ACCESS           # instruction fetch from a device or unmapped space
    s.fetch_vpage = pc >> 12
    s.fetch_host = s.ram + ((pa & ~<uint64_t>0xFFF) - s.ram_base)
    if s.pmp_fine and (s.priv != PRV_M or s.pmp_locked) and \
            pmp_page_perms(s, pa & ~<uint64_t>0xFFF, s.priv) == -1:
        s.fetch_vpage = NO_PAGE
    return 0


# Invalidate TLB entries (sfence.vma semantics): by_va limits to the page of va (whatever its
# size), by_asid to non-global entries of asid.
cdef void tlb_flush(HartState* s, int by_va, uint64_t va, int by_asid, uint64_t asid) noexcept nogil:
    cdef uint64_t i, vpn = va >> 12
    cdef TlbEntry* e
    for i in range(<uint64_t>(s.tlb_set_mask + 1) * s.tlb_ways):
        e = &s.tlb[i]
        if e.vpn == NO_PAGE:
            continue
        if by_asid and ((e.flags & PTE_G) or (e.asid & 0xFFFF) != asid):
            continue
        if by_va and ((e.vpn ^ vpn) >> (9 * e.level)) != 0:
            continue
        e.vpn = NO_PAGE
    s.tlb_flushes += 1
    s.fetch_vpage = NO_PAGE


# Allocate an empty TLB of entries (a power of two) in sets of ways. Returns 0, or -1 when out of memory.
cdef int tlb_alloc(HartState* s, uint32_t entries, uint32_t ways) noexcept nogil:
    cdef uint32_t i
    free(s.tlb)
    free(s.tlb_victim)
    s.tlb = <TlbEntry*>calloc(entries, sizeof(TlbEntry))
    s.tlb_victim = <uint32_t*>calloc(entries // ways, sizeof(uint32_t))
    if s.tlb == NULL or s.tlb_victim == NULL:
        return -1
    s.tlb_ways = ways
    s.tlb_set_mask = entries // ways - 1
    for i in range(entries):
        s.tlb[i].vpn = NO_PAGE
    s.fetch_vpage = NO_PAGE
    return 0
