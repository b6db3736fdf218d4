"""Nested paging: a TLB miss walks both dimensions, every reference counted and charged. For a
guest walk of n levels over a second stage of m levels: n*m + n + m references ([B08]: 15 for
Sv39 over Sv39x4 with 4 KiB pages), m for a guest in Bare mode; the page-walk cache removes the
second-stage walks of guest table pages it holds."""
import io

import pytest

from pyvirt.config import MachineConfig
from pyvirt.console import Console
from pyvirt.hypervisors import create
from tests.machine import asm as A
from tests.test_prebuilt import PREBUILT

RAM = 0x8000_0000
PT, CODE, DATA = RAM + 0x40_0000, RAM + 0x50_0000, RAM + 0x60_0000
LEAF = 0x1 | 0x2 | 0x4 | 0x8 | 0x40 | 0x80          # V R W X A D (supervisor)
SV39 = 8 << 60
N = 3                                              # guest levels (4 KiB leaves)
M = {"4k": 3, "2m": 2, "1g": 1}                    # second-stage levels by largest page


def machine(controls, mem=128 << 20):
    config = MachineConfig(kernel=str(PREBUILT / "hello.elf"), mode="hvm", bios="none", profile="unit",
                           hvm=controls, mem_bytes=mem)
    vmm = create(config, console=Console(io.BytesIO()))
    vmm.boot()
    return vmm


def one_load(vmm, paging):
    """Run `ld a0, 0(a1)` at CODE in S-mode (Sv39 with 4 KiB identity pages, or Bare) with an
    empty TLB; return the hart's walk references, the second stage's, and its counters."""
    bus, hart = vmm.board.bus, vmm.hart
    bus.write_u32(CODE, A.ld(10, 11, 0))
    bus.write_u64(DATA, 0x1234)
    if paging:
        bus.write_u64(PT + 8 * 2, ((PT + 0x1000) >> 12) << 10 | 1)            # root -> L1 (VA 2 GiB)
        bus.write_u64(PT + 0x1000 + 8 * ((CODE >> 21) & 0x1FF), ((PT + 0x2000) >> 12) << 10 | 1)
        bus.write_u64(PT + 0x2000 + 8 * ((CODE >> 12) & 0x1FF), (CODE >> 12) << 10 | LEAF)
        bus.write_u64(PT + 0x1000 + 8 * ((DATA >> 21) & 0x1FF), ((PT + 0x3000) >> 12) << 10 | 1)
        bus.write_u64(PT + 0x3000 + 8 * ((DATA >> 12) & 0x1FF), (DATA >> 12) << 10 | LEAF)
    hart.write_csr(0x3B0, (1 << 54) - 1)                # PMP: all memory for S-mode
    hart.write_csr(0x3A0, 0x1F)
    hart.write_csr(0x180, SV39 | (PT >> 12) if paging else 0)
    hart.priv = 1
    hart.pc = CODE
    hart.set_reg(11, DATA)
    vmm.vmx.enter(0)
    hart.flush_tlb()
    before = (hart.stats()["tlb"]["walk_refs"], vmm.vmx.counters())
    assert hart.run(1) == 0 and hart.get_reg(10) == 0x1234
    after = (hart.stats()["tlb"]["walk_refs"], vmm.vmx.counters())
    return after[0] - before[0], {k: after[1][k] - before[1][k] for k in after[1]}


@pytest.mark.parametrize("page,mem", [("4k", 128 << 20), ("2m", 128 << 20), ("1g", 1 << 30)])
def test_two_dimensional_walk_references(page, mem):
    m = M[page]
    refs, counters = one_load(machine(f"ept-page={page}", mem), paging=True)
    assert refs == 2 * (N * m + N + m)                 # the fetch and the load each miss
    assert counters["ept_refs"] == 2 * (N * m + m) and counters["walks_2d"] == 2
    if page == "4k":
        assert refs == 30                              # [B08]: 15 per miss for Sv39 over Sv39x4


@pytest.mark.parametrize("page", ["4k", "2m"])
def test_bare_guest_walks_the_second_stage_only(page):
    refs, counters = one_load(machine(f"ept-page={page}"), paging=False)
    assert refs == counters["ept_refs"] == 2 * M[page]


def test_page_walk_cache_skips_the_second_stage_of_cached_table_pages():
    refs, counters = one_load(machine("pwc=on"), paging=True)
    # the fetch's walk fills the cache with the root and the L1 table; the load's walk shares
    # them and walks the second stage only for its own L0 table and its data page
    assert counters["pwc_hits"] == 2
    assert refs == (N * 3 + N + 3) + (1 * 3 + N + 3)


def test_every_reference_is_charged():
    vmm = machine("")
    refs, _ = one_load(vmm, paging=True)
    stats = vmm.hart.stats()
    assert stats["cycles"]["by_category"]["page_walk"] == stats["tlb"]["walk_refs"]   # unit profile: 1 each
