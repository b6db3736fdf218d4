"""S-mode programs that use the SBI like a kernel does (tests/programs/sbi/), run on pyvirt's
built-in SBI and on QEMU virt with its default OpenSBI (the differential oracle).

Each program prints a first marker line `== sbi-<name> ==`, then only relations and error
codes that do not depend on the machine or the SBI implementation, and powers off with SRST
(or the legacy shutdown). Checks:
  - pyvirt prints exactly tests/programs/sbi/<name>.expected and exits with status 0;
  - QEMU prints the same after its OpenSBI banner (everything before the marker line is dropped,
    and the CRs OpenSBI's console adds before each LF are removed) and also exits with 0;
  - on pyvirt, the DBCN calls of the console program are really made (its output is the same
    when it falls back to the legacy putchar, as on QEMU 7.2's OpenSBI 1.1, which has no DBCN).
Skipped when the cross toolchain (build) or QEMU (oracle) is missing.
"""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "tests" / "programs" / "sbi"
BUILD = REPO / "tests" / "programs" / "build" / "sbi"
PROGRAMS = sorted(p.stem for p in SRC.glob("*.c") if p.stem != "lib")
CC = "riscv64-unknown-elf-gcc"
QEMU = "qemu-system-riscv64"
TIMEOUT_S = 60


@pytest.fixture(scope="module")
def built():
    if shutil.which(CC) is None:
        if all((BUILD / f"{p}.elf").exists() for p in PROGRAMS):
            return BUILD
        pytest.skip("riscv64-unknown-elf-gcc not installed")
    subprocess.run(["make", "-s", "-C", str(SRC)], check=True, capture_output=True, timeout=300)
    return BUILD


def run_pyvirt(elf, *extra):
    proc = subprocess.run([sys.executable, "-m", "pyvirt", "run", str(elf), *extra], cwd=REPO,
                          stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT_S)
    return proc.returncode, proc.stdout.decode(), proc.stderr.decode()


def program_output(raw, name):
    """The program's output: from its marker line on, without CRs."""
    text = raw.replace("\r", "")
    marker = f"== sbi-{name.replace('_', '-')} ==\n"
    start = text.find(marker)
    assert start >= 0, f"marker {marker!r} not found in:\n{text[-2000:]}"
    return text[start:]


def run_qemu(elf):
    proc = subprocess.run([QEMU, "-machine", "virt", "-nographic", "-m", "128M", "-kernel", str(elf)],
                          stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT_S)
    return proc.returncode, proc.stdout.decode(errors="replace")


@pytest.mark.parametrize("name", PROGRAMS)
def test_pyvirt_output(built, name):
    status, out, err = run_pyvirt(built / f"{name}.elf")
    expected = (SRC / f"{name}.expected").read_text()
    assert program_output(out, name) == expected, err
    assert out == expected, "nothing but the program's output on pyvirt's console"
    assert status == 0, err


@pytest.mark.skipif(shutil.which(QEMU) is None, reason="qemu-system-riscv64 not installed")
@pytest.mark.parametrize("name", PROGRAMS)
def test_qemu_opensbi_matches_pyvirt(built, name):
    q_status, q_out = run_qemu(built / f"{name}.elf")
    p_status, p_out, p_err = run_pyvirt(built / f"{name}.elf")
    assert program_output(q_out, name) == program_output(p_out, name)
    assert q_status == 0, "QEMU: SRST shutdown exits with status 0"
    assert p_status == q_status, p_err


def test_expected_files_cover_every_program():
    assert PROGRAMS and sorted(p.stem for p in SRC.glob("*.expected")) == PROGRAMS
    for name in PROGRAMS:
        text = (SRC / f"{name}.expected").read_text()
        assert text.startswith(f"== sbi-{name.replace('_', '-')} ==\n") and text.endswith("== done ==\n")
        assert "WRONG" not in text and "FAILED" not in text and ": no interrupt" not in text


def sbi_calls(built, name, tmp_path):
    stats = tmp_path / f"{name}.json"
    status, _, err = run_pyvirt(built / f"{name}.elf", "--stats", str(stats))
    assert status == 0, err
    data = json.loads(stats.read_text())
    assert data["exit"]["power"] == "shutdown"
    return data["firmware"]["sbi_calls"]


def test_console_really_uses_dbcn_on_pyvirt(built, tmp_path):
    calls = sbi_calls(built, "console", tmp_path)
    dbcn = 0x4442434E
    assert calls.get(f"0x{dbcn:x}/0") == 2, calls           # write (the line, then an empty write)
    assert calls.get(f"0x{dbcn:x}/1") == 1, calls           # read (no input)
    assert calls.get(f"0x{dbcn:x}/2") == len("dbcn write_byte: ok\n"), calls
    assert calls.get("0x1/0", 0) > 0                         # legacy putchar


def test_timer_and_ipi_calls_are_recorded(built, tmp_path):
    calls = sbi_calls(built, "timer", tmp_path)
    assert calls.get(f"0x{0x54494D45:x}/0", 0) >= 4 and calls.get("0x0/0") == 1
    calls = sbi_calls(built, "ipi", tmp_path)
    assert calls.get(f"0x{0x735049:x}/0") == 4 and calls.get("0x4/0") == 1 and calls.get("0x3/0") == 1
