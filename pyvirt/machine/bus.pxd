# The physical address space: guest RAM (one host buffer) and MMIO regions.
from libc.stdint cimport uint8_t, uint64_t
from pyvirt.machine.dirty cimport DirtyLog

cdef enum:
    MAX_REGIONS = 64

cdef class Bus:
    cdef uint8_t* ram
    cdef readonly uint64_t ram_base
    cdef readonly uint64_t ram_size
    cdef readonly uint64_t private_size   # host-private memory right after RAM (a VMM's pool)
    cdef DirtyLog log                     # pages written since the last clear (live migration)
    cdef public object write_observer     # callable(pa, n) told of every GuestMemory write (or None)
    cdef int nregions
    cdef uint64_t region_base[MAX_REGIONS]
    cdef uint64_t region_size[MAX_REGIONS]
    cdef uint64_t region_reads[MAX_REGIONS]
    cdef uint64_t region_writes[MAX_REGIONS]
    cdef list devices
    cdef int find(self, uint64_t pa, uint64_t size) noexcept
    cdef int mmio_read(self, uint64_t pa, int size, uint64_t* value) except -2
    cdef int mmio_write(self, uint64_t pa, int size, uint64_t value) except -2
    cdef uint8_t* _ram_range(self, uint64_t pa, uint64_t n) except NULL
