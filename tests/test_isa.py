"""ISA conformance: the tohost-style test programs run on pyvirt.

The programs live in tests/programs/isa/<suite>/<name>.S (suites rv64ui,
rv64um, rv64ua, rv64uc, rv64mi, rv64si) and are built once per session by
tests/programs/Makefile into a temporary directory.  Each starts in M-mode
at 0x80000000 and ends by writing the `tohost` doubleword: 1 for a pass,
(N << 1) | 1 when test case N fails.  pyvirt stops at a non-zero tohost
write and exits with status value >> 1, so a pass is exit status 0 and a
failure's status is the number of the failing case (the case numbers are
the first argument of the TEST_* macros in the source).

Command per test:
    python -m pyvirt run --bios none --max-insns 5000000 <build>/isa/<suite>-<name>.elf
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PROGRAMS = REPO / "tests" / "programs"
CROSS_GCC = "riscv64-unknown-elf-gcc"
MAX_INSNS = 5_000_000
PYVIRT_TIMEOUT = 600  # seconds of wall clock; the instruction budget ends a runaway test first


def isa_test_names() -> list[str]:
    """Names (<suite>-<name>) of all ISA tests, found from the sources."""
    return sorted(f"{src.parent.name}-{src.stem}"
                  for src in (PROGRAMS / "isa").glob("rv64*/*.S"))


def diff_program_names() -> list[str]:
    """Names of the differential programs (tests/programs/diff, minus the runtime)."""
    runtime = {"crt", "lib"}
    return sorted({src.stem for pattern in ("*.c", "*.S")
                   for src in (PROGRAMS / "diff").glob(pattern)} - runtime)


def build_programs(dest: Path) -> Path:
    """Build every test program into `dest` (skip if there is no cross compiler)."""
    if shutil.which(CROSS_GCC) is None:
        pytest.skip(f"{CROSS_GCC} not found: the RISC-V test programs cannot be built "
                    "(Debian package gcc-riscv64-unknown-elf)")
    if shutil.which("make") is None:
        pytest.skip("make not found: the RISC-V test programs cannot be built")
    result = subprocess.run(["make", "-C", str(PROGRAMS), f"BUILD={dest}", "-j4", "all"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        pytest.fail(f"building tests/programs failed:\n{result.stdout}\n{result.stderr}")
    return dest


@pytest.fixture(scope="session")
def programs_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Directory holding isa/*.elf and diff/*.elf, built once per session."""
    return build_programs(tmp_path_factory.mktemp("programs"))


def run_pyvirt(elf: Path, *options: str, timeout: float = PYVIRT_TIMEOUT) -> subprocess.CompletedProcess:
    """`python -m pyvirt run --bios none [options] ELF`, from the repository root."""
    return subprocess.run([sys.executable, "-m", "pyvirt", "run", "--bios", "none", *options, str(elf)],
                          cwd=REPO, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)


def explain_status(status: int) -> str:
    if status > 0:
        return f"exit status {status}: test case {status} failed (tohost = {(status << 1) | 1:#x})"
    return f"exit status {status}: the run did not end through tohost"


@pytest.mark.parametrize("name", isa_test_names())
def test_isa(programs_dir: Path, name: str) -> None:
    elf = programs_dir / "isa" / f"{name}.elf"
    result = run_pyvirt(elf, "--max-insns", str(MAX_INSNS))
    assert result.returncode == 0, (
        f"{name}: {explain_status(result.returncode)}\n"
        f"stdout:\n{result.stdout.decode(errors='replace')[-4000:]}\n"
        f"stderr:\n{result.stderr.decode(errors='replace')[-4000:]}")
