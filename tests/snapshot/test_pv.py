"""Snapshots of pv mode: the core (virtual CPU, counters), direct paging's frame table, the
event channels, the block ring and the PV console are saved with the machine, and a restored
run ends bit-identical to the uninterrupted one — also with a ring request's response event
pending and with a timer event raised but not yet delivered."""
import os

import pytest

from pyvirt.config import MachineConfig

from .helpers import KERNEL, first_point, scratch_disk, split_run, straight

KERNEL_PV = os.path.join(os.path.dirname(KERNEL), "kernel-pv.elf")
SHARED_EVTCHN_PENDING = 128


def pv_config(append, drives=()):
    return MachineConfig(kernel=KERNEL_PV, mode="pv", append=append, mem_bytes=64 << 20, drives=list(drives),
                         max_insns=50_000_000)


@pytest.mark.parametrize("append,n", [("run syscall 300", 150_000), ("run pgfault 100; run forkwait 5", 400_000),
                                      ("run ctxsw 50; run ptemod 100", 300_000)])
def test_restored_pv_run_is_bit_identical(tmp_path, append, n):
    want = straight(pv_config(append))
    assert want[0] == 0, want[2][-500:]
    assert split_run(pv_config(append), n, str(tmp_path / "vm.snap")) == want


def event_pending(vmm):
    """An event port is pending in the shared page (raised, not yet taken by the guest)."""
    shared = vmm.core.shared_pa
    return shared != 0 and any(vmm.board.bus.read_u64(shared + SHARED_EVTCHN_PENDING + 8 * i) for i in range(2))


def test_snapshot_mid_pv_ring_io(tmp_path):
    def config(name):
        return pv_config("run disk pv 64", drives=[f"file={scratch_disk(str(tmp_path / name))},if=pv"])
    n = first_point(config("probe.img"), event_pending, step=997, limit=3_000_000)
    want = straight(config("straight.img"))
    assert want[0] == 0 and b"DONE name=disk status=0" in want[2]
    got = split_run(config("split.img"), n, str(tmp_path / "vm.snap"))
    assert got == want
    assert (tmp_path / "split.img").read_bytes() == (tmp_path / "straight.img").read_bytes()
