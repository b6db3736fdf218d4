"""Snapshot at N, restore in a fresh VMM, continue: the final statistics (every counter, cycle
category and device count) and the console output equal the uninterrupted run's, in native
and trap mode (shadow paging also in hvm), for bare M-mode guests and the kernel."""
import json

import pytest

from .helpers import (STOPPED, assert_split_equals_straight, bare_config, hosted_profile, kernel_config, paused,
                      restored, save, scratch_disk, straight)

CASES = [
    ("bare-hello", lambda mode: bare_config(mode, "hello"), 200, 0),
    ("bare-crc32", lambda mode: bare_config(mode, "crc32"), 1_234_567, STOPPED),
    ("bare-qsort", lambda mode: bare_config(mode, "qsort"), 777_777, STOPPED),
    ("kernel-syscall", lambda mode: kernel_config(mode, "run syscall 300"), 150_000, 0),
    ("kernel-pgfault-forkwait", lambda mode: kernel_config(mode, "run pgfault 100; run forkwait 5"), 400_000, 0),
    ("kernel-ctxsw", lambda mode: kernel_config(mode, "run ctxsw 50"), 300_000, 0),
]


@pytest.mark.parametrize("mode", ["native", "trap"])
@pytest.mark.parametrize("name,make,n,status", CASES, ids=[c[0] for c in CASES])
def test_restored_run_is_bit_identical(tmp_path, mode, name, make, n, status):
    assert_split_equals_straight(lambda: make(mode), n, str(tmp_path / "vm.snap"), status)


@pytest.mark.parametrize("mode,options", [("trap", {}), ("hvm", {"mmu": "shadow"})], ids=["trap", "hvm-shadow"])
@pytest.mark.parametrize("policy", ["trace", "resync"])
def test_shadow_policies_small_pool_and_hosted_profile(tmp_path, mode, options, policy):
    """A 64-page pool and 4 roots force evictions and resets on both sides of the snapshot."""
    profile = hosted_profile(tmp_path)

    def make():
        return kernel_config(mode, "run ptemod 200; run mmio_in 50; run tlbstress 2000 64", shadow_policy=policy,
                             shadow_pool_bytes=64 * 4096, shadow_roots=4, profile=profile, **options)
    stats = assert_split_equals_straight(make, 400_000, str(tmp_path / "vm.snap"))
    assert stats[mode]["shadow"]["roots_evicted"] > 0 and stats[mode]["host_exits"] > 0


@pytest.mark.parametrize("mode", ["native", "trap"])
def test_pio_disk_and_a_snapshot_of_a_restored_run(tmp_path, mode):
    def make(name):
        return kernel_config(mode, "run disk pio 16", drives=[f"file={scratch_disk(str(tmp_path / name))},if=pio"])
    want = straight(make("straight.img"))
    assert want[0] == 0
    first, before = paused(make("split.img"), 100_000)
    save(first, str(tmp_path / "one.snap"))
    second, console = restored(str(tmp_path / "one.snap"))
    second.pause_at = 250_000
    assert second.run() is None and second.hart.instret == 250_000
    middle = bytes(console.buffer)
    save(second, str(tmp_path / "two.snap"))
    third, console = restored(str(tmp_path / "two.snap"))
    status = third.run()
    assert (status, json.dumps(third.stats(), sort_keys=True), before + middle + bytes(console.buffer)) == want
