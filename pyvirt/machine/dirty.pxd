# The dirty log of live migration (docs/migration.md): which 4 KiB pages of host memory (guest
# RAM, then a VMM's private pool) were written since the log was last cleared. The Bus owns
# it; every HartState and every VMM part that writes guest memory points at it. It is a
# host-side record: marking never charges cycles or touches a counter the guest or the
# statistics can see.
from libc.stdint cimport uint8_t, uint64_t

ctypedef struct DirtyLog:
    uint8_t* map         # one byte per page from ram_base: 1 = written since the last clear
    int on               # logging; off: nothing is marked

# Note a write of n > 0 bytes at offset bytes from ram_base (inside host memory).
cdef inline void dirty_mark(DirtyLog* log, uint64_t offset, uint64_t n) noexcept nogil:
    cdef uint64_t page
    if log.on:
        for page in range(offset >> 12, ((offset + n - 1) >> 12) + 1):
            log.map[page] = 1
