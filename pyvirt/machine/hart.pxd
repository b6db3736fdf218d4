from libc.stdint cimport uint32_t, uint64_t
from pyvirt.machine.state cimport HartState
from pyvirt.machine.bus cimport Bus

cdef class Hart:
    cdef HartState st
    cdef Bus bus
    cdef public object console_write    # callable(bytes) for HTIF console output
    cdef uint64_t fault_va              # the faulting address of the last slow load/store
    cdef int _run(self, uint64_t budget) except -2
    cdef int _check(self) except -2
    cdef int _exception(self, int cause, uint64_t tval) noexcept
    cdef int _fetch_cross(self, uint64_t pc, uint32_t* insn) noexcept
    cdef int _load_slow(self, uint64_t va, int size, uint64_t* value) except -2
    cdef int _store_slow(self, uint64_t va, int size, uint64_t value) except -2
    cdef int _phys_read(self, uint64_t pa, int size, uint64_t* value, int cause) except -2
    cdef int _phys_write(self, uint64_t pa, int size, uint64_t value, int cause) except -2
    cdef int _amo(self, uint32_t insn) except -2
    cdef int _system(self, uint32_t insn, uint64_t next_pc) except -2
    cdef int _wfi(self) noexcept
    cdef void _tohost_written(self) except *

cdef dict state_of(HartState* s)                     # a HartState as plain data (snapshots)
cdef void load_state(HartState* s, st) except *      # and back
