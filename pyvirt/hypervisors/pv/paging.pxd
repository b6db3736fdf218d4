from libc.stdint cimport uint8_t, uint32_t, uint64_t, int64_t
from pyvirt.machine.dirty cimport DirtyLog

cdef class DirectPaging:
    cdef uint8_t* ram
    cdef DirtyLog* log           # the bus's dirty log: the VMM's writes to guest frames are marked
    cdef uint64_t ram_base, ram_size, nframes
    cdef uint8_t* ftype          # 0: ordinary frame; 1 + level: a pinned page table of that level
    cdef uint32_t* wcount        # writable leaf mappings of the frame held in pinned tables
    cdef uint32_t* lcount        # non-leaf entries of pinned tables pointing at the frame
    cdef uint32_t* mcount        # leaf mappings (any permission) of the frame in pinned tables
    cdef uint64_t shared_frame   # the frame of the shared page (never a page table), or NO_FRAME
    cdef public uint64_t validated, pinned, unpinned, updates, refused, released_frames
    cdef int check_entry(self, uint64_t pte, int level) noexcept
    cdef void account(self, uint64_t pte, int level, int delta) noexcept
    cdef int pin(self, uint64_t table, int level) noexcept
    cdef int unpin(self, uint64_t table) noexcept
    cdef int update(self, uint64_t ptr, uint64_t val) noexcept
    cdef int is_root(self, uint64_t satp) noexcept
    cdef int frame_of(self, uint64_t pa, uint64_t* frame) noexcept
    cdef int release(self, uint64_t frame) noexcept
    cdef int64_t reclaim(self) noexcept
    cdef int revalidate_all(self) noexcept
