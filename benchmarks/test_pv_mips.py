"""Guest MIPS under pv mode (paravirtualization) against native, on kernel workloads: the
compute-bound `compute` (almost no VMM entries) and the system-call-heavy `build` (every
system call is a bounce and a trap_return through the VMM, every page fault a hypercall).

Run with `python -m pytest benchmarks --benchmark-only`. Native and pv rounds are timed
interleaved (best of 3 each, so host load hits both alike); pv mode's speed must be at least
half of native's: the guest runs in the same interpreter loop and leaves it only at
hypercalls, bounced traps and device accesses.
"""
import time

import pytest

from conftest import PREBUILT

from pyvirt.experiments.execute import CaptureConsole

pytest.importorskip("pytest_benchmark")

MIN_RATIO = 0.5
WORKLOADS = {"compute": "run compute 30", "build": "run build 20; run build 20; run build 20"}


def timed_run(pyvirt_api, mode, append):
    """(instructions, wall seconds of vmm.run()) of one run of the bundled kernel."""
    MachineConfig, create = pyvirt_api
    kernel = PREBUILT / ("kernel-pv.elf" if mode == "pv" else "kernel-native.elf")
    vmm = create(MachineConfig(kernel=str(kernel), mode=mode, profile="unit", append=append),
                 console=CaptureConsole())
    t0 = time.perf_counter()
    status = vmm.run()
    dt = time.perf_counter() - t0
    assert status == 0, f"{mode}: status {status}"
    return vmm.stats()["instructions"]["total"], dt


@pytest.mark.parametrize("name", sorted(WORKLOADS))
def test_pv_mode_mips(benchmark, pyvirt_api, name):
    append = WORKLOADS[name]
    benchmark.pedantic(timed_run, args=(pyvirt_api, "pv", append), rounds=1, iterations=1)
    native, pv = [], []
    for _ in range(3):
        n, dt = timed_run(pyvirt_api, "native", append)
        native.append(n / dt / 1e6)
        n, dt = timed_run(pyvirt_api, "pv", append)
        pv.append(n / dt / 1e6)
    ratio = max(pv) / max(native)
    benchmark.extra_info.update(native_mips=max(native), pv_mips=max(pv), ratio=ratio)
    print(f"\n{name}: native {max(native):.1f} MIPS, pv {max(pv):.1f} MIPS, ratio {ratio:.2f}")
    assert ratio >= MIN_RATIO, f"{name}: pv mode runs at {ratio:.2f}x native (target >= {MIN_RATIO})"
