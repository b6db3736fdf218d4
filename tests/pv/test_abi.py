"""The hypercall ABI (docs/hypercall-abi.md), each hypercall and its abuse: a request that
would break isolation or the VMM's invariants is refused with an error code and changes
nothing."""
from tests.pv.harness import (EBUSY, EFAULT, EINVAL, EPERM, G, R, UART, UNPIN, W, X, frame, leaf, link, pv,  # noqa: F401
                              satp)

REQS = frame(100)          # an ordinary frame for request arrays


def test_pin_validates_every_entry(pv):
    pv.put(frame(0), leaf(frame(10)))
    pv.put(frame(0) + 8, leaf(frame(11), R))
    assert pv.pin(frame(0), 0) == 0
    assert pv.paging.frame_type(frame(0)) == 1
    assert pv.paging.counts(frame(10)) == (1, 1, 0)     # mapped once, writable
    assert pv.paging.counts(frame(11)) == (1, 0, 0)
    assert pv.pin(frame(0), 0) == EBUSY                  # already pinned


def test_leaves_map_only_guest_ram(pv):
    pv.put(frame(0), leaf(UART))
    assert pv.pin(frame(0), 0) == EPERM
    pv.put(frame(0), leaf(0x8000_0000 + (128 << 20)))   # the first frame past RAM
    assert pv.pin(frame(0), 0) == EPERM
    assert pv.paging.frame_type(frame(0)) == 0            # nothing pinned


def test_bad_bits_are_refused(pv):
    assert pv.pin(frame(0), 0) == 0
    for bad in (leaf(frame(10), W), leaf(frame(10)) | G, leaf(frame(10)) | (1 << 60)):
        pv.requests(REQS, [(frame(0), bad)])
        assert pv.call("mmu_update", REQS, 1, 0) == EINVAL
    assert pv.get(frame(0)) == 0


def test_no_writable_mapping_of_a_page_table(pv):
    assert pv.pin(frame(0), 0) == 0
    assert pv.pin(frame(1), 0) == 0
    pv.requests(REQS, [(frame(0), leaf(frame(1)))])
    assert pv.call("mmu_update", REQS, 1, 0) == EPERM      # writable mapping of a pinned table
    pv.requests(REQS, [(frame(0), leaf(frame(1), R))])
    assert pv.call("mmu_update", REQS, 1, 0) == 0          # read-only is fine
    pv.requests(REQS, [(frame(0) + 8, leaf(frame(2)))])
    assert pv.call("mmu_update", REQS, 1, 0) == 0
    assert pv.pin(frame(2), 0) == EPERM                     # it is mapped writable
    pv.requests(REQS, [(frame(0) + 8, leaf(frame(2), R))])
    assert pv.call("mmu_update", REQS, 1, 0) == 0
    assert pv.pin(frame(2), 0) == 0


def test_a_table_mapping_itself_writable_cannot_be_pinned(pv):
    pv.put(frame(0), leaf(frame(0)))
    assert pv.pin(frame(0), 0) == EPERM


def test_links_point_at_pinned_tables_of_the_level_below(pv):
    assert pv.pin(frame(0), 0) == 0
    assert pv.pin(frame(1), 1) == 0
    assert pv.pin(frame(2), 2) == 0
    for target, expected in ((frame(3), EPERM), (frame(0), EPERM), (frame(1), 0)):
        pv.requests(REQS, [(frame(2), link(target))])
        assert pv.call("mmu_update", REQS, 1, 0) == expected
    pv.requests(REQS, [(frame(1), link(frame(0)))])
    assert pv.call("mmu_update", REQS, 1, 0) == 0
    pv.requests(REQS, [(frame(0), link(frame(0)))])        # no pointer at level 0
    assert pv.call("mmu_update", REQS, 1, 0) == EPERM
    assert pv.call("mmuext_op", UNPIN, frame(1)) == EBUSY  # still linked from the root
    pv.requests(REQS, [(frame(2), 0)])
    assert pv.call("mmu_update", REQS, 1, 0) == 0
    assert pv.call("mmuext_op", UNPIN, frame(1)) == 0


def test_superpages_must_be_aligned(pv):
    assert pv.pin(frame(0), 1) == 0
    pv.requests(REQS, [(frame(0), leaf(0x8020_1000))])
    assert pv.call("mmu_update", REQS, 1, 0) == EINVAL
    pv.requests(REQS, [(frame(0), leaf(0x8040_0000, R | X))])
    assert pv.call("mmu_update", REQS, 1, 0) == 0
    assert pv.paging.counts(0x8040_0000 + 511 * 4096) == (1, 0, 0)


def test_switch_as_needs_pinned_roots_and_a_loaded_root_stays_pinned(pv):
    assert pv.call("switch_as", satp(frame(2)), 1, 0) == EINVAL
    assert pv.pin(frame(2), 2) == 0
    assert pv.pin(frame(3), 2) == 0
    assert pv.call("switch_as", satp(frame(2)), 1, satp(frame(4))) == EINVAL
    assert pv.call("switch_as", satp(frame(2)), 1, satp(frame(3))) == 0
    assert pv.vmm.hart.read_csr(0x180) == satp(frame(2)) | (1 << 44)   # the kernel root, ASID 1
    assert pv.call("mmuext_op", UNPIN, frame(2)) == EBUSY
    assert pv.call("mmuext_op", UNPIN, frame(3)) == EBUSY


def test_first_switch_revalidates_tables_changed_while_translation_was_off(pv):
    assert pv.pin(frame(0), 0) == 0
    assert pv.pin(frame(2), 2) == 0
    pv.put(frame(0), leaf(frame(2)))           # a store the guest made with translation off
    assert pv.call("switch_as", satp(frame(2)), 1, 0) == EPERM
    pv.put(frame(0), 0)
    assert pv.call("switch_as", satp(frame(2)), 1, 0) == 0


def test_mmu_update_limits_and_partial_batches(pv):
    assert pv.pin(frame(0), 0) == 0
    assert pv.call("mmu_update", REQS, 2049, 0) == EINVAL
    assert pv.call("mmu_update", 0x1000_0000, 1, 0) == EINVAL
    assert pv.call("mmu_update", REQS + 4, 1, 0) == EINVAL
    pv.requests(REQS, [(frame(0), leaf(frame(10)))])
    assert pv.call("mmu_update", REQS, 1, frame(0) + 8) == EFAULT   # `done` inside a page table
    pv.requests(REQS, [(frame(0), leaf(frame(10))), (frame(0) + 8, leaf(UART)), (frame(0) + 16, leaf(frame(11)))])
    done = frame(101)
    assert pv.call("mmu_update", REQS, 3, done) == EPERM
    assert pv.get(done) == 1
    assert pv.get(frame(0)) == leaf(frame(10)) and pv.get(frame(0) + 8) == 0 and pv.get(frame(0) + 16) == 0


def test_multicall(pv):
    calls = frame(102)
    entries = [(6, 0, 0), (12, 0, 0), (6, 0, 0)]          # tlb_flush, trap_return (refused), tlb_flush
    for i, (op, a0, a1) in enumerate(entries):
        base = calls + 64 * i
        pv.put(base, op)
        pv.put(base + 8, a0)
        pv.put(base + 16, a1)
        pv.put(base + 56, 0x5A5A)
    assert pv.call("multicall", calls, 3) == 0
    assert pv.get(calls + 56) == 0
    assert pv.get(calls + 64 + 56) == EINVAL & (2**64 - 1)
    assert pv.get(calls + 128 + 56) == 0x5A5A                # not run after the failure
    assert pv.call("multicall", calls, 65) == EINVAL
    assert pv.call("multicall", 0x1000_0000, 1) == EINVAL


def test_update_va_mapping_and_tlb_flush(pv):
    assert pv.pin(frame(0), 0) == 0
    assert pv.call("update_va_mapping", frame(0), leaf(frame(10)), 0x1000) == 0
    assert pv.get(frame(0)) == leaf(frame(10))
    assert pv.call("update_va_mapping", frame(0), leaf(frame(0)), 0x1000) == EPERM
    assert pv.call("tlb_flush", 0, 2) == EINVAL
    assert pv.call("tlb_flush", 0x1000, 1) == 0


def test_memory_reservation(pv):
    assert pv.pin(frame(0), 0) == 0
    pv.requests(REQS, [(frame(0), leaf(frame(10), R))])
    assert pv.call("mmu_update", REQS, 1, 0) == 0
    gfns = frame(103)
    pv.put(frame(11), 0x1234)
    pv.put(gfns, frame(11) >> 12)
    pv.put(gfns + 8, frame(10) >> 12)                       # still mapped: not given back
    assert pv.call("memory_op", 1, gfns, 2) == 1
    assert pv.get(frame(11)) == 0                            # scrubbed
    pv.requests(REQS, [(frame(0) + 8, leaf(frame(11), R))])
    assert pv.call("mmu_update", REQS, 1, 0) == EPERM        # released: may not be mapped
    assert pv.pin(frame(11), 0) == EPERM
    assert pv.call("memory_op", 0, gfns, 2) == 1              # only one frame to give back
    assert pv.get(gfns) == frame(11) >> 12
    assert pv.call("memory_op", 0, gfns, 1) == 0
    assert pv.call("mmu_update", REQS, 1, 0) == 0
    assert pv.call("memory_op", 2, gfns, 1) == EINVAL


def test_shared_page(pv):
    assert pv.call("set_callbacks", 0x8020_0000, frame(20) + 8) == EINVAL
    assert pv.call("set_callbacks", 0x8020_0000, 0x1000_0000) == EINVAL
    assert pv.pin(frame(21), 0) == 0
    assert pv.call("set_callbacks", 0x8020_0000, frame(21)) == EBUSY   # a page table
    assert pv.call("set_callbacks", 0x8020_0000, frame(20)) == 0
    assert pv.pin(frame(20), 0) == EBUSY
    assert pv.core.raise_event(5) and pv.core.event_pending(5)
    assert not pv.core.raise_event(128)


def test_set_timer_and_sched_op(pv):
    assert pv.call("set_timer", 12345) == 0 and pv.core.deadline == 12345
    assert pv.call("sched_op", 0, 0) == 0 and pv.call("sched_op", 3, 0) == 0
    assert pv.call("sched_op", 7, 0) == EINVAL


def test_unknown_hypercall(pv):
    assert pv.core.hypercall_now(99) == -38
