"""The [AA06] shape under the p4-2006 profile: system calls and exceptions cost what they cost
natively (no exits), a device access pays a VM exit and entry (far above native); with shadow
paging (AA06's first-generation VT-x) page-table updates and page faults exit (far above
native), with nested paging they need no VMM (close to native) but TLB misses pay the 2D walk."""
import re

import pytest

from tests.test_guest_kernel import KERNEL
from tests.trap.harness import run


def per_iter(mode, workload, **extra):
    r = run(KERNEL, mode, bios="builtin", append=f"run {workload}", profile="p4-2006", max_insns=50_000_000,
            **extra)
    assert r.status == 0, r.vmm.diagnostic
    return float(re.search(r"per_iter=([0-9.]+)", r.output).group(1))


@pytest.mark.parametrize("mmu,workload,low,high", [
    ("nested", "syscall 300", 0.98, 1.05), ("nested", "exc 300", 0.98, 1.05), ("nested", "ptemod 300", 0.98, 1.05),
    ("nested", "mmio_in 300", 2.0, 5.0), ("nested", "pgfault 100", 1.0, 2.0), ("nested", "tlbstress 50", 1.5, 4.0),
    ("shadow", "syscall 300", 0.98, 1.05), ("shadow", "exc 300", 0.98, 1.05), ("shadow", "ptemod 300", 20, 500),
    ("shadow", "mmio_in 300", 2.0, 5.0), ("shadow", "pgfault 100", 5.0, 50), ("shadow", "tlbstress 50", 0.98, 1.05),
])
def test_nanobenchmarks_relative_to_native(mmu, workload, low, high):
    ratio = per_iter("hvm", workload, mmu=mmu) / per_iter("native", workload)
    assert low <= ratio <= high, ratio
