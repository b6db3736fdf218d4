"""Snapshot at N, restore in a fresh VMM, continue: the final statistics (every counter, cycle
category and device count) and the console output equal the uninterrupted run's, in native
and trap mode, for bare M-mode guests and the kernel."""
import pytest

from .helpers import bare_config, kernel_config, split_run, straight

STOPPED = 3       # the bare guests run 30-50 M instructions: both runs end at the instruction limit
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
    want = straight(make(mode))
    assert want[0] == status, want[2][-500:]
    got = split_run(make(mode), n, str(tmp_path / "vm.snap"))
    assert got[2] == want[2], "console output differs"
    assert got[1] == want[1], "statistics differ"
    assert got[0] == want[0]
