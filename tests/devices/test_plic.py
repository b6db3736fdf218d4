"""PLIC: registers, claim ordering, threshold, gateway, context outputs."""
import pytest

from pyvirt.devices.plic import Plic

MEIP, SEIP = 11, 9
M_CTX, S_CTX = 0, 1


def priority(n):
    return 4 * n


def enable(ctx, word=0):
    return 0x2000 + 0x80 * ctx + 4 * word


def threshold(ctx):
    return 0x200000 + 0x1000 * ctx


def claim(ctx):
    return 0x200004 + 0x1000 * ctx


@pytest.fixture
def plic(hart):
    return Plic(hart)


def setup_sources(plic, ctx, priorities):
    """Give each source its priority and enable them all for `ctx`."""
    mask = [0, 0]
    for source, prio in priorities.items():
        plic.write(priority(source), 4, prio)
        mask[source // 32] |= 1 << (source % 32)
    plic.write(enable(ctx, 0), 4, mask[0])
    plic.write(enable(ctx, 1), 4, mask[1])


def test_priority_is_masked_to_three_bits_and_source_0_reserved(plic):
    plic.write(priority(5), 4, 0xFF)
    assert plic.read(priority(5), 4) == 7
    plic.write(priority(0), 4, 3)
    assert plic.read(priority(0), 4) == 0
    assert plic.read(priority(54), 4) == 0


def test_pending_bits_follow_sources(plic):
    plic.set_source(3, True)
    plic.set_source(40, True)
    assert plic.read(0x1000, 4) == 1 << 3
    assert plic.read(0x1004, 4) == 1 << (40 - 32)
    plic.write(0x1000, 4, 0)                       # read-only
    assert plic.read(0x1000, 4) == 1 << 3


def test_enable_bit_0_and_bits_above_53_are_hardwired_zero(plic):
    plic.write(enable(M_CTX, 0), 4, 0xFFFF_FFFF)
    plic.write(enable(M_CTX, 1), 4, 0xFFFF_FFFF)
    assert plic.read(enable(M_CTX, 0), 4) == 0xFFFF_FFFE
    assert plic.read(enable(M_CTX, 1), 4) == (1 << 22) - 1    # sources 32..53
    assert plic.read(enable(S_CTX, 0), 4) == 0


def test_output_needs_enable_and_priority_above_threshold(plic, hart):
    plic.set_source(10, True)
    assert not hart.mip_bit(MEIP)
    plic.write(enable(M_CTX), 4, 1 << 10)
    assert not hart.mip_bit(MEIP)                  # priority 0 never interrupts
    plic.write(priority(10), 4, 2)
    assert hart.mip_bit(MEIP)
    plic.write(threshold(M_CTX), 4, 2)
    assert not hart.mip_bit(MEIP)
    assert plic.read(claim(M_CTX), 4) == 0         # nothing above the threshold
    plic.write(threshold(M_CTX), 4, 1)
    assert hart.mip_bit(MEIP)
    assert not hart.mip_bit(SEIP)


def test_claim_order_highest_priority_then_lowest_id(plic, hart):
    setup_sources(plic, M_CTX, {3: 1, 5: 3, 7: 3, 33: 2})
    for source in (7, 33, 3, 5):
        plic.set_source(source, True)
    claimed = [plic.read(claim(M_CTX), 4) for _ in range(5)]
    assert claimed == [5, 7, 33, 3, 0]
    assert plic.read(0x1000, 4) == 0               # claims cleared the pending bits
    assert not hart.mip_bit(MEIP)


def test_gateway_holds_claimed_source_until_complete(plic, hart):
    setup_sources(plic, M_CTX, {10: 1})
    plic.set_source(10, True)
    assert plic.read(claim(M_CTX), 4) == 10
    plic.set_source(10, False)
    plic.set_source(10, True)                      # still claimed: not re-pended
    assert plic.read(0x1000, 4) == 0
    assert not hart.mip_bit(MEIP)
    plic.write(claim(M_CTX), 4, 10)                # complete, line still high -> pending again
    assert plic.read(0x1000, 4) == 1 << 10
    assert hart.mip_bit(MEIP)


def test_complete_with_line_low_does_not_repend(plic, hart):
    setup_sources(plic, M_CTX, {10: 1})
    plic.set_source(10, True)
    assert plic.read(claim(M_CTX), 4) == 10
    plic.set_source(10, False)
    plic.write(claim(M_CTX), 4, 10)
    assert plic.read(0x1000, 4) == 0
    assert not hart.mip_bit(MEIP)


def test_pending_request_is_latched_when_line_drops(plic):
    setup_sources(plic, M_CTX, {4: 1})
    plic.set_source(4, True)
    plic.set_source(4, False)
    assert plic.read(claim(M_CTX), 4) == 4


def test_complete_ignored_when_not_enabled_for_context(plic):
    setup_sources(plic, M_CTX, {6: 1})
    plic.set_source(6, True)
    assert plic.read(claim(M_CTX), 4) == 6
    plic.write(claim(S_CTX), 4, 6)                 # S context does not enable source 6
    assert plic.read(0x1000, 4) == 0               # still claimed, not re-pended
    plic.write(claim(M_CTX), 4, 6)
    assert plic.read(0x1000, 4) == 1 << 6


def test_s_context_drives_seip(plic, hart):
    setup_sources(plic, S_CTX, {1: 1})
    plic.set_source(1, True)
    assert hart.mip_bit(SEIP) and not hart.mip_bit(MEIP)
    assert plic.read(claim(S_CTX), 4) == 1
    assert not hart.mip_bit(SEIP)


def test_output_changes_are_reported_once(plic, hart):
    setup_sources(plic, M_CTX, {2: 1, 3: 1})
    plic.set_source(2, True)
    plic.set_source(3, True)
    assert hart.mip_calls == [(MEIP, True)]


def test_out_of_range_sources_and_odd_accesses_are_ignored(plic, hart):
    plic.set_source(0, True)
    plic.set_source(54, True)
    assert plic.read(0x1000, 4) == 0 and plic.read(0x1004, 4) == 0
    plic.write(priority(1), 1, 5)
    assert plic.read(priority(1), 4) == 0
    assert plic.read(priority(1), 2) == 0
    assert plic.read(threshold(2), 4) == 0         # no third context
    assert hart.mip_calls == []


def test_state_round_trip(plic, hart):
    setup_sources(plic, M_CTX, {8: 5, 9: 1})
    plic.write(threshold(S_CTX), 4, 3)
    plic.set_source(8, True)
    plic.set_source(9, True)
    assert plic.read(claim(M_CTX), 4) == 8
    other_hart = type(hart)()
    restored = Plic(other_hart)
    restored.set_state(plic.get_state())
    assert restored.get_state() == plic.get_state()
    assert other_hart.mip_bit(MEIP)
    assert restored.read(claim(M_CTX), 4) == 9
    restored.set_source(8, True)
    assert restored.read(0x1000, 4) == 0           # 8 still claimed after the restore
    assert restored.stats() == {"claims": 2}
