# Traps, interrupts, xRET, timers and cycle accounting on a HartState.
from libc.stdint cimport uint64_t
from pyvirt.machine.state cimport HartState

cdef int take_trap(HartState* s, uint64_t cause, uint64_t tval, int interrupt) noexcept nogil
cdef int take_pending_interrupt(HartState* s) noexcept nogil
cdef uint64_t pending_interrupts(HartState* s) noexcept nogil
cdef void do_mret(HartState* s) noexcept nogil
cdef void do_sret(HartState* s) noexcept nogil
cdef void set_priv(HartState* s, int priv) noexcept nogil
cdef void account_segment(HartState* s) noexcept nogil
cdef void charge(HartState* s, int event, int category) noexcept nogil
cdef void charge_cycles(HartState* s, uint64_t cycles, int category) noexcept nogil
cdef uint64_t mtime(HartState* s) noexcept nogil
cdef void timer_update(HartState* s) noexcept nogil
cdef uint64_t next_timer_cycle(HartState* s) noexcept nogil
