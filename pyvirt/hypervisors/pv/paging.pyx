# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
# Direct paging (docs/hypercall-abi.md, "Memory: direct paging"): the guest's own Sv39 tables
# are loaded in the hardware, so the VMM keeps every frame's type and reference counts, as
# Xen does, and validates each entry before it can be reached by a walk:
#   - a frame is an ordinary page or a pinned page table of one level (0, 1 or 2);
#   - a leaf maps only guest RAM, aligned for its level, and never a pinned table writable;
#   - a non-leaf entry points at a pinned table of the level below;
#   - reserved bits are zero, W implies R, and G is refused (the guest kernel's mappings are
#     user pages, kept apart from user mode by the separate user root, not by G).
# wcount (writable mappings held in pinned tables) keeps "no writable mapping of a table"
# true in both directions; lcount (links from pinned tables) keeps a linked table pinned;
# mcount (all mappings) lets a frame be given back (memory_op decrease) only when unmapped.
# A frame given back is RELEASED: no leaf may map it until memory_op increase returns it.
cimport cython
from libc.stdint cimport uint8_t, uint32_t, uint64_t, int64_t
from libc.string cimport memcpy, memset
from libc.stdlib cimport calloc, free
from pyvirt.machine.dirty cimport dirty_mark
from pyvirt.machine.state cimport PPN_MASK
from pyvirt.machine.mmu cimport PTE_V, PTE_R, PTE_W, PTE_X, PTE_G
from pyvirt.hypervisors.pv.abi cimport E_PERM, E_BUSY, E_INVAL, E_NOMEM

cdef uint64_t RESERVED = <uint64_t>0x3FF << 54
cdef uint64_t NO_FRAME = <uint64_t>-1
cdef uint8_t RELEASED = 0xFF


@cython.final
cdef class DirectPaging:
    def __cinit__(self, uint64_t ram_base, uint64_t ram_size):
        self.ram_base = ram_base
        self.ram_size = ram_size
        self.nframes = ram_size >> 12
        self.ftype = <uint8_t*>calloc(self.nframes, 1)
        self.wcount = <uint32_t*>calloc(self.nframes, 4)
        self.lcount = <uint32_t*>calloc(self.nframes, 4)
        self.mcount = <uint32_t*>calloc(self.nframes, 4)
        if not self.ftype or not self.wcount or not self.lcount or not self.mcount:
            raise MemoryError()
        self.shared_frame = NO_FRAME

    def __dealloc__(self):
        free(self.ftype)
        free(self.wcount)
        free(self.lcount)
        free(self.mcount)

    # frame_of: the RAM frame index of page-aligned guest-physical pa. 0, or -1 outside RAM.
    cdef int frame_of(self, uint64_t pa, uint64_t* frame) noexcept:
        if (pa & 0xFFF) or pa - self.ram_base >= self.ram_size:
            return -1
        frame[0] = (pa - self.ram_base) >> 12
        return 0

    # check_entry: whether pte may be stored at level in a pinned table (0 or -errno).
    cdef int check_entry(self, uint64_t pte, int level) noexcept:
        cdef uint64_t ppn, pa, span, f, first
        if not (pte & PTE_V):
            return 0
        self.validated += 1
        if (pte & RESERVED) or (pte & (PTE_W | PTE_R)) == PTE_W or (pte & PTE_G):
            return -E_INVAL
        ppn = (pte >> 10) & PPN_MASK
        pa = ppn << 12
        if not (pte & (PTE_R | PTE_W | PTE_X)):              # a pointer to the next level
            if level == 0 or self.frame_of(pa, &f) < 0 or self.ftype[f] != level:
                return -E_PERM
            return 0
        span = <uint64_t>1 << (9 * level)                    # frames a leaf of this level maps
        if ppn & (span - 1):
            return -E_INVAL
        if pa - self.ram_base >= self.ram_size or (span << 12) > self.ram_size - (pa - self.ram_base):
            return -E_PERM
        first = (pa - self.ram_base) >> 12
        for f in range(first, first + span):
            if self.ftype[f] == RELEASED or (self.ftype[f] and (pte & PTE_W)):
                return -E_PERM
        return 0

    # account: add delta to the counts an entry of a pinned table at level holds.
    cdef void account(self, uint64_t pte, int level, int delta) noexcept:
        cdef uint64_t pa, f, first, span
        if not (pte & PTE_V):
            return
        pa = ((pte >> 10) & PPN_MASK) << 12
        if not (pte & (PTE_R | PTE_W | PTE_X)):
            if self.frame_of(pa, &f) == 0:
                self.lcount[f] += delta
            return
        span = <uint64_t>1 << (9 * level)
        first = (pa - self.ram_base) >> 12
        for f in range(first, first + span):
            self.mcount[f] += delta
            if pte & PTE_W:
                self.wcount[f] += delta

    # pin: frame table becomes a page table of level after all 512 entries validate.
    cdef int pin(self, uint64_t table, int level) noexcept:
        cdef uint64_t f, i
        cdef uint64_t* e
        cdef int r
        if level < 0 or level > 2 or self.frame_of(table, &f) < 0:
            return -E_INVAL
        if self.ftype[f] == RELEASED:
            return -E_PERM
        if self.ftype[f] or f == self.shared_frame:
            return -E_BUSY
        if self.wcount[f]:
            return -E_PERM                       # a pinned table still maps it writable
        e = <uint64_t*>(self.ram + (table - self.ram_base))
        self.ftype[f] = 1 + level                # a self-mapping is checked as a table
        for i in range(512):
            r = self.check_entry(e[i], level)
            if r < 0:
                self.ftype[f] = 0
                self.refused += 1
                return r
        for i in range(512):
            self.account(e[i], level, 1)
        self.pinned += 1
        return 0

    # unpin: table stops being a page table; -EBUSY while a pinned table links it.
    cdef int unpin(self, uint64_t table) noexcept:
        cdef uint64_t f, i
        cdef uint64_t* e
        cdef int level
        if self.frame_of(table, &f) < 0 or not self.ftype[f] or self.ftype[f] == RELEASED:
            return -E_INVAL
        if self.lcount[f]:
            return -E_BUSY
        level = self.ftype[f] - 1
        e = <uint64_t*>(self.ram + (table - self.ram_base))
        for i in range(512):
            self.account(e[i], level, -1)
        self.ftype[f] = 0
        self.unpinned += 1
        return 0

    # update: the validated store *ptr = val (ptr 8-aligned guest RAM). 0 or -errno.
    cdef int update(self, uint64_t ptr, uint64_t val) noexcept:
        cdef uint64_t f
        cdef uint64_t* p
        cdef int level, r
        if (ptr & 7) or self.frame_of(ptr & ~<uint64_t>0xFFF, &f) < 0:
            return -E_INVAL
        p = <uint64_t*>(self.ram + (ptr - self.ram_base))
        self.updates += 1
        if self.ftype[f] == RELEASED:
            return -E_PERM
        if self.ftype[f]:
            level = self.ftype[f] - 1
            r = self.check_entry(val, level)
            if r < 0:
                self.refused += 1
                return r
            self.account(p[0], level, -1)
            self.account(val, level, 1)
        elif f == self.shared_frame:
            return -E_PERM
        p[0] = val
        dirty_mark(self.log, ptr - self.ram_base, 8)
        return 0

    # release: give guest frame back to the VMM (memory_op decrease): only an ordinary frame
    # no pinned table maps; its contents are scrubbed. 0 or -errno.
    cdef int release(self, uint64_t frame) noexcept:
        if frame >= self.nframes or frame == self.shared_frame:
            return -E_INVAL
        if self.ftype[frame] or self.mcount[frame]:
            return -E_BUSY
        memset(self.ram + (frame << 12), 0, 4096)
        dirty_mark(self.log, frame << 12, 4096)
        self.ftype[frame] = RELEASED
        self.released_frames += 1
        return 0

    # reclaim: return the lowest released frame to the guest (memory_op increase), or -ENOMEM.
    cdef int64_t reclaim(self) noexcept:
        cdef uint64_t f
        if self.released_frames == 0:
            return -E_NOMEM
        for f in range(self.nframes):
            if self.ftype[f] == RELEASED:
                self.ftype[f] = 0
                self.released_frames -= 1
                return <int64_t>f
        return -E_NOMEM

    # revalidate_all: check every pinned table again and recount from scratch. Before the
    # guest first turns translation on it can store to pinned tables directly (translation
    # off, only PMP confines it), so that first switch_as calls this. 0 or -errno.
    cdef int revalidate_all(self) noexcept:
        cdef uint64_t f, i
        cdef uint64_t* e
        cdef int r
        memset(self.wcount, 0, self.nframes * 4)
        memset(self.lcount, 0, self.nframes * 4)
        memset(self.mcount, 0, self.nframes * 4)
        for f in range(self.nframes):
            if self.ftype[f] and self.ftype[f] != RELEASED:
                e = <uint64_t*>(self.ram + (f << 12))
                for i in range(512):
                    r = self.check_entry(e[i], self.ftype[f] - 1)
                    if r < 0:
                        self.refused += 1
                        return r
                    self.account(e[i], self.ftype[f] - 1, 1)
        return 0

    # is_root: whether satp is Sv39 with a pinned root table.
    cdef int is_root(self, uint64_t satp) noexcept:
        cdef uint64_t f
        if (satp >> 60) != 8:
            return 0
        return self.frame_of((satp & PPN_MASK) << 12, &f) == 0 and self.ftype[f] == 3

    def set_shared_frame(self, uint64_t pa):
        """Reserve the shared page's frame (it may never become a page table). 0 or -errno."""
        cdef uint64_t f
        if self.frame_of(pa, &f) < 0:
            return -E_INVAL
        if self.ftype[f]:
            return -E_BUSY
        self.shared_frame = f
        return 0

    def frame_type(self, uint64_t pa):
        """-1 outside RAM, 0 ordinary, 1 + level for a pinned table (tests, statistics)."""
        cdef uint64_t f
        if self.frame_of(pa & ~<uint64_t>0xFFF, &f) < 0:
            return -1
        return self.ftype[f]

    def counts(self, uint64_t pa):
        """(mappings, writable mappings, links) of the frame of pa."""
        cdef uint64_t f
        if self.frame_of(pa & ~<uint64_t>0xFFF, &f) < 0:
            return None
        return self.mcount[f], self.wcount[f], self.lcount[f]

    def get_state(self):
        """Frame types, reference counts and counters as plain data (snapshots)."""
        n = self.nframes
        return {"ftype": bytes((<uint8_t*>self.ftype)[:n]), "wcount": bytes((<uint8_t*>self.wcount)[:4 * n]),
                "lcount": bytes((<uint8_t*>self.lcount)[:4 * n]), "mcount": bytes((<uint8_t*>self.mcount)[:4 * n]),
                "shared_frame": self.shared_frame, "counters": [self.validated, self.pinned, self.unpinned,
                                                                self.updates, self.refused, self.released_frames]}

    def set_state(self, st):
        """Restore get_state() (same RAM size)."""
        cdef const uint8_t[:] v
        cdef uint64_t n = self.nframes
        for name, width in (("ftype", 1), ("wcount", 4), ("lcount", 4), ("mcount", 4)):
            if len(st[name]) != width * n:
                raise ValueError(f"paging state {name}: {len(st[name])} bytes for {n} frames")
        v = st["ftype"]
        memcpy(self.ftype, &v[0], n)
        v = st["wcount"]
        memcpy(self.wcount, &v[0], 4 * n)
        v = st["lcount"]
        memcpy(self.lcount, &v[0], 4 * n)
        v = st["mcount"]
        memcpy(self.mcount, &v[0], 4 * n)
        self.shared_frame = st["shared_frame"]
        (self.validated, self.pinned, self.unpinned, self.updates, self.refused,
         self.released_frames) = st["counters"]

    def stats(self):
        return {"validated_ptes": self.validated, "pinned": self.pinned, "unpinned": self.unpinned,
                "updates": self.updates, "refused": self.refused, "released_frames": self.released_frames}
