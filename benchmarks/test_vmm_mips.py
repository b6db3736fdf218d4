"""Guest MIPS under the VMMs — trap mode (full virtualization by trap-and-emulate) and hvm
(hardware assist, nested paging) — on the compute-bound bare-metal guests, against native.

Run with `python -m pytest benchmarks --benchmark-only` (see README.md). Each benchmark runs
one guest under `--mode trap` or `--mode hvm` three times (the pytest-benchmark measurement),
then times native and VMM rounds interleaved (best of 3 each, so host load hits both alike)
and checks the VMM's speed is at least half of native's: the guest's M-mode code runs in the
interpreter loop (trap: in U-mode through an identity shadow map; hvm: in non-root mode
through the second stage), so only its privileged instructions and UART accesses leave it.
"""
import time

import pytest

from test_mips import EXPECTED_INSNS, TOLERANCE

pytest.importorskip("pytest_benchmark")

MIN_RATIO = 0.5


def best_seconds(pyvirt_api, path, mode, max_insns):
    MachineConfig, create = pyvirt_api
    vmm = create(MachineConfig(kernel=path, bios="none", profile="unit", max_insns=max_insns, mode=mode))
    t0 = time.perf_counter()
    status = vmm.run()
    dt = time.perf_counter() - t0
    assert status == 0, f"{mode}: status {status}"
    return dt, vmm.stats()["instructions"]["total"]


@pytest.mark.parametrize("mode", ["trap", "hvm"])
@pytest.mark.parametrize("name", sorted(EXPECTED_INSNS))
def test_vmm_mips(run_guest, pyvirt_api, guest_path, name, mode):
    expected = EXPECTED_INSNS[name]
    insns, mips = run_guest(name, max_insns=2 * expected, mode=mode)
    assert abs(insns - expected) <= TOLERANCE * expected
    path = guest_path(name)
    native, vmm = [], []
    for _ in range(3):
        dt, n = best_seconds(pyvirt_api, path, "native", 2 * expected)
        native.append(n / dt / 1e6)
        dt, t = best_seconds(pyvirt_api, path, mode, 2 * expected)
        vmm.append(t / dt / 1e6)
        assert n == t == insns, f"{mode} mode retires exactly the native instructions"
    ratio = max(vmm) / max(native)
    print(f"\n{name}: native {max(native):.1f} MIPS, {mode} {max(vmm):.1f} MIPS, ratio {ratio:.2f}")
    assert ratio >= MIN_RATIO, f"{name}: {mode} mode runs at {ratio:.2f}x native (target >= {MIN_RATIO})"
