# Shadow Sv39 page tables for trap mode (see shadow.pyx).
cimport cython
from libc.stdint cimport uint8_t, uint16_t, uint32_t, uint64_t
from pyvirt.machine.state cimport HartState
from pyvirt.machine.hart cimport Hart
from pyvirt.machine.bus cimport Bus

# views (V_*, shadow_view): pyvirt/machine/vmx.pxd
from pyvirt.machine.vmx cimport V_USER, V_SUM, V_MXR, V_BARE_M, V_BARE_SU, V_MPRV

# results of ShadowMMU.fill
cdef enum:
    F_OK = 0           # hidden fault: the shadow now maps the access; retry the instruction
    F_FAULT = 1        # true fault: reflect *cause into the guest (tval = the address)
    F_MMIO = 2         # a device: emulate the instruction against the device model
    F_PTWRITE = 3      # a write to a traced guest page-table page: emulate it
    F_EMULATE = 4      # emulate the access (MPRV data access, page split by the guest's PMP)

@cython.final
cdef class ShadowMMU:
    cdef Hart hart
    cdef HartState* ps              # physical hart
    cdef HartState* vs              # virtual hart
    cdef Bus bus
    cdef uint8_t* ram               # host address of guest physical ram_base
    cdef uint64_t ram_base
    cdef uint64_t guest_size
    cdef uint64_t pool_pa           # physical address of pool page 0
    cdef uint32_t pool_pages
    cdef readonly int trace         # 1: trace (write-protect guest tables), 0: resync on sfence.vma
    cdef uint32_t max_roots
    cdef uint32_t flood_limit       # emulated writes without a walk before a table is dropped (0: never)
    # per pool page
    cdef uint64_t* t_key
    cdef uint8_t* t_level           # 0xFF: free
    cdef uint8_t* t_root
    cdef uint64_t* t_va             # VA of the region the table maps (for TLB flushes), or a marker
    cdef uint64_t* t_lru
    cdef uint32_t* free_stack
    cdef uint32_t nfree
    cdef dict index                 # key -> pool page
    cdef list parents               # pool page -> list of links (parent page * 512 + entry)
    cdef dict tables_of             # guest page number -> pool pages shadowing that guest table
    cdef dict rmap                  # guest page number -> [(shadow PTE pa, va)] writable leaves (trace)
    cdef list roots                 # live root pool pages
    cdef uint16_t* tcount           # per guest page: number of shadow tables of it (traced if > 0)
    cdef uint32_t* flood             # per guest page: emulated writes since the last fill walked it
    cdef readonly int cur_root
    cdef uint64_t cur_key
    cdef uint64_t lru_clock
    # pending physical TLB flushes
    cdef int pend_all
    cdef int pend_n
    cdef uint64_t pend_va[8]
    # counters (costed by the core: pte_reads, pte_writes)
    cdef public uint64_t pte_reads       # guest page-table reads (and A/D updates) by the VMM
    cdef public uint64_t pte_writes      # shadow PTEs written (installed, changed or cleared)
    cdef public uint64_t hidden_faults
    cdef public uint64_t true_faults
    cdef public uint64_t tables_created
    cdef public uint64_t tables_freed
    cdef public uint64_t roots_evicted
    cdef public uint64_t resets
    cdef public uint64_t write_protects  # writable leaves downgraded when a page became a table
    cdef public uint64_t traced_writes   # emulated writes into traced table pages
    cdef public uint64_t unshadows       # tables dropped for write flooding
    cdef public uint64_t resyncs         # resync passes (sfence.vma under the resync policy)

    cdef uint64_t* tab(self, uint32_t c) noexcept
    cdef uint64_t page_pa(self, uint32_t c) noexcept
    cdef uint32_t child_of(self, uint64_t pte) noexcept
    cdef int in_ram(self, uint64_t pa) noexcept
    cdef int alloc(self, uint64_t key, int level) except -2
    cdef int free_table(self, uint32_t c) except -2
    cdef void flush_va(self, uint64_t va) noexcept
    cdef int commit(self) noexcept
    cdef uint64_t leaf_va(self, uint32_t c, int i) noexcept
    cdef int zap(self, uint32_t c, int i) except -2
    cdef int link(self, uint32_t c, int i, uint64_t key, int level, uint64_t va, uint64_t glob) except -2
    cdef void _note_va(self, uint32_t c, uint64_t va) noexcept
    cdef int set_leaf(self, uint32_t c, int i, uint64_t new, uint64_t va) noexcept
    cdef int rmap_add(self, uint64_t gpn, uint64_t pte_pa, uint64_t va) except -2
    cdef int _maps_writable(self, uint64_t pte_pa, uint64_t gpn) noexcept
    cdef int protect(self, uint64_t gpn) except -2
    cdef uint64_t root_key(self, int view) noexcept
    cdef int evict_lru(self) except -2
    cdef uint64_t activate(self, int view) except? 0
    cdef int reset_all(self) except -2
    cdef int ensure_free(self, int view) except -2
    cdef int fill(self, uint64_t va, int acc, int view, uint64_t* pa, int* cause) except -2
    cdef int true_fault(self, int c, int* cause) noexcept
    cdef int fill_bare(self, uint64_t va, int acc, int view, uint64_t* pa, int* cause) except -2
    cdef int not_ram(self, uint64_t pa, int acc, int* cause) except -2
    cdef int pmp_perms(self, uint64_t page_pa, int view) noexcept
    cdef int leaf(self, uint32_t c, int i, uint64_t pa, int sp, int acc, int view, uint64_t va, uint64_t glob, int* cause) except -2
    cdef int guest_write(self, uint64_t pa, uint64_t n) except -2
    cdef int unshadow(self, uint64_t gpn) except -2
    cdef int sfence(self, int by_va, uint64_t va, int by_asid) except -2
    cdef int resync_va(self, uint32_t c, uint64_t va) except -2
    cdef int resync_table(self, uint32_t c, int keep_global) except -2
    cdef int read_guest_entry(self, uint32_t c, int i, uint64_t* gpte) noexcept
    cdef int matches(self, uint32_t c, int i, uint64_t spte, uint64_t gpte) noexcept
    cdef inline int traced(self, uint64_t pa) noexcept:
        cdef uint64_t off = pa - self.ram_base
        return self.trace and off < self.guest_size and self.tcount[off >> 12] != 0
