# The second stage of nested paging (hvm, docs/hvm.md): guest physical -> host physical.
from libc.stdint cimport uint64_t
from pyvirt.machine.state cimport HartState, EV_WALK_REF, CAT_PAGE_WALK


# Charge one page-walk memory reference (first or second stage). Not while the hvm VMM
# emulates an instruction by single-stepping it: the VMM charges its software walk itself.
cdef inline void walk_ref(HartState* s) noexcept nogil:
    cdef uint64_t c = s.event_cost[EV_WALK_REF]
    if s.vmcs.suppress:
        return
    s.walk_refs += 1
    s.cycles += c
    s.event_cycles += c
    s.cat_cycles[CAT_PAGE_WALK] += c

cdef int g_translate(HartState* s, uint64_t gpa, uint64_t* hpa) noexcept nogil
cdef int g_translate_table(HartState* s, uint64_t gpa, uint64_t* hpa) noexcept nogil
cdef void pwc_flush(HartState* s) noexcept nogil
