"""Guest MIPS of pyvirt's native mode on the compute-bound bare-metal guests.

Run with `python -m pytest benchmarks --benchmark-only` (see README.md).
Each benchmark runs one guest three times (fresh VMM each round), checks it
powered off with status 0 and retired the expected number of instructions,
and reports MIPS in benchmark.extra_info['mips'].
"""
import pytest

pytest.importorskip("pytest_benchmark")

# Instructions retired from 0x8000_0000 to the finisher store, measured on
# QEMU 7.2 (`-singlestep -d nochain,exec`, one log line per instruction,
# minus the 6 instructions of QEMU's reset ROM at 0x1000, which pyvirt's
# `--bios none` does not run).  intloop is also 4,000,000 iterations x 13
# instructions + 530 by inspection of its disassembly.
EXPECTED_INSNS = {
    "intloop": 52_000_530,
    "crc32": 30_272_637,
    "qsort": 27_899_278,
    "matmul": 30_115_711,
}

# The count must be of this order: counting conventions may differ slightly
# from QEMU's (e.g. the final store), but a guest that stopped early, looped
# or took a different path is far outside.
TOLERANCE = 0.10


@pytest.mark.parametrize("name", sorted(EXPECTED_INSNS))
def test_guest_mips(run_guest, name):
    expected = EXPECTED_INSNS[name]
    # A runaway guest is stopped at twice the expected count.
    insns, mips = run_guest(name, max_insns=2 * expected)
    assert abs(insns - expected) <= TOLERANCE * expected, \
        f"{name}: retired {insns} instructions, expected about {expected}"
    assert mips > 0
