"""The [AA06] shape under the p4-2006 profile with nested paging: system calls and exceptions
cost what they cost natively (no exits), a device access pays a VM exit and entry (far above
native), page-table updates need no VMM (close to native), and TLB misses pay the 2D walk."""
import re

import pytest

from tests.test_guest_kernel import KERNEL
from tests.trap.harness import run


def per_iter(mode, workload, **extra):
    r = run(KERNEL, mode, bios="builtin", append=f"run {workload}", profile="p4-2006", max_insns=50_000_000,
            **extra)
    assert r.status == 0, r.vmm.diagnostic
    return float(re.search(r"per_iter=([0-9.]+)", r.output).group(1))


@pytest.mark.parametrize("workload,low,high", [
    ("syscall 300", 0.98, 1.05), ("exc 300", 0.98, 1.05), ("ptemod 300", 0.98, 1.05),
    ("mmio_in 300", 2.0, 5.0), ("tlbstress 50", 1.5, 4.0),
])
def test_nested_nanobenchmarks_relative_to_native(workload, low, high):
    ratio = per_iter("hvm", workload) / per_iter("native", workload)
    assert low <= ratio <= high, ratio
