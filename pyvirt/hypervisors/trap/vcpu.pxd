# The virtual hart of trap mode: a HartState that never executes. The guest's instructions run
# on the physical hart; the VMM applies the machine's own CSR, trap, xRET, interrupt and timer
# functions (csr.pyx, trap.pyx, mmu.pyx) to this state when it emulates what trapped.
from libc.stdint cimport uint64_t
from pyvirt.machine.state cimport HartState
from pyvirt.machine.hart cimport Hart

cdef class VirtualHart:
    cdef HartState st
    cdef Hart phys                 # the physical hart (time base, stop requests)
    cdef public object on_change   # callable() after a device changed a line or a timer compare
    cdef void sync(self) noexcept  # copy time, retired-instruction and event counters from the physical hart
