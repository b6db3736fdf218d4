# Physical memory protection (privileged spec 1.12, section 3.7): 16 entries.
from libc.stdint cimport uint64_t
from pyvirt.machine.state cimport HartState

cdef int pmp_check(HartState* s, uint64_t pa, uint64_t size, int acc, int priv) noexcept nogil
cdef int pmp_page_perms(HartState* s, uint64_t page_pa, int priv) noexcept nogil
cdef int pmp_csr_read(HartState* s, int num, uint64_t* value) noexcept nogil
cdef int pmp_csr_write(HartState* s, int num, uint64_t value) noexcept nogil
cdef int pmp_any_locked(HartState* s) noexcept nogil
cdef int pmp_has_fine_entries(HartState* s) noexcept nogil
