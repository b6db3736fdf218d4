"""Shared fixtures for pyvirt's emulator-throughput benchmarks.

The benchmarks run the compute-bound bare-metal guests of guests/prebuilt/ on
pyvirt with `--bios none` (natively, and under trap and hvm mode: test_vmm_mips.py) and
report guest MIPS (instructions retired / host wall seconds).  See README.md.
"""
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PREBUILT = REPO / "guests" / "prebuilt"

# (name, mode) -> (MIPS, instructions, best seconds) of every benchmark that ran; printed
# in the terminal summary so the numbers show without `-s`.
_RESULTS = {}


@pytest.fixture(scope="session")
def pyvirt_api():
    """(MachineConfig, create) from pyvirt, or skip when the core is not built."""
    try:
        from pyvirt.config import MachineConfig
        from pyvirt.hypervisors import create
    except ImportError as exc:      # Cython extensions not built yet, or core missing
        pytest.skip(f"pyvirt core not importable ({exc}); "
                    "build it with `python setup.py build_ext --inplace`")
    return MachineConfig, create


@pytest.fixture(scope="session")
def guest_path():
    """guest_path(name) -> str path of guests/prebuilt/<name>.elf (must exist)."""
    def path(name):
        p = PREBUILT / f"{name}.elf"
        if not p.is_file():
            pytest.fail(f"{p} missing: run `make -C guests prebuilt`")
        return str(p)
    return path


@pytest.fixture
def run_guest(benchmark, pyvirt_api, guest_path):
    """run_guest(name, max_insns, mode="native") benchmarks one guest and returns its MIPS.

    Each round builds a fresh VMM outside the timed region (ELF load, board
    set-up), then times `vmm.run()` alone.  Records in benchmark.extra_info:
    mips (instructions / fastest round), mips_mean, instructions, seconds_min,
    statuses.
    """
    MachineConfig, create = pyvirt_api

    def run(name, max_insns, mode="native"):
        path = guest_path(name)
        rounds = []                 # (status, instructions, wall seconds)

        def setup():
            cfg = MachineConfig(kernel=path, bios="none", profile="unit",
                                max_insns=max_insns, mode=mode)
            return (create(cfg),), {}

        def target(vmm):
            t0 = time.perf_counter()
            status = vmm.run()
            dt = time.perf_counter() - t0
            rounds.append((status, vmm.stats()["instructions"]["total"], dt))

        benchmark.pedantic(target, setup=setup, rounds=3, iterations=1)

        statuses = [s for s, _, _ in rounds]
        counts = {n for _, n, _ in rounds}
        assert statuses and all(s == 0 for s in statuses), \
            f"{name}: guest exit status {statuses}, expected 0"
        assert len(counts) == 1, f"{name}: instruction counts differ between rounds: {counts}"
        insns = counts.pop()
        best = min(dt for _, _, dt in rounds)
        mean = sum(dt for _, _, dt in rounds) / len(rounds)
        mips = insns / best / 1e6
        benchmark.extra_info.update({
            "mips": round(mips, 3),
            "mips_mean": round(insns / mean / 1e6, 3),
            "instructions": insns,
            "seconds_min": round(best, 6),
            "statuses": statuses,
            "mode": mode,
        })
        _RESULTS[(name, mode)] = (mips, insns, best)
        print(f"\n{name} ({mode}): {insns} instructions, best {best:.3f} s, {mips:.1f} MIPS")
        return insns, mips

    return run


def pytest_terminal_summary(terminalreporter):
    if not _RESULTS:
        return
    tr = terminalreporter
    tr.section("pyvirt guest MIPS (--bios none, best of 3)")
    for name, mode in sorted(_RESULTS):
        mips, insns, best = _RESULTS[(name, mode)]
        ratio = ""
        if mode != "native" and (name, "native") in _RESULTS:
            ratio = f"  {mips / _RESULTS[(name, 'native')][0]:5.2f}x native"
        tr.write_line(f"{name:10s} {mode:7s} {insns:>12,d} insns  {best:8.3f} s  {mips:8.1f} MIPS{ratio}")
