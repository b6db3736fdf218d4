# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
# Shadow paging for trap mode. The physical satp always points at a shadow Sv39 root that the
# VMM builds in its private pool (after guest RAM). Shadow PTEs map guest virtual pages to
# guest-physical frames (host physical = guest physical: guest RAM is identity-placed), always
# with U = 1 (the guest runs in physical U-mode), A = D = 1 (the physical walker never updates
# them), never the pool, never a device page (so every MMIO access faults and is emulated).
#
# Shadow tables are shared like KVM's: one shadow table per (guest table page, level, view),
# and one "direct" table per (region base, level, view, permissions) for the parts of a guest
# superpage or of an identity map, which the shadow always maps with 4 KiB leaves. A view is
# how the virtual hart accesses memory: the translated views 0..7 (user, SUM, MXR: the MMU's
# permission key) and three untranslated ones (V_BARE_M, V_BARE_SU, V_MPRV). A root is the
# shadow of a guest root table in one view; roots are cached (at most max_roots, evicted least
# recently used) and each has its own physical ASID (pool page + 1), so switching views or
# address spaces needs no TLB flush. Tables are reference-counted by their parent links.
#
# Leaves are filled lazily on physical page faults (fill): walk the guest's tables exactly as
# the hardware would for the virtual privilege/SUM/MXR, set A (and D on a write) in the guest
# PTE, and install a leaf that grants only what the guest PTE, its D bit and the guest's PMP
# allow. Coherence with the guest's tables:
#   trace  - every guest page that has a shadow table is write-protected in every shadow
#            leaf (a reverse map finds the writable leaves when a page becomes a table); a
#            guest write to it traps, is emulated by the core, and guest_write() zaps the
#            shadow entries it covers. A table written 3 times in a row without being walked
#            is dropped (write flooding, as KVM does: it was probably freed and reused);
#            flood_limit = 0 keeps tracing every write for as long as the shadow is cached.
#   resync - guest tables stay writable; sfence.vma re-reads the guest entries behind the
#            shadow (all non-global ones, or those translating one address) and zaps the
#            stale ones.
from libc.stdint cimport uint8_t, uint16_t, uint32_t, uint64_t, int64_t
from libc.stdlib cimport calloc, free
from libc.string cimport memcpy, memset
from pyvirt.machine.dirty cimport dirty_mark
from pyvirt.machine.state cimport *
from pyvirt.machine.hart cimport Hart
from pyvirt.machine.bus cimport Bus
from pyvirt.machine.mmu cimport PTE_V, PTE_R, PTE_W, PTE_X, PTE_U, PTE_G, PTE_A, PTE_D, tlb_flush
from pyvirt.machine.pmp cimport pmp_check, pmp_page_perms
from pyvirt.hypervisors.trap.vcpu cimport VirtualHart

cdef uint64_t SW_G = 1 << 8             # software bit: the guest translation is global
cdef uint64_t SATP_SV39 = <uint64_t>8 << 60
cdef uint64_t VA_NONE = 0xFFFFFFFFFFFFFFFF
cdef uint64_t VA_MULTI = 0xFFFFFFFFFFFFFFFE
cdef uint8_t FREE = 0xFF
cdef int SP_R = 1, SP_W = 2, SP_X = 4

POLICIES = ("trace", "resync")
SHADOW_COUNTERS = ("pte_reads", "pte_writes", "hidden_faults", "true_faults", "tables_created", "tables_freed",
                   "roots_evicted", "resets", "write_protects", "traced_writes", "unshadows", "resyncs")


cdef inline uint64_t mkkey(uint64_t base, int level, int direct, int view, int sp) noexcept nogil:
    return base | (<uint64_t>level << 9) | (<uint64_t>direct << 8) | (<uint64_t>view << 4) | <uint64_t>sp


cdef inline uint64_t key_base(uint64_t key) noexcept nogil:
    return key & ~<uint64_t>0xFFF


cdef inline int key_direct(uint64_t key) noexcept nogil:
    return (key >> 8) & 1


cdef inline int key_view(uint64_t key) noexcept nogil:
    return (key >> 4) & 0xF


cdef inline int page_fault(int acc) noexcept nogil:
    return EXC_INSN_PAGE if acc == ACC_EXEC else (EXC_LOAD_PAGE if acc == ACC_READ else EXC_STORE_PAGE)


cdef inline int access_fault(int acc) noexcept nogil:
    return EXC_INSN_ACCESS if acc == ACC_EXEC else (EXC_LOAD_ACCESS if acc == ACC_READ else EXC_STORE_ACCESS)


# The shadow permissions (SP_R/W/X) a translated view gets from guest leaf flags f; W only
# once the guest PTE is dirty (so the first write traps and sets D at the right time).
cdef inline int sperm(int view, uint64_t f) noexcept nogil:
    cdef int rw_ok, x_ok, p = 0
    if view & V_USER:
        if not (f & PTE_U):
            return 0
        rw_ok = x_ok = 1
    elif f & PTE_U:
        rw_ok = 1 if view & V_SUM else 0
        x_ok = 0
    else:
        rw_ok = x_ok = 1
    if rw_ok and ((f & PTE_R) or ((view & V_MXR) and (f & PTE_X))):
        p |= SP_R
    if rw_ok and (f & PTE_W) and (f & PTE_D):
        p |= SP_W
    if x_ok and (f & PTE_X):
        p |= SP_X
    return p


# Whether the guest leaf flags f allow access acc in view (A and D are set by the hardware).
cdef inline int allowed(int view, int acc, uint64_t f) noexcept nogil:
    cdef int p = sperm(view, f | PTE_D)
    if acc == ACC_READ:
        return p & SP_R
    if acc == ACC_WRITE:
        return p & SP_W
    return p & SP_X


cdef class ShadowMMU:
    def __cinit__(self, Hart hart, VirtualHart vcpu, Bus bus, uint64_t pool_bytes, policy="trace",
                  int max_roots=32, int flood_limit=3):
        cdef uint32_t i
        if policy not in POLICIES:
            raise ValueError(f"unknown shadow policy {policy!r} (trace or resync)")
        if bus.private_size < pool_bytes or pool_bytes < 16 * 4096 or pool_bytes // 4096 >= 0xFFFF:
            raise ValueError("the shadow pool must be 16 pages to 255 MiB of the bus's private memory")
        self.hart = hart
        self.ps = &hart.st
        self.vs = &vcpu.st
        self.bus = bus
        self.ram = hart.st.ram
        self.ram_base = bus.ram_base
        self.guest_size = bus.ram_size
        self.pool_pa = bus.ram_base + bus.ram_size
        self.pool_pages = pool_bytes // 4096
        self.trace = 1 if policy == "trace" else 0
        self.max_roots = max(2, max_roots)
        self.flood_limit = max(0, flood_limit)
        n = self.pool_pages
        self.t_key = <uint64_t*>calloc(n, sizeof(uint64_t))
        self.t_level = <uint8_t*>calloc(n, 1)
        self.t_root = <uint8_t*>calloc(n, 1)
        self.t_va = <uint64_t*>calloc(n, sizeof(uint64_t))
        self.t_lru = <uint64_t*>calloc(n, sizeof(uint64_t))
        self.free_stack = <uint32_t*>calloc(n, sizeof(uint32_t))
        self.tcount = <uint16_t*>calloc(self.guest_size // 4096 + 1, sizeof(uint16_t))
        self.flood = <uint32_t*>calloc(self.guest_size // 4096 + 1, sizeof(uint32_t))
        if not (self.t_key and self.t_level and self.t_root and self.t_va and self.t_lru and self.free_stack
                and self.tcount and self.flood):
            raise MemoryError("cannot allocate the shadow MMU's tables")
        for i in range(n):
            self.t_level[i] = FREE
            self.free_stack[i] = n - 1 - i          # pop order: page 0 first
        self.nfree = n
        self.index = {}
        self.parents = [None] * n
        self.tables_of = {}
        self.rmap = {}
        self.roots = []
        self.cur_root = -1
        self.cur_key = 0

    def __dealloc__(self):
        free(self.t_key)
        free(self.t_level)
        free(self.t_root)
        free(self.t_va)
        free(self.t_lru)
        free(self.free_stack)
        free(self.tcount)
        free(self.flood)

    # ---- pool pages ----
    cdef uint64_t* tab(self, uint32_t c) noexcept:
        return <uint64_t*>(self.ram + (self.pool_pa - self.ram_base) + (<uint64_t>c << 12))

    cdef uint64_t page_pa(self, uint32_t c) noexcept:
        return self.pool_pa + (<uint64_t>c << 12)

    cdef uint32_t child_of(self, uint64_t pte) noexcept:
        return <uint32_t>((((pte >> 10) & PPN_MASK) << 12) - self.pool_pa) >> 12

    cdef int in_ram(self, uint64_t pa) noexcept:
        return pa - self.ram_base < self.guest_size

    cdef int alloc(self, uint64_t key, int level) except -2:
        cdef uint32_t c
        cdef uint64_t gpn
        if self.nfree == 0:
            return -1
        self.nfree -= 1
        c = self.free_stack[self.nfree]
        memset(self.tab(c), 0, 4096)
        self.t_key[c] = key
        self.t_level[c] = level
        self.t_root[c] = 0
        self.t_va[c] = VA_NONE
        self.parents[c] = []
        self.index[key] = c
        self.tables_created += 1
        if not key_direct(key) and self.in_ram(key_base(key)):
            gpn = (key_base(key) - self.ram_base) >> 12
            self.tcount[gpn] += 1
            lst = self.tables_of.get(gpn)
            if lst is None:
                self.tables_of[gpn] = [c]
            else:
                lst.append(c)
            if self.trace and self.tcount[gpn] == 1:
                self.protect(gpn)
        return c

    cdef int free_table(self, uint32_t c) except -2:
        cdef uint64_t* tb = self.tab(c)
        cdef uint64_t key = self.t_key[c], gpn
        cdef int i
        if self.t_level[c] == FREE:
            return 0
        for i in range(512):
            if tb[i] & PTE_V:
                self.zap(c, i)
        del self.index[key]
        if not key_direct(key) and self.in_ram(key_base(key)):
            gpn = (key_base(key) - self.ram_base) >> 12
            self.tcount[gpn] -= 1
            lst = self.tables_of[gpn]
            lst.remove(c)
            if not lst:
                del self.tables_of[gpn]
                self.flood[gpn] = 0
        if self.t_root[c]:
            self.t_root[c] = 0
            self.roots.remove(c)
            tlb_flush(self.ps, 0, 0, 1, c + 1)       # its physical ASID
        if <int>c == self.cur_root:
            self.cur_root = -1
        self.t_level[c] = FREE
        self.parents[c] = None
        self.free_stack[self.nfree] = c
        self.nfree += 1
        self.tables_freed += 1
        return 0

    # ---- entries ----
    cdef void flush_va(self, uint64_t va) noexcept:
        if self.pend_all:
            return
        if va == VA_NONE or va == VA_MULTI or self.pend_n == 8:
            self.pend_all = 1
            return
        self.pend_va[self.pend_n] = va
        self.pend_n += 1

    cdef int commit(self) noexcept:
        """Apply the physical TLB flushes that removed or downgraded entries need."""
        cdef int i
        if self.pend_all:
            tlb_flush(self.ps, 0, 0, 0, 0)
        else:
            for i in range(self.pend_n):
                tlb_flush(self.ps, 1, self.pend_va[i], 0, 0)
        self.pend_all = 0
        self.pend_n = 0
        return 0

    # The virtual address of leaf i of level-0 table c (for TLB flushes), or a marker.
    cdef uint64_t leaf_va(self, uint32_t c, int i) noexcept:
        cdef uint64_t base = self.t_va[c]
        if base == VA_NONE or base == VA_MULTI:
            return base
        return base + (<uint64_t>i << 12)

    # Clear entry i of table c: a leaf leaves the physical TLB; a link drops a reference to
    # its child (freed with its last parent, unless it is a root).
    cdef int zap(self, uint32_t c, int i) except -2:
        cdef uint64_t* p = self.tab(c) + i
        cdef uint64_t old = p[0]
        cdef uint32_t child
        if not (old & PTE_V):
            return 0
        p[0] = 0
        self.pte_writes += 1
        if old & (PTE_R | PTE_W | PTE_X):
            self.flush_va(self.leaf_va(c, i))
            return 0
        child = self.child_of(old)
        self.pend_all = 1
        links = self.parents[child]
        links.remove(c * 512 + i)
        if not links and not self.t_root[child]:
            self.free_table(child)
        return 0

    # Make entry i of table c a link to the table with key (created if needed); va is the
    # start of the region the child maps. Returns the child's pool page.
    cdef int link(self, uint32_t c, int i, uint64_t key, int level, uint64_t va, uint64_t glob) except -2:
        cdef uint64_t* p = self.tab(c) + i
        cdef uint64_t old = p[0]
        cdef int child
        if (old & PTE_V) and not (old & (PTE_R | PTE_W | PTE_X)):
            child = self.child_of(old)
            if self.t_key[child] == key:
                self._note_va(child, va)
                return child
        if old & PTE_V:
            self.zap(c, i)
        obj = self.index.get(key)
        if obj is None:
            child = self.alloc(key, level)
            if child < 0:
                raise MemoryError("shadow pool exhausted during a fill")
        else:
            child = obj
        p[0] = PTE_V | ((self.page_pa(child) >> 12) << 10) | (SW_G if glob else 0)
        self.pte_writes += 1
        self.parents[child].append(c * 512 + i)
        self._note_va(child, va)
        return child

    cdef void _note_va(self, uint32_t c, uint64_t va) noexcept:
        if self.t_va[c] == VA_NONE:
            self.t_va[c] = va
        elif self.t_va[c] != va:
            self.t_va[c] = VA_MULTI

    cdef int set_leaf(self, uint32_t c, int i, uint64_t new, uint64_t va) noexcept:
        cdef uint64_t* p = self.tab(c) + i
        cdef uint64_t old = p[0]
        if old == new:
            return 0
        p[0] = new
        self.pte_writes += 1
        if (old & PTE_V) and ((((old ^ new) >> 10) & PPN_MASK) or (old & ~new & (PTE_R | PTE_W | PTE_X))):
            self.flush_va(va)
        return 0

    # ---- reverse map (trace): writable leaves per guest page ----
    cdef int rmap_add(self, uint64_t gpn, uint64_t pte_pa, uint64_t va) except -2:
        entry = (pte_pa, va)
        lst = self.rmap.get(gpn)
        if lst is None:
            self.rmap[gpn] = [entry]
            return 0
        if entry in lst:
            return 0
        if len(lst) >= 32:
            lst[:] = [e for e in lst if self._maps_writable(e[0], gpn)]
        lst.append(entry)
        return 0

    cdef int _maps_writable(self, uint64_t pte_pa, uint64_t gpn) noexcept:
        cdef uint64_t v = (<uint64_t*>(self.ram + (pte_pa - self.ram_base)))[0]
        return (v & PTE_V) and (v & PTE_W) and ((v >> 10) & PPN_MASK) == ((self.ram_base >> 12) + gpn)

    # Guest page gpn became a page table: take write permission away from every shadow leaf.
    cdef int protect(self, uint64_t gpn) except -2:
        cdef uint64_t* p
        lst = self.rmap.pop(gpn, None)
        if lst is None:
            return 0
        for pte_pa, va in lst:
            if self._maps_writable(pte_pa, gpn):
                p = <uint64_t*>(self.ram + (<uint64_t>pte_pa - self.ram_base))
                p[0] &= ~<uint64_t>PTE_W
                self.pte_writes += 1
                self.write_protects += 1
                self.flush_va(va)
        return 0

    # ---- roots ----
    cdef uint64_t root_key(self, int view) noexcept:
        if view < V_BARE_M:
            return mkkey(self.vs.root_pa, 2, 0, view, 0)
        return mkkey(0, 2, 1, view, SP_X if view == V_MPRV else SP_R | SP_W | SP_X)

    cdef int evict_lru(self) except -2:
        """Free the least recently used root other than the current one. 0 if there is none."""
        cdef int best = -1
        cdef uint32_t r
        for r in self.roots:
            if <int>r != self.cur_root and (best < 0 or self.t_lru[r] < self.t_lru[best]):
                best = r
        if best < 0:
            return 0
        self.roots_evicted += 1
        self.free_table(best)
        return 1

    cdef uint64_t activate(self, int view) except? 0:
        """Make the root of view (for the guest's current satp) current; return the physical satp."""
        cdef uint64_t key = self.root_key(view)
        cdef int c
        if self.cur_root < 0 or self.cur_key != key:
            obj = self.index.get(key)
            if obj is None:
                while len(self.roots) >= self.max_roots:
                    self.cur_root = -1
                    if not self.evict_lru():
                        break
                if self.nfree == 0:
                    self.reset_all()
                c = self.alloc(key, 2)
                self.t_root[c] = 1
                self.roots.append(c)
                self.t_va[c] = 0
            else:
                c = obj
            self.cur_root = c
            self.cur_key = key
            self.commit()
        self.lru_clock += 1
        self.t_lru[self.cur_root] = self.lru_clock
        return SATP_SV39 | (<uint64_t>(self.cur_root + 1) << 44) | (self.page_pa(self.cur_root) >> 12)

    cdef int reset_all(self) except -2:
        """Drop every shadow table."""
        cdef uint32_t r
        for r in list(self.roots):
            self.free_table(r)
        self.rmap.clear()
        self.cur_root = -1
        self.resets += 1
        self.pend_all = 1
        self.commit()
        return 0

    cdef int ensure_free(self, int view) except -2:
        """Make room for the tables one fill may create (evicting roots, or dropping
        everything), and make sure view's root exists."""
        cdef uint64_t key = self.root_key(view)
        while self.nfree < 4 and len(self.roots) > 1 and self.evict_lru():
            pass
        if self.nfree < 4:
            self.reset_all()
        if self.cur_root < 0 or self.cur_key != key:
            self.activate(view)
        return 0

    # ---- fills ----
    cdef int fill(self, uint64_t va, int acc, int view, uint64_t* pa, int* cause) except -2:
        """Handle a physical page fault at va for access acc in view. Returns F_*; pa gets the
        guest-physical address (F_MMIO), cause the guest-visible exception (F_FAULT)."""
        cdef HartState* vs = self.vs
        cdef uint64_t table, pte_pa, pte = 0, ppn, need, glob = 0, base, gtab[3]
        cdef int level, lv, i, sp, node, r
        self.ensure_free(view)
        if view >= V_BARE_M:
            return self.fill_bare(va, acc, view, pa, cause)
        if ((<int64_t>(va << 25)) >> 25) != <int64_t>va:
            return self.true_fault(page_fault(acc), cause)
        table = vs.root_pa
        level = 2
        while True:
            pte_pa = table + ((va >> (12 + 9 * level)) & 0x1FF) * 8
            if not self.in_ram(pte_pa) or not pmp_check(vs, pte_pa, 8, ACC_READ, PRV_S):
                return self.true_fault(access_fault(acc), cause)
            self.pte_reads += 1
            memcpy(&pte, self.ram + (pte_pa - self.ram_base), 8)
            gtab[level] = table
            if not (pte & PTE_V) or ((pte & PTE_W) and not (pte & PTE_R)) or (pte >> 54) != 0:
                return self.true_fault(page_fault(acc), cause)
            glob |= pte & PTE_G
            if pte & (PTE_R | PTE_X):
                break
            if level == 0:
                return self.true_fault(page_fault(acc), cause)
            level -= 1
            table = ((pte >> 10) & PPN_MASK) << 12
        if not allowed(view, acc, pte):
            return self.true_fault(page_fault(acc), cause)
        ppn = (pte >> 10) & PPN_MASK
        if level > 0 and (ppn & ((<uint64_t>1 << (9 * level)) - 1)) != 0:
            return self.true_fault(page_fault(acc), cause)          # misaligned superpage
        need = PTE_A | (PTE_D if acc == ACC_WRITE else 0)
        if (pte & need) != need:
            if not pmp_check(vs, pte_pa, 8, ACC_WRITE, PRV_S):
                return self.true_fault(access_fault(acc), cause)
            pte |= need
            self.pte_reads += 1
            memcpy(self.ram + (pte_pa - self.ram_base), &pte, 8)
            dirty_mark(vs.log, pte_pa - self.ram_base, 8)
        pa[0] = ((ppn >> (9 * level)) << (12 + 9 * level)) | (va & ((<uint64_t>1 << (12 + 9 * level)) - 1))
        sp = sperm(view, pte)
        # the shadow path: shadows of the guest tables walked, then direct tables for a superpage
        node = self.cur_root
        for lv in range(2, level, -1):
            i = (va >> (12 + 9 * lv)) & 0x1FF
            self.flood[(gtab[lv - 1] - self.ram_base) >> 12] = 0
            node = self.link(node, i, mkkey(gtab[lv - 1], lv - 1, 0, view, 0), lv - 1,
                             va & ~((<uint64_t>1 << (12 + 9 * lv)) - 1), glob)
        self.flood[(gtab[2] - self.ram_base) >> 12] = 0
        if level > 0:
            base = ppn << 12
            for lv in range(level, 0, -1):
                i = (va >> (12 + 9 * lv)) & 0x1FF
                if lv < level:
                    base += <uint64_t>i << (12 + 9 * lv)
                node = self.link(node, i, mkkey(base, lv - 1, 1, view, sp), lv - 1,
                                 va & ~((<uint64_t>1 << (12 + 9 * lv)) - 1), glob)
        r = self.leaf(node, (va >> 12) & 0x1FF, pa[0], sp, acc, view, va, glob, cause)
        self.commit()
        return r

    cdef int true_fault(self, int c, int* cause) noexcept:
        cause[0] = c
        self.true_faults += 1
        self.commit()
        return F_FAULT

    cdef int fill_bare(self, uint64_t va, int acc, int view, uint64_t* pa, int* cause) except -2:
        cdef int sp = SP_X if view == V_MPRV else SP_R | SP_W | SP_X
        cdef int node, r
        pa[0] = va
        if view == V_MPRV and acc != ACC_EXEC:
            return F_EMULATE                  # data accesses translate at MPP: the core emulates them
        if not self.in_ram(va & ~<uint64_t>0xFFF):
            return self.not_ram(va, acc, cause)
        node = self.link(self.cur_root, (va >> 30) & 0x1FF, mkkey(va & ~<uint64_t>0x3FFFFFFF, 1, 1, view, sp), 1,
                         va & ~<uint64_t>0x3FFFFFFF, 0)
        node = self.link(node, (va >> 21) & 0x1FF, mkkey(va & ~<uint64_t>0x1FFFFF, 0, 1, view, sp), 0,
                         va & ~<uint64_t>0x1FFFFF, 0)
        r = self.leaf(node, (va >> 12) & 0x1FF, va, sp, acc, view, va, 0, cause)
        self.commit()
        return r

    cdef int not_ram(self, uint64_t pa, int acc, int* cause) except -2:
        if acc != ACC_EXEC and self.bus.find(pa, 1) >= 0:
            return F_MMIO
        return self.true_fault(access_fault(acc), cause)

    # The guest's PMP permissions (R 1, W 2, X 4) on the page at page_pa for view, or -1 when
    # they vary inside the page.
    cdef int pmp_perms(self, uint64_t page_pa, int view) noexcept:
        if view == V_BARE_M or view == V_MPRV:
            return 7 if not self.vs.pmp_locked else pmp_page_perms(self.vs, page_pa, PRV_M)
        return pmp_page_perms(self.vs, page_pa, PRV_S)

    # Install the leaf for the access at va (guest-physical pa) in level-0 table c, entry i.
    cdef int leaf(self, uint32_t c, int i, uint64_t pa, int sp, int acc, int view, uint64_t va, uint64_t glob,
                  int* cause) except -2:
        cdef uint64_t page = pa & ~<uint64_t>0xFFF, gpn
        cdef int perms, fl, priv, ptwrite = 0
        if not self.in_ram(page):
            return self.not_ram(pa, acc, cause)
        gpn = (page - self.ram_base) >> 12
        perms = self.pmp_perms(page, view)
        if perms < 0:
            if acc != ACC_EXEC:
                return F_EMULATE
            # a page the guest's PMP splits: map what this fetch may do (approximation)
            priv = PRV_M if view == V_BARE_M or view == V_MPRV else PRV_S
            perms = SP_X if pmp_check(self.vs, pa, 2, ACC_EXEC, priv) else 0
        if not (perms >> acc) & 1:
            return self.true_fault(access_fault(acc), cause)
        fl = sp & perms
        if (fl & SP_W) and self.trace and self.tcount[gpn]:
            fl &= ~SP_W
            ptwrite = acc == ACC_WRITE
        self.set_leaf(c, i, PTE_V | PTE_U | PTE_A | PTE_D | (<uint64_t>fl << 1) | ((page >> 12) << 10) |
                      (SW_G if glob else 0), va & ~<uint64_t>0xFFF)
        if (fl & SP_W) and self.trace:
            self.rmap_add(gpn, self.page_pa(c) + 8 * i, va & ~<uint64_t>0xFFF)
        if ptwrite:
            return F_PTWRITE
        self.hidden_faults += 1
        return F_OK

    # ---- coherence ----
    cdef int guest_write(self, uint64_t pa, uint64_t n) except -2:
        """Guest memory [pa, pa+n) was written behind the shadow's back (an emulated store,
        DMA): under trace, zap the shadow entries of traced table pages it covers."""
        cdef uint64_t gpn, lo, hi, page, end = pa + n
        cdef int i
        cdef uint32_t c
        if not self.trace or n == 0:
            return 0
        page = pa & ~<uint64_t>0xFFF
        while page < end:
            if self.in_ram(page):
                gpn = (page - self.ram_base) >> 12
                if self.tcount[gpn]:
                    lo = max(pa, page)
                    hi = min(end, page + 4096)
                    for c in list(self.tables_of[gpn]):
                        if self.t_level[c] == FREE:
                            continue
                        for i in range((lo & 0xFFF) >> 3, (((hi - 1) & 0xFFF) >> 3) + 1):
                            self.zap(c, i)
                    self.traced_writes += 1
                    self.flood[gpn] += 1
                    if self.flood_limit and self.flood[gpn] >= self.flood_limit:
                        self.unshadow(gpn)
            page += 4096
        self.commit()
        return 0

    def dma_write(self, uint64_t pa, uint64_t n):
        """Bus write observer: a device wrote guest memory."""
        self.guest_write(pa, n)

    # Drop the shadow tables of guest page gpn (write flooding), except the current root.
    cdef int unshadow(self, uint64_t gpn) except -2:
        cdef uint32_t c
        self.unshadows += 1
        for c in list(self.tables_of.get(gpn, ())):
            if self.t_level[c] == FREE:
                continue
            if self.t_root[c]:
                if <int>c != self.cur_root:
                    self.roots_evicted += 1
                    self.free_table(c)
                continue
            for ln in list(self.parents[c]):
                self.zap(ln // 512, ln % 512)
        self.flood[gpn] = 0
        return 0

    cdef int sfence(self, int by_va, uint64_t va, int by_asid) except -2:
        """The guest executed sfence.vma (or asked the SBI for a remote fence): under resync,
        re-read the guest entries behind the shadow and zap what changed."""
        cdef uint32_t c
        if self.trace:
            return 0
        self.resyncs += 1
        if by_va:
            for c in list(self.roots):
                if self.t_level[c] != FREE and key_view(self.t_key[c]) < V_BARE_M:
                    self.resync_va(c, va)
        else:
            live = [c for c in range(self.pool_pages) if self.t_level[c] != FREE and not key_direct(self.t_key[c])]
            for c in live:
                self.resync_table(c, by_asid)
        self.commit()
        return 0

    cdef int resync_va(self, uint32_t c, uint64_t va) except -2:
        cdef int lv, i
        cdef uint64_t spte, gpte = 0
        for lv in range(2, -1, -1):
            if self.t_level[c] == FREE or key_direct(self.t_key[c]):
                return 0
            i = (va >> (12 + 9 * lv)) & 0x1FF
            spte = self.tab(c)[i]
            if not (spte & PTE_V):
                return 0
            if not self.read_guest_entry(c, i, &gpte) or not self.matches(c, i, spte, gpte):
                self.zap(c, i)
                return 0
            if spte & (PTE_R | PTE_W | PTE_X):
                return 0
            c = self.child_of(spte)
        return 0

    cdef int resync_table(self, uint32_t c, int keep_global) except -2:
        cdef uint64_t* tb
        cdef uint64_t spte, gpte = 0
        cdef int i
        if self.t_level[c] == FREE:
            return 0
        tb = self.tab(c)
        for i in range(512):
            spte = tb[i]
            if not (spte & PTE_V) or (keep_global and (spte & SW_G)):
                continue
            if not self.read_guest_entry(c, i, &gpte) or not self.matches(c, i, spte, gpte):
                self.zap(c, i)
        return 0

    cdef int read_guest_entry(self, uint32_t c, int i, uint64_t* gpte) noexcept:
        cdef uint64_t pte_pa = key_base(self.t_key[c]) + 8 * <uint64_t>i
        if not self.in_ram(pte_pa) or not pmp_check(self.vs, pte_pa, 8, ACC_READ, PRV_S):
            return 0
        self.pte_reads += 1
        memcpy(gpte, self.ram + (pte_pa - self.ram_base), 8)
        return 1

    # Whether shadow entry i of (non-direct) table c still agrees with guest entry gpte.
    cdef int matches(self, uint32_t c, int i, uint64_t spte, uint64_t gpte) noexcept:
        cdef uint64_t key = self.t_key[c], ppn = (gpte >> 10) & PPN_MASK, page, want
        cdef int lv = self.t_level[c], view = key_view(key), sp, perms, fl
        if not (gpte & PTE_V) or ((gpte & PTE_W) and not (gpte & PTE_R)) or (gpte >> 54) != 0:
            return 0
        if not (spte & (PTE_R | PTE_W | PTE_X)):               # a link
            if gpte & (PTE_R | PTE_X):
                if not (gpte & PTE_A) or (ppn & ((<uint64_t>1 << (9 * lv)) - 1)) != 0:
                    return 0
                want = mkkey(ppn << 12, lv - 1, 1, view, sperm(view, gpte))
            else:
                if lv == 0:
                    return 0
                want = mkkey(ppn << 12, lv - 1, 0, view, 0)
            return self.t_key[self.child_of(spte)] == want
        if lv != 0 or not (gpte & (PTE_R | PTE_X)) or not (gpte & PTE_A):
            return 0
        page = ppn << 12
        if not self.in_ram(page):
            return 0
        perms = self.pmp_perms(page, view)
        if perms < 0:
            return 0
        fl = sperm(view, gpte) & perms
        if (fl & SP_W) and self.trace and self.tcount[(page - self.ram_base) >> 12]:
            fl &= ~SP_W
        return (spte & ~SW_G) == (PTE_V | PTE_U | PTE_A | PTE_D | (<uint64_t>fl << 1) | (ppn << 10))

    # ---- snapshots: the pool's metadata (the pool pages themselves are the bus's private memory) ----
    def get_state(self):
        """Every table's metadata, the reverse map, the roots, the per-guest-page counts, the
        pending flushes and the counters, as plain data (orders kept: they decide evictions)."""
        cdef uint32_t i, n = self.pool_pages
        return {
            "pool_pages": n,
            "tables": [[self.t_key[i], self.t_level[i], self.t_root[i], self.t_va[i], self.t_lru[i]] for i in range(n)],
            "free_stack": [self.free_stack[i] for i in range(self.nfree)],
            "index": [[k, v] for k, v in self.index.items()],
            "parents": self.parents,
            "tables_of": [[k, v] for k, v in self.tables_of.items()],
            "rmap": [[k, [list(e) for e in v]] for k, v in self.rmap.items()],
            "roots": self.roots,
            "tcount": [[i, self.tcount[i]] for i in range(self.guest_size // 4096 + 1) if self.tcount[i]],
            "flood": [[i, self.flood[i]] for i in range(self.guest_size // 4096 + 1) if self.flood[i]],
            "cur_root": self.cur_root, "cur_key": self.cur_key, "lru_clock": self.lru_clock,
            "pend_all": self.pend_all, "pend_va": [self.pend_va[i] for i in range(self.pend_n)],
            "counters": [getattr(self, name) for name in SHADOW_COUNTERS],
        }

    def set_state(self, st):
        """Restore get_state() into a ShadowMMU built with the same pool and policy."""
        cdef uint32_t i
        if st["pool_pages"] != self.pool_pages:
            raise ValueError("the saved shadow pool has another size")
        for i, (key, level, root, va, lru) in enumerate(st["tables"]):
            self.t_key[i], self.t_level[i], self.t_root[i], self.t_va[i], self.t_lru[i] = key, level, root, va, lru
        self.nfree = len(st["free_stack"])
        for i, page in enumerate(st["free_stack"]):
            self.free_stack[i] = page
        self.index = {k: v for k, v in st["index"]}
        self.parents = [None if links is None else list(links) for links in st["parents"]]
        self.tables_of = {k: list(v) for k, v in st["tables_of"]}
        self.rmap = {k: [tuple(e) for e in v] for k, v in st["rmap"]}
        self.roots = list(st["roots"])
        memset(self.tcount, 0, (self.guest_size // 4096 + 1) * sizeof(uint16_t))
        memset(self.flood, 0, (self.guest_size // 4096 + 1) * sizeof(uint32_t))
        for i, count in st["tcount"]:
            self.tcount[i] = count
        for i, count in st["flood"]:
            self.flood[i] = count
        self.cur_root, self.cur_key, self.lru_clock = st["cur_root"], st["cur_key"], st["lru_clock"]
        self.pend_all, self.pend_n = st["pend_all"], len(st["pend_va"])
        for i, va in enumerate(st["pend_va"]):
            self.pend_va[i] = va
        for name, value in zip(SHADOW_COUNTERS, st["counters"]):
            setattr(self, name, value)

    # ---- Python API ----
    def reset(self):
        self.reset_all()

    def live_tables(self):
        return self.pool_pages - self.nfree

    def stats(self):
        return {
            "policy": "trace" if self.trace else "resync",
            "flood_limit": self.flood_limit,
            "pool_pages": self.pool_pages,
            "live_tables": self.pool_pages - self.nfree,
            "live_roots": len(self.roots),
            "hidden_faults": self.hidden_faults,
            "true_faults": self.true_faults,
            "guest_pte_reads": self.pte_reads,
            "shadow_pte_writes": self.pte_writes,
            "tables_created": self.tables_created,
            "tables_freed": self.tables_freed,
            "roots_evicted": self.roots_evicted,
            "resets": self.resets,
            "write_protects": self.write_protects,
            "traced_writes": self.traced_writes,
            "unshadowed_for_flooding": self.unshadows,
            "resyncs": self.resyncs,
        }
