# The CSR file: Zicsr instruction semantics with the privileged spec's access rules.
from libc.stdint cimport uint32_t, uint64_t
from pyvirt.machine.state cimport HartState

cdef int csr_insn(HartState* s, uint32_t insn, uint64_t* result) noexcept nogil
cdef int csr_read(HartState* s, int num, uint64_t* value) noexcept nogil
cdef int csr_write(HartState* s, int num, uint64_t value) noexcept nogil
cdef void csr_reset(HartState* s) noexcept nogil
