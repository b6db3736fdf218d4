"""Shadow paging: coherence with guest page tables that change all the time (ptchurn.c, an S
kernel that rewrites, remaps, shares and frees its tables; the bundled kernel's fork/exec/
munmap), under both coherence policies and under cache pressure (a tiny pool, few roots)."""
import pytest

from tests.test_guest_kernel import KERNEL, functional
from tests.test_isa import programs_dir  # noqa: F401 (fixture)
from tests.machine import asm as A

from .harness import DATA, PAGES, POLICIES, Probe, log_records, run, same_everywhere


@pytest.fixture(scope="module")
def ptchurn(programs_dir):  # noqa: F811
    elf = programs_dir / "diff" / "ptchurn.elf"
    return elf, run(elf, "native")


@pytest.mark.parametrize("policy", POLICIES)
def test_ptchurn_coherent(ptchurn, policy):
    elf, native = ptchurn
    assert native.status == 0 and "checksum=" in native.output
    trap = run(elf, "trap", policy=policy)
    assert (trap.status, trap.output) == (native.status, native.output)
    shadow = trap.stats["trap"]["shadow"]
    assert shadow["hidden_faults"] > 0 and shadow["true_faults"] > 0
    if policy == "trace":
        # table pages were written while shadowed, downgraded in place, dropped for flooding
        assert shadow["traced_writes"] > 0 and shadow["write_protects"] > 0
        assert shadow["unshadowed_for_flooding"] > 0 and shadow["resyncs"] == 0
    else:
        assert shadow["resyncs"] > 0 and shadow["traced_writes"] == shadow["write_protects"] == 0


@pytest.mark.parametrize("policy", POLICIES)
@pytest.mark.parametrize("pool_pages,roots", [(16, 2), (24, 3)])
def test_ptchurn_under_cache_pressure(ptchurn, policy, pool_pages, roots):
    elf, native = ptchurn
    trap = run(elf, "trap", policy=policy, shadow_pool_bytes=pool_pages * 4096, shadow_roots=roots)
    assert (trap.status, trap.output) == (native.status, native.output)
    shadow = trap.stats["trap"]["shadow"]
    assert shadow["live_roots"] <= roots and shadow["live_tables"] <= pool_pages
    assert shadow["roots_evicted"] > 0 or shadow["resets"] > 2


@pytest.mark.parametrize("policy", POLICIES)
def test_kernel_with_a_small_shadow_cache(policy):
    append = "run forkwait 20; run mmap 50; run pgfault 200; run ctxsw 50"
    native = run(KERNEL, "native", bios="builtin", append=append)
    trap = run(KERNEL, "trap", bios="builtin", append=append, policy=policy,
               shadow_pool_bytes=32 * 4096, shadow_roots=3)
    assert trap.status == native.status == 0, trap.vmm.diagnostic
    assert functional(trap.output) == functional(native.output)
    assert trap.stats["trap"]["shadow"]["roots_evicted"] > 0


def test_same_run_twice_is_deterministic(ptchurn):
    elf, _ = ptchurn
    a, b = (run(elf, "trap", profile="default") for _ in range(2))
    assert a.stats == b.stats


# ---- hidden and true faults ----
def _paging_probe(touch):
    """S-mode touches window pages 0..7 at VA 0x4000_0000 (0-3 mapped, 4-7 not) in the
    order given; M counts every trap in the log."""
    p = Probe()
    root, l1, l0 = PAGES, PAGES + 0x1000, PAGES + 0x2000
    p.li("t1", root).li("t2", ((0x8000_0000 >> 12) << 10) | 0xCF).sd("t2", "t1", 16)
    p.li("t2", 0xC7).sd("t2", "t1", 0)
    p.li("t2", ((l1 >> 12) << 10) | 1).sd("t2", "t1", 8)
    p.li("t1", l1).li("t2", ((l0 >> 12) << 10) | 1).sd("t2", "t1", 0)
    p.li("t1", l0)
    for i in range(4):
        p.li("t2", (((DATA + 0x1000 * i) >> 12) << 10) | 0xC7).sd("t2", "t1", 8 * i)
    p.li("t0", (8 << 60) | (root >> 12)).csrw("satp", "t0").emit(A.sfence_vma(0, 0))
    p.to_mode(A.PRV_S, "s")
    p.label("s")
    for i in touch:
        p.li("a0", 0x4000_0000 + 0x1000 * i + 8).ld("a1", "a0", 0)
    p.ecall().csrw("satp", "zero").finish()
    return p


def test_hidden_and_true_faults_are_counted_apart(tmp_path):
    touch = [0, 1, 0, 4, 2, 5, 1, 3, 4]           # 4 distinct mapped pages, 3 unmapped accesses
    native, traps = same_everywhere(tmp_path, _paging_probe(touch))
    page_faults = [r for r in log_records(native) if r[0] == 13]
    assert len(page_faults) == 3
    for trap in traps.values():
        st = trap.stats["trap"]
        assert st["shadow"]["true_faults"] == st["by_reason"]["guest_page_fault"]["exits"] == 3
        # each mapped data page once, plus the code, log and table pages S itself touches
        assert st["shadow"]["hidden_faults"] == st["by_reason"]["shadow_fill"]["exits"] >= 4
        more = run(trap.vmm.config.kernel, "trap", policy=trap.vmm.config.shadow_policy).stats["trap"]
        assert more["shadow"] == st["shadow"]


def test_hidden_faults_grow_with_distinct_pages_only(tmp_path):
    few = same_everywhere(tmp_path / "a", _paging_probe([0, 0, 0, 0]))[1]["trace"]
    many = same_everywhere(tmp_path / "b", _paging_probe([0, 1, 2, 3]))[1]["trace"]
    assert many.stats["trap"]["shadow"]["hidden_faults"] - few.stats["trap"]["shadow"]["hidden_faults"] == 3
