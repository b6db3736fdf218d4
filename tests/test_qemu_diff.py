"""QEMU as the oracle.

1. Differential programs (tests/programs/diff/*.c): each runs on QEMU virt
   and on pyvirt; the console output (16550 UART) must be byte-identical and
   the exit status (sifive_test finisher: 0x5555 -> 0) the same.
       qemu-system-riscv64 -machine virt -bios none -nographic -m 128M \
           -cpu rv64,c=true,f=false,d=false,h=false,v=false -kernel FILE
       python -m pyvirt run --bios none FILE
2. The ISA tests themselves are validated on QEMU, so that a pyvirt failure
   points at pyvirt and not at the test: on the `spike` machine (which has
   HTIF tohost: exit status = failing case number) and on `virt` (the test
   environment also writes the sifive_test finisher after tohost).
       qemu-system-riscv64 -machine spike -bios none -nographic -m 128M -cpu ... -kernel FILE
       qemu-system-riscv64 -machine virt  -bios none -nographic -m 128M -cpu ... -kernel FILE
   The -cpu options make QEMU's hart match pyvirt's (misa = RV64ACIMSU).
   Tests that need the time CSR cannot run on spike (see SPIKE_UNSUPPORTED).
"""
from __future__ import annotations

import difflib
import shutil
import subprocess
from pathlib import Path

import pytest

try:
    from test_isa import diff_program_names, isa_test_names, programs_dir, run_pyvirt  # noqa: F401
except ImportError:  # tests/ imported as a package
    from .test_isa import diff_program_names, isa_test_names, programs_dir, run_pyvirt  # noqa: F401

QEMU = "qemu-system-riscv64"
QEMU_CPU = "rv64,c=true,f=false,d=false,h=false,v=false"
QEMU_TIMEOUT = 60  # seconds; every program finishes in well under a second
PYVIRT_DIFF_TIMEOUT = 900

SPIKE_UNSUPPORTED = {
    "rv64si-time": "QEMU spike harts have no time CSR (its CLINT provides no rdtime)",
    "rv64si-sstc": "QEMU spike harts have no time CSR, hence no Sstc stimecmp",
}


@pytest.fixture(scope="session")
def qemu() -> str:
    path = shutil.which(QEMU)
    if path is None:
        pytest.skip(f"{QEMU} not found (Debian package qemu-system-misc)")
    return path


def run_qemu(qemu: str, machine: str, elf: Path) -> subprocess.CompletedProcess:
    cmd = [qemu, "-machine", machine, "-bios", "none", "-nographic", "-m", "128M",
           "-cpu", QEMU_CPU, "-kernel", str(elf)]
    try:
        return subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=QEMU_TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"QEMU did not finish within {QEMU_TIMEOUT}s: {' '.join(cmd)}")


def first_difference(expected: bytes, actual: bytes, context: int = 40) -> str:
    diff = difflib.unified_diff(expected.decode(errors="replace").splitlines(),
                                actual.decode(errors="replace").splitlines(),
                                "qemu", "pyvirt", lineterm="", n=2)
    return "\n".join(list(diff)[:context])


@pytest.mark.parametrize("name", diff_program_names())
def test_diff_program(programs_dir: Path, qemu: str, name: str) -> None:
    elf = programs_dir / "diff" / f"{name}.elf"
    reference = run_qemu(qemu, "virt", elf)
    assert reference.returncode == 0, (
        f"{name} fails on QEMU itself (status {reference.returncode}):\n"
        f"{reference.stdout.decode(errors='replace')[-2000:]}")
    result = run_pyvirt(elf, timeout=PYVIRT_DIFF_TIMEOUT)
    assert result.stdout == reference.stdout, (
        f"{name}: console output differs from QEMU\n{first_difference(reference.stdout, result.stdout)}\n"
        f"pyvirt stderr:\n{result.stderr.decode(errors='replace')[-2000:]}")
    assert result.returncode == reference.returncode, (
        f"{name}: exit status {result.returncode}, QEMU {reference.returncode}")


def spike_params() -> list:
    return [pytest.param(name, marks=pytest.mark.skip(reason=SPIKE_UNSUPPORTED[name]))
            if name in SPIKE_UNSUPPORTED else name
            for name in isa_test_names()]


@pytest.mark.parametrize("name", spike_params())
def test_isa_on_qemu_spike(programs_dir: Path, qemu: str, name: str) -> None:
    result = run_qemu(qemu, "spike", programs_dir / "isa" / f"{name}.elf")
    assert result.returncode == 0, f"{name}: test case {result.returncode} fails on QEMU spike"


# QEMU raises timer interrupts from a host timer callback, asynchronously to the guest: on a
# loaded host a timer test can see the interrupt late. Those tests get a few tries on QEMU (the
# oracle's timing, not the program under test, is what varies; pyvirt runs them once).
QEMU_TIMER_TESTS = ("rv64mi-mtimer", "rv64si-sstc", "rv64si-time", "rv64si-wfi")


@pytest.mark.parametrize("name", isa_test_names())
def test_isa_on_qemu_virt(programs_dir: Path, qemu: str, name: str) -> None:
    for _ in range(3 if name in QEMU_TIMER_TESTS else 1):
        result = run_qemu(qemu, "virt", programs_dir / "isa" / f"{name}.elf")
        if result.returncode == 0:
            break
    assert result.returncode == 0, f"{name}: test case {result.returncode} fails on QEMU virt"
